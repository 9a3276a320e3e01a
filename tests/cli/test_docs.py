"""Every command explains itself, and the README mentions every command."""

from __future__ import annotations

import re

import pytest
import typer.main
from helpers import ROOT, CliRun

from loopbaan_cli.cli.app import app

README = ROOT / "README.md"


def command_paths() -> list[tuple[tuple[str, ...], object]]:
    """(path, command) for every visible command and sub-command, walked from the root."""
    found: list[tuple[tuple[str, ...], object]] = []

    def walk(command: object, path: tuple[str, ...]) -> None:
        found.append((path, command))
        for name, sub in sorted(getattr(command, "commands", {}).items()):
            if not getattr(sub, "hidden", False):
                walk(sub, (*path, name))

    walk(typer.main.get_command(app), ())
    return found


COMMANDS = command_paths()
IDS = [" ".join(path) or "loopbaan" for path, _ in COMMANDS]


def test_the_tree_has_the_commands_of_issue_2() -> None:
    names = {" ".join(path) for path, _ in COMMANDS}
    assert {
        "start",
        "resume",
        "export",
        "list",
        "show",
        "banks",
        "banks list",
        "banks validate",
    } <= names


@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=IDS)
def test_every_command_has_help_text(path: tuple[str, ...], command: object) -> None:
    text = (getattr(command, "help", None) or getattr(command, "short_help", None) or "").strip()
    assert text, f"`loopbaan {' '.join(path)}` has no help text"


@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=IDS)
def test_help_option_works(run: CliRun, path: tuple[str, ...], command: object) -> None:
    result = run(*path, "--help")
    assert result.exit_code == 0, result.output
    first_line = (getattr(command, "help", "") or "").strip().splitlines()[0]
    assert first_line in " ".join(result.stdout.split()), "the help page shows the command's text"
    assert "Traceback" not in result.output


@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=IDS)
def test_every_option_has_help_text(path: tuple[str, ...], command: object) -> None:
    for param in getattr(command, "params", []):
        if getattr(param, "param_type_name", "") == "option" and not getattr(
            param, "hidden", False
        ):
            assert (param.help or "").strip(), f"`loopbaan {' '.join(path)}` {param.opts}: no help"


def test_readme_mentions_every_command() -> None:
    text = " ".join(README.read_text(encoding="utf-8").split())
    missing = [
        "loopbaan " + " ".join(path)
        for path, _ in COMMANDS
        if path and not re.search(r"loopbaan " + re.escape(" ".join(path)) + r"\b", text)
    ]
    assert not missing, (
        "README.md (written by someone else) does not mention these commands yet: "
        + ", ".join(missing)
    )
