"""The follow-up document (`--kind opvolging`): the latest check-in, for the employee.

A check-in (`loopbaan followup`) is kept in the conversation's own file; this
turns the latest completed one into the variable `checkin` the follow-up
templates get: each agreement with its status in the words of
cycle/progress.py, what was done, what changed and the next moment. It reads
nothing beyond the session (so `export --kind opvolging` loads no question
banks), and the check-in holds no private notes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from loopbaan_cli.cycle.progress import NOT_RATED, latest_status, status_label
from loopbaan_cli.kernel.text import OWN_ACTION_LABEL

if TYPE_CHECKING:
    from loopbaan_cli.kernel.record import Record


def latest_checkin(session: Record) -> dict[str, Any] | None:
    """The latest completed check-in as the templates see it; None when there is none yet.

    ``{date, next, successes, difficulties, agreements, done, changes}``:
    ``agreements`` is every agreement with ``{number, what, action, owner,
    due, status, status_label, remark, rated_on, new, changed}`` (``status``
    the stored id or None, ``rated_on`` the date of the check-in that rated
    it); ``done`` the agreements that are klaar; ``changes`` the agreements
    that this check-in added or changed.
    """
    held = [c for c in session.checkins if c.status == "completed"]
    if not held:
        return None
    checkin = held[-1]
    added, changed = set(checkin.added), set(checkin.changed)
    agreements = []
    for number, agreement in enumerate(session.agreements, start=1):
        status, remark, rated_on = latest_status(session, number)
        agreements.append(
            {
                "number": number,
                "what": agreement.what,
                "action": agreement.action_title.strip() or agreement.action or OWN_ACTION_LABEL,
                "owner": agreement.owner.strip(),
                "due": agreement.due,
                "status": status,
                "status_label": status_label(status) if status else NOT_RATED,
                "remark": remark.strip(),
                "rated_on": rated_on,
                "new": number in added,
                "changed": number in changed and number not in added,
            }
        )
    return {
        "date": checkin.date,
        "next": checkin.next,
        "successes": checkin.successes.strip(),
        "difficulties": checkin.difficulties.strip(),
        "agreements": agreements,
        "done": [a for a in agreements if a["status"] == "klaar"],
        "changes": [a for a in agreements if a["new"] or a["changed"]],
    }
