"""The one-time upgrade of a data folder to the employee register (schema 1 -> 2).

Before the register, a person was the ASCII slug of their name, so 李明 and
王芳 were both "medewerker". The first command that reads the sessions of a
folder without a register (`ensure`) does, under a folder lock:

1. copy `sessions/` to `sessions.backup-v1/` (via a temporary name, so a
   half copy is never taken for a backup);
2. give every employee an id: conversations whose names are equal after NFC,
   casefold and spaces (employees.name_key) share one; nothing else is merged;
3. rewrite each schema 1 file as schema 2 (atomically, sealed);
4. write the register; 5. remove the backup.

Interrupted before 4, the next run puts the backup back and starts again;
interrupted after 4, only the backup is left to remove. A file that can not
be read is left exactly as it is (the listing keeps reporting it). Names the
old rule merged but this rule does not (Chloé/Chloe Dubois, 李明/王芳) are
kept apart and reported (`pending`): the cli prints them once, in Dutch.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from loopbaan_cli.kernel import paths, yamlio
from loopbaan_cli.kernel.errors import ConfigError, LoopbaanError, reason
from loopbaan_cli.sessions import employees
from loopbaan_cli.sessions.format import upgrade
from loopbaan_cli.sessions.ids import slugify

BACKUP = "sessions.backup-v1"
UNKNOWN_NAME = "?"  # a conversation stopped before the name was given (conversation/meta.py)


@dataclass(frozen=True)
class Collision:
    """Employees the old slug rule took for one person, now kept apart."""

    slug: str
    people: list[tuple[str, str, list[str]]]  # (employee id, name, conversation ids)


# Collisions found by an upgrade in this process, for the cli to report once.
pending: list[Collision] = []


def _backup() -> Path:
    return paths.home() / BACKUP


# Schema 1 files met while reading a folder that has a register (copied in from an
# older loopbaan, a backup put back): the store hands them to `ensure(strays)`.
old_seen: set[Path] = set()


def needed() -> bool:
    """Cheap: whether this folder still has to be upgraded (or an upgrade was interrupted).

    With a register, nothing is read: a schema 1 file that turns up later is
    met by the store when it reads it (`old_seen`).
    """
    if _backup().is_dir():
        return True
    if employees.register_path().exists():
        return False
    folder = paths.sessions_dir()
    # schema 1 files, or schema 2 files whose register is gone (deleted, lost in a
    # sync): their people are put back under their own ids, never given new ones
    return folder.is_dir() and any(_is_v1(p) or _is_v2(p) for p in folder.glob("*.yaml"))


def _is_v1(path: Path) -> bool:
    return _starts(path, b"schema_version: 1\n")


def _is_v2(path: Path) -> bool:
    return _starts(path, b"schema_version: 2\n")


def _starts(path: Path, start: bytes) -> bool:
    if path.name.startswith(".") or not path.is_file():
        return False  # a pipe named x.yaml would make every command wait on it
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as handle:
            return handle.read(64).lstrip().startswith(start)
    except OSError:
        return False


def ensure(strays: bool = False) -> None:
    """Upgrade the data folder when it needs it; a read-only folder gets a clear message.

    `strays`: also the schema 1 files the store met since (`old_seen`).
    """
    if not needed() and not (strays and old_seen):
        return
    try:
        # another window may be upgrading: wait for it (a minute), then find it done
        with employees.waiting_for(
            paths.home() / "migration.lock", "de omzetting van de gegevensmap", 60.0
        ):
            if needed():  # another window may have done it while we waited
                pending.extend(_upgrade())
            elif strays and old_seen:
                pending.extend(_upgrade(backup=False))
            old_seen.clear()
    except OSError as exc:
        raise LoopbaanError(
            "de gegevensmap moet eenmalig omgezet worden naar het medewerkersregister, "
            f"maar loopbaan kan er niet schrijven ({reason(exc)}); er is niets veranderd",
            hint="Geef schrijfrechten op de map, of kies er een met --home of $LOOPBAAN_HOME.",
        ) from None


def _upgrade(*, backup: bool = True) -> list[Collision]:
    """The whole folder (with a backup first); without `backup`, the few strays, one by one.

    Names go to the employee in the register with that very name when there
    is exactly one; otherwise to a new employee.
    """
    folder, copy = paths.sessions_dir(), _backup()
    if backup:
        if copy.is_dir():
            if employees.register_path().exists():  # only step 5 was left
                shutil.rmtree(copy)
                return []
            _restore(copy, folder)  # and the copy stays the copy of the originals
        else:
            _make_backup(folder, copy)
    register = employees.read()
    _adopt_orphans(folder, register)
    found = _readable(folder)
    ids: dict[str, str] = {}  # name_key -> employee id
    # newest first, so the register keeps the newest role and facts
    for _, data in sorted(found, key=lambda one: str(one[1].get("date")), reverse=True):
        employee = data["employee"]
        name = str(employee.get("name") or "").strip()
        if not name or name == UNKNOWN_NAME or employee.get("id"):
            continue
        # a fact the register could not read back (a hand-edited retirement year
        # of 3) is left out of it: one odd file must not stop the whole upgrade
        start, year = employee.get("service_start"), employee.get("retirement_year")
        start = None if employees.service_start_problem(start) else start
        year = None if employees.retirement_year_problem(year) else year
        key = employees.name_key(name)
        known = register.named(name)
        if key not in ids and len(known) == 1:
            ids[key] = known[0].id
        elif key not in ids:
            ids[key] = register.add(
                name,
                str(employee.get("role") or ""),
                start,
                year,
            ).id
        else:  # an older conversation knows what the newer one left empty
            entry = register.require(ids[key])
            register.update(
                entry.id,
                service_start=entry.service_start or start,
                retirement_year=entry.retirement_year or year,
            )
        employee["id"] = ids[key]
    for path, data in found:
        _rewrite(path, data)
    employees.write(register)
    if backup:
        shutil.rmtree(copy)
    return _collisions(found)


def _adopt_orphans(folder: Path, register: employees.Register) -> None:
    """Schema 2 files naming an id the register lacks: that id back in it, with the
    newest name and facts (else the next start would make the person a second id,
    and `delete --employee` would leave these conversations behind)."""
    import datetime as dt

    orphans: dict[str, tuple[str, dict[str, Any]]] = {}  # id -> (date, employee)
    for path in sorted(folder.glob("*.yaml")):
        if not _is_v2(path) or not path.is_file():
            continue
        with contextlib.suppress(ConfigError):
            data, _ = yamlio.load_file(path)
            employee = data.get("employee") if isinstance(data, dict) else None
            if not isinstance(employee, dict):
                continue
            found, name = employee.get("id"), str(employee.get("name") or "").strip()
            if not isinstance(found, str) or not employees.is_employee_id(found) or not name:
                continue
            if found in register.entries or name == UNKNOWN_NAME:
                continue
            day = str(data.get("date"))
            if found not in orphans or day > orphans[found][0]:
                orphans[found] = (day, employee)
    for found, (_, employee) in sorted(orphans.items()):
        start, year = employee.get("service_start"), employee.get("retirement_year")
        register.entries[found] = employees.Entry(
            found,
            " ".join(str(employee["name"]).split()),
            str(employee.get("role") or "").strip(),
            None if employees.service_start_problem(start) else start,
            None if employees.retirement_year_problem(year) else year,
            dt.datetime.now().replace(microsecond=0),
        )


def _make_backup(folder: Path, backup: Path) -> None:
    half = backup.with_name(backup.name + ".tmp")
    if half.exists():
        shutil.rmtree(half)  # a copy that never finished: the originals are untouched
    shutil.copytree(folder, half, symlinks=True, ignore=_not_copied)
    os.replace(half, backup)


def _not_copied(folder: str, names: list[str]) -> set[str]:
    """Pipes, sockets and devices in sessions/: no conversation, and copying one fails or waits."""
    skipped = set()
    for name in names:
        with contextlib.suppress(OSError):
            mode = os.lstat(os.path.join(folder, name)).st_mode
            if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode) or stat.S_ISLNK(mode)):
                skipped.add(name)
    return skipped


def _restore(backup: Path, folder: Path) -> None:
    """An upgrade stopped half-way: every file back as it was before it."""
    from loopbaan_cli.sessions.files import write_atomic

    for saved in backup.iterdir():
        if saved.is_file() and not saved.is_symlink():
            write_atomic(folder, folder / saved.name, saved.read_bytes())


def _readable(folder: Path) -> list[tuple[Path, dict[str, Any]]]:
    """The schema 1 session files that read as a session, with their data climbed to schema 2."""
    found = []
    for path in sorted(folder.glob("*.yaml")):
        if path.name.startswith(".") or not path.is_file():
            continue
        with contextlib.suppress(ConfigError):
            data, _ = yamlio.load_file(path)
            if (
                isinstance(data, dict)
                and data.get("schema_version") == 1
                and isinstance(data.get("employee"), dict)
            ):
                found.append((path, upgrade(data)))
    return found


def _rewrite(path: Path, data: dict[str, Any]) -> None:
    """The file as schema 2, sealed like a save; one that does not validate stays as it was."""
    from pydantic import ValidationError

    from loopbaan_cli.sessions.dump import Dump
    from loopbaan_cli.sessions.files import write_atomic
    from loopbaan_cli.sessions.model import Session
    from loopbaan_cli.sessions.seal import seal

    try:
        session = Session.model_validate(data)
    except ValidationError:
        return  # unreadable before and after: the listing reports it as it did
    write_atomic(path.parent, path, seal(Dump()(session)))


def _collisions(found: list[tuple[Path, dict[str, Any]]]) -> list[Collision]:
    """Groups of employees the old rule (the slug of the name) took for one person."""
    by_slug: dict[str, dict[str, tuple[str, list[str]]]] = {}
    for path, data in found:
        employee = data["employee"]
        if not employee.get("id"):
            continue
        people = by_slug.setdefault(slugify(str(employee["name"])), {})
        _, conversations = people.setdefault(employee["id"], (str(employee["name"]), []))
        conversations.append(path.stem)
    return [
        Collision(slug, [(i, name, sorted(c)) for i, (name, c) in sorted(people.items())])
        for slug, people in sorted(by_slug.items())
        if len(people) > 1
    ]
