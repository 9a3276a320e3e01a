"""How an agreement stands after a check-in: the four statuses and their words, in one table.

The ids (klaar, loopt, vast, geschrapt) are what the session files hold
(`AgreementProgress.status`); everything a person reads or may type for them
(the label in a table, the menu label, the tip under the remark, what an
answers file may say instead) comes from the table below.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from loopbaan_cli.kernel.record import Record
    from loopbaan_cli.sessions.model import Session


class Progress(str, enum.Enum):
    """A status as stored on disk."""

    DONE = "klaar"
    UNDER_WAY = "loopt"
    STUCK = "vast"
    DROPPED = "geschrapt"

    @property
    def label(self) -> str:
        """In a sentence or a table: "zit vast"."""
        return _WORDS[self].label

    @property
    def choice(self) -> str:
        """In the check-in's menu: "Zit vast"."""
        return _WORDS[self].choice

    @property
    def tip(self) -> str:
        """Under the remark that follows the status: what is worth writing down."""
        return _WORDS[self].tip


@dataclass(frozen=True)
class _Words:
    label: str
    choice: str
    tip: str
    aliases: tuple[str, ...]  # what an answers file may say instead of the id


_WORDS = {
    Progress.DONE: _Words(
        "klaar",
        "Klaar",
        "Wat heeft het opgeleverd? Zo zien jullie ook wat werkt.",
        ("gedaan", "done"),
    ),
    Progress.UNDER_WAY: _Words(
        "loopt nog",
        "Loopt nog",
        "Hoe ver staat het, en is de datum nog haalbaar?",
        ("loopt nog", "bezig", "under_way"),
    ),
    Progress.STUCK: _Words(
        "zit vast",
        "Zit vast",
        "Wat houdt het tegen, en wat is er nodig om het los te krijgen?",
        ("zit vast", "zit_vast", "zit-vast", "stuck"),
    ),
    Progress.DROPPED: _Words(
        "geschrapt",
        "Geschrapt (gaat niet door)",
        "Waarom gaat het niet door? Dat is goed om later nog te weten.",
        ("dropped",),
    ),
}
_BY_WORD = {word: p for p in Progress for word in (p.value, *_WORDS[p].aliases)}

# Done or dropped: no deadline left, and not asked about at the next check-in.
# A tuple, not a set: the stored status is a plain str, equal to but not
# hashed like the member.
CLOSED: tuple[Progress, ...] = (Progress.DONE, Progress.DROPPED)
NOT_RATED = "niet besproken"  # a check-in that left an agreement out


def parse(text: str) -> Progress | None:
    """A status as typed in a file ("zit vast", " Klaar") as its member; None when unknown."""
    return _BY_WORD.get(" ".join(text.strip().lower().split()))


def status_label(status: str | None) -> str:
    """A stored status in words; NOT_RATED for none."""
    try:
        return Progress(status).label
    except ValueError:
        return NOT_RATED


def latest_status(session: Session | Record, number: int) -> tuple[str | None, str, dt.date | None]:
    """An agreement's status, remark and check-in date from the latest check-in that rated it."""
    for checkin in reversed(session.checkins):
        if checkin.status != "completed":
            continue
        for entry in checkin.progress:
            if entry.number == number and entry.status is not None:
                return entry.status, entry.remark, checkin.date
    return None, "", None
