"""Start and resume a conversation: glue between the store, the interview and the keyboard."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from loopbaan_cli.app import running as guard
from loopbaan_cli.banks.library import Library, load_library
from loopbaan_cli.conversation.interview import (
    AskFn,
    Interview,
    Meta,
    MetaInterrupted,
    Paused,
    keep_meta,
)
from loopbaan_cli.kernel import console
from loopbaan_cli.kernel.errors import Interrupted, LoopbaanError
from loopbaan_cli.kernel.shell import command_for
from loopbaan_cli.sessions import store
from loopbaan_cli.sessions.model import Employee, Person, Session


def library_for_use() -> Library:
    """The banks, warning (not failing) about the user's own broken files."""
    library = load_library()
    if library.errors:
        console.warn(
            "Let op: je eigen vragenbanken hebben fouten; die bestanden worden overgeslagen:"
        )
        for problem in library.errors:
            console.warn(f"  {problem}")
        console.warn(f"Controleer ze met `{command_for('banks', 'validate')}`.")
    return library


def _ask_fn() -> AskFn:
    from loopbaan_cli.cli import prompts  # questionary only when someone will type

    return prompts.ask


def start(
    answers: Path | None, no_input: bool, today: dt.date | None = None, employee: str | None = None
) -> Session:
    from loopbaan_cli.app import (
        prepare as preparing,  # issue 5: a prepared conversation is picked up
    )

    today = today or dt.date.today()
    library = library_for_use()
    if answers is not None:
        from loopbaan_cli.conversation import answers_file

        draft = answers_file.build(answers, library, today=today, no_input=no_input)
        draft.session = preparing.adopt(draft.session, draft.meta_complete)
        if no_input:
            session = answers_file.complete(draft)
            store.save(session)
            return session
        guard.require_terminal("dit gesprek", "start")
        interview = Interview(
            library, _ask_fn(), store.save, fill_missing_only=True, skip=draft.given
        )
        session = draft.session
        if not draft.meta_complete:
            session = _new_session(
                interview, library, Meta.from_session(session, _defaults(today)), draft.session
            )
        else:
            store.save(session)
        return _drive(interview, session)

    if no_input:
        raise LoopbaanError(
            "--no-input heeft --answers BESTAND nodig",
            hint=f"Zie `{command_for('start', '--help')}`.",
        )
    guard.require_terminal("dit gesprek", "start")
    interview = Interview(library, preparing.offer_prepared(_ask_fn()), store.save)
    console.markup(
        "[bold]Loopbaangesprek[/bold]: een gesprek over de komende jaren, niet over het "
        "voorbije jaar. Alles wat je typt, wordt meteen bewaard."
    )
    prepared = preparing.find_prepared(employee) if employee else None
    try:
        defaults = preparing.start_defaults(_defaults(today), employee)
        session = prepared or _new_session(interview, library, defaults, None, keep=True)
    except preparing.UsePrepared as chosen:
        session = chosen.session
    if session.status == "prepared":
        session = preparing.pick_up(session, today)
    return _drive(interview, session)


def _defaults(today: dt.date) -> Meta:
    listing = store.list_sessions()
    last = max(listing.sessions, key=lambda s: s.updated, default=None)
    return Meta(
        employee="",
        role="",
        interviewer=last.interviewer.name if last else "",
        interviewer_role=last.interviewer.role if last else "",
        date=today,
        phase="",
        purposes=[],
    )


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
    now = dt.datetime.now().replace(microsecond=0)
    base = draft.model_dump() if draft else {}
    base.update(
        id=store.new_id(meta.employee, meta.date),
        status="in_progress",
        stage="preparation",
        created=now,
        updated=now,
        **meta.session_fields(library),
    )
    session = Session.model_validate(base)
    store.save(session)
    return session


def _keep_unfinished(library: Library, defaults: Meta, stop: MetaInterrupted) -> Session | None:
    """Save a conversation stopped while who and when were asked; None without a name."""
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
        employee=Employee(name="?"),
        interviewer=Person(name="?"),
        date=day,
        phase="?",
    )
    keep_meta(session, stop.values, library)
    store.save(session)
    return session


def resume(session_id: str | None) -> Session:
    session = store.resolve(session_id, unfinished=True)
    if session.status == "completed":
        raise LoopbaanError(
            f"gesprek '{session.id}' is al afgerond",
            hint=f"Bekijk het met `{command_for('show', session.id)}` of druk het af met "
            f"`{command_for('export', session.id)}`.",
        )
    guard.require_terminal("dit gesprek", "start")
    library = library_for_use()
    # stopped while who and when were asked: the same suggestions as `start` made
    interview = Interview(library, _ask_fn(), store.save, meta_defaults=_defaults(dt.date.today()))
    if session.status == "prepared":  # issue 5: picked up like `start` does
        from loopbaan_cli.app import prepare as preparing

        return _drive(interview, preparing.pick_up(session))
    console.markup(
        f"Verder met het gesprek met [bold]{console.escape(session.employee.name)}[/bold]."
    )
    return _drive(interview, session)


def _drive(interview: Interview, session: Session) -> Session:
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
    if not finished:
        return session
    console.success("Het gesprek is afgerond en bewaard.")
    console.say(
        f"Afsprakenblad afdrukken: {command_for('export', session.id, '--format', 'txt')} | lpr"
    )
    console.say(f"Of als bestand: {command_for('export', session.id, '-o', 'afspraken.html')}")
    return session
