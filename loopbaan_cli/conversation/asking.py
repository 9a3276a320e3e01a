"""What the conversation asks and what can come back: the contract between
the pure interview logic and whoever draws the prompts (questionary, or a test).
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from loopbaan_cli.banks.types import QuestionType

if TYPE_CHECKING:
    from loopbaan_cli.banks.model import Scale


class Nav(enum.Enum):
    BACK = "terug"
    SKIP = "overslaan"
    NOTE = "notitie"
    PAUSE = "pauze"


ALL_NAV: frozenset[Nav | str] = frozenset(Nav)
STEP_NAV: frozenset[Nav | str] = frozenset({Nav.BACK, Nav.PAUSE})
FIELD_NAV: frozenset[Nav | str] = frozenset({Nav.BACK, Nav.SKIP, Nav.PAUSE})


class Interrupt(KeyboardInterrupt):
    """Ctrl-C at a prompt, carrying what was typed so far so it can be kept."""

    def __init__(self, draft: str = "") -> None:
        super().__init__()
        self.draft = draft


@dataclass(frozen=True)
class NoteReply:
    text: str
    private: bool


@dataclass(frozen=True)
class Choice:
    # What comes back when this choice is picked: an id from a catalogue (a
    # str), or a MenuChoice; the keyboard hands it back untouched.
    value: Hashable
    label: str
    description: str = ""


class MenuAction(enum.Enum):
    ADD = "nieuw"
    CHANGE = "wijzig"
    DROP = "schrap"
    DONE = "verder"


@dataclass(frozen=True)
class MenuChoice:
    """A pick from a menu over a list (the agreements): what to do, and with which item."""

    action: MenuAction
    index: int | None = None  # the item CHANGE and DROP are about, counted from 0

    @classmethod
    def change(cls, index: int) -> MenuChoice:
        return cls(MenuAction.CHANGE, index)

    @classmethod
    def drop(cls, index: int) -> MenuChoice:
        return cls(MenuAction.DROP, index)


ADD = MenuChoice(MenuAction.ADD)
DONE = MenuChoice(MenuAction.DONE)


@dataclass(frozen=True)
class Ask:
    """One prompt, described completely enough to draw it."""

    key: str
    text: str
    type: QuestionType
    tip: str = ""
    choices: tuple[Choice, ...] = ()
    other: bool = False
    scale: Scale | None = None
    default: Any = None
    # Where `default` comes from. False: an earlier answer (or a half-typed one),
    # kept as text to edit: typing goes on from its end. True: a suggestion
    # nobody gave yet (today's date, the last interviewer's name): the first
    # letter typed replaces it, like a selected field; an arrow key, End or
    # Backspace first means "edit it", and Enter takes it as it stands.
    suggested: bool = False
    # A value offered beside an empty field, but not in it (a deadline three
    # months on): Tab or arrow-up takes it; Enter on the empty field does not,
    # so nothing lands on the signed sheet that nobody chose.
    proposal: Any = None
    required: bool = False
    header: str = ""  # "Deel 2/4 · vraag 7/23 · 14 min"
    section: str = ""  # set when a new part starts: draw a rule with this title
    intro: str = ""
    # Clear the screen first and say this (the owner's preparation must not
    # stay on screen above the employee's first question).
    clear: str = ""
    display: str = ""  # text shown before the prompt (a preview, referral info)
    # A long text (the whole agreement) to read in a pager before the prompt:
    # printed at once it scrolls off the screen, and only its end stays visible.
    document: str = ""
    notice: str = ""  # a one-off remark ("Dit is de eerste vraag.")
    remark: str = ""  # a calm word about the step just left ("Overgeslagen — ...")
    nav: frozenset[Nav | str] = frozenset()  # which of back/skip/note/pause are live
    note: str = ""
    note_private: bool = False


Reply = Any  # a value, Nav, or NoteReply
AskFn = Callable[[Ask], Reply]


class Paused(Exception):
    """The interviewer chose to pause; the session is saved."""
