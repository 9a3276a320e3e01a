"""The index keeps a checked copy of the employee register, so 5,000 people are not parsed each time.

The copy never says more or other than the register file: a hand edit is
read, a broken register is still reported at its line, and a person deleted
leaves no trace of their name in the index.
"""

from __future__ import annotations

from pathlib import Path

from helpers import CliRun, make_session, write_session

from loopbaan_cli.kernel import paths
from loopbaan_cli.sessions import employees, store
from loopbaan_cli.sessions.model import Employee


def saved() -> None:
    """An and Jan in the register, their conversations in the index."""
    an = make_session()
    jan = make_session(id="2026-11-23-jan-janssens", employee=Employee(name="Jan Janssens"))
    for session in (an, jan):
        write_session(Path(paths.home()), session)  # registers them
        store.save(store.load(session.id))


def test_a_read_register_equals_the_file_and_a_copy_is_kept(home: Path) -> None:
    saved()
    first = employees.read()  # parsed (or from the copy the last write left)
    again = employees.read()
    assert again.entries == first.entries
    assert [e.name for e in again] == ["An Peeters", "Jan Janssens"]


def test_a_register_edited_by_hand_is_read_again(home: Path) -> None:
    saved()
    employees.read()
    path = employees.register_path()
    path.write_text(path.read_text("utf-8").replace("Jan Janssens", "Jan Jansen"), "utf-8")
    assert [e.name for e in employees.read()] == ["An Peeters", "Jan Jansen"]


def test_a_broken_register_is_still_reported_at_its_line(home: Path, run: CliRun) -> None:
    saved()
    employees.read()
    path = employees.register_path()
    path.write_text(path.read_text("utf-8").replace("name: Jan Janssens", "name: ''"), "utf-8")
    result = run("agenda")
    assert result.exit_code == 2, result.output
    assert "employees.yaml:" in result.stderr


def test_a_deleted_person_leaves_no_name_in_the_index(home: Path, run: CliRun) -> None:
    saved()
    assert run("agenda").exit_code == 0  # the register read, its copy kept
    index = home / "index.sqlite3"
    assert b"Jan Janssens" in index.read_bytes()
    result = run("delete", "--employee", "Jan Janssens", "--yes")
    assert result.exit_code == 0, result.output
    assert b"Jan Janssens" not in index.read_bytes()
    assert b"An Peeters" in index.read_bytes()
