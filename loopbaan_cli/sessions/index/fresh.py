"""The freshness check every listing makes.

The folder's files against the rows, the stale files read again (or, when they only
moved, taken on their seal).
"""

from __future__ import annotations

import contextlib
import fnmatch
import os
import re
import weakref
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from loopbaan_cli.kernel import paths
from loopbaan_cli.kernel.errors import ConfigError, Problem
from loopbaan_cli.kernel.record import Record
from loopbaan_cli.sessions.index import db
from loopbaan_cli.sessions.index.db import _key, _usable, _write
from loopbaan_cli.sessions.index.rows import (
    _LISTED,
    _READ,
    Found,
    Key,
    _columns,
    _Listed,
    _Moved,
    _Row,
    _sane_row,
    _seal_of,
    _verified_seal,
    index_path,
    loads,
)
from loopbaan_cli.sessions.journal import SUFFIX

if TYPE_CHECKING:
    import sqlite3


def _matcher(pattern: str) -> Callable[[str], object]:
    """Whether a file name matches `pattern` (fnmatch's rules)."""
    if pattern == "*.yaml":  # every listing's pattern, a suffix: no regex per file
        return lambda name: name.endswith(".yaml")
    return re.compile(fnmatch.translate(pattern)).match


def _folder(pattern: str) -> tuple[dict[str, Key], set[str]]:
    """The session files matching `pattern` with their keys, and the names with a journal."""
    matches = _matcher(pattern)
    files: dict[str, Key] = {}
    journals: set[str] = set()
    with os.scandir(paths.sessions_dir()) as entries:
        for entry in entries:
            name = entry.name
            if name[0] == ".":
                continue
            if name.endswith(SUFFIX):
                journals.add(name[: -len(SUFFIX)] + ".yaml")
            elif matches(name):
                try:  # the type from the directory read: no system call
                    if entry.is_file():
                        stat = entry.stat()
                        files[name] = (stat.st_size, stat.st_mtime_ns, stat.st_ino)
                except OSError:
                    continue  # gone since the directory was read
    return files, journals


@dataclass(frozen=True)
class Wanted:
    """Which sessions a scan gives: all, or those of one employee id or status; or the newest."""

    employee_id: str | None = None
    status: str | None = None
    newest: bool = False  # only the one saved last (of two in one second: the later date)

    def accepts(self, record: Mapping[str, Any]) -> bool:
        if self.status is not None and record.get("status") != self.status:
            return False
        return self.employee_id is None or _employee_id(record) == self.employee_id

    def sql(self, pattern: str) -> tuple[str, list[str]]:
        # SQLite's GLOB reads `*-an-peeters*.yaml` as fnmatch does
        where, args = " WHERE name GLOB ?", [pattern]
        if self.employee_id is not None:
            where, args = f"{where} AND employee_id = ?", [*args, self.employee_id]
        if self.status is not None:
            where, args = f"{where} AND status = ?", [*args, self.status]
        return where, args

    def chosen(self, found: Found) -> Found:
        found = [(name, record) for name, record in found if self.accepts(record)]
        if self.newest and found:
            return [max(found, key=lambda one: (one[1]["updated"], one[1]["date"]))]
        return found


ALL = Wanted()


Reader = Callable[[Path], Record | None]  # None: a file passed by (someone else's)


def scan(pattern: str, read: Reader, wanted: Wanted = ALL) -> tuple[Found, list[Problem]]:
    """The session files matching `pattern` that are `wanted`, as summaries.

    Rows of the index whose key matches the file are used as they are; every
    other file is read with `read`, and an unreadable one gives its first problem.
    """
    folder = paths.sessions_dir()
    if not folder.is_dir():
        return [], []
    files, journals = _folder(pattern)
    index = index_path(folder)
    conn = _usable(index, create=False)
    if conn is None:
        found, broken = _read_all(folder, sorted(files), read)
        return wanted.chosen(found), broken
    with contextlib.closing(conn):
        return _from_index(conn, index, pattern, files, journals, read, wanted)


def _read_all(folder: Path, names: list[str], read: Reader) -> tuple[Found, list[Problem]]:
    found: Found = []
    broken: list[Problem] = []
    for name in names:
        try:
            record = read(folder / name)
            if record is not None:
                found.append((name, record))
        except ConfigError as exc:
            broken.extend(exc.problems[:1])
        except FileNotFoundError:
            continue  # deleted (by another window) since the folder was read
    return found, broken


def _employee_id(record: Mapping[str, Any]) -> str | None:
    employee = record.get("employee")
    value = employee.get("id") if isinstance(employee, Mapping) else None
    return None if value is None else str(value)


def _compared(
    conn: sqlite3.Connection, pattern: str, files: dict[str, Key], journals: set[str]
) -> tuple[list[str], list[str]]:
    """One pass over the index's keys: the stale names (to read) and the gone ones (to drop).

    Stale: a row whose file changed or has a journal, and a file with no row
    yet. Gone: a row whose file is no more. Raises sqlite3.Error as the query does.
    """
    stale: list[str] = []
    gone: list[str] = []
    current = files.get
    present = 0  # files with a row
    for name, *key in conn.execute(
        "SELECT name, size, mtime_ns, inode FROM sessions WHERE name GLOB ?", (pattern,)
    ):
        now = current(name)
        if now is None:
            gone.append(name)
            continue
        present += 1
        if now[0] != key[0] or now[1] != key[1] or now[2] != key[2] or name in journals:
            stale.append(name)
    if present != len(files):  # files the index has no row for yet
        with_row = set(gone)
        with_row.update(
            name
            for (name,) in conn.execute("SELECT name FROM sessions WHERE name GLOB ?", (pattern,))
        )
        stale += [name for name in files if name not in with_row]
    return stale, gone


def _from_index(
    conn: sqlite3.Connection,
    index: Path,
    pattern: str,
    files: dict[str, Key],
    journals: set[str],
    read: Reader,
    wanted: Wanted,
) -> tuple[Found, list[Problem]]:
    import sqlite3

    folder = paths.sessions_dir()
    try:
        stale, gone = _compared(conn, pattern, files, journals)
    except sqlite3.Error:
        found, broken = _read_all(folder, sorted(files), read)
        return wanted.chosen(found), broken
    stale.sort()
    found, broken = _read_stale(conn, folder, stale, read, journals)
    upserts = _upserts(folder, found, journals)
    _write(conn, upserts, gone)
    fresh = set(stale)
    where, args = wanted.sql(pattern)
    # the newest: the newest row that still matches its file
    order = " ORDER BY updated DESC, date DESC" if wanted.newest else ""
    try:
        more, unreadable = _taken(
            conn,
            _READ + where + order,
            args,
            files,
            fresh,
            _Later(index, folder, read),
            first=wanted.newest,
        )
    except sqlite3.Error:
        found, broken = _read_all(folder, sorted(files), read)
        return wanted.chosen(found), broken
    return wanted.chosen(found + more), broken + unreadable


def _taken(
    conn: sqlite3.Connection,
    query: str,
    args: list[str],
    files: dict[str, Key],
    skip: set[str],
    later: _Later,
    *,
    first: bool = False,
) -> tuple[Found, list[Problem]]:
    """The rows `query` gives whose file still has their key, as records (`first`: one).

    `skip`: the names just read from their files. A row edited by hand into a
    shape no reader expects is read from its file instead.
    """
    found: Found = []
    broken: list[Problem] = []
    sane = _sane_row(_LISTED)
    for row in conn.execute(query, args):
        name = row[0]
        key = files.get(name)
        if key is None or name in skip:
            continue
        if not sane(row[1:]):  # edited by hand: the file says
            more, unreadable = later.read_all([name])
            found += more
            broken += unreadable
            continue
        found.append((name, _Listed(_Row(row, later.summary(name, key), later.file(name)))))
        if first:
            break
    return found, broken


class _Later:
    """The summaries of rows, fetched only when a field beyond the listed ones is read.

    Fetched by name and key: when the file changed in between, it is read instead.
    """

    def __init__(self, index: Path, folder: Path, read: Reader) -> None:
        self._index = index
        self._folder = folder
        self._read = read
        self._conn: sqlite3.Connection | None = None

    def summary(self, name: str, key: Key) -> Callable[[], Mapping[str, Any]]:
        return lambda: self.fetch(name, key)

    def read_all(self, names: list[str]) -> tuple[Found, list[Problem]]:
        return _read_all(self._folder, names, self._read)

    def file(self, name: str) -> Callable[[], Mapping[str, Any]]:
        return lambda: self._read(self._folder / name) or {}

    def fetch(self, name: str, key: Key) -> Mapping[str, Any]:
        import sqlite3

        try:
            if self._conn is None:
                self._conn = db._connect(self._index)
                weakref.finalize(self, self._conn.close)
            found = self._conn.execute(
                "SELECT summary FROM sessions WHERE name = ? AND size = ? AND mtime_ns = ? "
                "AND inode = ?",
                (name, *key),
            ).fetchone()
        except sqlite3.Error:
            found = None
        if found is not None:
            with contextlib.suppress(ValueError, TypeError):
                value = loads(found[0])
                # the shape a save writes; anything else was edited by hand: the file says
                if isinstance(value, dict) and isinstance(value.get("employee"), dict):
                    return value
        return self._read(self._folder / name) or {}  # changed since: the file says


def _upserts(folder: Path, found: Found, journals: set[str]) -> list[tuple[Any, ...]]:
    """The index rows of files just read, keyed as they are now on disk."""
    upserts = []
    for name, record in found:
        if name in journals:
            continue  # a journal may still change it: read it again next time
        with contextlib.suppress(FileNotFoundError):  # deleted while we read it
            key = _key((folder / name).stat())
            # a moved file's seal was checked just now (_read_stale): not read twice
            seal = record.seal if isinstance(record, _Moved) else _seal_of(folder / name)
            upserts.append(_columns(name, key, seal, record))
    return upserts


_RESEAL_PART = 500  # names per query: a restored folder of 20,000 is read in parts


def _read_stale(
    conn: sqlite3.Connection, folder: Path, names: list[str], read: Reader, journals: set[str]
) -> tuple[Found, list[Problem]]:
    """Read the files of stale rows, as `_read_all`; a file that only moved costs no parse.

    After a backup is restored, the folder copied or synced, every file has
    another inode and mtime, so every row is stale: 20,000 files parsed again
    took 10 s. A file whose seal holds and names the digest its row was made
    from has exactly the content the row was made from (seal.py): its summary
    is taken from the row, and `_upserts` gives the row the file's new key.
    Everything else (no row, no seal, an edited file, a journal beside it) is
    read as before.
    """
    import sqlite3

    found: Found = []
    rest: list[str] = []
    sane = _sane_row(_LISTED)
    for start in range(0, len(names), _RESEAL_PART):
        part = [name for name in names[start : start + _RESEAL_PART] if name not in journals]
        kept: dict[str, tuple[str, str]] = {}
        if part:
            marks = ", ".join("?" * len(part))
            try:
                kept = {
                    row[0]: (row[1], row[2])
                    for row in conn.execute(
                        f"SELECT name, seal, summary, {', '.join(_LISTED)} FROM sessions "
                        f"WHERE name IN ({marks}) AND seal != ''",
                        part,
                    )
                    if sane(row[3:])  # a row edited by hand is not taken, moved or not
                }
            except sqlite3.Error:
                kept = {}
        for name in names[start : start + _RESEAL_PART]:
            row = kept.get(name)
            summary = _moved(folder / name, row) if row is not None else None
            if row is None or summary is None:
                rest.append(name)
            else:
                found.append((name, _Moved(summary, row[1], row[0])))
    more, broken = _read_all(folder, rest, read)
    found += more
    found.sort(key=lambda one: one[0])  # in file order, as `_read_all` gives them
    return found, broken


def _moved(path: Path, row: tuple[str, str]) -> dict[str, Any] | None:
    """The row's summary when `path` holds the very content the row was made from."""
    seal, summary = row
    if type(seal) is not str or type(summary) is not str or _verified_seal(path) != seal:
        return None
    with contextlib.suppress(ValueError, TypeError):
        value = loads(summary)
        # the shape a save writes; anything else was edited by hand: the file says
        if isinstance(value, dict) and isinstance(value.get("employee"), dict):
            return value
    return None


def summaries(read: Reader) -> Callable[[str, Key], Mapping[str, Any]]:
    """The whole summary (without answers) of a file `listed` gave, by its name and key.

    From the index while the file still has that key; else the file is read
    with `read`. Without an index, always the file: nothing is created.
    """
    folder = paths.sessions_dir()
    index = index_path(folder)
    if not index.exists():
        return lambda name, key: read(folder / name) or {}
    return _Later(index, folder, read).fetch
