"""Who is who across conversations: one employee, however the name was typed.

There is no employee register: a person is known by the name in their
conversations. Two names are the same person when they differ only in case,
accents and spacing ("Chloé Dubois", "chloe  dubois").
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from loopbaan_cli.sessions.ids import slugify

if TYPE_CHECKING:
    from loopbaan_cli.kernel.record import Record


def person_key(name: str) -> str:
    """One employee, however the name was typed: case, accents and spacing do not count.

    The name part of the person's session files too, which `list_sessions(employee=)`
    and the privacy commands match file names by.
    """
    return slugify(name)


def of_employee(sessions: Iterable[Record], name: str) -> list[Record]:
    """This employee's conversations, in the order given."""
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
