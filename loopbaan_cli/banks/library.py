"""Find, load and check the question banks and catalogues.

Built-in files come with the program; the user's own files in
<home>/question_banks/ replace a built-in catalogue file of the same name, or a
built-in bank of the same id. A broken user file never takes the built-in
banks down: it is reported, skipped, and the built-in version is used.

Facts that change (the referral info, the schemes in levers.yaml) carry the
day they were checked; a fact older than six months or past its end date is a
warning. The day is `clock()` unless load_library is given one (tests do).
"""

from __future__ import annotations

import calendar
import datetime as dt
import difflib
import itertools
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from loopbaan_cli.banks.conditions import GLOBAL_NAMES, Comparison, Condition, ConditionError
from loopbaan_cli.banks.model import (
    Action,
    ActionFile,
    ConclusionFile,
    ConclusionOption,
    Lever,
    LeverFile,
    Phase,
    PhaseFile,
    Purpose,
    PurposeFile,
    Question,
    QuestionBank,
    Referral,
    ReferralFile,
    Section,
)
from loopbaan_cli.kernel import paths, yamlio
from loopbaan_cli.kernel.errors import ConfigError, Problem

CATALOGUES: dict[str, type[BaseModel]] = {
    "phases.yaml": PhaseFile,
    "purposes.yaml": PurposeFile,
    "actions.yaml": ActionFile,
    "conclusions.yaml": ConclusionFile,
    "referral.yaml": ReferralFile,
    "levers.yaml": LeverFile,
}

FACT_MAX_AGE_MONTHS = 6


def clock() -> dt.date:
    """Today, for the fact checks; a test replaces it, or passes `today` to load_library."""
    return dt.date.today()


BUILTIN = "ingebouwd"
USER = "eigen"


@dataclass(frozen=True)
class LoadedBank:
    bank: QuestionBank
    path: Path
    source: str
    marks: yamlio.Marks
    conditions: dict[str, Condition]  # question id -> compiled `when`


@dataclass
class Library:
    phases: dict[str, Phase]
    purposes: dict[str, Purpose]
    actions: dict[str, Action]
    conclusions: dict[str, ConclusionOption]
    referral: Referral
    catalogue_paths: dict[str, Path]
    levers: list[Lever] = field(default_factory=list)
    catalogue_marks: dict[str, yamlio.Marks] = field(default_factory=dict)
    banks: dict[str, LoadedBank] = field(default_factory=dict)
    disabled: dict[str, Path] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def banks_for(
        self, phase: str, purposes: list[str], kind: str = "conversation"
    ) -> list[LoadedBank]:
        chosen = [
            lb
            for lb in self.banks.values()
            if lb.bank.kind == kind and lb.bank.applies_to(phase, purposes)
        ]
        return sorted(chosen, key=lambda lb: (lb.bank.order, lb.bank.id))

    def find_question(self, key: str) -> tuple[LoadedBank, Section, Question] | None:
        bank_id, _, question_id = key.partition(".")
        lb = self.banks.get(bank_id)
        if lb is None:
            return None
        for section, question in lb.bank.questions():
            if question.id == question_id:
                return lb, section, question
        return None

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "fout"]


def _bank_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(
        p
        for p in folder.rglob("*.yaml")
        if not (p.parent == folder and p.name in CATALOGUES) and p.is_file()
    )


def load_library(extra_files: list[Path] | None = None, *, today: dt.date | None = None) -> Library:
    """Every catalogue and bank, user files over built-in ones.

    Problems in the built-in data are fatal (a ConfigError); problems in the
    user's files land in `library.problems` and that file is skipped. `today`
    dates the check of the facts (default: `clock()`).
    """
    builtin_dir, user_dir = paths.builtin_banks_dir(), paths.user_banks_dir()
    problems: list[Problem] = []
    catalogues: dict[str, Any] = {}
    catalogue_paths: dict[str, Path] = {}
    catalogue_marks: dict[str, yamlio.Marks] = {}
    extra = [p.resolve() for p in extra_files or []]
    for name, model in CATALOGUES.items():
        candidates = [builtin_dir / name]
        if (user_dir / name).is_file():
            candidates.insert(0, user_dir / name)
        candidates[:0] = [p for p in extra if p.name == name]
        for path in candidates:
            try:
                catalogues[name], catalogue_marks[name] = yamlio.load_model(path, model)
                catalogue_paths[name] = path
                break
            except ConfigError as exc:
                if path.parent == builtin_dir:
                    raise
                problems.extend(exc.problems)

    library = Library(
        phases={p.id: p for p in catalogues["phases.yaml"].phases},
        purposes={p.id: p for p in catalogues["purposes.yaml"].purposes},
        actions={a.id: a for a in catalogues["actions.yaml"].actions},
        conclusions={c.id: c for c in catalogues["conclusions.yaml"].conclusions},
        referral=catalogues["referral.yaml"].referral,
        catalogue_paths=catalogue_paths,
        levers=catalogues["levers.yaml"].levers,
        catalogue_marks=catalogue_marks,
        problems=problems,
    )
    library.problems.extend(fact_warnings(library, today or clock()))

    builtin_errors: list[Problem] = []
    layers = [
        (BUILTIN, _bank_files(builtin_dir)),
        (USER, _bank_files(user_dir)),
        (USER, [p for p in extra if p.name not in CATALOGUES]),
    ]
    for source, files in layers:
        seen: dict[str, Path] = {}
        for path in files:
            found = _load_bank(path, source, library)
            if source == BUILTIN:
                builtin_errors.extend(p for p in found[1] if p.severity == "fout")
            library.problems.extend(found[1])
            lb = found[0]
            if lb is None:
                continue
            bank_id = lb.bank.id
            if bank_id in seen and seen[bank_id] != path:
                line, col = lb.marks.at(("id",))
                problem = Problem(
                    str(path), line, col, f"bank-id '{bank_id}' staat ook in {seen[bank_id]}"
                )
                library.problems.append(problem)
                if source == BUILTIN:
                    builtin_errors.append(problem)
                continue
            seen[bank_id] = path
            if lb.bank.enabled:
                library.banks[bank_id] = lb
                library.disabled.pop(bank_id, None)
            else:
                library.banks.pop(bank_id, None)
                library.disabled[bank_id] = path
    if builtin_errors:
        raise ConfigError(builtin_errors, hint="De ingebouwde vragenbanken zijn beschadigd.")
    library.problems.extend(_cross_bank_warnings(library))
    return library


def _load_bank(
    path: Path, source: str, library: Library
) -> tuple[LoadedBank | None, list[Problem]]:
    try:
        bank, marks = yamlio.load_model(path, QuestionBank)
    except ConfigError as exc:
        return None, exc.problems
    conditions: dict[str, Condition] = {}
    problems = _check_bank(bank, marks, str(path), library, conditions)
    if any(p.severity == "fout" for p in problems):
        return None, problems
    return LoadedBank(bank, path, source, marks, conditions), problems


def _check_bank(
    bank: QuestionBank,
    marks: yamlio.Marks,
    name: str,
    library: Library,
    conditions: dict[str, Condition],
) -> list[Problem]:
    problems: list[Problem] = []

    def add(loc: tuple[str | int, ...], message: str, severity: str = "fout") -> None:
        line, col = marks.at(loc)
        problems.append(Problem(name, line, col, message, severity))

    for index, phase in enumerate(bank.phases):
        if phase not in library.phases:
            add(
                ("phases", index),
                f"onbekende levensfase '{phase}'; kies uit {', '.join(library.phases)}",
            )
    for index, purpose in enumerate(bank.purposes):
        if purpose not in library.purposes:
            add(
                ("purposes", index),
                f"onbekend doel '{purpose}'; kies uit {', '.join(library.purposes)}",
            )

    # A bank that gives plain wordings gives one for every question; a bank
    # without any (a user's own, say) is not nagged about each of them.
    uses_plain = any(q.plain.strip() for _, q in bank.questions())
    section_ids: set[str] = set()
    earlier: set[str] = set()
    never: set[str] = set()  # questions no conversation asks: their answer is always none
    by_id: dict[str, Question] = {}
    for _, q in bank.questions():
        by_id.setdefault(q.id, q)
    all_ids = set(by_id)
    seen_ids: set[str] = set()
    for s_index, section in enumerate(bank.sections):
        where = ("sections", s_index)
        if section.id in section_ids:
            add((*where, "id"), f"deel-id '{section.id}' komt twee keer voor in deze bank")
        section_ids.add(section.id)
        if not section.questions:
            add(where, f"deel '{section.id}' heeft geen vragen", "waarschuwing")
        for q_index, question in enumerate(section.questions):
            qloc = (*where, "questions", q_index)
            if question.id in seen_ids:
                add((*qloc, "id"), f"vraag-id '{question.id}' komt twee keer voor in deze bank")
            seen_ids.add(question.id)
            if uses_plain and not question.plain.strip():
                add(
                    qloc,
                    f"vraag '{question.id}' heeft geen 'plain' (de vraag in eenvoudige taal); "
                    "de andere vragen van deze bank wel",
                    "waarschuwing",
                )
            for c_index, choice in enumerate(question.choices):
                if choice in question.choices[:c_index]:
                    add(
                        (*qloc, "choices", c_index),
                        f"keuze '{choice}' staat er twee keer",
                        "waarschuwing",
                    )
            if question.when:
                try:
                    condition = Condition(question.when)
                except ConditionError as exc:
                    add((*qloc, "when"), str(exc))
                else:
                    conditions[question.id] = condition
                    at = marks.at((*qloc, "when"))
                    found = _condition_warnings(condition, question, earlier, all_ids, at, name)
                    found += [
                        Problem(name, *at, message, "waarschuwing")
                        for message in _meaning_warnings(condition, by_id, library)
                    ]
                    if condition.is_constant():
                        unreachable = not condition({})
                    else:
                        unreachable = _never_true(condition, bank, by_id, library, never)
                        if unreachable and not found:
                            message = _never_message(question, condition, never)
                            found.append(Problem(name, *at, message, "waarschuwing"))
                    if unreachable:
                        never.add(question.id)
                    problems.extend(found)
            earlier.add(question.id)
    return problems


def _condition_warnings(
    condition: Condition,
    question: Question,
    earlier: set[str],
    all_ids: set[str],
    at: tuple[int, int],
    name: str,
) -> list[Problem]:
    found = []
    for ref in sorted(condition.names() - GLOBAL_NAMES):
        if ref == question.id:
            message = f"de voorwaarde van '{question.id}' verwijst naar de vraag zelf"
        elif ref in all_ids and ref not in earlier:
            message = f"de voorwaarde verwijst naar '{ref}', maar die vraag komt pas later"
        elif ref not in all_ids:
            message = (
                f"de voorwaarde verwijst naar '{ref}', maar die vraag bestaat niet in deze bank"
            )
        else:
            continue
        found.append(Problem(name, *at, message, "waarschuwing"))
    if condition.is_constant() and not condition({}):
        message = f"vraag '{question.id}' wordt nooit gesteld (voorwaarde altijd onwaar)"
        found.append(Problem(name, *at, message, "waarschuwing"))
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
                    f"\"'{_first_text(comparison)}' in purposes\""
                )
            else:
                messages += _catalogue_values(comparison, "doel", library.purposes)
        elif comparison.name in by_id:
            messages += _value_warnings(comparison.name, by_id[comparison.name], comparison)
    for name in sorted(condition.negated_names()):
        question = by_id.get(name)
        if question is not None and question.type == "confirm":
            messages.append(
                f"'not {name}' is ook waar als '{name}' overgeslagen of nog niet beantwoord is; "
                f"schrijf '{name} == false' als je alleen een 'nee' bedoelt"
            )
    return messages


def _first_text(comparison: Comparison) -> str:
    return next((str(v) for v in comparison.values if v is not None), "...")


def _catalogue_values(comparison: Comparison, what: str, known: dict[str, Any]) -> list[str]:
    return [
        f"'{value}' is geen {what}; kies uit {', '.join(known)}"
        for value in comparison.values
        if value is not None and value not in known
    ]


def _value_warnings(
    label: str, question: Question, comparison: Comparison, expression: str | None = None
) -> list[str]:
    """The answer to `question` (named `label`, written `expression` in a condition)
    compared with values it never has, or in a way that does not fit its type."""
    expression = expression or label
    kind = question.type
    values = [v for v in comparison.values if v is not None]
    if kind == "confirm":
        return [
            f"'{label}' is een ja/nee-vraag: vergelijk met true of false, niet met {value!r}"
            for value in values
            if not isinstance(value, bool)
        ]
    if kind not in ("choice", "multi_choice"):
        return []
    messages = []
    if kind == "choice" and comparison.contains:
        messages.append(
            f"'{label}' is een keuzevraag met één antwoord; "
            f"schrijf {expression} == '{_first_text(comparison)}'"
        )
    elif kind == "multi_choice" and not comparison.contains and comparison.op in ("eq", "ne"):
        messages.append(
            f"'{label}' is een meerkeuzevraag: het antwoord is een lijst; "
            f"schrijf '{_first_text(comparison)}' in {expression}"
        )
    for value in values:
        if value in question.choices:
            continue
        message = (
            f"de voorwaarde vergelijkt '{label}' met {value!r}, "
            "maar dat is geen keuze van die vraag"
        )
        close = [c for c in question.choices if c.lower() == str(value).lower()]
        close = close or difflib.get_close_matches(str(value), question.choices, n=1, cutoff=0.6)
        if close:
            message += f"; bedoelde je '{close[0]}'?"
        else:
            message += f"; de keuzes zijn: {', '.join(repr(c) for c in question.choices)}"
        messages.append(message)
    return messages


# --- can a question be asked at all? ------------------------------------------

_MAX_CASES = 5000  # answer combinations tried per condition; beyond that, assume it can be asked
_TYPED_OTHER = "\x00anders"  # stands for whatever someone types at "Anders, namelijk…"


def _answer_domain(question: Question, never_asked: bool) -> list[Any] | None:
    """Every answer the question can have (none: not asked or skipped); None if unlimited."""
    if never_asked:
        return [None]
    if question.type == "confirm":
        return [None, True, False]
    if question.type == "scale":
        scale = question.scale_or_default
        return [None, *range(scale.min, scale.max + 1)]
    options = [*question.choices, *([_TYPED_OTHER] if question.other else [])]
    if question.type == "choice":
        return [None, *options]
    if question.type == "multi_choice":
        if len(options) <= 6:
            subsets = [
                list(combo)
                for size in range(len(options) + 1)
                for combo in itertools.combinations(options, size)
            ]
        else:
            subsets = [[], *([option] for option in options), options]
        return [None, *subsets]
    return None


def _purpose_lists(bank: QuestionBank, library: Library) -> list[list[str]]:
    """The purposes a conversation with this bank can have (up to three at once)."""
    found = []
    for size in range(4):
        for combo in itertools.combinations(library.purposes, size):
            if not bank.purposes or set(combo) & set(bank.purposes):
                found.append(list(combo))
    return found


def _never_true(
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
    domains = []
    for ref in refs:
        domain = _answer_domain(by_id[ref], ref in never)
        if domain is None:
            return False
        domains.append(domain)
    for key in keys:
        target = library.find_question(key)
        domain = None if target is None else _answer_domain(target[2], False)
        if domain is None:
            return False
        domains.append(domain)
    phases: list[str | None] = [*(bank.phases or library.phases)] if "phase" in names else [None]
    purpose_lists = _purpose_lists(bank, library) if "purposes" in names else [[]]
    if conversation is not None:
        phases, purpose_lists = [conversation[0]], [conversation[1]]
    cases = math.prod(len(d) for d in domains) * len(phases) * len(purpose_lists)
    if cases > _MAX_CASES:
        return False
    for phase in phases:
        for purposes in purpose_lists:
            for values in itertools.product(*domains):
                context: dict[str, Any] = {
                    "phase": phase,
                    "purposes": purposes,
                    "answers": dict(zip(keys, values[len(refs) :], strict=True)),
                    **dict(zip(refs, values[: len(refs)], strict=True)),
                }
                if condition(context):
                    return False
    return True


def askable(
    lb: LoadedBank, library: Library, phase: str, purposes: list[str]
) -> list[tuple[Section, Question]]:
    """The questions of a bank that some answers bring up in this conversation.

    A question whose condition no answers can make true (given the phase and
    purposes) is left out; one whose condition cannot be tried (a free-text
    answer compared, too many answers) counts as askable.
    """
    by_id = {q.id: q for _, q in lb.bank.questions()}
    never: set[str] = set()
    found = []
    for section, question in lb.bank.questions():
        condition = lb.conditions.get(question.id)
        if condition is not None and _never_true(
            condition, lb.bank, by_id, library, never, conversation=(phase, purposes)
        ):
            never.add(question.id)
            continue
        found.append((section, question))
    return found


def _never_message(question: Question, condition: Condition, never: set[str]) -> str:
    hidden = sorted(condition.names() & never)
    if hidden:
        return (
            f"vraag '{question.id}' wordt nooit gesteld: ze hangt af van '{hidden[0]}', "
            "die zelf nooit gesteld wordt"
        )
    return f"vraag '{question.id}' wordt nooit gesteld: de voorwaarde is in geen enkel gesprek waar"


def _cross_bank_warnings(library: Library) -> list[Problem]:
    """answers['bank.vraag'] naming a question that no conversation with this bank can hold."""
    found = []
    for lb in library.banks.values():
        for section_index, section in enumerate(lb.bank.sections):
            for q_index, question in enumerate(section.questions):
                condition = lb.conditions.get(question.id)
                if condition is None:
                    continue
                at = lb.marks.at(("sections", section_index, "questions", q_index, "when"))
                messages = []
                for key in sorted(condition.answer_keys()):
                    target = library.find_question(key)
                    if target is None:
                        messages.append(
                            f"de voorwaarde verwijst naar '{key}', maar die vraag bestaat niet"
                        )
                    elif not _can_meet(lb.bank, target[0].bank):
                        messages.append(
                            f"vraag '{question.id}' hangt af van '{key}', maar die twee banken "
                            "komen nooit in hetzelfde gesprek"
                        )
                for comparison in condition.comparisons():
                    ref = comparison.answer_key
                    target = library.find_question(ref) if ref else None
                    if ref and target is not None:
                        messages += _value_warnings(ref, target[2], comparison, f"answers['{ref}']")
                found += [Problem(str(lb.path), *at, m, "waarschuwing") for m in messages]
    for lb in library.banks.values():
        if lb.bank.kind == "conversation" and not any(
            lb.bank.applies_to(phase, [purpose])
            for phase in library.phases
            for purpose in [*library.purposes, ""]
        ):
            line, col = lb.marks.at(("id",))
            message = f"bank '{lb.bank.id}' past bij geen enkel gesprek"
            found.append(Problem(str(lb.path), line, col, message, "waarschuwing"))
    return found


def _can_meet(a: QuestionBank, b: QuestionBank) -> bool:
    if a.kind != b.kind:
        return False
    return not (a.phases and b.phases and not set(a.phases) & set(b.phases))


# --- facts that change ---------------------------------------------------------


def _months_before(day: dt.date, months: int) -> dt.date:
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def fact_warnings(library: Library, today: dt.date) -> list[Problem]:
    """Dated facts checked more than six months before `today`, or past their end date."""
    oldest = _months_before(today, FACT_MAX_AGE_MONTHS)
    found: list[Problem] = []

    def check(
        file: str,
        loc: tuple[str | int, ...],
        what: str,
        checked_on: dt.date | None,
        valid_until: dt.date | None,
    ) -> None:
        path, marks = library.catalogue_paths.get(file), library.catalogue_marks.get(file)
        if path is None or marks is None:
            return
        if valid_until is not None and valid_until < today:
            at, message = (
                marks.at((*loc, "valid_until")),
                f"{what} gold tot {valid_until:%d-%m-%Y}: kijk na wat nu geldt, "
                "en pas de tekst, 'valid_until' en 'checked_on' aan",
            )
        elif checked_on is not None and checked_on < oldest:
            at, message = (
                marks.at((*loc, "checked_on")),
                f"{what} werd nagekeken op {checked_on:%d-%m-%Y}, meer dan "
                f"{FACT_MAX_AGE_MONTHS} maanden geleden: kijk ze opnieuw na "
                "en pas 'checked_on' aan",
            )
        else:
            return
        found.append(Problem(str(path), *at, message, "waarschuwing"))

    referral = library.referral
    check(
        "referral.yaml",
        ("referral",),
        "de info over loopbaanbegeleiding",
        referral.checked_on,
        referral.valid_until,
    )
    for index, provider in enumerate(referral.providers):
        check(
            "referral.yaml",
            ("referral", "providers", index),
            f"de info over {provider.name}",
            provider.checked_on,
            provider.valid_until,
        )
    for index, lever in enumerate(library.levers):
        check(
            "levers.yaml",
            ("levers", index),
            f"de regeling '{lever.id}'",
            lever.checked_on,
            lever.valid_until,
        )
    return found


def load_bank_file(path: Path) -> tuple[QuestionBank, yamlio.Marks]:
    """One bank file, schema-checked only (used by `init` and tests)."""
    bank, marks = yamlio.load_model(path, QuestionBank)
    return bank, marks
