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
from typing import TYPE_CHECKING, Any

from loopbaan_cli.banks.types import QUESTION_TYPES
from loopbaan_cli.kernel.errors import ConfigError

if TYPE_CHECKING:
    from loopbaan_cli.kernel.yamlio import Marks

SCHEMA_VERSION = 1
MODEL_HASH = "ec741b6abc9f"


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
    if version > SCHEMA_VERSION:
        raise ConfigError.single(
            name,
            f"dit gesprek werd bewaard door een nieuwere versie van loopbaan (schema {version}, "
            f"deze versie kent {SCHEMA_VERSION}); werk loopbaan bij",
            line,
            col,
        )
