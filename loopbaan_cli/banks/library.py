"""Find and load the question banks and catalogues (checks.py checks them).

Built-in files come with the program; the user's own files in
<home>/question_banks/ replace a built-in catalogue file of the same name, or a
built-in bank of the same id. A broken user file never takes the built-in
banks down: it is reported, skipped, and the built-in version is used.

Facts that change (the referral info, the schemes in levers.yaml) carry the
day they were checked; a fact older than six months or past its end date is a
warning. The day is `clock()` unless load_library is given one (tests do).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from loopbaan_cli.kernel import paths
from loopbaan_cli.kernel.errors import ConfigError, Problem, Severity

if TYPE_CHECKING:
    from pydantic import BaseModel

    # the checks import jinja2 (the `when` conditions): only a library loaded from
    # its files needs them, not one from the cache (bank_cache.py)
    from loopbaan_cli.banks.conditions import Condition
    from loopbaan_cli.banks.model import (
        Action,
        ConclusionOption,
        Lever,
        Phase,
        Purpose,
        Question,
        QuestionBank,
        Referral,
        Section,
    )
    from loopbaan_cli.kernel import yamlio

# pydantic and yaml are imported only to load from the files: `banks list` and
# `banks validate` read a Survey from the cache and need neither.
CATALOGUES = (
    "phases.yaml",
    "purposes.yaml",
    "actions.yaml",
    "conclusions.yaml",
    "referral.yaml",
    "levers.yaml",
)


def _catalogue_models() -> dict[str, type[BaseModel]]:
    from loopbaan_cli.banks.model import (
        ActionFile,
        ConclusionFile,
        LeverFile,
        PhaseFile,
        PurposeFile,
        ReferralFile,
    )

    models: tuple[type[BaseModel], ...] = (
        PhaseFile,
        PurposeFile,
        ActionFile,
        ConclusionFile,
        ReferralFile,
        LeverFile,
    )
    return dict(zip(CATALOGUES, models, strict=True))


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
        return [p for p in self.problems if p.severity == Severity.ERROR]


def _bank_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(
        p
        for p in folder.rglob("*.yaml")
        # not only regular files: a pipe or a dangling link named *.yaml is reported
        # (by the reader) and skipped, not left out without a word
        if not (p.parent == folder and p.name in CATALOGUES) and not p.is_dir()
    )


def load_library(extra_files: list[Path] | None = None, *, today: dt.date | None = None) -> Library:
    """Every catalogue and bank, user files over built-in ones.

    Problems in the built-in data are fatal (a ConfigError); problems in the
    user's files land in `library.problems` and that file is skipped. `today`
    dates the check of the facts (default: `clock()`).

    The result is cached (bank_cache.py): parsing and validating 15 banks costs
    more than most commands do, and the files rarely change.
    """
    from loopbaan_cli.banks import bank_cache

    builtin_dir, user_dir = paths.builtin_banks_dir(), paths.user_banks_dir()
    extra = [p.resolve() for p in extra_files or []]
    today = today or clock()
    key = _cache_key(extra, today)
    cached = bank_cache.get(key)
    if isinstance(cached, Library):
        return cached
    library = _load_all(builtin_dir, user_dir, extra, today)
    bank_cache.put(key, library)
    return library


def _cache_key(extra: list[Path], today: dt.date) -> str:
    from loopbaan_cli.banks import bank_cache

    return bank_cache.key([paths.builtin_banks_dir(), paths.user_banks_dir()], extra, today)


SURVEY = "overzicht"


@dataclass(frozen=True)
class Survey:
    """What `banks list` and `banks validate` show, as plain data: cached without pydantic."""

    listing: dict[str, Any]
    problems: list[Problem]
    banks: int
    catalogues: int

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == Severity.ERROR]


def load_survey(*, today: dt.date | None = None) -> Survey:
    """The survey of the banks in use (no extra files), from the cache when it is current.

    Kept with the whole text of the library's key (bank_cache.get_plain), so an
    edited bank or another release makes a new one too; reading it takes the
    stat of every bank file, and no hash, pickle, pydantic or YAML.
    """
    from loopbaan_cli.banks import bank_cache

    today = today or clock()
    text = bank_cache.key_text([paths.builtin_banks_dir(), paths.user_banks_dir()], [], today)
    cached = _kept_survey(bank_cache.get_plain(SURVEY, text))
    if cached is not None:
        return cached
    library = load_library(today=today)
    survey = Survey(
        listing=listing_data(library),
        problems=list(library.problems),
        banks=len(library.banks),
        catalogues=len(library.catalogue_paths),
    )
    plain = [(p.file, p.line, p.column, p.message, p.severity.value) for p in survey.problems]
    bank_cache.put_plain(SURVEY, text, (survey.listing, plain, survey.banks, survey.catalogues))
    return survey


def _kept_survey(kept: Any) -> Survey | None:
    """The Survey from what load_survey kept; None for anything else (a miss)."""
    listing: object
    banks: object
    catalogues: object
    try:
        listing, plain, banks, catalogues = kept
        problems = [Problem(f, ln, col, msg, Severity(kind)) for f, ln, col, msg, kind in plain]
    except (TypeError, ValueError):
        return None
    if not isinstance(listing, dict) or type(banks) is not int or type(catalogues) is not int:
        return None
    return Survey(listing, problems, banks, catalogues)


def listing_data(library: Library) -> dict[str, Any]:
    """`banks list --json`: the catalogues' titles and every bank with its questions."""
    return {
        "phases": [{"id": p.id, "title": p.title} for p in library.phases.values()],
        "purposes": [{"id": p.id, "title": p.title} for p in library.purposes.values()],
        "actions": [{"id": a.id, "title": a.title} for a in library.actions.values()],
        "conclusions": [{"id": c.id, "title": c.title} for c in library.conclusions.values()],
        "banks": [
            {
                "id": lb.bank.id,
                "title": lb.bank.title,
                "kind": lb.bank.kind,
                "phases": list(lb.bank.phases),
                "purposes": list(lb.bank.purposes),
                "source": lb.source,
                "path": str(lb.path),
                "questions": [
                    {
                        "key": f"{lb.bank.id}.{q.id}",
                        "type": q.type,
                        "required": q.required,
                        "choices": list(q.choices),
                        "sensitive": q.sensitive,
                    }
                    for _, q in lb.bank.questions()
                ],
            }
            for lb in sorted(
                library.banks.values(),
                key=lambda lb: (lb.bank.kind != "conversation", lb.bank.order, lb.bank.id),
            )
        ],
        "disabled": sorted(library.disabled),
    }


def _load_all(builtin_dir: Path, user_dir: Path, extra: list[Path], today: dt.date) -> Library:
    from loopbaan_cli.banks.checks import cross_bank_warnings
    from loopbaan_cli.banks.facts import fact_warnings, lever_link_warnings

    library = _load_catalogues(builtin_dir, user_dir, extra)
    library.problems.extend(fact_warnings(library, today))
    library.problems.extend(lever_link_warnings(library))
    layers = [
        (BUILTIN, _bank_files(builtin_dir)),
        (USER, _bank_files(user_dir)),
        (USER, [p for p in extra if p.name not in CATALOGUES]),
    ]
    builtin_errors: list[Problem] = []
    for source, files in layers:
        errors = _load_layer(library, source, files)
        if source == BUILTIN:
            builtin_errors.extend(errors)
    if builtin_errors:
        raise ConfigError(builtin_errors, hint="De ingebouwde vragenbanken zijn beschadigd.")
    library.problems.extend(cross_bank_warnings(library))
    return library


def _load_catalogues(builtin_dir: Path, user_dir: Path, extra: list[Path]) -> Library:
    """The catalogues, each from the first file that loads: given, own, built-in.

    A broken built-in catalogue is fatal; a broken own one is reported and the
    next candidate is used.
    """
    from loopbaan_cli.kernel import yamlio

    problems: list[Problem] = []
    catalogues: dict[str, Any] = {}
    catalogue_paths: dict[str, Path] = {}
    catalogue_marks: dict[str, yamlio.Marks] = {}
    for name, model in _catalogue_models().items():
        candidates = [p for p in extra if p.name == name]
        if (user_dir / name).is_file():
            candidates.append(user_dir / name)
        candidates.append(builtin_dir / name)
        for path in candidates:
            try:
                catalogues[name], catalogue_marks[name] = yamlio.load_model(path, model)
                catalogue_paths[name] = path
                break
            except ConfigError as exc:
                if path.parent == builtin_dir:
                    raise
                problems.extend(exc.problems)
    return Library(
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


def _load_layer(library: Library, source: str, files: list[Path]) -> list[Problem]:
    """Load one layer of banks over the ones before it; return the layer's errors.

    A bank replaces an earlier layer's bank of the same id (or switches it off
    with `enabled: false`); the same id twice within one layer is an error.
    """
    errors: list[Problem] = []
    seen: dict[str, Path] = {}
    for path in files:
        lb, problems = _load_bank(path, source, library)
        library.problems.extend(problems)
        errors.extend(p for p in problems if p.severity == Severity.ERROR)
        if lb is None:
            continue
        bank_id = lb.bank.id
        if bank_id in seen and seen[bank_id] != path:
            line, col = lb.marks.at(("id",))
            twice = Problem(
                str(path), line, col, f"bank-id '{bank_id}' staat ook in {seen[bank_id]}"
            )
            library.problems.append(twice)
            errors.append(twice)
            continue
        seen[bank_id] = path
        if lb.bank.enabled:
            library.banks[bank_id] = lb
            library.disabled.pop(bank_id, None)
        else:
            library.banks.pop(bank_id, None)
            library.disabled[bank_id] = path
    return errors


def _load_bank(
    path: Path, source: str, library: Library
) -> tuple[LoadedBank | None, list[Problem]]:
    from loopbaan_cli.banks.checks import check_bank
    from loopbaan_cli.banks.model import QuestionBank
    from loopbaan_cli.kernel import yamlio

    try:
        bank, marks = yamlio.load_model(path, QuestionBank)
    except ConfigError as exc:
        return None, exc.problems
    conditions: dict[str, Condition] = {}
    problems = check_bank(bank, marks, str(path), library, conditions)
    if any(p.severity == Severity.ERROR for p in problems):
        return None, problems
    return LoadedBank(bank, path, source, marks, conditions), problems


def askable(
    lb: LoadedBank, library: Library, phase: str, purposes: list[str]
) -> list[tuple[Section, Question]]:
    """The questions of a bank that some answers bring up in this conversation.

    A question whose condition no answers can make true (given the phase and
    purposes) is left out; one whose condition cannot be tried (a free-text
    answer compared, too many answers) counts as askable.
    """
    from loopbaan_cli.banks.checks import never_true

    by_id = {q.id: q for _, q in lb.bank.questions()}
    never: set[str] = set()
    found = []
    for section, question in lb.bank.questions():
        condition = lb.conditions.get(question.id)
        if condition is not None and never_true(
            condition, lb.bank, by_id, library, never, conversation=(phase, purposes)
        ):
            never.add(question.id)
            continue
        found.append((section, question))
    return found
