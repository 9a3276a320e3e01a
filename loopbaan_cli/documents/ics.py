"""The calendar: what was agreed, as all-day events to import in Outlook or Google.

`to_ics(session)` makes one VCALENDAR with the icalendar library:

- every follow-up moment (``opvolging-<n>``, n its place in the session file);
- every agreement with a date (``afspraak-<n>``, n its number on the agreement);
- the next career conversation (``volgend-gesprek``);
- while the conversation has not been held yet, the conversation itself
  (``gesprek``), so an invitation can go with it.

Each event's UID is ``<session id>.<item>@loopbaan``: importing a newer export
of the same conversation updates the events instead of adding copies. The
events are all-day (VALUE=DATE), so there is no time zone to get wrong; the
calendar says it belongs in Europe/Brussels. DTSTAMP and LAST-MODIFIED are the
moment the session was last saved, so an unchanged session gives the same file.

Private notes and interviewer tips never come near this module: it only reads
the agreement's own fields.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from loopbaan_cli.kernel.errors import LoopbaanError
from loopbaan_cli.kernel.shell import command_for
from loopbaan_cli.kernel.text import OWN_ACTION_LABEL, long_date, one_line, shorten
from loopbaan_cli.kernel.values import DEFAULT_FOLLOWUP

if TYPE_CHECKING:
    from loopbaan_cli.kernel.record import Record
    from loopbaan_cli.sessions.model import Session

PRODID = "-//loopbaan//Loopbaangesprek//NL"
TIMEZONE = "Europe/Brussels"
UID_DOMAIN = "loopbaan"
CATEGORY = "Loopbaangesprek"


@dataclass(frozen=True)
class CalendarItem:
    """One all-day event, before it becomes iCalendar."""

    item: str  # the part of the UID after the session id: "opvolging-1", ...
    date: dt.date
    summary: str
    description: str

    def uid(self, session_id: str) -> str:
        return f"{session_id}.{self.item}@{UID_DOMAIN}"


# an event's title must fit on one line of a calendar view
SUMMARY_LENGTH = 70


def items(session: Session | Record) -> list[CalendarItem]:
    """The events of this conversation, in date order."""
    name = one_line(session.employee.name)
    manager = one_line(session.interviewer.name)
    origin = (
        f"Afgesproken in het loopbaangesprek van {long_date(session.date)} "
        f"tussen {name} en {manager}."
    )
    found: list[CalendarItem] = []
    if session.status != "completed":
        found.append(
            CalendarItem(
                "gesprek",
                session.date,
                f"Loopbaangesprek {name} met {manager}",
                f"Loopbaangesprek tussen {name} en {manager}: een gesprek over de "
                "komende jaren, geen functioneringsgesprek.",
            )
        )
    found += _followups(session, name, manager, origin)
    found += _agreements(session, name, origin)
    if session.next_conversation is not None:
        found.append(
            CalendarItem(
                "volgend-gesprek",
                session.next_conversation,
                f"Volgend loopbaangesprek {name} met {manager}",
                f"Het volgende loopbaangesprek. {origin}",
            )
        )
    return sorted(found, key=lambda i: i.date)


def _followups(
    session: Session | Record, name: str, manager: str, origin: str
) -> list[CalendarItem]:
    """One event per follow-up moment, with how to reach the manager."""
    reach = session.reachability.strip()
    reach_line = f"\n\nZo is {manager} bereikbaar: {reach}" if reach else ""
    found = []
    for index, followup in enumerate(session.followups, start=1):
        what = followup.what.strip()
        summary = f"Opvolging loopbaangesprek {name}"
        if what and what != DEFAULT_FOLLOWUP:
            summary += f": {shorten(what, SUMMARY_LENGTH)}"
        found.append(
            CalendarItem(
                f"opvolging-{index}",
                followup.date,
                summary,
                f"{what or DEFAULT_FOLLOWUP}\n\n{origin}{reach_line}",
            )
        )
    return found


def _agreements(session: Session | Record, name: str, origin: str) -> list[CalendarItem]:
    """One event per agreement with a date, on the day it should be done."""
    found = []
    for number, agreement in enumerate(session.agreements, start=1):
        if agreement.due is None:
            continue
        lines = [agreement.what.strip()]
        action = agreement.action_title.strip() or agreement.action or OWN_ACTION_LABEL
        lines.append(f"Actie: {action}")
        if agreement.owner.strip():
            lines.append(f"Wie: {agreement.owner.strip()}")
        if agreement.support.strip():
            lines.append(f"Ondersteuning: {agreement.support.strip()}")
        if agreement.success.strip():
            lines.append(f"Gelukt als: {agreement.success.strip()}")
        found.append(
            CalendarItem(
                f"afspraak-{number}",
                agreement.due,
                f"Afspraak {number} klaar ({name}): {shorten(agreement.what, SUMMARY_LENGTH)}",
                "\n".join(lines) + f"\n\n{origin}",
            )
        )
    return found


def _stamp(moment: dt.datetime) -> dt.datetime:
    """A session time (local, Belgian) as UTC, the way DTSTAMP wants it."""
    if moment.tzinfo is None:
        from zoneinfo import ZoneInfo

        moment = moment.replace(tzinfo=ZoneInfo(TIMEZONE))
    return moment.astimezone(dt.timezone.utc)


def to_ics(session: Session | Record) -> str:
    """The calendar file's text (CRLF line ends, as iCalendar requires)."""
    from icalendar import Calendar, Event

    events = items(session)
    if not events:
        raise LoopbaanError(
            "Er is niets voor de agenda: geen opvolgmomenten, geen afspraken met een datum "
            "en geen volgend loopbaangesprek.",
            hint=f"Vul die aan met `{command_for('resume', session.id)}`, of kies een ander formaat.",
        )
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", f"Loopbaangesprek {one_line(session.employee.name)}")
    cal.add("x-wr-timezone", TIMEZONE)
    stamp = _stamp(session.updated)
    created = _stamp(session.created)
    # grows with every save, so Outlook takes a re-import as a newer version
    sequence = max(int((session.updated - session.created).total_seconds() // 60), 0)
    for item in events:
        event = Event()
        event.add("uid", item.uid(session.id))
        event.add("dtstamp", stamp)
        event.add("created", created)
        event.add("last-modified", stamp)
        event.add("sequence", sequence)
        event.add("dtstart", item.date)
        event.add("dtend", item.date + dt.timedelta(days=1))
        event.add("summary", item.summary)
        event.add("description", item.description)
        event.add("categories", [CATEGORY])
        event.add("class", "PRIVATE")
        event.add("transp", "TRANSPARENT")
        cal.add_component(event)
    data: bytes = cal.to_ical()
    return data.decode("utf-8")
