"""The who-and-when form refuses what an --answers file refuses: the same rules (sessions/model.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from loopbaan_cli.conversation.meta_checks import CHECKS

THIS_YEAR = dt.date.today().year


@pytest.mark.parametrize("year", [3, -5, 1950, THIS_YEAR - 2, THIS_YEAR + 61, True, "2045"])
def test_an_implausible_retirement_year_is_asked_again(year: object) -> None:
    notice = CHECKS["retirement_year"](year)
    assert "jaartal" in notice and notice.endswith(".")


@pytest.mark.parametrize("year", [None, THIS_YEAR - 1, THIS_YEAR + 20, THIS_YEAR + 60])
def test_a_plausible_retirement_year_passes(year: object) -> None:
    assert CHECKS["retirement_year"](year) == ""


def test_a_service_start_far_in_the_future_is_asked_again() -> None:
    later = dt.date.today() + dt.timedelta(days=800)
    assert "indiensttreding" in CHECKS["service_start"](later)
    assert "indiensttreding" in CHECKS["service_start"](dt.date(1900, 1, 1))
    assert CHECKS["service_start"](dt.date.today() + dt.timedelta(days=30)) == ""
    assert CHECKS["service_start"](dt.date(1990, 5, 1)) == ""
    assert CHECKS["service_start"](None) == ""
