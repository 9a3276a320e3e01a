"""The employee register as the commands use it: who a typed name or id is, and `loopbaan employees`.

Every identity decision goes through here (docs/privacy.md, "Wie is wie"):

- `find(text)`: an id (mw-...) or a name, as `delete --employee`,
  `export-data --employee`, `prepare/start --employee` get it. The same name
  for several employees is refused with their ids; a close name is only
  offered in the message.
- `candidates(name)`: for the who-and-when form (conversation/meta.py): the
  employees with exactly this name, and those whose name is close.
- `register_for(meta)`: the employee a new conversation is with, added to
  the register when new; what was typed about them (role, service start,
  retirement year) updates the register.
- `scripted(...)`: the same for `--answers` files (`employee_id:` or the
  exact name; never a silent merge).
- `listing`, `edit`, `merge`: the `loopbaan employees` commands.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from loopbaan_cli.cycle.people import close, employee_id, name_key, starts_a_word
from loopbaan_cli.kernel.errors import LoopbaanError, NotFoundError
from loopbaan_cli.kernel.shell import command_for
from loopbaan_cli.sessions import employees, migrate, store
from loopbaan_cli.sessions.employees import Entry, Register, is_employee_id

if TYPE_CHECKING:
    from loopbaan_cli.conversation.meta import Identity, Meta
    from loopbaan_cli.kernel.record import Record
    from loopbaan_cli.sessions.model import Session


def read() -> Register:
    migrate.ensure()  # a register made from the old files first, never an empty one beside them
    return employees.read()


# --- who is meant -------------------------------------------------------------------


def _lines(entries: list[Entry]) -> str:
    return "\n".join(f"  {e.id}  {e.label}" for e in entries)


def find(text: str, *, command: tuple[str, ...] = ("employees", "list")) -> Entry:
    """The employee `text` names: an id, or a name only one employee has.

    `command` is the command to repeat with the id instead, when a name is
    shared ("delete --employee" gives ("delete", "--employee")).
    """
    wanted = text.strip()
    register = read()
    if is_employee_id(wanted.lower()):
        return register.require(wanted.lower())
    named = register.named(wanted)
    if len(named) == 1:
        return named[0]
    if named:
        example = command_for(*command, named[0].id)
        raise LoopbaanError(
            f"{len(named)} medewerkers heten '{wanted}'; welke bedoel je?\n" + _lines(named),
            hint=f"Geef de id in plaats van de naam, bv. `{example}`.",
        )
    look_alike = [e for e in register if starts_a_word(wanted, e.name)] + close(register, wanted)
    shown = list(dict.fromkeys(f"{e.name} ({e.id})" for e in look_alike))[:3]
    guess = f"Bedoel je: {', '.join(shown)}? " if shown else ""
    raise NotFoundError(
        f"geen medewerker '{wanted}' in het medewerkersregister",
        hint=f"{guess}`{command_for('employees', 'list')}` toont alle medewerkers en hun id.",
    )


def candidates(name: str) -> tuple[list[Entry], list[Entry]]:
    """For the who-and-when form: (employees with exactly this name, employees with a close name)."""
    register = read()
    return register.named(name), close(register, name)


def register_for(meta: Meta, *, by_name: bool = False) -> str:
    """The employee of a new conversation: an id in the register, added or brought up to date.

    `by_name` (an answers file): without an id, the one employee with exactly
    this name as it stands now, under the lock, so prepares started at the
    same moment for a new person make one employee (as register_session does).
    """
    with employees.editing() as register:
        entry = register.get(meta.employee_id) if meta.employee_id else None
        named = register.named(meta.employee) if by_name and entry is None else []
        if len(named) == 1:
            entry = named[0]
        if entry is None:
            entry = register.add(meta.employee, meta.role, meta.service_start, meta.retirement_year)
        else:
            changes = {
                "role": meta.role.strip(),
                "service_start": meta.service_start,
                "retirement_year": meta.retirement_year,
            }
            register.update(entry.id, **changes)
        return entry.id


def register_session(session: Session, *, by_name: bool = True) -> Session:
    """A session's employee in the register: the one of its id, else a new one.

    `by_name` (answers files): without an id, the one employee with exactly
    this name, as it stands now under the lock; two scripted starts for a
    new person at the same moment then make one employee, not two.
    """
    from loopbaan_cli.conversation.meta import UNKNOWN

    if session.employee.name in ("", UNKNOWN):
        return session
    with employees.editing() as register:
        who = session.employee
        entry = register.get(who.id) if who.id else None
        named = register.named(who.name) if by_name and not who.id else []
        if entry is None and len(named) == 1:
            entry = named[0]
        if entry is None:
            entry = register.add(who.name, who.role, who.service_start, who.retirement_year)
        else:
            entry = register.update(
                entry.id,
                role=who.role or entry.role,
                service_start=who.service_start or entry.service_start,
                retirement_year=who.retirement_year or entry.retirement_year,
            )
    session.employee = session.employee.model_copy(update={"id": entry.id, "name": who.name})
    return session


def identity() -> Identity:
    """The register for the who-and-when form: who a typed name can be, and registering."""
    from loopbaan_cli.conversation.meta import Identity

    return Identity(candidates, register_for)


def scripted_identify(given_id: str | None, name: str | None, refuse: Refuse) -> Entry | None:
    """`scripted` for an answers file, its warnings on the screen."""
    from loopbaan_cli.kernel import console

    return scripted(given_id, name, refuse, console.warn)


Warn = Callable[[str], None]
Refuse = Callable[[str], None]


def scripted(given_id: str | None, name: str | None, refuse: Refuse, warn: Warn) -> Entry | None:
    """Who an answers file means: `employee_id`, or the exact name; None: a new employee.

    A name several employees share is refused with their ids (`refuse`); a
    close name gives a warning naming the existing employee, and stays a new one.
    """
    register = read()
    if given_id:
        entry = register.get(given_id.strip().lower())
        if entry is None:
            refuse(
                f"employee_id '{given_id}' staat niet in het medewerkersregister "
                f"(`{command_for('employees', 'list')}` toont de id's)"
            )
        elif name and name_key(name) != name_key(entry.name):
            refuse(f"employee_id '{entry.id}' is {entry.name}, niet '{name}'")
        return entry
    if not name or name.strip() in ("", "?"):
        return None
    named = register.named(name)
    if len(named) == 1:
        return named[0]
    if named:
        ids = ", ".join(f"{e.id} ({e.label})" for e in named)
        refuse(f"{len(named)} medewerkers heten '{name.strip()}'; geef employee_id: een van {ids}")
        return None
    for entry in close(register, name)[:1]:  # the closest one
        warn(
            f"Let op: '{name.strip()}' lijkt op {entry.label} ({entry.id}), maar is niet dezelfde "
            f"naam: dit wordt een nieuwe medewerker. Bedoel je {entry.name}, zet dan "
            f"`employee_id: {entry.id}` in het bestand."
        )
    return None


# --- loopbaan employees -------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    entry: Entry
    conversations: int


@dataclass(frozen=True)
class Roster:
    rows: list[Row]
    unregistered: list[Record]  # conversations whose employee id the register does not know


def listing() -> Roster:
    register = read()
    sessions = store.list_sessions().sessions
    counts: dict[str, int] = {}
    unknown = []
    for session in sessions:
        found = employee_id(session.employee)
        if found is not None and register.get(found) is not None:
            counts[found] = counts.get(found, 0) + 1
        elif session.employee.name != "?":
            unknown.append(session)
    rows = [Row(entry, counts.get(entry.id, 0)) for entry in register]
    rows.sort(key=lambda r: (name_key(r.entry.name), r.entry.id))
    return Roster(rows, unknown)


def edit(
    employee: str,
    *,
    name: str | None = None,
    role: str | None = None,
    service_start: dt.date | None = None,
    retirement_year: int | None = None,
) -> Entry:
    """Change what the register says about one employee (the conversations keep what was said then)."""
    entry = find(employee, command=("employees", "edit"))
    changes: dict[str, Any] = {}
    if name is not None:
        changes["name"] = " ".join(name.split())
    if role is not None:
        changes["role"] = role.strip()
    if service_start is not None:
        changes["service_start"] = service_start
    if retirement_year is not None:
        changes["retirement_year"] = retirement_year
    if not changes:
        raise LoopbaanError(
            "niets te wijzigen",
            hint="Geef --name, --role, --service-start of --retirement-year.",
        )
    return employees.update(entry.id, **changes)


@dataclass(frozen=True)
class Merged:
    kept: Entry
    gone: Entry
    moved: list[str]  # conversation ids now with `kept`


def merge(keep: str, gone: str) -> Merged:
    """Two register entries are one person: `gone`'s conversations go to `keep`, `gone` goes.

    Each conversation is changed under its own lock; the register last, under
    its lock. Stopped half-way, running it again finishes the job.
    """
    kept, removed = (
        find(keep, command=("employees", "merge")),
        find(gone, command=("employees", "merge")),
    )
    if kept.id == removed.id:
        raise LoopbaanError(f"{kept.id} en {removed.id} zijn dezelfde medewerker")
    moved = []
    summaries = store.list_sessions(employee=removed.id).sessions
    with contextlib.ExitStack() as held:
        # every lock first: one conversation open elsewhere stops the merge before it starts
        for summary in summaries:
            held.enter_context(store.locked(summary.id))
        for summary in summaries:
            session = store.load(summary.id)
            if session.employee.id != removed.id:
                continue
            session.employee = session.employee.model_copy(update={"id": kept.id})
            store.save(session)
            moved.append(summary.id)
    with employees.editing() as register:
        kept = register.merge(kept.id, removed.id)
    return Merged(kept, removed, moved)


def forget(entry_id: str) -> None:
    """The register entry of an employee whose conversations were all deleted."""
    with employees.editing() as register:
        register.entries.pop(entry_id, None)


# --- the one-time upgrade ------------------------------------------------------------

SHOWN = 3  # conversations named per employee in the upgrade's report


def _some(conversations: list[str]) -> str:
    more = len(conversations) - SHOWN
    return ", ".join(conversations[:SHOWN]) + (f" en nog {more}" if more > 0 else "")


def upgrade_report() -> list[str]:
    """What the upgrade of the data folder in this run kept apart, in Dutch (once)."""
    found, migrate.pending[:] = list(migrate.pending), []
    lines = []
    for collision in found:
        people = "; ".join(
            f"{name} ({employee_id_}: {_some(conversations)})"
            for employee_id_, name, conversations in collision.people
        )
        first, second = collision.people[0][0], collision.people[1][0]
        lines.append(
            "Let op: deze medewerkers golden vroeger als één persoon (loopbaan herkende hen "
            f"aan '{collision.slug}': de naam zonder accenten en zonder niet-Latijnse letters, "
            f"op 40 tekens), en zijn nu apart: {people}. "
            f"Is het toch dezelfde persoon, voeg ze dan samen met "
            f"`{command_for('employees', 'merge', first, second)}`."
        )
    return lines
