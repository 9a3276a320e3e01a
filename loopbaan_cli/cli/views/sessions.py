"""`loopbaan list` and `loopbaan show`: the conversations, and one conversation whole."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from loopbaan_cli.banks.types import TYPES
from loopbaan_cli.cli.views.history import history
from loopbaan_cli.cli.views.tables import id_table
from loopbaan_cli.kernel import console
from loopbaan_cli.kernel.shell import command_for
from loopbaan_cli.kernel.text import OWN_ACTION_LABEL
from loopbaan_cli.kernel.values import format_value

if TYPE_CHECKING:
    from loopbaan_cli.app.sessions import Listing, Overview, Shown
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


def overview(result: Overview, as_json: bool) -> None:
    """`list` over every conversation, from the index's rows (app/sessions.py, the columns)."""
    for problem in result.broken:
        console.warn(f"Overgeslagen: {problem}")
    if as_json:
        for part in _overview_json(result.rows):
            console.json_text(part)
        return
    if not result.rows:
        console.say(f"Nog geen gesprekken. Begin er een met: {command_for('start')}")
        return
    rows = [
        # the date as format_value writes it (dd-mm-jjjj), from its ISO text
        [r[1], r[2], f"{r[3][8:10]}-{r[3][5:7]}-{r[3][:4]}", r[5] or r[4], STATUS.get(r[6], r[6])]
        for r in result.rows
    ]
    id_table(["id", "medewerker", "datum", "levensfase", "status"], rows)


def _overview_json(rows: list[tuple[Any, ...]], chunk: int = 1000) -> Iterator[str]:
    """The rows as `print_json([session_row(s) ...])` writes them, in parts of `chunk` objects.

    json.dumps with an indent runs in Python; here each text goes through the C
    encoder and the layout is a template (tests/cli/test_list_overview.py
    compares both). Written part by part, 20,000 objects are never one string.
    Each part is a line for console.json_text, which ends it with a line break.
    """
    import json
    from json.encoder import encode_basestring  # ensure_ascii=False: the text as it is

    def value(v: Any) -> str:
        return "null" if v is None else encode_basestring(v) if type(v) is str else json.dumps(v)

    laid_out: dict[str, str] = {}  # 20,000 rows share a few dozen lists of purposes

    def listed(text: str) -> str:
        found = laid_out.get(text)
        if found is None:
            items = json.loads(text)
            found = laid_out[text] = (
                "[\n" + ",\n".join(f"      {value(i)}" for i in items) + "\n    ]"
                if items
                else "[]"
            )
        return found

    if not rows:
        yield "[]"
        return
    yield "["
    for start in range(0, len(rows), chunk):
        objects = [
            f'  {{\n    "id": {value(r[1])},\n    "employee": {value(r[2])},\n'
            f'    "role": {value(r[3])},\n    "interviewer": {value(r[4])},\n'
            f'    "date": {value(r[5])},\n    "phase": {value(r[6])},\n'
            f'    "purposes": {listed(r[8])},\n    "status": {value(r[9])},\n'
            f'    "updated": {value(r[10])}\n  }}'
            for r in rows[start : start + chunk]
        ]
        yield ",\n".join(objects) + ("," if start + chunk < len(rows) else "")
    yield "]"


def show(result: Shown) -> None:
    """The conversation, its check-ins, and what became of the earlier ones."""
    conversation(result.session)
    history(result.session, result.earlier)
