"""The keyboard layer: the hint line, and what keys do in a typed field.

The prompts are driven for real (questionary on prompt_toolkit) with keys fed
through a pipe, as a terminal would send them.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from loopbaan_cli.cli import prompts
from loopbaan_cli.cli.prompts import hint, take_proposal_message
from loopbaan_cli.conversation.asking import ALL_NAV, FIELD_NAV, Ask, Interrupt, Nav

NAV = "Ctrl-T terug · Ctrl-O overslaan · Ctrl-N notitie · Ctrl-P pauze"

ENTER, TAB, UP, LEFT, END, BACKSPACE, CTRL_C = (
    "\r",
    "\t",
    "\x1b[A",
    "\x1b[D",
    "\x1b[F",
    "\x7f",
    "\x03",
)


def keys(request: Ask, typed: str) -> Any:
    """Draw `request` and type `typed` at it; the reply."""
    with create_pipe_input() as pipe:
        pipe.send_text(typed)
        with create_app_session(input=pipe, output=DummyOutput()):
            return prompts.ask(request)


# --- the hint line -------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "default"),
    [
        ("text", "Sofie Maes"),
        ("date", dt.date(2027, 2, 22)),
        ("scale", 3),
        ("long_text", "Een draft"),
    ],
)
def test_an_earlier_answer_to_edit_says_how_to_clear_it(kind: str, default: object) -> None:
    """Typing goes on after an earlier answer; the hint says how to start from scratch."""
    assert (
        hint(Ask("k", "Wie doet het?", kind, default=default, nav=ALL_NAV))  # type: ignore[arg-type]
        == f"{NAV} · Ctrl-U wissen"
    )


@pytest.mark.parametrize(
    ("kind", "default"), [("text", "Sofie Maes"), ("date", dt.date(2027, 2, 22))]
)
def test_a_suggestion_says_typing_replaces_it(kind: str, default: object) -> None:
    request = Ask("k", "Wie doet het?", kind, default=default, suggested=True, nav=ALL_NAV)  # type: ignore[arg-type]
    assert hint(request) == f"{NAV} · typen vervangt het voorstel"


@pytest.mark.parametrize(
    ("kind", "default"), [("text", None), ("text", ""), ("confirm", True), ("choice", "spitsuur")]
)
def test_no_clear_key_where_nothing_stands_to_clear(kind: str, default: object) -> None:
    assert hint(Ask("k", "Vraag?", kind, default=default, nav=ALL_NAV)) == NAV  # type: ignore[arg-type]


# --- a suggestion: typing replaces it, editing keys keep it ------------------------------

SUGGESTED = Ask("k", "Wie doet het?", "text", default="Koen Verbeke", suggested=True, nav=FIELD_NAV)


def test_typing_replaces_a_suggestion() -> None:
    assert keys(SUGGESTED, "Els Janssens" + ENTER) == "Els Janssens"


def test_enter_takes_a_suggestion_as_it_stands() -> None:
    assert keys(SUGGESTED, ENTER) == "Koen Verbeke"


@pytest.mark.parametrize(
    ("first", "expected"),
    [(LEFT, "Koen Verbekxe"), (END, "Koen Verbekex"), (BACKSPACE, "Koen Verbekx")],
)
def test_an_editing_key_first_keeps_the_suggestion_to_edit(first: str, expected: str) -> None:
    assert keys(SUGGESTED, first + "x" + ENTER) == expected


def test_a_paste_replaces_a_suggestion() -> None:
    assert keys(SUGGESTED, "\x1b[200~Els Janssens\x1b[201~" + ENTER) == "Els Janssens"


def test_an_earlier_answer_is_edited_not_replaced() -> None:
    earlier = Ask("k", "Wie doet het?", "text", default="Koen", nav=FIELD_NAV)
    assert keys(earlier, " Verbeke" + ENTER) == "Koen Verbeke"


def test_typing_over_a_suggested_date_gives_the_typed_date() -> None:
    today = Ask("k", "Datum", "date", default=dt.date(2026, 11, 22), suggested=True, nav=FIELD_NAV)
    assert keys(today, "3/12/2026" + ENTER) == dt.date(2026, 12, 3)


def test_ctrl_c_on_an_untouched_suggestion_hands_over_nothing_typed() -> None:
    with pytest.raises(Interrupt) as untouched:
        keys(SUGGESTED, CTRL_C)
    assert untouched.value.draft == ""
    with pytest.raises(Interrupt) as typed:
        keys(SUGGESTED, "Els" + CTRL_C)
    assert typed.value.draft == "Els"


# --- a proposal: taken on purpose, never by a hasty Enter ----------------------------------

PROPOSED = Ask("k", "Tegen wanneer?", "date", proposal=dt.date(2027, 3, 2), nav=FIELD_NAV)


def test_enter_alone_does_not_take_a_proposed_date() -> None:
    # Enter is refused (the prompt stays), so the Ctrl-C after it is what ends it.
    with pytest.raises(Interrupt):
        keys(PROPOSED, ENTER + CTRL_C)


@pytest.mark.parametrize("take", [TAB, UP])
def test_tab_or_arrow_up_takes_the_proposal(take: str) -> None:
    assert keys(PROPOSED, ENTER + take + ENTER) == dt.date(2027, 3, 2)


def test_a_typed_date_wins_over_the_proposal() -> None:
    assert keys(PROPOSED, "1/4/2027" + ENTER) == dt.date(2027, 4, 1)


def test_ctrl_o_leaves_a_proposed_date_empty() -> None:
    assert keys(PROPOSED, "\x0f") is Nav.SKIP


def test_the_refusal_says_what_to_do() -> None:
    message = take_proposal_message(PROPOSED)
    assert message == (
        "Nog geen datum: typ er een, of Tab / ↑ neemt het voorstel over. Geen datum: Ctrl-O."
    )


# --- navigation keys ------------------------------------------------------------------


def test_a_navigation_key_that_is_not_live_does_nothing() -> None:
    """Ctrl-O where skipping is not possible (the name) must not accept the field as it stands."""
    name = Ask(
        "meta.employee", "Naam", "text", default="Koen", suggested=True, nav=frozenset({Nav.BACK})
    )
    assert keys(name, "\x0f" + "Els" + ENTER) == "Els"
    assert keys(name, "\x14") is Nav.BACK


# --- what a conversation file can keep ----------------------------------------------------

CTRL_U = "\x15"


@pytest.mark.parametrize("kind", ["text", "long_text"])
def test_a_text_longer_than_a_file_can_keep_is_refused_at_enter(
    kind: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The limit comes from the reader (yamlio.MAX_TEXT_CHARS); small here to type it."""
    monkeypatch.setattr(prompts, "MAX_TEXT_CHARS", 10)
    request = Ask("k", "Wat wil je kwijt?", kind, nav=ALL_NAV)  # type: ignore[arg-type]
    assert keys(request, "x" * 11 + ENTER + CTRL_U + "kort" + ENTER) == "kort"


def test_the_limit_is_derived_from_what_the_reader_accepts() -> None:
    from loopbaan_cli.kernel import yamlio

    # a character takes at most 10 bytes in a saved file: one text fills at most half of it
    assert prompts.MAX_TEXT_CHARS * 10 * 2 <= yamlio.MAX_BYTES
