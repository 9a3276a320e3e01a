"""`loopbaan list` and `loopbaan show`: the conversations, and one conversation whole."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from loopbaan_cli.banks.types import TYPES
from loopbaan_cli.cli.views.history import history
from loopbaan_cli.cli.views.tables import id_table
from loopbaan_cli.kernel import console
from loopbaan_cli.kernel.shell import command_for
from loopbaan_cli.kernel.text import OWN_ACTION_LABEL
from loopbaan_cli.kernel.values import format_value

if TYPE_CHECKING:
    from loopbaan_cli.app.sessions import Listing, Shown
    from loopbaan_cli.kernel.record import Record
    from loopbaan_cli.sessions.model import AnswerRecord, Session

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


def conversation(session: Session | Record) -> None:
    """One conversation whole, private notes included: only ever on the screen."""
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
    planned = _meeting(session)
    if planned:
        facts.insert(5, ("afspraak", planned))
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
        # the preparation never goes on paper; an answer only when marked `printed`
        answers = title == "Antwoorden"
        rows = []
        for record in records.values():
            shown = TYPES[record.type].show(record.value)
            answer = "(overgeslagen)" if record.skipped else shown or "-"
            note = f"{'[privé] ' if record.private else ''}{record.note}" if record.note else ""
            rows.append([record.question, answer, note] + ([_paper(record)] if answers else []))
        headers = ["vraag", "antwoord", "notitie"] + (["op papier"] if answers else [])
        console.table(headers, rows, title=title)
    if session.answers:
        console.say(
            "'op papier': mag in de bijlage bij het afsprakenblad (export --annex); "
            "'nee' blijft alleen in je gegevensmap."
        )
    for conclusion in session.conclusions:
        console.say(f"Conclusie: {conclusion.title}. {conclusion.text}".strip())
    if session.summary:
        console.say(f"Wat we besproken hebben: {session.summary}")
    if session.agreements:
        rows = [
            [a.action_title or OWN_ACTION_LABEL, a.what, a.owner, format_value(a.due)]
            for a in session.agreements
        ]
        console.table(["actie", "wat", "wie", "tegen"], rows, title="Afspraken")
    if session.followups:
        console.say("Opvolging: " + ", ".join(format_value(f.date) for f in session.followups))


def _paper(record: AnswerRecord) -> str:
    """Whether the answer may be printed, and why not when it is sensitive."""
    if record.printed:
        return "ja (toestemming)" if record.sensitive else "ja"
    return "nee (gevoelig)" if record.sensitive else "nee"


def _meeting(session: Session | Record) -> str:
    """When, where and how long the planned conversation is, as `prepare` asked it."""
    meeting = session.meeting
    # Meeting.empty, spelled out: `show` reads a Record (no model properties)
    if meeting is None or (
        meeting.time is None and not meeting.place.strip() and meeting.minutes is None
    ):
        return ""
    from loopbaan_cli.documents.context import duration_words, hour_words

    parts = []
    if meeting.time:
        parts.append(hour_words(meeting.time))
    if meeting.place.strip():
        parts.append(meeting.place.strip())
    if meeting.minutes:
        parts.append(f"duurt {duration_words(meeting.minutes)}")
    return " · ".join(parts)


def _person(name: str, role: str) -> str:
    return f"{name} ({role})" if role else name


def listing(result: Listing, as_json: bool) -> None:
    for problem in result.broken:
        console.warn(f"Overgeslagen: {problem}")
    if as_json:
        console.print_json([session_row(s) for s in result.sessions])
    else:
        session_table(result.sessions)


def show(result: Shown) -> None:
    """The conversation, its check-ins, and what became of the earlier ones."""
    conversation(result.session)
    history(result.session, result.earlier)
