"""`start`'s first question drawn early (cli/early.py): the terminal's mode, held and given back."""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

import pytest

from loopbaan_cli.app.start import INTRO, FirstScreen
from loopbaan_cli.cli import early
from loopbaan_cli.conversation.asking import Ask, Nav

pytestmark = pytest.mark.skipif(
    sys.platform == "win32", reason="pseudo-terminals need a POSIX system"
)

QUESTION = Ask(
    "meta.employee",
    "Naam van de medewerker",
    "text",
    required=True,
    section="Wie en wanneer",
    default="",
    suggested=True,
    nav=frozenset({Nav.BACK}),
    notice="Al voorbereid: Els Peeters. Typ die naam om die voorbereiding te gebruiken.",
)


class Screen:
    """What was written to stdout so far (pytest captures it)."""

    def __init__(self, capsys: pytest.CaptureFixture[str]) -> None:
        self._capsys = capsys
        self._text = ""

    def getvalue(self) -> str:
        self._text += self._capsys.readouterr().out
        return self._text


@pytest.fixture
def terminal(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> Iterator[tuple[int, Screen]]:
    """stdin a pseudo-terminal (its fd); stdout captured: what `draw` writes."""
    import pty

    controller, fd = pty.openpty()
    stdin = os.fdopen(fd, "r", closefd=False)
    monkeypatch.setattr(sys, "stdin", stdin)
    try:
        yield fd, Screen(capsys)
    finally:
        early.release()
        stdin.close()
        os.close(fd)
        os.close(controller)


def _mode(fd: int) -> Any:
    import termios

    return termios.tcgetattr(fd)


def test_the_keys_are_held_until_the_prompt_has_read_them(
    terminal: tuple[int, Screen],
) -> None:
    import termios

    fd, screen = terminal
    before = _mode(fd)
    assert early.draw(FirstScreen(INTRO, QUESTION))
    held = _mode(fd)
    assert not held[3] & (termios.ECHO | termios.ICANON | termios.ISIG)  # nothing echoed twice
    text = screen.getvalue()
    assert "Naam van de medewerker" in text
    assert "Ctrl-T terug" in text
    assert text.endswith("? Antwoord: ")  # the prompt line, as questionary draws it
    assert early.handing_over(QUESTION)  # the very prompt: drawn over its own line
    assert screen.getvalue().endswith("\r")
    early.release()
    assert _mode(fd) == before


def test_another_prompt_than_the_one_drawn_starts_on_a_line_of_its_own(
    terminal: tuple[int, Screen],
) -> None:
    _, screen = terminal
    assert early.draw(FirstScreen(INTRO, QUESTION))
    checked = replace(QUESTION, notice="Al voorbereid: Bart Maes, Els Peeters. Typ die naam ...")
    assert not early.handing_over(checked)
    assert screen.getvalue().endswith("? Antwoord: \n")


def test_stopped_before_the_prompt_the_terminal_is_given_back_and_the_line_ended(
    terminal: tuple[int, Screen],
) -> None:
    fd, screen = terminal
    before = _mode(fd)
    assert early.draw(FirstScreen(INTRO, QUESTION))
    early.release()  # as the command's `finally` does on an error
    assert _mode(fd) == before
    assert screen.getvalue().endswith("? Antwoord: \n")
    early.release()  # twice is harmless
    assert not early.handing_over(QUESTION)


def test_without_a_terminal_nothing_is_drawn_early(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    assert not early.draw(FirstScreen(INTRO, QUESTION))
    assert capsys.readouterr().out == ""


def test_a_prompt_with_a_default_is_not_drawn_early(terminal: tuple[int, Screen]) -> None:
    """Its field starts with text the early line cannot show as the prompt will."""
    _, screen = terminal
    assert not early.draw(FirstScreen(INTRO, replace(QUESTION, default="An Peeters")))
    assert screen.getvalue() == ""
