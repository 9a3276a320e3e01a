"""Conversations on disk: one YAML file each, written atomically, locked while open.

A save writes a temp file in the same folder, fsyncs it and renames it over
the old file, so a killed process leaves either the old or the new version,
never half a file. Files are 0600 and folders 0700: these are personal data.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import tempfile
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from loopbaan_cli.kernel import paths, yamlio
from loopbaan_cli.kernel.errors import (
    ConfigError,
    LoopbaanError,
    NotFoundError,
    Problem,
    SessionLockedError,
)
from loopbaan_cli.kernel.record import Record
from loopbaan_cli.kernel.shell import command_for
from loopbaan_cli.sessions.seal import seal, unseal

if TYPE_CHECKING:
    from loopbaan_cli.sessions.model import Session

_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,80}$")
_FULL_ID = re.compile(r"^\d{4}-\d{2}-\d{2}-[a-z0-9-]+$")


def slugify(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
    return slug[:40].strip("-") or "medewerker"


def session_path(session_id: str) -> Path:
    """The file of a session id; an id that could escape the folder is refused."""
    if not _ID.match(session_id):
        raise NotFoundError(
            f"'{session_id}' is geen geldige gespreks-id",
            hint=f"Een id ziet eruit als 2026-11-22-an-peeters; `{command_for('list')}` toont ze.",
        )
    return paths.sessions_dir() / f"{session_id}.yaml"


def is_id(text: str) -> bool:
    """Whether `text` could be an id (it can not leave the sessions folder)."""
    return bool(_ID.match(text))


def looks_like_id(text: str) -> bool:
    """Whether `text` is a whole id: a date and a name, like 2026-11-22-an-peeters."""
    return is_id(text) and bool(_FULL_ID.match(text))


def exists(session_id: str) -> bool:
    """Whether there is a session file with this id (readable or not); reads nothing."""
    return is_id(session_id) and session_path(session_id).is_file()


def ids_starting_with(prefix: str) -> list[str]:
    """The ids of the session files that start with `prefix`, newest first; reads nothing."""
    folder = paths.sessions_dir()
    if not is_id(prefix) or not folder.is_dir():
        return []
    found = (p.stem for p in folder.glob(f"{prefix}*.yaml") if not p.name.startswith("."))
    return sorted(found, reverse=True)


def new_id(name: str, day: dt.date) -> str:
    base = f"{day.isoformat()}-{slugify(name)}"
    folder = paths.sessions_dir()
    candidate, n = base, 1
    while (folder / f"{candidate}.yaml").exists() or (folder / f"{candidate}.lock").exists():
        n += 1
        candidate = f"{base}-{n}"
    return candidate


def save(session: Session) -> Path:
    session.updated = dt.datetime.now().replace(microsecond=0)
    path = session_path(session.id)
    folder = paths.ensure_private_dir(path.parent)
    text = seal(_dump(session))  # validated just now: later reads may skip validation
    write_atomic(folder, path, text)
    return path


# The answers are most of a session file, and a save after an answer changes
# one of them. So the YAML of every answer from the last save is kept, and only
# what changed is dumped again; the text is the same as one big yamlio.dump.
_RECORD_PARTS = ("preparation", "answers")
_last_dump: tuple[str, dict[tuple[str, str], tuple[str, str]]] = ("", {})


def _dump(session: Session) -> str:
    global _last_dump
    data = session.model_dump(mode="python", exclude_defaults=False)
    cached = _last_dump[1] if _last_dump[0] == session.id else {}
    fresh: dict[tuple[str, str], tuple[str, str]] = {}
    chunks: list[str] = []
    plain: dict[str, Any] = {}
    for name, value in data.items():
        if name not in _RECORD_PARTS or not value:
            plain[name] = value
            continue
        if plain:
            chunks.append(yamlio.dump(plain))
            plain = {}
        chunks.append(f"{name}:\n")
        for key, record in value.items():
            fingerprint = repr((key, record))  # repr tells True, 1 and 1.0 apart
            known = cached.get((name, key))
            if known is None or known[0] != fingerprint:
                # "answers:\n  <key>:\n    question: ..." without its first line
                known = (fingerprint, yamlio.dump({name: {key: record}}).split("\n", 1)[1])
            fresh[(name, key)] = known
            chunks.append(known[1])
    if plain:
        chunks.append(yamlio.dump(plain))
    _last_dump = (session.id, fresh)
    return "".join(chunks)


def write_atomic(folder: Path, path: Path, text: str) -> None:
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, paths.PRIVATE_FILE)  # mkstemp makes 0600 already; be explicit
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def load_path(path: Path) -> Session:
    from pydantic import ValidationError

    from loopbaan_cli.sessions.model import SCHEMA_VERSION, Session

    name = str(path)
    data, marks = yamlio.load_file(path)
    if not isinstance(data, dict):
        raise ConfigError.single(
            name, "dit is geen gespreksbestand (verwacht sleutel: waarde)", 1, 1
        )
    version = data.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool):
        line, col = marks.at(("schema_version",))
        raise ConfigError.single(name, "schema_version ontbreekt of is geen getal", line, col)
    if version > SCHEMA_VERSION:
        line, col = marks.at(("schema_version",))
        raise ConfigError.single(
            name,
            f"dit gesprek werd bewaard door een nieuwere versie van loopbaan (schema {version}, "
            f"deze versie kent {SCHEMA_VERSION}); werk loopbaan bij",
            line,
            col,
        )
    try:
        return Session.model_validate(data)
    except ValidationError as exc:
        raise ConfigError(yamlio.validation_problems(exc, Session, marks, name)) from None


def load(session_id: str) -> Session:
    """The whole session, validated, to continue or change it."""
    return load_path(_existing(session_id))


def _existing(session_id: str) -> Path:
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
    body = unseal(yamlio.read_text(path))
    if body is not None and summary:
        body = _without_answers(body)  # None for an unusual layout: validate instead
    if body is not None:
        with contextlib.suppress(yaml.YAMLError, ValueError):  # only with a forged seal
            data = yaml.load(body, Loader=yamlio.Loader)
            if isinstance(data, dict):
                return Record(data)
    session = _load_summary(path) if summary else load_path(path)
    return Record(session.model_dump())


@dataclass(frozen=True)
class Listing:
    sessions: list[Record]  # without answers and preparation
    broken: list[Problem]


def list_sessions(*, employee: str | None = None) -> Listing:
    """Every readable session without its answers, newest first; unreadable files are reported.

    Answers and preparation are most of a file, so leaving them out keeps a
    listing of thousands quick; `load(id)` or `view(id)` gives the whole session.

    With `employee`, only the files whose id carries that name are read (an id
    is the date and the name's slug), so one person's history costs the same
    with 20 sessions on disk as with 2,000. The caller still checks the name.
    """
    pattern = f"*-{slugify(employee)}*.yaml" if employee else "*.yaml"
    found, broken = _scan(pattern)
    sessions = [session for _, session in found]
    sessions.sort(key=lambda s: (s.date, s.updated), reverse=True)
    return Listing(sessions, broken)


def _scan(pattern: str = "*.yaml") -> tuple[list[tuple[Path, Record]], list[Problem]]:
    folder = paths.sessions_dir()
    found: list[tuple[Path, Record]] = []
    broken: list[Problem] = []
    if folder.is_dir():
        for path in folder.glob(pattern):
            if path.name.startswith("."):
                continue
            try:
                found.append((path, view_path(path, summary=True)))
            except ConfigError as exc:
                broken.extend(exc.problems[:1])
    return found, broken


_TOP_LEVEL_KEY = re.compile(r"([A-Za-z_][A-Za-z0-9_]*):(?:[ \t]|$)")


def _without_answers(text: str) -> str | None:
    """The file with `preparation:` and `answers:` emptied; None when its layout is unusual."""
    out: list[str] = []
    skipping = False
    for line in text.split("\n"):
        if line[:1] in ("", " ", "\t", "\r", "#") or line.startswith("- "):
            if not skipping:
                out.append(line)
            continue
        match = _TOP_LEVEL_KEY.match(line)
        if match is None:
            return None  # a document marker, a quoted key, ...: read it all
        skipping = match.group(1) in _RECORD_PARTS
        out.append(f"{match.group(1)}: {{}}" if skipping else line)
    return "\n".join(out)


def _load_summary(path: Path) -> Session:
    """The session without its answers, validated; anything unusual gets the full load and its errors."""
    from pydantic import ValidationError

    from loopbaan_cli.sessions.model import SCHEMA_VERSION, Session

    try:
        short = _without_answers(yamlio.read_text(path))
        if short is not None:
            data, _ = yamlio.load(short, str(path))
            version = data.get("schema_version") if isinstance(data, dict) else None
            if type(version) is int and version == SCHEMA_VERSION:
                return Session.model_validate(data)
    except (ConfigError, ValidationError):
        pass
    return load_path(path).model_copy(update={"answers": {}, "preparation": {}})


def _newest(unfinished: bool) -> Path:
    found, broken = _scan()
    candidates = [(p, s) for p, s in found if not unfinished or s.status != "completed"]
    if not candidates:
        what = "onafgewerkt gesprek" if unfinished else "gesprek"
        if broken:  # "no conversation yet" would be wrong: there are files, unreadable ones
            raise NotFoundError(
                f"geen leesbaar {what} gevonden; niet te lezen: {broken[0]}",
                hint=f"`{command_for('list')}` toont alle bestanden die niet te lezen zijn.",
            )
        raise NotFoundError(
            f"er is nog geen {what}", hint=f"Begin er een met `{command_for('start')}`."
        )
    path, _ = max(candidates, key=lambda found: (found[1].updated, found[1].date))
    return path


def resolve(session_id: str | None, *, unfinished: bool = False) -> Session:
    """The given session, or the most recent (unfinished) one, to continue or change."""
    return load(session_id) if session_id else load_path(_newest(unfinished))


def resolve_view(session_id: str | None) -> Record:
    """The given session, or the most recent one, to read."""
    return view(session_id) if session_id else view_path(_newest(unfinished=False))


# --- locks ------------------------------------------------------------------


def _lock_path(session_id: str) -> Path:
    return session_path(session_id).with_suffix(".lock")


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@contextlib.contextmanager
def locked(session_id: str, on_stale: object = None) -> Iterator[bool]:
    """Hold the session's lock; yields True when a stale lock was taken over."""
    import socket  # only here: listing and exporting need no network module

    lock = _lock_path(session_id)
    paths.ensure_private_dir(lock.parent)
    stale = False
    me = f"{os.getpid()} {socket.gethostname()}\n"
    for _ in range(2):
        try:
            fd = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY, paths.PRIVATE_FILE)
        except FileExistsError:
            owner = _read_owner(lock)
            if owner and owner[1] == socket.gethostname() and _pid_alive(owner[0]):
                raise SessionLockedError(
                    f"gesprek '{session_id}' is al open in een ander venster (proces {owner[0]})",
                    hint="Werk daar verder, of sluit dat venster eerst.",
                ) from None
            # Left behind by a process that was killed: take it over.
            with contextlib.suppress(FileNotFoundError):
                lock.unlink()
            stale = True
            continue
        with os.fdopen(fd, "w") as handle:
            handle.write(me)
        break
    else:
        raise LoopbaanError(f"kan gesprek '{session_id}' niet vergrendelen")
    try:
        yield stale
    finally:
        with contextlib.suppress(FileNotFoundError):
            lock.unlink()


def _read_owner(lock: Path) -> tuple[int, str] | None:
    try:
        pid_text, _, host = lock.read_text().strip().partition(" ")
        return int(pid_text), host
    except (OSError, ValueError):
        return None


def delete(session_id: str) -> None:
    """Remove a session and everything beside it: lock, half-written temp files."""
    path = session_path(session_id)
    if not path.exists():
        raise NotFoundError(f"geen gesprek met id '{session_id}'")
    for leftover in path.parent.glob(f".{path.name}.*"):
        leftover.unlink()
    with contextlib.suppress(FileNotFoundError):
        _lock_path(session_id).unlink()
    path.unlink()
