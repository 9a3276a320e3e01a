"""What a row of the index holds.

Its columns, the JSON of a summary, a row read as a Record, the seal it was made
from, and the checks a row must pass.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

from loopbaan_cli.kernel import paths
from loopbaan_cli.kernel.errors import ConfigError
from loopbaan_cli.kernel.record import Record, plain
from loopbaan_cli.sessions.format import RECORD_PARTS

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


class _Moved(Record):
    """The summary of a file that only moved: the JSON it was kept as and its seal, checked."""

    __slots__ = ("seal", "text")

    def __init__(self, data: Mapping[str, Any], text: str, seal: str) -> None:
        super().__init__(data)
        object.__setattr__(self, "text", text)
        object.__setattr__(self, "seal", seal)


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
