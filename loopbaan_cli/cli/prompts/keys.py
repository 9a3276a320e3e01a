"""The keys of the prompts: navigation at every question, the hint line that
names the live ones, and what a typed field does beyond plain editing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from prompt_toolkit.application import get_app
from prompt_toolkit.filters import Condition
from prompt_toolkit.formatted_text import FormattedText
from prompt_toolkit.key_binding import KeyBindings, KeyBindingsBase, merge_key_bindings
from prompt_toolkit.key_binding.bindings.named_commands import get_by_name
from prompt_toolkit.keys import Keys

from loopbaan_cli.banks.types import TYPES
from loopbaan_cli.cli.early import HINTS, hint
from loopbaan_cli.conversation.asking import Ask, Interrupt, Nav
from loopbaan_cli.kernel.text import one_line, printable
from loopbaan_cli.kernel.values import format_value

KEYS = {Nav.BACK: "c-t", Nav.SKIP: "c-o", Nav.NOTE: "c-n", Nav.PAUSE: "c-p"}
# the hint line is drawn before prompt_toolkit is loaded too (cli/early.py)
__all__ = ["HINTS", "KEYS", "Typing", "bindings", "hint", "take_proposal_message"]


def take_proposal_message(request: Ask) -> str:
    """What Enter on an empty field with a proposal beside it says instead of taking it."""
    what = TYPES[request.type].noun
    message = f"Nog geen {what}: typ er een, of Tab / ↑ neemt het voorstel over."
    if Nav.SKIP in request.nav:
        message += f" Geen {what}: Ctrl-O."
    return message


class Typing:
    """The keys of a typed field beyond plain editing.

    - A suggestion (`Ask.suggested`) stands selected, as it were: the first
      printable key (or a paste) replaces it. Any other key first (an arrow,
      End, Backspace) means "edit it", and from then on typing edits.
    - A proposal (`Ask.proposal`) is shown after the empty field; Tab or
      arrow-up puts it in, and only then does Enter take it.
    """

    def __init__(self, request: Ask, default_text: str) -> None:
        self.stored = default_text
        self.shown = printable(default_text)  # what the field starts with
        self.pristine = bool(request.suggested and default_text)
        self._ignored = False
        self.offered = "" if default_text else format_value(request.proposal)
        self.bindings = KeyBindings()
        if self.pristine:
            untouched = Condition(lambda: self.pristine)
            self.bindings.add(Keys.Any, filter=untouched)(self._replace)
            self.bindings.add(Keys.BracketedPaste, filter=untouched)(self._paste)
        if self.offered:
            empty = Condition(lambda: not get_app().current_buffer.text)
            self.bindings.add("tab", filter=empty)(self._take)
            self.bindings.add("up", filter=empty)(self._take)

    def attach(self, app: Any) -> None:
        if self.pristine:
            app.key_processor.after_key_press += self._touched

    def _touched(self, _: object) -> None:
        # Fired after every key press: whatever the first key did, the
        # suggestion is from then on plain text (a key that did nothing aside).
        if self._ignored:
            self._ignored = False
        else:
            self.pristine = False

    def ignore_key(self) -> None:
        self._ignored = True

    def _replace(self, event: Any) -> None:
        if event.data.isprintable():
            event.current_buffer.text = ""
        get_by_name("self-insert").call(event)

    def _paste(self, event: Any) -> None:
        event.current_buffer.text = ""
        event.current_buffer.insert_text(event.data.replace("\r\n", "\n").replace("\r", "\n"))

    def _take(self, event: Any) -> None:
        event.current_buffer.insert_text(self.offered)

    def draft(self, text: str) -> str:
        """What Ctrl-C hands over: an untouched suggestion was not typed.

        An earlier answer handed back unchanged is the answer as it was stored,
        not its printable form.
        """
        if self.pristine:
            return ""
        return self.stored if text == self.shown else text

    def placeholder(self) -> Callable[[], FormattedText] | None:
        if not self.offered:
            return None
        text = FormattedText(
            [
                (
                    "class:instruction",
                    f" (voorstel: {one_line(printable(self.offered))}, Tab neemt het over)",
                )
            ]
        )
        # Gone once the prompt is left (Ctrl-O: no date), so the screen does not
        # seem to say the proposal was taken.
        return lambda: FormattedText() if get_app().is_done else text


def bindings(request: Ask, typing: Typing | None = None) -> KeyBindingsBase:
    """The navigation keys of `request`, Ctrl-C, and the typed field's keys if any."""
    found = KeyBindings()
    for nav in request.nav:
        assert isinstance(nav, Nav)

        def leave(event: Any, nav: Nav = nav) -> None:
            event.app.exit(result=nav)

        found.add(KEYS[nav], eager=True)(leave)

    def not_here(event: Any) -> None:
        """A navigation key that is not live here does nothing (not even edit a suggestion).

        Left to prompt_toolkit, Ctrl-O would accept the field as it stands,
        Ctrl-T swap two letters and Ctrl-N/Ctrl-P move through a list.
        """
        if typing is not None:
            typing.ignore_key()

    for nav in Nav:
        if nav not in request.nav:
            found.add(KEYS[nav], eager=True)(not_here)

    def interrupt(event: Any) -> None:
        # Hand over what was typed so far: the interview keeps it.
        buffer = event.app.current_buffer
        text = buffer.text if buffer is not None else ""
        event.app.exit(exception=Interrupt(typing.draft(text) if typing else text))

    found.add("c-c", eager=True)(interrupt)
    if typing is not None:
        return merge_key_bindings([typing.bindings, found])
    return found
