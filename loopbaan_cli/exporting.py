"""`loopbaan export`: render a session and send it to stdout or a file."""

from __future__ import annotations

import os
from pathlib import Path

from loopbaan_cli import paths, store
from loopbaan_cli.errors import LoopbaanError


def export(
    session_id: str | None,
    kind: str,
    fmt: str,
    output: Path | None,
    force: bool,
    template: Path | None = None,
) -> tuple[str, Path | None]:
    """The rendered text, and the file it was written to (None: for stdout)."""
    from loopbaan_cli.render import render

    session = store.resolve(session_id)
    text = render(session, kind, fmt, template=template)
    if output is None or str(output) == "-":
        return text, None
    if output.exists() and not force:
        raise LoopbaanError(
            f"{output} bestaat al",
            hint="Kies een andere naam, of gebruik --force om het te overschrijven.",
        )
    if output.is_dir():
        raise LoopbaanError(f"{output} is een map; geef een bestandsnaam op")
    folder = output.parent if str(output.parent) else Path(".")
    if not folder.is_dir():
        raise LoopbaanError(f"de map {folder} bestaat niet")
    store.write_atomic(folder, output, text)
    os.chmod(output, paths.PRIVATE_FILE)  # an agreement is personal data too
    return text, output
