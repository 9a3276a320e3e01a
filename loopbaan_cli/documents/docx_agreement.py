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


def words(c: dict[str, Any]) -> dict[str, str]:
    """The fixed texts of the agreement: plain (session.plain) or the usual ones (plain.py)."""
    return AGREEMENT.pick(is_plain(c))


def agreement(doc: Document, c: dict[str, Any]) -> None:
    """The agreement both sign; the same parts as templates/agreement.*.j2."""
    w = words(c)
    kicker(doc, w["kicker"])
    heading(doc, w["title"], 0)
    facts(
        doc,
        [
            (w["employee"], person(c["employee"])),
            (w["interviewer"], person(c["interviewer"])),
            (w["date"], date_words(c["date"], weekday=True)),
        ],
    )
    _conclusions(doc, c)
    _previous(doc, c.get("previous") or [], w)
    heading(doc, w["agreements"])
    if c["agreements"]:
        grid(
            doc,
            [w["number"], w["what"], w["owner"], w["due"], w["support"], w["success"]],
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
    heading(doc, w["summary"])
    summary = str(c.get("summary") or "")
    if summary:
        doc.add_paragraph(summary)
    else:
        note(doc, w["no_summary"])
    signatures(doc, c)
    _annex(doc, c.get("annex") or [], w)


def _conclusions(doc: Document, c: dict[str, Any]) -> None:
    chosen = c.get("conclusions") or ([c["conclusion"]] if c.get("conclusion") else [])
    w = words(c)
    heading(doc, w["conclusions"] if len(chosen) > 1 else w["conclusion"])
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
        run(para, w["referral"] + " ", bold=True)
        run(para, referral)


def _previous(doc: Document, previous: list[Any], w: dict[str, str]) -> None:
    if not previous:
        return
    last = previous[0]
    heading(doc, w["previous"])
    said = f"{w['previous_from']} {date_words(last['date'])}"
    if last.get("conclusion"):
        said += f" (conclusie: {last['conclusion']})"
    doc.add_paragraph(said + ":")
    for a in last["agreements"]:
        text = a["what"] + (f", tegen {date_words(a['due'])}" if a.get("due") else "")
        para = doc.add_paragraph(style="List Number")
        run(para, text + ". ")
        run(para, f"{w['how_it_went']}: ", italic=True)
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
    nxt = date_words(c["next_conversation"]) if c["next_conversation"] else w["not_planned"]
    facts(doc, [(w["next"], nxt), (w["reach"], c["reachability"] or w["not_agreed"])])


def signatures(doc: Document, c: dict[str, Any]) -> None:
    """What 'voor gezien' and 'akkoord' mean, room for a remark, and two signature boxes."""
    w = words(c)
    heading(doc, w["signatures"])
    doc.add_paragraph(w["sign_intro"])
    several = len(c.get("conclusions") or []) > 1
    agreed = w["agreed_many"] if several else w["agreed"]
    for word, meaning in (("Voor gezien:", w["seen"]), ("Akkoord:", agreed)):
        para = doc.add_paragraph(style="List Bullet")
        run(para, word, bold=True)
        run(para, f" {meaning}")
    box = doc.add_table(rows=1, cols=1)
    box.style = "Table Grid"
    run(box.rows[0].cells[0].paragraphs[0], w["remark"] + "\n\n\n\n", size=8, color=MUTED)
    doc.add_paragraph()
    table = doc.add_table(rows=1, cols=2)
    table.style = "Table Grid"
    for cell, role, who, ticks in (
        (table.rows[0].cells[0], w["employee"], c["employee"].name, "☐ voor gezien    ☐ akkoord"),
        (table.rows[0].cells[1], w["interviewer"], c["interviewer"].name, ""),
    ):
        para = cell.paragraphs[0]
        run(para, role.upper() + "\n", size=8, color=MUTED)
        run(para, str(who) + "\n", bold=True)
        run(para, ticks + "\n\nDatum: ....................\n\n\nHandtekening")
    privacy = c.get("privacy") or {}
    kept = plain_privacy(privacy) if is_plain(c) else str(privacy.get("text") or "")
    lines = [
        kept,
        w["annex_line"] if c.get("annex") else w["no_annex_line"],
        f"{w['made']} {date_words(c['generated'])}. {w['copies']}",
    ]
    run(doc.add_paragraph(), " ".join(line for line in lines if line), size=8, color=MUTED)


def _annex(doc: Document, sections: list[Any], w: dict[str, str]) -> None:
    if not sections:
        return
    doc.add_page_break()  # type: ignore[no-untyped-call]
    kicker(doc, w["annex_kicker"])
    heading(doc, w["annex_title"], 1)
    note(doc, w["annex_intro"])
    for section in sections:
        heading(doc, section["title"], 2)
        for item in section["questions"]:
            para = doc.add_paragraph()
            run(para, item["question"], bold=True)
            run(para, "\n" + item["answer"])
            if item["note"]:
                run(para, "\nNotitie: " + item["note"], italic=True, color=MUTED)


WRITERS: dict[str, Writer] = {"agreement": agreement}
