"""`loopbaan prepare`: a conversation prepared before the meeting, and picked up by `start`.

A prepared session has status `prepared`: who, when (the planned date), the
life phase and purposes, and the manager's preparation (the `kind:
preparation` banks). Once the preparation is done it stands at the stage
"questions", so `loopbaan start` goes straight to the conversation; paused
half-way it stands at the preparation question it was on.

`loopbaan start` picks a prepared session up in three ways:
- `loopbaan start --employee NAME` takes the newest prepared conversation of
  that employee without asking;
- otherwise, once the employee's name is typed, it asks whether to use the
  prepared conversation of that person;
- `loopbaan start --answers FILE` takes it over when the file names the same
  employee and is complete about who and when: the preparation and the facts
  about the employee stay, the rest comes from the file.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path
from typing import Any

from loopbaan_cli.app import running as guard
from loopbaan_cli.banks import plan as planning
from loopbaan_cli.banks.library import Library
from loopbaan_cli.conversation.interview import Ask, AskFn, Interview, Meta, Paused
from loopbaan_cli.cycle.agenda import of_employee
from loopbaan_cli.kernel import console
from loopbaan_cli.kernel.errors import Interrupted, InvalidAnswersError, LoopbaanError, Problem
from loopbaan_cli.kernel.record import Record
from loopbaan_cli.kernel.shell import command_for
from loopbaan_cli.kernel.values import workday
from loopbaan_cli.sessions import store
from loopbaan_cli.sessions.answers import answer_values
from loopbaan_cli.sessions.model import Session

PLANNED_AFTER_DAYS = 7  # give the employee a week to think the questions over


class UsePrepared(Exception):
    """Raised from inside collect_meta when the user chose a prepared conversation."""

    def __init__(self, session: Session) -> None:
        super().__init__(session.id)
        self.session = session


# --- finding prepared conversations ---------------------------------------------


def prepared_sessions() -> list[Record]:
    """Every prepared conversation (without answers: load it before use), newest first."""
    return [s for s in store.list_sessions().sessions if s.status == "prepared"]


def find_prepared(name: str) -> Session | None:
    """The newest prepared conversation of this employee, fully loaded, or None."""
    found = of_employee(prepared_sessions(), name)
    return store.load(found[0].id) if found else None


def offer_prepared(ask: AskFn, *, preparing: bool = False) -> AskFn:
    """`ask`, but once the employee's name is typed, offer that person's prepared conversation.

    Saying yes raises UsePrepared out of collect_meta. `preparing`: the wording
    for `loopbaan prepare` (work on) instead of `loopbaan start` (use).
    """
    waiting = prepared_sessions()
    if preparing:
        notice, question = "Typ die naam om daar verder aan te werken.", "Daar verder aan werken?"
    else:
        notice, question = "Typ die naam om die voorbereiding te gebruiken.", "Dat gebruiken?"
    declined: set[str] = set()

    def wrapped(request: Ask) -> Any:
        if request.key == "meta.employee" and waiting and not request.notice:
            names = ", ".join(sorted({s.employee.name for s in waiting}))
            request = replace(
                request,
                notice=f"Al voorbereid: {names}. {notice}",
            )
        reply = ask(request)
        if request.key != "meta.employee" or not isinstance(reply, str) or not reply.strip():
            return reply
        match = of_employee(waiting, reply)
        if not match or match[0].id in declined:
            return reply
        chosen = match[0]
        answer = ask(
            Ask(
                "meta.use_prepared",
                f"Er staat een voorbereid gesprek klaar voor {chosen.employee.name} "
                f"(gepland op {chosen.date.strftime('%d-%m-%Y')}). {question}",
                "confirm",
                default=True,
                tip="Ja: je voorbereiding blijft, en wie en waarover hoef je niet opnieuw in te "
                "vullen. Nee: een nieuw gesprek; de voorbereiding blijft dan liggen.",
            )
        )
        if answer is True:
            raise UsePrepared(store.load(chosen.id))
        declined.add(chosen.id)
        return reply

    return wrapped


# --- `loopbaan start` takes a prepared conversation over ---------------------------


def pick_up(session: Session, today: dt.date | None = None) -> Session:
    """Make a prepared conversation the conversation held today, and save it.

    The preparation is kept; the preparation stage comes back only when it is
    still empty. The date becomes today: the agreement carries the real date.
    """
    today = today or dt.date.today()
    with store.locked(session.id):
        session = store.load(session.id)
        if session.status != "prepared":
            return session
        session.status = "in_progress"
        # Not a word of the conversation yet: start at the questions, or at the
        # preparation when nothing of it was filled in.
        at_start = session.stage in ("meta", "preparation") or (
            session.stage == "questions" and session.position is None
        )
        if at_start:
            filled = any(
                not r.skipped and r.value not in (None, "", [])
                for r in session.preparation.values()
            )
            session.stage = "questions" if filled else "preparation"
            session.position = None
            if not filled and not any(r.note for r in session.preparation.values()):
                session.preparation = {}  # only skipped questions: offer it afresh
        planned = session.date
        session.date = today
        store.save(session)
    kept = (
        "je voorbereiding blijft bewaard"
        if session.stage != "preparation"
        else ("de voorbereiding is nog leeg")
    )
    console.markup(
        f"Het voorbereide gesprek met [bold]{console.escape(session.employee.name)}[/bold] "
        f"gaat verder; {kept}."
    )
    if planned != today:
        console.say(
            f"Datum van het gesprek: vandaag ({today.strftime('%d-%m-%Y')}); "
            f"gepland was {planned.strftime('%d-%m-%Y')}.",
            style="dim",
        )
    return session


def adopt(session: Session, meta_complete: bool) -> Session:
    """`start --answers`: the file's conversation takes over the employee's prepared one."""
    if not meta_complete or session.employee.name == "?":
        return session
    prepared = find_prepared(session.employee.name)
    if prepared is None:
        return session
    employee = session.employee.model_copy(
        update={
            "role": session.employee.role or prepared.employee.role,
            "service_start": session.employee.service_start or prepared.employee.service_start,
            "retirement_year": session.employee.retirement_year
            or prepared.employee.retirement_year,
        }
    )
    return session.model_copy(
        update={
            "id": prepared.id,
            "created": prepared.created,
            "employee": employee,
            "preparation": {**prepared.preparation, **session.preparation},
            "checkins": prepared.checkins,
        }
    )


def start_defaults(defaults: Meta, employee: str | None) -> Meta:
    """`loopbaan start --employee NAME` without a prepared conversation: the name is filled in."""
    if employee:
        defaults.employee = employee.strip()
    return defaults


# --- `loopbaan prepare` ------------------------------------------------------------


def _save_prepared(session: Session) -> None:
    # Time spent preparing is not conversation time: on screen it counts, on disk not.
    store.save(session.model_copy(update={"minutes": 0}))


def _defaults(employee: str | None, today: dt.date) -> Meta:
    """What the meta questions propose: the planned date a week ahead, the last known facts."""
    everyone = store.list_sessions().sessions
    last = max(everyone, key=lambda s: s.updated, default=None)
    planned = workday(today + dt.timedelta(days=PLANNED_AFTER_DAYS))
    meta = Meta(
        employee=(employee or "").strip(),
        role="",
        interviewer=last.interviewer.name if last else "",
        interviewer_role=last.interviewer.role if last else "",
        date=planned,
        phase="",
        purposes=[],
    )
    if employee:
        known = of_employee(everyone, employee)
        if known:
            newest = known[0]
            meta.employee = newest.employee.name
            meta.role = newest.employee.role
            meta.phase = newest.phase
            meta.service_start = newest.employee.service_start
            meta.retirement_year = newest.employee.retirement_year
    return meta


def _new_prepared(library: Library, meta: Meta, base: Session | None = None) -> Session:
    now = dt.datetime.now().replace(microsecond=0)
    data = base.model_dump() if base is not None else {}
    data.update(
        id=store.new_id(meta.employee, meta.date),
        status="prepared",
        stage="preparation",
        position=None,
        created=now,
        updated=now,
        minutes=0,
        **meta.session_fields(library),
    )
    session = Session.model_validate(data)
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
    quiet: bool = False,
    today: dt.date | None = None,
    ask: AskFn | None = None,
) -> Session:
    """Create (or continue) a prepared conversation; print how to go on unless `quiet`."""
    from loopbaan_cli.app.start import library_for_use

    today = today or dt.date.today()
    library = library_for_use()
    if answers is not None:
        session = _from_file(answers, library, no_input, today, ask)
    elif no_input:
        raise LoopbaanError(
            "--no-input heeft --answers BESTAND nodig",
            hint=f"Zie `{command_for('prepare', '--help')}`.",
        )
    else:
        if ask is None:
            guard.require_terminal("de voorbereiding", "prepare")
        ask = ask or _keyboard()
        existing = _existing(session_id, employee)
        if existing is not None:
            session = _drive(Interview(library, ask, _save_prepared), existing)
        else:
            interview = Interview(library, offer_prepared(ask, preparing=True), _save_prepared)
            console.markup(
                "[bold]Voorbereiding van een loopbaangesprek[/bold]: wie, wanneer, en wat jij als "
                "leidinggevende op voorhand op een rij zet. Zodra naam, datum en levensfase er "
                "staan, wordt alles meteen bewaard."
            )
            chosen = _collect(interview, _defaults(employee, today))
            if isinstance(chosen, Meta):
                chosen = _new_prepared(library, chosen)
            session = _drive(Interview(library, ask, _save_prepared), chosen)
    if not quiet:
        next_steps(session, library)
    return session


def _keyboard() -> AskFn:
    from loopbaan_cli.cli import prompts  # questionary only when someone will type

    return prompts.ask


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
            f"({session.date.strftime('%d-%m-%Y')})."
        )
        return session
    if employee:
        found = find_prepared(employee)
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
    path: Path, library: Library, no_input: bool, today: dt.date, ask: AskFn | None
) -> Session:
    from loopbaan_cli.conversation import answers_file

    draft = answers_file.build(path, library, today=today)
    base = draft.session
    if no_input:
        problems = missing(draft.session, library, str(path), draft.meta_complete)
        if problems:
            raise InvalidAnswersError(
                problems,
                hint="Vul ze aan in het bestand, of laat --no-input weg om ze te vragen.",
            )
        meta = Meta.from_session(base, _defaults(None, today))
        session = _new_prepared(library, meta, base)
        session.stage, session.position = "questions", None
        _save_prepared(session)
        return session
    if ask is None:
        guard.require_terminal("de voorbereiding", "prepare")
    ask = ask or _keyboard()
    interview = Interview(library, ask, _save_prepared, fill_missing_only=True)
    fallback = _defaults(None, today)
    if draft.meta_complete:
        session = _new_prepared(library, Meta.from_session(base, fallback), base)
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
        if item.question.required and (
            record is None or record.skipped or record.value in (None, "", [])
        ):
            found.append((item.key, item.question.text))
    return found


def missing(session: Session, library: Library, name: str, meta_complete: bool) -> list[Problem]:
    """What a prepared conversation still needs: who, when, and the required preparation."""
    found = []
    if session.employee.name == "?":
        found.append(Problem(name, 0, 0, "ontbreekt: employee (naam van de medewerker)"))
    if session.interviewer.name == "?":
        found.append(Problem(name, 0, 0, "ontbreekt: interviewer (naam van de leidinggevende)"))
    if session.phase == "?":
        found.append(Problem(name, 0, 0, "ontbreekt: phase (de levensfase)"))
    for key, text in open_required(session, library):
        found.append(Problem(name, 0, 0, f"ontbreekt: preparation: {key} ({text})"))
    return found


def next_steps(session: Session, library: Library) -> None:
    """After preparing: what is still open, how to hand out the invitation, how to start."""
    if session.stage == "preparation":
        return  # paused: the pause message already said how to go on
    name = session.employee.name
    console.success(f"Voorbereid en bewaard: {session.id} (gesprek met {name}).")
    still_open = open_required(session, library)
    if still_open:
        console.warn("Nog niet ingevuld, en wel belangrijk voor het gesprek:")
        for _, text in still_open:
            console.warn(f"  - {text}")
        console.warn(f"Aanvullen: {command_for('prepare', session.id)}")
    # Commands are printed unwrapped, so they can be copied as they are.
    console.say("Geef de medewerker de uitnodiging, met vragen om vooraf over na te denken:")
    console.out(
        f"  {command_for('export', session.id, '--kind', 'uitnodiging', '-o', 'uitnodiging.md')}"
    )
    console.say("Je eigen voorbereiding afdrukken:")
    console.out(f"  {command_for('export', session.id, '--kind', 'voorbereiding')}")
    console.say("Op de dag van het gesprek:")
    console.out(f"  {command_for('start', '--employee', name)}")


__all__ = [
    "UsePrepared",
    "adopt",
    "find_prepared",
    "missing",
    "next_steps",
    "offer_prepared",
    "pick_up",
    "prepare",
    "start_defaults",
]
