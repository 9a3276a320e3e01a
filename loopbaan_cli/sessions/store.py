"""Conversations on disk: one YAML file each, written atomically, locked while open.

A save writes a temp file in the same folder, fsyncs it and renames it over
the old file, so a killed process leaves either the old or the new version,
never half a file. Files are 0600 and folders 0700: these are personal data.

This is the room's front door: ids (ids.py), locks (locks.py), the dump
(dump.py) and listings (listing.py) are reached through it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import math
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from loopbaan_cli.kernel import paths, yamlio
from loopbaan_cli.kernel.errors import ConfigError, LoopbaanError, NotFoundError, Problem
from loopbaan_cli.kernel.record import Record
from loopbaan_cli.kernel.shell import command_for
from loopbaan_cli.kernel.values import FIRST_DATE, LAST_DATE
from loopbaan_cli.kernel.yaml_messages import validation_problems
from loopbaan_cli.sessions import index, journal, listing, migrate
from loopbaan_cli.sessions.dump import Dump
from loopbaan_cli.sessions.files import write_atomic
from loopbaan_cli.sessions.format import RECORD_PARTS, SCHEMA_VERSION, check_version, upgrade
from loopbaan_cli.sessions.ids import (
    exists,
    id_candidates,
    ids_starting_with,
    is_id,
    lock_path,
    looks_like_id,
    session_path,
    slugify,
)
from loopbaan_cli.sessions.listing import Listing
from loopbaan_cli.sessions.locks import held_for_write, locked, reserve, unreserve
from loopbaan_cli.sessions.seal import seal, unseal

if TYPE_CHECKING:
    from loopbaan_cli.sessions.model import Session

__all__ = [
    "Listing",
    "delete",
    "exists",
    "ids_starting_with",
    "is_id",
    "journaled",
    "last_saved",
    "list_sessions",
    "load",
    "load_path",
    "locked",
    "looks_like_id",
    "new_id",
    "resolve",
    "resolve_view",
    "save",
    "session_path",
    "slugify",
    "view",
    "view_path",
    "write_atomic",
]

# The YAML of the answers of the last session saved: a save after one answer
# dumps only that answer again (dump.py).
_dump = Dump()


def new_id(name: str, day: dt.date) -> str:
    """Reserve a free id for a conversation with `name` on `day` (-2, -3, ... when taken).

    The id's lock is created exclusively, so two processes that start at the
    same moment never get the same id; then the file is looked for again (a
    process that saved and let go in between). The reservation holds until the
    conversation's first save, or until the command ends (locks.release_reserved).
    """
    for candidate in id_candidates(name, day):
        lock = lock_path(candidate)
        if not reserve(lock):
            continue
        if session_path(candidate).exists():
            unreserve(lock)  # saved by a faster process after our first look
            continue
        return candidate
    raise AssertionError("id_candidates never ends")  # pragma: no cover


# Sessions held in this process under their lock: a save appends to the journal.
_journals: dict[str, journal.Journal] = {}


def save(session: Session) -> Path:
    """Write the session under its lock; refused (old file kept) when it could not be read back.

    A session held in a conversation (`journaled`) gets only what changed
    appended to its journal, checked the same way; the file is written whole
    at the journal's folds.
    """
    path = session_path(session.id)
    folder = paths.ensure_private_dir(path.parent)
    held = _journals.get(session.id)
    with held_for_write(lock_path(session.id), f"gesprek '{session.id}'"):
        session.updated = dt.datetime.now().replace(microsecond=0)
        changes = held.changes(session) if held is not None else None
        if changes is not None:
            _check_readable(session, changes.records)
            held.append(changes)  # type: ignore[union-attr]
            return path
        _check_readable(session)
        text = seal(_dump(session))  # validated just now: later reads may skip validation
        data = _readable_bytes(text, session.id)
        write_atomic(folder, path, data)
    unreserve(lock_path(session.id))  # a new id: the file now says it is taken
    _written(path, session, text, held)
    return path


def _written(path: Path, session: Session, text: str, held: journal.Journal | None) -> None:
    """The file was written whole: the journal is folded into it, the index row follows."""
    if held is not None:
        held.folded(session)
    else:
        with contextlib.suppress(FileNotFoundError):  # left by a killed process, replayed at load
            journal.journal_path(path).unlink()
    summary = {
        **session.model_dump(exclude=set(RECORD_PARTS)),
        **{part: {} for part in RECORD_PARTS},
    }
    if index.saved(path, summary, text[text.rfind("sha256:") + 7 :].strip()):
        from loopbaan_cli.banks import bank_cache  # pickle: only for a first save

        bank_cache.open_folder()  # from now on the banks are kept too


@contextlib.contextmanager
def journaled(session_id: str) -> Iterator[None]:
    """While held: saves of this session after an answer go to its journal (journal.py).

    Only under the session's lock. On the way out the file is written whole
    and the journal removed; when that fails, the journal stays and the next
    load reads it.
    """
    held = _journals[session_id] = journal.Journal(session_path(session_id))
    try:
        yield
    finally:
        del _journals[session_id]
        if held.pending is not None:
            with contextlib.suppress(OSError):
                save(held.pending)


def _check_readable(session: Session, records: list[tuple[str, str, Any]] | None = None) -> None:
    """Validate the session as a read would: a value set without validation (a flow's
    model_copy or assignment) must never reach the file, or the file could not be read.

    The answers (most of the work, and a save follows every answer) are always
    built through AnswerRecord's constructor; of them only the value's range is
    checked again, which costs next to nothing; with `records` (a journal's
    changes), only those.
    """
    from pydantic import ValidationError

    from loopbaan_cli.kernel.yaml_messages import describe_error

    model = type(session)
    try:
        model.model_validate(session.model_dump(exclude=set(RECORD_PARTS)))
        if records is None:
            records = [(p, k, r) for p in RECORD_PARTS for k, r in getattr(session, p).items()]
        for part, key, record in records:
            try:
                type(record).value_in_range(record.value)
            except ValueError as exc:
                raise LoopbaanError(
                    f"gesprek '{session.id}' niet bewaard: {part}.{key}: {exc}",
                    hint="Het bestand blijft zoals het was.",
                ) from None
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise LoopbaanError(
            f"gesprek '{session.id}' niet bewaard: {where}: {describe_error(first, model)}",
            hint="Het bestand blijft zoals het was.",
        ) from None


def _readable_bytes(text: str, session_id: str) -> bytes:
    """The file's bytes, when every later read will accept them; else a LoopbaanError."""
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:
        raise LoopbaanError(
            f"gesprek '{session_id}' niet bewaard: een antwoord bevat tekens die geen tekst zijn",
            hint="Het bestand blijft zoals het was. Typ het antwoord opnieuw.",
        ) from None
    if len(data) > yamlio.MAX_BYTES:
        raise LoopbaanError(
            f"gesprek '{session_id}' niet bewaard: het zou {len(data) // 1024} KB groot worden, "
            f"en loopbaan leest hoogstens {yamlio.MAX_BYTES // 1024} KB per gesprek",
            hint="Het bestand blijft zoals het was. Maak lange antwoorden korter.",
        )
    return data


def load_path(path: Path) -> Session:
    from pydantic import ValidationError

    from loopbaan_cli.sessions.model import Session

    name = str(path)
    _refuse_link(path)
    data, marks = yamlio.load_file(path)
    if not isinstance(data, dict):
        raise ConfigError.single(
            name, "dit is geen gespreksbestand (verwacht sleutel: waarde)", 1, 1
        )
    check_version(data, marks, name)
    older = data["schema_version"] < SCHEMA_VERSION
    data = upgrade(data)  # an older schema climbs the ladder first (format.UPGRADES)
    journal.replay(data, path)  # answers saved since the file was written (current schema)
    try:
        session = Session.model_validate(data)
    except ValidationError as exc:
        raise ConfigError(validation_problems(exc, Session, marks, name)) from None
    if older and session.employee.id is None:
        migrate.old_seen.add(path)  # the listing gives it its employee (migrate.py)
    return session


def load(session_id: str) -> Session:
    """The whole session, validated, to continue or change it."""
    return load_path(_existing(session_id))


def _existing(session_id: str) -> Path:
    migrate.ensure()
    path = session_path(session_id)
    if not path.is_file():
        raise NotFoundError(
            f"geen gesprek met id '{session_id}'",
            hint=f"`{command_for('list')}` toont alle gesprekken.",
        )
    return path


# --- reading without changing: Records ------------------------------------------
# Documents, listings and the history only read a session. They get a Record
# (record.py): from the file's YAML alone when its seal holds (seal.py),
# otherwise from a full validation, with the same errors as load().


def view(session_id: str) -> Record:
    """The whole session, to read (for a document)."""
    return view_path(_existing(session_id))


def _refuse_link(path: Path) -> None:
    """A conversation lives in the data folder itself: a link (to another folder, ~/.ssh) is not followed."""
    if path.is_symlink():
        raise ConfigError.single(
            str(path),
            "dit gespreksbestand is een link; loopbaan volgt geen links uit de gegevensmap "
            "(zet het gesprek zelf in de map sessions/)",
        )


def view_path(path: Path, *, summary: bool = False) -> Record:
    """The session in `path`; with `summary`, without its answers and preparation.

    The seal saves time, never safety: a sealed file is still read with the
    loader's guards (size, depth, no aliases) and must have the shape the
    readers expect; anything else is read the validating way, which names
    what is wrong in that one file.
    """
    _refuse_link(path)
    if journal.journal_path(path).exists():  # answers saved since the file: validate both
        data = load_path(path).model_dump()
        return Record({**data, **{part: {} for part in RECORD_PARTS}} if summary else data)
    body = unseal(yamlio.read_text(path))
    if body is not None and summary:
        body = listing.without_answers(body)  # None for an unusual layout: validate instead
    if body is not None:
        with contextlib.suppress(ConfigError):
            data = yamlio.load_quick(body, str(path))
            if _has_session_shape(data, summary):
                return Record(data)
    session = _load_summary(path) if summary else load_path(path)
    return Record(session.model_dump())


def _has_session_shape(data: object, summary: bool) -> bool:
    """Cheap: the fields every reader of a Record relies on have the right types and ranges.

    A real seal only covers files that were valid when saved; this catches a
    seal recomputed over a hand-made file (`employee: 5`, a time zone on
    `updated`, a follow-up on 9999-12-31). Not a second model: what it does
    not know, the validating read it falls back to does.
    """
    if not isinstance(data, dict) or type(data.get("schema_version")) is not int:
        return False
    if data["schema_version"] != SCHEMA_VERSION or not _is_text(data.get("id")):
        return False
    if not is_id(data["id"]) or data.get("status") not in _STATUSES:
        return False
    if not _is_text(data.get("phase")) or not _is_number(data.get("minutes", 0)):
        return False
    employee = data.get("employee")
    if not isinstance(employee, dict) or not _is_person(data.get("interviewer")):
        return False
    if not _is_person(employee) or not _is_day(employee.get("service_start"), optional=True):
        return False
    if not isinstance(employee.get("id"), (str, type(None))):  # the register's id decides
        return False
    year = employee.get("retirement_year")
    if year is not None and (type(year) is not int or not _YEARS[0] <= year <= _YEARS[1]):
        return False
    for stamp in ("created", "updated"):
        value = data.get(stamp)
        if not isinstance(value, dt.datetime) or value.tzinfo is not None:
            return False
    if not _is_day(data.get("date")) or not _is_day(data.get("next_conversation"), optional=True):
        return False
    meeting = data.get("meeting")
    if meeting is not None and not _is_meeting(meeting):
        return False
    purposes = data.get("purposes", [])
    if not isinstance(purposes, list) or not all(isinstance(p, str) for p in purposes):
        return False
    for part, texts, days in _LIST_PARTS:
        items = data.get(part, [])
        if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
            return False
        for item in items:
            if not all(isinstance(item.get(key, ""), str) for key in texts):
                return False
            if not all(_is_day(item.get(key), optional=optional) for key, optional in days):
                return False
    if summary:
        return True
    return all(
        isinstance(data.get(part, {}), dict)
        and all(isinstance(record, dict) for record in data.get(part, {}).values())
        for part in RECORD_PARTS
    )


# list part -> its text keys, and its date keys with whether they may be empty
_LIST_PARTS: tuple[tuple[str, tuple[str, ...], tuple[tuple[str, bool], ...]], ...] = (
    ("conclusions", ("id", "title", "text"), ()),
    ("agreements", ("what", "owner", "action_title", "support", "success"), (("due", True),)),
    ("followups", ("what",), (("date", False),)),
    ("checkins", ("status", "difficulties", "successes"), (("date", False), ("next", True))),
)
_YEARS = (FIRST_DATE.year, LAST_DATE.year)


def _is_day(value: object, *, optional: bool = False) -> bool:
    # type(), not isinstance: a datetime is a date too, and compares with none
    if value is None:
        return optional
    return type(value) is dt.date and FIRST_DATE <= value <= LAST_DATE


def _is_person(value: object) -> bool:
    return isinstance(value, dict) and _is_text(value.get("name"))


def _is_number(value: object) -> bool:
    return type(value) in (int, float) and math.isfinite(value) and value >= 0  # type: ignore[arg-type,operator]


def _is_meeting(value: object) -> bool:
    if not isinstance(value, dict) or not isinstance(value.get("place", ""), str):
        return False
    time, minutes = value.get("time"), value.get("minutes")
    if time is not None and not (isinstance(time, str) and _CLOCK.fullmatch(time)):
        return False
    return minutes is None or (type(minutes) is int and 5 <= minutes <= 480)


_CLOCK = re.compile(r"([01]\d|2[0-3]):[0-5]\d")
_STATUSES = ("prepared", "in_progress", "completed")


def _is_text(value: object) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _load_summary(path: Path) -> Session:
    """The session without its answers, validated; anything unusual gets the full load and its errors."""
    from pydantic import ValidationError

    from loopbaan_cli.sessions.model import Session

    try:
        short = listing.without_answers(yamlio.read_text(path))
        if short is not None:
            data, _ = yamlio.load(short, str(path))
            version = data.get("schema_version") if isinstance(data, dict) else None
            if type(version) is int and version == SCHEMA_VERSION:
                return Session.model_validate(data)
    except (ConfigError, ValidationError):
        pass
    return load_path(path).model_copy(update={"answers": {}, "preparation": {}})


def _summary(path: Path) -> Record:
    return view_path(path, summary=True)


def list_sessions(*, employee: str | None = None, status: str | None = None) -> Listing:
    """Every readable session without its answers, newest first; unreadable files are reported.

    `load(id)` or `view(id)` gives the whole session. With `employee` (an id
    from the register, sessions/employees.py), only that employee's
    conversations: the id in the file decides, never the name. A file whose
    first lines name someone else is not parsed at all, so one person's
    history costs little more with 2,000 sessions on disk than with 20. With
    `status`, only the sessions in it. The index (index/) answers from its
    rows for every file unchanged since; only the others are read.
    """
    migrate.ensure()
    wanted = index.Wanted(employee, status)
    found, broken = index.scan("*.yaml", _summary if employee is None else _of(employee), wanted)
    if migrate.old_seen:  # schema 1 files that turned up later: they get their employee too
        migrate.ensure(strays=True)
        found, broken = index.scan("*.yaml", _summary, wanted)
    sessions = [session for _, session in found]
    if employee is not None:
        sessions = [s for s in sessions if (s.get("employee") or {}).get("id") == employee]
    sessions.sort(key=lambda s: (s.date, s.updated), reverse=True)
    return Listing(sessions, broken)


def listed(columns: tuple[str, ...]) -> tuple[list[tuple[Any, ...]], list[Problem]]:
    """Every readable session as (file name, *columns), newest first.

    The columns are the index's (index.LISTED_COLUMNS), in its form: dates as
    ISO text; date and updated are added at the end when not asked for (they
    sort). For a listing of thousands: no Record per session. Unreadable
    files are reported, as by `list_sessions`.
    """
    migrate.ensure()
    rows, broken = index.listed("*.yaml", _summary, columns)
    if migrate.old_seen:  # schema 1 files that turned up later: they get their employee too
        migrate.ensure(strays=True)
        rows, broken = index.listed("*.yaml", _summary, columns)
    return rows, broken


def summaries() -> Callable[[str, tuple[int, int, int]], Record]:
    """A session's whole summary by the file name and key a `listed` row gave."""
    fetch = index.summaries(_summary)
    return lambda name, key: Record(fetch(name, key))


# `employee:` and the first line under it, `id: ...`, as save writes every file
_EMPLOYEE_ID = re.compile(rb"\nemployee:[ \t]*\r?\n[ \t]+id:[ \t]*['\"]?([^\s'\"]*)")


def _of(employee: str) -> Callable[[Path], Record | None]:
    """A reader that passes by (None) a file whose first lines name another employee."""
    wanted = employee.encode("utf-8")

    def read(path: Path) -> Record | None:
        try:
            with path.open("rb") as handle:
                head = handle.read(4096)
        except OSError:
            head = b""
        found = _EMPLOYEE_ID.search(head)
        if found is not None and found.group(1) != wanted:
            return None  # someone else's, or not registered yet (null)
        return _summary(path)  # theirs, or an unusual layout: read it and let the id decide

    return read


def last_saved() -> Record | None:
    """The session saved last (a summary), or None; unreadable files are passed by."""
    migrate.ensure()
    found, _ = index.scan("*.yaml", _summary, index.Wanted(newest=True))
    return found[0][1] if found else None


def _newest(unfinished: bool) -> Path:
    migrate.ensure()
    found, broken = index.scan("*.yaml", _summary)
    folder = paths.sessions_dir()
    return listing.newest([(folder / n, s) for n, s in found], broken, unfinished=unfinished)


def resolve(session_id: str | None, *, unfinished: bool = False) -> Session:
    """The given session, or the most recent (unfinished) one, to continue or change."""
    return load(session_id) if session_id else load_path(_newest(unfinished))


def resolve_view(session_id: str | None) -> Record:
    """The given session, or the most recent one, to read."""
    return view(session_id) if session_id else view_path(_newest(unfinished=False))


def delete(session_id: str) -> None:
    """Remove a session and everything beside it: lock, half-written temp files."""
    path = session_path(session_id)
    if not path.exists():
        raise NotFoundError(f"geen gesprek met id '{session_id}'")
    for leftover in path.parent.glob(f".{path.name}.*"):
        leftover.unlink()
    with contextlib.suppress(FileNotFoundError):
        lock_path(session_id).unlink()
    with contextlib.suppress(FileNotFoundError):  # answers not yet folded: personal data too
        journal.journal_path(path).unlink()
    path.unlink()
    index.forget(path)


def sessions_of(employee: str) -> list[Record]:
    """One employee's conversations (by register id) without answers, newest first, for `show`.

    What `list_sessions(employee=...).sessions` gives, with a stat only of this
    employee's files instead of every file in the folder (index.scan_employee).
    """
    migrate.ensure()
    found, _ = index.scan_employee("*.yaml", _of(employee), employee)
    if migrate.old_seen:  # schema 1 files: the listing gives them their employee first
        return list_sessions(employee=employee).sessions
    sessions = [s for _, s in found if (s.get("employee") or {}).get("id") == employee]
    sessions.sort(key=lambda s: (s.date, s.updated), reverse=True)
    return sessions


def newest_view() -> Record:
    """The conversation updated last, to read: `resolve_view(None)` without a Record per file.

    The index gives its newest row that still matches its file (Wanted.newest);
    every file changed since, or new, is read, as in any scan.
    """
    migrate.ensure()
    found, broken = index.scan("*.yaml", _summary, index.Wanted(newest=True))
    folder = paths.sessions_dir()
    return view_path(listing.newest([(folder / n, s) for n, s in found], broken, unfinished=False))
