"""`loopbaan list` and `loopbaan show`: the conversations on disk, and one of them whole."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from loopbaan_cli.sessions import store

if TYPE_CHECKING:
    # pydantic (the session model) costs a `loopbaan list` more than the listing itself
    from loopbaan_cli.kernel.errors import Problem
    from loopbaan_cli.kernel.record import Record


@dataclass(frozen=True)
class Listing:
    sessions: list[Record]  # newest first, without answers
    broken: list[Problem]  # files that could not be read: skipped


def listing(employee: str | None = None) -> Listing:
    """Every conversation, or those of one employee (an id, a name, or the start of a word of it)."""
    from loopbaan_cli.cycle.people import matching  # the register: not for `list` of everyone

    found = store.list_sessions()
    sessions = matching(found.sessions, employee) if employee else found.sessions
    if employee and found.sessions and not sessions:  # "nog geen gesprekken" would be wrong
        from loopbaan_cli.cycle.people import similar_names
        from loopbaan_cli.kernel.errors import NotFoundError
        from loopbaan_cli.kernel.shell import command_for

        close = similar_names(found.sessions, employee)
        raise NotFoundError(
            f"geen gesprekken met medewerker '{employee.strip()}'",
            hint=f"Bedoel je: {', '.join(close[:3])}?"
            if close
            else f"`{command_for('employees', 'list')}` toont alle medewerkers en hun id.",
        )
    return Listing(sessions, found.broken)


# what `list` shows of each conversation, in its table and as JSON (cli/views/sessions.py
# reads them by these positions, after the file name)
TABLE_COLUMNS = ("id", "employee_name", "date", "phase", "phase_title", "status")
JSON_COLUMNS = (
    "id",
    "employee_name",
    "employee_role",
    "interviewer_name",
    "date",
    "phase",
    "phase_title",
    "purposes",
    "status",
    "updated",
)


@dataclass(frozen=True)
class Overview:
    # (file name, *columns, ...) newest first, dates as ISO text
    rows: list[tuple[Any, ...]]
    broken: list[Problem]  # files that could not be read: skipped


def overview(*, as_json: bool = False) -> Overview:
    """Every conversation as the few columns `list` shows: 20,000 without a Record each.

    The table's columns, or with `as_json` those of the JSON (TABLE_COLUMNS, JSON_COLUMNS).
    """
    rows, broken = store.listed(JSON_COLUMNS if as_json else TABLE_COLUMNS)
    return Overview(rows, broken)


@dataclass(frozen=True)
class Shown:
    session: Record  # read only: a sealed file needs no pydantic (store.view)
    earlier: list[Record]  # the same employee's conversations before it, newest first


def show(session_id: str | None) -> Shown:
    """One conversation whole (default: the newest), with the employee's earlier ones."""
    from loopbaan_cli.cycle import history
    from loopbaan_cli.cycle.people import employee_id

    session = store.resolve_view(session_id)  # read only: a sealed file needs no pydantic
    mine = store.list_sessions(employee=employee_id(session.employee)).sessions
    return Shown(session, history.earlier(mine, session))
