"""A check-in on an earlier conversation, as pure logic driven through an `ask` callable.

For each open agreement: how it stands (klaar, loopt, zit vast, geschrapt)
with a remark; then the difficulties met, the successes reached, new or
changed agreements, and the next follow-up moment. A form (form.py): saved
after every answer, the position kept, so `loopbaan followup` goes on where
it stopped; Ctrl-C keeps a half-typed remark.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from loopbaan_cli.banks.library import Library
from loopbaan_cli.conversation.agreement_editor import (
    AgreementsMenu,
    agreements_menu,
    agreements_text,
    default_due,
    edit_agreement,
)
from loopbaan_cli.conversation.asking import FIELD_NAV, Ask, AskFn, Choice, Nav
from loopbaan_cli.conversation.form import Field, Form, Skip, Step
from loopbaan_cli.cycle.progress import Progress, latest_status, status_label
from loopbaan_cli.kernel.values import add_months, format_value, workday
from loopbaan_cli.sessions.model import (
    PROGRESS_STATUSES,
    Agreement,
    AgreementProgress,
    CheckIn,
    Session,
)

STATUS_CHOICES = tuple(Choice(p.value, p.choice) for p in Progress)
REMARK_TIPS = {p.value: p.tip for p in Progress}
NEXT_AFTER_MONTHS = 3
TEXTS = {
    "difficulties": Ask(
        "followup.difficulties",
        "Welke moeilijkheden kwamen jullie tegen?",
        "long_text",
        section="Hoe het ging",
        tip="Zonder schuldvraag: wat liep moeilijk, en wat zou helpen?",
        nav=FIELD_NAV,
    ),
    "successes": Ask(
        "followup.successes",
        "Wat is al gelukt?",
        "long_text",
        tip="Sta er even bij stil: ook een kleine stap vooruit telt.",
        nav=FIELD_NAV,
    ),
}
MENU = AgreementsMenu(
    prompt=Ask(
        "followup.agreements",
        "Komen er afspraken bij, of verandert er een?",
        "choice",
        section="Afspraken bijsturen",
        tip="Een afspraak die niet meer doorgaat, zet je hierboven op 'geschrapt'; "
        "zo blijft te zien wat er was afgesproken.",
    ),
    add="Een nieuwe afspraak toevoegen",
    done="Geen (andere) wijzigingen: verder",
    can_drop=False,
    add_first=False,
)


def suggested_next(session: Session, checkin: CheckIn) -> dt.date:
    """The next planned follow-up after this check-in, else three months on (a workday)."""
    later = [f.date for f in session.followups if f.date > checkin.date + dt.timedelta(days=30)]
    return min(later) if later else workday(add_months(checkin.date, NEXT_AFTER_MONTHS))


class CheckInFlow:
    """The check-in as pure logic, driven through an `ask` callable like the Interview."""

    def __init__(
        self,
        library: Library,
        ask: AskFn,
        save: Callable[[Session], object],
        *,
        given: set[str] | None = None,
        employees: int | None = None,
    ) -> None:
        """`given`: the steps an answers file answered, passed over on the way forward.
        `employees`: the size of the company, for the tips whose rule depends on it."""
        self.library = library
        self._ask = ask
        self._save = save
        self._given = set(given or ())
        self._employees = employees

    def save(self) -> None:
        self._save(self.session)

    def run(self, session: Session, checkin: CheckIn) -> None:
        """Ask from the check-in's position on until it is completed; raises Paused."""
        self.session, self.checkin = session, checkin

        def entered(key: str) -> None:
            if checkin.position != key:
                checkin.position = key
                self.save()

        steps: list[Field | Step] = [self._date()]
        count = len(checkin.progress)
        for place, entry in enumerate(checkin.progress, 1):
            steps += [self._status(entry, place, count), self._remark(entry)]
        steps += [self._text("difficulties"), self._text("successes")]
        steps += [Step("agreements", self._agreements), self._next()]
        Form(self._ask, steps, passed=self._given, entered=entered, changed=self.save).run(
            checkin.position
        )
        checkin.status = "completed"
        checkin.position = None
        self.save()

    def _date(self) -> Field:
        def build(_: bool) -> Ask:
            session = self.session
            return Ask(
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

        def apply(reply: Any) -> None:
            if isinstance(reply, dt.date):
                self.checkin.date = reply

        return Field("date", build, apply, skip=Skip.KEEP)

    def _status(self, entry: AgreementProgress, place: int, count: int) -> Field:
        number = entry.number

        def build(_: bool) -> Ask:
            agreements = self.session.agreements
            agreement = agreements[number - 1] if number <= len(agreements) else None
            previous, remark, when = latest_status(self.session, number)
            card = agreement_card(number, agreement, entry.what)
            if previous:
                card += f"\nVorige keer ({format_value(when)}): {status_label(previous)}"
                card += f". {remark}" if remark else ""
            return Ask(
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

        def apply(reply: Any) -> None:
            if isinstance(reply, str) and reply in PROGRESS_STATUSES:
                entry.status = reply  # type: ignore[assignment]

        return Field(f"progress.{number}.status", build, apply, skip=Skip.KEEP)

    def _remark(self, entry: AgreementProgress) -> Field:
        def build(_: bool) -> Ask:
            return Ask(
                f"followup.progress.{entry.number}.remark",
                f"Opmerking bij afspraak {entry.number} (leeg laten mag)",
                "long_text",
                default=entry.remark,
                tip=REMARK_TIPS.get(entry.status or "", "Kort: wat is er gebeurd?"),
                nav=FIELD_NAV,
            )

        def apply(reply: Any) -> None:
            entry.remark = (reply or "").strip()

        def keep(text: str) -> None:
            entry.remark = text

        key = f"progress.{entry.number}.remark"
        return Field(key, build, apply, skip=Skip.KEEP, keep_draft=keep)

    def _text(self, name: str) -> Field:
        def build(_: bool) -> Ask:
            return replace(TEXTS[name], default=getattr(self.checkin, name))

        def apply(reply: Any) -> None:
            setattr(self.checkin, name, (reply or "").strip())

        def keep(text: str) -> None:
            setattr(self.checkin, name, text)

        return Field(name, build, apply, skip=Skip.KEEP, keep_draft=keep)

    def _agreements(self) -> bool:
        session = self.session
        return agreements_menu(
            self._ask,
            MENU,
            session.agreements,
            display=self._agreements_text,
            edit=self._edit,
            save=self.save,
        )

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
            self._ask,
            self.library,
            self.session.agreements,
            index,
            owner=self.session.employee.name,
            due=default_due(checkin.date),
            saved=saved,
            employees=self._employees,
        )

    def _next(self) -> Field:
        def build(_: bool) -> Ask:
            checkin = self.checkin
            return Ask(
                "followup.next",
                "Wanneer is het volgende opvolgmoment?",
                "date",
                default=checkin.next,
                # proposed, not filled in: Enter alone does not set a date nobody agreed on
                proposal=None if checkin.next else suggested_next(self.session, checkin),
                section="Volgende keer",
                tip="Zet het meteen in beide agenda's. Geen volgend moment: Ctrl-O.",
                nav=FIELD_NAV,
            )

        def apply(reply: Any) -> None:
            self.checkin.next = reply if isinstance(reply, dt.date) else None

        return Field("next", build, apply, skip=Skip.CLEAR)


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
