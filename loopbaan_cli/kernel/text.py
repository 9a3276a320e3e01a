"""Text for people: Dutch dates, one-line and shortened text, fixed labels.

Shared by every room that writes words a person reads (documents, the
calendar, screens), so a date or a cut-off line looks the same everywhere.
Only the standard library: this module is imported on the way to `--help`.
"""

from __future__ import annotations

import datetime as dt

# what an agreement is called when it is not an action from the catalogue
OWN_ACTION_LABEL = "Eigen actie"

# Spelled out here instead of taken from the locale: the machine's locale may
# be English or missing, the documents are Dutch either way.
MONTHS = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)
WEEKDAYS = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")


def long_date(day: dt.date, *, weekday: bool = False) -> str:
    """22 november 2026 (or zondag 22 november 2026), for paper."""
    text = f"{day.day} {MONTHS[day.month - 1]} {day.year}"
    return f"{WEEKDAYS[day.weekday()]} {text}" if weekday else text


def short_date(day: dt.date) -> str:
    """22-11-2026: the Belgian day-first form, for tables and messages."""
    return day.strftime("%d-%m-%Y")


def one_line(text: str) -> str:
    """Line breaks and runs of spaces become one space: for a title or a summary line."""
    return " ".join(text.split())


def shorten(text: str, length: int = 80) -> str:
    """`text` on one line of at most `length` characters, cut after a word with "…"."""
    text = one_line(text)
    if len(text) <= length:
        return text
    room = max(length - 1, 1)
    cut = text[:room]
    # cut after a whole word, unless the first word alone is too long
    if text[room] != " " and " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:.-") + "…"
