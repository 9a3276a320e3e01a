"""`--format docx`: every kind as a Word document the owner can still edit.

Made with python-docx from the same context as the templates (context.py), so
it says what the md, txt, html and pdf documents say: real headings, the
agreements as a table, the signature blocks as boxes to fill in.

What each kind holds is one writer (the kind's template stem -> the function
that writes its body): docx_agreement.py has the agreement, docx_sheets.py
the card, the invitation and the preparation sheet, docx_followup.py the
follow-up document, docx_blocks.py the page
and the building blocks. python-docx is an optional extra
(`pip install 'loopbaan[docx]'`).
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from loopbaan_cli.documents import docx_agreement, docx_followup, docx_sheets
from loopbaan_cli.documents.docx_blocks import Writer, new_document
from loopbaan_cli.documents.filters import printable_data
from loopbaan_cli.kernel.errors import LoopbaanError

if TYPE_CHECKING:
    from loopbaan_cli.documents.kinds import Request


def make_docx(request: Request) -> bytes:
    """The Word document of `request`'s kind, as bytes."""
    writer = writers().get(request.kind.stem)
    if writer is None:
        raise LoopbaanError(f"Voor '{request.kind.name}' bestaat nog geen Word-document.")
    # printable, as every template's {{ }}: no control character or bidi override
    # reaches Word (which refuses some of them outright)
    context = printable_data(request.context())
    stem = request.kind.stem
    doc = new_document(context, card=stem == "card", initials=stem == "agreement")
    writer(doc, context)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def writers() -> dict[str, Writer]:
    """Every kind's writer: its template stem -> the function that writes its body."""
    return {**docx_agreement.WRITERS, **docx_sheets.WRITERS, **docx_followup.WRITERS}
