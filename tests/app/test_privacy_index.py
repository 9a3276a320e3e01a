"""delete/export-data --employee find a person's files by their id in one scan, index or not.

The index answers for files it knows unchanged; every other file is read as
far as needed. An unreadable file is theirs only when its text names their id.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
import yaml
from helpers import CliRun, make_session, write_session

from loopbaan_cli.sessions import store
from loopbaan_cli.sessions.model import Employee


def _broken(home: Path, session_id: str) -> Path:
    path = home / "sessions" / f"{session_id}.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("\ndate: ", "\ndate: 2026-13-01 #"))
    return path


@pytest.fixture
def files(home: Path) -> dict[str, str]:
    """An: one readable, one unreadable, one unreadable with `id` after `name`; Jan: one unreadable."""
    an = make_session()
    an_broken = make_session(id="2027-11-20-an-peeters", date=dt.date(2027, 11, 20))
    an_odd = make_session(id="2028-11-20-an-peeters", date=dt.date(2028, 11, 20))
    jan = make_session(id="2026-11-23-jan-janssens", employee=Employee(name="Jan Janssens"))
    for session in (an, an_broken, an_odd, jan):
        write_session(home, session)
    store.save(store.load(an.id))  # the index is there, as after any conversation
    assert (home / "index.sqlite3").exists()
    _broken(home, an_broken.id)
    _broken(home, jan.id)
    odd = _broken(home, an_odd.id)
    text = odd.read_text(encoding="utf-8")
    an_id = yaml.safe_load((home / "employees.yaml").read_text())["employees"][0]["id"]
    # `name` before `id` in the employee block: the quick look at the first lines cannot tell
    text = text.replace(
        f"employee:\n  id: {an_id}\n  name: An Peeters\n",
        f"employee:\n  name: An Peeters\n  id: {an_id}\n",
    )
    assert f"  name: An Peeters\n  id: {an_id}" in text
    odd.write_text(text, encoding="utf-8")
    return {"an": an.id, "broken": an_broken.id, "odd": an_odd.id, "jan": jan.id}


def test_delete_employee_lists_their_files_and_no_one_elses(
    run: CliRun, files: dict[str, str]
) -> None:
    result = run("delete", "--employee", "An Peeters")  # no terminal: stops at the question
    assert f"  {files['an']}  (An Peeters" in result.stdout
    assert f"  {files['broken']}  (niet te lezen" in result.stdout
    assert f"  {files['odd']}  (niet te lezen" in result.stdout
    assert files["jan"] not in result.stdout


def test_delete_employee_removes_theirs_and_leaves_jans_unreadable_file(
    run: CliRun, files: dict[str, str], home: Path
) -> None:
    result = run("delete", "--employee", "An Peeters", "--yes")
    assert result.exit_code == 0, result.output
    assert "Verwijderd: 3 gesprekken met An Peeters" in result.stdout
    left = sorted(p.stem for p in (home / "sessions").glob("*.yaml"))
    assert left == [files["jan"]]


def test_export_data_hands_over_their_unreadable_files_only(
    run: CliRun, files: dict[str, str]
) -> None:
    result = run("export-data", "--employee", "An Peeters", "--format", "json")
    assert result.exit_code == 0, result.output
    assert files["odd"] in result.stdout and files["broken"] in result.stdout
    assert files["jan"] not in result.stdout


def _moved_to_an_by_hand(home: Path, files: dict[str, str]) -> Path:
    """Jan's conversation, known to the index as Jan's, edited in place to be An's."""
    path = home / "sessions" / f"{files['jan']}.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("2026-13-01 #", ""), encoding="utf-8"
    )  # readable again
    listed = store.list_sessions()  # the index's row now says: Jan's, with this key
    assert files["jan"] in [s.id for s in listed.sessions]
    register = yaml.safe_load((home / "employees.yaml").read_text())["employees"]
    an_id, jan_id = register[0]["id"], register[1]["id"]
    inode = path.stat().st_ino
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace(f"id: {jan_id}", f"id: {an_id}").replace("Jan Janssens", "An Peeters"),
        encoding="utf-8",
    )
    assert path.stat().st_ino == inode  # in place: only the file's own time and size tell
    return path


def test_delete_employee_sees_a_file_changed_by_hand_to_them(
    run: CliRun, files: dict[str, str], home: Path
) -> None:
    _moved_to_an_by_hand(home, files)
    result = run("delete", "--employee", "An Peeters")  # no terminal: stops at the question
    assert f"  {files['jan']}  (An Peeters" in result.stdout
    result = run("delete", "--employee", "An Peeters", "--yes")
    assert result.exit_code == 0, result.output
    assert not list((home / "sessions").glob("*.yaml"))


def test_export_data_hands_over_a_file_changed_by_hand_to_them(
    run: CliRun, files: dict[str, str], home: Path
) -> None:
    _moved_to_an_by_hand(home, files)
    result = run("export-data", "--employee", "An Peeters", "--format", "json")
    assert result.exit_code == 0, result.output
    assert files["jan"] in [s["id"] for s in json.loads(result.stdout)["sessions"]]
