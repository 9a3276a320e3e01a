"""Conversations on disk: round trip, privacy, ids, atomic writes, broken files, locks."""

from __future__ import annotations

import datetime as dt
import os
import socket
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import CliRun, assert_fails, make_session, write_session
from pydantic import ValidationError

from loopbaan_cli.kernel.errors import ConfigError, LoopbaanError, NotFoundError, SessionLockedError
from loopbaan_cli.sessions import locks, store
from loopbaan_cli.sessions.model import SCHEMA_VERSION

DAY = dt.date(2026, 11, 22)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_save_and_load_round_trip(home: Path) -> None:
    session = make_session(status="in_progress", stage="questions", position="kern.richting")
    path = store.save(session)
    assert path == home / "sessions" / "2026-11-22-an-peeters.yaml"
    loaded = store.load(session.id)
    assert loaded.model_dump(exclude={"updated"}) == session.model_dump(exclude={"updated"})
    # the question text travels with the answer: a later bank edit changes nothing
    assert loaded.answers["kern.wat_graag"].question == "Welk werk doe je het liefst?"
    assert loaded.answers["kern.wat_graag"].private is True


def test_session_file_is_human_readable_yaml(home: Path) -> None:
    path = store.save(make_session())
    text = path.read_text(encoding="utf-8")
    assert f"schema_version: {SCHEMA_VERSION}" in text
    assert "name: An Peeters" in text
    assert "question: Welk werk doe je het liefst?" in text


def test_files_0600_and_folders_0700(home: Path) -> None:
    path = store.save(make_session())
    assert mode(path) == 0o600
    assert mode(path.parent) == 0o700


def test_new_id_is_date_and_name_slug(home: Path) -> None:
    assert store.new_id("An Peeters", DAY) == "2026-11-22-an-peeters"


def test_new_id_gets_a_suffix_on_collision(home: Path) -> None:
    store.save(make_session(id=store.new_id("An Peeters", DAY)))
    second = store.new_id("An Peeters", DAY)
    assert second == "2026-11-22-an-peeters-2"
    store.save(make_session(id=second))
    assert store.new_id("An Peeters", DAY) == "2026-11-22-an-peeters-3"
    assert store.new_id("An Peeters", DAY + dt.timedelta(days=1)) == "2026-11-23-an-peeters"


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Renée Van den Broeck", "renee-van-den-broeck"),
        ("Zoë D'hondt", "zoe-d-hondt"),
        ("  JAN   Peeters  ", "jan-peeters"),
        ("../../etc/passwd", "etc-passwd"),
        ("王小明", "medewerker"),
    ],
)
def test_names_are_slugged_into_safe_ids(home: Path, name: str, slug: str) -> None:
    session_id = store.new_id(name, DAY)
    assert session_id == f"2026-11-22-{slug}"
    path = store.save(make_session(id=session_id))
    assert path.parent == home / "sessions"


@pytest.mark.parametrize("bad", ["../x", "a/b", "..", "", "/etc/passwd", "x/../../y", "A B"])
def test_ids_that_could_escape_the_folder_are_refused(home: Path, tmp_path: Path, bad: str) -> None:
    before = set(tmp_path.rglob("*"))
    with pytest.raises(LoopbaanError, match="geen geldige gespreks-id"):
        store.load(bad)
    with pytest.raises(ValidationError):
        make_session(id=bad)  # the model refuses it
    session = make_session()
    session.id = bad  # and save() refuses it even when set by hand
    with pytest.raises(LoopbaanError, match="geen geldige gespreks-id"):
        store.save(session)
    assert set(tmp_path.rglob("*")) <= before | {home, home / "sessions"}
    assert not (tmp_path / "x").exists()


@pytest.mark.parametrize("bad", ["../x", "a/b", ".."])
def test_cli_refuses_escaping_ids(run: CliRun, bad: str) -> None:
    for command in ("show", "export"):
        assert_fails(run(command, bad), 1, "geen geldige gespreks-id")


def test_atomic_write_leaves_no_temp_file(home: Path) -> None:
    session = make_session()
    store.save(session)
    store.save(session)
    assert [p.name for p in (home / "sessions").iterdir()] == ["2026-11-22-an-peeters.yaml"]


def test_failed_write_keeps_old_file_and_leaves_no_temp(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = store.save(make_session())
    before = path.read_bytes()

    def broken_replace(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError):
        store.save(make_session(reachability="nieuwe tekst"))
    assert path.read_bytes() == before
    assert [p.name for p in path.parent.iterdir()] == [path.name]


# --- broken files ---------------------------------------------------------------


def test_corrupt_session_file_gives_clear_error(home: Path) -> None:
    good = store.save(make_session())
    bad = good.parent / "2026-11-20-kapot.yaml"
    bad.write_text("schema_version: 1\nid: [niet af\n", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        store.load("2026-11-20-kapot")
    assert str(bad) in caught.value.message
    assert store.load(good.stem).employee.name == "An Peeters"


def test_session_from_a_newer_version_gives_clear_error(home: Path) -> None:
    path = store.save(make_session())
    path.write_text(
        path.read_text().replace(f"schema_version: {SCHEMA_VERSION}", "schema_version: 99")
    )
    with pytest.raises(ConfigError) as caught:
        store.load(path.stem)
    assert str(path) in caught.value.message
    assert "nieuwere versie" in caught.value.message


def test_session_file_with_wrong_fields_names_the_line(home: Path) -> None:
    path = store.save(make_session())
    path.write_text(path.read_text().replace("status: completed", "status: klaar"))
    with pytest.raises(ConfigError) as caught:
        store.load(path.stem)
    line = next(
        n for n, text in enumerate(path.read_text().splitlines(), 1) if text.startswith("status:")
    )
    assert f"{path}:{line}:" in caught.value.message


def test_list_skips_broken_files_with_a_warning(run: CliRun, home: Path) -> None:
    write_session(home, make_session())
    sessions = home / "sessions"
    (sessions / "2026-11-20-kapot.yaml").write_text("id: [niet af\n", encoding="utf-8")
    future = make_session(id="2026-11-21-toekomst", schema_version=SCHEMA_VERSION + 1)
    write_session(home, future)

    result = run("list")
    assert result.exit_code == 0, result.output
    assert "2026-11-22-an-peeters" in result.stdout
    assert "2026-11-20-kapot.yaml" in result.stderr
    assert "2026-11-21-toekomst.yaml" in result.stderr
    assert "Traceback" not in result.output

    as_json = run("list", "--json")
    assert as_json.exit_code == 0
    assert "2026-11-20-kapot.yaml" in as_json.stderr
    assert '"2026-11-22-an-peeters"' in as_json.stdout

    assert_fails(run("show", "2026-11-20-kapot"), 2, "2026-11-20-kapot.yaml")
    assert_fails(run("export", "2026-11-21-toekomst"), 2, "2026-11-21-toekomst.yaml", "nieuwere")
    assert run("show", "2026-11-22-an-peeters").exit_code == 0


# --- locks ------------------------------------------------------------------------


def test_second_lock_on_same_session_is_refused(home: Path) -> None:
    with store.locked("2026-11-22-an-peeters") as stale:
        assert stale is False
        with (
            pytest.raises(SessionLockedError, match="al open"),
            store.locked("2026-11-22-an-peeters"),
        ):
            pass
    # released afterwards: a new lock works
    with store.locked("2026-11-22-an-peeters") as stale:
        assert stale is False


def test_lock_is_per_session(home: Path) -> None:
    with store.locked("2026-11-22-an-peeters"), store.locked("2026-11-22-jan-peeters"):
        pass


def test_lock_released_after_an_exception(home: Path) -> None:
    with pytest.raises(RuntimeError), store.locked("2026-11-22-an-peeters"):
        raise RuntimeError("boem")
    assert not list((home / "sessions").glob("*.lock"))


def test_stale_lock_of_dead_process_is_taken_over(home: Path) -> None:
    finished = subprocess.Popen([sys.executable, "-c", "pass"])
    finished.wait()
    lock = home / "sessions" / "2026-11-22-an-peeters.lock"
    lock.parent.mkdir(parents=True)
    lock.write_text(f"{finished.pid} {socket.gethostname()}\n")
    with store.locked("2026-11-22-an-peeters") as stale:
        assert stale is True
        owner = locks.read_owner(lock)
        assert owner is not None and owner[:2] == (os.getpid(), socket.gethostname())
    assert not lock.exists()


def test_unreadable_lock_file_older_than_a_minute_is_taken_over(home: Path) -> None:
    lock = home / "sessions" / "2026-11-22-an-peeters.lock"
    lock.parent.mkdir(parents=True)
    lock.write_text("")
    os.utime(lock, (1_700_000_000, 1_700_000_000))  # left behind, not being written right now
    with store.locked("2026-11-22-an-peeters") as stale:
        assert stale is True


def test_a_lock_being_written_this_instant_is_not_taken_for_stale(home: Path) -> None:
    """Between creating a lock and writing its owner, another process must not take it over."""
    lock = home / "sessions" / "2026-11-22-an-peeters.lock"
    lock.parent.mkdir(parents=True)
    lock.write_text("")
    with (
        pytest.raises(SessionLockedError, match="op dit moment"),
        store.locked("2026-11-22-an-peeters"),
    ):
        pass
    assert lock.exists()


def test_new_id_avoids_a_locked_id(home: Path) -> None:
    with store.locked("2026-11-22-an-peeters"):
        assert store.new_id("An Peeters", DAY) == "2026-11-22-an-peeters-2"


# --- which session is meant ------------------------------------------------------


def test_resolve_defaults_to_most_recent(home: Path) -> None:
    write_session(
        home,
        make_session(
            id="2026-11-20-bart-claes",
            date=dt.date(2026, 11, 20),
            updated=dt.datetime(2026, 11, 20, 9, 0),
            status="in_progress",
        ),
    )
    write_session(home, make_session(updated=dt.datetime(2026, 11, 22, 11, 0)))
    assert store.resolve(None).id == "2026-11-22-an-peeters"
    assert store.resolve(None, unfinished=True).id == "2026-11-20-bart-claes"


def test_resolve_without_sessions_is_a_clear_error(home: Path) -> None:
    with pytest.raises(NotFoundError, match="nog geen gesprek"):
        store.resolve(None)


def test_a_session_file_that_is_a_link_is_reported_not_followed(home: Path, tmp_path: Path) -> None:
    """A link in sessions/ (to another data folder, ~/.ssh) is never read through."""
    elsewhere = tmp_path / "elders"
    elsewhere.mkdir()
    write_session(home, make_session())
    target = elsewhere / "gesprek.yaml"
    target.write_text((home / "sessions" / "2026-11-22-an-peeters.yaml").read_text())
    (home / "sessions" / "2026-11-01-link.yaml").symlink_to(target)
    listing = store.list_sessions()
    assert [s.id for s in listing.sessions] == ["2026-11-22-an-peeters"]
    assert [p.file for p in listing.broken] == [str(home / "sessions" / "2026-11-01-link.yaml")]
    assert "link" in listing.broken[0].message
    with pytest.raises(ConfigError, match="link"):
        store.view("2026-11-01-link")
    with pytest.raises(ConfigError, match="link"):
        store.load("2026-11-01-link")
