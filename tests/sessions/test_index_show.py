"""What `show` reads from the index: one employee's conversations, and the newest one.

store.sessions_of gives what list_sessions(employee=...) gives, however the
files changed behind the index's back: new, copied in by hand, edited by hand,
put in place, deleted, with a journal beside them; and it never stats the
other employees' files (the folder scan that costs 40 ms at 20,000).
store.newest_view gives what resolve_view(None) gives, from the index's newest
row that still matches its file.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from helpers import make_session, registered

from loopbaan_cli.kernel import yamlio
from loopbaan_cli.sessions import index, store
from loopbaan_cli.sessions.model import Agreement
from loopbaan_cli.sessions.seal import seal


def conversation(day: int, who: str, name: str, what: str = "Cursus volgen") -> Any:
    session = make_session(
        id=f"2026-11-{day:02d}-{name.split()[0].lower()}",
        date=dt.date(2026, 11, day),
        employee={"id": who, "name": name, "role": "boekhouder"},
        agreements=[Agreement(action="opleiding", what=what, owner=name)],
    )
    return session


def put(home: Path, session: Any, *, sealed: bool = True) -> Path:
    """A file written beside the index, as a person copying it in would."""
    folder = home / "sessions"
    folder.mkdir(parents=True, exist_ok=True)
    text = yamlio.dump(session.model_dump(mode="python"))
    path = folder / f"{session.id}.yaml"
    path.write_text(seal(text) if sealed else text, encoding="utf-8")
    return path


@pytest.fixture
def an(home: Path) -> str:
    """An (two conversations, saved) and Bart (one), with the index made by the saves."""
    an_id = registered("An Peeters")
    bart_id = registered("Bart Claes")
    store.save(conversation(10, an_id, "An Peeters"))
    store.save(conversation(12, an_id, "An Peeters"))
    store.save(conversation(11, bart_id, "Bart Claes"))
    assert (home / "index.sqlite3").exists()
    return an_id


def ids(sessions: list[Any]) -> list[str]:
    return [s.id for s in sessions]


def same_as_listing(employee: str) -> list[str]:
    mine = ids(store.sessions_of(employee))
    assert mine == ids(store.list_sessions(employee=employee).sessions)
    return mine


def test_the_employees_conversations_newest_first(an: str) -> None:
    assert same_as_listing(an) == ["2026-11-12-an", "2026-11-10-an"]


def test_a_file_copied_in_by_hand_is_found(home: Path, an: str) -> None:
    put(home, conversation(3, an, "An Peeters", "Nieuw van de hand"))
    mine = store.sessions_of(an)
    assert ids(mine) == ["2026-11-12-an", "2026-11-10-an", "2026-11-03-an"]
    assert mine[-1].agreements[0].what == "Nieuw van de hand"
    # and it has a row from now on
    with sqlite3.connect(home / "index.sqlite3") as conn:
        (who,) = conn.execute(
            "SELECT employee_id FROM sessions WHERE name = '2026-11-03-an.yaml'"
        ).fetchone()
    assert who == an


def test_a_file_edited_by_hand_is_read_from_disk(home: Path, an: str) -> None:
    path = home / "sessions" / "2026-11-10-an.yaml"
    text = path.read_text(encoding="utf-8").replace("Cursus volgen", "Cursus Excel volgen")
    path.write_text(text, encoding="utf-8")  # the seal breaks: validated in full
    (earlier,) = [s for s in store.sessions_of(an) if s.id == "2026-11-10-an"]
    assert earlier.agreements[0].what == "Cursus Excel volgen"


def test_a_file_put_in_place_with_the_same_size_and_time_is_read_again(home: Path, an: str) -> None:
    path = home / "sessions" / "2026-11-10-an.yaml"
    old = path.stat()
    text = path.read_text(encoding="utf-8").replace("Cursus volgen", "Cursus volgde")
    fresh = path.with_name("nieuw.tmp")
    fresh.write_text(text, encoding="utf-8")
    os.utime(fresh, ns=(old.st_atime_ns, old.st_mtime_ns))
    os.replace(fresh, path)
    (earlier,) = [s for s in store.sessions_of(an) if s.id == "2026-11-10-an"]
    assert earlier.agreements[0].what == "Cursus volgde"


def test_a_deleted_file_is_gone_and_loses_its_row(home: Path, an: str) -> None:
    (home / "sessions" / "2026-11-10-an.yaml").unlink()
    assert same_as_listing(an) == ["2026-11-12-an"]
    with sqlite3.connect(home / "index.sqlite3") as conn:
        names = {name for (name,) in conn.execute("SELECT name FROM sessions")}
    assert "2026-11-10-an.yaml" not in names


def test_a_file_that_now_names_someone_else_is_not_theirs(home: Path, an: str) -> None:
    bart = registered("Bart Claes")
    path = home / "sessions" / "2026-11-10-an.yaml"
    text = path.read_text(encoding="utf-8").replace(an, bart)
    path.write_text(text, encoding="utf-8")
    assert same_as_listing(an) == ["2026-11-12-an"]


def test_a_file_edited_to_name_this_employee_counts_once_a_listing_read_it(
    home: Path, an: str
) -> None:
    """The one thing not seen without a stat of every file: Bart's file edited to be An's.

    `show` stats only An's files; the next full listing (list, agenda, ...)
    reads the changed file and its row follows, and from then on it is An's.
    """
    bart = registered("Bart Claes")
    path = home / "sessions" / "2026-11-11-bart.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(bart, an), encoding="utf-8")
    store.sessions_of(an)  # may not see it yet (the docstring of index.scan_employee)
    store.listed(("id",))  # what `loopbaan list` reads
    assert ids(store.sessions_of(an)) == same_as_listing(an)
    assert "2026-11-11-bart" in ids(store.sessions_of(an))


def test_others_files_are_not_statted_one_by_one(
    home: Path, an: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What makes it quick: no stat of every file in the folder (index.fresh._folder)."""

    def whole_folder(pattern: str) -> Any:
        raise AssertionError("every file statted")

    monkeypatch.setattr(index.fresh, "_folder", whole_folder)
    assert ids(store.sessions_of(an)) == ["2026-11-12-an", "2026-11-10-an"]


def test_without_an_index_the_files_say_and_nothing_is_created(home: Path, an: str) -> None:
    (home / "index.sqlite3").unlink()
    assert same_as_listing(an) == ["2026-11-12-an", "2026-11-10-an"]
    assert not (home / "index.sqlite3").exists()


def test_a_corrupt_index_is_refilled(home: Path, an: str) -> None:
    (home / "index.sqlite3").write_bytes(b"geen database" * 300)
    assert same_as_listing(an) == ["2026-11-12-an", "2026-11-10-an"]


def test_a_row_edited_by_hand_is_checked_against_the_file(home: Path, an: str) -> None:
    with sqlite3.connect(home / "index.sqlite3") as conn:
        conn.execute("UPDATE sessions SET size = size + 1 WHERE name = '2026-11-10-an.yaml'")
        # a name with "/" is no file's: it must not hide a real file
        conn.execute(
            "UPDATE sessions SET name = 'x/2026-11-12-an.yaml' WHERE name LIKE '2026-11-12%'"
        )
    assert same_as_listing(an) == ["2026-11-12-an", "2026-11-10-an"]


def test_a_journal_beside_a_file_is_read_with_it(home: Path, an: str) -> None:
    session = store.load("2026-11-10-an")
    with store.locked("2026-11-10-an"), store.journaled("2026-11-10-an"):
        store.save(session)  # the first save writes the file whole
        session.reachability = "Uit het dagboek"
        store.save(session)
        assert (home / "sessions" / "2026-11-10-an.journal").exists()
        (earlier,) = [s for s in store.sessions_of(an) if s.id == "2026-11-10-an"]
        assert earlier.reachability == "Uit het dagboek"


# --- as `loopbaan show` uses it --------------------------------------------------------


def test_show_names_an_earlier_conversation_copied_in_by_hand(
    home: Path, an: str, run: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    put(home, conversation(3, an, "An Peeters", "Teruggezet uit een kopie"), sealed=False)

    def whole_folder(pattern: str) -> Any:
        raise AssertionError("every file statted")

    monkeypatch.setattr(index.fresh, "_folder", whole_folder)
    shown = run("show", "2026-11-12-an", env={"COLUMNS": "160"})
    assert shown.exit_code == 0, shown.stderr
    # the title is wrapped to the width of its table
    assert "Eerder gesprek met An Peeters: 10-11-2026" in shown.stdout
    assert "Eerder gesprek met An Peeters: 03-11-2026 (2026-11-03-an)" in shown.stdout
    assert "Teruggezet uit een kopie" in shown.stdout
    assert "Bart" not in shown.stdout


# --- the newest, for `loopbaan show` without an id -------------------------------------


@pytest.fixture
def same_second(home: Path) -> str:
    """Three conversations with rows in the index; two saved in the same second."""
    an_id = registered("An Peeters")
    store.save(make_session(id="2026-11-01-eerst"))  # makes the index
    at = dt.datetime(2030, 1, 1, 9, 0)
    for day, who, name, updated in (
        (10, an_id, "An Peeters", at),
        (12, an_id, "An Peeters", at),
        (11, registered("Bart Claes"), "Bart Claes", at - dt.timedelta(hours=1)),
    ):
        session = conversation(day, who, name)
        session.updated = updated
        put(home, session)
    store.list_sessions()  # their rows
    assert len(rows(home)) == 4
    return an_id


def rows(home: Path) -> list[str]:
    with sqlite3.connect(home / "index.sqlite3") as conn:
        return [name for (name,) in conn.execute("SELECT name FROM sessions")]


def test_the_newest_is_the_one_saved_last_of_equals_the_latest_date(same_second: str) -> None:
    assert store.newest_view().id == store.resolve_view(None).id == "2026-11-12-an"


def test_the_newest_copied_in_by_hand_or_edited_is_read_from_disk(
    home: Path, same_second: str
) -> None:
    later = conversation(1, same_second, "An Peeters", "Net binnengekomen")
    later.updated = dt.datetime(2030, 1, 1, 9, 30)
    put(home, later, sealed=False)
    shown = store.newest_view()
    assert (shown.id, shown.agreements[0].what) == ("2026-11-01-an", "Net binnengekomen")
    path = home / "sessions" / "2026-11-01-an.yaml"
    path.write_text(path.read_text("utf-8").replace("Net binnengekomen", "Bijgewerkt"), "utf-8")
    assert store.newest_view().agreements[0].what == "Bijgewerkt"


def test_the_newest_whose_file_is_gone_gives_way(home: Path, same_second: str) -> None:
    (home / "sessions" / "2026-11-12-an.yaml").unlink()
    assert store.newest_view().id == store.resolve_view(None).id == "2026-11-10-an"
    assert "2026-11-12-an.yaml" not in rows(home)


def test_a_newest_row_edited_by_hand_is_read_from_its_file(home: Path, same_second: str) -> None:
    with sqlite3.connect(home / "index.sqlite3") as conn:
        conn.execute("UPDATE sessions SET updated = 'morgen' WHERE name = '2026-11-01-eerst.yaml'")
    assert store.newest_view().id == store.resolve_view(None).id == "2026-11-12-an"


def test_without_a_readable_conversation_the_newest_says_why(home: Path) -> None:
    from loopbaan_cli.kernel.errors import NotFoundError

    with pytest.raises(NotFoundError, match="nog geen gesprek"):
        store.newest_view()
    broken = home / "sessions" / "2026-11-25-kapot.yaml"
    broken.parent.mkdir(parents=True)
    broken.write_text("id: [niet af\n", encoding="utf-8")
    with pytest.raises(NotFoundError, match="niet te lezen"):
        store.newest_view()


@pytest.mark.parametrize(
    "change",
    [
        "id = 5",
        "status = x'00'",
        "employee_name = 1.5",
        "date = '2026-02-30'",
        "updated = '2026-11-22T25:00:00'",
        "created = '2026-11-22T10:00:00+01:00'",
    ],
)
def test_rows_the_shape_checks_refuse_are_read_from_their_files(
    home: Path, same_second: str, change: str
) -> None:
    """For the history and the newest alike: a row edited by hand, its file says."""
    wanted_history = ids(store.list_sessions(employee=same_second).sessions)
    wanted_newest = store.resolve_view(None).id
    with sqlite3.connect(home / "index.sqlite3") as conn:
        conn.execute(f"UPDATE sessions SET {change}")  # every row
    mine = store.sessions_of(same_second)
    assert ids(mine) == wanted_history
    assert [s.employee.name for s in mine] == ["An Peeters", "An Peeters"]
    assert store.newest_view().id == wanted_newest == "2026-11-12-an"


def test_show_of_a_saved_conversation_loads_no_models_banks_or_templates(
    home: Path, same_second: str
) -> None:
    """Sealed files, an index: `show` draws the file and the history without pydantic."""
    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "PYTHONPATH": str(root), "LOOPBAAN_HOME": str(home)}
    code = (
        "import sys; from loopbaan_cli.cli.app import main\n"
        "try:\n    main()\nexcept SystemExit as exc:\n    code = exc.code\n"
        "print('\\n'.join(sys.modules), file=sys.stderr); sys.exit(code)"
    )
    for args in (["show", "2026-11-12-an"], ["show"], ["show", same_second]):
        done = subprocess.run(
            [sys.executable, "-c", code, *args],
            capture_output=True,
            text=True,
            env=env,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        assert "Eerder gesprek met An Peeters: 10-11-2026" in done.stdout
        modules = set(done.stderr.split())
        for heavy in ("pydantic", "jinja2", "loopbaan_cli.banks.library", "questionary"):
            assert heavy not in modules, (args, heavy)


def test_export_names_earlier_agreements_of_a_file_copied_in_by_hand(
    home: Path, an: str, run: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`export` reads the earlier conversations as `show` does: their files only."""
    put(home, conversation(11, an, "An Peeters", "Teruggezet uit een kopie"), sealed=False)

    def whole_folder(pattern: str) -> Any:
        raise AssertionError("every file statted")

    monkeypatch.setattr(index.fresh, "_folder", whole_folder)
    result = run("export", "2026-11-12-an", "--format", "md", "-o", "-")
    assert result.exit_code == 0, result.stderr
    # the one just before, as the previous agreements
    assert "Uit het loopbaangesprek van 11 november 2026" in result.stdout
    assert "1. Teruggezet uit een kopie." in result.stdout
