"""Who is who across conversations: the register's id decides, never a slug of the name.

A conversation names its employee by id (`employee.id`, from the register in
sessions/employees.py). Names only help to find someone:

- the same name: equal after NFC, casefold and collapsing spaces
  ("An  Peeters" is "an peeters"); several employees may share one;
- a close name: equal once accents are left out, or nearly the same letters
  ("Chloe Dubois" for "Chloé Dubois", "Sofie Claess" for "Sofie Claes").
  A close name is only ever offered, never taken for the same person.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from loopbaan_cli.sessions.employees import Entry, name_key

if TYPE_CHECKING:
    from loopbaan_cli.kernel.record import Record

__all__ = [
    "close",
    "employee_id",
    "employee_key",
    "folded",
    "matching",
    "name_key",
    "of_employee",
    "same_name",
    "similar_names",
    "starts_a_word",
]

CLOSE_RATIO = 0.85  # difflib: "Sofie Claess" is close to "Sofie Claes", "Sofie Peeters" is not


def same_name(a: str, b: str) -> bool:
    return name_key(a) == name_key(b)


def folded(name: str) -> str:
    """The name without accents (for offering look-alikes only: it loses what tells people apart)."""
    decomposed = unicodedata.normalize("NFKD", name_key(name))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def employee_id(employee: Any) -> str | None:
    """The register's id of a conversation's employee (a Record or the model), or None."""
    found = employee.get("id") if isinstance(employee, Mapping) else getattr(employee, "id", None)
    return str(found) if found else None


def employee_key(employee: Any) -> str:
    """Who a conversation is with: the register's id; a name key for one not registered yet."""
    found = employee_id(employee)
    if found:
        return found
    name = employee.get("name") if isinstance(employee, Mapping) else employee.name
    return "naam:" + name_key(str(name or ""))


def of_employee(sessions: Iterable[Record], employee: str) -> list[Record]:
    """This employee's conversations (by id, or by employee_key), in the order given."""
    return [s for s in sessions if employee_key(s.employee) == employee]


def matching(sessions: Iterable[Record], text: str) -> list[Record]:
    """For listing and look-ups: an employee id, else this exact name, else names with a word starting so."""
    sessions = list(sessions)
    wanted = text.strip()
    by_id = [s for s in sessions if employee_id(s.employee) == wanted.lower()]
    if by_id:
        return by_id
    exact = [s for s in sessions if same_name(s.employee.name, wanted)]
    if exact:
        return exact
    return [s for s in sessions if _part_of(wanted, s.employee.name)]


def _words(name: str) -> str:
    return " " + " ".join(re.split(r"[\W_]+", name_key(name))).strip() + " "


def starts_a_word(query: str, name: str) -> bool:
    """Whether `query` starts a word of `name`: "peeters" of "An Peeters", but "an" not of "Jan"."""
    return _part_of(query, name)


def _part_of(query: str, name: str) -> bool:
    """Whether `query` starts a word of `name`: "peeters" of "An Peeters", but "an" not of "Jan"."""
    wanted = _words(query).rstrip()
    return bool(wanted.strip()) and wanted in _words(name)


def close(entries: Iterable[Entry], name: str) -> list[Entry]:
    """Employees whose name is close to `name` but not the same name, closest first.

    To offer, never to merge: the same letters without accents first, then
    names with nearly the same letters.
    """
    import difflib

    key, plain = name_key(name), folded(name)
    scored = []
    for entry in entries:
        if name_key(entry.name) == key:
            continue
        other = folded(entry.name)
        ratio = 1.0 if other == plain else difflib.SequenceMatcher(None, other, plain).ratio()
        if ratio >= CLOSE_RATIO:
            scored.append((-ratio, name_key(entry.name), entry.id, entry))
    return [entry for *_, entry in sorted(scored)]


def similar_names(sessions: Iterable[Record], name: str) -> list[str]:
    """Names that contain what was typed or look like it, for a "did you mean" hint."""
    import difflib

    plain = folded(name)
    found = {
        s.employee.name
        for s in sessions
        if _part_of(name, s.employee.name)
        or difflib.SequenceMatcher(None, folded(s.employee.name), plain).ratio() >= CLOSE_RATIO
    }
    return sorted(found)
