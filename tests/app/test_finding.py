"""Finding a conversation (issue 10): ids that stay whole, and a name or id start instead of an id."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from helpers import CliRun, assert_fails, make_session, write_session

from loopbaan_cli.app import lookup
from loopbaan_cli.cli import terminal
from loopbaan_cli.conversation.asking import Ask, Nav
from loopbaan_cli.sessions import store
from loopbaan_cli.sessions.model import AgreementProgress, CheckIn, Session

JONAS = "2026-12-09-jonas-vermeulen"  # completed
JONAS_PAUSED = "2026-06-02-jonas-vermeulen"  # older, not finished
SOFIE = "2026-12-01-sofie-claes"  # completed, her newest
SOFIE_OLDER = "2026-10-01-sofie-claes"  # completed, with a check-in under way
PEETERS = "2026-09-05-sofie-peeters"  # completed, her only one
BART = "2027-01-10-bart-claes"  # prepared
EVERYONE = (JONAS, JONAS_PAUSED, SOFIE, SOFIE_OLDER, PEETERS, BART)
COMMANDS = ("show", "export", "resume", "followup", "prepare", "delete")


def conversation_with(session_id: str, name: str, **changes: Any) -> Session:
    day = dt.date.fromisoformat(session_id[:10])
    when = dt.datetime.combine(day, dt.time(10))
    fields: dict[str, Any] = {
        "id": session_id,
        "employee": {"name": name, "role": "medewerker"},
        "date": day,
        "created": when,
        "updated": when,
        **changes,
    }
    return make_session(**fields)


UNFINISHED: dict[str, Any] = {"stage": "questions", "conclusion": None, "agreements": []}


@pytest.fixture
def people(home: Path) -> Path:
    check_in = CheckIn(
        date=dt.date(2026, 11, 15),
        progress=[AgreementProgress(number=1, what="Cursus boekhouden volgen")],
    )
    for session in (
        conversation_with(JONAS, "Jonas Vermeulen"),
        conversation_with(JONAS_PAUSED, "Jonas Vermeulen", status="in_progress", **UNFINISHED),
        conversation_with(SOFIE, "Sofie Claes"),
        conversation_with(SOFIE_OLDER, "Sofie Claes", checkins=[check_in]),
        conversation_with(PEETERS, "Sofie Peeters"),
        conversation_with(
            BART,
            "Bart Claes",
            status="prepared",
            stage="preparation",
            answers={},
            conclusion=None,
            agreements=[],
            followups=[],
        ),
    ):
        write_session(home, session)
    return home


def shown_id(stdout: str) -> str:
    """The id in the facts table of `loopbaan show`."""
    match = re.search(r"│ id +│ (\S+) ", stdout)
    assert match, stdout
    return match.group(1)


# --- by name, by the start of an id -------------------------------------------------


@pytest.mark.parametrize("typed", ["Sofie Claes", "sofie claes", "SOFIE CLAES", "  sofie   claes "])
def test_show_by_name_whatever_the_case_or_spacing(run: CliRun, people: Path, typed: str) -> None:
    result = run("show", typed)
    assert result.exit_code == 0, result.output
    assert shown_id(result.stdout) == SOFIE, "her newest conversation"


def test_a_name_with_other_accents_is_only_offered(run: CliRun, people: Path) -> None:
    """Accents tell people apart (Chloé is not Chloe): the look-alike is offered, not taken."""
    assert_fails(run("show", "Sofie Claës"), 1, "Bedoel je: Sofie Claes?")


@pytest.mark.parametrize("typed", ["2026-12-09", "2026-12-09-jo", "2026-12-09-JONAS-VERMEULEN"])
def test_show_by_the_start_of_an_id(run: CliRun, people: Path, typed: str) -> None:
    result = run("show", typed)
    assert result.exit_code == 0, result.output
    assert shown_id(result.stdout) == JONAS


@pytest.mark.parametrize("typed", ["jonas", "Vermeulen", "Peeters"])
def test_a_first_or_last_name_that_only_one_employee_has(
    run: CliRun, people: Path, typed: str
) -> None:
    result = run("show", typed)
    assert result.exit_code == 0, result.output
    assert shown_id(result.stdout) == (PEETERS if typed == "Peeters" else JONAS)


def test_an_exact_id_is_used_as_it_is(run: CliRun, people: Path) -> None:
    result = run("show", SOFIE_OLDER)
    assert result.exit_code == 0, result.output
    assert shown_id(result.stdout) == SOFIE_OLDER


# --- more than one, or none ----------------------------------------------------------


def test_an_id_start_of_several_is_refused_with_the_candidates(run: CliRun, people: Path) -> None:
    for command in COMMANDS:
        result = run(command, "2026-12-0", "--yes") if command == "delete" else None
        result = result or run(command, "2026-12-0")
        assert_fails(result, 1, JONAS, "Jonas Vermeulen", "09-12-2026", SOFIE, "Sofie Claes")
        assert result.stdout == "", command
    assert {p.stem for p in (people / "sessions").glob("*.yaml")} == set(EVERYONE)


@pytest.mark.parametrize(
    ("typed", "candidates", "left_out"),
    [
        ("Sofie", (SOFIE, SOFIE_OLDER, PEETERS, "Sofie Claes", "Sofie Peeters"), (JONAS, BART)),
        ("claes", (SOFIE, BART, "Sofie Claes", "Bart Claes", "10-01-2027"), (PEETERS,)),
    ],
)
def test_a_name_that_fits_two_employees_is_refused_with_the_candidates(
    run: CliRun, people: Path, typed: str, candidates: tuple[str, ...], left_out: tuple[str, ...]
) -> None:
    result = run("show", typed)
    assert_fails(result, 1, f"'{typed}' past bij 2 medewerkers", *candidates)
    assert "Geef de volledige naam of de id" in result.stderr
    for other in left_out:
        assert other not in result.stderr


def test_a_long_list_of_candidates_is_cut_short(run: CliRun, home: Path) -> None:
    for day in range(1, 16):
        write_session(home, conversation_with(f"2026-03-{day:02d}-an-peeters", "An Peeters"))
    result = run("show", "2026-03")
    assert_fails(result, 1, "15 gespreks-id's", "2026-03-15-an-peeters", "… en nog 5")
    assert "2026-03-01-an-peeters" not in result.stderr  # the oldest are not listed


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("Sofie Clas", ("geen naam van een medewerker", "Bedoel je: Sofie Claes?")),
        ("niemand", ("geen gesprek gevonden voor 'niemand'",)),
        ("2027-01-01-niemand", ("geen gesprek met id '2027-01-01-niemand'",)),
        ("../x", ("geen geldige gespreks-id",)),
        ("...", ("geen geldige gespreks-id",)),
    ],
)
def test_nothing_found_says_so_and_points_to_the_list(
    run: CliRun, people: Path, typed: str, says: tuple[str, ...]
) -> None:
    for command in COMMANDS:
        assert_fails(run(command, typed), 1, *says, "loopbaan list")


# --- which of the employee's conversations: what fits the command -------------------


@pytest.fixture
def keyboard(monkeypatch: pytest.MonkeyPatch) -> None:
    """A user who pauses at the first question (Ctrl-P), so the command says how to go on."""

    def pause(ask: Ask) -> Any:
        return Nav.PAUSE

    monkeypatch.setattr(terminal, "keyboard", lambda what, command: lambda: pause)


def test_export_by_name_is_the_newest(run: CliRun, people: Path) -> None:
    result = run("export", "jonas", "--format", "txt")
    assert result.exit_code == 0, result.output
    assert "Jonas Vermeulen" in result.stdout and "9 december 2026" in result.stdout


def test_resume_by_name_is_the_newest_unfinished(run: CliRun, people: Path, keyboard: None) -> None:
    result = run("resume", "Jonas Vermeulen")
    assert result.exit_code == 0, result.output
    assert f"resume {JONAS_PAUSED}" in " ".join(result.output.split())


def test_resume_by_name_with_nothing_unfinished_says_it_is_finished(
    run: CliRun, people: Path
) -> None:
    assert_fails(run("resume", "sofie claes"), 1, "al afgerond", f"export {SOFIE}")


CHECK_IN = "date: 2027-02-22\nprogress:\n  1: {status: klaar, remark: Gedaan}\n"


@pytest.mark.parametrize(
    ("typed", "held_on"),
    [("sofie claes", SOFIE_OLDER), ("jonas", JONAS)],
    ids=["the-one-with-a-check-in-under-way", "else-the-newest-completed"],
)
def test_followup_by_name_takes_what_followup_takes_without_an_id(
    run: CliRun, people: Path, tmp_path: Path, typed: str, held_on: str
) -> None:
    answers = tmp_path / "opvolging.yaml"
    answers.write_text(CHECK_IN, encoding="utf-8")
    result = run("followup", typed, "--answers", answers, "--no-input")
    assert result.exit_code == 0, result.output
    held = {i: [c.status for c in store.load(i).checkins] for i in (JONAS, SOFIE, SOFIE_OLDER)}
    expected = {JONAS: [], SOFIE: [], SOFIE_OLDER: ["in_progress"]}
    expected[held_on] = ["completed"]
    assert held == expected


def test_prepare_by_name_goes_on_with_the_prepared_one(
    run: CliRun, people: Path, keyboard: None
) -> None:
    result = run("prepare", "bart")
    assert result.exit_code == 0, result.output
    text = " ".join(result.output.split())
    assert "Verder met de voorbereiding van het gesprek met Bart Claes (10-01-2027)" in text
    assert f"prepare {BART}" in text


def test_prepare_by_name_without_a_prepared_one_says_how_to_start_one(
    run: CliRun, people: Path
) -> None:
    assert_fails(
        run("prepare", "jonas"),
        1,
        "geen voorbereid gesprek klaar voor Jonas Vermeulen",
        "prepare --employee 'Jonas Vermeulen'",
    )


def test_delete_by_name_only_when_it_is_the_employees_only_conversation(
    run: CliRun, people: Path
) -> None:
    sessions = people / "sessions"
    refused = run("delete", "sofie claes", "--yes")
    assert_fails(refused, 1, "Sofie Claes heeft 2 gesprekken", SOFIE, SOFIE_OLDER)
    assert "delete --employee 'Sofie Claes'" in refused.stderr
    assert (sessions / f"{SOFIE}.yaml").exists() and (sessions / f"{SOFIE_OLDER}.yaml").exists()

    result = run("delete", "Sofie Peeters", "--yes")
    assert result.exit_code == 0, result.output
    assert PEETERS in result.stdout
    assert {p.stem for p in sessions.glob("*.yaml")} == set(EVERYONE) - {PEETERS}


def test_delete_by_the_start_of_an_id_of_an_unreadable_file(run: CliRun, people: Path) -> None:
    broken = people / "sessions" / "2026-11-20-kapot.yaml"
    broken.write_text("id: [niet af\n", encoding="utf-8")
    result = run("delete", "2026-11-20", "--yes")
    assert result.exit_code == 0, result.output
    assert "2026-11-20-kapot" in result.stdout and "niet te lezen" in result.stdout
    assert not broken.exists()


def test_a_name_is_found_in_the_listing_without_reading_whole_files(
    people: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (people / "sessions" / "2026-11-20-kapot.yaml").write_text("id: [niet af\n", encoding="utf-8")

    read_whole: list[str] = []
    load_path = store.load_path

    def whole(path: Path) -> Session:
        read_whole.append(path.name)
        return load_path(path)

    monkeypatch.setattr(store, "load_path", whole)
    assert lookup.find("sofie claes", "show") == SOFIE
    assert lookup.find("2026-12-09", "show") == JONAS
    assert read_whole == ["2026-11-20-kapot.yaml"], "only the unreadable one, for its error"


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("typed", ["Sofie Claes", "jonas", "Bart", "mw-onbekend", "Peeters"])
def test_a_name_from_the_index_rows_picks_what_the_files_pick(
    people: Path, monkeypatch: pytest.MonkeyPatch, command: Any, typed: str
) -> None:
    """By name, the index's rows are matched (no Record per file), with the same outcome."""

    def picked() -> str:
        try:
            return str(lookup.find(typed, command))
        except Exception as exc:  # a refusal is an outcome too
            return f"{type(exc).__name__}: {exc}"

    store.save(store.load(BART))  # the index, made by a save
    index = people / "index.sqlite3"
    index.rename(people / "opzij")
    from_files = picked()  # without an index: every file read
    (people / "opzij").rename(index)
    store.list_sessions()  # the rows filled
    monkeypatch.setattr(store, "list_sessions", lambda **_: pytest.fail("a Record per file"))
    assert picked() == from_files


# --- the help pages --------------------------------------------------------------------


@pytest.mark.parametrize("command", COMMANDS)
def test_help_calls_the_argument_ID_and_says_what_it_may_be(run: CliRun, command: str) -> None:
    result = run(command, "--help")
    assert result.exit_code == 0, result.output
    text = " ".join(result.stdout.split())
    assert f"loopbaan {command} [OPTIES] [ID]" in text
    assert "session_id" not in text
    assert "de id, het begin van de id of de naam van de medewerker" in text


# --- ids in listings stay whole, at any width -------------------------------------------

LONG = "2026-08-01-marie-christine-van-den-broeck-de"


def loopbaan(home: Path, columns: int, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "LOOPBAAN_HOME": str(home), "COLUMNS": str(columns)}
    return subprocess.run(
        [sys.executable, "-m", "loopbaan_cli", *args],
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )


def whole_on_a_line(text: str, ids: list[str]) -> dict[str, str]:
    """For each id, the word of the output it is, found on one line (KeyError: cut)."""
    words = {word for line in text.splitlines() for word in line.split()}
    return {i: i for i in ids if i in words}


@pytest.mark.parametrize("columns", [80, 60])
@pytest.mark.parametrize("with_long_name", [False, True], ids=["usual-names", "a-long-name"])
def test_list_shows_every_id_whole_and_it_works_in_show(
    people: Path, columns: int, with_long_name: bool
) -> None:
    if with_long_name:
        write_session(people, conversation_with(LONG, "Marie-Christine Van den Broeck-De Smedt"))
    ids = [*EVERYONE, LONG] if with_long_name else list(EVERYONE)
    listing = loopbaan(people, columns, "list")
    assert listing.returncode == 0, listing.stderr
    found = whole_on_a_line(listing.stdout, ids)
    assert sorted(found) == sorted(ids), listing.stdout
    for line in listing.stdout.splitlines():
        assert len(line.rstrip()) <= columns or line.strip() in ids, line
    for session_id in (found[JONAS], found[LONG] if with_long_name else found[BART]):
        shown = loopbaan(people, columns, "show", session_id)
        assert shown.returncode == 0, shown.stderr
        assert session_id in shown.stdout


@pytest.mark.parametrize("columns", [80, 60])
def test_banks_list_shows_every_bank_id_whole(home: Path, columns: int) -> None:
    data = json.loads(loopbaan(home, columns, "banks", "list", "--json").stdout)
    ids = [b["id"] for b in data["banks"]] + [p["id"] for p in data["phases"] + data["purposes"]]
    listing = loopbaan(home, columns, "banks", "list")
    assert listing.returncode == 0, listing.stderr
    assert sorted(whole_on_a_line(listing.stdout, ids)) == sorted(ids), listing.stdout
