"""What `loopbaan banks validate` finds beyond the schema: per bank and across banks.

A bank is walked once, question by question, and each checker looks at one
thing (catalogue references, ids, choices, the `when` condition), so the
problems come out in file order. A `when` is also tried against every answer
its questions can have (their domain, from the type registry in types.py): a
question that no conversation can bring up is a warning, not a silent gap.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from loopbaan_cli.banks.conditions import GLOBAL_NAMES, Comparison, Condition, ConditionError
from loopbaan_cli.banks.types import TYPES, Limits, first_text
from loopbaan_cli.kernel.errors import Problem, Severity

if TYPE_CHECKING:
    from loopbaan_cli.banks.library import Library, LoadedBank
    from loopbaan_cli.banks.model import Question, QuestionBank, Section
    from loopbaan_cli.kernel import yamlio

ERROR, WARNING = Severity.ERROR, Severity.WARNING
Loc = tuple[str | int, ...]


@dataclass
class _Bank:
    """One bank being checked, and what the walk has learned so far."""

    bank: QuestionBank
    marks: yamlio.Marks
    name: str
    library: Library
    conditions: dict[str, Condition]  # filled in: question id -> compiled `when`
    by_id: dict[str, Question] = field(default_factory=dict)
    earlier: set[str] = field(default_factory=set)  # the questions before this one
    never: set[str] = field(default_factory=set)  # questions no conversation asks: always none

    def __post_init__(self) -> None:
        for _, question in self.bank.questions():
            self.by_id.setdefault(question.id, question)

    def problem(self, loc: Loc, message: str, severity: Severity = ERROR) -> Problem:
        return Problem(self.name, *self.marks.at(loc), message, severity)


def check_bank(
    bank: QuestionBank,
    marks: yamlio.Marks,
    name: str,
    library: Library,
    conditions: dict[str, Condition],
) -> list[Problem]:
    """Every problem of one bank that loaded; `conditions` gets its compiled `when`s."""
    walk = _Bank(bank, marks, name, library, conditions)
    problems = check_catalogue_refs(walk)
    # A bank that gives plain wordings gives one for every question; a bank
    # without any (a user's own, say) is not nagged about each of them.
    uses_plain = any(q.plain.strip() for _, q in bank.questions())
    section_ids: set[str] = set()
    question_ids: set[str] = set()
    for s_index, section in enumerate(bank.sections):
        where: Loc = ("sections", s_index)
        problems += check_section(walk, section, where, section_ids)
        for q_index, question in enumerate(section.questions):
            at: Loc = (*where, "questions", q_index)
            problems += check_ids(walk, question, at, question_ids, uses_plain)
            problems += check_choices(walk, question, at)
            if question.when:
                problems += check_when(walk, question, at)
            walk.earlier.add(question.id)
    return problems


def check_catalogue_refs(walk: _Bank) -> list[Problem]:
    """The bank's phases and purposes exist in the catalogues."""
    phases, purposes = walk.library.phases, walk.library.purposes
    return [
        walk.problem(
            ("phases", index), f"onbekende levensfase '{phase}'; kies uit {', '.join(phases)}"
        )
        for index, phase in enumerate(walk.bank.phases)
        if phase not in phases
    ] + [
        walk.problem(
            ("purposes", index), f"onbekend doel '{purpose}'; kies uit {', '.join(purposes)}"
        )
        for index, purpose in enumerate(walk.bank.purposes)
        if purpose not in purposes
    ]


def check_section(walk: _Bank, section: Section, where: Loc, seen: set[str]) -> list[Problem]:
    found = []
    if section.id in seen:
        found.append(
            walk.problem((*where, "id"), f"deel-id '{section.id}' komt twee keer voor in deze bank")
        )
    seen.add(section.id)
    if not section.questions:
        found.append(walk.problem(where, f"deel '{section.id}' heeft geen vragen", WARNING))
    return found


def check_ids(
    walk: _Bank, question: Question, at: Loc, seen: set[str], uses_plain: bool
) -> list[Problem]:
    """A question id once per bank; a plain wording when the bank's other questions have one."""
    found = []
    if question.id in seen:
        message = f"vraag-id '{question.id}' komt twee keer voor in deze bank"
        found.append(walk.problem((*at, "id"), message))
    seen.add(question.id)
    if uses_plain and not question.plain.strip():
        message = (
            f"vraag '{question.id}' heeft geen 'plain' (de vraag in eenvoudige taal); "
            "de andere vragen van deze bank wel"
        )
        found.append(walk.problem(at, message, WARNING))
    return found


def check_choices(walk: _Bank, question: Question, at: Loc) -> list[Problem]:
    return [
        walk.problem((*at, "choices", index), f"keuze '{choice}' staat er twee keer", WARNING)
        for index, choice in enumerate(question.choices)
        if choice in question.choices[:index]
    ]


def check_when(walk: _Bank, question: Question, at: Loc) -> list[Problem]:
    """The condition parses, names earlier questions, fits their types, and can come true."""
    assert question.when is not None
    try:
        condition = Condition(question.when)
    except ConditionError as exc:
        return [walk.problem((*at, "when"), str(exc))]
    walk.conditions[question.id] = condition
    where = walk.marks.at((*at, "when"))
    messages = _reference_warnings(condition, question, walk.earlier, walk.by_id.keys())
    messages += _meaning_warnings(condition, walk.by_id, walk.library)
    if condition.is_constant():
        unreachable = not condition({})
    else:
        unreachable = never_true(condition, walk.bank, walk.by_id, walk.library, walk.never)
        if unreachable and not messages:  # said once: a warning above explains it already
            messages.append(_never_message(question, condition, walk.never))
    if unreachable:
        walk.never.add(question.id)
    return [Problem(walk.name, *where, message, WARNING) for message in messages]


def _reference_warnings(
    condition: Condition, question: Question, earlier: set[str], all_ids: AbstractSet[str]
) -> list[str]:
    found = []
    for ref in sorted(condition.names() - GLOBAL_NAMES):
        if ref == question.id:
            found.append(f"de voorwaarde van '{question.id}' verwijst naar de vraag zelf")
        elif ref in all_ids and ref not in earlier:
            found.append(f"de voorwaarde verwijst naar '{ref}', maar die vraag komt pas later")
        elif ref not in all_ids:
            found.append(
                f"de voorwaarde verwijst naar '{ref}', maar die vraag bestaat niet in deze bank"
            )
    if condition.is_constant() and not condition({}):
        found.append(f"vraag '{question.id}' wordt nooit gesteld (voorwaarde altijd onwaar)")
    return found


# --- does a `when` say what its writer meant? ---------------------------------


def _meaning_warnings(
    condition: Condition, by_id: dict[str, Question], library: Library
) -> list[str]:
    """Conditions that load but compare an answer with a value it can never have."""
    messages: list[str] = []
    for comparison in condition.comparisons():
        if comparison.answer_key is not None:
            continue  # answers['bank.vraag']: checked once every bank is loaded
        if comparison.name == "phase":
            messages += _catalogue_values(comparison, "levensfase", library.phases)
        elif comparison.name == "purposes":
            if not comparison.contains:
                messages.append(
                    "'purposes' is een lijst van doelen; schrijf bv. "
                    f"\"'{first_text(comparison)}' in purposes\""
                )
            else:
                messages += _catalogue_values(comparison, "doel", library.purposes)
        elif comparison.name in by_id:
            messages += value_warnings(comparison.name, by_id[comparison.name], comparison)
    for name in sorted(condition.negated_names()):
        question = by_id.get(name)
        if question is not None and TYPES[question.type].yes_no:
            messages.append(
                f"'not {name}' is ook waar als '{name}' overgeslagen of nog niet beantwoord is; "
                f"schrijf '{name} == false' als je alleen een 'nee' bedoelt"
            )
    return messages


def _catalogue_values(comparison: Comparison, what: str, known: dict[str, Any]) -> list[str]:
    return [
        f"'{value}' is geen {what}; kies uit {', '.join(known)}"
        for value in comparison.values
        if value is not None and value not in known
    ]


def value_warnings(
    label: str, question: Question, comparison: Comparison, expression: str | None = None
) -> list[str]:
    """The answer to `question` (named `label`, written `expression` in a condition)
    compared with values it never has, or in a way that does not fit its type."""
    kind = TYPES[question.type]
    return kind.when_warnings(label, Limits.of(question), comparison, expression or label)


# --- can a question be asked at all? ------------------------------------------

_MAX_CASES = 5000  # answer combinations tried per condition; beyond that, assume it can be asked


def _answer_domain(question: Question, never_asked: bool) -> list[Any] | None:
    """Every answer the question can have (none: not asked or skipped); None if unlimited."""
    if never_asked:
        return [None]
    domain = TYPES[question.type].domain(Limits.of(question))
    return None if domain is None else [None, *domain]


def _purpose_lists(bank: QuestionBank, library: Library) -> list[list[str]]:
    """The purposes a conversation with this bank can have (up to three at once)."""
    found = []
    for size in range(4):
        for combo in itertools.combinations(library.purposes, size):
            if not bank.purposes or set(combo) & set(bank.purposes):
                found.append(list(combo))
    return found


def _domains(
    refs: list[str],
    keys: list[str],
    by_id: dict[str, Question],
    library: Library,
    never: set[str],
) -> list[list[Any]] | None:
    """The answers each name can have: own questions first, then answers['bank.vraag']."""
    domains = []
    for ref in refs:
        domain = _answer_domain(by_id[ref], ref in never)
        if domain is None:
            return None
        domains.append(domain)
    for key in keys:
        target = library.find_question(key)
        domain = None if target is None else _answer_domain(target[2], False)
        if domain is None:
            return None
        domains.append(domain)
    return domains


def never_true(
    condition: Condition,
    bank: QuestionBank,
    by_id: dict[str, Question],
    library: Library,
    never: set[str],
    conversation: tuple[str, list[str]] | None = None,
) -> bool:
    """True when no answers, phase and purposes make the condition true.

    With `conversation` (phase, purposes) only the answers vary, those of
    other banks (answers['bank.vraag']) too.
    """
    names = condition.names()
    refs = sorted(names - GLOBAL_NAMES)
    keys = sorted(condition.answer_keys()) if conversation is not None else []
    if any(ref not in by_id for ref in refs) or ("answers" in names and not keys):
        return False
    domains = _domains(refs, keys, by_id, library, never)
    if domains is None:
        return False
    phases: list[str | None] = [*(bank.phases or library.phases)] if "phase" in names else [None]
    purpose_lists = _purpose_lists(bank, library) if "purposes" in names else [[]]
    if conversation is not None:
        phases, purpose_lists = [conversation[0]], [conversation[1]]
    cases = math.prod(len(d) for d in domains) * len(phases) * len(purpose_lists)
    if cases > _MAX_CASES:
        return False
    for phase, purposes, values in itertools.product(
        phases, purpose_lists, itertools.product(*domains)
    ):
        context: dict[str, Any] = {
            "phase": phase,
            "purposes": purposes,
            "answers": dict(zip(keys, values[len(refs) :], strict=True)),
            **dict(zip(refs, values[: len(refs)], strict=True)),
        }
        if condition(context):
            return False
    return True


def _never_message(question: Question, condition: Condition, never: set[str]) -> str:
    hidden = sorted(condition.names() & never)
    if hidden:
        return (
            f"vraag '{question.id}' wordt nooit gesteld: ze hangt af van '{hidden[0]}', "
            "die zelf nooit gesteld wordt"
        )
    return f"vraag '{question.id}' wordt nooit gesteld: de voorwaarde is in geen enkel gesprek waar"


# --- across banks -----------------------------------------------------------------


def _conditions(
    library: Library,
) -> Iterator[tuple[LoadedBank, Question, Condition, tuple[int, int]]]:
    """Every compiled `when` of the loaded banks, with where it is written."""
    for lb in library.banks.values():
        for s_index, section in enumerate(lb.bank.sections):
            for q_index, question in enumerate(section.questions):
                condition = lb.conditions.get(question.id)
                if condition is not None:
                    at = lb.marks.at(("sections", s_index, "questions", q_index, "when"))
                    yield lb, question, condition, at


def cross_bank_warnings(library: Library) -> list[Problem]:
    """answers['bank.vraag'] naming a question that no conversation with this bank can hold,
    and banks that fit no conversation at all."""
    found = []
    for lb, question, condition, at in _conditions(library):
        messages = _answer_key_warnings(lb.bank, question, condition, library)
        found += [Problem(str(lb.path), *at, message, WARNING) for message in messages]
    for lb in library.banks.values():
        if lb.bank.kind == "conversation" and not any(
            lb.bank.applies_to(phase, [purpose])
            for phase in library.phases
            for purpose in [*library.purposes, ""]
        ):
            line, col = lb.marks.at(("id",))
            message = f"bank '{lb.bank.id}' past bij geen enkel gesprek"
            found.append(Problem(str(lb.path), line, col, message, WARNING))
    return found


def _answer_key_warnings(
    bank: QuestionBank, question: Question, condition: Condition, library: Library
) -> list[str]:
    messages = []
    for key in sorted(condition.answer_keys()):
        target = library.find_question(key)
        if target is None:
            messages.append(f"de voorwaarde verwijst naar '{key}', maar die vraag bestaat niet")
        elif not _can_meet(bank, target[0].bank):
            messages.append(
                f"vraag '{question.id}' hangt af van '{key}', maar die twee banken "
                "komen nooit in hetzelfde gesprek"
            )
    for comparison in condition.comparisons():
        ref = comparison.answer_key
        target = library.find_question(ref) if ref else None
        if ref and target is not None:
            messages += value_warnings(ref, target[2], comparison, f"answers['{ref}']")
    return messages


def _can_meet(a: QuestionBank, b: QuestionBank) -> bool:
    if a.kind != b.kind:
        return False
    return not (a.phases and b.phases and not set(a.phases) & set(b.phases))
