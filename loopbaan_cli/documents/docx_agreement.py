"""The agreement as a Word document: the same parts as templates/agreement.*.j2.

Who and when, the conclusions, the agreements as a table, the follow-up, what
was discussed, the signatures explained, and the annex only when asked for.
The building blocks come from docx_blocks.py.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from loopbaan_cli.documents.docx_blocks import (
    MUTED,
    NOTHING,
    Writer,
    facts,
    grid,
    heading,
    kicker,
    note,
    person,
    run,
)
from loopbaan_cli.documents.filters import date_words
from loopbaan_cli.documents.plain import AGREEMENT, is_plain, plain_privacy

if TYPE_CHECKING:
    from docx.document import Document

# the usual wording; the plain one (session.plain) is AGREEMENT in plain.py
USUAL: dict[str, str] = {
    "no_conclusion": "Nog geen conclusie genoteerd.",
    "due": "Tegen wanneer",
    "support": "Ondersteuning",
    "success": "Gelukt als",
    "no_agreements": "Er werden geen concrete acties afgesproken.",
    "followup": "Opvolging",
    "followup_intro": "We bekijken samen hoe het loopt op:",
    "no_followup": "Er zijn geen opvolgmomenten gepland.",
    "next": "Volgend loopbaangesprek",
    "reach": "Bereikbaarheid leidinggevende",
    "signatures": "Handtekeningen",
    "seen": "je hebt dit blad gelezen; daarmee ga je nog niet akkoord met de inhoud.",
    "made": "Opgemaakt op",
    "annex_kicker": "Bijlage",
    "annex_title": "Antwoorden uit het gesprek",
}


def words(c: dict[str, Any]) -> dict[str, str]:
    """The fixed texts of the agreement: plain (session.plain) or the usual ones."""
    return AGREEMENT if is_plain(c) else USUAL


def agreement(doc: Document, c: dict[str, Any]) -> None:
    """The agreement both sign; the same parts as templates/agreement.*.j2."""
    kicker(doc, "Loopbaangesprek")
    heading(doc, "Schriftelijke afspraken", 0)
    facts(
        doc,
        [
            ("Medewerker", person(c["employee"])),
            ("Leidinggevende", person(c["interviewer"])),
            ("Datum van het gesprek", date_words(c["date"], weekday=True)),
        ],
    )
    _conclusions(doc, c)
    _previous(doc, c.get("previous") or [])
    heading(doc, "Afspraken")
    w = words(c)
    if c["agreements"]:
        grid(
            doc,
            ["Nr.", "Wat", "Wie", w["due"], w["support"], w["success"]],
            [
                [
                    str(a["number"]),
                    f"{a['what']}\n({a['action']})",
                    a["owner"] or NOTHING,
                    date_words(a["due"]) or NOTHING,
                    a["support"] or NOTHING,
                    a["success"] or NOTHING,
                ]
                for a in c["agreements"]
            ],
            [11, 44, 25, 22, 35, 35],
        )
    else:
        note(doc, w["no_agreements"])
    _followup(doc, c)
    heading(doc, "Wat we besproken hebben")
    summary = str(c.get("summary") or "")
    if summary:
        doc.add_paragraph(summary)
    else:
        note(doc, "Niets samen genoteerd.")
    signatures(doc, c)
    _annex(doc, c.get("annex") or [], w)


def _conclusions(doc: Document, c: dict[str, Any]) -> None:
    chosen = c.get("conclusions") or ([c["conclusion"]] if c.get("conclusion") else [])
    w = words(c)
    usual = "Conclusies" if len(chosen) > 1 else "Conclusie"
    heading(doc, w.get("conclusions", usual))
    referral = str(c.get("referral") or "")
    for item in chosen:
        para = doc.add_paragraph()
        run(para, item["title"], bold=True)
        if item["text"]:
            run(para, "\n" + item["text"])
    if not chosen:
        note(doc, w["no_conclusion"])
    if referral:
        para = doc.add_paragraph()
        run(para, "Waar kan je terecht? ", bold=True)
        run(para, referral)


def _previous(doc: Document, previous: list[Any]) -> None:
    if not previous:
        return
    last = previous[0]
    heading(doc, "Wat we de vorige keer afspraken")
    said = f"Uit het loopbaangesprek van {date_words(last['date'])}"
    if last.get("conclusion"):
        said += f" (conclusie: {last['conclusion']})"
    doc.add_paragraph(said + ":")
    for a in last["agreements"]:
        text = a["what"] + (f", tegen {date_words(a['due'])}" if a.get("due") else "")
        para = doc.add_paragraph(style="List Number")
        run(para, text + ". ")
        run(para, "Hoe het liep: ", italic=True)
        run(para, a["status_label"] + (f": {a['remark']}" if a.get("remark") else ""))


def _followup(doc: Document, c: dict[str, Any]) -> None:
    w = words(c)
    heading(doc, w["followup"])
    if c["followups"]:
        doc.add_paragraph(w["followup_intro"])
        for f in c["followups"]:
            text = date_words(f["date"], weekday=True) + (f": {f['what']}" if f["what"] else "")
            doc.add_paragraph(text, style="List Bullet")
    else:
        note(doc, w["no_followup"])
    nxt = date_words(c["next_conversation"]) if c["next_conversation"] else "nog niet gepland"
    facts(
        doc,
        [
            (w["next"], nxt),
            (w["reach"], c["reachability"] or "nog niet afgesproken"),
        ],
    )


# the lines under the signatures, in the words of templates/agreement.html.j2
ANNEX_LINE = (
    "De bijlage geeft de antwoorden uit het gesprek die op papier mogen (een gevoelig "
    "antwoord alleen met toestemming van de medewerker); tekenen bevestigt de afspraken, "
    "niet elk woord ervan."
)
NO_ANNEX_LINE = (
    "De antwoorden uit het gesprek staan niet op dit blad: ze blijven bij de "
    "leidinggevende bewaard."
)


def signatures(doc: Document, c: dict[str, Any]) -> None:
    """What 'voor gezien' and 'akkoord' mean, room for a remark, and two signature boxes."""
    w, plain = words(c), is_plain(c)
    heading(doc, w["signatures"])
    doc.add_paragraph(
        "De medewerker kruist aan wat klopt en kan hieronder een opmerking schrijven."
    )
    several = len(c.get("conclusions") or []) > 1
    agreed = (
        w["agreed"]
        if plain
        else f"je gaat akkoord met {'de conclusies' if several else 'de conclusie'} en de "
        "afspraken op dit blad."
    )
    for word, meaning in (("Voor gezien:", w["seen"]), ("Akkoord:", agreed)):
        para = doc.add_paragraph(style="List Bullet")
        run(para, word, bold=True)
        run(para, f" {meaning}")
    box = doc.add_table(rows=1, cols=1)
    box.style = "Table Grid"
    run(
        box.rows[0].cells[0].paragraphs[0],
        "Opmerking van de medewerker\n\n\n\n",
        size=8,
        color=MUTED,
    )
    doc.add_paragraph()
    table = doc.add_table(rows=1, cols=2)
    table.style = "Table Grid"
    for cell, role, who, ticks in (
        (table.rows[0].cells[0], "Medewerker", c["employee"].name, "☐ voor gezien    ☐ akkoord"),
        (table.rows[0].cells[1], "Leidinggevende", c["interviewer"].name, ""),
    ):
        para = cell.paragraphs[0]
        run(para, role.upper() + "\n", size=8, color=MUTED)
        run(para, str(who) + "\n", bold=True)
        run(para, ticks + "\n\nDatum: ....................\n\n\nHandtekening")
    privacy = c.get("privacy") or {}
    annexed = bool(c.get("annex"))
    if plain:
        kept = plain_privacy(privacy)
        said = w["annex_line"] if annexed else w["no_annex_line"]
    else:
        kept, said = str(privacy.get("text") or ""), ANNEX_LINE if annexed else NO_ANNEX_LINE
    lines = [
        kept,
        said,
        f"{w['made']} {date_words(c['generated'])}. Elk van beiden krijgt een ondertekend "
        "exemplaar.",
    ]
    run(doc.add_paragraph(), " ".join(line for line in lines if line), size=8, color=MUTED)


def _annex(doc: Document, sections: list[Any], w: dict[str, str]) -> None:
    if not sections:
        return
    doc.add_page_break()  # type: ignore[no-untyped-call]
    kicker(doc, w["annex_kicker"])
    heading(doc, w["annex_title"], 1)
    note(
        doc,
        "De antwoorden die op papier mogen. Het volledige verslag blijft bij de leidinggevende.",
    )
    for section in sections:
        heading(doc, section["title"], 2)
        for item in section["questions"]:
            para = doc.add_paragraph()
            run(para, item["question"], bold=True)
            run(para, "\n" + item["answer"])
            if item["note"]:
                run(para, "\nNotitie: " + item["note"], italic=True, color=MUTED)


WRITERS: dict[str, Writer] = {"agreement": agreement}
