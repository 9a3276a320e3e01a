"""The seal on a session file: proof that loopbaan wrote it, in this format, unchanged since.

`store.save` writes a session only after pydantic validated it, and ends the
file with one comment line::

    # loopbaan 0.1.0 schema 1.83688e02a846 sha256:<hash of everything above this line>

A file whose seal matches was valid when it was written and has not been
touched since, so reading it again needs no validation: the export reads it
with the YAML loader alone (see record.py). Any change by hand breaks the
seal, and so does a file written in another format: the seal is keyed to the
format (format.SEAL_KEY: the schema version and a hash of the session model),
not to the version of loopbaan, so a release that leaves the format alone
keeps the fast path for every file. A file whose seal does not hold, an older
key's included, is validated in full with the usual file:line messages, and
gets the current seal when it is next saved. The seal is not a signature: it
guards against mistakes, not against someone who recomputes it on purpose.
"""

from __future__ import annotations

import hashlib
import re

from loopbaan_cli import __version__
from loopbaan_cli.sessions.format import SEAL_KEY

# The version of loopbaan is there for a person reading the file; the key decides.
_LINE = f"# loopbaan {__version__} schema {SEAL_KEY} sha256:"
_SEAL = re.compile(r"# loopbaan \S+ schema (?P<key>\S+) sha256:(?P<digest>[0-9a-f]{64})")


def _digest(body: str) -> str:
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def seal(body: str) -> str:
    """`body` (YAML ending in a newline) with its seal as the last line."""
    return f"{body}{_LINE}{_digest(body)}\n"


def unseal(text: str) -> str | None:
    """The body of a sealed file, or None when the seal is missing, broken or of another format.

    Windows line ends count as the same file: Python writes them there, some
    editors and sync tools make them, and YAML reads both the same.
    """
    if "\r" in text:  # looked for first: replacing in 20,000 files costs more than reading them
        text = text.replace("\r\n", "\n")
    body, _, last = text.rstrip("\n").rpartition("\n")
    found = _SEAL.fullmatch(last)
    if found is None or found["key"] != SEAL_KEY:
        return None
    body += "\n"
    return body if found["digest"] == _digest(body) else None
