"""`loopbaan prepare`: a conversation prepared before the meeting, and picked up by `start`.

A prepared session has status `prepared`: who, when (the planned date), the
life phase and purposes, and the manager's preparation (the `kind:
preparation` banks). Once the preparation is done it stands at the stage
"questions", so `loopbaan start` goes straight to the conversation; paused
half-way it stands at the preparation question it was on. How `start` takes
it over is handover.py.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from loopbaan_cli.app import employees
from loopbaan_cli.app import running as guard
from loopbaan_cli.app.handover import (
    TO_GO_ON,
    UsePrepared,
    find_prepared,
    offer_prepared,
    suggested,
    who,
)
from loopbaan_cli.app.library import library_for_use
from loopbaan_cli.app.running import Keyboard
from loopbaan_cli.banks import plan as planning
from loopbaan_cli.banks.library import Library
from loopbaan_cli.conversation.asking import AskFn, Paused
from loopbaan_cli.conversation.interview import Interview
from loopbaan_cli.conversation.meta import EXPECTED_MINUTES, FULL, SHORT, UNKNOWN, Meta
from loopbaan_cli.cycle.people import of_employee
from loopbaan_cli.cycle.settings import Settings
from loopbaan_cli.kernel import console
from loopbaan_cli.kernel.errors import Interrupted, InvalidAnswersError, LoopbaanError, Problem
from loopbaan_cli.kernel.shell import command_for
from loopbaan_cli.kernel.text import short_date
from loopbaan_cli.kernel.values import workday
from loopbaan_cli.sessions import store
from loopbaan_cli.sessions.answers import answer_values, is_answered
from loopbaan_cli.sessions.model import Session


@dataclass(frozen=True)
class Prepared:
    session: Session  # at the stage "preparation" when it was paused
    still_open: list[str]  # the required preparation questions left unanswered

    @property
    def path(self) -> Path:
        """The session's file."""
        return store.session_path(self.session.id)


def _save_prepared(session: Session) -> None:
    # Time spent preparing is not conversation time: on screen it counts, on disk not.
    store.save(session.model_copy(update={"minutes": 0}))


def _defaults(employee: str | None, today: dt.date) -> Meta:
    """What the meta questions propose: the planned date a week ahead, the last known facts."""
    everyone = store.list_sessions().sessions
    meta = suggested(workday(today + dt.timedelta(days=Settings().planned_after_days)), everyone)
    meta.employee = (employee or "").strip()
    meta.meeting_place = _last_place(everyone)
    entry = who(employee, "prepare") if employee else None
    if entry is not None:  # someone in the register: what it knows, and their last phase
        meta.employee, meta.employee_id, meta.role = entry.name, entry.id, entry.role
        meta.service_start = entry.service_start
        meta.retirement_year = entry.retirement_year
        known = of_employee(everyone, entry.id)
        if known:
            meta.phase = known[0].phase
    return meta


def _last_place(everyone: list[Any]) -> str:
    """Where the last conversation with a place was held: most owners have one quiet room."""
    for record in sorted(everyone, key=lambda s: s.updated, reverse=True):
        place = str((record.get("meeting") or {}).get("place") or "").strip()
        if place:
            return place
    return ""


def _new_prepared(
    library: Library, meta: Meta, base: Session | None = None, *, by_name: bool = False
) -> Session:
    # a new employee joins the register here; `by_name` (a file): see register_for
    meta.employee_id = employees.register_for(meta, by_name=by_name)
    session = meta.new_session(
        library,
        store.new_id(meta.employee, meta.date),
        base,
        status="prepared",
        stage="preparation",
        position=None,
        minutes=0,
    )
    _save_prepared(session)
    return session


def _collect(interview: Interview, defaults: Meta) -> Meta | Session:
    """The meta questions; a prepared conversation instead when the user picks one."""
    try:
        return interview.collect_meta(defaults, employee_facts=True)
    except UsePrepared as chosen:
        return chosen.session
    except (KeyboardInterrupt, Paused):
        raise Interrupted("Gestopt voor de voorbereiding begon; er is nog niets bewaard.") from None


def prepare(
    session_id: str | None = None,
    employee: str | None = None,
    answers: Path | None = None,
    no_input: bool = False,
    *,
    keyboard: Keyboard,
    today: dt.date | None = None,
) -> Prepared:
    """Create (or continue) a prepared conversation, from the keyboard or from a file."""
    today = today or dt.date.today()
    library = library_for_use()
    if answers is not None:
        session = _from_file(answers, library, no_input, today, keyboard)
    elif no_input:
        raise LoopbaanError(
            "--no-input heeft --answers BESTAND nodig",
            hint=f"Zie `{command_for('prepare', '--help')}`.",
        )
    else:
        if employee:
            who(employee, "prepare")  # a name two employees share: refused with their ids, first
        session = _asked(session_id, employee, library, today, keyboard())
    return Prepared(session, [text for _, text in open_required(session, library)])


def _asked(
    session_id: str | None, employee: str | None, library: Library, today: dt.date, ask: AskFn
) -> Session:
    existing = _existing(session_id, employee)
    if existing is not None:
        return _drive(Interview(library, ask, _save_prepared, guard.preview), existing)
    interview = Interview(
        library,
        offer_prepared(ask, TO_GO_ON),
        _save_prepared,
        guard.preview,
        identity=employees.identity(),
    )
    console.markup(
        "[bold]Voorbereiding van een loopbaangesprek[/bold]: wie, wanneer, en wat jij als "
        "leidinggevende op voorhand op een rij zet. Zodra naam, datum en levensfase er "
        "staan, wordt alles meteen bewaard."
    )
    chosen = _collect(interview, _defaults(employee, today))
    if isinstance(chosen, Meta):
        chosen = _new_prepared(library, chosen)
    return _drive(Interview(library, ask, _save_prepared, guard.preview), chosen)


def _existing(session_id: str | None, employee: str | None) -> Session | None:
    if session_id:
        session = store.load(session_id)
        if session.status != "prepared":
            raise LoopbaanError(
                f"gesprek '{session.id}' is al begonnen; de voorbereiding is er een deel van",
                hint=f"Verder met het gesprek: {command_for('resume', session.id)}",
            )
        console.markup(
            f"Verder met de voorbereiding van het gesprek met "
            f"[bold]{console.escape(session.employee.name)}[/bold] "
            f"({short_date(session.date)})."
        )
        return session
    if employee:
        found = find_prepared(employee, "prepare")
        if found is not None:
            console.say(
                f"Er staat al een voorbereid gesprek klaar voor {found.employee.name} "
                f"({found.id}); je werkt die voorbereiding verder af."
            )
        return found
    return None


def _drive(interview: Interview, session: Session) -> Session:
    hint = f"Verder voorbereiden: {command_for('prepare', session.id)}"
    with guard.working_on(session.id):
        session = current = store.load(session.id)
        guard.until_stopped(
            lambda: interview.run_preparation(current),
            interview.save,
            what="De voorbereiding",
            hint=hint,
        )
    return session


def _from_file(
    path: Path, library: Library, no_input: bool, today: dt.date, keyboard: Keyboard
) -> Session:
    from loopbaan_cli.conversation import answers_file

    draft = answers_file.build(
        path, library, today=today, new_id=store.new_id, identify=employees.scripted_identify
    )
    base = draft.session
    meeting = base.meeting
    if meeting is not None and meeting.time and meeting.minutes is None:
        # a start without a duration: the length the keyboard would have suggested
        length = EXPECTED_MINUTES[SHORT if base.short else FULL]
        base.meeting = meeting.model_copy(update={"minutes": length})
    if no_input:
        problems = missing(draft.session, library, str(path), draft.meta_complete)
        if problems:
            raise InvalidAnswersError(
                problems,
                hint="Vul ze aan in het bestand, of laat --no-input weg om ze te vragen.",
            )
        meta = Meta.from_session(base, _defaults(None, today))
        session = _new_prepared(library, meta, base, by_name=True)
        session.stage, session.position = "questions", None
        _save_prepared(session)
        return session
    interview = Interview(
        library,
        keyboard(),
        _save_prepared,
        guard.preview,
        fill_missing_only=True,
        identity=employees.identity(),
    )
    fallback = _defaults(None, today)
    if draft.meta_complete:
        session = _new_prepared(library, Meta.from_session(base, fallback), base, by_name=True)
    else:
        chosen = _collect(interview, Meta.from_session(base, fallback))
        session = chosen if isinstance(chosen, Session) else _new_prepared(library, chosen, base)
    return _drive(interview, session)


def open_required(session: Session, library: Library) -> list[tuple[str, str]]:
    """The required preparation questions still unanswered: (key, question)."""
    items = planning.build(library, session.phase, session.purposes, "preparation")
    check = planning.Applicability(
        items, answer_values(session.preparation), session.phase, session.purposes
    )
    found = []
    for item in check.applicable():
        record = session.preparation.get(item.key)
        if item.question.required and not is_answered(record):
            found.append((item.key, item.question.text))
    return found


def missing(session: Session, library: Library, name: str, meta_complete: bool) -> list[Problem]:
    """What a prepared conversation still needs: who, when, and the required preparation."""
    found = []
    if session.employee.name == UNKNOWN:
        found.append(Problem(name, 0, 0, "ontbreekt: employee (naam van de medewerker)"))
    if session.interviewer.name == UNKNOWN:
        found.append(Problem(name, 0, 0, "ontbreekt: interviewer (naam van de leidinggevende)"))
    if session.phase == UNKNOWN:
        found.append(Problem(name, 0, 0, "ontbreekt: phase (de levensfase)"))
    for key, text in open_required(session, library):
        found.append(Problem(name, 0, 0, f"ontbreekt: preparation: {key} ({text})"))
    return found
