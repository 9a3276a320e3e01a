"""Parse what was typed and format answers for people, the same way everywhere."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

# what a follow-up moment is called when nothing more was said about it
DEFAULT_FOLLOWUP = "Opvolgmoment"

# Every date loopbaan keeps lies in these years: a date far outside them is a typing
# error (9999-12-31 breaks the calendar export). sessions/model.py holds files to
# them, and parse_date holds what is typed.
FIRST_DATE = dt.date(1900, 1, 1)
LAST_DATE = dt.date(2100, 12, 31)

_DMY = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")


def parse_date(text: str) -> dt.date:
    """ISO (2026-12-01) or the Belgian day-first form (1/12/2026, 1-12-2026, 1.12.2026)."""
    text = text.strip()
    match = _DMY.match(text)
    try:
        if match:
            day, month, year = (int(g) for g in match.groups())
            found = dt.date(year, month, day)
        else:
            found = dt.date.fromisoformat(text)
    except ValueError:
        raise ValueError(
            f"'{text}' is geen geldige datum; schrijf bv. 2026-12-01 of 1/12/2026"
        ) from None
    return within_range(found)


def within_range(day: dt.date) -> dt.date:
    """`day`, or a ValueError in Dutch when it lies outside FIRST_DATE .. LAST_DATE."""
    plain = day.date() if isinstance(day, dt.datetime) else day  # a datetime compares with no date
    if not FIRST_DATE <= plain <= LAST_DATE:
        raise ValueError(
            f"{day.isoformat()} ligt buiten {FIRST_DATE.year}-{LAST_DATE.year}; "
            "is het jaartal juist getypt?"
        )
    return day


def parse_number(text: str) -> int | float:
    cleaned = text.strip().replace(",", ".")
    try:
        number = float(cleaned)
    except ValueError:
        raise ValueError(f"'{text.strip()}' is geen getal") from None
    if number != number or number in (float("inf"), float("-inf")):
        raise ValueError(f"'{text.strip()}' is geen getal")
    return int(number) if number.is_integer() and "." not in cleaned else number


def format_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Ja" if value else "Nee"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, dt.date):
        return value.strftime("%d-%m-%Y")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def add_months(day: dt.date, months: int) -> dt.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for d in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, d)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def workday(day: dt.date) -> dt.date:
    """A suggested meeting date never falls on a weekend: move it to Monday."""
    return day + dt.timedelta(days=max(0, 7 - day.weekday())) if day.weekday() >= 5 else day
