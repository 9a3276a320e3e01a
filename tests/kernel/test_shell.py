"""Hints name loopbaan the way it was started, so they work when pasted."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from loopbaan_cli.kernel import shell


@pytest.fixture(autouse=True)
def _fresh() -> None:
    shell.program.cache_clear()


def _fake_program(folder: Path) -> Path:
    program = folder / "loopbaan"
    program.write_text("#!/bin/sh\n", encoding="utf-8")
    program.chmod(0o755)
    return program


def test_a_loopbaan_that_is_not_on_path_is_named_as_it_was_typed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _fake_program(tmp_path)
    monkeypatch.setattr(sys, "argv", [".venv/bin/loopbaan", "start"])
    monkeypatch.setenv("PATH", "/usr/bin")
    assert shell.command_for("resume", "2026-12-02-an") == ".venv/bin/loopbaan resume 2026-12-02-an"


def test_the_loopbaan_on_path_is_just_loopbaan(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    program = _fake_program(tmp_path)
    monkeypatch.setattr(sys, "argv", [str(program)])
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}/usr/bin")
    assert shell.command_for("list") == "loopbaan list"


def test_python_dash_m_is_named_with_its_python(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "argv", ["/src/loopbaan_cli/__main__.py"])
    assert shell.command_for("list").endswith(" -m loopbaan_cli list")
    assert shell.command_for("list").startswith(sys.executable.split()[0][:1])


def test_words_are_quoted_for_the_shell(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "argv", ["pytest"])
    assert shell.command_for("start", "--employee", "An O'Neil") == (
        "loopbaan start --employee 'An O'\"'\"'Neil'"
    )


@pytest.mark.parametrize(
    "name",
    ["So\u200bfie Maes", "An\x1b[2J\x1b]0;titel\x07 'Peeters'", "\u202eseeM\x9b", "naam\udcff"],
)
def test_a_name_with_control_or_invisible_characters_is_quoted_exactly_and_safely(
    name: str,
) -> None:
    """The hint shows no raw control character, and pasted into bash names the same person."""
    quoted = shell.quote(name)
    assert quoted.isascii() and quoted.isprintable()
    if shutil.which("bash"):
        echoed = subprocess.run(["bash", "-c", f"printf %s {quoted}"], capture_output=True)
        assert echoed.stdout == name.encode("utf-8", "surrogateescape")


def test_an_ordinary_name_is_quoted_as_before() -> None:
    assert shell.quote("An Peeters") == "'An Peeters'"
    assert shell.quote("Zoë") == "'Zoë'"
