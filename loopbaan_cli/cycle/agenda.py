"""`loopbaan agenda`: what is coming up, across all employees.

An item is a date with something to do: a follow-up moment, an agreement's
deadline, a prepared conversation, or a new career conversation that is due.
The rules (the README explains them to users):

- Follow-up moments and deadlines come from each employee's latest completed
  conversation only: a newer conversation takes over from the older one.
- A follow-up moment counts as held once a check-in took place no more than
  HELD_EARLY days before it (or any time after it). Each check-in's "next"
  moment is a follow-up moment too.
- An agreement whose latest check-in says done or dropped has no deadline left.
- A new conversation is due at the "next conversation" date agreed in the
  last one, or, when none was agreed, `interval` years after it (default 3,
  `interval_years` in <home>/config.yaml or `--interval`). Nothing is due while
  a conversation is prepared or under way: the prepared one is listed instead.
- A conversation that was begun and interrupted (paused, Ctrl-C, a closed
  window) is always listed, as late from its date on, with the command that
  resumes it: half a conversation is the most urgent thing on the agenda.
- The fixed moments (5 years of service, 5 years before the expected
  retirement year) are listed when known and when no conversation was held
  in the half year before them or later.

It reads the sessions as summaries (without answers), so 2,000 of them take
well under a second.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from loopbaan_cli.kernel import paths
from loopbaan_cli.kernel.errors import ConfigError, LoopbaanError
from loopbaan_cli.kernel.record import Record
from loopbaan_cli.kernel.shell import command_for
from loopbaan_cli.kernel.values import DEFAULT_FOLLOWUP, add_months
from loopbaan_cli.sessions import store

if TYPE_CHECKING:
    from loopbaan_cli.sessions.model import Session

INTERVAL_YEARS = 3.0
WINDOW_DAYS = 90
HELD_EARLY = dt.timedelta(days=30)
FIXED_EARLY = dt.timedelta(days=183)

FOLLOWUP, DEADLINE, CONVERSATION, PREPARED = "followup", "deadline", "conversation", "prepared"
PAUSED = "paused"  # a conversation that was begun and interrupted
CLOSED = ("klaar", "geschrapt")
STATUS_LABELS = {
    "klaar": "klaar",
    "loopt": "loopt nog",
    "vast": "zit vast",
    "geschrapt": "geschrapt",
}


@dataclass(frozen=True)
class Item:
    date: dt.date
    kind: str
    employee: str
    session: str
    what: str
    overdue: bool
    command: str

    def as_json(self) -> dict[str, Any]:
        return {
            "date": self.date.isoformat(),
            "kind": self.kind,
            "employee": self.employee,
            "session": self.session,
            "what": self.what,
            "overdue": self.overdue,
            "command": self.command,
        }


# --- who is who --------------------------------------------------------------------


def person_key(name: str) -> str:
    """One employee, however the name was typed: case, accents and spacing do not count."""
    return store.slugify(name)


def of_employee(sessions: Iterable[Record], name: str) -> list[Record]:
    key = person_key(name)
    return [s for s in sessions if person_key(s.employee.name) == key]


def matching(sessions: Iterable[Record], name: str) -> list[Record]:
    """For listing: this employee exactly, or else everyone whose name contains it."""
    sessions = list(sessions)
    exact = of_employee(sessions, name)
    if exact:
        return exact
    return [s for s in sessions if _part_of(name, s.employee.name)]


def _part_of(query: str, name: str) -> bool:
    """Whether `query` starts a word of `name`: "peeters" of "An Peeters", but "an" not of "Jan"."""
    return f"-{person_key(query)}" in f"-{person_key(name)}"


def similar_names(sessions: Iterable[Record], name: str) -> list[str]:
    """Names that contain what was typed, for a "did you mean" hint."""
    found = {s.employee.name for s in sessions if _part_of(name, s.employee.name)}
    return sorted(found)


# --- configuration ---------------------------------------------------------------


def config_path() -> Path:
    return paths.home() / "config.yaml"


def interval_years(override: float | None = None) -> float:
    """Years between career conversations: --interval, else config.yaml, else 3."""
    if override is not None:
        if not 0 < override <= 20:
            raise LoopbaanError(
                f"--interval {override:g} kan niet: geef een aantal jaren tussen 0 en 20, bv. 3"
            )
        return override
    path = config_path()
    if not path.is_file():
        return INTERVAL_YEARS
    from loopbaan_cli.kernel import yamlio

    data, marks = yamlio.load_file(path)
    if data is None:
        return INTERVAL_YEARS
    if not isinstance(data, dict):
        raise ConfigError.single(path, "verwacht sleutel: waarde, bv. interval_years: 3", 1, 1)
    value = data.get("interval_years")
    if value is None:
        return INTERVAL_YEARS
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value <= 20:
        line, col = marks.at(("interval_years",))
        raise ConfigError.single(
            path,
            f"interval_years moet een aantal jaren zijn tussen 0 en 20, niet '{value}'",
            line,
            col,
        )
    return float(value)


def add_years(day: dt.date, years: float) -> dt.date:
    return add_months(day, round(years * 12))


# --- the items ---------------------------------------------------------------------


def latest_status(session: Session | Record, number: int) -> tuple[str | None, str, dt.date | None]:
    """An agreement's status, remark and check-in date from the latest check-in that rated it."""
    for checkin in reversed(session.checkins):
        if checkin.status != "completed":
            continue
        for progress in checkin.progress:
            if progress.number == number and progress.status is not None:
                return progress.status, progress.remark, checkin.date
    return None, "", None


def open_followups(session: Session | Record) -> list[dt.date]:
    """The follow-up moments of a conversation that no check-in has held yet, in date order."""
    held = [(i, c.date) for i, c in enumerate(session.checkins) if c.status == "completed"]
    moments: list[tuple[dt.date, int]] = [(f.date, -1) for f in session.followups]
    moments += [
        (c.next, i) for i, c in enumerate(session.checkins) if c.status == "completed" and c.next
    ]
    result = set()
    for moment, set_at in moments:
        if not any(i > set_at and day >= moment - HELD_EARLY for i, day in held):
            result.add(moment)
    return sorted(result)


def _short(text: str, length: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def _session_items(session: Record, today: dt.date) -> list[Item]:
    name = session.employee.name
    command = command_for("followup", session.id)
    items = [
        Item(
            day,
            FOLLOWUP,
            name,
            session.id,
            DEFAULT_FOLLOWUP,
            day < today,
            command,
        )
        for day in open_followups(session)
    ]
    for number, agreement in enumerate(session.agreements, 1):
        if agreement.due is None:
            continue
        status, _, _ = latest_status(session, number)
        if status in CLOSED:
            continue
        label = f" ({STATUS_LABELS[status]})" if status else ""
        items.append(
            Item(
                agreement.due,
                DEADLINE,
                name,
                session.id,
                f"Afspraak {number}: {_short(agreement.what)}{label}",
                agreement.due < today,
                command,
            )
        )
    return items


def _nl(day: dt.date) -> str:
    return day.strftime("%d-%m-%Y")


def _fixed_moments(group: list[Record]) -> list[tuple[dt.date, str]]:
    service_start = next(
        (s.employee.service_start for s in group if s.employee.service_start), None
    )
    retirement = next(
        (s.employee.retirement_year for s in group if s.employee.retirement_year), None
    )
    moments = []
    if service_start is not None:
        moments.append((add_years(service_start, 5), "Loopbaangesprek: 5 jaar in dienst"))
    if retirement is not None:
        moments.append(
            (
                dt.date(retirement - 5, 1, 1),
                f"Loopbaangesprek: 5 jaar voor het pensioen ({retirement})",
            )
        )
    return moments


def _employee_items(group: list[Record], today: dt.date, interval: float) -> list[Item]:
    """Everything for one employee; `group` is newest first."""
    items: list[Item] = []
    name = group[0].employee.name
    completed = [s for s in group if s.status == "completed"]
    latest = max(completed, key=lambda s: (s.date, s.created), default=None)
    if latest is not None:
        items += _session_items(latest, today)
    upcoming = [s for s in group if s.status != "completed"]
    for session in upcoming:
        if session.status == "in_progress":
            items.append(
                Item(
                    session.date,
                    PAUSED,
                    name,
                    session.id,
                    "Onderbroken loopbaangesprek: maak het af",
                    session.date <= today,
                    command_for("resume", session.id),
                )
            )
        elif session.status == "prepared":
            items.append(
                Item(
                    session.date,
                    PREPARED,
                    name,
                    session.id,
                    "Voorbereid loopbaangesprek",
                    session.date < today,
                    command_for("start", "--employee", name),
                )
            )
    prepare = command_for("prepare", "--employee", name)
    fixed = []
    for day, what in _fixed_moments(group):
        if any(s.date >= day - FIXED_EARLY for s in group):
            continue  # a conversation was held (or is planned) around that moment
        fixed.append(Item(day, CONVERSATION, name, group[0].id, what, day < today, prepare))
    items += fixed
    if latest is not None and not upcoming:
        due = latest.next_conversation or add_years(latest.date, interval)
        if not any(abs(item.date - due) <= FIXED_EARLY for item in fixed):
            items.append(
                Item(
                    due,
                    CONVERSATION,
                    name,
                    latest.id,
                    f"Nieuw loopbaangesprek (het vorige: {_nl(latest.date)})",
                    due < today,
                    prepare,
                )
            )
    return items


def build(
    sessions: Iterable[Record],
    today: dt.date,
    *,
    interval: float = INTERVAL_YEARS,
    show_all: bool = False,
    window_days: int = WINDOW_DAYS,
) -> list[Item]:
    """The agenda: overdue items and those in the next `window_days` (or all), soonest first."""
    groups: dict[str, list[Record]] = {}
    for session in sessions:
        groups.setdefault(person_key(session.employee.name), []).append(session)
    items: list[Item] = []
    for group in groups.values():
        group.sort(key=lambda s: (s.date, s.created), reverse=True)
        items += _employee_items(group, today, interval)
    horizon = today + dt.timedelta(days=window_days)
    if not show_all:
        items = [i for i in items if i.date <= horizon or i.kind == PAUSED]
    items.sort(key=lambda i: (i.date, person_key(i.employee), i.kind, i.what))
    return items


# --- the command -------------------------------------------------------------------


@dataclass(frozen=True)
class Agenda:
    items: list[Item]
    broken: list[Any]
    today: dt.date
    show_all: bool
    interval: float


def agenda(
    show_all: bool = False, interval: float | None = None, today: dt.date | None = None
) -> Agenda:
    today = today or dt.date.today()
    years = interval_years(interval)
    listing = store.list_sessions()
    return Agenda(
        build(listing.sessions, today, interval=years, show_all=show_all),
        listing.broken,
        today,
        show_all,
        years,
    )


def _span(days: int) -> str:
    if days <= 60:
        return f"{days} {'dag' if days == 1 else 'dagen'}"
    months = round(days / 30.44)
    if months < 24:
        return f"{months} maanden"
    return f"{round(days / 365.25)} jaar"


def when(day: dt.date, today: dt.date) -> str:
    """How far away, in words: "3 dagen te laat", "vandaag", "over 5 maanden"."""
    days = (day - today).days
    if days < 0:
        return f"{_span(-days)} te laat"
    if days == 0:
        return "vandaag"
    if days == 1:
        return "morgen"
    return f"over {_span(days)}"


def show(result: Agenda) -> None:
    """The agenda as a table; overdue rows in red, each with the command to run."""
    from rich.table import Table
    from rich.text import Text

    from loopbaan_cli.kernel import console

    for problem in result.broken:
        console.warn(f"Overgeslagen: {problem}")
    if not result.items:
        scope = "" if result.show_all else f" in de komende {WINDOW_DAYS} dagen"
        console.say(f"Niets te doen{scope}, en niets te laat.")
        if not result.show_all:
            console.say(f"Alles, ook wat later komt: {command_for('agenda', '--all')}", style="dim")
        return
    title = "Agenda" if result.show_all else f"Agenda: te laat en de komende {WINDOW_DAYS} dagen"
    table = Table(title=title, header_style="bold", show_lines=True)
    table.add_column("wanneer", no_wrap=True)
    table.add_column("medewerker")
    table.add_column("wat, en de opdracht om het te doen", ratio=1)
    for item in result.items:
        what = Text(item.what)
        what.append(f"\n{item.command}", style="cyan")
        table.add_row(
            Text(f"{when(item.date, result.today)}\n{_nl(item.date)}"),
            Text(item.employee),
            what,
            style="red" if item.overdue else None,
        )
    console.show(table)
    late = sum(1 for i in result.items if i.overdue)
    if late:
        console.say(f"{late} te laat.", style="bold red")
    if not result.show_all:
        console.say(f"Alles, ook wat later komt: {command_for('agenda', '--all')}", style="dim")
