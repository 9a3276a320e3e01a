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
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from loopbaan_cli.kernel import paths, yamlio
from loopbaan_cli.kernel.errors import ConfigError, NotFoundError
from loopbaan_cli.kernel.record import Record
from loopbaan_cli.kernel.shell import command_for
from loopbaan_cli.kernel.yaml_messages import validation_problems
from loopbaan_cli.sessions import index, journal, listing, migrate
from loopbaan_cli.sessions.dump import Dump
from loopbaan_cli.sessions.files import write_atomic
from loopbaan_cli.sessions.format import RECORD_PARTS, SCHEMA_VERSION, check_version, upgrade
from loopbaan_cli.sessions.ids import (
    exists,
    ids_starting_with,
    is_id,
    lock_path,
    looks_like_id,
    new_id,
    session_path,
    slugify,
)
from loopbaan_cli.sessions.listing import Listing
from loopbaan_cli.sessions.locks import locked
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


# Sessions held in this process under their lock: a save appends to the journal.
_journals: dict[str, journal.Journal] = {}


def save(session: Session) -> Path:
    session.updated = dt.datetime.now().replace(microsecond=0)
    path = session_path(session.id)
    held = _journals.get(session.id)
    if held is not None and held.append(session):
        return path
    folder = paths.ensure_private_dir(path.parent)
    text = seal(_dump(session))  # validated just now: later reads may skip validation
    write_atomic(folder, path, text)
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


def load_path(path: Path) -> Session:
    from pydantic import ValidationError

    from loopbaan_cli.sessions.model import Session

    name = str(path)
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


def view_path(path: Path, *, summary: bool = False) -> Record:
    """The session in `path`; with `summary`, without its answers and preparation."""
    if journal.journal_path(path).exists():  # answers saved since the file: validate both
        data = load_path(path).model_dump()
        return Record({**data, **{part: {} for part in RECORD_PARTS}} if summary else data)
    body = unseal(yamlio.read_text(path))
    if body is not None and summary:
        body = listing.without_answers(body)  # None for an unusual layout: validate instead
    if body is not None:
        with contextlib.suppress(yaml.YAMLError, ValueError):  # only with a forged seal
            data = yaml.load(body, Loader=yamlio.Loader)
            if isinstance(data, dict):
                return Record(data)
    session = _load_summary(path) if summary else load_path(path)
    return Record(session.model_dump())


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
    `status`, only the sessions in it. The index (index.py) answers from its
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
