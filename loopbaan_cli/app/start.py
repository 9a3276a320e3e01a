"""Start and resume a conversation: glue between the store, the interview and the keyboard."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from loopbaan_cli.app import handover
from loopbaan_cli.conversation.asking import Ask, Paused
from loopbaan_cli.conversation.meta import UNKNOWN, Meta, MetaInterrupted, first_question, keep_meta
from loopbaan_cli.kernel import console
from loopbaan_cli.kernel.errors import Interrupted, LoopbaanError
from loopbaan_cli.kernel.shell import command_for

# The interview, the store, the register and the session model (pydantic, yaml) are
# imported where they are used: `start` draws its first question before they load.
if TYPE_CHECKING:
    from loopbaan_cli.app.running import Keyboard
    from loopbaan_cli.banks.library import Library
    from loopbaan_cli.conversation.interview import Interview
    from loopbaan_cli.sessions.model import Session

INTRO = (
    "[bold]Loopbaangesprek[/bold]: een gesprek over de komende jaren, niet over het "
    "voorbije jaar. Alles wat je typt, wordt meteen bewaard."
)


@dataclass(frozen=True)
class FirstScreen:
    """What `start` shows up to its first prompt: the intro (markup) and that prompt."""

    intro: str
    question: Ask


# The cli draws the first screen before the banks and the prompts are loaded;
# True when it did (then `start` does not print the intro again).
Early = Callable[[FirstScreen], bool]


@dataclass(frozen=True)
class Held:
    session: Session
    finished: bool  # the interview ran to its end in this run (not paused, not from a file)

    @property
    def path(self) -> Path:
        """The session's file."""
        from loopbaan_cli.sessions import store

        return store.session_path(self.session.id)


def start(
    answers: Path | None,
    no_input: bool,
    *,
    keyboard: Keyboard,
    today: dt.date | None = None,
    employee: str | None = None,
    early: Early | None = None,
) -> Held:
    """A new conversation: asked at the keyboard, or from an answers file (the rest asked).

    `early` (the cli's, at a terminal) draws the first screen as soon as it is
    known without loading the banks; the prompt asked then is checked against it.
    """
    today = today or dt.date.today()
    drawn = False
    if early is not None and answers is None and not no_input and not employee:
        screen = first_screen(today)
        drawn = screen is not None and early(screen)
    from loopbaan_cli.app import employees
    from loopbaan_cli.app import running as guard
    from loopbaan_cli.app.library import library_for_use
    from loopbaan_cli.conversation.interview import Interview
    from loopbaan_cli.sessions import store

    library = library_for_use()
    _warn_old_facts(library)
    if answers is not None:
        return _from_answers(answers, no_input, library, today, keyboard)
    if no_input:
        raise LoopbaanError(
            "--no-input heeft --answers BESTAND nodig",
            hint=f"Zie `{command_for('start', '--help')}`.",
        )
    if employee:
        handover.who(employee)  # a name two employees share: refused with their ids, first
    ask = keyboard()
    found = handover.waiting()  # one check of the files for the offer and the suggestion
    interview = Interview(
        library,
        handover.offer_prepared(ask, prepared=found.prepared),
        store.save,
        guard.preview,
        employees=guard.company_size(),
        identity=employees.identity(),
    )
    if not drawn:
        console.markup(INTRO)
    prepared = handover.find_prepared(employee) if employee else None
    try:
        defaults = handover.start_defaults(
            handover.suggested(today, interviewer=found.interviewer), employee
        )
        session = prepared or _new_session(interview, library, defaults, None, keep=True)
    except handover.UsePrepared as chosen:
        session = chosen.session
    if session.status == "prepared":
        session = handover.pick_up(session, today)
    return _drive(interview, session)


def first_screen(today: dt.date) -> FirstScreen | None:
    """The intro and the name prompt of a new conversation, known at once; None when not.

    Known without loading the banks, the register or the session model, and at
    the same cost with 20 or 20,000 conversations: the notice of prepared
    conversations is the index's, unchecked (`offer_prepared` words it again
    from the checked files, and the prompt really asked is compared with this
    one). None when something would be said before it (the banks have
    problems, config.yaml cannot be read), when the banks were never cached,
    or when there is no index: then `start` shows it as before.
    """
    from loopbaan_cli.banks import bank_cache
    from loopbaan_cli.banks.library import load_survey
    from loopbaan_cli.cycle.settings import Settings

    # A folder still to be upgraded (sessions/migrate.py) is upgraded, without a
    # word, when the prepared conversations are read: after this screen, before a
    # key is read, and the prompt then asked is worded from the upgraded files.
    if not bank_cache.folder().is_dir():
        return None
    try:
        Settings.load()
        if load_survey(today=None).problems:  # errors or warnings about the banks: said first
            return None
    except (LoopbaanError, OSError):
        return None
    notice = handover.notice_at_a_glance()
    if notice is None:
        return None
    question = first_question(Meta("", "", "", "", today, ""))
    return FirstScreen(INTRO, replace(question, notice=notice) if notice else question)


def _warn_old_facts(library: Library) -> None:
    """One line, not blocking, when a dated fact in the banks is old or past its date."""
    from loopbaan_cli.banks.facts import fact_warnings
    from loopbaan_cli.banks.library import clock

    found = fact_warnings(library, clock())
    if found:
        console.warn(
            f"Let op: {len(found)} regeling(en) of adres(sen) in de vragenbanken zijn ouder dan "
            f"zes maanden of verlopen; kijk ze na met `{command_for('banks', 'validate')}`."
        )


def _from_answers(
    answers: Path, no_input: bool, library: Library, today: dt.date, keyboard: Keyboard
) -> Held:
    """`start --answers FILE`: what the file gives; with --no-input all of it, else the rest asked."""
    from loopbaan_cli.app import employees
    from loopbaan_cli.app import running as guard
    from loopbaan_cli.conversation import answers_file
    from loopbaan_cli.conversation.interview import Interview
    from loopbaan_cli.sessions import store

    draft = answers_file.build(
        answers,
        library,
        today=today,
        new_id=store.new_id,
        no_input=no_input,
        identify=employees.scripted_identify,
    )
    from_file = draft.session
    draft.session = handover.adopt(from_file, draft.meta_complete)
    if no_input:
        # Under the lock: a prepared conversation open in another window is refused,
        # never overwritten; taken over, it is read again under the lock.
        session = answers_file.complete(draft)  # what is missing: refused before any lock
        with guard.working_on(session.id):
            if session.id != from_file.id:
                draft.session = handover.adopt(from_file, draft.meta_complete)
                session = answers_file.complete(draft)
            session = employees.register_session(session)
            store.save(session)
        return Held(session, finished=False)
    interview = Interview(
        library,
        keyboard(),
        store.save,
        guard.preview,
        fill_missing_only=True,
        skip=draft.given,
        employees=guard.company_size(),
        identity=employees.identity(),
    )
    session = draft.session
    if not draft.meta_complete:
        session = _new_session(
            interview, library, Meta.from_session(session, _defaults(today)), draft.session
        )
    else:
        store.save(employees.register_session(session))
    return _drive(interview, session)


def _defaults(today: dt.date) -> Meta:
    return handover.suggested(today)


NOTHING_KEPT = "Gestopt voor het gesprek begon; er is nog niets bewaard."


def _new_session(
    interview: Interview,
    library: Library,
    defaults: Meta,
    draft: Session | None,
    *,
    keep: bool = False,
) -> Session:
    """Ask who and when, and save the new conversation.

    With `keep` (the screen promised that everything typed is kept), Ctrl-C
    once the employee's name is typed saves what was given so far: `loopbaan
    resume` goes on at that very step. Before the name there is nothing to keep.
    """
    try:
        meta = interview.collect_meta(defaults)
    except MetaInterrupted as stop:
        kept = _keep_unfinished(library, defaults, stop) if keep else None
        if kept is None:
            raise Interrupted(NOTHING_KEPT) from None
        raise Interrupted(
            "Onderbroken. Alles tot nu toe is bewaard.",
            hint=f"Verder met: {command_for('resume', kept.id)}",
        ) from None
    except (KeyboardInterrupt, Paused):
        raise Interrupted(NOTHING_KEPT) from None
    from loopbaan_cli.app import employees
    from loopbaan_cli.sessions import store

    meta.employee_id = employees.register_for(meta)  # a new employee joins the register here
    session = meta.new_session(
        library,
        store.new_id(meta.employee, meta.date),
        draft,
        status="in_progress",
        stage="preparation",
    )
    store.save(session)
    return session


def _keep_unfinished(library: Library, defaults: Meta, stop: MetaInterrupted) -> Session | None:
    """Save a conversation stopped while who and when were asked; None without a name."""
    from loopbaan_cli.app import employees
    from loopbaan_cli.sessions import store
    from loopbaan_cli.sessions.model import Employee, Person, Session

    name = str(stop.values.get("employee") or "").strip()
    if not name:
        return None
    day = stop.values.get("date")
    day = day if isinstance(day, dt.date) else defaults.date
    now = dt.datetime.now().replace(microsecond=0)
    session = Session(
        id=store.new_id(name, day),
        status="in_progress",
        stage="meta",
        position=stop.position,
        created=now,
        updated=now,
        employee=Employee(name=UNKNOWN),
        interviewer=Person(name=UNKNOWN),
        date=day,
        phase=UNKNOWN,
    )
    keep_meta(session, stop.values, library)
    # the name is typed: whoever it turned out to be, or a new employee, is in the register
    # (no id: "someone else with this name" was chosen, or no one had it: a new employee)
    store.save(employees.register_session(session, by_name=False))
    return session


def resume(session_id: str | None, *, keyboard: Keyboard) -> Held:
    """Go on with an interrupted (or prepared) conversation where it stopped."""
    from loopbaan_cli.app import running as guard
    from loopbaan_cli.sessions import store

    session = store.resolve(session_id, unfinished=True)
    if session.status == "completed":
        raise LoopbaanError(
            f"gesprek '{session.id}' is al afgerond",
            hint=f"Bekijk het met `{command_for('show', session.id)}` of druk het af met "
            f"`{command_for('export', session.id)}`.",
        )
    guard.check_free(session.id)  # open elsewhere: said before "no terminal" would be
    from loopbaan_cli.app import employees
    from loopbaan_cli.app.library import library_for_use
    from loopbaan_cli.conversation.interview import Interview

    ask = keyboard()
    library = library_for_use()
    # stopped while who and when were asked: the same suggestions as `start` made
    interview = Interview(
        library,
        ask,
        store.save,
        guard.preview,
        meta_defaults=_defaults(dt.date.today()),
        employees=guard.company_size(),
        identity=employees.identity(),
    )
    if session.status == "prepared":  # picked up like `start` does
        return _drive(interview, handover.pick_up(session))
    console.markup(
        f"Verder met het gesprek met [bold]{console.escape(session.employee.name)}[/bold]."
    )
    return _drive(interview, session)


def _drive(interview: Interview, session: Session) -> Held:
    from loopbaan_cli.app import running as guard
    from loopbaan_cli.sessions import store

    with guard.working_on(session.id):
        # Re-read under the lock: another window may have saved since we loaded it.
        if store.session_path(session.id).exists():
            session = store.load(session.id)
        current = session
        finished = guard.until_stopped(
            lambda: interview.run(current),
            interview.save,
            what="Alles",
            hint=f"Verder met: {command_for('resume', session.id)}",
        )
    return Held(session, finished)
