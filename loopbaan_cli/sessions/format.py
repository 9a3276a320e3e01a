"""The format of a session file: its version, its layout, and the key of its seal.

SCHEMA_VERSION counts the format changes: a file of a newer version is
refused with a clear message, never half read. MODEL_HASH fingerprints the
session model (the first digits of a SHA-256 over its JSON schema, the list
of question types left out); tests/test_seal.py recomputes it
(model.model_hash), so a model change cannot ship under an old hash. The
question types come from their registry (banks/types.py) at run time: a new
type changes the key by itself (an older loopbaan refuses an answer of a type
it does not know, with a message; it never misreads one). Together they key
the seal (seal.py): a release that leaves the format alone keeps every seal,
and with it the fast path that reads a file without pydantic.

Free of pydantic itself, because the fast path imports it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from loopbaan_cli.banks.types import QUESTION_TYPES
from loopbaan_cli.kernel.errors import ConfigError

if TYPE_CHECKING:
    from loopbaan_cli.kernel.yamlio import Marks

SCHEMA_VERSION = 2
MODEL_HASH = "ce1b8ad60cfb"


def _v1_to_v2(data: dict[str, Any]) -> dict[str, Any]:
    """Schema 2: the employee is named by the register's id (`employee.id`).

    A schema 1 file has none; the data-folder migration (sessions/migrate.py)
    gives every file its id before it rewrites it. Read on its own (a file
    copied in from an older loopbaan), the id stays empty until that happens.
    """
    employee = data.get("employee")
    if isinstance(employee, dict) and "id" not in employee:
        data = {**data, "employee": {"id": None, **employee}}
    return {**data, "schema_version": 2}


# pipx-style: UPGRADES[n] turns a version n file into version n + 1, before validation.
UPGRADES: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {1: _v1_to_v2}


def upgrade(data: dict[str, Any]) -> dict[str, Any]:
    """A file's data climbed to SCHEMA_VERSION (check_version first: a newer one is refused)."""
    version = data.get("schema_version")
    while isinstance(version, int) and version < SCHEMA_VERSION and version in UPGRADES:
        data = UPGRADES[version](data)
        version = data.get("schema_version")
    return data


def _seal_key() -> str:
    """The schema version, and a hash of the session model with its question types."""
    model = " ".join((MODEL_HASH, *QUESTION_TYPES)).encode("utf-8")
    return f"{SCHEMA_VERSION}.{hashlib.sha256(model).hexdigest()[: len(MODEL_HASH)]}"


SEAL_KEY = _seal_key()

# The parts of a file that hold answers: most of its text, left out of a listing.
RECORD_PARTS = ("preparation", "answers")


def check_version(data: dict[str, Any], marks: Marks, name: str) -> None:
    """A ConfigError unless the file says which version it has and it is not a newer one."""
    version = data.get("schema_version")
    line, col = marks.at(("schema_version",))
    if not isinstance(version, int) or isinstance(version, bool):
        raise ConfigError.single(name, "schema_version ontbreekt of is geen getal", line, col)
    if version < 1:
        raise ConfigError.single(name, f"schema_version {version} bestaat niet", line, col)
    if version > SCHEMA_VERSION:
        raise ConfigError.single(
            name,
            f"dit gesprek werd bewaard door een nieuwere versie van loopbaan (schema {version}, "
            f"deze versie kent {SCHEMA_VERSION}); werk loopbaan bij",
            line,
            col,
        )
