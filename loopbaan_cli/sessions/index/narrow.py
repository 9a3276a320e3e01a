"""Narrower reads.

One employee's files, the conversation saved last, one status (what `start` shows
before its first question).
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from loopbaan_cli.kernel import paths
from loopbaan_cli.kernel.errors import Problem
from loopbaan_cli.sessions.index import db, fresh
from loopbaan_cli.sessions.index.db import _key, _usable, _write
from loopbaan_cli.sessions.index.fresh import (
    Reader,
    Wanted,
    _compared,
    _Later,
    _matcher,
    _read_all,
    _read_stale,
    _taken,
    _upserts,
    scan,
)
from loopbaan_cli.sessions.index.listing import _ORDER, _newest_first, _rows_of
from loopbaan_cli.sessions.index.rows import (
    _READ,
    Found,
    Key,
    _sane_row,
    index_path,
)
from loopbaan_cli.sessions.journal import SUFFIX

if TYPE_CHECKING:
    import sqlite3

# --- one employee's files, without a stat of every file -------------------------------


def scan_employee(pattern: str, read: Reader, employee_id: str) -> tuple[Found, list[Problem]]:
    """As `scan` with Wanted(employee_id=...), but a stat only of that employee's files.

    At 20,000 files the stat of each costs more than the rest of `show`. Here the
    folder is read for its names only; every name the index has no row for (a new
    file, one copied in by hand) is read with `read`, and this employee's rows are
    checked against their file's key, one stat by name: a file edited by hand, put
    in place or with a journal is read again. Not seen: a file whose row names
    another employee, edited by hand to name this one (the next full listing reads it).
    Without a usable index, as `scan`: every file is read and nothing is created.
    """
    import sqlite3

    folder = paths.sessions_dir()
    if not folder.is_dir():
        return [], []
    index = index_path(folder)
    conn = _usable(index, create=False)
    if conn is None:
        return scan(pattern, read, Wanted(employee_id=employee_id))
    try:
        with contextlib.closing(conn):
            return _employee_from_index(conn, index, folder, pattern, read, employee_id)
    except sqlite3.Error:
        return scan(pattern, read, Wanted(employee_id=employee_id))


def _file_key(path: Path) -> Key | None:
    """The key of a regular file (a link to one counts, as in `_folder`); None for anything else."""
    import stat as kinds

    try:
        found = path.stat()
    except OSError:
        return None
    return _key(found) if kinds.S_ISREG(found.st_mode) else None


def _employee_from_index(
    conn: sqlite3.Connection,
    index: Path,
    folder: Path,
    pattern: str,
    read: Reader,
    employee_id: str,
) -> tuple[Found, list[Problem]]:
    present = set(os.listdir(folder))  # names only: no stat
    # every name with a row, as one text (20,000 rows as one value cost a fraction of
    # 20,000 tuples); a row whose name holds "/" or is no text is no file's (edited by hand)
    (joined,) = conn.execute(
        "SELECT group_concat(name, '/') FROM sessions "
        "WHERE typeof(name) = 'text' AND instr(name, '/') = 0"
    ).fetchone()
    # names without a row: new files, and what is no session file (journals, dot files)
    unknown = present.difference(joined.split("/")) if joined else present
    matches = _matcher(pattern)
    journals = {n[: -len(SUFFIX)] + ".yaml" for n in unknown if n.endswith(SUFFIX)}
    files: dict[str, Key] = {}
    stale: list[str] = []
    gone: list[str] = []
    mine = conn.execute(
        "SELECT name, size, mtime_ns, inode FROM sessions WHERE name GLOB ? AND employee_id = ?",
        (pattern, employee_id),
    ).fetchall()
    for name, *key in mine:
        now = _file_key(folder / name) if name in present else None
        if now is None:
            gone.append(name)
            continue
        files[name] = now
        if now != tuple(key) or name in journals:
            stale.append(name)
    # not in the index yet: read to see whose it is (`read` passes others' by cheaply)
    for name in unknown:
        if name[0] != "." and not name.endswith(SUFFIX) and matches(name):
            now = _file_key(folder / name)
            if now is not None:
                files[name] = now
                stale.append(name)
    stale.sort()
    found, broken = _read_stale(conn, folder, stale, read, journals)
    _write(conn, _upserts(folder, found, journals), gone)
    fresh = set(stale)
    wanted = Wanted(employee_id=employee_id)
    where, args = wanted.sql(pattern)
    more, unreadable = _taken(conn, _READ + where, args, files, fresh, _Later(index, folder, read))
    return wanted.chosen(found + more), broken + unreadable


# --- one status only: what `start` shows above its first question ---------------------


@dataclass(frozen=True)
class StatusAndNewest:
    # (name, *columns, date, updated, status) of the sessions in the status, newest first
    rows: list[tuple[Any, ...]]
    # (name, updated, *newest columns, ...) of the session saved last, in any status
    newest: tuple[Any, ...] | None
    broken: list[Problem]


def in_status_and_newest(
    pattern: str,
    read: Reader,
    status: str,
    columns: tuple[str, ...],
    newest_columns: tuple[str, ...],
) -> StatusAndNewest:
    """The sessions in `status` and the one saved last, from one check of the files.

    What `start` needs before its first prompt. Freshness as `listed`: every
    file's key is checked, a row counts only while it matches, and every other
    file (new, edited by hand, with a journal) is read with `read` and its row
    refreshed where the index may be written. The status is asked in SQL; the
    newest is found as `scan` with `Wanted(newest=True)` finds it.
    """
    folder = paths.sessions_dir()
    if not folder.is_dir():
        return StatusAndNewest([], None, [])
    picked = (*columns, *(c for c in ("date", "updated", "status") if c not in columns))
    # after the name: updated first (compared), the columns asked for, date last (it sorts)
    newest_picked = ("updated", *newest_columns, *(c for c in ("date",) if c not in newest_columns))
    conn = _usable(index_path(folder), create=False)
    if conn is not None:
        with contextlib.closing(conn):
            done = _in_status_from(conn, folder, pattern, read, status, picked, newest_picked)
        if done is not None:
            return done
    files, _ = fresh._folder(pattern)
    found, broken = _read_all(folder, sorted(files), read)
    return _from_files(folder, found, broken, status, picked, newest_picked)


def _from_files(
    folder: Path,
    found: Found,
    broken: list[Problem],
    status: str,
    picked: tuple[str, ...],
    newest_picked: tuple[str, ...],
) -> StatusAndNewest:
    """The answer from summaries read from the files (no usable index)."""
    at = picked.index("status") + 1
    rows = [row for row in _rows_of(folder, found, picked) if row[at] == status]
    newest = _newest_of(folder, found, newest_picked)
    return StatusAndNewest(rows, newest, broken)


def _newest_of(
    folder: Path, found: Found, newest_picked: tuple[str, ...]
) -> tuple[Any, ...] | None:
    if not found:
        return None
    last = max(found, key=lambda one: one[1]["updated"])
    return _rows_of(folder, [last], newest_picked)[0]


def _in_status_from(
    conn: sqlite3.Connection,
    folder: Path,
    pattern: str,
    read: Reader,
    status: str,
    picked: tuple[str, ...],
    newest_picked: tuple[str, ...],
) -> StatusAndNewest | None:
    """From the index; None when it cannot be read (the caller reads the files)."""
    import sqlite3

    files, journals = fresh._folder(pattern)
    wanted: list[tuple[Any, ...]] = []
    sane = _sane_row(picked)
    try:
        # every key (a covering index answers): a row of another status may be stale too
        stale, gone = _compared(conn, pattern, files, journals)
        stale_set = set(stale)
        for row in conn.execute(
            f"SELECT name, {', '.join(picked)} FROM sessions WHERE name GLOB ? AND status = ? "
            f"ORDER BY {_ORDER}",
            (pattern, status),
        ):
            if row[0] in stale_set or row[0] not in files:
                continue
            if sane(row[1:]):
                wanted.append(row)
            else:  # a row edited by hand: its file says
                stale.append(row[0])
        stale = sorted(set(stale))
        found, broken = _read_stale(conn, folder, stale, read, journals)
        _write(conn, _upserts(folder, found, journals), gone)
        _add_status_index(conn)
        # the newest row that still matches its file, against the files just read
        newest = _newest_of(folder, found, newest_picked) if newest_picked else None
        if newest_picked:
            fresh_sane = _sane_row(newest_picked)
            reread = set(stale)
            for row in conn.execute(
                f"SELECT name, {', '.join(newest_picked)} FROM sessions WHERE name GLOB ? "
                "ORDER BY updated DESC",
                (pattern,),
            ):
                if row[0] not in files or row[0] in reread:
                    continue
                if not fresh_sane(row[1:]):  # a row edited by hand: its file says
                    edited, _ = _read_all(folder, [row[0]], read)
                    newest = _newest_of(folder, [*edited, *found], newest_picked)
                    found += edited  # compared with the next rows too
                    continue
                if newest is None or row[1] > newest[1]:
                    newest = row
                break
    except sqlite3.Error:
        return None
    at = picked.index("status") + 1
    if found:
        wanted += [row for row in _rows_of(folder, found, picked) if row[at] == status]
        _newest_first(wanted, picked)
    return StatusAndNewest(wanted, newest, broken)


# One status in the order of `glance_names`, with the name: the first screen of `start`
# reads a few entries of it, however many conversations the folder holds.
_BY_STATUS = (
    "CREATE INDEX IF NOT EXISTS by_status ON sessions (status, date, updated DESC, name, "
    "employee_name)"
)


def _add_status_index(conn: sqlite3.Connection) -> None:
    """Made once, by a reader that checked the files; a folder that cannot be written does without."""
    import sqlite3

    with contextlib.suppress(sqlite3.OperationalError):
        conn.execute(_BY_STATUS)


def glance_names(status: str, shown: int) -> tuple[list[str], int] | None:
    """What the index says, unchecked: the first `shown` employee names with a session in
    `status`, soonest date first, and how many names there are; None without a usable index.

    In the order `in_status_and_newest` rows give when sorted by date (a stable sort of
    newest first), each name once. For a screen drawn before the files are
    checked (`start`'s first question): the caller checks it against
    `in_status_and_newest` before anything typed is taken. Nothing is written or read
    besides the index.
    """
    import sqlite3

    index = index_path()
    if not index.exists():
        return None
    names: dict[str, None] = {}
    try:
        with contextlib.closing(db._connect(index)) as conn:
            for (name,) in conn.execute(
                "SELECT employee_name FROM sessions WHERE status = ? "
                "ORDER BY date, updated DESC, name",
                (status,),
            ):
                names[name] = None
                if len(names) == shown:
                    break
            (count,) = conn.execute(
                "SELECT count(DISTINCT employee_name) FROM sessions WHERE status = ?", (status,)
            ).fetchone()
    except sqlite3.Error:
        return None
    return list(names), int(count)
