"""Which conversation is meant: an id, the start of an id, or the employee's name.

Every command that takes a conversation (show, export, resume, followup,
prepare, delete) passes what was typed through `find`, in this order:

1. an existing id, exactly (upper case is forgiven);
2. the start of exactly one id, e.g. 2026-12-09 or 2026-12-09-jo;
3. the employee's id in the register (mw-...) or name, as `loopbaan list
   --employee` matches it (case and spacing do not count, accents and scripts
   do; "Sofie" finds Sofie Claes when she is the only Sofie); two employees
   with that name are two people (their register ids tell them apart), and
   then that employee's conversation that fits the command:
   resume the newest unfinished one, followup the one with an unfinished
   check-in or else the newest completed one (as without an id), prepare the
   newest prepared one, delete only a conversation that is the employee's only
   one (`--employee` deletes them all), and show and export the newest.

An id start or a name that fits more than one is refused with the candidates
listed; nothing at all found says so and points to `loopbaan list`. Ids and
starts of ids are looked up by file name only, names in the index's rows
(store.listed), so no file is validated in full.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Literal

from loopbaan_cli.kernel.errors import ConfigError, LoopbaanError, NotFoundError
from loopbaan_cli.kernel.record import Record
from loopbaan_cli.kernel.shell import command_for
from loopbaan_cli.kernel.text import short_date
from loopbaan_cli.sessions import store

Command = Literal["show", "export", "resume", "followup", "prepare", "delete"]
SHOWN = 10  # candidates listed when more than one fits


def find(text: str | None, command: Command) -> str | None:
    """The id of the conversation `text` points to; None (or "") stays: the command's default."""
    if not text:
        return text
    wanted = text.strip().lower()
    if store.exists(wanted):
        return wanted
    starting = store.ids_starting_with(wanted)
    if len(starting) == 1:
        return starting[0]
    if starting:
        raise LoopbaanError(
            f"'{text}' is het begin van {len(starting)} gespreks-id's; welk gesprek bedoel je?\n"
            + _lines([*(_summary(i) for i in starting[:SHOWN]), *starting[SHOWN:]]),
            hint="Geef meer van de id, of de hele id.",
        )
    return _by_name(text, command)


def _by_name(text: str, command: Command) -> str:
    from loopbaan_cli.cycle.people import employee_key

    everyone, found = _named(text) if any(c.isalnum() for c in text) else ([], [])
    if not found:
        raise _not_found(text, everyone)
    people = {employee_key(s.employee) for s in found}
    if len(people) > 1:
        raise LoopbaanError(
            f"'{text}' past bij {len(people)} medewerkers; welk gesprek bedoel je?\n"
            + _lines(found),
            hint="Geef de volledige naam of de id; heten twee medewerkers hetzelfde, geef dan de "
            f"id van de medewerker (`{command_for('employees', 'list')}` toont ze).",
        )
    name = found[0].employee.name  # newest first: the name as last written
    chosen: str = _PICK[command](found, name).id
    return chosen


def _named(text: str) -> tuple[list[Record], list[Record]]:
    """Everyone as named in the files (one stand-in each), and the conversations `text` names.

    From the index's rows (store.listed), not a Record per file: at 20,000
    conversations the names are matched once per person, and only the matching
    conversations are fetched whole (without answers), newest first.
    """
    from loopbaan_cli.cycle.people import matching  # `loopbaan list -e` rules

    rows, _ = store.listed(("employee_name", "employee_id", "size", "mtime_ns", "inode"))
    # `matching` looks at the employee only: one stand-in per id and name
    people = {(row[2], row[1]): None for row in rows}
    everyone = [Record({"employee": {"id": who, "name": name}}) for who, name in people]
    chosen = {(s.employee.id, s.employee.name) for s in matching(everyone, text)}
    summary = store.summaries()
    found = [summary(row[0], row[3:6]) for row in rows if (row[2], row[1]) in chosen]
    return everyone, found


# --- per command: which of the employee's conversations (`mine` is newest first) ----


def _newest(mine: list[Record], name: str) -> Record:
    return mine[0]


def _unfinished(mine: list[Record], name: str) -> Record:
    # none left: the newest, and `resume` says it is finished and how to read it
    return next((s for s in mine if s.status != "completed"), mine[0])


def _to_follow_up(mine: list[Record], name: str) -> Record:
    from loopbaan_cli.app.followup import unfinished  # the rule `loopbaan followup` uses

    pending = [s for s in mine if unfinished(s) is not None]
    if pending:
        return max(pending, key=lambda s: s.updated)
    done = [s for s in mine if s.status == "completed"]
    # none completed: the newest, and `followup` says it has to be finished first
    return max(done, key=lambda s: (s.date, s.created)) if done else mine[0]


def _prepared(mine: list[Record], name: str) -> Record:
    found = next((s for s in mine if s.status == "prepared"), None)
    if found is None:
        raise NotFoundError(
            f"er staat geen voorbereid gesprek klaar voor {name}",
            hint=f"Een nieuwe voorbereiding: {command_for('prepare', '--employee', name)}",
        )
    return found


def _only(mine: list[Record], name: str) -> Record:
    if len(mine) > 1:
        raise LoopbaanError(
            f"{name} heeft {len(mine)} gesprekken; welk gesprek moet weg?\n" + _lines(mine),
            hint="Geef de id van dat ene gesprek, of verwijder alles over de medewerker met "
            f"{command_for('delete', '--employee', name)}",
        )
    return mine[0]


_PICK: dict[Command, Callable[[list[Record], str], Record]] = {
    "show": _newest,
    "export": _newest,
    "resume": _unfinished,
    "followup": _to_follow_up,
    "prepare": _prepared,
    "delete": _only,
}


# --- messages -------------------------------------------------------------------------


def _summary(session_id: str) -> Record | str:
    """The listing summary of one id; just the id when its file can not be read."""
    try:
        return store.view_path(store.session_path(session_id), summary=True)
    except ConfigError:
        return session_id


def _lines(candidates: Iterable[Record | str]) -> str:
    """One line per candidate: id, name and date; only the first SHOWN, then how many more.

    A candidate given as a bare id is a file that can not be read.
    """
    rows: list[tuple[str, str]] = []
    candidates = list(candidates)
    for candidate in candidates[:SHOWN]:
        if isinstance(candidate, str):
            rows.append((candidate, "(niet te lezen)"))
        else:
            who = candidate.employee.get("id")
            name = f"{candidate.employee.name} ({who})" if who else candidate.employee.name
            rows.append((candidate.id, f"{name}, {short_date(candidate.date)}"))
    width = max(len(session_id) for session_id, _ in rows)
    lines = [f"  {session_id.ljust(width)}  {what}" for session_id, what in rows]
    if len(candidates) > SHOWN:
        lines.append(f"  … en nog {len(candidates) - SHOWN}")
    return "\n".join(lines)


def _not_found(text: str, everyone: list[Record]) -> NotFoundError:
    import difflib

    from loopbaan_cli.cycle.people import folded

    wanted = text.strip().lower()
    if store.looks_like_id(wanted):
        message = f"geen gesprek met id '{text}'"
    elif store.is_id(wanted):
        message = f"geen gesprek gevonden voor '{text}': geen id, geen begin van een id en geen naam van een medewerker"
    else:
        message = f"'{text}' is geen geldige gespreks-id en geen naam van een medewerker"
    names = {folded(s.employee.name): s.employee.name for s in everyone}
    close = difflib.get_close_matches(folded(text), list(names), n=3, cutoff=0.75)
    guess = f"Bedoel je: {', '.join(names[c] for c in close)}? " if close else ""
    return NotFoundError(message, hint=f"{guess}`{command_for('list')}` toont alle gesprekken.")
