"""`when` conditions are bounded: a monstrous one is a ConditionError, never a RecursionError."""

from __future__ import annotations

import pytest

from loopbaan_cli.banks.conditions import (
    MAX_CONDITION_CHARS,
    MAX_CONDITION_DEPTH,
    Condition,
    ConditionError,
)


@pytest.mark.parametrize(
    ("source", "needle"),
    [
        ("(" * 100 + "x" + ")" * 100, "te diep genest"),
        ("[" * 300 + "]" * 300, "te diep genest"),
        ("not " * 20 + "x", "te diep genest"),
        ("x == '" + "a" * MAX_CONDITION_CHARS + "'", "te lang"),
        ("-" * 900 + "1", "te"),
        ("x" + " + x" * 400, "te"),
    ],
)
def test_a_monstrous_condition_is_refused_in_dutch(source: str, needle: str) -> None:
    with pytest.raises(ConditionError, match=needle):
        Condition(source)


def test_real_conditions_stay_well_within_the_bounds() -> None:
    nested = "(" * MAX_CONDITION_DEPTH + "x" + ")" * MAX_CONDITION_DEPTH
    assert Condition(nested)({"x": True}) is True
    assert Condition("richting == '(((' and not (a or (b and c))")({"richting": "((("}) is True
    assert Condition("'Opleiding' in (wensen or [])")({"wensen": ["Opleiding"]}) is True
