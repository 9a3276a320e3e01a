"""What the listing commands show: plain data for --json, rich tables for people."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from loopbaan_cli.kernel import console
from loopbaan_cli.kernel.shell import command_for
from loopbaan_cli.kernel.values import format_value

if TYPE_CHECKING:
    from loopbaan_cli.banks.library import Library
    from loopbaan_cli.kernel.record import Record
    from loopbaan_cli.sessions.model import Session

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
        console.say(f"Nog geen gesprekken. Begin er een met: {command_for('start')}")
        return
    rows = [
        [s.id, s.employee.name, format_value(s.date), s.phase_title or s.phase, STATUS[s.status]]
        for s in sessions
    ]
    id_table(["id", "medewerker", "datum", "levensfase", "status"], rows)


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
    key_width = max(len(key) for key, _ in facts)
    # box and padding of a two-column table: 7; an id that does not fit beside the
    # keys is shown above the table, whole, instead of folded in two
    if len(session.id) > console.stdout_console().width - 7 - key_width:
        console.out(f"id: {session.id}")
        facts = facts[1:]
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
                        "sensitive": q.sensitive,
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
    id_table(["id", "titel", "wanneer", "vragen", "bron"], rows, title="Vragenbanken")
    if data["disabled"]:
        console.say("Uitgezet: " + ", ".join(data["disabled"]))
    console.say("")
    id_table(["id", "levensfase"], [[p["id"], p["title"]] for p in data["phases"]])
    console.say("")
    id_table(["id", "doel"], [[p["id"], p["title"]] for p in data["purposes"]])
    console.say("")
    console.say(
        f"{len(data['actions'])} acties in de catalogus, {len(data['conclusions'])} mogelijke conclusies."
    )


# --- tables with an id ------------------------------------------------------------


def id_table(columns: list[str], rows: list[list[str]], title: str | None = None) -> None:
    """A table whose first column, an id, is never cut: the other columns wrap instead.

    Every other command needs that id, so it stays whole on one line, ready to
    copy. Columns are set apart by spaces, not lines, as in the plain table of a
    long listing. In a terminal too narrow for the id beside the other columns
    (each at least as wide as its longest word), each row becomes its id on a
    line of its own with the rest under it.
    """
    if not rows or len(rows) > console.PLAIN_TABLE_ROWS:
        console.table(columns, rows, title)  # the plain table pads, it never cuts
        return
    from rich import box
    from rich.cells import cell_len
    from rich.table import Table

    cells = [columns, *rows]
    widths = [max(cell_len(row[i]) for row in cells) for i in range(len(columns))]
    words = [max(_longest_word(row[i]) for row in cells) for i in range(len(columns))]
    # between two columns: one space of border and one of padding
    room = console.stdout_console().width - 2 * (len(columns) - 1) - widths[0]
    fitted = fit_widths(widths[1:], words[1:], room)
    if fitted is None:
        _id_list(columns, rows, title)
        return
    table = Table(
        title=title,
        header_style="bold",
        box=box.SIMPLE_HEAD,
        show_edge=False,
        pad_edge=False,
        collapse_padding=True,
    )
    table.add_column(columns[0], no_wrap=True, width=widths[0])
    for name, width in zip(columns[1:], fitted, strict=True):
        table.add_column(name, width=width, overflow="fold")
    for row in rows:
        table.add_row(*(console.escape(cell) for cell in row))
    console.show(table)


def _longest_word(text: str) -> int:
    from rich.cells import cell_len

    return max((cell_len(word) for word in text.split()), default=0)


def fit_widths(widths: list[int], words: list[int], room: int) -> list[int] | None:
    """Column widths within `room`: the widest narrowed first, none below its longest word.

    None when even the longest words do not fit side by side.
    """
    if sum(widths) <= room:
        return widths
    floors = [min(w, word) for w, word in zip(widths, words, strict=True)]
    if sum(floors) > room:
        return None
    cap = max(widths)
    while sum(max(f, min(w, cap)) for w, f in zip(widths, floors, strict=True)) > room:
        cap -= 1
    fitted = [max(f, min(w, cap)) for w, f in zip(widths, floors, strict=True)]
    spare = room - sum(fitted)  # less than one per narrowed column: hand it out
    for i, width in enumerate(widths):
        if spare and width > fitted[i]:
            fitted[i] += 1
            spare -= 1
    return fitted


def _id_list(columns: list[str], rows: list[list[str]], title: str | None) -> None:
    from rich.padding import Padding
    from rich.text import Text

    if title:
        console.say(title, style="bold")
    for row in rows:
        console.out(row[0])  # as is: even wider than the terminal, it stays one line
        rest = " · ".join(cell for cell in row[1:] if cell)
        if rest:
            console.show(Padding(Text(rest), (0, 0, 0, 2), expand=False))
