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


@pytest.mark.parametrize(
    "source", ["'x' * 10000000000 == vraag", "9 ** 99999999 == vraag", "[1] * 10**9 == vraag"]
)
def test_a_condition_cannot_eat_the_memory(source: str) -> None:
    """Refused while evaluated; like any failing condition, the question is then asked."""
    assert Condition(source)({"vraag": "x"}) is True


def test_small_arithmetic_still_works() -> None:
    assert Condition("vraag * 2 == 8 and 2 ** 3 == 8 and 'ab' * 2 == 'abab'")({"vraag": 4}) is True
    assert Condition("vraag * 2 == 8")({"vraag": 5}) is False
