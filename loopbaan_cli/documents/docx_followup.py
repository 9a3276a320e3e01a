"""The follow-up document in Word: the latest check-in, for the employee.

The same parts as templates/followup.*.j2: how each agreement stands, what
was done, what changes and the next moment; the building blocks come from
docx_blocks.py. No life phase, no purposes, no private notes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from loopbaan_cli.documents.docx_blocks import MUTED, Writer, facts, heading, kicker, note, run
from loopbaan_cli.documents.filters import date_words
from loopbaan_cli.documents.plain import FOLLOWUP, is_plain, plain_privacy

if TYPE_CHECKING:
    from docx.document import Document


def followup(doc: Document, c: dict[str, Any]) -> None:
    """How the agreements stand after the latest check-in."""
    kicker(doc, "Loopbaangesprek")
    heading(doc, "Opvolging van onze afspraken", 0)
    checkin = c["checkin"]
    rows = [
        ("Medewerker", str(c["employee"].name)),
        ("Leidinggevende", str(c["interviewer"].name)),
        ("Loopbaangesprek van", date_words(c["date"])),
    ]
    if checkin:
        rows.append(("Opvolging van", date_words(checkin["date"], weekday=True)))
    facts(doc, rows)
    if checkin:
        _progress(doc, checkin)
        _done(doc, checkin)
        _changes(doc, checkin)
        _next(doc, c, checkin)
    else:
        note(doc, "Er is nog geen opvolging afgerond. Die hou je met loopbaan followup.")
    para = doc.add_paragraph()
    privacy = c.get("privacy") or {}
    plain = is_plain(c)
    kept = plain_privacy(privacy) if plain else str(privacy.get("text") or "")
    made = FOLLOWUP["made"] if plain else "Opgemaakt op"
    run(para, f"{kept} {made} {date_words(c['generated'])}.", size=8, color=MUTED)


def _progress(doc: Document, checkin: dict[str, Any]) -> None:
    heading(doc, "Hoe elke afspraak loopt", 2)
    for a in checkin["agreements"]:
        para = doc.add_paragraph(style="List Number")
        run(para, a["what"], bold=True)
        due = f" · tegen {date_words(a['due'])}" if a["due"] else ""
        run(para, f"\n{a['owner'] or 'samen'}{due}", size=9, color=MUTED)
        status = (
            "Nieuw, bij deze opvolging afgesproken" if a["new"] else a["status_label"].capitalize()
        )
        run(para, f"\n{status}", bold=True)
        if a["remark"]:
            run(para, f": {a['remark']}")
    if not checkin["agreements"]:
        note(doc, "Er waren geen afspraken.")


def _done(doc: Document, checkin: dict[str, Any]) -> None:
    heading(doc, "Wat gedaan is", 2)
    for a in checkin["done"]:
        text = a["what"] + (f": {a['remark']}" if a["remark"] else "")
        doc.add_paragraph(text, style="List Bullet")
    if checkin["successes"]:
        para = doc.add_paragraph()
        run(para, "Wat lukte: ", bold=True)
        run(para, checkin["successes"])
    elif not checkin["done"]:
        note(doc, "Nog niets afgerond.")
    if checkin["difficulties"]:
        para = doc.add_paragraph()
        run(para, "Wat moeilijk liep: ", bold=True)
        run(para, checkin["difficulties"])


def _changes(doc: Document, checkin: dict[str, Any]) -> None:
    heading(doc, "Wat er verandert", 2)
    for a in checkin["changes"]:
        para = doc.add_paragraph(style="List Bullet")
        run(para, "Nieuwe afspraak: " if a["new"] else "Gewijzigd: ")
        run(para, a["what"], bold=True)
        tail = (f", {a['owner']}" if a["owner"] else "") + (
            f", tegen {date_words(a['due'])}" if a["due"] else ""
        )
        run(para, tail)
    if not checkin["changes"]:
        note(doc, "De afspraken blijven zoals ze waren.")


def _next(doc: Document, c: dict[str, Any], checkin: dict[str, Any]) -> None:
    plain = is_plain(c)
    heading(doc, "Volgende keer", 2)
    if checkin["next"]:
        again = FOLLOWUP["again"] if plain else "We bekijken samen hoe het loopt op"
        para = doc.add_paragraph(again + " ")
        run(para, date_words(checkin["next"], weekday=True), bold=True)
        run(para, ".")
    else:
        note(doc, FOLLOWUP["no_again"] if plain else "Nog geen nieuw opvolgmoment gepland.")
    nxt = date_words(c["next_conversation"]) if c["next_conversation"] else "nog niet gepland"
    reach = c["reachability"] or "nog niet afgesproken"
    labels = (
        (FOLLOWUP["next"], FOLLOWUP["reach"])
        if plain
        else ("Volgend loopbaangesprek", "Zo is de leidinggevende bereikbaar")
    )
    facts(doc, list(zip(labels, (nxt, reach), strict=True)))


WRITERS: dict[str, Writer] = {"followup": followup}
