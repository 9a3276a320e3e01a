"""`when` conditions: Jinja2 expressions over earlier answers, run in the sandbox.

Compiled once when the banks load, so a bad expression is a validation error
before the meeting, never a crash in the middle of it.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from jinja2 import TemplateSyntaxError, nodes
from jinja2.parser import Parser
from jinja2.sandbox import ImmutableSandboxedEnvironment

# Names every condition may use besides the ids of its own bank's questions.
GLOBAL_NAMES = frozenset({"answers", "phase", "purposes", "none", "true", "false"})


class ConditionError(ValueError):
    """The expression does not parse."""


@cache
def _environment() -> ImmutableSandboxedEnvironment:
    return ImmutableSandboxedEnvironment()


class Condition:
    def __init__(self, source: str) -> None:
        self.source = source
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
            raise ConditionError(f"ongeldige voorwaarde '{source}': {exc.message}") from None

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
