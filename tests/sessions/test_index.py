"""The index beside the session files, and the journal of a conversation being held.

The index: a listing from it says what the files say, whatever happened to
the index (missing, stale, corrupt, of an older layout, not writable) or to
the files behind its back (edited by hand, deleted, unreadable); a read-only
command creates no file. The journal: answers saved to it survive a kill, a
line cut off loses at most that answer, it is folded into the file at step
boundaries and on the way out, and it goes with the conversation.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import sqlite3
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from helpers import TESTS, CliRun, make_session, registered, write_session

from loopbaan_cli.kernel import yamlio
from loopbaan_cli.sessions import index, journal, store
from loopbaan_cli.sessions.model import AnswerRecord
from loopbaan_cli.sessions.seal import seal

HERE = Path(__file__).resolve().parents[2]


def names_listed() -> list[tuple[str, str]]:
    return [(s.id, s.employee.name) for s in store.list_sessions().sessions]


def rows_in_index(home: Path) -> dict[str, str]:
    with sqlite3.connect(home / "index.sqlite3") as conn:
        return dict(conn.execute("SELECT name, employee_name FROM sessions"))


def two_saved() -> None:
    store.save(make_session())
    store.save(
        make_session(
            id="2026-11-23-bart-claes",
            date=dt.date(2026, 11, 23),
            employee={"name": "Bart Claes", "role": "x"},
        )
    )


# --- the index ---------------------------------------------------------------------


def test_save_makes_a_private_index_that_the_listing_reads(home: Path) -> None:
    two_saved()
    path = home / "index.sqlite3"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert rows_in_index(home) == {
        "2026-11-22-an-peeters.yaml": "An Peeters",
        "2026-11-23-bart-claes.yaml": "Bart Claes",
    }
    # the listing takes a row as it is while the file is unchanged
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE sessions SET employee_name = 'Uit de index'")
    assert sorted(names_listed()) == [
        ("2026-11-22-an-peeters", "Uit de index"),
        ("2026-11-23-bart-claes", "Uit de index"),
    ]


def test_a_listing_from_the_index_equals_one_from_the_files(home: Path) -> None:
    two_saved()
    store.save(make_session(id="2026-11-24-an-peeters", status="prepared", stage="meta"))
    from_rows = store.list_sessions()
    (home / "index.sqlite3").unlink()
    from_files = store.list_sessions()
    assert [s.id for s in from_rows.sessions] == [s.id for s in from_files.sessions]
    for row, whole in zip(from_rows.sessions, from_files.sessions, strict=True):
        for field in ("status", "stage", "date", "created", "updated", "phase", "purposes"):
            assert row[field] == whole[field], field
        assert dict(row.employee) == dict(whole.employee)
        assert row.agreements[0].due == whole.agreements[0].due
        assert row.followups[0].date == whole.followups[0].date
        assert dict(row) == dict(whole)


def test_without_an_index_a_listing_reads_the_files_and_creates_nothing(home: Path) -> None:
    write_session(home, make_session())
    before = sorted(p.name for p in home.rglob("*"))
    assert names_listed() == [("2026-11-22-an-peeters", "An Peeters")]
    assert sorted(p.name for p in home.rglob("*")) == before
    assert not (home / "index.sqlite3").exists()


def test_read_only_commands_create_no_index(home: Path, run: CliRun) -> None:
    write_session(home, make_session())
    for args in (["list"], ["list", "--json"], ["agenda"], ["show", "2026-11-22-an-peeters"]):
        assert run(*args).exit_code == 0, args
    assert run("delete", "--employee", "An Peeters").exit_code == 1  # no terminal, no --yes
    assert not (home / "index.sqlite3").exists()


def test_a_file_edited_by_hand_behind_the_index_is_read_again(home: Path) -> None:
    two_saved()
    path = home / "sessions" / "2026-11-22-an-peeters.yaml"
    text = path.read_text(encoding="utf-8").replace("name: An Peeters", "name: Anna Peeters")
    path.write_text(text, encoding="utf-8")  # the seal breaks: validated in full
    assert ("2026-11-22-an-peeters", "Anna Peeters") in names_listed()
    # and the row follows the file for the next listing
    assert rows_in_index(home)["2026-11-22-an-peeters.yaml"] == "Anna Peeters"


def test_a_file_put_in_place_with_the_same_size_and_time_is_still_noticed(home: Path) -> None:
    """An atomic replace (an editor, a sync tool) makes a new inode."""
    two_saved()
    path = home / "sessions" / "2026-11-22-an-peeters.yaml"
    old = path.stat()
    text = path.read_text(encoding="utf-8").replace("An Peeters", "An Peetrs ")
    assert len(text) == old.st_size
    fresh = path.with_name("nieuw.tmp")
    fresh.write_text(text, encoding="utf-8")
    os.utime(fresh, ns=(old.st_atime_ns, old.st_mtime_ns))
    os.replace(fresh, path)
    assert ("2026-11-22-an-peeters", "An Peetrs") in names_listed()


def _copied_in_place(path: Path, text: str | None = None) -> None:
    """`path` written anew (a restored backup, a copied or synced folder): another inode and time."""
    body = path.read_bytes() if text is None else text.encode("utf-8")
    fresh = path.with_name("kopie.tmp")
    fresh.write_bytes(body)
    os.replace(fresh, path)


def _nothing_parsed(path: Path) -> None:
    raise AssertionError(f"{path.name} was parsed again")


def test_files_that_only_moved_are_not_parsed_again(home: Path) -> None:
    """A restored backup made every row stale: 20,000 files parsed again took 10 s."""
    two_saved()
    before = names_listed()
    for path in (home / "sessions").glob("*.yaml"):
        _copied_in_place(path)
    columns = ("id", "employee_name", "date", "updated")
    rows, broken = index.listed("*.yaml", _nothing_parsed, columns)
    assert broken == []
    assert {(row[1], row[2]) for row in rows} == set(before)
    # and the rows have the files' new keys: the next listing needs no seal either
    found, _ = index.scan("*.yaml", _nothing_parsed)
    assert sorted(name for name, _ in found) == sorted(
        p.name for p in (home / "sessions").glob("*.yaml")
    )
    assert names_listed() == before


def test_a_moved_file_whose_seal_no_longer_holds_is_read(home: Path) -> None:
    two_saved()
    path = home / "sessions" / "2026-11-22-an-peeters.yaml"
    edited = path.read_text(encoding="utf-8").replace("name: An Peeters", "name: Anna Peeters")
    _copied_in_place(path, edited)  # the seal line kept, the content not
    assert ("2026-11-22-an-peeters", "Anna Peeters") in names_listed()


def test_a_file_edited_then_put_back_shows_what_it_says_again(home: Path) -> None:
    """The row of the edited file must not carry the seal it had before the edit."""
    two_saved()
    path = home / "sessions" / "2026-11-22-an-peeters.yaml"
    original = path.read_text(encoding="utf-8")
    _copied_in_place(path, original.replace("name: An Peeters", "name: Anna Peeters"))
    assert ("2026-11-22-an-peeters", "Anna Peeters") in names_listed()
    _copied_in_place(path, original)  # the backup put back
    assert ("2026-11-22-an-peeters", "An Peeters") in names_listed()


def test_a_deleted_file_leaves_the_listing_and_the_index(home: Path) -> None:
    two_saved()
    (home / "sessions" / "2026-11-23-bart-claes.yaml").unlink()
    assert names_listed() == [("2026-11-22-an-peeters", "An Peeters")]
    assert list(rows_in_index(home)) == ["2026-11-22-an-peeters.yaml"]


def test_a_new_file_beside_the_index_is_listed(home: Path) -> None:
    store.save(make_session())
    write_session(home, make_session(id="2026-12-01-chloe-dubois", employee={"name": "Chloé"}))
    assert ("2026-12-01-chloe-dubois", "Chloé") in names_listed()
    assert "2026-12-01-chloe-dubois.yaml" in rows_in_index(home)


def test_an_unreadable_file_is_reported_with_and_without_index(home: Path) -> None:
    two_saved()
    broken = home / "sessions" / "2026-11-25-kapot.yaml"
    broken.write_text("id: [niet af\n", encoding="utf-8")
    for _ in range(2):  # from the files, then again with the index in place
        found = store.list_sessions()
        assert [p.file for p in found.broken] == [str(broken)]
        assert len(found.sessions) == 2
    (home / "index.sqlite3").unlink()
    assert [p.file for p in store.list_sessions().broken] == [str(broken)]


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda p: p.write_bytes(b"dit is geen database" * 200), id="corrupt"),
        pytest.param(lambda p: p.write_bytes(p.read_bytes()[:1500]), id="cut-off"),
        pytest.param(lambda p: p.write_bytes(b""), id="empty"),
    ],
)
def test_a_damaged_index_is_refilled_from_the_files(home: Path, damage: object) -> None:
    two_saved()
    path = home / "index.sqlite3"
    damage(path)  # type: ignore[operator]
    assert sorted(names_listed()) == [
        ("2026-11-22-an-peeters", "An Peeters"),
        ("2026-11-23-bart-claes", "Bart Claes"),
    ]
    assert len(rows_in_index(home)) == 2


def test_an_index_of_an_older_layout_is_refilled(home: Path) -> None:
    two_saved()
    path = home / "index.sqlite3"
    path.unlink()
    with sqlite3.connect(path) as conn:  # what an older loopbaan might have left
        conn.execute("CREATE TABLE sessions (name TEXT PRIMARY KEY, size INTEGER)")
        conn.execute("INSERT INTO sessions VALUES ('2026-11-22-an-peeters.yaml', 1)")
        conn.execute("PRAGMA user_version=0")
    assert len(names_listed()) == 2
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == index.LAYOUT
    assert len(rows_in_index(home)) == 2


def test_an_index_that_cannot_be_written_is_read_and_left_alone(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A read-only folder (as root, chmod does not stop us: open the index read-only)."""
    two_saved()
    path = home / "index.sqlite3"
    before = path.read_bytes()
    (home / "sessions" / "2026-11-23-bart-claes.yaml").unlink()
    store_save_path = store.save(make_session(id="2026-11-26-an-peeters"))
    # a new employee: the register is written, and its copy in the index follows
    write_session(home, make_session(id="2026-11-27-dirk-dewit", employee={"name": "Dirk"}))
    before = path.read_bytes()

    def read_only(where: Path) -> sqlite3.Connection:
        return sqlite3.connect(f"file:{where}?mode=ro", uri=True)

    monkeypatch.setattr(index.db, "_connect", read_only)
    assert store_save_path.exists()
    assert sorted(names_listed()) == [
        ("2026-11-22-an-peeters", "An Peeters"),
        ("2026-11-26-an-peeters", "An Peeters"),
        ("2026-11-27-dirk-dewit", "Dirk"),
    ]
    assert path.read_bytes() == before


def test_delete_removes_the_row_with_the_name(home: Path) -> None:
    two_saved()
    store.delete("2026-11-23-bart-claes")
    assert "Bart Claes" not in rows_in_index(home).values()
    assert names_listed() == [("2026-11-22-an-peeters", "An Peeters")]


def test_deleting_the_index_is_always_safe(home: Path) -> None:
    two_saved()
    (home / "index.sqlite3").unlink()
    store.save(make_session(id="2026-11-28-an-peeters"))
    assert len(names_listed()) == 3
    assert len(rows_in_index(home)) == 3


def test_one_employees_rows_by_employee_id(home: Path) -> None:
    """Files that carry `employee.id` (the register) can be asked for by that id."""
    folder = home / "sessions"
    for number, (person, name) in enumerate([("e1", "An"), ("e2", "Bart"), ("e1", "An P.")]):
        session = make_session(id=f"2026-11-2{number}-x{number}")
        data = session.model_dump(mode="python")
        data["employee"]["id"] = person
        folder.mkdir(parents=True, exist_ok=True)
        data["employee"]["name"] = name
        (folder / f"{session.id}.yaml").write_text(seal(yamlio.dump(data)), encoding="utf-8")
    store.save(make_session(id="2026-11-29-zonder-id"))  # makes the index; files read once
    for _ in range(2):
        found, broken = index.scan("*.yaml", store.view_path, index.Wanted(employee_id="e1"))
        assert not broken
        assert sorted(name for name, _ in found) == ["2026-11-20-x0.yaml", "2026-11-22-x2.yaml"]
        mine = store.list_sessions(employee="e1").sessions
        assert sorted(s.employee.name for s in mine) == ["An", "An P."]


def test_by_status_and_the_one_saved_last(home: Path) -> None:
    """What `start` asks before its first question, without reading every file."""
    store.save(make_session(id="2026-11-20-an-peeters", status="prepared", stage="meta"))
    time.sleep(1.1)  # `updated` counts whole seconds
    store.save(make_session(id="2026-11-21-bart-claes", interviewer={"name": "Els"}))
    write_session(home, make_session(id="2026-11-22-dirk", status="prepared", stage="meta"))
    for _ in range(2):
        prepared = store.list_sessions(status="prepared").sessions
        assert sorted(s.id for s in prepared) == ["2026-11-20-an-peeters", "2026-11-22-dirk"]
        last = store.last_saved()
        assert last is not None
        assert (last.id, last.interviewer.name) == ("2026-11-21-bart-claes", "Els")


# --- the journal -------------------------------------------------------------------


def answered(session_id: str, n: int) -> AnswerRecord:
    return AnswerRecord(question=f"Vraag {n}?", type="text", value=f"antwoord {n}")


def test_answers_go_to_the_journal_and_the_file_on_the_way_out(home: Path) -> None:
    session = make_session(status="in_progress", stage="questions")
    path = store.save(session)
    written = path.read_bytes()
    with store.locked(session.id), store.journaled(session.id):
        store.save(session)  # the first save writes the file whole
        written = path.read_bytes()
        for n in range(3):
            session.answers[f"kern.extra_{n}"] = answered(session.id, n)
            store.save(session)
        assert path.read_bytes() == written  # not rewritten per answer
        assert len(journal.journal_path(path).read_text().splitlines()) == 3
        loaded = store.load(session.id)  # another reader sees the answers already
        assert loaded.answers["kern.extra_2"].value == "antwoord 2"
        assert any(s.id == session.id for s in store.list_sessions().sessions)
    assert not journal.journal_path(path).exists()
    assert store.load(session.id).answers["kern.extra_2"].value == "antwoord 2"
    assert "antwoord 2" in path.read_text(encoding="utf-8")


def test_the_journal_is_folded_when_the_stage_changes(home: Path) -> None:
    session = make_session(status="in_progress", stage="questions")
    path = store.save(session)
    with store.locked(session.id), store.journaled(session.id):
        store.save(session)
        session.answers["kern.extra"] = answered(session.id, 1)
        store.save(session)
        assert journal.journal_path(path).exists()
        session.stage = "review"
        store.save(session)
        assert not journal.journal_path(path).exists()
        assert "antwoord 1" in path.read_text(encoding="utf-8")


def test_a_removed_answer_and_changed_fields_are_replayed(home: Path) -> None:
    session = make_session(status="in_progress", stage="questions")
    path = store.save(session)
    with store.locked(session.id), store.journaled(session.id):
        store.save(session)
        del session.answers["kern.wat_graag"]
        session.position = "kern.energie_gevers"
        session.reachability = "Na de middag."
        store.save(session)
        loaded = store.load(session.id)
        assert "kern.wat_graag" not in loaded.answers
        assert (loaded.position, loaded.reachability) == ("kern.energie_gevers", "Na de middag.")
        assert "kern.wat_graag" in path.read_text(encoding="utf-8")  # not folded yet


def test_a_journal_cut_off_mid_line_loses_only_that_line(home: Path) -> None:
    session = make_session(status="in_progress", stage="questions")
    path = store.save(session)
    lines = [
        {"answers": {"kern.een": answered(session.id, 1).model_dump(mode="json")}},
        {"answers": {"kern.twee": answered(session.id, 2).model_dump(mode="json")}},
    ]
    text = "".join(json.dumps(line) + "\n" for line in lines)
    cut = json.dumps({"answers": {"kern.drie": answered(session.id, 3).model_dump(mode="json")}})
    journal.journal_path(path).write_text(text + cut[:25], encoding="utf-8")
    loaded = store.load(session.id)
    assert loaded.answers["kern.twee"].value == "antwoord 2"
    assert "kern.drie" not in loaded.answers
    # a summary reads it too, and a later save folds it
    assert store.view(session.id).answers["kern.een"].value == "antwoord 1"
    store.save(loaded)
    assert not journal.journal_path(path).exists()
    assert store.load(session.id).answers["kern.een"].value == "antwoord 1"


def test_delete_and_export_data_take_the_journal_along(home: Path, run: CliRun) -> None:
    session = make_session(status="in_progress", stage="questions")
    session.employee.id = registered("An Peeters")
    path = store.save(session)
    entry = {"answers": {"kern.dagboek": answered(session.id, 9).model_dump(mode="json")}}
    journal.journal_path(path).write_text(json.dumps(entry) + "\n", encoding="utf-8")
    exported = run("export-data", "--employee", "An Peeters", "--format", "json")
    assert exported.exit_code == 0, exported.output
    assert "antwoord 9" in exported.stdout
    deleted = run("delete", "--employee", "An Peeters", "--yes")
    assert deleted.exit_code == 0, deleted.output
    assert sorted(p.name for p in (home / "sessions").iterdir()) == []


CHILD = """
import sys
sys.path[:0] = [{here!r}, {tests!r}]
from loopbaan_cli.sessions import store
from loopbaan_cli.sessions.model import AnswerRecord

session_id = sys.argv[1]
with store.locked(session_id), store.journaled(session_id):
    session = store.load(session_id)
    store.save(session)
    for n in range(100000):
        session.answers[f"kern.extra_{{n}}"] = AnswerRecord(question="V?", value=f"antwoord {{n}}")
        store.save(session)
        print("SAVED", n, flush=True)
"""


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL needs a POSIX system")
def test_answers_in_the_journal_survive_kill_9(home: Path, tmp_path: Path) -> None:
    script = tmp_path / "child.py"
    script.write_text(CHILD.format(here=str(HERE), tests=str(TESTS)), encoding="utf-8")
    session = make_session(status="in_progress", stage="questions")
    path = store.save(session)
    child = subprocess.Popen(
        [sys.executable, str(script), session.id],
        env={**os.environ, "LOOPBAAN_HOME": str(home)},
        stdout=subprocess.PIPE,
    )
    assert child.stdout is not None
    confirmed = -1
    for _ in range(150):  # past a fold (every journal.FOLD_EVERY lines) and into the next journal
        confirmed = int(child.stdout.readline().split()[1])
    time.sleep(0.002)
    child.send_signal(signal.SIGKILL)
    child.wait()
    assert journal.journal_path(path).exists()
    loaded = store.load(session.id)
    for n in range(confirmed + 1):
        assert loaded.answers[f"kern.extra_{n}"].value == f"antwoord {n}", n
    assert dt.datetime.now() - loaded.updated < dt.timedelta(minutes=5)
