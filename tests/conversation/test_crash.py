"""Nothing typed is lost: Ctrl-C at any prompt, kill -9 at any moment, two windows, privacy.

- Ctrl-C at every prompt of a whole conversation (preparation, questions,
  review, conclusion, agreements, follow-up, preview), one run per prompt:
  everything answered before it is on disk, and a new interview on the reloaded
  session finishes the conversation with the same answers as one without a
  break.
- kill -9 at random moments of a real process answering a conversation: the
  file always loads and holds every answer the process had confirmed.
- Two processes on one session: the second is refused; the lock of a killed
  process is taken over with a clear message.
- Files 0600 and folders 0700, whatever the umask.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import random
import signal
import stat
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from helpers import FIXTURES, TESTS, make_session
from typer.testing import CliRunner

from loopbaan_cli.banks.library import Library, load_library
from loopbaan_cli.conversation.asking import ADD, DONE, Ask, Interrupt, MenuAction, MenuChoice
from loopbaan_cli.conversation.interview import Interview
from loopbaan_cli.documents.render import render
from loopbaan_cli.kernel.errors import SessionLockedError
from loopbaan_cli.sessions import store
from loopbaan_cli.sessions.model import Employee, Person, Session

HERE = Path(__file__).parent  # the child imports reply_for from this file, and helpers
DAY = dt.date(2026, 11, 22)
DRAFT = "half getypt antwoord"

PREPARATION_BANK = """\
id: voorbereiding
title: Voorbereiding
kind: preparation
sections:
  - id: vooraf
    title: Vooraf
    questions:
      - id: sterk
        text: Waar is de medewerker sterk in?
        type: text
      - id: kansen
        text: Welke kansen zie je?
        type: multi_choice
        choices: [Opleiding, Nieuwe taken, Geen]
"""


# --- a person who answers everything the same way ----------------------------------


def reply_for(ask: Ask) -> Any:
    """The answer a steady interviewer gives to any prompt of a whole conversation."""
    key, kind = ask.key, ask.type
    values = [c.value for c in ask.choices]
    if key == "preparation.start":
        return True
    if key == "review":
        return DONE
    if key == "agreements":  # one agreement, then on
        changing = [
            v for v in values if isinstance(v, MenuChoice) and v.action is MenuAction.CHANGE
        ]
        return DONE if changing else ADD
    if key == "preview":
        return "afronden"
    if kind == "choice":
        return values[0]
    if kind == "multi_choice":
        return values[:1]
    if kind == "confirm":
        return True
    if kind == "scale":
        assert ask.scale is not None
        return ask.scale.min + 1  # low: also asks the questions that follow a low score
    if kind == "number":
        return 7
    if kind == "date":
        return dt.date(2027, 1, 15) if key != "followup.next" else dt.date(2029, 11, 22)
    return f"Antwoord op {key}"


class Person_:
    """Answers with reply_for, remembers what it gave, and can press Ctrl-C at prompt N."""

    def __init__(self, interrupt_at: int | None = None) -> None:
        self.interrupt_at = interrupt_at
        self.count = 0
        self.given: list[tuple[str, Any]] = []
        self.interrupted: Ask | None = None

    def __call__(self, ask: Ask) -> Any:
        self.count += 1
        if self.count > 500:
            raise AssertionError(f"the interview keeps asking; last: {ask.key}")
        if self.count == self.interrupt_at:
            self.interrupted = ask
            raise Interrupt(DRAFT if ask.type in ("text", "long_text") else "")
        answer = reply_for(ask)
        self.given.append((ask.key, answer))
        return answer


def sheet(session: Session) -> str:
    """The whole sheet, as `loopbaan` hands it to the interview's preview."""
    return render(session, "afspraken", "txt")


def new_session(session_id: str) -> Session:
    now = dt.datetime(2026, 11, 22, 10, 0)
    return Session(
        id=session_id,
        created=now,
        updated=now,
        stage="preparation",
        employee=Employee(name="An Peeters", role="boekhouder"),
        interviewer=Person(name="Marc Janssens"),
        date=DAY,
        phase="spitsuur",
        purposes=["groei_job"],
    )


def on_disk(session: Session, key: str) -> Any:
    """What the file holds for a prompt's key; a sentinel when it holds nothing."""
    records = {**session.preparation, **session.answers}
    if key in records:
        record = records[key]
        return None if record.skipped else record.value
    agreement = session.agreements[0] if session.agreements else None
    if key.startswith("agreement.") and agreement is not None:
        return getattr(agreement, key.split(".", 1)[1])
    if key == "conclusion":  # several can be ticked
        return [c.id for c in session.conclusions] if session.conclusions else MISSING
    if key == "conclusion.referral":
        return any(c.referral_info for c in session.conclusions) if session.conclusions else MISSING
    if key == "summary":
        return session.summary
    if key == "conclusion.text":
        return session.conclusion.text if session.conclusion else MISSING
    if key in ("followup.1", "followup.2"):
        dates = [f.date for f in session.followups]
        index = int(key[-1]) - 1
        return dates[index] if index < len(dates) else MISSING
    if key == "followup.next":
        return session.next_conversation
    if key == "followup.reachability":
        return session.reachability
    return MISSING


MISSING = object()
NAVIGATION = {"preparation.start", "review", "agreements", "agreement.action", "preview"}


@pytest.fixture
def library(mini_banks: Path) -> Library:
    (mini_banks / "banks" / "voorbereiding.yaml").write_text(PREPARATION_BANK, encoding="utf-8")
    return load_library()


@pytest.mark.slow
def test_ctrl_c_at_every_prompt_loses_nothing(library: Library, home: Path) -> None:
    whole = Person_()
    baseline = new_session("2026-11-22-zonder-onderbreking")
    Interview(library, whole, store.save, sheet).run(baseline)
    assert baseline.status == "completed"
    prompts = whole.count
    asked = {key for key, _ in whole.given}
    assert {"voorbereiding.sterk", "kern.job", "conclusion", "agreement.what", "preview"} <= asked
    assert prompts >= 25, prompts

    for n in range(1, prompts + 1):
        session_id = f"2026-11-22-onderbreking-{n}"
        session = new_session(session_id)
        store.save(session)
        person = Person_(interrupt_at=n)
        interview = Interview(library, person, store.save, sheet)
        with pytest.raises(KeyboardInterrupt):
            interview.run(session)
        interview.save()  # what `loopbaan` does on Ctrl-C before it stops
        assert person.interrupted is not None

        reloaded = store.load(session_id)
        for key, answer in person.given:
            if key in NAVIGATION:
                continue
            assert on_disk(reloaded, key) == answer, (n, key, answer)
        stopped = person.interrupted
        if stopped.type in ("text", "long_text") and stopped.key.split(".")[0] in library.banks:
            # Ctrl-C halfway through an answer keeps the words typed so far
            assert on_disk(reloaded, stopped.key) == DRAFT, (n, stopped.key)

        # A new interview on the reloaded session: the conversation ends as without a break.
        Interview(library, Person_(), store.save, sheet).run(reloaded)
        final = store.load(session_id)
        assert final.status == "completed", n
        for part in ("answers", "preparation"):
            got = {k: r.value for k, r in getattr(final, part).items()}
            want = {k: r.value for k, r in getattr(baseline, part).items()}
            assert got == want, (n, stopped.key, part)
        assert final.conclusion is not None and baseline.conclusion is not None
        assert final.conclusion.id == baseline.conclusion.id, n
        assert final.agreements and final.agreements[0].what == baseline.agreements[0].what, n


# --- kill -9 ------------------------------------------------------------------------

CHILD = """
import json, sys
sys.path[:0] = [{here!r}, {tests!r}]
from loopbaan_cli.sessions import store
from loopbaan_cli.banks.library import load_library
from loopbaan_cli.conversation.interview import Interview
from test_crash import reply_for, sheet

session_id = sys.argv[1]
shown = {{}}

def save(session):
    store.save(session)
    for part in ("preparation", "answers"):
        for key, record in getattr(session, part).items():
            value = json.dumps(None if record.skipped else record.value, default=str)
            if shown.get((part, key)) != value:
                shown[(part, key)] = value
                print("CONFIRMED", part, key, value, flush=True)

library = load_library()
with store.locked(session_id):
    session = store.load(session_id)
    print("READY", flush=True)
    Interview(library, reply_for, save, sheet).run(session)
print("DONE", flush=True)
"""


def confirmed(output: bytes) -> dict[tuple[str, str], str]:
    found = {}
    for line in output.decode("utf-8", "replace").splitlines(keepends=True):
        if line.startswith("CONFIRMED ") and line.endswith("\n"):
            _, part, key, value = line.rstrip("\n").split(" ", 3)
            found[(part, key)] = value
    return found


def wait_for_line(process: subprocess.Popen[bytes], word: bytes, timeout: float) -> bytes:
    assert process.stdout is not None
    end = time.monotonic() + timeout
    seen = b""
    while time.monotonic() < end:
        line = process.stdout.readline()
        if not line:
            break
        seen += line
        if line.startswith(word):
            return seen
    raise AssertionError(f"no {word!r} from the child: {seen!r}")


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL needs a POSIX system")
def test_kill_9_at_random_moments_keeps_every_confirmed_answer(home: Path, tmp_path: Path) -> None:
    script = tmp_path / "child.py"
    script.write_text(CHILD.format(here=str(HERE), tests=str(TESTS)), encoding="utf-8")
    env = {**os.environ, "LOOPBAAN_HOME": str(home)}
    chance = random.Random(6)
    deadline = time.monotonic() + 40
    killed_midway = 0
    for run in range(8):
        if time.monotonic() > deadline:
            break
        session_id = f"2026-11-22-kill-{run}"
        store.save(new_session(session_id))
        child = subprocess.Popen(
            [sys.executable, str(script), session_id],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        try:
            before = wait_for_line(child, b"READY", 20)
            # Kill after a chosen number of confirmed answers (a sleep would race
            # the child: on a fast machine it finished before the kill), plus a
            # tiny random delay so the kill also lands in the middle of a save.
            assert child.stdout is not None
            for _ in range(chance.randint(0, 12)):
                before += child.stdout.readline()
            time.sleep(chance.uniform(0.0, 0.005))
            child.send_signal(signal.SIGKILL)
            rest, errors = child.communicate(timeout=20)
        finally:
            if child.poll() is None:
                child.kill()
                child.wait()
        output = before + rest
        assert b"Traceback" not in errors, errors.decode()
        promised = confirmed(output)

        session = store.load(session_id)  # always loads: never half a file
        for (part, key), value in promised.items():
            record = getattr(session, part).get(key)
            assert record is not None, (run, part, key)
            assert json.dumps(None if record.skipped else record.value, default=str) == value

        # the killed process left its lock behind: the next one takes it over
        was_killed = child.returncode == -signal.SIGKILL and b"DONE" not in output
        killed_midway += was_killed and bool(promised)
        with store.locked(session_id) as stale:
            assert stale is was_killed, (run, child.returncode)
        assert session_id in {s.id for s in store.list_sessions().sessions}
    assert killed_midway >= 2, "the kills should land in the middle of a conversation"


# --- two processes ----------------------------------------------------------------------

HOLDER = """
import sys, time
from loopbaan_cli.sessions import store
with store.locked(sys.argv[1]):
    print("LOCKED", flush=True)
    time.sleep(120)
"""


@pytest.fixture
def holder(home: Path) -> Iterator[Callable[[str], subprocess.Popen[bytes]]]:
    started: list[subprocess.Popen[bytes]] = []

    def start(session_id: str) -> subprocess.Popen[bytes]:
        child = subprocess.Popen(
            [sys.executable, "-c", HOLDER, session_id],
            env={**os.environ, "LOOPBAAN_HOME": str(home)},
            stdout=subprocess.PIPE,
        )
        started.append(child)
        wait_for_line(child, b"LOCKED", 20)
        return child

    yield start
    for child in started:
        if child.poll() is None:
            child.kill()
        child.wait()


def test_second_process_is_refused_in_process(home: Path, holder: Any) -> None:
    store.save(make_session(status="in_progress", stage="questions"))
    holder("2026-11-22-an-peeters")
    with (
        pytest.raises(SessionLockedError, match="al open in een ander venster"),
        store.locked("2026-11-22-an-peeters"),
    ):
        pass


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals need a POSIX system")
def test_second_window_refused_then_stale_lock_recovered(home: Path, holder: Any) -> None:
    pexpect = pytest.importorskip("pexpect")
    session_id = "2026-11-22-an-peeters"
    store.save(make_session(status="in_progress", stage="questions", position=None))
    first = holder(session_id)
    env = {
        **os.environ,
        "LOOPBAAN_HOME": str(home),
        "PROMPT_TOOLKIT_NO_CPR": "1",
        "TERM": "xterm",
        "COLUMNS": "120",
        "LINES": "40",
    }
    loopbaan = str(Path(sys.executable).parent / "loopbaan")

    second = pexpect.spawn(
        loopbaan,
        ["resume", session_id],
        env=env,
        timeout=20,
        dimensions=(40, 120),
        encoding="utf-8",
    )
    second.expect("al open in een ander venster")
    second.expect(pexpect.EOF)
    second.close()
    assert second.exitstatus == 1, second.before
    assert "Traceback" not in (second.before or "")

    first.send_signal(signal.SIGKILL)
    first.wait()
    lock = home / "sessions" / f"{session_id}.lock"
    assert lock.exists(), "a killed process leaves its lock behind"

    third = pexpect.spawn(
        loopbaan,
        ["resume", session_id],
        env=env,
        timeout=20,
        dimensions=(40, 120),
        encoding="utf-8",
    )
    third.expect("niet netjes afgesloten")
    third.expect(r"vraag \d+/\d+")  # the conversation goes on at its first question
    # Ctrl-C once the prompt is drawn and reading: sent while it still starts up,
    # on a busy machine, the key could reach a terminal that is not yet listening.
    with contextlib.suppress(pexpect.TIMEOUT):
        while True:
            third.expect(r"[\s\S]+", timeout=0.5)
    third.sendcontrol("c")
    third.expect(pexpect.EOF)
    third.close()
    assert third.exitstatus == 130, third.before
    assert not lock.exists()
    assert store.load(session_id).status == "in_progress"


# --- privacy on disk ----------------------------------------------------------------------


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture(params=[0o022, 0o000], ids=["umask-022", "umask-000"])
def umask(request: pytest.FixtureRequest) -> Iterator[int]:
    old = os.umask(request.param)
    yield request.param
    os.umask(old)


def test_everything_written_is_private(tmp_path: Path, umask: int) -> None:
    home = tmp_path / "nieuw" / "thuis"  # does not exist yet: loopbaan makes it
    runner = CliRunner()
    answers = FIXTURES / "answers" / "complete.yaml"
    result = runner.invoke(
        __import__("loopbaan_cli.cli.app", fromlist=["app"]).app,
        ["--home", str(home), "start", "--answers", str(answers), "--no-input", "--json"],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    session_file = Path(json.loads(result.stdout)["path"])
    exported = tmp_path / "afspraken.md"
    result = runner.invoke(
        __import__("loopbaan_cli.cli.app", fromlist=["app"]).app,
        ["--home", str(home), "export", session_file.stem, "-o", str(exported)],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output

    assert mode(home) == 0o700, oct(mode(home))
    assert mode(home / "sessions") == 0o700
    assert mode(session_file) == 0o600
    assert mode(exported) == 0o600
    for path in home.rglob("*"):
        assert mode(path) == (0o700 if path.is_dir() else 0o600), (path, oct(mode(path)))
    assert mode(tmp_path / "nieuw") == 0o700  # made by loopbaan too


def test_lock_file_and_resaved_file_are_private(home: Path, umask: int) -> None:
    session = make_session()
    path = store.save(session)
    path.chmod(0o644)  # a copy put back by hand, readable for all
    store.save(session)
    assert mode(path) == 0o600
    with store.locked(session.id):
        assert mode(path.with_suffix(".lock")) == 0o600
