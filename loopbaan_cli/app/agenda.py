"""`loopbaan agenda`: the rules of cycle/agenda.py over every conversation on disk."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from loopbaan_cli.cycle import agenda as rules
from loopbaan_cli.cycle.settings import Settings
from loopbaan_cli.kernel.errors import Problem
from loopbaan_cli.kernel.record import Record
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
    rows, broken = store.listed(_COLUMNS)
    fetch = store.summaries()
    items = rules.build(
        # one by one: build lets each employee's conversations go once their items are made
        (_Conversation(row, fetch) for row in rows),
        today,
        settings=settings,
        show_all=show_all,
        register=employees.read(),
    )
    return Agenda(items, broken, today, show_all, settings)


# what the rules read of every conversation; the rest (follow-ups, check-ins,
# agreements) only of each employee's latest completed one
_COLUMNS = (
    "id",
    "status",
    "date",
    "created",
    "next_conversation",
    "employee_id",
    "employee_name",
    "service_start",
    "retirement_year",
    "size",
    "mtime_ns",
    "inode",
)


def _day(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


class _Conversation(Record):
    """A conversation as the rules read it: the listed columns at hand, the rest fetched once asked.

    20,000 of them wait in memory until their employee's turn, so each is its
    index row and nothing more: the fields are read from the row when asked
    (parsing a date costs less than keeping 60,000 of them), and the whole
    summary (from the index, or the file when it changed since) only for the
    few whose follow-ups are read.
    """

    __slots__ = ("_row",)

    def __init__(
        self, row: tuple[Any, ...], fetch: Callable[[str, tuple[int, int, int]], Record]
    ) -> None:
        super().__init__(_Whole(fetch, row[0], (row[10], row[11], row[12])))
        object.__setattr__(self, "_row", row)

    @property
    def id(self) -> str:
        return self._row[1]  # type: ignore[no-any-return]

    @property
    def status(self) -> str:
        return self._row[2]  # type: ignore[no-any-return]

    @property
    def date(self) -> dt.date | None:
        return _day(self._row[3])

    @property
    def created(self) -> dt.datetime | None:
        return dt.datetime.fromisoformat(self._row[4]) if self._row[4] else None

    @property
    def next_conversation(self) -> dt.date | None:
        return _day(self._row[5])

    @property
    def employee(self) -> Record:
        row = self._row
        return Record(
            {
                "id": row[6],
                "name": row[7],
                "service_start": _day(row[8]),
                "retirement_year": row[9],
            }
        )


class _Whole(Mapping[str, Any]):
    """A summary read only when first needed."""

    __slots__ = ("_fetch", "_key", "_name", "_whole")

    def __init__(
        self,
        fetch: Callable[[str, tuple[int, int, int]], Record],
        name: str,
        key: tuple[int, int, int],
    ) -> None:
        self._fetch, self._name, self._key = fetch, name, key
        self._whole: Mapping[str, Any] | None = None

    def _get(self) -> Mapping[str, Any]:
        if self._whole is None:
            self._whole = self._fetch(self._name, self._key)
        return self._whole

    def __getitem__(self, key: str) -> Any:
        return self._get()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._get())

    def __len__(self) -> int:
        return len(self._get())
