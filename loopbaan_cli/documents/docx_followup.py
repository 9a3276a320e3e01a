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
    plain = is_plain(c)
    w = FOLLOWUP.pick(plain)
    kicker(doc, w["kicker"])
    heading(doc, w["title"], 0)
    checkin = c["checkin"]
    rows = [
        (w["employee"], str(c["employee"].name)),
        (w["interviewer"], str(c["interviewer"].name)),
        (w["conversation"], date_words(c["date"])),
    ]
    if checkin:
        rows.append((w["checkin"], date_words(checkin["date"], weekday=True)))
    facts(doc, rows)
    if checkin:
        _progress(doc, checkin, w)
        _done(doc, checkin, w)
        _changes(doc, checkin, w)
        _next(doc, c, checkin, w)
    else:
        note(doc, w["none_yet"])
    para = doc.add_paragraph()
    privacy = c.get("privacy") or {}
    kept = plain_privacy(privacy) if plain else str(privacy.get("text") or "")
    run(para, f"{kept} {w['made']} {date_words(c['generated'])}.", size=8, color=MUTED)


def _progress(doc: Document, checkin: dict[str, Any], w: dict[str, str]) -> None:
    heading(doc, w["progress"], 2)
    for a in checkin["agreements"]:
        para = doc.add_paragraph(style="List Number")
        run(para, a["what"], bold=True)
        due = f" · tegen {date_words(a['due'])}" if a["due"] else ""
        run(para, f"\n{a['owner'] or w['together']}{due}", size=9, color=MUTED)
        status = w["new"] if a["new"] else a["status_label"].capitalize()
        run(para, f"\n{status}", bold=True)
        if a["remark"]:
            run(para, f": {a['remark']}")
    if not checkin["agreements"]:
        note(doc, w["no_agreements"])


def _done(doc: Document, checkin: dict[str, Any], w: dict[str, str]) -> None:
    heading(doc, w["done"], 2)
    for a in checkin["done"]:
        text = a["what"] + (f": {a['remark']}" if a["remark"] else "")
        doc.add_paragraph(text, style="List Bullet")
    if checkin["successes"]:
        para = doc.add_paragraph()
        run(para, f"{w['successes']}: ", bold=True)
        run(para, checkin["successes"])
    elif not checkin["done"]:
        note(doc, w["nothing_done"])
    if checkin["difficulties"]:
        para = doc.add_paragraph()
        run(para, f"{w['difficulties']}: ", bold=True)
        run(para, checkin["difficulties"])


def _changes(doc: Document, checkin: dict[str, Any], w: dict[str, str]) -> None:
    heading(doc, w["changes"], 2)
    for a in checkin["changes"]:
        para = doc.add_paragraph(style="List Bullet")
        run(para, f"{w['new_agreement'] if a['new'] else w['changed']}: ")
        run(para, a["what"], bold=True)
        tail = (f", {a['owner']}" if a["owner"] else "") + (
            f", tegen {date_words(a['due'])}" if a["due"] else ""
        )
        run(para, tail)
    if not checkin["changes"]:
        note(doc, w["no_changes"])


def _next(doc: Document, c: dict[str, Any], checkin: dict[str, Any], w: dict[str, str]) -> None:
    heading(doc, w["again_title"], 2)
    if checkin["next"]:
        para = doc.add_paragraph(w["again"] + " ")
        run(para, date_words(checkin["next"], weekday=True), bold=True)
        run(para, ".")
    else:
        note(doc, w["no_again"])
    nxt = date_words(c["next_conversation"]) if c["next_conversation"] else w["not_planned"]
    reach = c["reachability"] or w["not_agreed"]
    facts(doc, [(w["next"], nxt), (w["reach"], reach)])


WRITERS: dict[str, Writer] = {"followup": followup}
