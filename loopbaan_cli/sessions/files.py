"""Writing a file of the data folder all at once: a temp file beside it, fsynced, renamed over it.

A killed process leaves either the old or the new version, never half a file.
Its own module so the register (employees.py) and the upgrade (migrate.py)
write the way the store does without importing the store; the store's front
door re-exports it (`store.write_atomic`).
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from loopbaan_cli.kernel import paths


def write_atomic(folder: Path, path: Path, text: str | bytes) -> None:
    """Write `text` (UTF-8), or bytes as they are (a pdf), all at once or not at all."""
    import tempfile  # not on a listing's path

    fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    try:
        binary = isinstance(text, bytes)
        with os.fdopen(fd, "wb" if binary else "w", encoding=None if binary else "utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, paths.PRIVATE_FILE)  # mkstemp makes 0600 already; be explicit
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
