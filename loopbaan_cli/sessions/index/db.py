"""The SQLite file itself.

Opening, creating, replacing and writing it; what the store calls after a save or a
delete; the kept copy of the register.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from loopbaan_cli.kernel import paths
from loopbaan_cli.sessions.index.rows import (
    _COLUMNS,
    _CREATE,
    _INDEXES,
    INDEX_NAME,
    LAYOUT,
    Key,
    _columns,
    dumps,
    index_path,
    loads,
)

if TYPE_CHECKING:
    import sqlite3

# --- the database --------------------------------------------------------------------


def _connect(path: Path) -> sqlite3.Connection:
    import sqlite3

    conn = sqlite3.connect(path, timeout=2, isolation_level=None)
    # A cache that is checked against the files at every read: a lost write
    # costs a re-read, so no fsync per save.
    conn.execute("PRAGMA synchronous=OFF")
    # a deleted row (a person deleted) is overwritten, not left in a free page
    conn.execute("PRAGMA secure_delete=ON")
    return conn


def _usable(path: Path, *, create: bool) -> sqlite3.Connection | None:
    """The index, ready; None when there is none (and `create` is false) or it cannot be used.

    An index of another layout or a corrupt one is replaced, when the folder lets us.
    """
    import sqlite3

    if not path.exists():
        if not create:
            return None
        try:
            os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, paths.PRIVATE_FILE))
        except FileExistsError:
            pass  # another process made it just now
        except OSError:
            return None
    for attempt in range(2):
        try:
            conn = _connect(path)
            try:
                layout = conn.execute("PRAGMA user_version").fetchone()[0]
                if layout != LAYOUT:
                    conn.execute("DROP TABLE IF EXISTS sessions")
                    conn.execute(_CREATE)
                    conn.execute(f"PRAGMA user_version={LAYOUT}")
                # every column there: an index of another layout is refilled
                conn.execute(f"SELECT {', '.join(_COLUMNS)} FROM sessions LIMIT 1").fetchall()
                _add_indexes(conn)
            except BaseException:
                conn.close()
                raise
            return conn
        except sqlite3.OperationalError as exc:
            if "locked" in str(exc) or "busy" in str(exc):
                return None  # another process writes it now: read the files instead
            if attempt or not _replace(path):
                return None
        except sqlite3.DatabaseError:
            # corrupt or half an index: start again from the files, when we may write
            if attempt or not _replace(path):
                return None
        except (sqlite3.Error, OSError):
            return None
    return None


def _add_indexes(conn: sqlite3.Connection) -> None:
    """The covering indexes, made once; a folder that cannot be written does without."""
    import sqlite3

    for statement in _INDEXES:
        try:
            conn.execute(statement)
        except sqlite3.OperationalError:
            return  # read-only, or another process writes now: a slower query, not a wrong one


def _replace(path: Path) -> bool:
    """An empty index instead of an unreadable one; False when the folder does not allow it."""
    try:
        for leftover in (path, path.with_name(path.name + "-journal")):
            with contextlib.suppress(FileNotFoundError):
                leftover.unlink()
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, paths.PRIVATE_FILE))
    except OSError:
        return False
    return True


def _write(conn: sqlite3.Connection, upserts: list[tuple[Any, ...]], gone: list[str]) -> None:
    """Upsert and delete rows at once; an index that cannot be written is left as it is."""
    import sqlite3

    if not upserts and not gone:
        return
    marks = ",".join("?" * len(_COLUMNS))
    try:
        with contextlib.closing(conn.cursor()) as cursor:
            cursor.execute("BEGIN IMMEDIATE")
            try:
                cursor.executemany(
                    f"INSERT OR REPLACE INTO sessions ({','.join(_COLUMNS)}) VALUES ({marks})",
                    upserts,
                )
                cursor.executemany("DELETE FROM sessions WHERE name = ?", [(n,) for n in gone])
            except BaseException:
                cursor.execute("ROLLBACK")
                raise
            cursor.execute("COMMIT")
    except sqlite3.Error:
        pass  # read-only folder, or another process holds it: the next reader catches up


# --- what the store calls ------------------------------------------------------------


def _key(stat: os.stat_result) -> Key:
    return (stat.st_size, stat.st_mtime_ns, stat.st_ino)


def saved(path: Path, data: Mapping[str, Any], seal: str) -> bool:
    """After `store.save` wrote `path`: its row, from the session just validated.

    True when this made the index (the data folder's first save, or after it was deleted).
    """
    import sqlite3

    index = index_path(path.parent)
    new = not index.exists()
    try:
        conn = _usable(index, create=True)
        if conn is None:
            return False
        with contextlib.closing(conn):
            _write(conn, [_columns(path.name, _key(path.stat()), seal, data)], [])
    except (sqlite3.Error, OSError):
        pass  # the index is a cache: the file was written, the next reader catches up
    return new


def forget(path: Path) -> None:
    """After `store.delete` removed `path`: its row goes too (it holds the person's name)."""
    import sqlite3

    index = index_path(path.parent)
    if not index.exists():
        return
    try:
        conn = _usable(index, create=False)
        if conn is None:
            return
        with contextlib.closing(conn):
            _write(conn, [], [path.name])
    except sqlite3.Error:
        pass


# --- the employee register, parsed ----------------------------------------------------
# Parsing a register of 5,000 people as YAML with positions takes a third of a
# second, and `agenda` and `delete --employee` read it every time. The index
# keeps one copy of it as checked (employees.py), as JSON under the digest of
# the register's text: a register edited by hand has another digest and is
# parsed again. Written only into an index that exists; replaced whenever the
# register is written, so a removed person's name leaves the index with it.

_REGISTER = "CREATE TABLE IF NOT EXISTS register (digest TEXT PRIMARY KEY, entries TEXT)"


def register_digest(text: str) -> str:
    """The register's text, and the year: what a service start may be depends on it."""
    import hashlib

    digest = hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()
    return f"{dt.date.today().year}:{digest}"


def register_copy(folder: Path, digest: str) -> list[dict[str, Any]] | None:
    """The register's entries kept for the text with this digest; None when there is none."""
    import sqlite3

    index = folder / INDEX_NAME
    if not index.exists():
        return None
    try:
        with contextlib.closing(_connect(index)) as conn:
            found = conn.execute(
                "SELECT entries FROM register WHERE digest = ?", (digest,)
            ).fetchone()
    except sqlite3.Error:
        return None  # no such table yet, or not readable: parse the file
    if found is None:
        return None
    entries: list[dict[str, Any]] = loads(found[0])
    return entries


def keep_register(folder: Path, digest: str, entries: list[dict[str, Any]]) -> None:
    """The register's entries as checked, instead of any earlier copy (an index that exists only)."""
    import sqlite3

    index = folder / INDEX_NAME
    if not index.exists():
        return
    try:
        with contextlib.closing(_connect(index)) as conn:
            conn.execute(_REGISTER)
            conn.execute("BEGIN IMMEDIATE")
            try:
                conn.execute("DELETE FROM register")
                conn.execute("INSERT INTO register VALUES (?, ?)", (digest, dumps(entries)))
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")
    except sqlite3.Error:
        pass  # read-only or busy: the next reader parses the file
