"""The seal on a session file: proof that this loopbaan wrote it, unchanged since.

`store.save` writes a session only after pydantic validated it, and ends the
file with one comment line::

    # loopbaan 0.1.0 sha256:<hash of everything above this line>

A file whose seal matches was valid when it was written and has not been
touched since, so reading it again needs no validation: the export reads it
with the YAML loader alone (see record.py). Any change by hand, or a file from
another version of loopbaan, breaks the seal, and the file is validated in
full with the usual file:line messages. The seal is not a signature: it guards
against mistakes, not against someone who recomputes it on purpose.
"""

from __future__ import annotations

import hashlib

from loopbaan_cli import __version__

_PREFIX = f"# loopbaan {__version__} sha256:"


def _digest(body: str) -> str:
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def seal(body: str) -> str:
    """`body` (YAML ending in a newline) with its seal as the last line."""
    return f"{body}{_PREFIX}{_digest(body)}\n"


def unseal(text: str) -> str | None:
    """The body of a sealed file, or None when the seal is missing, broken or not ours.

    Windows line ends count as the same file: Python writes them there, some
    editors and sync tools make them, and YAML reads both the same.
    """
    body, _, last = text.replace("\r\n", "\n").rstrip("\n").rpartition("\n")
    if not last.startswith(_PREFIX):
        return None
    body += "\n"
    return body if last[len(_PREFIX) :] == _digest(body) else None
