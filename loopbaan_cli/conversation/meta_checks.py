"""What the who-and-when form (meta.py) refuses, with the notice that asks again."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

# The session model (pydantic) is imported by the checks themselves: the form
# that uses them is built before `start` draws its first question.


def _check_year(value: Any) -> str:
    # The same rules as an --answers file (sessions/model.input_problems).
    from loopbaan_cli.sessions.model import input_problems

    return _said(input_problems(None, value, dt.date.today()).get("retirement_year", ""))


def _check_service_start(value: Any) -> str:
    from loopbaan_cli.sessions.model import input_problems

    return _said(input_problems(value, None, dt.date.today()).get("service_start", ""))


def _said(problem: str) -> str:
    """A problem as the notice above the question asked again: a sentence."""
    return f"{problem[:1].upper()}{problem[1:]}." if problem else ""


def _check_time(value: Any) -> str:
    from loopbaan_cli.sessions.model import TIME_HINT, meeting_time

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
