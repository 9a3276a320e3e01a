"""`when` conditions: Jinja2 expressions over earlier answers, run in the sandbox.

Compiled once when the banks load, so a bad expression is a validation error
before the meeting, never a crash in the middle of it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from jinja2 import TemplateSyntaxError, nodes
from jinja2.exceptions import SecurityError
from jinja2.parser import Parser
from jinja2.sandbox import ImmutableSandboxedEnvironment

# Names every condition may use besides the ids of its own bank's questions.
GLOBAL_NAMES = frozenset({"answers", "phase", "purposes", "none", "true", "false"})


_JINJA_SYNTAX = (
    (re.compile(r"^unexpected end of template.*", re.S), "de uitdrukking stopt te vroeg"),
    (re.compile(r"^unexpected 'end of template'.*", re.S), "de uitdrukking stopt te vroeg"),
    (re.compile(r"^unexpected char \"'\".*", re.S), "een aanhalingsteken wordt niet gesloten"),
    (re.compile(r"^unexpected '(.+?)'.*", re.S), r"onverwacht '\1'"),
    (re.compile(r"^expected token '.+?', got '(.+?)'.*", re.S), r"onverwacht '\1'"),
    (re.compile(r"^unexpected char '(.+?)'.*", re.S), r"onverwacht teken '\1'"),
    (re.compile(r"^unexpected end of string.*", re.S), "een aanhalingsteken wordt niet gesloten"),
)


def _dutch(message: str | None) -> str:
    """Jinja's parser speaks English; the common cases in Dutch."""
    text = (message or "").strip()
    for pattern, dutch in _JINJA_SYNTAX:
        if pattern.match(text):
            return pattern.sub(dutch, text)
    return text


class ConditionError(ValueError):
    """The expression does not parse, or is too long or too deeply nested."""


# A condition reads one or two answers; these bounds are far above any real
# one and far below what makes Jinja's recursive parser give up (RecursionError).
MAX_CONDITION_CHARS = 1000
MAX_CONDITION_DEPTH = 10
_OPENING, _CLOSING = "([{", ")]}"


def _nesting(source: str) -> int:
    """How deeply brackets nest, and `not`s stack up, outside quoted text (roughly is enough)."""
    depth = deepest = 0
    quote = ""
    for char in source:
        if quote:
            quote = "" if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char in _OPENING:
            depth += 1
            deepest = max(deepest, depth)
        elif char in _CLOSING:
            depth -= 1
    nots = max((len(m) for m in re.findall(r"(?:\bnot\s+)+", source)), default=0) // 4
    return max(deepest, nots)


@dataclass(frozen=True)
class Comparison:
    """One comparison of an answer with literal values, as written in a condition.

    `richting == 'Ja'`, `richting in ['Ja', 'Nee']` and `'Opleiding' in wensen`
    (then `contains` is true: the answer is expected to hold a list). `name` is a
    question id of the own bank, or `phase` / `purposes`; `answer_key` is set
    instead for `answers['bank.vraag']`.
    """

    name: str
    op: str  # eq, ne, in, notin
    values: tuple[Any, ...]
    contains: bool = False
    answer_key: str | None = None


class _BoundedSandbox(ImmutableSandboxedEnvironment):
    """A condition compares answers; `'x' * 10**10` or `9 ** 99999` would only eat memory."""

    intercepted_binops = frozenset({"*", "**"})

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        for value in (left, right):
            if hasattr(value, "__len__") and len(value) > MAX_CONDITION_CHARS:
                raise SecurityError("te grote waarde in een voorwaarde")
        if operator == "**" and not (isinstance(right, (int, float)) and abs(right) <= 100):
            raise SecurityError("te grote macht in een voorwaarde")
        if operator == "*" and any(hasattr(v, "__len__") for v in (left, right)):
            times = right if hasattr(left, "__len__") else left
            if not isinstance(times, int) or times > MAX_CONDITION_CHARS:
                raise SecurityError("te grote herhaling in een voorwaarde")
        return super().call_binop(context, operator, left, right)


@cache
def _environment() -> ImmutableSandboxedEnvironment:
    return _BoundedSandbox()


class Condition:
    def __init__(self, source: str) -> None:
        self.source = source
        if len(source) > MAX_CONDITION_CHARS:
            raise ConditionError(
                f"voorwaarde te lang ({len(source)} tekens; hoogstens {MAX_CONDITION_CHARS})"
            )
        if _nesting(source) > MAX_CONDITION_DEPTH:
            raise ConditionError(
                f"voorwaarde te diep genest (meer dan {MAX_CONDITION_DEPTH} niveaus haakjes of 'not')"
            )
        env = _environment()
        try:
            parser = Parser(env, source, state="variable")
            self._ast = parser.parse_expression()
            if not parser.stream.eos:
                raise TemplateSyntaxError(
                    f"onverwacht '{parser.stream.current.value}' na de uitdrukking", 1
                )
            self._fn = env.compile_expression(source)
        except TemplateSyntaxError as exc:
            raise ConditionError(
                f"ongeldige voorwaarde '{source}': {_dutch(exc.message)}"
            ) from None
        except RecursionError:  # a shape the bounds above did not foresee
            raise ConditionError("voorwaarde te ingewikkeld (te diep genest)") from None

    def names(self) -> set[str]:
        """Bare names the expression reads (question ids of the own bank, globals)."""
        found = {n.name for n in self._all(nodes.Name) if n.ctx == "load"}
        return found - {"none", "true", "false", "True", "False", "None"}

    def _all(self, kind: type[nodes.Node]) -> list[Any]:
        # find_all skips the root node itself: `when: "wil_groeien"` is only a Name.
        root = [self._ast] if isinstance(self._ast, kind) else []
        return root + list(self._ast.find_all(kind))

    def answer_keys(self) -> set[str]:
        """Keys read as answers['bank.vraag'] or answers.get('bank.vraag')."""
        keys: set[str] = set()
        for item in self._all(nodes.Getitem):
            if _is_answers(item.node) and isinstance(item.arg, nodes.Const):
                keys.add(str(item.arg.value))
        for call in self._all(nodes.Call):
            target = call.node
            if (
                isinstance(target, nodes.Getattr)
                and target.attr == "get"
                and _is_answers(target.node)
                and call.args
                and isinstance(call.args[0], nodes.Const)
            ):
                keys.add(str(call.args[0].value))
        return keys

    def comparisons(self) -> list[Comparison]:
        """Every `answer == 'literal'`-like comparison, so validation can check the literals."""
        found: list[Comparison] = []
        for compare in self._all(nodes.Compare):
            left = compare.expr
            for operand in compare.ops:
                found.extend(_comparison(left, operand.op, operand.expr))
                left = operand.expr
        return found

    def negated_names(self) -> set[str]:
        """Names used as `not name` (true for a skipped answer as well as for `false`)."""
        return {
            node.node.name for node in self._all(nodes.Not) if isinstance(node.node, nodes.Name)
        }

    def is_constant(self) -> bool:
        return not self.names()

    def __call__(self, context: dict[str, Any]) -> bool:
        try:
            return bool(self._fn(**context))
        except Exception:
            # An answer of an unexpected shape (a skipped question compared with
            # a number): better to ask the question than to hide it.
            return True


def _is_answers(node: nodes.Node) -> bool:
    return isinstance(node, nodes.Name) and node.name == "answers"


def _subject(node: nodes.Node) -> tuple[str, str | None] | None:
    """(name, answer key) of what a comparison looks at: `x`, `(x or [])`, `x|default(..)`,
    `answers['bank.vraag']` or `answers.get('bank.vraag')`."""
    if isinstance(node, nodes.Or):
        return _subject(node.left)
    if isinstance(node, nodes.Filter) and node.name == "default" and node.node is not None:
        return _subject(node.node)
    if isinstance(node, nodes.Name):
        return node.name, None
    if (
        isinstance(node, nodes.Getitem)
        and _is_answers(node.node)
        and isinstance(node.arg, nodes.Const)
    ):
        key = str(node.arg.value)
        return key, key
    if (
        isinstance(node, nodes.Call)
        and isinstance(node.node, nodes.Getattr)
        and node.node.attr == "get"
        and _is_answers(node.node.node)
        and node.args
        and isinstance(node.args[0], nodes.Const)
    ):
        key = str(node.args[0].value)
        return key, key
    return None


def _literals(node: nodes.Node) -> tuple[Any, ...] | None:
    if not isinstance(node, (nodes.List, nodes.Tuple)):
        return None
    values = []
    for item in node.items:
        if not isinstance(item, nodes.Const):
            return None
        values.append(item.value)
    return tuple(values)


def _comparison(left: nodes.Node, op: str, right: nodes.Node) -> list[Comparison]:
    if op not in ("eq", "ne", "in", "notin"):
        return []
    left_subject, right_subject = _subject(left), _subject(right)
    if left_subject is not None:
        name, key = left_subject
        if isinstance(right, nodes.Const):
            # `x == 'a'`; `x in 'abc'` is a substring test, treated the same way
            return [Comparison(name, op, (right.value,), answer_key=key)]
        values = _literals(right) if op in ("in", "notin") else None
        if values is not None:
            return [Comparison(name, op, values, answer_key=key)]
    if right_subject is not None and isinstance(left, nodes.Const):
        name, key = right_subject
        contains = op in ("in", "notin")
        return [Comparison(name, op, (left.value,), contains=contains, answer_key=key)]
    return []
