"""Session ids and the files they name: a date and a name, like 2026-11-22-an-peeters.

An id is also a file name, so the one pattern below decides both what the
session model accepts and which paths the store will touch: no id can leave
the sessions folder.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path

from loopbaan_cli.kernel import paths
from loopbaan_cli.kernel.errors import NotFoundError
from loopbaan_cli.kernel.shell import command_for

ID_PATTERN = r"^[a-z0-9][a-z0-9-]{0,80}$"
_ID = re.compile(ID_PATTERN)
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


def lock_path(session_id: str) -> Path:
    """The lock beside a session file, there while a process works on it."""
    return session_path(session_id).with_suffix(".lock")


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


def id_candidates(name: str, day: dt.date) -> Iterator[str]:
    """The ids a conversation with `name` on `day` may get, in order: base, -2, -3, ...

    The store reserves the first free one (store.new_id): checking here and
    writing later would let two processes pick the same id.
    """
    base = f"{day.isoformat()}-{slugify(name)}"
    yield base
    for n in itertools.count(2):
        yield f"{base}-{n}"
