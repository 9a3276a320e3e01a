"""The page and the building blocks of the Word documents (docx.py, docx_*.py).

A page of A4 (the card A6) in Dutch (Belgium), so Word hyphenates and checks
the spelling in Dutch; the organisation at the top of every page and the
employee's name, the date and "blad X van Y" (Word fields) at the bottom; on
the agreement a place for initials (on every page: see _footer). python-docx is
imported inside the functions: it is an optional extra.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from loopbaan_cli.documents.filters import date_words
from loopbaan_cli.documents.plain import AGREEMENT, is_plain
from loopbaan_cli.kernel.errors import LoopbaanError
from loopbaan_cli.kernel.shell import install_extra

if TYPE_CHECKING:
    from docx.document import Document
    from docx.table import Table
    from docx.text.paragraph import Paragraph

ACCENT = (0x1D, 0x4F, 0x73)
MUTED = (0x5D, 0x68, 0x70)
# page size and margins in mm: (width, height, top/bottom, left/right)
A4 = (210, 297, 20, 19)
A6 = (105, 148, 10, 9)
NOTHING = "—"
# the logo types Word shows (not svg or webp)
WORD_IMAGES = (".png", ".jpg", ".gif")

Writer = Callable[["Document", dict[str, Any]], None]


def _docx() -> Any:
    try:
        import docx
    except ImportError:
        raise LoopbaanError(
            "docx heeft een extra pakket nodig: python-docx",
            hint=f"Installeer het met: {install_extra('docx')}. Of kies --format md en open dat in Word.",
        ) from None
    return docx


# --- the document, its pages and small building blocks -----------------------------


def new_document(
    context: dict[str, Any], *, card: bool = False, initials: bool = False
) -> Document:
    """An empty document: page size, Dutch, the header and footer of every page."""
    docx = _docx()
    from docx.shared import Mm, Pt

    doc: Document = docx.Document()
    width, height, vertical, horizontal = A6 if card else A4
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(width), Mm(height)
    section.top_margin = section.bottom_margin = Mm(vertical)
    section.left_margin = section.right_margin = Mm(horizontal)
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(8.5 if card else 10.5)
    section.header_distance = section.footer_distance = Mm(4 if card else 10)
    if card:
        for style, size in (("Heading 1", 14), ("Heading 2", 10.5)):
            doc.styles[style].font.size = Pt(size)
    _dutch(doc)
    _fixed_properties(doc, context)
    _header(section, context)
    _footer(section, context, initials=initials)
    return doc


def _dutch(doc: Document) -> None:
    """Dutch (Belgium) for every run, and automatic hyphenation."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    defaults = doc.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr")) if defaults is not None else None
    if rpr is not None:
        lang = rpr.find(qn("w:lang"))
        if lang is None:
            lang = OxmlElement("w:lang")
            rpr.append(lang)
        lang.set(qn("w:val"), "nl-BE")
    hyphenate = OxmlElement("w:autoHyphenation")
    doc.settings.element.append(hyphenate)


def _fixed_properties(doc: Document, context: dict[str, Any]) -> None:
    """The same document properties on every computer, dated the day it was made."""
    made = dt.datetime.combine(context["generated"], dt.time())
    props = doc.core_properties
    props.title = (
        AGREEMENT.pick(is_plain(context))["kicker"] + " – " + str(context["employee"].name)
    )
    props.author = props.last_modified_by = str(context["interviewer"].name) or "loopbaan"
    props.created = props.modified = made
    props.revision = 1
    props.language = "nl-BE"


def _header(section: Any, context: dict[str, Any]) -> None:
    from docx.shared import Mm

    from loopbaan_cli.documents.pdf import logo_image  # the same data: URI, decoded

    organisation = context.get("organisation") or {}
    para = section.header.paragraphs[0]
    logo = logo_image(context)
    if logo is not None and logo[0] in WORD_IMAGES:
        try:
            para.add_run().add_picture(io.BytesIO(logo[1]), height=Mm(8))
            para.add_run("   ")
        except Exception:  # python-docx raises several kinds for an image it cannot read
            raise LoopbaanError(
                "het logo (organisation.logo in config.yaml) is geen afbeelding die Word kan tonen",
                hint="Gebruik een geldig png- of jpg-bestand.",
            ) from None
    name = str(organisation.get("name") or "")
    if name:
        run(para, name, bold=True, size=8)
    address = str(organisation.get("address") or "").replace("\n", ", ")
    if address:
        run(para, ("  ·  " if name else "") + address, size=8, color=MUTED)
    running = AGREEMENT.pick(is_plain(context))["running"]
    run(para, ("  ·  " if name or address else "") + running, size=8, color=MUTED)


def _footer(section: Any, context: dict[str, Any], *, initials: bool) -> None:
    para = section.footer.paragraphs[0]
    who = f"{context['employee'].name} · {date_words(context['date'])}"
    run(para, who + "    ", size=8, color=MUTED)
    if initials:
        # On every page, also the last: Word could leave it off there with an IF
        # field, but LibreOffice and Google Docs show such a field as "12".
        run(para, "Paraaf medewerker ........  leidinggevende ........    ", size=8, color=MUTED)
    run(para, "blad ", size=8, color=MUTED)
    field(para, "PAGE", "1")
    run(para, " van ", size=8, color=MUTED)
    field(para, "NUMPAGES", "1")


def field(para: Paragraph, code: str, shown: str) -> None:
    """A Word field (PAGE, NUMPAGES) with `shown` until Word updates it."""
    _fld(para, "begin")
    _instr(para, f" {code} ")
    _fld(para, "separate")
    run(para, shown, size=8, color=MUTED)
    _fld(para, "end")


def _fld(para: Paragraph, kind: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), kind)
    para.add_run()._r.append(char)


def _instr(para: Paragraph, code: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = code
    para.add_run()._r.append(instr)


def run(
    para: Paragraph,
    text: str,
    *,
    bold: bool = False,
    italic: bool = False,
    size: float | None = None,
    color: tuple[int, int, int] | None = None,
) -> Any:
    """Add `text` to `para`; a line break in it stays a line break."""
    from docx.shared import Pt, RGBColor

    piece = para.add_run(str(text))
    piece.bold, piece.italic = bold or None, italic or None
    if size is not None:
        piece.font.size = Pt(size)
    if color is not None:
        piece.font.color.rgb = RGBColor(*color)
    return piece


def heading(doc: Document, text: str, level: int = 1) -> Paragraph:
    from docx.shared import RGBColor

    para: Paragraph = doc.add_heading(text, level=level)
    for piece in para.runs:
        piece.font.color.rgb = RGBColor(*ACCENT)
    return para


def kicker(doc: Document, text: str) -> Paragraph:
    para = doc.add_paragraph()
    run(para, text.upper(), size=8, color=MUTED)
    return para


def note(doc: Document, text: str) -> Paragraph:
    """A muted, italic line: 'nothing planned yet' and the like."""
    para = doc.add_paragraph()
    run(para, text, italic=True, color=MUTED)
    return para


def facts(doc: Document, rows: list[tuple[str, str]]) -> Table:
    """Label and value, one per row, as a table without lines."""

    table: Table = doc.add_table(rows=0, cols=2)
    for label, value in rows:
        cells = table.add_row().cells  # type: ignore[no-untyped-call]
        run(cells[0].paragraphs[0], label, bold=True, color=MUTED)
        run(cells[1].paragraphs[0], value)
    widths(table, [48, 124])
    return table


def widths(table: Table, millimetres: list[float]) -> None:
    """Fixed column widths, which Word and LibreOffice both keep."""
    from docx.shared import Mm

    table.autofit = False
    for column, width in zip(table.columns, millimetres, strict=True):
        column.width = Mm(width)
        for cell in column.cells:
            cell.width = Mm(width)


def grid(doc: Document, head: list[str], rows: list[list[str]], sizes: list[float]) -> Table:
    """A table with a header row that repeats on every page; `sizes` in mm."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    table: Table = doc.add_table(rows=1, cols=len(head))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, head, strict=True):
        run(cell.paragraphs[0], text, bold=True, size=9)
    repeat = OxmlElement("w:tblHeader")
    table.rows[0]._tr.get_or_add_trPr().append(repeat)
    repeat.set(qn("w:val"), "true")
    for values in rows:
        for cell, text in zip(table.add_row().cells, values, strict=True):  # type: ignore[no-untyped-call]
            run(cell.paragraphs[0], text, size=9)
    widths(table, sizes)
    return table


def person(who: Any) -> str:
    return f"{who.name}, {who.role}" if who.role else str(who.name)
