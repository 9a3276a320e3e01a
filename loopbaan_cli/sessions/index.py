"""An index of the session files, so a listing of 20,000 does not parse 20,000 YAML files.

The YAML files stay the truth. In the data folder, `index.sqlite3` (SQLite, 0600)
holds one row per file: what a listing reads (id, status, dates, the employee,
the interviewer, ... and the whole summary without answers as JSON), keyed by
the file's name, size, mtime and inode. A reader lists the folder (one
directory read and a stat per file), takes the rows whose key still matches
and reads only the other files again: new ones, files edited by hand, files
with a journal beside them (journal.py). A file that is gone loses its row.

Who writes the index:
- `store.save` and `store.delete` keep it current, and create it;
- a reader refreshes rows only in an index that already exists, so a
  read-only or refused command never creates a file;
- an index that cannot be written (a read-only folder, a second process
  holding it) is read as it is, and what is stale in it is read from the files;
- a corrupt index, or one of an older layout (its `user_version`), is
  replaced by an empty one and filled from the files again.

Deleting it is always safe: the next save starts a new one, the next listing
fills it. It holds personal data (names, dates), like the files; a deleted
conversation's row goes with it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fnmatch
import functools
import json
import os
import re
import weakref
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from loopbaan_cli.kernel import paths
from loopbaan_cli.kernel.errors import ConfigError, Problem
from loopbaan_cli.kernel.record import Record, plain
from loopbaan_cli.sessions.format import RECORD_PARTS
from loopbaan_cli.sessions.journal import SUFFIX

if TYPE_CHECKING:
    import sqlite3

INDEX_NAME = "index.sqlite3"  # in the data folder, beside sessions/
# The layout of the index itself; another number drops the table and refills it.
LAYOUT = 1

Found = list[tuple[str, Record]]  # file names: 20,000 Paths cost more than the rows
Key = tuple[int, int, int]  # size, mtime_ns, inode

# name and key, then what a listing reads without the summary, then the summary
_KEY_COLUMNS = ("name", "size", "mtime_ns", "inode", "seal")
_LISTED = (
    "id",
    "status",
    "stage",
    "date",
    "created",
    "updated",
    "phase",
    "phase_title",
    "next_conversation",
    "employee_name",
    "employee_role",
    "employee_id",
    "service_start",
    "retirement_year",
    "interviewer_name",
    "interviewer_role",
    "purposes",
)
_COLUMNS = (*_KEY_COLUMNS, *_LISTED, "employee_slug", "summary")
_CREATE = (
    "CREATE TABLE IF NOT EXISTS sessions (name TEXT PRIMARY KEY, " + ", ".join(_COLUMNS[1:]) + ")"
)
_READ = f"SELECT name, {', '.join(_LISTED)} FROM sessions"
# Covering indexes: the rows hold the summaries (most of the file), so a query
# of a few columns would read every page; these answer from a compact b-tree.
# The keys for every freshness check; the table of `list`, already in its order;
# the conversation saved last (`start` proposes its interviewer); one employee's.
_INDEXES = (
    "CREATE INDEX IF NOT EXISTS by_key ON sessions (name, size, mtime_ns, inode)",
    "CREATE INDEX IF NOT EXISTS by_updated ON sessions (updated DESC)",
    "CREATE INDEX IF NOT EXISTS by_employee ON sessions (employee_id)",
    "CREATE INDEX IF NOT EXISTS by_listing ON sessions (date DESC, updated DESC, name, size, "
    "mtime_ns, inode, id, employee_name, phase, phase_title, status)",
)


def index_path(sessions: Path | None = None) -> Path:
    """The index of the session files in `sessions` (default: the data folder's)."""
    return (sessions or paths.sessions_dir()).parent / INDEX_NAME


# --- JSON with dates ------------------------------------------------------------------
# A summary holds dates and times; JSON has neither. They are written as
# {"\u0000d": "2026-01-02"} (a key no YAML file or model has) and read back as they were.

_DATE, _TIME = "\u0000d", "\u0000t"


def _encode(value: object) -> object:
    if isinstance(value, dt.datetime):
        return {_TIME: value.isoformat()}
    if isinstance(value, dt.date):
        return {_DATE: value.isoformat()}
    if isinstance(value, Mapping):
        return dict(value)
    if isinstance(value, tuple | set):
        return list(value)
    raise TypeError(f"{type(value).__name__} hoort niet in een gespreksbestand")


def _revive(value: dict[str, Any]) -> object:
    if len(value) == 1:
        if _DATE in value:
            return dt.date.fromisoformat(value[_DATE])
        if _TIME in value:
            return dt.datetime.fromisoformat(value[_TIME])
    return value


def dumps(value: object) -> str:
    return json.dumps(value, default=_encode, ensure_ascii=False, separators=(",", ":"))


# one decoder: json.loads with an object_hook builds a new one (and its scanner) per call
_DECODER = json.JSONDecoder(object_hook=_revive)


def loads(text: str) -> Any:
    return _DECODER.decode(text)


# --- a row as a Record --------------------------------------------------------------


def _day(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def _moment(text: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(text) if text else None


def _year(value: object) -> int | None:
    if value is not None and type(value) is not int:
        raise TypeError("no year")  # a row edited by hand: _Row reads the file instead
    return value


def _employee(row: tuple[Any, ...]) -> dict[str, Any]:
    return {
        "id": row[12],  # the register's (sessions/employees.py); None before it
        "name": row[10],
        "role": row[11],
        "service_start": _day(row[13]),
        "retirement_year": _year(row[14]),
    }


def _purposes(text: str) -> list[str]:
    found = json.loads(text)
    if not isinstance(found, list):
        raise TypeError("no list")
    return found


# A listed field: how it is made from the row of _READ (made only when read:
# a listing of 20,000 reads a few fields of each).
_FIELDS: dict[str, Callable[[tuple[Any, ...]], Any]] = {
    "id": lambda row: row[1],
    "status": lambda row: row[2],
    "stage": lambda row: row[3],
    "date": lambda row: _day(row[4]),
    "created": lambda row: _moment(row[5]),
    "updated": lambda row: _moment(row[6]),
    "phase": lambda row: row[7],
    "phase_title": lambda row: row[8],
    "next_conversation": lambda row: _day(row[9]),
    "employee": _employee,
    "interviewer": lambda row: {"name": row[15], "role": row[16]},
    "purposes": lambda row: _purposes(row[17]),
}


class _Row(Mapping[str, Any]):
    """A session summary from its row: the listed fields from the row, the rest fetched when asked."""

    __slots__ = ("_fetch", "_reread", "_row", "_values", "_whole")

    def __init__(
        self,
        row: tuple[Any, ...],
        fetch: Callable[[], Mapping[str, Any]],
        reread: Callable[[], Mapping[str, Any]],
    ) -> None:
        self._row = row
        self._fetch = fetch
        self._reread = reread
        self._values: dict[str, Any] = {}
        self._whole: Mapping[str, Any] | None = None

    def __getitem__(self, key: str) -> Any:
        try:
            return self._values[key]
        except KeyError:
            pass
        make = _FIELDS.get(key)
        if make is None:
            return self._decoded()[key]
        try:
            value = make(self._row)
        except (ValueError, TypeError):  # a row edited by hand: the file says, for every field
            self._whole = self._reread()
            value = self._whole[key]
        self._values[key] = value
        return value

    def _decoded(self) -> Mapping[str, Any]:
        if self._whole is None:
            self._whole = self._fetch()
        return self._whole

    def __iter__(self) -> Iterator[str]:
        return iter(self._decoded())

    def __len__(self) -> int:
        return len(self._decoded())


class _Listed(Record):
    """The Record of a row: a listed field read once is kept as a plain attribute.

    Rules over thousands of conversations (the agenda) read `date`, `status`
    and `employee` many times each; after the first read Python finds them in
    the instance's dict without calling anything.
    """

    def __getattr__(self, name: str) -> Any:
        value = super().__getattr__(name)
        object.__setattr__(self, name, value)  # a Record is read-only to its users, not to itself
        return value


def _text(value: object) -> str | None:
    if value is None:
        return None
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def _columns(
    name: str, key: Key, seal: str, data: Mapping[str, Any], *, summary: bool = True
) -> tuple[Any, ...]:
    """The index row of a summary; without `summary` its last column (the JSON) is None."""
    from loopbaan_cli.sessions.ids import slugify

    # without answers and preparation, as every summary is (they stay empty, not absent);
    # from the plain data under a Record: 20,000 summaries encode 10x faster
    whole = {**plain(data), **{part: {} for part in RECORD_PARTS}} if summary else None
    text = data.text if summary and isinstance(data, _Moved) else None  # as it was kept
    employee = data.get("employee") or {}
    interviewer = data.get("interviewer") or {}
    employee_name = str(employee.get("name") or "")
    return (
        name,
        *key,
        seal,
        data.get("id"),
        data.get("status"),
        data.get("stage"),
        _text(data.get("date")),
        _text(data.get("created")),
        _text(data.get("updated")),
        data.get("phase"),
        data.get("phase_title") or "",
        _text(data.get("next_conversation")),
        employee_name,
        str(employee.get("role") or ""),
        _text(employee.get("id")),
        _text(employee.get("service_start")),
        employee.get("retirement_year"),
        str(interviewer.get("name") or ""),
        str(interviewer.get("role") or ""),
        json.dumps(list(data.get("purposes") or []), ensure_ascii=False),
        slugify(employee_name),
        text if text is not None else None if whole is None else dumps(whole),
    )


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


def _folder(pattern: str) -> tuple[dict[str, Key], set[str]]:
    """The session files matching `pattern` with their keys, and the names with a journal."""
    # "*.yaml", every listing's pattern, is a suffix: no regex per file
    matches = (
        (lambda name: name.endswith(".yaml"))
        if pattern == "*.yaml"
        else re.compile(fnmatch.translate(pattern)).match
    )
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
    newest: bool = False  # only the one saved last

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
            return [max(found, key=lambda one: one[1]["updated"])]
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
    # the newest: the newest row that still matches its file (a few more in case)
    order = " ORDER BY updated DESC" if wanted.newest else ""
    try:
        rows = conn.execute(_READ + where + order, args)
        later = _Later(index, folder, read)
        sane = _sane_row(_LISTED)
        for row in rows:
            name = row[0]
            key = files.get(name)
            if key is not None and name not in fresh:
                if not sane(row[1:]):  # edited by hand: the file says
                    found.extend(_read_all(folder, [name], read)[0])
                    continue
                row_record = _Row(row, later.summary(name, key), later.file(name))
                found.append((name, _Listed(row_record)))
                if wanted.newest:
                    break
    except sqlite3.Error:
        found, broken = _read_all(folder, sorted(files), read)
    return wanted.chosen(found), broken


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

    def file(self, name: str) -> Callable[[], Mapping[str, Any]]:
        return lambda: self._read(self._folder / name) or {}

    def fetch(self, name: str, key: Key) -> Mapping[str, Any]:
        import sqlite3

        try:
            if self._conn is None:
                self._conn = _connect(self._index)
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
            upserts.append(_columns(name, key, _seal_of(folder / name), record))
    return upserts


def _seal_of(path: Path) -> str:
    """The digest of `path`'s seal when the seal holds ("" when not sealed, or edited since).

    Only a digest that holds may go in the index: `_read_stale` takes a row
    for a moved file on it, so a row made from an edited file must never
    carry the seal the file had before the edit.
    """
    return _verified_seal(path) or ""


def _verified_seal(path: Path) -> str | None:
    """The digest on `path`'s last line, when it is sealed in this format and the seal holds."""
    from loopbaan_cli.kernel import yamlio
    from loopbaan_cli.sessions.seal import unseal

    try:
        if path.is_symlink():
            return None  # a link is never read through (store._refuse_link says so)
        text = yamlio.read_bytes(path).decode("utf-8")
    except (ConfigError, OSError, UnicodeDecodeError):
        return None
    if unseal(text) is None:
        return None
    _, _, digest = text.rstrip().rpartition("sha256:")
    return digest


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
                found.append((name, _Moved(summary, row[1])))
    more, broken = _read_all(folder, rest, read)
    found += more
    found.sort(key=lambda one: one[0])  # in file order, as `_read_all` gives them
    return found, broken


class _Moved(Record):
    """The summary of a file that only moved, with the JSON it was kept as (written back as is)."""

    __slots__ = ("text",)

    def __init__(self, data: Mapping[str, Any], text: str) -> None:
        super().__init__(data)
        object.__setattr__(self, "text", text)


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
    files, journals = _folder(pattern)
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


def _day_text(value: object) -> bool:
    if value is None:
        return True
    try:
        dt.date.fromisoformat(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False
    return len(value) == 10  # type: ignore[arg-type]


def _moment_text(value: object) -> bool:
    try:
        moment = dt.datetime.fromisoformat(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False
    return moment.tzinfo is None


@functools.lru_cache(maxsize=1024)  # 20,000 rows share a few dozen lists of purposes
def _purposes_text(value: object) -> bool:
    try:
        found = json.loads(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False
    return isinstance(found, list) and all(isinstance(p, str) for p in found)


# The columns whose readers parse them: what each must look like, as a save writes it.
_SANE: dict[str, Callable[[object], bool]] = {
    "date": lambda v: v is not None and _day_text(v),
    "next_conversation": _day_text,
    "service_start": _day_text,
    "created": _moment_text,
    "updated": _moment_text,
    "retirement_year": lambda v: v is None or type(v) is int,
    "purposes": _purposes_text,
}


# The columns shown or used as text: a number or bytes there was put in by hand.
_TEXTS = frozenset(
    {
        "id",
        "status",
        "stage",
        "phase",
        "phase_title",
        "employee_name",
        "employee_role",
        "employee_id",
        "interviewer_name",
        "interviewer_role",
    }
)


def _sane_row(picked: tuple[str, ...]) -> Callable[[tuple[Any, ...]], bool]:
    """A cheap shape check of a row's `picked` columns (the index saves time, never safety).

    Written as two plain loops: it runs for each of 20,000 rows.
    """
    texts = tuple(at for at, column in enumerate(picked) if column in _TEXTS)
    checks = tuple((at, _SANE[column]) for at, column in enumerate(picked) if column in _SANE)

    def sane(values: tuple[Any, ...]) -> bool:
        for at in texts:
            value = values[at]
            if value is not None and type(value) is not str:
                return False
        for at, check in checks:  # noqa: SIM110 (all() over a generator: twice the time)
            if not check(values[at]):
                return False
        return True

    return sane


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
    matches = (
        (lambda name: name.endswith(".yaml"))
        if pattern == "*.yaml"
        else re.compile(fnmatch.translate(pattern)).match
    )
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
    where, args = Wanted(employee_id=employee_id).sql(pattern)
    later = _Later(index, folder, read)
    sane = _sane_row(_LISTED)
    for row in conn.execute(_READ + where, args):
        name = row[0]
        key = files.get(name)
        if key is None or name in fresh:
            continue
        if not sane(row[1:]):  # edited by hand: the file says
            more, unreadable = _read_all(folder, [name], read)
            found += more
            broken += unreadable
            continue
        found.append((name, _Listed(_Row(row, later.summary(name, key), later.file(name)))))
    return Wanted(employee_id=employee_id).chosen(found), broken


# --- the session updated last ---------------------------------------------------------


def newest(pattern: str, read: Reader) -> tuple[Found, list[Problem]]:
    """What the session updated last is chosen from: files read, and one row.

    Freshness as `scan` (every file's key is checked): every file changed or new
    since its row is read with `read`; of the rows that still match their file,
    only the newest by (updated, date) is taken, as listing.newest orders them. A
    row not as a save writes it (edited by hand) is read from its file.
    Without a usable index every file is read (nothing is created).
    """
    import sqlite3

    folder = paths.sessions_dir()
    if not folder.is_dir():
        return [], []
    files, journals = _folder(pattern)
    index = index_path(folder)
    conn = _usable(index, create=False)
    if conn is None:
        return _read_all(folder, sorted(files), read)
    try:
        with contextlib.closing(conn):
            return _newest_from(conn, index, folder, pattern, files, journals, read)
    except sqlite3.Error:
        return _read_all(folder, sorted(files), read)


def _newest_from(
    conn: sqlite3.Connection,
    index: Path,
    folder: Path,
    pattern: str,
    files: dict[str, Key],
    journals: set[str],
    read: Reader,
) -> tuple[Found, list[Problem]]:
    stale, gone = _compared(conn, pattern, files, journals)
    stale.sort()
    found, broken = _read_stale(conn, folder, stale, read, journals)
    _write(conn, _upserts(folder, found, journals), gone)
    fresh = set(stale)
    later = _Later(index, folder, read)
    sane = _sane_row(_LISTED)
    rows = conn.execute(_READ + " WHERE name GLOB ? ORDER BY updated DESC, date DESC", (pattern,))
    for row in rows:
        name = row[0]
        key = files.get(name)
        if key is None or name in fresh:
            continue
        if not sane(row[1:]):
            more, unreadable = _read_all(folder, [name], read)  # the file says
            found += more
            broken += unreadable
            continue
        found.append((name, _Listed(_Row(row, later.summary(name, key), later.file(name)))))
        break
    return found, broken


# --- one status only: what `start` shows above its first question ---------------------


def in_status(
    pattern: str, read: Reader, status: str, columns: tuple[str, ...]
) -> tuple[list[tuple[Any, ...]], list[Problem]]:
    """`listed`, for the sessions in `status` only: the status is asked in SQL.

    Freshness as `listed`: every file's key is checked, a row counts only while
    it matches, and every other file (new, edited by hand, with a journal) is
    read with `read`, kept when it is in `status`, and its row refreshed where
    the index may be written. Rows are in `listed`'s order, newest first.
    """
    found = in_status_and_newest(pattern, read, status, columns, ())
    return found.rows, found.broken


@dataclass(frozen=True)
class StatusAndNewest:
    rows: list[tuple[Any, ...]]  # as `in_status` gives them
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
    """`in_status`, and the session saved last (as `scan` with `Wanted(newest=True)`
    finds it), from one check of the files: what `start` needs before its first prompt."""
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
    files, _ = _folder(pattern)
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

    files, journals = _folder(pattern)
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

    In the order `in_status` rows give when sorted by date (a stable sort of
    newest first), each name once. For a screen drawn before the files are
    checked (`start`'s first question): the caller checks it against
    `in_status` before anything typed is taken. Nothing is written or read
    besides the index.
    """
    import sqlite3

    index = index_path()
    if not index.exists():
        return None
    names: dict[str, None] = {}
    try:
        with contextlib.closing(_connect(index)) as conn:
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
