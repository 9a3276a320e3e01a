"""The access copy in Word (`export-data --format docx`): the same parts as templates/access.*.j2.

Everything kept about one person, nothing left out (see access.py): every
conversation with its preparation, every answer and note (private ones too),
the conclusions, agreements, follow-up moments and check-ins. The building
blocks come from docx_blocks.py; the page carries the person's name and the
day it was made.
"""

from __future__ import annotations

import datetime as dt
import io
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

from loopbaan_cli.documents.docx_blocks import (
    MUTED,
    facts,
    heading,
    kicker,
    new_document,
    note,
    run,
)
from loopbaan_cli.documents.filters import date_words

if TYPE_CHECKING:
    from docx.document import Document

INTRO = (
    "Dit zijn alle gegevens die het programma loopbaan op deze computer over {name} "
    "bewaart: elk gesprek, met de voorbereiding, alle antwoorden (ook de gevoelige), alle "
    "notities (ook de privénotities van de leidinggevende), de afspraken en de opvolging. "
    "Niets hiervan werd naar elders verstuurd. Klopt er iets niet, dan mag je vragen om het "
    "te verbeteren of te verwijderen."
)


def make_access_docx(context: dict[str, Any]) -> bytes:
    """The access copy of `context` (access.access_context) as a Word document."""
    made = context["generated"]
    day = made.date() if isinstance(made, dt.datetime) else made
    page: dict[str, Any] = {
        "employee": SimpleNamespace(name=context["employee"]),
        "interviewer": SimpleNamespace(name="loopbaan"),
        "date": day,
        "generated": day,
        "organisation": {},
    }
    doc = new_document(page)
    _write(doc, context, day)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def _write(doc: Document, c: dict[str, Any], day: dt.date) -> None:
    name = str(c["employee"])
    kicker(doc, "Inzage")
    heading(doc, f"Wat loopbaan over {name} bewaart", 0)
    doc.add_paragraph(INTRO.format(name=name))
    facts(
        doc,
        [
            ("Gegevensmap", str(c["data_folder"])),
            ("Gemaakt op", date_words(day)),
            *((str(label), str(value)) for label, value in c.get("register", [])),
            ("Aantal gesprekken", str(len(c["sessions"]))),
        ],
    )
    for s in c["sessions"]:
        _conversation(doc, s)
    if c["unreadable"]:
        heading(doc, "Bestanden die niet te lezen zijn")
        for u in c["unreadable"]:
            doc.add_paragraph(f"{u['file']}: {u['problem']}", style="List Bullet")
    note(
        doc,
        "Het volledige bestand voor een computer maak je met loopbaan export-data --format yaml (of json).",
    )


def _conversation(doc: Document, s: dict[str, Any]) -> None:
    heading(doc, f"Gesprek van {date_words(s['date'])} ({s['status']})")
    who = s["interviewer"]
    facts(
        doc,
        [
            ("Met", str(who.name) + (f", {who.role}" if who.role else "")),
            ("Levensfase", str(s["phase"])),
            ("Doelen", ", ".join(s["purposes"]) or "geen"),
            ("Gespreks-id", str(s["id"])),
        ],
    )
    if s["preparation"]:
        heading(doc, "Voorbereiding door de leidinggevende", 2)
        _answers(doc, s["preparation"])
    if s["answers"]:
        heading(doc, "Antwoorden", 2)
        _answers(doc, s["answers"])
    if s["conclusions"]:
        heading(doc, "Conclusie", 2)
        for c in s["conclusions"]:
            para = doc.add_paragraph()
            run(para, c["title"], bold=True)
            if c["text"]:
                run(para, f": {c['text']}")
            if c["referral"]:
                run(para, f"\nDoorverwijzing: {c['referral']}", italic=True)
    if s["summary"]:
        heading(doc, "Wat we besproken hebben", 2)
        doc.add_paragraph(s["summary"])
    if s["agreements"]:
        heading(doc, "Afspraken", 2)
        for a in s["agreements"]:
            para = doc.add_paragraph(style="List Number")
            run(para, a["what"], bold=True)
            details = [
                f"({a['action']})" if a["action"] else "",
                f"wie: {a['owner']}" if a["owner"] else "",
                f"tegen {date_words(a['due'])}" if a["due"] else "",
                f"ondersteuning: {a['support']}" if a["support"] else "",
                f"gelukt als: {a['success']}" if a["success"] else "",
            ]
            run(para, " " + "; ".join(d for d in details if d))
    _followup(doc, s)


def _followup(doc: Document, s: dict[str, Any]) -> None:
    if s["followups"] or s["next_conversation"] or s["reachability"]:
        heading(doc, "Opvolging", 2)
        for f in s["followups"]:
            text = date_words(f["date"]) + (f": {f['what']}" if f["what"] else "")
            doc.add_paragraph(text, style="List Bullet")
        if s["next_conversation"]:
            doc.add_paragraph(
                f"Volgend loopbaangesprek: {date_words(s['next_conversation'])}",
                style="List Bullet",
            )
        if s["reachability"]:
            doc.add_paragraph(f"Bereikbaar: {s['reachability']}", style="List Bullet")
    for c in s["checkins"]:
        title = f"Opvolging van {date_words(c['date'])}"
        heading(doc, title + ("" if c["completed"] else " (nog niet afgerond)"), 2)
        for p in c["progress"]:
            what = f" ({p['what']})" if p["what"] else ""
            remark = f", {p['remark']}" if p["remark"] else ""
            doc.add_paragraph(
                f"Afspraak {p['number']}{what}: {p['status']}{remark}", style="List Bullet"
            )
        for label, key in (("Wat lukte", "successes"), ("Wat moeilijk liep", "difficulties")):
            if c[key]:
                doc.add_paragraph(f"{label}: {c[key]}", style="List Bullet")
        if c["next"]:
            doc.add_paragraph(f"Volgende opvolging: {date_words(c['next'])}", style="List Bullet")


def _answers(doc: Document, groups: list[dict[str, Any]]) -> None:
    for group in groups:
        heading(doc, group["title"], 3)
        for item in group["questions"]:
            para = doc.add_paragraph()
            run(para, item["question"], bold=True)
            if item["sensitive"]:
                run(para, " (gevoelig)", italic=True, color=MUTED)
            answer = "(overgeslagen)" if item["skipped"] else (item["answer"] or "(leeg)")
            run(para, "\n" + answer)
            if not item["printed"]:
                run(para, " (niet op het afsprakenblad)", italic=True, color=MUTED)
            if item["note"]:
                label = "Privénotitie van de leidinggevende" if item["private"] else "Notitie"
                run(para, f"\n{label}: {item['note']}", italic=True, color=MUTED)
