"""The check-ins of a conversation and the employee's earlier conversations, as tables."""

from __future__ import annotations

from typing import TYPE_CHECKING

from loopbaan_cli.cycle.history import agreement_rows
from loopbaan_cli.cycle.progress import status_label
from loopbaan_cli.kernel import console
from loopbaan_cli.kernel.values import format_value

if TYPE_CHECKING:
    from loopbaan_cli.kernel.record import Record
    from loopbaan_cli.sessions.model import CheckIn, Session


def checkin(session: Session | Record, held: CheckIn | Record) -> None:
    """One check-in: how each agreement stood, what was hard, what worked, what comes next."""
    title = f"Opvolging van {format_value(held.date)}"
    if held.status != "completed":
        title += " (nog bezig)"
    rows = [[str(p.number), p.what, status_label(p.status), p.remark] for p in held.progress]
    if rows:
        console.table(["nr", "afspraak", "stand", "opmerking"], rows, title=title)
    else:
        console.say(title, style="bold")
    if held.difficulties:
        console.say(f"Moeilijkheden: {held.difficulties}")
    if held.successes:
        console.say(f"Gelukt: {held.successes}")
    for label, numbers in (
        ("Nieuwe afspraak", held.added),
        ("Gewijzigde afspraak", held.changed),
    ):
        for number in numbers:
            if number <= len(session.agreements):
                agreement = session.agreements[number - 1]
                due = f" (tegen {format_value(agreement.due)})" if agreement.due else ""
                console.say(f"{label}: {number}. {agreement.what}{due}")
    if held.next:
        console.say(f"Volgende opvolgmoment: {format_value(held.next)}")


def history(session: Session | Record, earlier: list[Record]) -> None:
    """For `loopbaan show`: this conversation's check-ins, then the earlier conversations."""
    for held in session.checkins:
        checkin(session, held)
    if len(session.checkins) > 1 and session.agreements:
        rows = [
            [str(r["number"]), r["what"], r["status_label"], r["remark"]]
            for r in agreement_rows(session)
        ]
        console.table(
            ["nr", "afspraak", "stand nu", "opmerking"], rows, title="Stand van de afspraken"
        )
    name = session.employee.name
    if not earlier:
        console.say(f"Geen eerdere gesprekken met {name}.", style="dim")
        return
    for other in earlier:
        _earlier(name, other)


def _earlier(name: str, other: Record) -> None:
    title = f"Eerder gesprek met {name}: {format_value(other.date)} ({other.id})"
    if other.status != "completed":
        title += " - niet afgerond"
    rows = [
        [
            str(r["number"]),
            r["what"],
            format_value(r["due"]),
            r["status_label"]
            + (f" ({format_value(r['checked_on'])})" if r["checked_on"] else "")
            + (f": {r['remark']}" if r["remark"] else ""),
        ]
        for r in agreement_rows(other)
    ]
    if rows:
        console.table(["nr", "afspraak", "tegen", "hoe het liep"], rows, title=title)
    else:
        console.say(f"{title}: geen afspraken.")
