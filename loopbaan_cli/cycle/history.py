"""What became of earlier agreements: for `loopbaan show` and the next agreement's export."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from loopbaan_cli.cycle.agenda import STATUS_LABELS, latest_status, of_employee
from loopbaan_cli.kernel import console
from loopbaan_cli.kernel.record import Record
from loopbaan_cli.kernel.values import format_value
from loopbaan_cli.sessions import store

if TYPE_CHECKING:
    from loopbaan_cli.sessions.model import CheckIn, Session


def status_label(status: str | None) -> str:
    return STATUS_LABELS.get(status or "", "niet besproken")


def agreement_rows(session: Session | Record) -> list[dict[str, Any]]:
    """Every agreement of a conversation with its latest status from the check-ins."""
    rows = []
    for number, agreement in enumerate(session.agreements, 1):
        status, remark, checked_on = latest_status(session, number)
        rows.append(
            {
                "number": number,
                "what": agreement.what,
                "action": agreement.action_title or agreement.action or "Eigen actie",
                "due": agreement.due,
                "status": status,
                "status_label": status_label(status) if status else "nog niet opgevolgd",
                "remark": remark,
                "checked_on": checked_on,
            }
        )
    return rows


def earlier_sessions(session: Session | Record) -> list[Record]:
    """The same employee's conversations before this one, newest first (without answers)."""
    name = session.employee.name
    mine = of_employee(store.list_sessions(employee=name).sessions, name)
    here = (session.date, session.created)
    earlier = [s for s in mine if s.id != session.id and (s.date, s.created) < here]
    return sorted(earlier, key=lambda s: (s.date, s.created), reverse=True)


def previous_agreements(session: Session | Record) -> list[dict[str, Any]]:
    """For the export: the employee's earlier completed conversations and how their agreements went.

    A list, newest first, of ``{id, date, conclusion, agreements}``; each
    agreement is ``{number, what, action, due, status, status_label, remark,
    checked_on}`` (status one of klaar, loopt, vast, geschrapt, or None when
    no check-in rated it; status_label in words).
    """
    return [
        {
            "id": s.id,
            "date": s.date,
            "conclusion": s.conclusion.title if s.conclusion else "",
            "agreements": agreement_rows(s),
        }
        for s in earlier_sessions(session)
        if s.status == "completed"
    ]


def show_checkin(session: Session, checkin: CheckIn) -> None:
    title = f"Opvolging van {format_value(checkin.date)}"
    if checkin.status != "completed":
        title += " (nog bezig)"
    rows = [[str(p.number), p.what, status_label(p.status), p.remark] for p in checkin.progress]
    if rows:
        console.table(["nr", "afspraak", "stand", "opmerking"], rows, title=title)
    else:
        console.say(title, style="bold")
    if checkin.difficulties:
        console.say(f"Moeilijkheden: {checkin.difficulties}")
    if checkin.successes:
        console.say(f"Gelukt: {checkin.successes}")
    for label, numbers in (
        ("Nieuwe afspraak", checkin.added),
        ("Gewijzigde afspraak", checkin.changed),
    ):
        for number in numbers:
            if number <= len(session.agreements):
                agreement = session.agreements[number - 1]
                due = f" (tegen {format_value(agreement.due)})" if agreement.due else ""
                console.say(f"{label}: {number}. {agreement.what}{due}")
    if checkin.next:
        console.say(f"Volgende opvolgmoment: {format_value(checkin.next)}")


def show_history(session: Session) -> None:
    """For `loopbaan show`: the check-ins of this conversation and the earlier conversations."""
    for checkin in session.checkins:
        show_checkin(session, checkin)
    if len(session.checkins) > 1 and session.agreements:
        rows = [
            [str(r["number"]), r["what"], r["status_label"], r["remark"]]
            for r in agreement_rows(session)
        ]
        console.table(
            ["nr", "afspraak", "stand nu", "opmerking"], rows, title="Stand van de afspraken"
        )
    earlier = earlier_sessions(session)
    name = session.employee.name
    if not earlier:
        console.say(f"Geen eerdere gesprekken met {name}.", style="dim")
        return
    for other in earlier:
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
