"""`loopbaan followup`: a short check-in on an earlier conversation, kept with it.

A check-in (models.CheckIn) asks, for each open agreement, how it stands
(klaar, loopt, zit vast, geschrapt) with a remark; then the difficulties met,
the successes reached, new or changed agreements, and the next follow-up
moment. It is stored in the conversation's own file (`checkins:`), so the
history of every agreement stays readable next to the agreement itself.
An agreement a check-in marked done or dropped is not asked about again.

Like `start`: saved after every answer, Ctrl-P pauses, Ctrl-C saves and stops
(exit 130), `loopbaan followup ID` goes on where it stopped. Scriptable with
`--answers FILE` (see checkin_file.py and the README).
The answers file lives in checkin_file.py, the history views in history.py.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from loopbaan_cli.app import running as guard
from loopbaan_cli.banks.library import Library
from loopbaan_cli.conversation.agreement_editor import edit_agreement
from loopbaan_cli.conversation.checkin_file import apply_answers, missing, read_answers
from loopbaan_cli.conversation.interview import (
    FIELD_NAV,
    STEP_NAV,
    Ask,
    AskFn,
    Choice,
    Interrupt,
    Nav,
    NoteReply,
    Paused,
    add_months,
    agreements_text,
    workday,
)
from loopbaan_cli.cycle.agenda import CLOSED, latest_status
from loopbaan_cli.cycle.history import show_checkin, status_label
from loopbaan_cli.kernel import console
from loopbaan_cli.kernel.errors import (
    InvalidAnswersError,
    LoopbaanError,
    NotFoundError,
)
from loopbaan_cli.kernel.record import Record
from loopbaan_cli.kernel.shell import command_for
from loopbaan_cli.kernel.values import format_value
from loopbaan_cli.sessions import store
from loopbaan_cli.sessions.model import (
    PROGRESS_STATUSES,
    Agreement,
    AgreementProgress,
    CheckIn,
    Session,
)

STATUS_CHOICES = (
    Choice("klaar", "Klaar"),
    Choice("loopt", "Loopt nog"),
    Choice("vast", "Zit vast"),
    Choice("geschrapt", "Geschrapt (gaat niet door)"),
)
REMARK_TIPS = {
    "klaar": "Wat heeft het opgeleverd? Zo zien jullie ook wat werkt.",
    "loopt": "Hoe ver staat het, en is de datum nog haalbaar?",
    "vast": "Wat houdt het tegen, en wat is er nodig om het los te krijgen?",
    "geschrapt": "Waarom gaat het niet door? Dat is goed om later nog te weten.",
}
NEXT_AFTER_MONTHS = 3


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


def suggested_next(session: Session, checkin: CheckIn) -> dt.date:
    """The next planned follow-up after this check-in, else three months on (a workday)."""
    later = [f.date for f in session.followups if f.date > checkin.date + dt.timedelta(days=30)]
    return min(later) if later else workday(add_months(checkin.date, NEXT_AFTER_MONTHS))


# --- the conversation -------------------------------------------------------------


class CheckInFlow:
    """The check-in as pure logic, driven through an `ask` callable like the Interview."""

    def __init__(
        self,
        library: Library,
        ask: AskFn,
        save: Callable[[Session], object],
        *,
        given: set[str] | None = None,
    ) -> None:
        self.library = library
        self._ask = ask
        self._save = save
        self._given = set(given or ())

    def save(self) -> None:
        self._save(self.session)

    def run(self, session: Session, checkin: CheckIn) -> None:
        """Ask from the check-in's position on until it is completed; raises Paused."""
        self.session, self.checkin = session, checkin
        steps = self._steps()
        keys = [key for key, _ in steps]
        index = keys.index(checkin.position) if checkin.position in keys else 0
        direction = 1
        while index < len(steps):
            key, step = steps[index]
            if key in self._given and direction == 1:
                index += 1
                continue
            if checkin.position != key:
                checkin.position = key
                self.save()
            if step() is Nav.BACK:
                direction = -1
                index = max(0, index - 1)
                continue
            direction = 1
            index += 1
        checkin.status = "completed"
        checkin.position = None
        self.save()

    def _steps(self) -> list[tuple[str, Callable[[], Nav | None]]]:
        steps: list[tuple[str, Callable[[], Nav | None]]] = [("date", self._date)]
        count = len(self.checkin.progress)
        for place, entry in enumerate(self.checkin.progress, 1):
            steps.append(
                (f"progress.{entry.number}.status", self._status_step(entry, place, count))
            )
            steps.append((f"progress.{entry.number}.remark", self._remark_step(entry)))
        steps += [
            ("difficulties", self._text_step("difficulties")),
            ("successes", self._text_step("successes")),
            ("agreements", self._agreements),
            ("next", self._next),
        ]
        return steps

    def _reply(self, request: Ask, keep: Callable[[str], None] | None = None) -> Any:
        """Ask; Ctrl-P pauses; Ctrl-C keeps what was typed in a text field, then stops."""
        try:
            reply = self._ask(request)
        except Interrupt as interrupt:
            if keep is not None and interrupt.draft.strip():
                keep(interrupt.draft.strip())
                self.save()
            raise
        if reply is Nav.PAUSE:
            raise Paused
        return reply

    def _date(self) -> Nav | None:
        session = self.session
        reply = self._reply(
            Ask(
                "followup.date",
                "Datum van dit opvolgmoment",
                "date",
                default=self.checkin.date,
                suggested=True,
                required=True,
                section=f"Opvolging: {session.employee.name}",
                intro=f"Bij het loopbaangesprek van {format_value(session.date)}. Eerst de "
                "afspraken één voor één, dan wat moeilijk ging, wat lukte, en het volgende moment.",
                nav=frozenset({Nav.PAUSE}),
            )
        )
        if isinstance(reply, dt.date):
            self.checkin.date = reply
            self.save()
        return None

    def _status_step(
        self, entry: AgreementProgress, place: int, count: int
    ) -> Callable[[], Nav | None]:
        def step() -> Nav | None:
            number = entry.number
            agreement = (
                self.session.agreements[number - 1]
                if number <= len(self.session.agreements)
                else None
            )
            previous, remark, when = latest_status(self.session, number)
            card = agreement_card(number, agreement, entry.what)
            if previous:
                card += f"\nVorige keer ({format_value(when)}): {status_label(previous)}"
                card += f". {remark}" if remark else ""
            reply = self._reply(
                Ask(
                    f"followup.progress.{number}.status",
                    f"Hoe staat afspraak {number} ervoor?",
                    "choice",
                    choices=STATUS_CHOICES,
                    # never rated: "loopt nog" is the likely answer, and a hasty
                    # Enter must not mark an agreement done
                    default=entry.status or previous or "loopt",
                    header=f"Afspraak {place} van {count}",
                    section="De afspraken" if place == 1 else "",
                    display=card,
                    tip="Ctrl-O als jullie deze afspraak nu niet bespreken.",
                    nav=FIELD_NAV,
                )
            )
            if reply is Nav.BACK:
                return Nav.BACK
            if isinstance(reply, str) and reply in PROGRESS_STATUSES:
                entry.status = reply  # type: ignore[assignment]
                self.save()
            return None

        return step

    def _remark_step(self, entry: AgreementProgress) -> Callable[[], Nav | None]:
        def keep(text: str) -> None:
            entry.remark = text

        def step() -> Nav | None:
            reply = self._reply(
                Ask(
                    f"followup.progress.{entry.number}.remark",
                    f"Opmerking bij afspraak {entry.number} (leeg laten mag)",
                    "long_text",
                    default=entry.remark,
                    tip=REMARK_TIPS.get(entry.status or "", "Kort: wat is er gebeurd?"),
                    nav=FIELD_NAV,
                ),
                keep,
            )
            if reply is Nav.BACK:
                return Nav.BACK
            if reply is not Nav.SKIP and not isinstance(reply, NoteReply):
                entry.remark = (reply or "").strip()
                self.save()
            return None

        return step

    def _text_step(self, field: str) -> Callable[[], Nav | None]:
        asks = {
            "difficulties": Ask(
                "followup.difficulties",
                "Welke moeilijkheden kwamen jullie tegen?",
                "long_text",
                section="Hoe het ging",
                tip="Zonder schuldvraag: wat liep moeilijk, en wat zou helpen?",
            ),
            "successes": Ask(
                "followup.successes",
                "Wat is al gelukt?",
                "long_text",
                tip="Sta er even bij stil: ook een kleine stap vooruit telt.",
            ),
        }

        def keep(text: str) -> None:
            setattr(self.checkin, field, text)

        def step() -> Nav | None:
            reply = self._reply(
                replace(asks[field], default=getattr(self.checkin, field), nav=FIELD_NAV), keep
            )
            if reply is Nav.BACK:
                return Nav.BACK
            if reply is not Nav.SKIP and not isinstance(reply, NoteReply):
                setattr(self.checkin, field, (reply or "").strip())
                self.save()
            return None

        return step

    def _agreements(self) -> Nav | None:
        session = self.session
        while True:
            choices = [Choice("nieuw", "Een nieuwe afspraak toevoegen")]
            choices += [
                Choice(f"wijzig:{n}", f"Afspraak {n} wijzigen")
                for n in range(1, len(session.agreements) + 1)
            ]
            choices.append(Choice("verder", "Geen (andere) wijzigingen: verder"))
            reply = self._reply(
                Ask(
                    "followup.agreements",
                    "Komen er afspraken bij, of verandert er een?",
                    "choice",
                    choices=tuple(choices),
                    default="verder",
                    section="Afspraken bijsturen",
                    display=self._agreements_text(),
                    tip="Een afspraak die niet meer doorgaat, zet je hierboven op 'geschrapt'; "
                    "zo blijft te zien wat er was afgesproken.",
                    nav=STEP_NAV,
                )
            )
            if reply is Nav.BACK:
                return Nav.BACK
            if reply in ("verder", Nav.SKIP) or not isinstance(reply, str):
                return None
            if reply == "nieuw":
                self._edit(None)
            elif reply.startswith("wijzig:"):
                self._edit(int(reply.split(":")[1]) - 1)

    def _agreements_text(self) -> str:
        """The agreements as they stand now, each with what this check-in said of it."""
        said = {p.number: p.status for p in self.checkin.progress}
        lines = []
        for number, line in enumerate(agreements_text(self.session).splitlines(), 1):
            if number > len(self.session.agreements):
                break
            status = said.get(number) or latest_status(self.session, number)[0]
            new = number in self.checkin.added
            lines.append(line + (" · nieuw" if new else f" · {status_label(status)}"))
        return "\n".join(lines) or agreements_text(self.session)

    def _edit(self, index: int | None) -> None:
        """Add (index None) or change one agreement; saved after every field."""
        checkin = self.checkin

        def saved(index: int, new: bool) -> None:
            number = index + 1
            if new and number not in checkin.added:
                checkin.added.append(number)
            elif not new and number not in checkin.added and number not in checkin.changed:
                checkin.changed.append(number)
            self.save()

        edit_agreement(
            self._reply,
            self.library,
            self.session.agreements,
            index,
            owner=self.session.employee.name,
            due=workday(add_months(checkin.date, 3)),
            saved=saved,
        )

    def _next(self) -> Nav | None:
        reply = self._reply(
            Ask(
                "followup.next",
                "Wanneer is het volgende opvolgmoment?",
                "date",
                default=self.checkin.next,
                # proposed, not filled in: Enter alone does not set a date nobody agreed on
                proposal=None if self.checkin.next else suggested_next(self.session, self.checkin),
                section="Volgende keer",
                tip="Zet het meteen in beide agenda's. Geen volgend moment: Ctrl-O.",
                nav=FIELD_NAV,
            )
        )
        if reply is Nav.BACK:
            return Nav.BACK
        self.checkin.next = reply if isinstance(reply, dt.date) else None
        self.save()
        return None


def agreement_card(number: int, agreement: Agreement | None, what: str) -> str:
    """An agreement as shown above its question."""
    if agreement is None:
        return f"Afspraak {number}: {what}"
    lines = [f"Afspraak {number}: {agreement.what}"]
    if agreement.what != what and what:
        lines.append(f"(bij het begin van deze opvolging: {what})")
    if agreement.action_title:
        lines.append(f"Hoe: {agreement.action_title}")
    if agreement.owner:
        lines.append(f"Wie: {agreement.owner}")
    if agreement.due:
        lines.append(f"Tegen: {format_value(agreement.due)}")
    if agreement.success:
        lines.append(f"Gelukt als: {agreement.success}")
    return "\n".join(lines)


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
    today: dt.date | None = None,
    ask: AskFn | None = None,
) -> Result:
    """Hold (or go on with) a check-in on a completed conversation; prints a summary."""
    from loopbaan_cli.app.start import library_for_use

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
    if not no_input and ask is None:
        guard.require_terminal("de opvolging", "followup ID")
    library = library_for_use()
    hint = f"Verder met: {command_for('followup', session.id)}"
    with guard.working_on(session.id):
        session = store.load(session.id)  # re-read under the lock
        checkin = unfinished(session)
        if checkin is None:
            checkin = new_checkin(session, today)
            session.checkins.append(checkin)
        given: set[str] = set()
        if file is not None and answers is not None:
            given = apply_answers(session, checkin, file[0], file[1], str(answers), library)
        if no_input:
            assert file is not None
            problems = missing(checkin, file[1], str(answers))
            if problems:
                raise InvalidAnswersError(
                    problems,
                    hint="Vul ze aan in het bestand, of laat --no-input weg om ze te vragen.",
                )
            checkin.status, checkin.position = "completed", None
            store.save(session)
            return Result(session, checkin)
        store.save(session)
        if checkin.position is not None:
            console.markup(
                f"Verder met de opvolging van {format_value(checkin.date)} bij het gesprek met "
                f"[bold]{console.escape(session.employee.name)}[/bold] ({session.id})."
            )
        if ask is None:
            from loopbaan_cli.cli import prompts  # questionary only when someone will type

            ask = prompts.ask
        flow = CheckInFlow(library, ask, store.save, given=given)
        current = session
        finished = guard.until_stopped(
            lambda: flow.run(current, checkin),
            lambda: store.save(current),
            what="De opvolging",
            hint=hint,
        )
    return Result(session, checkin, paused=not finished)


def summary(result: Result) -> None:
    """What the check-in recorded, after it is done."""
    if result.paused:
        return
    session, checkin = result.session, result.checkin
    console.success(
        f"Opvolging van {format_value(checkin.date)} bewaard bij het gesprek met "
        f"{session.employee.name} ({session.id})."
    )
    show_checkin(session, checkin)
    console.say(f"Alles bekijken: {command_for('show', session.id)}", style="dim")
