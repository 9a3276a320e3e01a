"""The access copy (`export-data --format md|html|pdf`): everything kept about one person, readable.

The right of access (GDPR art. 15) gives the employee everything stored about
them. `export-data` hands it over complete and machine-readable (yaml, json);
this module makes the same content a document a person can read: every
conversation with every answer (sensitive ones and scores too), the
preparation, every note (private notes too: they are about this person), the
conclusions, agreements, follow-up moments and check-ins.

Unlike every other document nothing is scrubbed here: that is the point. The
templates are templates/access.{md,txt,html,typ}.j2, rendered in the same sandbox
as the other documents (environment.py); pdf goes through Typst (pdf.py), and
docx is written by docx_access.py.
Pure: the caller reads the sessions and passes them in.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from loopbaan_cli.cycle.progress import status_label
from loopbaan_cli.documents.context import NO_SECTION, as_record
from loopbaan_cli.documents.filters import format_answer, on_scale
from loopbaan_cli.kernel.record import Record
from loopbaan_cli.kernel.text import long_date

STEM = "access"
ACCESS_FORMATS = ("md", "txt", "html", "pdf", "docx")

_STATUS = {"prepared": "voorbereid", "in_progress": "nog niet afgerond", "completed": "afgerond"}


def access_context(
    sessions: Sequence[Any],
    employee: str,
    *,
    generated: dt.datetime,
    data_folder: str,
    unreadable: Sequence[dict[str, Any]] = (),
    register: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """What the access templates see: ``{employee, generated, data_folder, register, sessions, unreadable}``.

    `register` is the person's entry in the employee register (id, role,
    service start, retirement year): personal data too, so it is shown, as
    (label, value) pairs after the data folder.
    """
    return {
        "employee": employee,
        "generated": generated,
        "data_folder": data_folder,
        "register": _register_facts(register),
        "sessions": [_conversation(as_record(s)) for s in sessions],
        "unreadable": list(unreadable),
    }


def render_access(context: dict[str, Any], fmt: str) -> str | bytes:
    """The access copy in `fmt` (md, txt, html: text; pdf, docx: bytes)."""
    from loopbaan_cli.documents import pdf
    from loopbaan_cli.documents.environment import environment, fill
    from loopbaan_cli.documents.kinds import format_named

    if fmt not in ACCESS_FORMATS:
        raise ValueError(f"no access copy in {fmt!r}")
    if fmt == "docx":
        from loopbaan_cli.documents.docx_access import make_access_docx  # python-docx, an extra
        from loopbaan_cli.documents.filters import printable_data

        return make_access_docx(printable_data(context))  # as every {{ }}: printable
    if fmt != "pdf":
        env, name = environment(STEM, format_named(fmt), None)
        return fill(env, name, context, None)
    env, name = pdf.typst_environment(STEM, format_named("pdf"), None)
    return pdf.compile_source(
        fill(env, name, context, None), name=name, templates=lambda: pdf.template_texts(env, name)
    )


def _register_facts(entry: dict[str, Any] | None) -> list[tuple[str, str]]:
    if entry is None:
        return []
    start = entry.get("service_start")
    year = entry.get("retirement_year")
    return [
        ("Medewerkers-id", str(entry.get("id") or "")),
        ("Functie", str(entry.get("role") or "") or "niet ingevuld"),
        ("In dienst sinds", long_date(start) if start else "niet ingevuld"),
        ("Pensioenjaar", str(year) if year else "niet ingevuld"),
    ]


def _conversation(s: Record) -> dict[str, Any]:
    return {
        "id": s.id,
        "date": s.date,
        "status": _STATUS.get(s.status, s.status),
        "interviewer": s.interviewer,
        "employee": s.employee,
        "phase": s.phase_title.strip() or s.phase,
        "purposes": [t.strip() or p for p, t in zip(s.purposes, _padded(s), strict=True)],
        "preparation": _answers(s.preparation),
        "answers": _answers(s.answers),
        "conclusions": [
            {"title": c.title.strip() or c.id, "text": c.text.strip(), "referral": c.referral_info}
            for c in s.get("conclusions") or []
        ],
        "summary": str(s.get("summary", "")).strip(),
        "agreements": [
            {
                "number": n,
                "what": a.what,
                "action": a.action_title.strip() or a.action or "",
                "owner": a.owner.strip(),
                "due": a.due,
                "support": a.support.strip(),
                "success": a.success.strip(),
            }
            for n, a in enumerate(s.agreements, start=1)
        ],
        "followups": [{"date": f.date, "what": f.what} for f in s.followups],
        "next_conversation": s.next_conversation,
        "reachability": s.reachability.strip(),
        "checkins": [_checkin(c) for c in s.checkins],
    }


def _padded(s: Record) -> list[str]:
    titles = list(s.purpose_titles)
    return (titles + [""] * len(s.purposes))[: len(s.purposes)]


def _answers(records: Record) -> list[dict[str, Any]]:
    """Every answer, skipped ones too, grouped by section; nothing left out."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for rec in records.values():
        answer = format_answer(rec.value)
        if rec.scale is not None and isinstance(rec.value, int):
            answer = on_scale(rec.value, rec.scale)
        groups.setdefault(rec.section.strip() or NO_SECTION, []).append(
            {
                "question": rec.question,
                "answer": "" if rec.skipped else answer,
                "skipped": bool(rec.skipped),
                "note": rec.note.strip(),
                "private": bool(rec.private),
                "sensitive": bool(rec.get("sensitive", False)),
                "printed": bool(rec.get("printed", True)),
            }
        )
    return [{"title": title, "questions": items} for title, items in groups.items()]


def _checkin(c: Record) -> dict[str, Any]:
    return {
        "date": c.date,
        "completed": c.status == "completed",
        "progress": [
            {
                "number": p.number,
                "what": p.what,
                "status": status_label(p.status),
                "remark": p.remark,
            }
            for p in c.progress
        ],
        "successes": c.successes.strip(),
        "difficulties": c.difficulties.strip(),
        "added": list(c.added),
        "changed": list(c.changed),
        "next": c.next,
    }
