"""`loopbaan followup`: a short check-in on an earlier conversation, kept with it.

A check-in (sessions.model.CheckIn) asks, for each open agreement, how it stands
(klaar, loopt, zit vast, geschrapt) with a remark; then the difficulties met,
the successes reached, new or changed agreements, and the next follow-up
moment. It is stored in the conversation's own file (`checkins:`), so the
history of every agreement stays readable next to the agreement itself.
An agreement a check-in marked done or dropped is not asked about again.

Like `start`: saved after every answer, Ctrl-P pauses, Ctrl-C saves and stops
(exit 130), `loopbaan followup ID` goes on where it stopped. Scriptable with
`--answers FILE` (see the README). The questions are conversation/checkin.py,
the answers file conversation/checkin_file.py, the summary cli/views/followup.py.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from loopbaan_cli.app import running as guard
from loopbaan_cli.app.library import library_for_use
from loopbaan_cli.app.running import Keyboard
from loopbaan_cli.conversation.checkin import CheckInFlow
from loopbaan_cli.conversation.checkin_file import apply_answers, missing, read_answers
from loopbaan_cli.cycle.progress import CLOSED, latest_status
from loopbaan_cli.kernel import console
from loopbaan_cli.kernel.errors import InvalidAnswersError, LoopbaanError, NotFoundError, Problem
from loopbaan_cli.kernel.record import Record
from loopbaan_cli.kernel.shell import command_for
from loopbaan_cli.kernel.values import format_value
from loopbaan_cli.sessions import store
from loopbaan_cli.sessions.model import (
    AgreementProgress,
    CheckIn,
    Session,
)

# --- which conversation -------------------------------------------------------------


def unfinished(session: Session | Record) -> CheckIn | None:
    return next((c for c in reversed(session.checkins) if c.status != "completed"), None)


def target(session_id: str | None) -> Session:
    """The given conversation, or the one with an unfinished check-in, or the newest completed."""
    if session_id:
        return store.load(session_id)
    sessions = store.list_sessions().sessions
    pending = [s for s in sessions if unfinished(s) is not None]
    if pending:
        return store.load(max(pending, key=lambda s: s.updated).id)
    done = [s for s in sessions if s.status == "completed"]
    if not done:
        raise NotFoundError(
            "er is nog geen afgerond gesprek om op te volgen",
            hint=f"Een gesprek voer je met `{command_for('start')}`; `{command_for('list')}` toont ze.",
        )
    return store.load(max(done, key=lambda s: (s.date, s.created)).id)


def new_checkin(session: Session, today: dt.date) -> CheckIn:
    """A check-in that asks about every agreement not yet done or dropped."""
    progress = [
        AgreementProgress(number=n, what=a.what)
        for n, a in enumerate(session.agreements, 1)
        if latest_status(session, n)[0] not in CLOSED
    ]
    return CheckIn(date=today, progress=progress)


# --- the command -----------------------------------------------------------------


@dataclass(frozen=True)
class Result:
    session: Session
    checkin: CheckIn
    paused: bool = False


def followup(
    session_id: str | None,
    answers: Path | None = None,
    no_input: bool = False,
    *,
    keyboard: Keyboard,
    today: dt.date | None = None,
) -> Result:
    """Hold (or go on with) a check-in on a completed conversation."""
    today = today or dt.date.today()
    if no_input and answers is None:
        raise LoopbaanError(
            "--no-input heeft --answers BESTAND nodig",
            hint=f"Zie `{command_for('followup', '--help')}`.",
        )
    session = target(session_id)
    if session.status != "completed":
        raise LoopbaanError(
            f"het gesprek met {session.employee.name} ({session.id}) is nog niet afgerond; "
            "opvolgen kan pas daarna",
            hint=f"Maak het eerst af: {command_for('resume', session.id)}",
        )
    file = read_answers(answers) if answers is not None else None
    ask = None if no_input else keyboard()
    library = library_for_use()
    with guard.working_on(session.id):
        session = store.load(session.id)  # re-read under the lock
        checkin = unfinished(session)
        if checkin is None:
            checkin = new_checkin(session, today)
            session.checkins.append(checkin)
        given: set[str] = set()
        if file is not None and answers is not None:
            given = apply_answers(session, checkin, file[0], file[1], str(answers), library)
        if ask is None:  # --no-input: the file said it all, or it says what is missing
            assert file is not None
            _complete(checkin, missing(checkin, file[1], str(answers)))
            store.save(session)
            return Result(session, checkin)
        store.save(session)
        if checkin.position is not None:
            console.markup(
                f"Verder met de opvolging van {format_value(checkin.date)} bij het gesprek met "
                f"[bold]{console.escape(session.employee.name)}[/bold] ({session.id})."
            )
        flow = CheckInFlow(library, ask, store.save, given=given, employees=guard.company_size())
        current = session
        finished = guard.until_stopped(
            lambda: flow.run(current, checkin),
            lambda: store.save(current),
            what="De opvolging",
            hint=f"Verder met: {command_for('followup', session.id)}",
        )
    return Result(session, checkin, paused=not finished)


def _complete(checkin: CheckIn, problems: list[Problem]) -> None:
    if problems:
        raise InvalidAnswersError(
            problems, hint="Vul ze aan in het bestand, of laat --no-input weg om ze te vragen."
        )
    checkin.status, checkin.position = "completed", None
