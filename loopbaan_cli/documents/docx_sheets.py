"""The other Word documents: the pocket card, the invitation and the preparation sheet.

The same parts as templates/card.*.j2, invitation.*.j2 and preparation.*.j2;
the building blocks come from docx_blocks.py. A question without an answer gets its
paper form (banks/types.py Paper): boxes to tick, a scale, lines to write on.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from loopbaan_cli.documents.docx_blocks import (
    MUTED,
    Writer,
    facts,
    heading,
    kicker,
    note,
    person,
    run,
)
from loopbaan_cli.documents.filters import date_words, first_name
from loopbaan_cli.documents.plain import CARD, INVITATION, is_plain

if TYPE_CHECKING:
    from docx.document import Document

DOTS = "." * 90
BOX = "☐"


def card(doc: Document, c: dict[str, Any]) -> None:
    """The pocket card: every agreement whole, every follow-up, whom to ask."""
    plain = is_plain(c)
    kicker(doc, "Mijn plan")
    heading(doc, str(c["employee"].name), 1)
    after = CARD["after"] if plain else "Na ons loopbaangesprek van"
    doc.add_paragraph(f"{after} {date_words(c['date'])}.")
    if c.get("goal"):
        para = doc.add_paragraph()
        run(para, "Mijn doel: ", bold=True)
        run(para, str(c["goal"]))
    heading(doc, "Dit spraken we af", 2)
    for a in c["agreements"]:
        para = doc.add_paragraph(style="List Number")
        run(para, a["what"], bold=True)
        due = date_words(a["due"]) if a["due"] else "geen vaste datum"
        run(para, f"\nWie: {a['owner'] or 'samen'} · Tegen: {due}", size=8.5)
    if not c["agreements"]:
        note(doc, "We spraken geen concrete acties af.")
    heading(doc, "We praten weer over hoe het loopt", 2)
    for f in c["followups"]:
        text = date_words(f["date"], weekday=True) + (f": {f['what']}" if f["what"] else "")
        doc.add_paragraph(text, style="List Bullet")
    if not c["followups"]:
        note(doc, "Nog geen datum gepland.")
    heading(doc, "Vragen of problemen?", 2)
    para = doc.add_paragraph(CARD["talk"] + " " if plain else "Spreek ")
    run(para, str(c["interviewer"].name), bold=True)
    tail = "" if plain else " aan"
    run(para, f"{tail}: {c['reachability']}" if c["reachability"] else f"{tail}.")
    nxt = date_words(c["next_conversation"]) if c["next_conversation"] else "nog niet gepland"
    note(doc, f"{CARD['next'] if plain else 'Volgend loopbaangesprek:'} {nxt}")


# the usual wording of the invitation; the plain one is INVITATION in plain.py
USUAL_INVITATION: dict[str, str] = {
    "kicker": "Loopbaangesprek",
    "intro": (
        "Graag nodig ik je uit voor een loopbaangesprek. We nemen de tijd om samen te "
        "kijken naar jouw werk en jouw toekomst hier: wat je graag doet, wat je nog wilt "
        "en wat de zaak je kan bieden."
    ),
    "about": "Waarover het gaat",
    "topic_work": "welk werk je graag doet en waar je energie van krijgt;",
    "topic_future": "waar je jezelf over een paar jaar ziet, en wat je nog wilt leren of bereiken;",
    "topic_home": "hoe je werk samengaat met je leven naast het werk, nu en later;",
    "topic_firm": "welke mogelijkheden de zaak heeft, vandaag en op termijn.",
    "not_review": "Dit is geen functioneringsgesprek.",
    "not_review_text": (
        "We beoordelen niet hoe je vandaag werkt en er komt geen score. Het gaat over de "
        "komende jaren: wat jij wilt, en wat hier kan. Ook “ik wil het houden zoals het is” "
        "of “dat kan hier nu niet” is een goede uitkomst: dan weten we allebei waar we staan."
    ),
    "think": "Vooraf even nadenken",
    "think_text": (
        "Neem op voorhand rustig de tijd voor deze vragen. Je hoeft niets op te schrijven, "
        "maar notities meebrengen mag altijd. Jij beslist wat je vertelt."
    ),
    "no_questions": "Voor dit gesprek zijn er geen vragen om vooraf over na te denken.",
    "after": "Na het gesprek",
    "after_text": (
        "We schrijven samen op wat we besproken en afgesproken hebben. Je krijgt er een "
        "exemplaar van. Je tekent het “voor gezien” (gelezen) of “akkoord”, en je kunt er "
        "een opmerking bij schrijven."
    ),
    "ask": "Vragen vooraf?",
    "ask_default": "Spreek me gerust aan.",
}


def invitation(doc: Document, c: dict[str, Any]) -> None:
    """The invitation for the employee, before the conversation."""
    w = INVITATION if is_plain(c) else USUAL_INVITATION
    kicker(doc, w["kicker"])
    heading(doc, "Uitnodiging", 0)
    doc.add_paragraph(f"Beste {first_name(c['employee'].name)},")
    doc.add_paragraph(w["intro"])
    meeting = c.get("meeting") or {}
    when = date_words(c["date"], weekday=True)
    rows = [
        ("Voor", person(c["employee"])),
        ("Wanneer", f"{when} om {meeting['hour']}" if meeting.get("hour") else when),
    ]
    rows += [
        (label, meeting.get(key, "")) for label, key in (("Waar", "place"), ("Duur", "duration"))
    ]
    rows = [(label, value) for label, value in rows if value]
    rows.append(("Met", person(c["interviewer"])))
    facts(doc, rows)
    heading(doc, w["about"])
    for key in ("topic_work", "topic_future", "topic_home", "topic_firm"):
        doc.add_paragraph(w[key], style="List Bullet")
    para = doc.add_paragraph()
    run(para, w["not_review"] + " ", bold=True)
    run(para, w["not_review_text"])
    heading(doc, w["think"])
    doc.add_paragraph(w["think_text"])
    questions = [item for group in c["reflection"] for item in group["questions"]]
    for item in questions:
        para = doc.add_paragraph(style="List Number")
        run(para, item["question"])
        doc.add_paragraph(DOTS)
    if not questions:
        note(doc, w["no_questions"])
    heading(doc, w["after"])
    doc.add_paragraph(w["after_text"])
    doc.add_paragraph(f"{w['ask']} {c['reachability'] or w['ask_default']}")
    doc.add_paragraph(f"Tot dan,\n{c['interviewer'].name}")


def preparation(doc: Document, c: dict[str, Any]) -> None:
    """The manager's own sheet: what was prepared, and paper forms for the rest."""
    kicker(doc, "Loopbaangesprek · alleen voor de leidinggevende")
    heading(doc, "Voorbereiding", 0)
    employee = c["employee"]
    rows = [("Medewerker", person(employee))]
    if employee.service_start:
        rows.append(("In dienst sinds", date_words(employee.service_start)))
    if employee.retirement_year:
        rows.append(("Verwacht pensioen", str(employee.retirement_year)))
    purposes = c["purposes"]
    rows += [
        ("Gesprek op", date_words(c["date"], weekday=True)),
        ("Levensfase", str(c["phase"])),
        ("Doelen" if len(purposes) > 1 else "Doel", ", ".join(purposes) or "niet opgegeven"),
    ]
    facts(doc, rows)
    doc.add_paragraph(
        "Zet dit op een rij vóór het gesprek. Wat je al in loopbaan invulde, staat erbij; "
        "de rest kun je hier op papier aanvullen. Dit blad is voor jou: geef het niet mee "
        "aan de medewerker."
    )
    for group in c["preparation"]:
        heading(doc, group["title"])
        if group.get("intro"):
            note(doc, group["intro"])
        for item in group["questions"]:
            _question(doc, item)
    if not c["preparation"]:
        note(doc, "Er is geen voorbereidingsbank voor dit gesprek.")
    para = doc.add_paragraph()
    run(
        para,
        f"Opgemaakt op {date_words(c['generated'])}. Dit blad bevat persoonsgegevens: bewaar "
        "het vertrouwelijk en vernietig het als je het niet meer nodig hebt.",
        size=8,
        color=MUTED,
    )


def _question(doc: Document, item: dict[str, Any]) -> None:
    para = doc.add_paragraph()
    run(para, item["question"], bold=True)
    if item.get("tip"):
        run(para, f"\nTip: {item['tip']}", italic=True, color=MUTED, size=9)
    if item["answer"]:
        doc.add_paragraph(item["answer"])
        if item["note"]:
            para = doc.add_paragraph()
            run(para, f"Notitie: {item['note']}", italic=True, color=MUTED)
        return
    for line in paper_form(item):
        doc.add_paragraph(line)


def paper_form(item: dict[str, Any]) -> list[str]:
    """The lines of an open question on paper, by its paper form (templates/_types.j2)."""
    form = item.get("paper")
    scale = item.get("scale")
    if form == "yes_no":
        return [f"{BOX} Ja    {BOX} Nee"]
    if form == "choices":
        boxes = [f"{BOX} {choice}" for choice in item.get("choices") or []]
        return boxes + (
            [f"{BOX} Anders: ............................"] if item.get("other") else []
        )
    if form == "scale" and scale:
        points = "  ".join(f"{BOX} {n}" for n in range(scale["min"], scale["max"] + 1))
        return [f"{scale.get('min_label', '')}  {points}  {scale.get('max_label', '')}".strip()]
    if form == "date":
        return ["Datum: ............................"]
    if form == "line":
        return [DOTS]
    return [DOTS, DOTS, DOTS]


WRITERS: dict[str, Writer] = {
    "card": card,
    "invitation": invitation,
    "preparation": preparation,
}
