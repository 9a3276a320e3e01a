"""What the listing commands show: plain data for --json, rich tables for people."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from loopbaan_cli import console
from loopbaan_cli.values import format_value

if TYPE_CHECKING:
    from loopbaan_cli.banks import Library
    from loopbaan_cli.models import Session
    from loopbaan_cli.record import Record

STATUS = {"prepared": "voorbereid", "in_progress": "bezig", "completed": "afgerond"}


def session_row(session: Record) -> dict[str, Any]:
    return {
        "id": session.id,
        "employee": session.employee.name,
        "role": session.employee.role,
        "interviewer": session.interviewer.name,
        "date": session.date.isoformat(),
        "phase": session.phase,
        "purposes": session.purposes,
        "status": session.status,
        "updated": session.updated.isoformat(),
    }


def session_table(sessions: list[Record]) -> None:
    if not sessions:
        console.say("Nog geen gesprekken. Begin er een met: loopbaan start")
        return
    rows = [
        [s.id, s.employee.name, format_value(s.date), s.phase_title or s.phase, STATUS[s.status]]
        for s in sessions
    ]
    console.table(["id", "medewerker", "datum", "levensfase", "status"], rows)


def show_session(session: Session) -> None:
    console.rule(f"Loopbaangesprek met {session.employee.name}")
    facts = [
        ("id", session.id),
        (
            "status",
            STATUS[session.status]
            + ("" if session.status == "completed" else f" (stap: {session.stage})"),
        ),
        ("medewerker", _person(session.employee.name, session.employee.role)),
        ("leidinggevende", _person(session.interviewer.name, session.interviewer.role)),
        ("datum", format_value(session.date)),
        ("levensfase", session.phase_title or session.phase),
        ("doelen", ", ".join(session.purpose_titles or session.purposes) or "-"),
        ("gesprekstijd", f"{int(session.minutes)} min"),
    ]
    console.table(["", ""], [[k, v] for k, v in facts])
    for title, records in (("Voorbereiding", session.preparation), ("Antwoorden", session.answers)):
        if not records:
            continue
        rows = []
        for record in records.values():
            answer = "(overgeslagen)" if record.skipped else format_value(record.value) or "-"
            note = f"{'[privé] ' if record.private else ''}{record.note}" if record.note else ""
            rows.append([record.question, answer, note])
        console.table(["vraag", "antwoord", "notitie"], rows, title=title)
    if session.conclusion:
        console.say(f"Conclusie: {session.conclusion.title}. {session.conclusion.text}".strip())
    if session.agreements:
        rows = [
            [a.action_title or "Eigen actie", a.what, a.owner, format_value(a.due)]
            for a in session.agreements
        ]
        console.table(["actie", "wat", "wie", "tegen"], rows, title="Afspraken")
    if session.followups:
        console.say("Opvolging: " + ", ".join(format_value(f.date) for f in session.followups))


def _person(name: str, role: str) -> str:
    return f"{name} ({role})" if role else name


def library_data(library: Library) -> dict[str, Any]:
    return {
        "phases": [{"id": p.id, "title": p.title} for p in library.phases.values()],
        "purposes": [{"id": p.id, "title": p.title} for p in library.purposes.values()],
        "actions": [{"id": a.id, "title": a.title} for a in library.actions.values()],
        "conclusions": [{"id": c.id, "title": c.title} for c in library.conclusions.values()],
        "banks": [
            {
                "id": lb.bank.id,
                "title": lb.bank.title,
                "kind": lb.bank.kind,
                "phases": lb.bank.phases,
                "purposes": lb.bank.purposes,
                "source": lb.source,
                "path": str(lb.path),
                "questions": [
                    {
                        "key": f"{lb.bank.id}.{q.id}",
                        "type": q.type,
                        "required": q.required,
                        "choices": q.choices,
                    }
                    for _, q in lb.bank.questions()
                ],
            }
            for lb in sorted(
                library.banks.values(),
                key=lambda lb: (lb.bank.kind != "conversation", lb.bank.order, lb.bank.id),
            )
        ],
        "disabled": sorted(library.disabled),
    }


def library_table(library: Library) -> None:
    data = library_data(library)
    phase_titles = {p["id"]: p["title"] for p in data["phases"]}
    purpose_titles = {p["id"]: p["title"] for p in data["purposes"]}
    rows = []
    for bank in data["banks"]:
        when = []
        if bank["kind"] == "preparation":
            when.append("voorbereiding")
        when += [phase_titles.get(p, p) for p in bank["phases"]]
        when += [purpose_titles.get(p, p) for p in bank["purposes"]]
        rows.append(
            [
                bank["id"],
                bank["title"],
                ", ".join(when) or "altijd",
                str(len(bank["questions"])),
                bank["source"],
            ]
        )
    console.table(["id", "titel", "wanneer", "vragen", "bron"], rows, title="Vragenbanken")
    if data["disabled"]:
        console.say("Uitgezet: " + ", ".join(data["disabled"]))
    console.table(["id", "levensfase"], [[p["id"], p["title"]] for p in data["phases"]])
    console.table(["id", "doel"], [[p["id"], p["title"]] for p in data["purposes"]])
    console.say(
        f"{len(data['actions'])} acties in de catalogus, {len(data['conclusions'])} mogelijke conclusies."
    )
