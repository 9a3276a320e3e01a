"""What the who-and-when form (meta.py) refuses, with the notice that asks again."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from loopbaan_cli.sessions.employees import FIRST_YEAR, service_start_problem
from loopbaan_cli.sessions.model import TIME_HINT, meeting_time


def _check_year(value: Any) -> str:
    if value is None or _plausible_year(value):
        return ""
    return "Geef een jaartal, bijvoorbeeld 2045."


def _plausible_year(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 1950 <= value <= 2100


def _check_service_start(value: Any) -> str:
    if not service_start_problem(value):
        return ""
    return f"Geef een datum van indiensttreding tussen {FIRST_YEAR} en vandaag, of laat het leeg."


def _check_time(value: Any) -> str:
    try:
        meeting_time(value.strip() if isinstance(value, str) else value)
    except ValueError:
        return f"Dat is geen uur: {TIME_HINT}."
    return ""


def _check_minutes(value: Any) -> str:
    if value is None or (isinstance(value, int) and 5 <= value <= 480):
        return ""
    return "Geef de duur in minuten, tussen 5 en 480 (bv. 75)."


CHECKS: dict[str, Callable[[Any], str]] = {
    "retirement_year": _check_year,
    "service_start": _check_service_start,
    "meeting_time": _check_time,
    "meeting_minutes": _check_minutes,
}
