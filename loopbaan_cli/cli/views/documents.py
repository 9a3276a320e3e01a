"""`loopbaan export`: the document on the screen, or where it was written."""

from __future__ import annotations

from typing import TYPE_CHECKING

from loopbaan_cli.kernel import console

if TYPE_CHECKING:
    from loopbaan_cli.app.export import ExportResult


def exported(result: ExportResult) -> None:
    if result.path is None:
        if isinstance(result.text, bytes):  # a pdf or docx into a pipe (app/export.py)
            console.out_bytes(result.text)
        else:
            console.data(result.text)
        return
    console.out(f"Geschreven: {result.path}")
    if result.open_problem:
        console.warn(result.open_problem)
