"""`list`'s rows straight from the index: only the columns asked for, no Record per row."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from loopbaan_cli.kernel import paths
from loopbaan_cli.kernel.errors import Problem
from loopbaan_cli.sessions.index import fresh
from loopbaan_cli.sessions.index.db import _usable, _write
from loopbaan_cli.sessions.index.fresh import Reader, _read_all, _read_stale, _upserts
from loopbaan_cli.sessions.index.rows import (
    _COLUMNS,
    _KEY_COLUMNS,
    _LISTED,
    Found,
    Key,
    _columns,
    _sane_row,
    index_path,
)

if TYPE_CHECKING:
    import sqlite3

# --- a listing straight from the rows -------------------------------------------------

# what a row of `listed` holds after the name, in the index's own form: dates and
# times as ISO text (they sort as the dates do), purposes as a JSON list; and the
# file's key (size, mtime_ns, inode), for `summaries`
LISTED_COLUMNS = (*_LISTED, *_KEY_COLUMNS[1:4])
# newest first; between equals the file names in order, as a stable sort of the sorted files gives
_ORDER = "date DESC, updated DESC, name"


def listed(
    pattern: str, read: Reader, columns: tuple[str, ...]
) -> tuple[list[tuple[Any, ...]], list[Problem]]:
    """(name, *columns) of every readable session file matching `pattern`, newest first.

    For a listing of thousands: no Record per row, only the columns asked for.
    Freshness as `scan`: a row counts only while its file's size, mtime and
    inode match; every other file (new, edited by hand, with a journal) is read
    with `read`, and its row refreshed where the index may be written. Without
    a usable index every file is read (nothing is created).
    """
    unknown = [c for c in columns if c not in _LISTED and c not in _KEY_COLUMNS]
    if unknown:
        raise ValueError(f"not a listed column: {unknown}")
    folder = paths.sessions_dir()
    if not folder.is_dir():
        return [], []
    # date and updated sort the rows: added at the end when not asked for
    picked = (*columns, *(c for c in ("date", "updated") if c not in columns))
    files, journals = fresh._folder(pattern)
    conn = _usable(index_path(folder), create=False)
    if conn is None:
        found, broken = _read_all(folder, sorted(files), read)
        return _rows_of(folder, found, picked), broken
    with contextlib.closing(conn):
        return _listed_from(conn, folder, pattern, files, journals, read, picked)


def _rows_of(folder: Path, found: Found, picked: tuple[str, ...]) -> list[tuple[Any, ...]]:
    """Rows in `listed`'s form for summaries read from the files, sorted newest first."""
    at = [_COLUMNS.index(column) for column in picked]
    rows = []
    for name, record in found:
        whole = _columns(name, (0, 0, 0), "", record, summary=False)
        rows.append((name, *(whole[i] for i in at)))
    _newest_first(rows, picked)
    return rows


def _newest_first(rows: list[tuple[Any, ...]], picked: tuple[str, ...]) -> None:
    day, moment = picked.index("date") + 1, picked.index("updated") + 1  # after the name
    rows.sort(key=lambda row: row[0])
    rows.sort(key=lambda row: (row[day] or "", row[moment] or ""), reverse=True)


def _listed_from(
    conn: sqlite3.Connection,
    folder: Path,
    pattern: str,
    files: dict[str, Key],
    journals: set[str],
    read: Reader,
    picked: tuple[str, ...],
) -> tuple[list[tuple[Any, ...]], list[Problem]]:
    import sqlite3

    query = (
        f"SELECT name, size, mtime_ns, inode, {', '.join(picked)} FROM sessions "
        f"WHERE name GLOB ? ORDER BY {_ORDER}"
    )
    rows: list[tuple[Any, ...]] = []
    gone: list[str] = []  # rows whose file is no more
    current = files.get
    sane = _sane_row(picked)
    try:
        for row in conn.execute(query, (pattern,)):
            name = row[0]
            key = current(name)
            if key is None:
                gone.append(name)
            # a row edited by hand (a date that is none, a year that is text) is
            # stale like any other: its file is read instead
            elif key == row[1:4] and name not in journals and sane(row[4:]):
                rows.append((name, *row[4:]))
    except sqlite3.Error:
        found, broken = _read_all(folder, sorted(files), read)
        return _rows_of(folder, found, picked), broken
    fresh = {row[0] for row in rows} if len(rows) != len(files) else None
    stale = [] if fresh is None else sorted(n for n in files if n not in fresh)
    found, broken = _read_stale(conn, folder, stale, read, journals)
    upserts = _upserts(folder, found, journals)
    _write(conn, upserts, gone)
    if found:
        rows += _rows_of(folder, found, picked)
        _newest_first(rows, picked)
    return rows, broken
