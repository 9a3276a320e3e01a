"""`loopbaan start --answers FILE`: a session built from a file instead of the keyboard.

The file has a session file's shape (see docs/bestandsformaten.md). Every
problem is collected before anything is saved, each with file:line:column:
unknown question keys, values that do not fit the question, and, with
--no-input, everything that is still missing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from loopbaan_cli.banks import plan as planning
from loopbaan_cli.banks.library import Library
from loopbaan_cli.banks.types import read_answer, scale_of
from loopbaan_cli.conversation.agreement_editor import OWN_ACTION_TITLE
from loopbaan_cli.conversation.answers_model import AnswersFile, ConclusionIn
from loopbaan_cli.conversation.meta import LEGACY_PLAIN_PURPOSE, UNKNOWN
from loopbaan_cli.conversation.referral import referral_for_employee
from loopbaan_cli.kernel import yamlio
from loopbaan_cli.kernel.errors import InvalidAnswersError, NotFoundError, Problem
from loopbaan_cli.sessions.answers import answer_values
from loopbaan_cli.sessions.employees import Entry
from loopbaan_cli.sessions.model import (
    Agreement,
    AnswerRecord,
    ConclusionRecord,
    Employee,
    FollowUp,
    Person,
    Session,
    input_problems,
    printed_by_default,
)


@dataclass
class Draft:
    """What the file gave, and what is still needed from the keyboard."""

    session: Session
    missing: list[Problem] = field(default_factory=list)
    meta_complete: bool = True
    given: set[str] = field(default_factory=set)  # stages the file filled in


def read(path: Path) -> tuple[AnswersFile, yamlio.Marks]:
    """The file, checked: YAML and shape (exit 2), then texts too long to keep (exit 1)."""
    if not path.exists():
        raise NotFoundError(f"antwoordenbestand {path} bestaat niet")
    return yamlio.load_model(path, AnswersFile, text_limit=yamlio.MAX_TEXT_CHARS)


# Says what is wrong at a place in the file: (path in the YAML, message).
Report = Callable[[tuple[str | int, ...], str], None]


def _reporter(name: str, marks: yamlio.Marks, found: list[Problem]) -> Report:
    """A Report that adds each problem to `found`, with its line and column in the file."""

    def report(loc: tuple[str | int, ...], message: str) -> None:
        line, col = marks.at(loc)
        found.append(Problem(name, line, col, message))

    return report


def build(
    path: Path,
    library: Library,
    *,
    today: dt.date,
    new_id: Callable[[str, dt.date], str],
    no_input: bool = False,
    identify: Identify | None = None,
) -> Draft:
    """Check the whole file; raise InvalidAnswersError listing every invalid value.

    `new_id(name, date)` gives the new session its id (the store knows which
    ids are taken). `identify(employee_id, name, refuse)` says which employee
    of the register the file means (None: a new one), calling `refuse` with
    a message when it can not tell. With `no_input`, what is missing is
    listed in the same error, so one run shows everything that needs fixing.
    """
    data, marks = read(path)
    name = str(path)
    problems: list[Problem] = []
    problem = _reporter(name, marks, problems)
    phase = _phase(data, library, problem)
    purposes = _purposes(data, library, problem)
    # Without a (known) phase, the banks asked in every phase still apply: their
    # answers are checked as usual instead of all being refused.
    # A short conversation asks the key questions only: an answer to another one
    # would be kept but never asked, reviewed or counted.
    items = planning.build(library, phase, purposes, short=data.short)
    full = {i.key for i in planning.build(library, phase, purposes)} if data.short else set()
    prep_items = planning.build(library, phase, purposes, "preparation")
    plain = data.plain or LEGACY_PLAIN_PURPOSE in (data.purposes or [])
    answers = _records(data.answers, "answers", items, library, problem, plain, full)
    preparation = _records(data.preparation, "preparation", prep_items, library, problem, False)
    _add_notes(data, answers, items, problem)
    _set_printed(data, answers, library, problem)
    employee = _employee(data, identify, problem, today)
    named = employee.name != UNKNOWN
    day = data.date or today
    now = dt.datetime.now().replace(microsecond=0)
    session = Session(
        # no id reserved for a file already refused
        id=new_id(employee.name, day) if named and not problems else "nieuw",
        status="in_progress",
        stage="preparation",
        created=now,
        updated=now,
        employee=employee,
        interviewer=data.interviewer or Person(name=UNKNOWN),
        date=day,
        phase=phase or UNKNOWN,
        phase_title=library.phases[phase].title if phase else "",
        purposes=purposes,
        purpose_titles=[library.purposes[p].title for p in purposes],
        plain=plain,
        short=data.short,
        meeting=None if data.meeting is None or data.meeting.empty else data.meeting,
        preparation=preparation,
        answers=answers,
        conclusions=_conclusions(data, library, problem),
        summary=(data.summary or "").strip(),
        agreements=_agreements(data, library, problem),
        followups=_followups(data),
        next_conversation=data.next_conversation,
        reachability=data.reachability or "",
    )
    draft = Draft(session, meta_complete=bool(named and data.interviewer and phase))
    draft.given = _given(data, session)
    draft.missing = _missing(data, draft, items, marks, name)
    if problems:
        raise InvalidAnswersError(problems + (draft.missing if no_input else []))
    return draft


# Which employee of the register a file means: (employee_id, name, refuse) -> entry or None (new).
Identify = Callable[[str | None, str | None, Callable[[str], None]], Entry | None]


def _employee(
    data: AnswersFile, identify: Identify | None, problem: Report, today: dt.date
) -> Employee:
    """Who the file is about: the name and facts it gives, the register's id and facts filling in."""
    given = data.employee
    given_id = data.employee_id or (given.id if given is not None else None)
    if given is not None:  # what may not be kept or typed is refused here, at its line
        refused = input_problems(given.service_start, given.retirement_year, today)
        for key, why in refused.items():
            problem(("employee", key), why)
        if refused:  # reported: the rest of the file is still checked, without these facts
            given = given.model_copy(update=dict.fromkeys(refused))
    name = (given.name or "").strip() if given is not None else ""
    where: tuple[str | int, ...] = ("employee_id",) if data.employee_id else ("employee",)
    entry = None
    if identify is not None:
        entry = identify(given_id, name or None, lambda message: problem(where, message))
    elif given_id:
        problem(where, "employee_id kan hier niet gebruikt worden")
    if entry is None:
        if given is None or not name:
            return Employee(name=UNKNOWN)  # asked, or listed as missing with --no-input
        return Employee(
            name=name,
            role=given.role,
            service_start=given.service_start,
            retirement_year=given.retirement_year,
        )
    return Employee(
        id=entry.id,
        name=name or entry.name,
        role=(given.role if given is not None else "") or entry.role,
        service_start=(given.service_start if given is not None else None) or entry.service_start,
        retirement_year=(given.retirement_year if given is not None else None)
        or entry.retirement_year,
    )


def _phase(data: AnswersFile, library: Library, problem: Report) -> str:
    """The phase, or "" when the file gives none (or an unknown one)."""
    if data.phase and data.phase not in library.phases:
        problem(
            ("phase",), f"onbekende levensfase '{data.phase}'; kies uit {', '.join(library.phases)}"
        )
        return ""
    return data.phase or ""


def _purposes(data: AnswersFile, library: Library, problem: Report) -> list[str]:
    purposes = []
    for index, purpose in enumerate(data.purposes or []):
        if purpose in library.purposes:
            purposes.append(purpose)
        elif purpose == LEGACY_PLAIN_PURPOSE:
            continue  # the old purpose is plain language now: `plain` says so (see build)
        else:
            problem(
                ("purposes", index),
                f"onbekend doel '{purpose}'; kies uit {', '.join(library.purposes)}",
            )
    return purposes


def _add_notes(
    data: AnswersFile,
    answers: dict[str, AnswerRecord],
    items: list[planning.Planned],
    problem: Report,
) -> None:
    for key, note in data.notes.items():
        target = answers.get(key)
        if not any(i.key == key for i in items):
            problem(
                ("notes", key), f"notitie bij '{key}', maar die vraag hoort niet bij dit gesprek"
            )
            continue
        if target is None:
            item = next(i for i in items if i.key == key)
            target = AnswerRecord(
                question=item.question.text,
                type=item.question.type,
                section=item.section_title,
                sensitive=item.question.sensitive,
            )
        answers[key] = target.model_copy(update={"note": note.text, "private": note.private})


def _conclusions(data: AnswersFile, library: Library, problem: Report) -> list[ConclusionRecord]:
    """`conclusions: [id, ...]`, or the older `conclusion: id` (one of the two)."""
    if data.conclusion is not None and data.conclusions is not None:
        problem(("conclusions",), "geef 'conclusion' of 'conclusions', niet allebei")
        return []
    given: list[tuple[tuple[str | int, ...], str | ConclusionIn]]
    if data.conclusions is not None:
        given = [(("conclusions", i), c) for i, c in enumerate(data.conclusions)]
    elif data.conclusion is not None:
        given = [(("conclusion",), data.conclusion)]
    else:
        return []
    records: list[ConclusionRecord] = []
    for loc, raw in given:
        chosen = raw if isinstance(raw, ConclusionIn) else ConclusionIn(id=raw)
        option = library.conclusions.get(chosen.id)
        if option is None:
            problem(
                loc,
                f"onbekende conclusie '{chosen.id}'; kies uit {', '.join(library.conclusions)}",
            )
            continue
        if any(r.id == option.id for r in records):
            problem(loc, f"conclusie '{option.id}' staat er twee keer")
            continue
        referral = referral_for_employee(library) if option.referral else ""
        records.append(
            ConclusionRecord(
                id=option.id,
                title=chosen.title or option.title,
                text=chosen.text,
                referral_info=chosen.referral_info or referral,
            )
        )
    return records


def _set_printed(
    data: AnswersFile, answers: dict[str, AnswerRecord], library: Library, problem: Report
) -> None:
    """`printed: {bank.vraag: true|false}`: which answers may go on paper."""
    for key, printed in data.printed.items():
        record = answers.get(key)
        if record is None:
            known = library.find_question(key) is not None
            problem(
                ("printed", key),
                f"printed bij '{key}', maar die vraag heeft geen antwoord in dit bestand"
                if known
                else f"onbekende vraag '{key}' onder printed (schrijf <bank-id>.<vraag-id>)",
            )
            continue
        answers[key] = record.model_copy(update={"printed": printed, "consent_asked": True})


def _agreements(data: AnswersFile, library: Library, problem: Report) -> list[Agreement]:
    agreements = []
    for index, agreement in enumerate(data.agreements or []):
        if agreement.action and agreement.action not in library.actions:
            problem(
                ("agreements", index, "action"),
                f"onbekende actie '{agreement.action}'; kies uit {', '.join(library.actions)} (of laat leeg)",
            )
            continue
        title = library.actions[agreement.action].title if agreement.action else OWN_ACTION_TITLE
        agreements.append(
            agreement.model_copy(update={"action_title": agreement.action_title or title})
        )
    return agreements


def _followups(data: AnswersFile) -> list[FollowUp]:
    return [
        f
        if isinstance(f, FollowUp)
        else FollowUp(date=f)
        if isinstance(f, dt.date)
        else FollowUp(date=f.date, what=f.what)
        for f in data.followups or []
    ]


def _given(data: AnswersFile, session: Session) -> set[str]:
    """The stages the file filled in: the interview passes them over once."""
    given = {"preparation"}
    if session.conclusions:
        given.add("conclusion")
    if data.agreements is not None:
        given.add("agreements")
    if data.followups is not None or data.reachability is not None:
        given.add("followups")
    return given


def _records(
    given: dict[str, Any],
    where: str,
    items: list[planning.Planned],
    library: Library,
    problem: Report,
    plain: bool,
    not_short: set[str] | None = None,
) -> dict[str, AnswerRecord]:
    """`not_short`: in a short conversation, the keys of the full one (asked only there)."""
    by_key = {item.key: item for item in items}
    records: dict[str, AnswerRecord] = {}
    for key, raw in given.items():
        item = by_key.get(key)
        if item is None:
            if library.find_question(key) is None:
                problem(
                    (where, key),
                    f"onbekende vraag '{key}' (schrijf <bank-id>.<vraag-id>; `loopbaan banks list --json` toont ze)",
                )
            elif not_short and key in not_short:
                problem(
                    (where, key),
                    f"vraag '{key}' hoort niet bij een kort gesprek (short: true): dat stelt alleen "
                    "de sleutelvragen (`loopbaan banks plan --short` toont ze); laat het antwoord "
                    "weg of zet short: false",
                )
            else:
                problem(
                    (where, key),
                    f"vraag '{key}' hoort niet bij een gesprek met deze levensfase en doelen",
                )
            continue
        if isinstance(raw, AnswerRecord):
            record, value = raw, raw.value
        else:
            record, value = None, raw
        try:
            clean = read_answer(item.question, value)
        except ValueError as exc:
            problem((where, key), f"{key}: {exc}")
            continue
        records[key] = AnswerRecord(
            question=record.question if record else planning.wording(item.question, plain),
            type=item.question.type,
            scale=scale_of(item.question),
            section=record.section if record and record.section else item.section_title,
            value=clean,
            skipped=record.skipped if record else False,
            note=record.note if record else "",
            private=record.private if record else False,
            sensitive=item.question.sensitive,
            printed=record.printed
            if record and record.sensitive == item.question.sensitive
            else printed_by_default(item.question.type, item.question.sensitive),
            consent_asked=bool(record and record.consent_asked),
        )
    return records


def _missing(
    data: AnswersFile, draft: Draft, items: list[planning.Planned], marks: yamlio.Marks, name: str
) -> list[Problem]:
    found: list[Problem] = []
    miss = _reporter(name, marks, found)
    if draft.session.employee.name == UNKNOWN:
        miss((), "ontbreekt: employee (naam van de medewerker)")
    if data.interviewer is None:
        miss((), "ontbreekt: interviewer (naam van de leidinggevende)")
    if not data.phase or draft.session.phase == UNKNOWN:
        miss((), "ontbreekt: phase (de levensfase)")
    session = draft.session
    check = planning.Applicability(
        items, answer_values(session.answers), session.phase, session.purposes
    )
    for item in check.applicable():
        record = session.answers.get(item.key)
        if item.question.required and (record is None or record.value in (None, "", [])):
            miss(
                ("answers",),
                f"ontbreekt: antwoord op verplichte vraag {item.key} ({item.question.text})",
            )
    if not session.conclusions:
        miss((), "ontbreekt: conclusions (een of meer conclusies)")
    return found


def complete(draft: Draft) -> Session:
    """The session as completed from the file alone (--no-input)."""
    if draft.missing:
        raise InvalidAnswersError(
            draft.missing, hint="Vul ze aan in het bestand, of laat --no-input weg om ze te vragen."
        )
    session = draft.session
    session.status = "completed"
    session.stage = "done"
    session.position = None
    return session


__all__ = ["Draft", "build", "complete", "read"]
