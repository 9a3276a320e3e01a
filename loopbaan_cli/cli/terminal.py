"""The keyboard a command hands to its use case: a terminal check, then the prompts.

A use case asks for the keyboard (app.running.Keyboard) only once it is about
to ask, so the check runs then, and questionary is imported only when
someone will really type.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from loopbaan_cli.kernel.errors import LoopbaanError
from loopbaan_cli.kernel.shell import command_for

if TYPE_CHECKING:
    from loopbaan_cli.app.running import Keyboard
    from loopbaan_cli.conversation.asking import AskFn


def interactive() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()


def keyboard(what: str, command: str) -> Keyboard:
    """The prompts for `what` ("de opvolging"); without a terminal, say which form to script.

    `command` is the command as the hint should name it ("followup ID").
    """

    def open_keyboard() -> AskFn:
        if not interactive():
            words = command.split()
            scripted = command_for(*words, "--answers", "BESTAND", "--no-input")
            raise LoopbaanError(
                f"{what} heeft een terminal nodig om vragen te stellen",
                hint=f"Zonder terminal: `{scripted}` (zie `{command_for(words[0], '--help')}`).",
            )
        return _prompts()

    return open_keyboard


def confirmation() -> Keyboard:
    """The prompts for `delete`'s one question; without a terminal, --yes says it instead."""

    def open_keyboard() -> AskFn:
        if not interactive():
            raise LoopbaanError(
                "verwijderen vraagt eerst een bevestiging, en er is geen terminal om die te vragen",
                hint="Ben je zeker? Voeg --yes toe.",
            )
        return _prompts()

    return open_keyboard


def _prompts() -> AskFn:
    from loopbaan_cli.cli import prompts  # questionary only when someone will type

    return prompts.ask
