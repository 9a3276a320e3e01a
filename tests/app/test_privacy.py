"""Personal data: delete a conversation or a person, export everything about a person, paths."""

from __future__ import annotations

import datetime as dt
import json
import os
import socket
import stat
from pathlib import Path
from typing import Any

import pytest
import yaml
from helpers import PRIVATE_NOTE, CliRun, assert_fails, make_session, write_session

from loopbaan_cli.app import privacy
from loopbaan_cli.cli.views.privacy import deletion
from loopbaan_cli.conversation.asking import Ask
from loopbaan_cli.sessions import store
from loopbaan_cli.sessions.model import (
    Agreement,
    AgreementProgress,
    AnswerRecord,
    CheckIn,
    Employee,
)


@pytest.fixture
def people(home: Path) -> dict[str, str]:
    """Two conversations with An (one with a check-in), one with Jan, and An's leftovers."""
    first = make_session(
        checkins=[
            CheckIn(
                date=dt.date(2027, 2, 22),
                status="completed",
                progress=[
                    AgreementProgress(number=1, what="Cursus", status="loopt", remark="Bezig")
                ],
                difficulties="Weinig tijd",
            )
        ]
    )
    second = make_session(
        id="2029-11-20-an-peeters",
        date=dt.date(2029, 11, 20),
        employee=Employee(name="An Peeters", retirement_year=2049),
    )
    jan = make_session(
        id="2026-11-23-jan-janssens",
        employee=Employee(name="Jan Janssens"),
        answers={},
        agreements=[Agreement(what="Heftruckattest halen", owner="Jan Janssens")],
    )
    for session in (first, second, jan):
        write_session(home, session)
    folder = home / "sessions"
    # What a killed process leaves behind: a stale lock and a half-written temp file.
    (folder / "2026-11-22-an-peeters.lock").write_text(f"999999 {socket.gethostname()}\n")
    (folder / ".2029-11-20-an-peeters.yaml.k3j4.tmp").write_text("employee: {name: An Peeters")
    # An orphan lock of a session that is already gone.
    (folder / "2025-01-01-an-peeters.lock").write_text(f"999999 {socket.gethostname()}\n")
    return {"an": first.id, "an2": second.id, "jan": jan.id}


def everything_under(folder: Path) -> list[Path]:
    return [Path(root) / name for root, _, files in os.walk(folder) for name in files]


def test_delete_employee_leaves_nothing_of_them(
    run: CliRun, people: dict[str, str], home: Path
) -> None:
    result = run("delete", "--employee", "an PEETERS", "--yes")
    assert result.exit_code == 0, result.output
    assert "Verwijderd: 2 gesprekken met An Peeters" in result.stdout
    left = everything_under(home)
    assert left, "Jan's conversation must stay"
    for path in left:
        assert "an-peeters" not in path.name, path
        text = path.read_text(encoding="utf-8", errors="replace")
        assert "An Peeters" not in text, path
        assert PRIVATE_NOTE not in text, path
    assert store.load(people["jan"]).employee.name == "Jan Janssens"


def _break(home: Path, session_id: str) -> Path:
    """Make a session file unreadable, the way a bad hand edit does."""
    path = home / "sessions" / f"{session_id}.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("\ndate: ", "\ndate: 2026-13-01 #"))
    return path


def test_delete_employee_also_deletes_their_unreadable_files(
    run: CliRun, people: dict[str, str], home: Path
) -> None:
    """An unreadable file is still personal data: it is listed, and deleted with the rest."""
    broken = _break(home, people["an2"])
    result = run("delete", "--employee", "An Peeters", "--yes")
    assert result.exit_code == 0, result.output
    assert f"{people['an2']}  (niet te lezen, regel" in result.stdout
    assert "Verwijderd: 2 gesprekken met An Peeters" in result.stdout
    assert not broken.exists()
    assert store.session_path(people["jan"]).exists()


def test_delete_employee_whose_only_file_is_unreadable(
    run: CliRun, people: dict[str, str], home: Path
) -> None:
    broken = _break(home, people["jan"])
    result = run("delete", "--employee", "Jan Janssens", "--yes")
    assert result.exit_code == 0, result.output
    assert "Verwijderd: 1 gesprek met Jan Janssens" in result.stdout
    assert not broken.exists()


def test_delete_an_unreadable_conversation_by_id(
    run: CliRun, people: dict[str, str], home: Path
) -> None:
    broken = _break(home, people["an"])
    refused = run("delete", people["an"])  # no terminal, no --yes: nothing happens
    assert_fails(refused, 1, "--yes")
    assert broken.exists()
    result = run("delete", people["an"], "--yes")
    assert result.exit_code == 0, result.output
    assert "niet te lezen" in result.stdout
    assert f"Verwijderd: 1 gesprek ({people['an']})" in result.stdout
    assert not broken.exists()
    assert store.session_path(people["an2"]).exists()


def test_delete_one_conversation(run: CliRun, people: dict[str, str], home: Path) -> None:
    result = run("delete", people["an"], "--yes")
    assert result.exit_code == 0, result.output
    names = {p.name for p in everything_under(home)}
    assert f"{people['an']}.yaml" not in names and f"{people['an']}.lock" not in names
    assert f"{people['an2']}.yaml" in names  # the other conversation with An stays


def test_delete_without_terminal_and_without_yes_refuses(
    run: CliRun, people: dict[str, str]
) -> None:
    result = run("delete", "--employee", "An Peeters")
    assert_fails(result, 1, "bevestiging", "--yes")
    assert store.session_path(people["an"]).exists()


def test_delete_asks_first_and_no_means_no(
    people: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    asked: list[Ask] = []

    def answer(reply: Any) -> Any:
        def ask(request: Ask) -> Any:
            asked.append(request)
            return reply

        return ask

    result = privacy.delete(None, "An Peeters", keyboard=lambda: answer(False))
    deletion(result)
    assert result.cancelled and "Niets verwijderd" in capsys.readouterr().out
    assert store.session_path(people["an"]).exists()
    assert asked[0].type == "confirm" and asked[0].default is False
    assert "Alle 2 gesprekken met An Peeters" in asked[0].text
    result = privacy.delete(None, "An Peeters", keyboard=lambda: answer(True))
    assert sorted(result.ids) == sorted([people["an"], people["an2"]])
    assert not store.session_path(people["an"]).exists()


def test_delete_refuses_a_conversation_open_elsewhere(
    run: CliRun, people: dict[str, str], home: Path
) -> None:
    lock = home / "sessions" / f"{people['jan']}.lock"
    lock.write_text(f"{os.getpid()} {socket.gethostname()}\n")
    assert_fails(run("delete", people["jan"], "--yes"), 1, "al open")
    assert store.session_path(people["jan"]).exists()


def test_delete_needs_an_exact_name(run: CliRun, people: dict[str, str]) -> None:
    assert_fails(run("delete", "--employee", "An", "--yes"), 1, "Bedoel je: An Peeters (mw-")
    assert store.session_path(people["an"]).exists()
    assert_fails(run("delete", "--yes"), 1, "--employee")
    assert_fails(
        run("delete", people["an"], "--employee", "An Peeters", "--yes"), 1, "één van de twee"
    )


def test_export_data_json_holds_everything_about_one_person(
    run: CliRun, people: dict[str, str]
) -> None:
    result = run("export-data", "--employee", "AN PEETERS", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["employee"] == "An Peeters"
    assert [s["id"] for s in data["sessions"]] == [people["an"], people["an2"]]
    first = data["sessions"][0]
    assert first["answers"]["kern.wat_graag"]["note"] == PRIVATE_NOTE  # private notes too
    assert first["checkins"][0]["difficulties"] == "Weinig tijd"
    assert "Jan Janssens" not in result.stdout


def test_export_data_to_a_private_file(run: CliRun, people: dict[str, str], tmp_path: Path) -> None:
    target = tmp_path / "an.yaml"
    result = run("export-data", "--employee", "An Peeters", "-o", target)
    assert result.exit_code == 0, result.output
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    data = yaml.safe_load(target.read_text(encoding="utf-8"))
    assert len(data["sessions"]) == 2 and "Niets hiervan" in data["about"]
    assert_fails(run("export-data", "--employee", "An Peeters", "-o", target), 1, "bestaat al")
    assert run("export-data", "--employee", "An Peeters", "-o", target, "--force").exit_code == 0


def test_export_data_hands_over_unreadable_files_as_they_stand(
    run: CliRun, people: dict[str, str], home: Path
) -> None:
    """The right of access covers a broken file too: as raw text, with what is wrong."""
    broken = _break(home, people["an2"])
    result = run("export-data", "--employee", "An Peeters", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [s["id"] for s in data["sessions"]] == [people["an"]]
    [raw] = data["unreadable_files"]
    assert raw["file"] == str(broken) and "geen bestaande datum" in raw["problem"]
    assert raw["text"] == broken.read_text(encoding="utf-8")
    assert "Niet te lezen" in result.stderr


def test_export_data_unknown_person(run: CliRun, people: dict[str, str]) -> None:
    assert_fails(run("export-data", "--employee", "Piet"), 1, "Piet")


def test_paths_shows_where_the_data_is(run: CliRun, people: dict[str, str], home: Path) -> None:
    data = json.loads(run("paths", "--json").stdout)
    assert data["home"] == str(home)
    assert data["sessions"] == str(home / "sessions")
    assert data["conversations"] == 3 and data["employees"] == 2
    table = run("paths").stdout
    assert "0600" in table and "gegevensmap" in table
    folder_mode = stat.S_IMODE((home / "sessions").stat().st_mode)
    assert folder_mode == 0o700


# --- the access copy: the same, as a document to read -------------------------------------

SENSITIVE_ANSWER = "GEVOELIG-mijn rug protesteert bij het heffen"


@pytest.fixture
def sensitive(home: Path, people: dict[str, str]) -> str:
    """An's first conversation gets a sensitive answer she did not want on paper."""
    session = store.load(people["an"])
    session.answers["kern.gezondheid"] = AnswerRecord(
        question="Hoe gaat het met je gezondheid op het werk?",
        value=SENSITIVE_ANSWER,
        sensitive=True,
        printed=False,
    )
    store.save(session)
    return people["an"]


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_the_access_copy_holds_everything_also_what_never_goes_on_paper(
    run: CliRun, sensitive: str, fmt: str
) -> None:
    result = run("export-data", "--employee", "An Peeters", "--format", fmt)
    assert result.exit_code == 0, result.output
    text = " ".join(result.stdout.split())
    assert PRIVATE_NOTE in text  # the private note: it is about her
    assert SENSITIVE_ANSWER in text  # the sensitive answer: her own access copy
    assert "niet op het afsprakenblad" in text
    assert "Weinig tijd" in text  # the check-in
    assert "20 november 2029" in text  # the second conversation
    assert "Jan Janssens" not in text and "Heftruckattest" not in text


@pytest.mark.parametrize("fmt", ["md", "txt", "html"])
def test_the_access_copy_shows_what_the_register_keeps(
    run: CliRun, people: dict[str, str], fmt: str
) -> None:
    """The register entry is personal data too: the right of access shows it."""
    from loopbaan_cli.sessions import employees

    entry = next(e for e in employees.read() if e.name == "An Peeters")
    with employees.editing() as register:
        register.update(entry.id, service_start=dt.date(2015, 9, 1), retirement_year=2049)
    result = run("export-data", "--employee", "An Peeters", "--format", fmt)
    assert result.exit_code == 0, result.output
    text = " ".join(result.stdout.split())
    assert entry.id in text and "1 september 2015" in text and "2049" in text


def test_the_access_copy_as_pdf(run: CliRun, sensitive: str, tmp_path: Path) -> None:
    from helpers import readable

    target = tmp_path / "inzage.pdf"  # the ending chooses the format
    result = run("export-data", "--employee", "An Peeters", "-o", target)
    assert result.exit_code == 0, result.output
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    text = readable(target.read_bytes())
    # (a hyphen at a line end is read back as a hyphenation: compare after it)
    assert PRIVATE_NOTE.split("-", 1)[1] in text and SENSITIVE_ANSWER.split("-", 1)[1] in text
    assert "Wat loopbaan over An Peeters bewaart" in text
    assert "#block" not in text and "\\=" not in text  # typeset, not Typst source shown as text


def test_a_pdf_access_copy_needs_a_file(run: CliRun, people: dict[str, str]) -> None:
    assert_fails(run("export-data", "-e", "An Peeters", "--format", "pdf"), 1, "-o")


def test_the_machine_readable_copy_keeps_the_sensitive_answer_too(
    run: CliRun, sensitive: str
) -> None:
    result = run("export-data", "--employee", "An Peeters", "--format", "yaml")
    assert result.exit_code == 0, result.output
    data = yaml.safe_load(result.stdout)
    answer = data["sessions"][0]["answers"]["kern.gezondheid"]
    assert answer["value"] == SENSITIVE_ANSWER and answer["printed"] is False
