"""What became of earlier agreements: for `loopbaan show` and the next agreement's export.

Pure functions over conversations the caller read: `records` is what the
store's listing gives (every conversation, or one employee's), and only the
employee of `session` is looked at.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from loopbaan_cli.cycle.people import employee_key, of_employee
from loopbaan_cli.cycle.progress import latest_status, status_label
from loopbaan_cli.kernel.text import OWN_ACTION_LABEL

if TYPE_CHECKING:
    from loopbaan_cli.kernel.record import Record
    from loopbaan_cli.sessions.model import Session

NOT_FOLLOWED_UP = "nog niet opgevolgd"  # no check-in rated the agreement yet


def agreement_rows(session: Session | Record) -> list[dict[str, Any]]:
    """Every agreement of a conversation with its latest status from the check-ins."""
    rows = []
    for number, agreement in enumerate(session.agreements, 1):
        status, remark, checked_on = latest_status(session, number)
        rows.append(
            {
                "number": number,
                "what": agreement.what,
                "action": agreement.action_title or agreement.action or OWN_ACTION_LABEL,
                "due": agreement.due,
                "status": status,
                "status_label": status_label(status) if status else NOT_FOLLOWED_UP,
                "remark": remark,
                "checked_on": checked_on,
            }
        )
    return rows


def earlier(records: Iterable[Record], session: Session | Record) -> list[Record]:
    """The same employee's conversations before this one, newest first.

    The same employee: the same id in the register, never a name that looks alike.
    """
    here = (session.date, session.created)
    mine = of_employee(records, employee_key(session.employee))
    before = [s for s in mine if s.id != session.id and (s.date, s.created) < here]
    return sorted(before, key=lambda s: (s.date, s.created), reverse=True)


def previous_agreements(
    records: Iterable[Record], session: Session | Record
) -> list[dict[str, Any]]:
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
            "conclusion": ", ".join(c.title for c in s.conclusions),
            "agreements": agreement_rows(s),
        }
        for s in earlier(records, session)
        if s.status == "completed"
    ]
