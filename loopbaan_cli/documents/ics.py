"""The calendar: what was agreed, as all-day events to import in Outlook or Google.

`to_ics(session)` makes one VCALENDAR with the icalendar library:

- every follow-up moment (``opvolging-<n>``, n its place in the session file);
- every agreement with a date (``afspraak-<n>``, n its number on the agreement);
- the next career conversation (``volgend-gesprek``);
- while the conversation has not been held yet, the conversation itself
  (``gesprek``, "Loopbaangesprek met <naam>"): of a prepared conversation with
  a start time, the meeting at that time (Europe/Brussels, with a VTIMEZONE),
  its expected duration and place, busy, so it is the invitation itself.

Every event carries a reminder (VALARM): the meeting one hour before it
starts, the all-day events the day before at 9:00 (-PT15H from midnight).

Each event's UID is ``<session id>.<item>@loopbaan``: importing a newer export
of the same conversation updates the events instead of adding copies. The
other events are all-day (VALUE=DATE), so there is no time zone to get wrong;
the calendar says it belongs in Europe/Brussels. DTSTAMP and LAST-MODIFIED are the
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
from loopbaan_cli.kernel.text import OWN_ACTION_LABEL, long_date, one_line, printable, shorten
from loopbaan_cli.kernel.values import DEFAULT_FOLLOWUP

if TYPE_CHECKING:
    from icalendar import Alarm, Event, Timezone

    from loopbaan_cli.kernel.record import Record
    from loopbaan_cli.sessions.model import Session

PRODID = "-//loopbaan//Loopbaangesprek//NL"
TIMEZONE = "Europe/Brussels"
UID_DOMAIN = "loopbaan"
CATEGORY = "Loopbaangesprek"


# The reminder of an all-day event: the day before at 9:00 (its start is midnight).
DAY_BEFORE = dt.timedelta(hours=-15)
HOUR_BEFORE = dt.timedelta(hours=-1)
# The expected length of a conversation without a duration given (as `prepare` suggests).
EXPECTED_MINUTES = {True: 45, False: 75}  # by Session.short


@dataclass(frozen=True)
class CalendarItem:
    """One event, before it becomes iCalendar: all-day, unless it has a start time."""

    item: str  # the part of the UID after the session id: "opvolging-1", ...
    date: dt.date
    summary: str
    description: str
    start: dt.datetime | None = None  # a meeting at a time, local (Europe/Brussels)
    minutes: int = 0
    location: str = ""
    reminder: dt.timedelta = DAY_BEFORE

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
        found.append(_meeting(session, name, manager))
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


def _meeting(session: Session | Record, name: str, manager: str) -> CalendarItem:
    """The conversation itself: at its time and place when `prepare` was given them."""
    meeting = getattr(session, "meeting", None)  # None in a file from before meetings
    time = getattr(meeting, "time", None)
    place = one_line(str(getattr(meeting, "place", "") or ""))
    minutes = getattr(meeting, "minutes", None) or EXPECTED_MINUTES[bool(session.short)]
    lines = [
        f"Loopbaangesprek tussen {name} en {manager}: een gesprek over de komende jaren, "
        "geen functioneringsgesprek."
    ]
    if place:
        lines.append(f"Waar: {place}")
    start = None
    if time:
        lines.append(f"Verwachte duur: {minutes} minuten")
        hours, mins = (int(part) for part in str(time).split(":"))
        start = dt.datetime.combine(session.date, dt.time(hours, mins))
    return CalendarItem(
        "gesprek",
        session.date,
        f"Loopbaangesprek met {name}",
        "\n".join(lines),
        start=start,
        minutes=minutes if start else 0,
        location=place,
        reminder=HOUR_BEFORE if start else DAY_BEFORE,
    )


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


def _when(event: Event, item: CalendarItem) -> None:
    """All day and free, or (the meeting) from its start for its minutes, busy."""
    if item.start is None:
        event.add("dtstart", item.date)
        event.add("dtend", item.date + dt.timedelta(days=1))
        event.add("transp", "TRANSPARENT")
        return
    from zoneinfo import ZoneInfo

    start = item.start.replace(tzinfo=ZoneInfo(TIMEZONE))
    event.add("dtstart", start)
    event.add("dtend", start + dt.timedelta(minutes=item.minutes))
    event.add("transp", "OPAQUE")


def _alarm(item: CalendarItem) -> Alarm:
    """A reminder on screen: the meeting an hour before, the rest the day before at 9:00."""
    from icalendar import Alarm

    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", printable(item.summary))
    alarm.add("trigger", item.reminder)
    return alarm


def _brussels() -> Timezone:
    """Europe/Brussels as a VTIMEZONE with its yearly rules (CET, CEST since 1996)."""
    from icalendar import Timezone, TimezoneDaylight, TimezoneStandard

    zone = Timezone()
    zone.add("tzid", TIMEZONE)
    for part, name, start, month, offsets in (
        (TimezoneStandard(), "CET", dt.datetime(1970, 10, 25, 3), 10, (2, 1)),
        (TimezoneDaylight(), "CEST", dt.datetime(1970, 3, 29, 2), 3, (1, 2)),
    ):
        part.add("tzname", name)
        part.add("dtstart", start)
        part.add("rrule", {"freq": "yearly", "bymonth": month, "byday": "-1SU"})
        part.add("tzoffsetfrom", dt.timedelta(hours=offsets[0]))
        part.add("tzoffsetto", dt.timedelta(hours=offsets[1]))
        zone.add_component(part)
    return zone


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
    cal.add("x-wr-calname", f"Loopbaangesprek {one_line(printable(session.employee.name))}")
    cal.add("x-wr-timezone", TIMEZONE)
    stamp = _stamp(session.updated)
    created = _stamp(session.created)
    # grows with every save, so Outlook takes a re-import as a newer version
    sequence = max(int((session.updated - session.created).total_seconds() // 60), 0)
    if any(item.start for item in events):
        cal.add_component(_brussels())
    for item in events:
        event = Event()
        event.add("uid", item.uid(session.id))
        event.add("dtstamp", stamp)
        event.add("created", created)
        event.add("last-modified", stamp)
        event.add("sequence", sequence)
        _when(event, item)
        # typed text as a calendar shows it: no control character, no bidi override
        event.add("summary", printable(item.summary))
        event.add("description", printable(item.description))
        if item.location:
            event.add("location", printable(item.location))
        event.add("categories", [CATEGORY])
        event.add("class", "PRIVATE")
        event.add_component(_alarm(item))
        cal.add_component(event)
    data: bytes = cal.to_ical()
    return data.decode("utf-8")
