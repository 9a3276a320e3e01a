"""The schemes whose rule depends on the size of the company (levers.yaml `by_size`)."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from loopbaan_cli.banks.library import load_library
from loopbaan_cli.banks.model import Lever
from loopbaan_cli.kernel import paths
from loopbaan_cli.kernel.errors import Severity

BUILTIN = paths.builtin_banks_dir()


def lever(*rules: dict[str, object]) -> Lever:
    return Lever.model_validate(
        {
            "id": "x",
            "title": "Regeling X",
            "what": "Iets.",
            "checked_on": "2026-11-22",
            "by_size": list(rules),
        }
    )


def test_every_scheme_named_by_an_action_exists() -> None:
    library = load_library()
    ids = {lever.id for lever in library.levers}
    named = {i for action in library.actions.values() for i in action.levers}
    assert named and named <= ids
    assert "opleidingsrecht" in library.actions["opleiding"].levers
    assert "tijdskrediet" in library.actions["arbeidstijd_aanpassen"].levers


def test_the_rule_for_a_size_and_the_general_rule() -> None:
    x = lever({"max": 9, "text": "niets."}, {"min": 10, "text": "iets."})
    assert x.rule_for(9) == "Regeling X in je zaak (9 werknemers): niets."
    assert x.rule_for(10) == "Regeling X in je zaak (10 werknemers): iets."
    general = "Regeling X hangt af van de grootte van je zaak: tot 9 werknemers: niets; vanaf 10 werknemers: iets."
    assert x.rule_for(None) == general
    assert lever().rule_for(5) == ""


@pytest.mark.parametrize(
    ("rules", "message"),
    [
        ([{"text": "iets"}], "'min', 'max' of allebei"),
        ([{"min": 10, "max": 5, "text": "iets"}], "max moet minstens"),
        ([{"max": 10, "text": "a"}, {"min": 10, "text": "b"}], "overlappen"),
    ],
)
def test_wrong_size_rules_are_refused(rules: list[dict[str, object]], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        lever(*rules)


def test_an_action_naming_an_unknown_scheme_is_a_warning_at_its_line(home: Path) -> None:
    own = home / "question_banks"
    own.mkdir(parents=True)
    text = (BUILTIN / "actions.yaml").read_text(encoding="utf-8")
    (own / "actions.yaml").write_text(
        text.replace("levers: [tijdskrediet, ", "levers: [tijdskredit, "), encoding="utf-8"
    )
    [problem] = [p for p in load_library().problems if "tijdskredit" in p.message]
    assert problem.file.endswith("actions.yaml") and problem.line > 1
    assert problem.severity == Severity.WARNING
    assert "maar levers.yaml heeft die niet" in problem.message


def test_a_rule_says_when_it_was_checked_and_whether_to_confirm() -> None:
    x = lever({"max": 9, "text": "niets."}, {"min": 10, "text": "iets."})
    assert (
        x.dated_rule(9) == "Regeling X in je zaak (9 werknemers): niets (nagekeken op 22-11-2026)."
    )
    unsure = x.model_copy(update={"to_confirm": True})
    assert unsure.dated_rule(12).endswith(
        "iets (nagekeken op 22-11-2026, nog te bevestigen bij je sociaal secretariaat)."
    )
    assert lever().dated_rule(5) == ""


def test_the_landingsbaan_and_the_plan_for_45_plus_have_their_size_rules() -> None:
    library = load_library()
    levers = {lever.id: lever for lever in library.levers}
    assert "landingsbaan" in library.actions["arbeidstijd_aanpassen"].levers
    assert "werkgelegenheidsplan_45" in library.actions["taken_aanpassen"].levers
    small = levers["landingsbaan"].rule_for(8)
    assert "6 maanden op voorhand" in small and "jouw akkoord" in small
    assert "3 maanden op voorhand" in levers["landingsbaan"].rule_for(40)
    assert "geen plicht" in levers["werkgelegenheidsplan_45"].rule_for(20)
    assert "werkgelegenheidsplan" in levers["werkgelegenheidsplan_45"].rule_for(21)
