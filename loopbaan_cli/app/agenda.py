"""`loopbaan agenda`: the rules of cycle/agenda.py over every conversation on disk."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from loopbaan_cli.cycle import agenda as rules
from loopbaan_cli.cycle.settings import Settings
from loopbaan_cli.kernel.errors import Problem
from loopbaan_cli.sessions import employees, store


@dataclass(frozen=True)
class Agenda:
    items: list[rules.Item]
    broken: list[Problem]  # session files that could not be read: skipped
    today: dt.date
    show_all: bool
    settings: Settings


def agenda(
    show_all: bool = False, interval: float | None = None, today: dt.date | None = None
) -> Agenda:
    """What is due: `interval` (--interval) wins over config.yaml's interval_years."""
    today = today or dt.date.today()
    settings = Settings.load().with_interval(interval)
    listing = store.list_sessions()
    items = rules.build(
        listing.sessions,
        today,
        settings=settings,
        show_all=show_all,
        register=employees.read(),
    )
    return Agenda(items, listing.broken, today, show_all, settings)
