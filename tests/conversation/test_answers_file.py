"""`loopbaan start --answers FILE`: the scriptable face, as a script would use it."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from helpers import FIXTURES, CliRun, assert_fails

from loopbaan_cli.sessions import store

ANSWERS = FIXTURES / "answers"
COMPLETE = ANSWERS / "complete.yaml"


@pytest.fixture
def proef_bank(home: Path) -> Path:
    """A user bank with a choice, a scale and a required question (see fixtures/answers)."""
    folder = home / "question_banks"
    folder.mkdir(parents=True)
    return Path(shutil.copy(ANSWERS / "proef_bank.yaml", folder / "proef.yaml"))


def no_sessions(home: Path) -> bool:
    return not list((home / "sessions").glob("*.yaml")) if (home / "sessions").exists() else True


def test_complete_file_makes_a_completed_session(run: CliRun, home: Path) -> None:
    result = run("start", "--answers", COMPLETE, "--no-input", "--json")
    assert result.exit_code == 0, result.output
    printed = json.loads(result.stdout)
    assert set(printed) == {"id", "path"}
    assert printed["id"] == "2026-11-22-an-peeters"
    path = Path(printed["path"])
    assert path == home / "sessions" / "2026-11-22-an-peeters.yaml"
    assert path.is_file()

    session = store.load(printed["id"])
    assert session.status == "completed"
    assert session.employee.name == "An Peeters"
    assert session.interviewer.role == "zaakvoerder"
    assert session.phase == "spitsuur" and session.purposes == ["groei_job"]
    assert session.answers["kern.tevredenheid"].value == 4
    # the question text is copied into the session as it was asked
    assert session.answers["kern.tevredenheid"].question.endswith("?")
    note = session.answers["kern.wat_graag"]
    assert note.private is True and note.note.startswith("GEHEIM")
    assert session.conclusion is not None and session.conclusion.id == "groei_huidige_job"
    assert session.conclusion.text == "An groeit verder als boekhouder."
    [agreement] = session.agreements
    assert (agreement.action, agreement.due) == ("opleiding", dt.date(2027, 2, 1))
    assert agreement.action_title  # filled from the catalogue
    assert [f.date for f in session.followups] == [dt.date(2027, 2, 22), dt.date(2027, 5, 21)]
    assert session.reachability == "Elke ochtend op de werkvloer."


def test_without_json_says_where_it_was_saved(run: CliRun) -> None:
    result = run("start", "--answers", COMPLETE, "--no-input")
    assert result.exit_code == 0
    assert "2026-11-22-an-peeters" in result.stdout


def test_same_file_twice_gets_a_new_id(run: CliRun) -> None:
    first = json.loads(run("start", "--answers", COMPLETE, "--no-input", "--json").stdout)
    second = json.loads(run("start", "--answers", COMPLETE, "--no-input", "--json").stdout)
    assert second["id"] == first["id"] + "-2"
    assert Path(first["path"]).is_file() and Path(second["path"]).is_file()


def test_saved_session_file_can_be_fed_back(run: CliRun, home: Path, tmp_path: Path) -> None:
    first = json.loads(run("start", "--answers", COMPLETE, "--no-input", "--json").stdout)
    copy = tmp_path / "kopie.yaml"
    shutil.copy(first["path"], copy)
    result = run("start", "--answers", copy, "--no-input", "--json")
    assert result.exit_code == 0, result.output
    again = store.load(json.loads(result.stdout)["id"])
    original = store.load(first["id"])
    assert again.id != original.id
    assert again.answers == original.answers
    assert again.agreements == original.agreements
    assert again.conclusion == original.conclusion
    assert again.followups == original.followups


def test_date_defaults_to_today(run: CliRun, tmp_path: Path) -> None:
    text = COMPLETE.read_text(encoding="utf-8").replace("date: 2026-11-22\n", "")
    answers = tmp_path / "zonder_datum.yaml"
    answers.write_text(text, encoding="utf-8")
    result = run("start", "--answers", answers, "--no-input", "--json")
    assert result.exit_code == 0, result.output
    assert store.load(json.loads(result.stdout)["id"]).date == dt.date.today()


# --- what is missing or wrong: every item, with its place ---------------------------


def test_no_input_lists_every_missing_item(run: CliRun, home: Path, proef_bank: Path) -> None:
    path = ANSWERS / "missing.yaml"
    result = run("start", "--answers", path, "--no-input")
    assert_fails(result, 1, str(path))
    missing = [line for line in result.stderr.splitlines() if "ontbreekt" in line]
    assert len(missing) == 4, result.stderr
    for needle in ("employee", "phase", "conclusion", "proef.verplicht"):
        assert any(needle in line for line in missing), needle
    assert all(line.startswith(f"{path}:") for line in missing)
    assert "interviewer" not in result.stderr
    assert no_sessions(home)


def test_invalid_values_each_listed_with_file_line_column(
    run: CliRun, home: Path, proef_bank: Path
) -> None:
    path = ANSWERS / "invalid_values.yaml"
    result = run("start", "--answers", path, "--no-input")
    assert_fails(result, 1, "4 fouten")
    expected = {
        7: "'Paars' is geen keuze",  # choice not in the list
        8: "9 ligt buiten de schaal 1 tot 5",  # scale out of range
        9: "onbekende vraag 'proef.bestaat_niet'",  # unknown question key
        13: "onbekende actie 'vliegen'",  # unknown action
    }
    for line, words in expected.items():
        assert any(
            text.startswith(f"{path}:{line}:") and words in text
            for text in result.stderr.splitlines()
        ), (line, words, result.stderr)
    assert no_sessions(home)


def test_unknown_phase_and_purpose_listed_and_answers_still_checked(
    run: CliRun, proef_bank: Path
) -> None:
    path = ANSWERS / "unknown_phase.yaml"
    result = run("start", "--answers", path, "--no-input")
    assert_fails(
        result,
        1,
        f"{path}:3:1: fout: onbekende levensfase 'tiener'",
        f"{path}:4:23: fout: onbekend doel 'vliegen'",
        f"{path}:6:3: fout: proef.cijfer: 0 ligt buiten de schaal",
    )
    assert "hoort niet bij" not in result.stderr


def test_value_errors_without_no_input_too(run: CliRun, proef_bank: Path) -> None:
    # invalid values stop the run before any question is asked, terminal or not
    result = run("start", "--answers", ANSWERS / "invalid_values.yaml")
    assert_fails(result, 1, "'Paars' is geen keuze")


def test_yaml_syntax_error_in_answers_file_is_exit_2(run: CliRun, home: Path) -> None:
    path = ANSWERS / "syntax_error.yaml"
    result = run("start", "--answers", path, "--no-input")
    assert_fails(result, 2, f"{path}:5:")
    assert "ongeldige YAML" in result.stderr
    assert "not allowed" not in result.stderr, "the YAML message is in Dutch"
    assert no_sessions(home)


def test_misspelled_top_level_key_is_named_with_suggestion(run: CliRun) -> None:
    path = ANSWERS / "unknown_top_key.yaml"
    result = run("start", "--answers", path, "--no-input")
    assert result.exit_code != 0
    assert_fails(result, result.exit_code, f"{path}:1:1", "bedoelde je 'employee'")


@pytest.mark.parametrize(
    ("content", "words"),
    [("", "leeg"), ("- een\n- lijst\n", "sleutel"), (b"naam: Ren\xe9\n", "UTF-8")],
)
def test_unusable_answers_file(
    run: CliRun, tmp_path: Path, content: str | bytes, words: str
) -> None:
    path = tmp_path / "antwoorden.yaml"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    result = run("start", "--answers", path, "--no-input")
    assert result.exit_code in (1, 2)
    assert_fails(result, result.exit_code, str(path), words)


def test_answers_file_that_does_not_exist(run: CliRun, tmp_path: Path) -> None:
    result = run("start", "--answers", tmp_path / "nergens.yaml", "--no-input")
    assert result.exit_code in (1, 2)
    assert_fails(result, result.exit_code, "nergens.yaml", "bestaat niet")


# --- no terminal ------------------------------------------------------------------


def test_start_without_terminal_or_answers_points_to_answers(run: CliRun, home: Path) -> None:
    result = run("start")
    assert_fails(result, 1, "--answers")
    assert "terminal" in result.stderr
    assert no_sessions(home)


def test_no_input_needs_an_answers_file(run: CliRun) -> None:
    assert_fails(run("start", "--no-input"), 1, "--answers")


def test_answers_without_no_input_needs_a_terminal(run: CliRun) -> None:
    result = run("start", "--answers", COMPLETE)
    assert_fails(result, 1, "--no-input")


# --- what goes on paper, several conclusions, the summary (issue 13) ------------------


def write_answers(tmp_path: Path, extra: str, *, drop: str = "") -> Path:
    """complete.yaml with lines added (and a top-level key left out)."""
    lines = COMPLETE.read_text(encoding="utf-8").splitlines(keepends=True)
    if drop:
        lines = [ln for ln in lines if not ln.startswith(f"{drop}:")]
    path = tmp_path / "antwoorden.yaml"
    path.write_text("".join(lines) + extra, encoding="utf-8")
    return path


def test_printed_summary_and_several_conclusions(run: CliRun, home: Path, tmp_path: Path) -> None:
    path = write_answers(
        tmp_path,
        "summary: We spraken over de balie en een opleiding.\n"
        "conclusions: [geen_groei_nu, {id: doorverwijzing, text: Naar een loopbaancentrum.}]\n"
        "printed: {kern.tevredenheid: true, kern.wat_graag: false}\n",
        drop="conclusion",
    )
    result = run("start", "--answers", path, "--no-input", "--json")
    assert result.exit_code == 0, result.output
    session = store.load(json.loads(result.stdout)["id"])
    assert session.summary == "We spraken over de balie en een opleiding."
    assert [c.id for c in session.conclusions] == ["geen_groei_nu", "doorverwijzing"]
    assert session.conclusions[1].text == "Naar een loopbaancentrum."
    assert session.conclusions[1].referral_info  # a referral brings its info
    assert session.answers["kern.tevredenheid"].printed is True  # a score, printed on request
    assert session.answers["kern.wat_graag"].printed is False
    assert session.answers["kern.richting"].printed is True  # the default


def test_answers_file_defaults_for_sensitive_answers_and_scores(
    run: CliRun, home: Path, tmp_path: Path
) -> None:
    text = COMPLETE.read_text(encoding="utf-8").replace(
        "answers:\n", "answers:\n  kern.jaren_nog: 12\n"
    )
    path = tmp_path / "antwoorden.yaml"
    path.write_text(text, encoding="utf-8")
    result = run("start", "--answers", path, "--no-input", "--json")
    assert result.exit_code == 0, result.output
    session = store.load(json.loads(result.stdout)["id"])
    years = session.answers["kern.jaren_nog"]
    assert (years.sensitive, years.printed) == (True, False)
    assert session.answers["kern.tevredenheid"].printed is False
    assert session.conclusion is not None and session.conclusion.id == "groei_huidige_job"


def test_answers_file_printed_and_conclusions_errors_are_dutch(
    run: CliRun, home: Path, tmp_path: Path
) -> None:
    path = write_answers(
        tmp_path,
        "conclusions: [geen_groei_nu, alles_kapot]\n"
        "printed: {kern.bestaat_niet: true, kern.plaats_werk: true}\n",
    )
    result = run("start", "--answers", path, "--no-input")
    assert_fails(
        result,
        1,
        "geef 'conclusion' of 'conclusions', niet allebei",
        "onbekende vraag 'kern.bestaat_niet' onder printed",
        "printed bij 'kern.plaats_werk', maar die vraag heeft geen antwoord in dit bestand",
    )
    assert f"{path}:" in result.stderr  # file:line for each
    only = write_answers(tmp_path, "conclusions: [geen_groei_nu, alles_kapot]\n", drop="conclusion")
    assert_fails(
        run("start", "--answers", only, "--no-input"), 1, "onbekende conclusie 'alles_kapot'"
    )
    wrong = write_answers(tmp_path, "printed: {kern.wat_graag: misschien}\n")
    assert_fails(run("start", "--answers", wrong, "--no-input"), 2, "printed")


def test_a_short_conversation_refuses_answers_to_questions_it_does_not_ask(
    run: CliRun, tmp_path: Path
) -> None:
    path = tmp_path / "kort.yaml"
    path.write_text(
        "employee: {name: An Peeters}\n"
        "interviewer: {name: Marc Janssens}\n"
        "phase: spitsuur\n"
        "short: true\n"
        "answers:\n"
        "  kern.wat_graag: Klanten helpen\n"
        "  kern.plaats_werk: Een job die na de uren ophoudt\n",
        encoding="utf-8",
    )
    result = run("start", "--answers", path, "--no-input")
    assert_fails(result, 1, f"{path}:7:", "kern.plaats_werk", "kort gesprek", "banks plan --short")
    assert "kern.wat_graag" not in result.stderr  # a key question: fine
