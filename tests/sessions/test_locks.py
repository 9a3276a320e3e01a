"""Locks and id reservations: what a second window, a second computer and a full disk see."""

from __future__ import annotations

import datetime as dt
import errno
import json
import os
import socket
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import CliRun, assert_fails, make_session, write_session

from loopbaan_cli.kernel.errors import SessionLockedError
from loopbaan_cli.sessions import locks, store

SESSION_ID = "2026-11-22-an-peeters"
DAY = dt.date(2026, 11, 22)
ANSWERS = Path(__file__).parent.parent / "fixtures" / "answers" / "complete.yaml"


@pytest.fixture
def lock(home: Path) -> Path:
    path = home / "sessions" / f"{SESSION_ID}.lock"
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


@pytest.fixture
def other_process() -> Iterator[int]:
    """The pid of a live process that is not this one (the other window)."""
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        yield child.pid
    finally:
        child.kill()
        child.wait()


def elsewhere(lock: Path, hours: float, host: str = "laptop-van-marc") -> None:
    since = dt.datetime.now(dt.timezone.utc) - dt.timedelta(hours=hours)
    lock.write_text(json.dumps({"pid": 1234, "host": host, "since": since.isoformat()}) + "\n")


def age(path: Path, seconds: float) -> None:
    then = path.stat().st_mtime - seconds
    os.utime(path, (then, then))


# --- what a lock says -------------------------------------------------------------


def test_a_lock_records_pid_host_and_time_in_one_line(lock: Path) -> None:
    with store.locked(SESSION_ID):
        line = lock.read_text(encoding="utf-8")
        assert line.count("\n") == 1
        data = json.loads(line)
        assert data["pid"] == os.getpid() and data["host"] == socket.gethostname()
        since = dt.datetime.fromisoformat(data["since"])
        assert abs(dt.datetime.now(dt.timezone.utc) - since) < dt.timedelta(minutes=5)
    assert not lock.exists()


def test_a_lock_of_an_older_loopbaan_is_still_understood(lock: Path, other_process: int) -> None:
    lock.write_text(f"{other_process} {socket.gethostname()}\n")
    with pytest.raises(SessionLockedError, match="al open in een ander venster"):
        store.locked(SESSION_ID).__enter__()
    assert lock.read_text() == f"{other_process} {socket.gethostname()}\n"


# --- another computer ------------------------------------------------------------------


def test_a_lock_of_another_computer_is_respected_with_host_and_age(lock: Path) -> None:
    elsewhere(lock, hours=3.2)
    with pytest.raises(locks.LockedElsewhereError) as caught:
        store.locked(SESSION_ID).__enter__()
    assert "op computer 'laptop-van-marc' sinds 3 uur" in caught.value.message
    assert lock.exists(), "the other computer's lock stays"


def test_a_lock_of_another_computer_is_taken_over_only_when_asked(lock: Path) -> None:
    elsewhere(lock, hours=30)
    locks.take_over_elsewhere(True)
    try:
        with store.locked(SESSION_ID) as stale:
            assert stale is True
            owner = locks.read_owner(lock)
            assert owner is not None and owner[1] == socket.gethostname()
    finally:
        locks.take_over_elsewhere(False)


def test_the_refusal_names_the_exact_command_that_takes_over(run: CliRun, home: Path) -> None:
    prepared = make_session(status="prepared", stage="questions", answers={}, agreements=[])
    write_session(home, prepared)
    elsewhere(home / "sessions" / f"{SESSION_ID}.lock", hours=50)
    result = run("start", "--answers", ANSWERS, "--no-input")
    assert_fails(result, 1, "computer 'laptop-van-marc'", "2 dagen")
    assert f"start --answers {ANSWERS} --no-input --take-over" in result.stderr


def test_scripted_start_takes_over_another_computers_prepared_conversation_when_asked(
    run: CliRun, home: Path
) -> None:
    prepared = make_session(status="prepared", stage="questions", answers={}, agreements=[])
    path = write_session(home, prepared)
    lock = home / "sessions" / f"{SESSION_ID}.lock"
    elsewhere(lock, hours=1)
    before = path.read_bytes()
    assert_fails(run("start", "--answers", ANSWERS, "--no-input"), 1, "laptop-van-marc")
    assert path.read_bytes() == before
    result = run("start", "--answers", ANSWERS, "--no-input", "--take-over")
    assert result.exit_code == 0, result.output
    assert store.load(SESSION_ID).status == "completed"
    assert not lock.exists()


# --- unreadable locks --------------------------------------------------------------------


@pytest.mark.parametrize(
    "content",
    [b"", b"\x00\xff\xfe garbage", b"{not json", b'{"pid": "x", "host": 5}', b"7" * 100_000],
)
def test_an_unreadable_lock_is_refused_while_young_and_taken_over_when_old(
    lock: Path, content: bytes
) -> None:
    lock.write_bytes(content)
    with pytest.raises(SessionLockedError, match="nog onleesbaar"):
        store.locked(SESSION_ID).__enter__()
    age(lock, 120)
    with store.locked(SESSION_ID) as stale:
        assert stale is True


def test_a_full_disk_leaves_no_empty_lock(lock: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def full(fd: int, data: bytes) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr("loopbaan_cli.sessions.locks.os.write", full)
    with pytest.raises(OSError), store.locked(SESSION_ID):
        pass
    assert not lock.exists()


def test_a_full_disk_on_start_says_so_and_leaves_nothing(
    run: CliRun, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(fd: int, data: bytes) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr("loopbaan_cli.sessions.locks.os.write", full)
    result = run("start", "--answers", ANSWERS, "--no-input")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert not list((home / "sessions").iterdir())


# --- reservations -------------------------------------------------------------------------


def test_a_new_id_is_locked_from_birth_until_its_first_save(home: Path) -> None:
    new = store.new_id("An Peeters", DAY)
    lock = home / "sessions" / f"{new}.lock"
    assert lock.exists()
    assert store.new_id("An Peeters", DAY) == new, "still ours until saved"
    store.save(make_session(id=new))
    assert not lock.exists()
    assert store.new_id("An Peeters", DAY) == f"{new}-2"
    locks.release_reserved()
    assert not list((home / "sessions").glob("*.lock"))


def test_an_id_reserved_by_another_process_is_skipped(lock: Path, other_process: int) -> None:
    lock.write_text(f"{other_process} {socket.gethostname()}\n")
    assert store.new_id("An Peeters", DAY) == f"{SESSION_ID}-2"
    locks.release_reserved()


def test_a_refused_answers_file_leaves_no_reservation(
    run: CliRun, home: Path, tmp_path: Path
) -> None:
    answers = tmp_path / "fout.yaml"
    answers.write_text("employee: {name: An Peeters}\nanswers:\n  kern.tevredenheid: 99\n")
    assert_fails(run("start", "--answers", answers, "--no-input"), 1, "buiten de schaal")
    assert not list((home / "sessions").glob("*")) if (home / "sessions").exists() else True


def test_scripted_start_against_a_conversation_open_elsewhere_is_refused(
    run: CliRun, home: Path, other_process: int
) -> None:
    prepared = make_session(status="prepared", stage="questions", answers={}, agreements=[])
    path = write_session(home, prepared)
    lock = home / "sessions" / f"{SESSION_ID}.lock"
    lock.write_text(f"{other_process} {socket.gethostname()}\n")
    before = path.read_bytes()
    assert_fails(run("start", "--answers", ANSWERS, "--no-input"), 1, "al open")
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir()) == [lock.name, path.name]


def _start(home: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "LOOPBAAN_HOME": str(home)}
    command = [sys.executable, "-m", "loopbaan_cli", "start", "--answers", str(ANSWERS)]
    return subprocess.Popen(
        [*command, "--no-input"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )


@pytest.mark.slow
def test_twenty_scripted_starts_at_once_give_twenty_conversations(home: Path) -> None:
    runs = [_start(home) for _ in range(20)]
    outcomes = [(r.wait(timeout=120), r.stderr.read() if r.stderr else b"") for r in runs]
    for run in runs:
        for stream in (run.stdout, run.stderr):
            if stream is not None:
                stream.close()
    assert all(code == 0 for code, _ in outcomes), outcomes
    names = sorted(p.name for p in (home / "sessions").iterdir())
    assert len(names) == 20 and all(n.endswith(".yaml") for n in names), names
    assert len({store.load(Path(n).stem).id for n in names}) == 20


PREPARED = """\
employee: {name: Nieuwe Collega, role: boekhouder}
interviewer: {name: Marc Janssens, role: zaakvoerder}
date: 2026-12-10
phase: spitsuur
purposes: [groei_job]
preparation:
  voorbereiding.sterke_punten: Nauwkeurig
  voorbereiding.mogelijkheden_nu: Meer klantencontact
"""


@pytest.mark.slow
def test_ten_scripted_prepares_at_once_give_ten_conversations_of_one_employee(
    home: Path, tmp_path: Path
) -> None:
    answers = tmp_path / "voorbereiding.yaml"
    answers.write_text(PREPARED, encoding="utf-8")
    env = {**os.environ, "LOOPBAAN_HOME": str(home)}
    command = [sys.executable, "-m", "loopbaan_cli", "prepare", "--answers", str(answers)]
    runs = [
        subprocess.Popen([*command, "--no-input"], env=env, stderr=subprocess.PIPE)
        for _ in range(10)
    ]
    outcomes = [(r.wait(timeout=120), r.stderr.read() if r.stderr else b"") for r in runs]
    for run in runs:
        if run.stderr is not None:
            run.stderr.close()
    assert all(code == 0 for code, _ in outcomes), outcomes
    sessions = [store.load(p.stem) for p in (home / "sessions").glob("*.yaml")]
    assert len(sessions) == 10
    assert len({s.employee.id for s in sessions}) == 1, "one new person, registered once"


@pytest.mark.slow
def test_a_scripted_start_in_a_real_process_is_refused_by_a_held_lock(
    home: Path, other_process: int
) -> None:
    prepared = make_session(status="prepared", stage="questions", answers={}, agreements=[])
    path = write_session(home, prepared)
    (home / "sessions" / f"{SESSION_ID}.lock").write_text(
        f"{other_process} {socket.gethostname()}\n"
    )
    before = path.read_bytes()
    started = _start(home)
    _, err = started.communicate(timeout=60)
    assert started.returncode == 1, err
    assert "al open" in err.decode() and "Traceback" not in err.decode()
    assert path.read_bytes() == before


# --- locks that are not files ---------------------------------------------------------


def test_a_lock_that_is_a_folder_is_refused_in_dutch(lock: Path) -> None:
    lock.mkdir()
    age(lock, 120)
    with pytest.raises(SessionLockedError, match="geen slot dat loopbaan kan weghalen"):
        store.locked(SESSION_ID).__enter__()
    assert lock.is_dir()


def test_a_lock_that_links_elsewhere_is_never_read_through(lock: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "pijp"
    os.mkfifo(fifo)  # reading through the link would wait forever
    lock.symlink_to(fifo)
    assert locks.read_owner(lock) is None
    with pytest.raises(SessionLockedError, match="nog onleesbaar"):
        store.locked(SESSION_ID).__enter__()
    os.utime(lock, (0, 0), follow_symlinks=False)
    with store.locked(SESSION_ID) as stale:
        assert stale is True and not lock.is_symlink()
    assert stat.S_ISFIFO(fifo.stat().st_mode), "the link went, not what it pointed to"


def test_resume_says_where_the_conversation_is_open_before_asking_for_a_terminal(
    run: CliRun, home: Path
) -> None:
    write_session(home, make_session(status="in_progress", stage="questions"))
    lock = home / "sessions" / f"{SESSION_ID}.lock"
    elsewhere(lock, hours=50)
    result = run("resume", SESSION_ID)
    assert_fails(result, 1, "computer 'laptop-van-marc'", "2 dagen")
    assert f"resume {SESSION_ID} --take-over" in result.stderr
    assert lock.exists()
