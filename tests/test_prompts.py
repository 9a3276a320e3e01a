"""The hint line under a question: only keys that do something there."""

from __future__ import annotations

import datetime as dt

import pytest

from loopbaan_cli.asking import ALL_NAV, Ask
from loopbaan_cli.prompts import hint

NAV = "Ctrl-T terug · Ctrl-O overslaan · Ctrl-N notitie · Ctrl-P pauze"


@pytest.mark.parametrize(
    ("kind", "default"),
    [
        ("text", "Sofie Maes"),
        ("date", dt.date(2027, 2, 22)),
        ("scale", 3),
        ("long_text", "Een draft"),
    ],
)
def test_a_suggestion_to_edit_says_how_to_clear_it(kind: str, default: object) -> None:
    """Typing adds to a prefilled suggestion; the hint says how to start from scratch."""
    assert (
        hint(Ask("k", "Wie doet het?", kind, default=default, nav=ALL_NAV))
        == f"{NAV} · Ctrl-U wissen"
    )  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("kind", "default"), [("text", None), ("text", ""), ("confirm", True), ("choice", "spitsuur")]
)
def test_no_clear_key_where_nothing_stands_to_clear(kind: str, default: object) -> None:
    assert hint(Ask("k", "Vraag?", kind, default=default, nav=ALL_NAV)) == NAV  # type: ignore[arg-type]
