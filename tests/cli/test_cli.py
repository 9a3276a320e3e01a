"""The command line as a user meets it: export, list, show, resume, --home, errors."""

from __future__ import annotations

import datetime as dt
import json
import stat
from pathlib import Path

import pytest
from helpers import (
    FIXTURES,
    PRIVATE_NOTE,
    PRIVATE_PREP_NOTE,
    CliRun,
    assert_fails,
    make_session,
    write_session,
)

from loopbaan_cli.sessions.model import AnswerRecord, Meeting

COMPLETE = FIXTURES / "answers" / "complete.yaml"


@pytest.fixture
def two_sessions(home: Path) -> tuple[str, str]:
    """An older conversation with Bart (unfinished) and a newer one with An (completed)."""
    older = make_session(
        id="2026-11-20-bart-claes",
        employee={"name": "Bart Claes", "role": "magazijnier"},
        date=dt.date(2026, 11, 20),
        updated=dt.datetime(2026, 11, 20, 9, 30),
        status="in_progress",
        stage="questions",
        phase="ervaren",
        conclusion=None,
        agreements=[],
    )
    newer = make_session(updated=dt.datetime(2026, 11, 22, 11, 0))
    write_session(home, older)
    write_session(home, newer)
    return older.id, newer.id


# --- export -------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["md", "txt"])
def test_export_to_stdout(run: CliRun, two_sessions: tuple[str, str], fmt: str) -> None:
    result = run("export", two_sessions[1], "--format", fmt)
    assert result.exit_code == 0, result.output
    text = result.stdout
    for needle in ("An Peeters", "Marc Janssens", "Cursus boekhouden volgen", "Elke ochtend"):
        assert needle in text, needle
    assert result.stderr == ""


def test_md_has_a_table_and_txt_has_none(run: CliRun, two_sessions: tuple[str, str]) -> None:
    md = run("export", two_sessions[1], "--format", "md").stdout
    txt = run("export", two_sessions[1], "--format", "txt").stdout
    assert "|---" in md.replace(" ", "")
    assert "|" not in txt


@pytest.mark.parametrize("fmt", ["md", "txt"])
def test_export_never_contains_a_private_note(
    run: CliRun, two_sessions: tuple[str, str], fmt: str, tmp_path: Path
) -> None:
    # --annex: the answers themselves are printed only in the annex (issue 13)
    shown = run("export", two_sessions[1], "--format", fmt, "--annex").stdout
    written = tmp_path / f"afspraken.{fmt}"
    assert run("export", two_sessions[1], "--format", fmt, "-o", written, "--annex").exit_code == 0
    for text in (shown, written.read_text(encoding="utf-8")):
        assert "GEHEIM" not in text
        assert PRIVATE_NOTE not in text and PRIVATE_PREP_NOTE not in text
        assert "Klanten helpen" in text  # the answer itself is there
    without = run("export", two_sessions[1], "--format", fmt).stdout
    assert "Klanten helpen" not in without and "GEHEIM" not in without


def test_export_default_is_the_most_recent_session(
    run: CliRun, two_sessions: tuple[str, str]
) -> None:
    result = run("export", "--format", "txt")
    assert result.exit_code == 0, result.output
    assert "An Peeters" in result.stdout
    assert "Bart Claes" not in result.stdout
    assert "Bart Claes" in run("export", two_sessions[0]).stdout


def test_export_to_file_refuses_to_overwrite_without_force(
    run: CliRun, two_sessions: tuple[str, str], tmp_path: Path
) -> None:
    target = tmp_path / "afspraken.md"
    first = run("export", two_sessions[1], "-o", target)
    assert first.exit_code == 0, first.output
    assert first.stdout.count("An Peeters") == 0, "the agreement goes to the file, not the screen"
    assert target.name in first.stdout
    assert target.read_text(encoding="utf-8") == run("export", two_sessions[1]).stdout
    assert stat.S_IMODE(target.stat().st_mode) == 0o600

    target.write_text("mijn eigen aanpassingen\n", encoding="utf-8")
    refused = run("export", two_sessions[1], "-o", target)
    assert_fails(refused, 1, str(target), "--force")
    assert target.read_text(encoding="utf-8") == "mijn eigen aanpassingen\n"

    forced = run("export", two_sessions[1], "-o", target, "--force")
    assert forced.exit_code == 0, forced.output
    assert "An Peeters" in target.read_text(encoding="utf-8")


def test_export_into_a_missing_folder(
    run: CliRun, two_sessions: tuple[str, str], tmp_path: Path
) -> None:
    target = tmp_path / "bestaat-niet" / "afspraken.md"
    assert_fails(run("export", two_sessions[1], "-o", target), 1, "bestaat niet")
    assert not target.exists()


def test_export_unknown_format(run: CliRun, two_sessions: tuple[str, str]) -> None:
    result = run("export", two_sessions[1], "--format", "odt")  # pdf is a format now
    assert result.exit_code in (1, 2)
    assert_fails(result, result.exit_code, "odt")


def test_export_of_a_started_answers_file(run: CliRun) -> None:
    created = json.loads(run("start", "--answers", COMPLETE, "--no-input", "--json").stdout)
    result = run("export", created["id"], "--format", "md")
    assert result.exit_code == 0, result.output
    assert "Cursus boekhouden volgen" in result.stdout
    assert "GEHEIM" not in result.stdout


# --- list and show -----------------------------------------------------------------


def test_list_json_fields(run: CliRun, two_sessions: tuple[str, str]) -> None:
    result = run("list", "--json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert [r["id"] for r in rows] == [two_sessions[1], two_sessions[0]], "newest first"
    an = rows[0]
    assert {"id", "employee", "date", "phase", "status"} <= set(an)
    assert (an["employee"], an["date"], an["phase"], an["status"]) == (
        "An Peeters",
        "2026-11-22",
        "spitsuur",
        "completed",
    )
    assert (rows[1]["employee"], rows[1]["status"]) == ("Bart Claes", "in_progress")


def test_list_json_when_empty(run: CliRun) -> None:
    result = run("list", "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == []


def test_list_table(run: CliRun, two_sessions: tuple[str, str]) -> None:
    result = run("list")
    assert result.exit_code == 0
    for session_id in two_sessions:
        assert session_id in result.stdout
    assert "afgerond" in result.stdout and "bezig" in result.stdout


def test_list_without_sessions_says_how_to_begin(run: CliRun) -> None:
    result = run("list")
    assert result.exit_code == 0
    assert "loopbaan start" in result.stdout


def test_show_one_session(run: CliRun, two_sessions: tuple[str, str]) -> None:
    result = run("show", two_sessions[0])
    assert result.exit_code == 0, result.output
    assert "Bart Claes" in result.stdout
    assert two_sessions[0] in result.stdout
    assert "An Peeters" not in result.stdout


def test_show_the_meeting_and_what_goes_on_paper(run: CliRun, home: Path) -> None:
    session = make_session(
        status="prepared",
        stage="questions",
        meeting=Meeting(time="14:30", place="De refter", minutes=75),
    )
    session.answers["kern.gezondheid"] = AnswerRecord(
        question="Hoe houd je het vol?", value="Mijn rug speelt op", sensitive=True
    )
    write_session(home, session)
    result = run("show", session.id, env={"COLUMNS": "160"})
    assert result.exit_code == 0, result.output
    said = " ".join(result.stdout.split())
    assert "14.30 uur · De refter · duurt ongeveer 1 uur en 15 minuten" in said
    assert "op papier" in said
    rows = {line.split("│")[1].strip(): line for line in result.stdout.splitlines() if "│" in line}
    assert "nee (gevoelig)" in rows["Hoe houd je het vol?"]
    assert rows["Van welke momenten op het werk krijg je energie?"].rstrip(" │").endswith("ja")


def test_show_defaults_to_most_recent(run: CliRun, two_sessions: tuple[str, str]) -> None:
    result = run("show")
    assert result.exit_code == 0
    assert two_sessions[1] in result.stdout


# --- errors: exit code, Dutch, no traceback ------------------------------------------


@pytest.mark.parametrize("command", ["show", "export", "resume"])
def test_unknown_id(run: CliRun, two_sessions: tuple[str, str], command: str) -> None:
    assert_fails(run(command, "2026-01-01-niemand"), 1, "geen gesprek met id '2026-01-01-niemand'")


@pytest.mark.parametrize("command", ["show", "export", "resume"])
def test_no_sessions_yet(run: CliRun, command: str) -> None:
    assert_fails(run(command), 1, "nog geen")


def test_resume_of_a_completed_session_says_so(run: CliRun, two_sessions: tuple[str, str]) -> None:
    assert_fails(
        run("resume", two_sessions[1]), 1, "al afgerond", f"loopbaan export {two_sessions[1]}"
    )


def test_resume_without_terminal_says_what_to_do(
    run: CliRun, two_sessions: tuple[str, str]
) -> None:
    # default: the most recent unfinished conversation, which is Bart's
    result = run("resume")
    assert_fails(result, 1, "terminal")


@pytest.mark.parametrize(
    "args",
    [("list", "--bogus"), ("export", "--format"), ("bestaatniet",), ("banks", "bestaatniet")],
    ids=["unknown-option", "missing-value", "unknown-command", "unknown-subcommand"],
)
def test_usage_error_is_dutch_exit_1(run: CliRun, args: tuple[str, ...]) -> None:
    result = run(*args)
    assert_fails(result, 1, "Fout in de opdracht", "--help")
    for english in ("No such", "Usage:", "Error:", "requires an argument"):
        assert english not in result.output, english


def test_no_arguments_shows_help(run: CliRun) -> None:
    result = run()
    assert result.exit_code == 0
    assert "start" in result.stdout and "export" in result.stdout


def test_version(run: CliRun) -> None:
    from loopbaan_cli import __version__

    result = run("--version")
    assert result.exit_code == 0
    assert __version__ in result.stdout


# --- where data lives ------------------------------------------------------------------


def test_home_option_wins_over_loopbaan_home(run: CliRun, home: Path, tmp_path: Path) -> None:
    other = tmp_path / "elders"
    result = run("--home", other, "start", "--answers", COMPLETE, "--no-input", "--json")
    assert result.exit_code == 0, result.output
    path = Path(json.loads(result.stdout)["path"])
    assert path.parent == other / "sessions"
    assert path.is_file()
    assert not (home / "sessions").exists()
    listed = run("--home", other, "list", "--json")
    assert [r["id"] for r in json.loads(listed.stdout)] == ["2026-11-22-an-peeters"]


def test_loopbaan_home_sets_the_data_folder(run: CliRun, tmp_path: Path) -> None:
    elsewhere = tmp_path / "via-env"
    result = run(
        "start",
        "--answers",
        COMPLETE,
        "--no-input",
        "--json",
        env={"LOOPBAAN_HOME": str(elsewhere)},
    )
    assert result.exit_code == 0, result.output
    assert Path(json.loads(result.stdout)["path"]).parent == elsewhere / "sessions"


# --- banks plan and the fact warning at start (issue 14) ----------------------------------


def test_banks_plan_shows_the_questions_and_the_length(run: CliRun) -> None:
    full = run("banks", "plan", "--phase", "spitsuur", "--purpose", "balans")
    assert full.exit_code == 0, full.stderr
    assert "Hoeveel plezier heb je op dit moment in je werk?" in full.stdout
    assert "(gevoelig)" in full.stdout and "minuten" in full.stdout
    short = run("banks", "plan", "--phase", "spitsuur", "--purpose", "balans", "--short")
    assert len(short.stdout.splitlines()) < len(full.stdout.splitlines())
    assert "kort gesprek" in short.stdout
    plain = run("banks", "plan", "--phase", "spitsuur", "--plain")
    assert "Hoe graag doe je je werk?" in plain.stdout


def test_banks_plan_json_lists_the_questions_in_order(run: CliRun) -> None:
    result = run(
        "banks",
        "plan",
        "--phase",
        "laatste_fase",
        "--purpose",
        "veranderend_werk",
        "--short",
        "--json",
    )
    questions = json.loads(result.stdout)["questions"]
    assert questions[0]["key"] == "kern.tevredenheid"
    assert questions[-1]["key"] == "afsluiting.gevoel_gesprek"
    assert {"key", "text", "bank", "section", "sensitive"} <= set(questions[0])
    assert any(q["bank"] == "doel_veranderend_werk" for q in questions)
    assert any(q["sensitive"] for q in questions)
    fixed = [q for q in questions if not q["follow_up"]]
    assert 12 <= len(fixed) <= 22


def test_banks_plan_refuses_an_unknown_phase_or_purpose(run: CliRun) -> None:
    assert_fails(run("banks", "plan", "--phase", "oud"), 1, "onbekende levensfase 'oud'", "nieuw")
    assert_fails(
        run("banks", "plan", "--phase", "starter", "--purpose", "drempelverlagend"),
        1,
        "onbekend doel 'drempelverlagend'",
    )


def test_start_warns_in_one_line_about_an_old_fact(
    run: CliRun, monkeypatch: pytest.MonkeyPatch
) -> None:
    from loopbaan_cli.banks import library as library_module

    fresh = run("start", "--answers", COMPLETE, "--no-input", "--json")
    assert fresh.exit_code == 0 and "nakijken" not in fresh.stderr
    assert "kijk ze na" not in fresh.stderr
    monkeypatch.setattr(library_module, "clock", lambda: dt.date(2028, 1, 1))
    old = run("start", "--answers", COMPLETE, "--no-input", "--json")
    assert old.exit_code == 0, old.stderr
    warning = [line for line in old.stderr.splitlines() if "kijk ze na" in line]
    assert len(warning) == 1 and "banks validate" in warning[0]
    assert json.loads(old.stdout)["id"], "the warning does not get in the way"
