"""Facts that change (the referral info, the schemes in levers.yaml) carry the day
they were checked; a fact older than six months or past its end date is a
warning of `loopbaan banks validate`.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from loopbaan_cli.kernel import paths
from loopbaan_cli.kernel.errors import Problem, Severity

if TYPE_CHECKING:
    from loopbaan_cli.banks.library import Library

FACT_MAX_AGE_MONTHS = 6


def _months_before(day: dt.date, months: int) -> dt.date:
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


@dataclass(frozen=True)
class _Fact:
    file: str
    loc: tuple[str | int, ...]
    what: str
    checked_on: dt.date | None
    valid_until: dt.date | None


def _facts(library: Library) -> Iterator[_Fact]:
    referral = library.referral
    yield _Fact(
        "referral.yaml",
        ("referral",),
        "de info over loopbaanbegeleiding",
        referral.checked_on,
        referral.valid_until,
    )
    for index, provider in enumerate(referral.providers):
        yield _Fact(
            "referral.yaml",
            ("referral", "providers", index),
            f"de info over {provider.name}",
            provider.checked_on,
            provider.valid_until,
        )
    for index, lever in enumerate(library.levers):
        yield _Fact(
            "levers.yaml",
            ("levers", index),
            f"de regeling '{lever.id}'",
            lever.checked_on,
            lever.valid_until,
        )


def fact_warnings(library: Library, today: dt.date) -> list[Problem]:
    """Dated facts checked more than six months before `today`, or past their end date."""
    oldest = _months_before(today, FACT_MAX_AGE_MONTHS)
    found: list[Problem] = []
    for fact in _facts(library):
        path, marks = library.catalogue_paths.get(fact.file), library.catalogue_marks.get(fact.file)
        if path is None or marks is None:
            continue
        if fact.valid_until is not None and fact.valid_until < today:
            at = marks.at((*fact.loc, "valid_until"))
            message = (
                f"{fact.what} gold tot {fact.valid_until:%d-%m-%Y}: kijk na wat nu geldt, "
                "en pas de tekst, 'valid_until' en 'checked_on' aan"
            )
        elif fact.checked_on is not None and fact.checked_on < oldest:
            at = marks.at((*fact.loc, "checked_on"))
            message = (
                f"{fact.what} werd nagekeken op {fact.checked_on:%d-%m-%Y}, meer dan "
                f"{FACT_MAX_AGE_MONTHS} maanden geleden: kijk ze opnieuw na "
                "en pas 'checked_on' aan"
            )
        else:
            continue
        found.append(Problem(str(path), *at, message, Severity.WARNING))
    return found


def lever_link_warnings(library: Library) -> list[Problem]:
    """An action in an own actions.yaml that names a scheme levers.yaml does not have.

    The built-in actions are not checked: their schemes are built in too (a test
    holds them together); an own levers.yaml that leaves one out only loses its tip.
    """
    path, marks = (
        library.catalogue_paths.get("actions.yaml"),
        library.catalogue_marks.get("actions.yaml"),
    )
    if path is None or marks is None or path.parent == paths.builtin_banks_dir():
        return []
    known = {lever.id for lever in library.levers}
    found = []
    for index, action in enumerate(library.actions.values()):
        for at, lever in enumerate(action.levers):
            if lever not in known:
                line, col = marks.at(("actions", index, "levers", at))
                message = (
                    f"actie '{action.id}' noemt de regeling '{lever}', maar levers.yaml heeft "
                    "die niet; de tip toont ze dus niet"
                )
                found.append(Problem(str(path), line, col, message, Severity.WARNING))
    return found
