"""A terminal that is not UTF-8, and streams that are closed or go nowhere.

Run as a user would: the real CLI in a fresh Python, with the locale set up in
its environment. Output degrades to the closest ASCII ("…" -> "...", "é" -> "e",
box lines -> "-", "|", "+"); nothing ends in a traceback.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from helpers import make_session, write_session

pytestmark = pytest.mark.skipif(os.name == "nt", reason="POSIX locales and file descriptors")

SESSION_ID = "2026-11-22-zoe-lefevre"
NAME = "Zoë Lefèvre"
WHAT = "Cursus Excel… en meer — met ‘aanhalingstekens’"

# How each setting writes NAME and WHAT
LOCALES = {
    "C": ({"LC_ALL": "C", "PYTHONUTF8": "0"}, "ascii", "Zoe Lefevre"),
    "ascii": ({"PYTHONIOENCODING": "ascii"}, "ascii", "Zoe Lefevre"),
    "latin-1": ({"PYTHONIOENCODING": "latin-1"}, "latin-1", NAME),
    "iso-8859-15": ({"PYTHONIOENCODING": "iso8859-15"}, "iso8859-15", NAME),
}
WHAT_IN_ASCII = "Cursus Excel... en meer - met 'aanhalingstekens'"


def loopbaan(
    home: Path, *args: str, env: dict[str, str] | None = None, **options: Any
) -> subprocess.CompletedProcess[bytes]:
    """`loopbaan ARGS` in a fresh Python, with only the given locale settings."""
    clean = {
        key: value
        for key, value in os.environ.items()
        if key not in ("PYTHONIOENCODING", "PYTHONUTF8", "LC_ALL", "LC_CTYPE", "LANG")
    }
    clean["LOOPBAAN_HOME"] = str(home)
    clean.update(env or {})
    command = [sys.executable, "-m", "loopbaan_cli", *args]
    options.setdefault("stdout", subprocess.PIPE)
    options.setdefault("stderr", subprocess.PIPE)
    done: subprocess.CompletedProcess[bytes] = subprocess.run(
        command, env=clean, timeout=120, check=False, **options
    )
    return done


@pytest.fixture
def session(home: Path) -> str:
    write_session(
        home,
        make_session(
            id=SESSION_ID,
            employee={"name": NAME, "role": "boekhoudster"},
            agreements=[
                {
                    "action": "opleiding",
                    "action_title": "Opleiding",
                    "what": WHAT,
                    "owner": NAME,
                    "due": dt.date(2027, 2, 1),
                }
            ],
        ),
    )
    return SESSION_ID


def assert_clean(done: subprocess.CompletedProcess[bytes], encoding: str) -> str:
    """Exit 0, no traceback, and stdout as text in `encoding` (strict: every byte valid)."""
    stderr = done.stderr.decode(encoding, "replace")
    assert done.returncode == 0, stderr
    assert "Traceback" not in stderr and "Error" not in stderr, stderr
    text = done.stdout.decode(encoding)
    assert "???" not in text, text  # box lines and dashes become ASCII, not question marks
    return text


@pytest.mark.parametrize("locale", LOCALES)
def test_list_show_and_card_in_a_narrow_locale(home: Path, session: str, locale: str) -> None:
    env, encoding, name = LOCALES[locale]

    listing = assert_clean(loopbaan(home, "list", env=env), encoding)
    assert SESSION_ID in listing and name.split()[0] in listing

    shown = assert_clean(loopbaan(home, "show", session, env=env), encoding)
    assert name in shown
    assert not set("─│┃━┏┓┗┛┡┩└┘┌┐├┤┬┴┼") & set(shown)
    for line in shown.splitlines():
        if line.startswith("|"):  # a table drawn in ASCII: every row ends where the border is
            assert line.rstrip().endswith("|"), line

    card = assert_clean(
        loopbaan(home, "export", session, "--kind", "kaart", "--format", "txt", env=env), encoding
    )
    assert name in card
    if encoding == "ascii":
        assert WHAT_IN_ASCII in card
        assert "Zoe Lefevre . Tegen" in card or "Tegen" in card  # "Tegen:", no longer "Klaar:"
    else:  # é and ë fit in Latin-1; the ellipsis and the curly quotes do not
        assert "Cursus Excel... en meer" in card


@pytest.mark.parametrize("locale", ["C", "latin-1"])
def test_banks_list_in_a_narrow_locale(home: Path, locale: str) -> None:
    env, encoding, _ = LOCALES[locale]
    text = assert_clean(loopbaan(home, "banks", "list", env=env), encoding)
    assert "kern" in text


def test_messages_on_stderr_degrade_too(home: Path, tmp_path: Path) -> None:
    bank = tmp_path / "leeg.yaml"
    bank.write_text("id: leeg\ntitle: Leeg\nsections: []\n", encoding="utf-8")
    done = loopbaan(home, "banks", "validate", str(bank), env=LOCALES["C"][0])
    stderr = done.stderr.decode("ascii")  # strict: nothing but ASCII
    assert done.returncode == 2 and "Traceback" not in stderr
    assert "minstens een 'sections'-blok" in stderr  # "één" written as "een"


def test_utf8_output_is_left_alone(home: Path, session: str) -> None:
    done = loopbaan(home, "export", session, "--kind", "kaart", "--format", "txt")
    card = assert_clean(done, "utf-8")
    assert NAME in card and WHAT in card


# --- streams that are closed, or whose reader has gone ------------------------------


def closed_pipe() -> int:
    """The writing end of a pipe whose reader has already gone (`| head -0`, but certain)."""
    read, write = os.pipe()
    os.close(read)
    return write


@pytest.mark.parametrize(
    "args",
    [
        ("list",),
        ("show", SESSION_ID),
        ("export", SESSION_ID, "--format", "txt"),
        ("banks", "list", "--json"),
        ("--help",),
        (),
    ],
    ids=["list", "show", "export", "banks-json", "help", "no-arguments"],
)
def test_reader_gone_stops_quietly(home: Path, session: str, args: tuple[str, ...]) -> None:
    pipe = closed_pipe()
    try:
        done = loopbaan(home, *args, stdout=pipe)
    finally:
        os.close(pipe)
    assert done.returncode == 1
    assert done.stderr == b""  # no traceback, no "Exception ignored", no message


def _close(fd: int) -> None:
    os.close(fd)


@pytest.mark.parametrize(
    "args",
    [("list",), ("export", SESSION_ID, "--format", "txt"), ("banks", "list")],
    ids=["list", "export", "banks"],
)
def test_closed_stdout_stops_quietly(home: Path, session: str, args: tuple[str, ...]) -> None:
    done = loopbaan(home, *args, preexec_fn=lambda: _close(1))  # `loopbaan ... >&-`
    assert done.returncode == 1
    assert done.stderr == b""


def test_closed_stdin_says_a_terminal_is_needed(home: Path) -> None:
    done = loopbaan(home, "start", preexec_fn=lambda: _close(0))  # `loopbaan start <&-`
    stderr = done.stderr.decode()
    assert done.returncode == 1, stderr
    assert "Traceback" not in stderr and "terminal" in stderr


def test_empty_stdin_says_a_terminal_is_needed(home: Path) -> None:
    done = loopbaan(home, "start", stdin=subprocess.DEVNULL)  # `loopbaan start </dev/null`
    stderr = done.stderr.decode()
    assert done.returncode == 1, stderr
    assert "Traceback" not in stderr and "terminal" in stderr


def test_closed_stderr_keeps_the_exit_code(home: Path) -> None:
    done = loopbaan(home, "strat", stderr=None, preexec_fn=lambda: _close(2))
    assert done.returncode == 1
