"""Question banks and catalogues: validation as a user sees it, user banks, `banks list --json`."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from helpers import BUILTIN_BANKS, FIXTURES, CliRun, assert_fails

from loopbaan_cli.banks import library as banks
from loopbaan_cli.banks.library import load_library
from loopbaan_cli.banks.types import QUESTION_TYPES

INVALID = FIXTURES / "invalid"
LOCATION = re.compile(r"^(?P<file>.+?):(?P<line>\d+):(?P<col>\d+): fout: ", re.MULTILINE)
WARNING = re.compile(r"^(?P<file>.+?):(?P<line>\d+):(?P<col>\d+): waarschuwing: (?P<text>.*)$")

# A fixed day for everything that checks how old a fact is: never the wall clock.
TODAY = dt.date(2026, 12, 1)


@pytest.fixture(autouse=True)
def _fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(banks, "clock", lambda: TODAY)


def warning_lines(stderr: str) -> list[tuple[str, int, int, str]]:
    """(file name, line, column, message) for every `file:line:col: waarschuwing:` line."""
    found = []
    for line in stderr.splitlines():
        match = WARNING.match(line)
        if match:
            found.append(
                (Path(match["file"]).name, int(match["line"]), int(match["col"]), match["text"])
            )
    return found


def error_lines(stderr: str) -> list[tuple[str, int, int, str]]:
    """(file name, line, column, whole message line) for every `file:line:col: fout:` line."""
    found = []
    for line in stderr.splitlines():
        match = LOCATION.match(line)
        if match:
            found.append((Path(match["file"]).name, int(match["line"]), int(match["col"]), line))
    return found


def user_bank(home: Path, name: str, text: str) -> Path:
    path = home / "question_banks" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def banks_json(run: CliRun) -> dict:
    result = run("banks", "list", "--json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


# --- the built-in data -----------------------------------------------------------


def test_every_builtin_bank_validates(run: CliRun) -> None:
    result = run("banks", "validate")
    assert result.exit_code == 0, result.output
    assert "In orde" in result.stdout
    assert "Traceback" not in result.output


def test_builtin_banks_have_no_warnings(run: CliRun) -> None:
    result = run("banks", "validate")
    assert "waarschuwing" not in result.output, result.stderr


@pytest.mark.parametrize("path", sorted(BUILTIN_BANKS.rglob("*.yaml")), ids=lambda p: p.name)
def test_each_builtin_file_validates_on_its_own(run: CliRun, path: Path) -> None:
    result = run("banks", "validate", path)
    assert result.exit_code == 0, result.output


# --- every failure mode: exit 2, file:line:column at the right place ---------------


@pytest.mark.parametrize(
    ("name", "line", "column", "words"),
    [
        ("unclosed_quote.yaml", 2, 8, "aanhalingsteken"),
        ("tab.yaml", 5, 1, "tab"),
        ("unknown_key.yaml", 10, 9, "bedoelde je 'choices'"),
        ("missing_text.yaml", 7, 9, "'text' ontbreekt"),
        ("duplicate_ids.yaml", 9, 9, "'eerste' komt twee keer voor"),
        ("choice_without_choices.yaml", 7, 9, "heeft 'choices' nodig"),
        ("bad_when.yaml", 11, 9, "ongeldige voorwaarde"),
        ("unknown_reference.yaml", 3, 20, "onbekende levensfase 'tiener'"),
        ("unknown_reference.yaml", 4, 12, "onbekend doel 'vliegen'"),
        ("duplicate_key.yaml", 3, 1, "'title' staat hier twee keer"),
        ("alias.yaml", 4, 5, "ankers en aliassen"),
        ("empty.yaml", 1, 1, "leeg"),
        ("not_utf8.yaml", 2, 11, "UTF-8"),
    ],
)
def test_invalid_bank_points_at_the_line(
    run: CliRun, name: str, line: int, column: int, words: str
) -> None:
    result = run("banks", "validate", INVALID / name)
    assert_fails(result, 2, words)
    where = [(ln, col) for file, ln, col, text in error_lines(result.stderr) if words in text]
    assert (line, column) in where, result.stderr
    assert all(file == name for file, *_ in error_lines(result.stderr))


def test_every_problem_is_reported_at_once(run: CliRun) -> None:
    result = run("banks", "validate", INVALID / "three_errors.yaml")
    assert_fails(result, 2, "3 fouten")
    assert [line for _, line, _, _ in error_lines(result.stderr)] == [7, 11, 12]


def test_every_semantic_problem_is_reported_at_once(run: CliRun) -> None:
    result = run("banks", "validate", INVALID / "three_semantic_errors.yaml")
    assert_fails(result, 2, "3 fouten")
    assert [line for _, line, _, _ in error_lines(result.stderr)] == [3, 10, 14]


def test_several_files_are_all_reported(run: CliRun) -> None:
    result = run("banks", "validate", INVALID / "tab.yaml", INVALID / "missing_text.yaml")
    assert_fails(result, 2)
    assert {file for file, *_ in error_lines(result.stderr)} == {"tab.yaml", "missing_text.yaml"}


def test_validate_a_file_that_does_not_exist(run: CliRun, tmp_path: Path) -> None:
    """Not found is a user error (1), like a missing answers file; 2 is for broken YAML."""
    result = run("banks", "validate", tmp_path / "nergens.yaml")
    assert_fails(result, 1, "nergens.yaml", "bestaat niet")


@pytest.mark.parametrize(
    ("expression", "dutch"),
    [
        ("wil_groeien ==", "de uitdrukking stopt te vroeg"),
        ("keuze == 'Ja", "een aanhalingsteken wordt niet gesloten"),
        ("a = 1", "onverwacht '='"),
        ("a ) b", "onverwacht ')'"),
    ],
)
def test_a_bad_when_is_explained_in_dutch(expression: str, dutch: str) -> None:
    from loopbaan_cli.banks.conditions import Condition, ConditionError

    with pytest.raises(ConditionError) as caught:
        Condition(expression)
    assert dutch in str(caught.value)
    assert "unexpected" not in str(caught.value)


def test_warnings_are_printed_but_do_not_fail(run: CliRun) -> None:
    result = run("banks", "validate", FIXTURES / "warnings" / "warnings.yaml")
    assert result.exit_code == 0, result.output
    assert "In orde" in result.stdout
    warnings = {
        int(m[1]): m[2]
        for m in re.finditer(r"warnings\.yaml:(\d+):\d+: waarschuwing: (.*)", result.stderr)
    }
    assert "geen vragen" in warnings[4]  # empty section
    assert "pas later" in warnings[12]  # `when` names a later question
    assert "twee keer" in warnings[16]  # duplicate choice
    assert "nooit gesteld" in warnings[19]  # constant-false condition
    assert "bestaat niet" in warnings[22]  # `when` names an unknown question


# --- the user's own banks -------------------------------------------------------

MY_KERN = """\
id: kern
title: Mijn eigen kernvragen
sections:
  - id: alles
    title: Alles
    questions:
      - id: mijn_vraag
        text: Wat wil je vandaag bespreken?
"""

NEW_BANK = """\
id: eigen_bank
title: Een eigen bank
purposes: [balans]
sections:
  - id: deel
    title: Deel
    questions:
      - id: fiets
        text: Kom je met de fiets?
        type: confirm
"""

BROKEN = """\
id: kapot
title: Kapotte bank
sections:
  - id: deel
    title: Deel
    questions:
      - id: vraag
        txt: Een tikfout
"""


def test_user_bank_replaces_builtin_with_same_id(run: CliRun, home: Path) -> None:
    user_bank(home, "kern.yaml", MY_KERN)
    banks = {b["id"]: b for b in banks_json(run)["banks"]}
    assert banks["kern"]["source"] == "eigen"
    assert banks["kern"]["title"] == "Mijn eigen kernvragen"
    assert [q["key"] for q in banks["kern"]["questions"]] == ["kern.mijn_vraag"]
    assert banks["fase_starter"]["source"] == "ingebouwd"


def test_user_bank_with_new_id_is_added(run: CliRun, home: Path) -> None:
    builtin_ids = {b["id"] for b in banks_json(run)["banks"]}
    user_bank(home, "sub/eigen.yaml", NEW_BANK)
    banks = {b["id"]: b for b in banks_json(run)["banks"]}
    assert set(banks) == builtin_ids | {"eigen_bank"}
    assert banks["eigen_bank"]["source"] == "eigen"
    assert banks["eigen_bank"]["purposes"] == ["balans"]


def test_enabled_false_switches_a_builtin_bank_off(run: CliRun, home: Path) -> None:
    user_bank(home, "starter_uit.yaml", "id: fase_starter\nenabled: false\n")
    data = banks_json(run)
    assert "fase_starter" not in {b["id"] for b in data["banks"]}
    assert "kern" in {b["id"] for b in data["banks"]}
    validate = run("banks", "validate")
    assert validate.exit_code == 0, validate.output


def test_broken_user_bank_fails_validate_but_not_list(run: CliRun, home: Path) -> None:
    path = user_bank(home, "kapot.yaml", BROKEN)
    validate = run("banks", "validate")
    assert_fails(validate, 2, f"{path}:8:9", "bedoelde je 'text'")

    listing = run("banks", "list", "--json")
    assert listing.exit_code == 0, listing.output
    assert "kapot.yaml" in listing.stderr
    assert "Traceback" not in listing.output
    ids = {b["id"] for b in json.loads(listing.stdout)["banks"]}
    assert "kapot" not in ids
    assert {"kern", "fase_starter", "doel_groei_job"} <= ids

    table = run("banks", "list")
    assert table.exit_code == 0
    assert "kapot.yaml" in table.stderr


def test_broken_user_copy_of_builtin_keeps_the_builtin(run: CliRun, home: Path) -> None:
    user_bank(home, "kern.yaml", BROKEN.replace("id: kapot", "id: kern"))
    listing = run("banks", "list", "--json")
    assert listing.exit_code == 0
    banks = {b["id"]: b for b in json.loads(listing.stdout)["banks"]}
    assert banks["kern"]["source"] == "ingebouwd"
    assert len(banks["kern"]["questions"]) >= 12


def test_broken_user_catalogue_falls_back_to_builtin(run: CliRun, home: Path) -> None:
    user_bank(home, "actions.yaml", "actions:\n  - id: x\n")
    listing = run("banks", "list", "--json")
    assert listing.exit_code == 0
    assert "actions.yaml" in listing.stderr
    assert len(json.loads(listing.stdout)["actions"]) >= 19, "the built-in catalogue"
    assert_fails(run("banks", "validate"), 2, "actions.yaml:2:5")


# --- `banks list --json`: the shape of issue 2, part 8 ----------------------------


def test_banks_list_json_shape(run: CliRun) -> None:
    data = banks_json(run)
    assert {"phases", "purposes", "actions", "conclusions", "banks"} <= set(data)
    for name in ("phases", "purposes", "actions", "conclusions"):
        assert data[name], name
        for entry in data[name]:
            assert {"id", "title"} <= set(entry)
            assert isinstance(entry["id"], str) and isinstance(entry["title"], str)
            assert entry["title"].strip()
    phase_ids = {p["id"] for p in data["phases"]}
    purpose_ids = {p["id"] for p in data["purposes"]}
    for bank in data["banks"]:
        assert {"id", "title", "phases", "purposes", "source", "questions"} <= set(bank)
        assert bank["source"] == "ingebouwd"
        assert set(bank["phases"]) <= phase_ids
        assert set(bank["purposes"]) <= purpose_ids
        assert bank["questions"], bank["id"]
        for question in bank["questions"]:
            assert {"key", "type", "required", "choices", "sensitive"} <= set(question)
            assert isinstance(question["sensitive"], bool)
            assert question["key"].startswith(bank["id"] + ".")
            assert question["type"] in QUESTION_TYPES
            assert isinstance(question["required"], bool)
            assert isinstance(question["choices"], list)
            assert bool(question["choices"]) == (question["type"] in ("choice", "multi_choice"))


def test_core_bank_is_asked_in_every_conversation(run: CliRun) -> None:
    kern = next(b for b in banks_json(run)["banks"] if b["id"] == "kern")
    assert kern["phases"] == [] and kern["purposes"] == []


def test_action_catalogue_has_the_eleven_learning_actions_and_the_levers(run: CliRun) -> None:
    """The seeds' eleven learning actions, and (issue 14) the levers that are no learning."""
    actions = banks_json(run)["actions"]
    ids = [a["id"] for a in actions]
    assert len(ids) >= 19
    assert len(set(ids)) == len(ids)
    assert {"opleiding", "coaching", "arbeidstijd_aanpassen", "job_crafting"} <= set(ids)


def test_conclusions_cover_the_four_outcomes(run: CliRun) -> None:
    ids = {c["id"] for c in banks_json(run)["conclusions"]}
    assert {"groei_huidige_job", "groei_andere_job", "geen_groei_nu", "doorverwijzing"} <= ids


def test_sensitive_questions_are_marked_in_the_json(run: CliRun) -> None:
    keys = {q["key"]: q["sensitive"] for b in banks_json(run)["banks"] for q in b["questions"]}
    assert keys["doel_laatste_loopbaanfase.pensioenjaar"] is True
    assert keys["kern.wat_graag"] is False


def test_referral_info_says_when_it_was_checked() -> None:
    library = load_library()
    assert isinstance(library.referral.checked_on, dt.date)
    assert library.referral.checked_on <= TODAY
    assert library.referral.providers
    assert library.conclusions["doorverwijzing"].referral


# --- facts that change: checked_on and valid_until, against a fixed clock ------------

REFERRAL = """referral:
  checked_on: {checked_on}
  intro: Wanneer je doorverwijst.
  providers:
    - name: Loopbaancentrum
      what: Begeleiding.
      how: Met een cheque.
      valid_until: {valid_until}
    - name: Vakbond
      what: Begeleiding.
      how: Maak een afspraak.
      checked_on: {provider_checked_on}
"""

LEVERS = """levers:
  - id: vers
    title: Vers nagekeken
    what: Iets wat pas nagekeken is.
    checked_on: 2026-11-30
  - id: oud
    title: Oud
    what: Iets wat lang geleden nagekeken is.
    checked_on: 2026-05-31
  - id: net_zes_maanden
    title: Precies zes maanden
    what: Zes maanden is nog niet te oud.
    checked_on: 2026-06-01
  - id: verlopen
    title: Verlopen
    what: Iets wat maar tot gisteren gold.
    checked_on: 2026-11-30
    valid_until: 2026-11-30
  - id: geldt_nog
    title: Geldt nog
    what: Vandaag is de laatste dag.
    checked_on: 2026-11-30
    valid_until: 2026-12-01
"""


def fact_warnings(home: Path, **dates: str) -> list[tuple[str, int, int, str]]:
    user_bank(home, "levers.yaml", LEVERS)
    user_bank(home, "referral.yaml", REFERRAL.format(**dates))
    library = load_library(today=TODAY)
    return [
        (Path(p.file).name, p.line, p.column, p.message)
        for p in library.problems
        if p.severity == "waarschuwing"
    ]


def test_fresh_facts_give_no_warning(home: Path) -> None:
    found = fact_warnings(
        home, checked_on="2026-11-22", valid_until="2026-12-31", provider_checked_on="2026-07-01"
    )
    assert [w for w in found if w[0] == "referral.yaml"] == []


def test_a_fact_older_than_six_months_is_a_warning(home: Path) -> None:
    found = fact_warnings(
        home, checked_on="2026-05-01", valid_until="2026-12-31", provider_checked_on="2026-05-31"
    )
    assert ("referral.yaml", 2, 3) in [w[:3] for w in found]
    assert ("referral.yaml", 12, 7) in [w[:3] for w in found]  # the provider's own date
    assert ("levers.yaml", 9, 5) in [w[:3] for w in found]  # oud
    for *_, message in found:
        assert "meer dan 6 maanden geleden" in message or "gold tot" in message
    names = " ".join(message for *_, message in found)
    assert "'oud'" in names and "Vakbond" in names
    assert "'vers'" not in names and "'net_zes_maanden'" not in names


def test_a_fact_past_its_end_date_is_a_warning(home: Path) -> None:
    found = fact_warnings(
        home, checked_on="2026-11-22", valid_until="2026-11-30", provider_checked_on="2026-11-22"
    )
    expired = [w for w in found if "gold tot" in w[3]]
    assert [(w[0], w[1], w[2]) for w in expired] == [
        ("referral.yaml", 8, 7),
        ("levers.yaml", 18, 5),
    ]
    assert "30-11-2026" in expired[0][3] and "'verlopen'" in expired[1][3]
    assert not any("'geldt_nog'" in w[3] for w in found)


def test_validate_reports_old_facts_with_the_clock_it_is_given(
    run: CliRun, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fresh = run("banks", "validate")
    assert "waarschuwing" not in fresh.output
    monkeypatch.setattr(banks, "clock", lambda: dt.date(2027, 7, 1))
    result = run("banks", "validate")
    assert result.exit_code == 0, result.output  # a warning, not an error
    found = warning_lines(result.stderr)
    assert {"referral.yaml", "levers.yaml"} <= {name for name, *_ in found}
    assert all("nagekeken" in text or "gold tot" in text for *_, text in found)
    assert "waarschuwing(en)" in result.stdout


# --- plain wording: a bank that gives it, gives it for every question --------------

PLAIN = """id: eenvoudig
title: Eenvoudig
sections:
  - id: deel
    title: Deel
    questions:
      - id: met
        text: Welke opleiding zou je graag volgen, als je zelf mocht kiezen?
        plain: Welke cursus wil je volgen?
      - id: zonder
        text: Hoe zou je die opleiding het liefst combineren met je werk?
"""


def test_a_question_without_plain_wording_is_a_warning(run: CliRun, tmp_path: Path) -> None:
    path = tmp_path / "eenvoudig.yaml"
    path.write_text(PLAIN, encoding="utf-8")
    result = run("banks", "validate", path)
    assert result.exit_code == 0, result.output
    found = warning_lines(result.stderr)
    assert [(line, col) for _, line, col, _ in found] == [(10, 9)]
    assert "'zonder'" in found[0][3] and "eenvoudige taal" in found[0][3]


def test_a_bank_without_any_plain_wording_is_left_alone(run: CliRun, tmp_path: Path) -> None:
    path = tmp_path / "eenvoudig.yaml"
    path.write_text(PLAIN.replace("        plain: Welke cursus wil je volgen?\n", ""))
    result = run("banks", "validate", path)
    assert result.exit_code == 0, result.output
    assert "waarschuwing" not in result.stderr


# --- issue 2, part 3: the first real set of content --------------------------------


def test_content_covers_every_phase_and_the_main_purposes() -> None:
    library = load_library()
    banks = [lb.bank for lb in library.banks.values() if lb.bank.kind == "conversation"]
    kern = library.banks["kern"].bank
    assert len(kern.questions()) >= 12
    assert len(kern.sections) >= 3
    assert all(q.tip.strip() for _, q in kern.questions()), "every core question has a tip"
    for phase in library.phases:
        assert any(phase in b.phases for b in banks), f"no bank for phase {phase}"
    for purpose in ("groei_job", "herorientatie", "balans", "vijf_jaar", "laatste_loopbaanfase"):
        serving = [b for b in banks if purpose in b.purposes]
        assert serving, f"no bank for purpose {purpose}"
        assert max(len(b.questions()) for b in serving) >= 5, purpose


def test_banks_list_table_for_people(run: CliRun) -> None:
    result = run("banks", "list")
    assert result.exit_code == 0
    assert "kern" in result.stdout
    assert "ingebouwd" in result.stdout
