"""`loopbaan agenda`: what is coming up, across all employees.

An item is a date with something to do: a follow-up moment, an agreement's
deadline, a prepared conversation, or a new career conversation that is due.
The rules (the README explains them to users):

- Follow-up moments and deadlines come from each employee's latest completed
  conversation only: a newer conversation takes over from the older one.
- A follow-up moment counts as held once a check-in took place no more than
  `held_early_days` (30) before it, or any time after it. Each check-in's "next"
  moment is a follow-up moment too.
- An agreement whose latest check-in says done or dropped has no deadline left.
- A new conversation is due at the "next conversation" date agreed in the
  last one, or, when none was agreed, `interval_years` after it (Settings:
  default 3, config.yaml or `--interval`). Nothing is due while a
  conversation is prepared or under way: the prepared one is listed instead.
- A conversation that was begun and interrupted (paused, Ctrl-C, a closed
  window) is always listed, as late from its date on, with the command that
  resumes it: half a conversation is the most urgent thing on the agenda.
- The fixed moments (5 years of service, 5 years before the expected
  retirement year) are listed when known and when no conversation was held
  in the half year (`fixed_early_days`) before them or later. The register
  (sessions/employees.py) knows them; a conversation's own copy is the fallback.
- Conversations are grouped by the employee's id in the register, never by
  name: two Jan Peeters are two people, 李明 and 王芳 too.

`build` is pure: it is handed the sessions as summaries (without answers, as
the store's listing gives them), so 2,000 of them take well under a second.
The use case that reads them is app/agenda.py; the table, cli/views/agenda.py.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from loopbaan_cli.cycle.people import employee_id, employee_key, name_key
from loopbaan_cli.cycle.progress import CLOSED, latest_status, status_label
from loopbaan_cli.cycle.settings import Settings
from loopbaan_cli.kernel.shell import command_for
from loopbaan_cli.kernel.text import short_date, shorten
from loopbaan_cli.kernel.values import DEFAULT_FOLLOWUP, add_months

if TYPE_CHECKING:
    from loopbaan_cli.kernel.record import Record
    from loopbaan_cli.sessions.employees import Entry, Register
    from loopbaan_cli.sessions.model import Session

FOLLOWUP, DEADLINE, CONVERSATION, PREPARED = "followup", "deadline", "conversation", "prepared"
PAUSED = "paused"  # a conversation that was begun and interrupted


@dataclass(frozen=True)
class Item:
    date: dt.date
    kind: str
    employee: str
    session: str
    what: str
    overdue: bool
    command: str
    employee_id: str | None = None  # the register's id; None for a conversation not registered

    def as_json(self) -> dict[str, Any]:
        return {
            "date": self.date.isoformat(),
            "kind": self.kind,
            "employee": self.employee,
            "employee_id": self.employee_id,
            "session": self.session,
            "what": self.what,
            "overdue": self.overdue,
            "command": self.command,
        }


def add_years(day: dt.date, years: float) -> dt.date:
    return add_months(day, round(years * 12))


def open_followups(session: Session | Record, settings: Settings | None = None) -> list[dt.date]:
    """The follow-up moments of a conversation that no check-in has held yet, in date order."""
    early = dt.timedelta(days=(settings or Settings()).held_early_days)
    held = [(i, c.date) for i, c in enumerate(session.checkins) if c.status == "completed"]
    moments: list[tuple[dt.date, int]] = [(f.date, -1) for f in session.followups]
    moments += [
        (c.next, i) for i, c in enumerate(session.checkins) if c.status == "completed" and c.next
    ]
    result = set()
    for moment, set_at in moments:
        if not any(i > set_at and day >= moment - early for i, day in held):
            result.add(moment)
    return sorted(result)


def _session_items(
    session: Record, today: dt.date, settings: Settings, name: str, found: str | None
) -> list[Item]:
    command = command_for("followup", session.id)
    items = [
        Item(day, FOLLOWUP, name, session.id, DEFAULT_FOLLOWUP, day < today, command, found)
        for day in open_followups(session, settings)
    ]
    for number, agreement in enumerate(session.agreements, 1):
        if agreement.due is None:
            continue
        status, _, _ = latest_status(session, number)
        if status in CLOSED:
            continue
        label = f" ({status_label(status)})" if status else ""
        items.append(
            Item(
                agreement.due,
                DEADLINE,
                name,
                session.id,
                f"Afspraak {number}: {shorten(agreement.what, 60)}{label}",
                agreement.due < today,
                command,
                found,
            )
        )
    return items


def _fixed_moments(group: list[Record], entry: Entry | None) -> list[tuple[dt.date, str]]:
    service_start = (entry.service_start if entry else None) or next(
        (s.employee.service_start for s in group if s.employee.service_start), None
    )
    retirement = (entry.retirement_year if entry else None) or next(
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


def _upcoming_items(
    upcoming: list[Record], today: dt.date, who: str, name: str, found: str | None
) -> list[Item]:
    """Conversations not held yet: an interrupted one to finish, a prepared one to hold."""
    items = []
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
                    found,
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
                    command_for("start", "--employee", who),
                    found,
                )
            )
    return items


def _employee_items(
    group: list[Record],
    today: dt.date,
    settings: Settings,
    entry: Entry | None,
    who: str,
    found: str | None,
) -> list[Item]:
    """Everything for one employee; `group` is newest first; `who` names them in a command.

    Every item carries the employee's current name and register id (`found`).
    """
    items: list[Item] = []
    name = entry.name if entry is not None else group[0].employee.name
    completed = [s for s in group if s.status == "completed"]
    latest = max(completed, key=lambda s: (s.date, s.created), default=None)
    if latest is not None:
        items += _session_items(latest, today, settings, name, found)
    upcoming = [s for s in group if s.status != "completed"]
    items += _upcoming_items(upcoming, today, who, name, found)
    prepare = command_for("prepare", "--employee", who)
    early = dt.timedelta(days=settings.fixed_early_days)
    fixed = []
    for day, what in _fixed_moments(group, entry):
        if any(s.date >= day - early for s in group):
            continue  # a conversation was held (or is planned) around that moment
        fixed.append(Item(day, CONVERSATION, name, group[0].id, what, day < today, prepare, found))
    items += fixed
    if latest is not None and not upcoming:
        due = latest.next_conversation or add_years(latest.date, settings.interval_years)
        if not any(abs(item.date - due) <= early for item in fixed):
            items.append(
                Item(
                    due,
                    CONVERSATION,
                    name,
                    latest.id,
                    f"Nieuw loopbaangesprek (het vorige: {short_date(latest.date)})",
                    due < today,
                    prepare,
                    found,
                )
            )
    return items


def build(
    sessions: Iterable[Record],
    today: dt.date,
    *,
    settings: Settings | None = None,
    show_all: bool = False,
    register: Register | None = None,
) -> list[Item]:
    """The agenda: overdue items and those in the settings' window (or all), soonest first.

    `register`: the employees (sessions/employees.py), for their current name
    and the fixed moments.
    """
    settings = settings or Settings()
    groups: dict[str, list[Record]] = {}
    for session in sessions:
        groups.setdefault(employee_key(session.employee), []).append(session)
    shared = _shared_names(register, groups)
    items: list[Item] = []
    for key in list(groups):  # taken out one by one: a done group's summaries can be freed
        group = groups.pop(key)
        group.sort(key=lambda s: (s.date, s.created), reverse=True)
        found = employee_id(group[0].employee)
        entry = register.get(found) if register is not None and found else None
        name = entry.name if entry is not None else group[0].employee.name
        # a command names the employee; by id when the name is not theirs alone
        who = found if found and name_key(name) in shared else name
        items += _employee_items(group, today, settings, entry, who, found)
    horizon = today + dt.timedelta(days=settings.window_days)
    if not show_all:
        items = [i for i in items if i.date <= horizon or i.kind == PAUSED]
    keys: dict[str, str] = {}  # name_key per name, not per item (normalising is not free)

    def key_of(name: str) -> str:
        found = keys.get(name)
        if found is None:
            found = keys[name] = name_key(name)
        return found

    items.sort(key=lambda i: (i.date, key_of(i.employee), i.employee_id or "", i.kind, i.what))
    return items


def _shared_names(register: Register | None, groups: dict[str, list[Record]]) -> set[str]:
    """Name keys that more than one employee has (in the register or among the conversations)."""
    seen: dict[str, set[str]] = {}
    for entry in register or ():
        seen.setdefault(name_key(entry.name), set()).add(entry.id)
    for key, group in groups.items():
        seen.setdefault(name_key(group[0].employee.name), set()).add(key)
    return {name for name, who in seen.items() if len(who) > 1}
