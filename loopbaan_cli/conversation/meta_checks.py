"""What the who-and-when form (meta.py) refuses, with the notice that asks again."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from loopbaan_cli.sessions.model import (
    TIME_HINT,
    Employee,
    input_problems,
    meeting_time,
    retirement_year_problem,
)


def _check_year(value: Any) -> str:
    # The same rule as an --answers file (sessions/model.input_problems).
    today = dt.date.today()
    if value is None:
        return ""
    if not isinstance(value, int) or isinstance(value, bool):
        return retirement_year_problem(today).capitalize() + "."
    problem = input_problems(_with(retirement_year=value), today)
    return problem.get("retirement_year", "").capitalize() + ("." if problem else "")


def _check_service_start(value: Any) -> str:
    if not isinstance(value, dt.date):
        return ""
    problem = input_problems(_with(service_start=value), dt.date.today())
    return problem.get("service_start", "").capitalize() + ("." if problem else "")


def _with(**facts: Any) -> Employee:
    # model_construct: the year is checked here, not by the model's wider file range
    return Employee.model_construct(name="?", **facts)


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
