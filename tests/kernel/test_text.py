"""kernel/text.py: text made safe to show, and measured in screen columns."""

from __future__ import annotations

import json
import textwrap

import pytest
from hypothesis import given
from hypothesis import strategies as st

from loopbaan_cli.kernel import console
from loopbaan_cli.kernel.text import (
    caret_form,
    columns,
    printable,
    shorten,
    wrap_columns,
)

# every character printable() must never let through
UNSAFE = (
    [chr(c) for c in range(0x20) if chr(c) not in "\t\n"]
    + [chr(c) for c in range(0x7F, 0xA0)]
    + [chr(c) for c in range(0x202A, 0x202F)]
    + [chr(c) for c in range(0x2066, 0x206A)]
    + [chr(c) for c in range(0x200B, 0x2010)]
    + [chr(c) for c in range(0x2060, 0x2065)]
    + ["\ufeff", "\u061c", "\u2028", "\u2029", "\ud800", "\udcff", "\ufffe", "\uffff"]
)


# --- printable --------------------------------------------------------------------------


def test_a_control_sequence_becomes_visible_text() -> None:
    assert printable("An\x1b[2J\x1b]0;titel\x07") == "An␛[2J␛]0;titel␇"
    assert printable("a\x00b\x7fc") == "a␀b␡c"


def test_c1_controls_and_undecodable_bytes_become_a_replacement_sign() -> None:
    assert printable("a\x9b31mb") == "a�31mb"
    assert printable("naam\udcff.txt") == "naam�.txt"  # a byte that was no UTF-8


def test_bidi_overrides_and_zero_width_characters_are_left_out() -> None:
    assert printable("Sofie \u202eseeM\u202c") == "Sofie seeM"
    assert printable("So\u200bfie\u2066 Maes\u2069\ufeff") == "Sofie Maes"


def test_line_breaks_and_tabs_stay_and_a_carriage_return_starts_a_line() -> None:
    assert printable("een\ttwee\ndrie") == "een\ttwee\ndrie"
    assert printable("een\r\ntwee\rdrie\u2028vier") == "een\ntwee\ndrie\nvier"


def test_ordinary_text_is_returned_as_it_is() -> None:
    for text in ("Sofie Maes", "Zoë Ça va? 李明 Олег 🙂 e\u0301", ""):
        assert printable(text) is text


@given(st.text())
def test_printable_lets_nothing_unsafe_through_and_keeps_every_letter(text: str) -> None:
    shown = printable(text)
    assert not any(c in shown for c in UNSAFE)
    assert printable(shown) == shown
    letters = [c for c in text if c.isalnum() and c not in UNSAFE]
    assert [c for c in shown if c.isalnum()] == letters


def test_caret_form_for_where_control_pictures_have_no_glyph() -> None:
    assert caret_form(printable("a\x1b[2J\x7f\x07")) == "a^[[2J^?^G"


# --- columns ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "width"),
    [("abc", 3), ("李明", 4), ("Ａ", 2), ("é", 1), ("e\u0301", 1), ("", 0), ("a\u200bb", 2)],
)
def test_columns_counts_what_a_terminal_shows(text: str, width: int) -> None:
    assert columns(text) == width


def test_a_chinese_line_wraps_at_the_width_on_screen() -> None:
    text = "我们讨论了明年的培训计划和新的工作任务，希望能够继续在会计部门发展。" * 3
    lines = wrap_columns(text, 78)
    assert all(columns(line) <= 78 for line in lines)
    assert all(columns(line) >= 77 for line in lines[:-1])  # full lines, not half ones
    assert "".join(lines) == text


def test_a_wide_character_never_straddles_the_line_end() -> None:
    lines = wrap_columns("a" + "李" * 10, 6)
    assert lines == ["a李李", "李李李", "李李李", "李李"]


def test_mixed_words_wrap_between_words_and_keep_a_hanging_indent() -> None:
    lines = wrap_columns("Sofie wil 会计 leren en 明年 verder", 14, "  ")
    assert lines == ["Sofie wil 会计", "  leren en", "  明年 verder"]


@given(
    st.text(alphabet=st.sampled_from("abcdefgh -.,"), max_size=200),
    st.integers(min_value=10, max_value=80),
    st.sampled_from(["", "  ", "    "]),
)
def test_latin_text_wraps_as_textwrap_did(text: str, width: int, indent: str) -> None:
    """For Latin text nothing changes, so existing documents stay as they were."""
    before = textwrap.wrap(
        text, width, subsequent_indent=indent, break_long_words=True, break_on_hyphens=False
    )
    assert wrap_columns(text, width, indent) == [line.rstrip() for line in before]


@given(st.text(), st.integers(min_value=2, max_value=100))
def test_wrapped_lines_always_fit(text: str, width: int) -> None:
    for line in wrap_columns(printable(text).replace("\n", " "), width):
        assert columns(line) <= width


def test_shorten_counts_columns() -> None:
    assert shorten("李明" * 20, 11) == "李明李明李…"
    assert columns(shorten("李明" * 20, 11)) <= 11
    assert shorten("een twee drie vier vijf", 12) == "een twee…"


# --- the one printer ----------------------------------------------------------------------

EVIL = "An\x1b[2J\x1b]0;titel\x07 \u202ePeeters\u200b [bold]geen opmaak[/]"


def test_every_message_kind_is_printable(capsys: pytest.CaptureFixture[str]) -> None:
    console.say(EVIL)
    console.success(EVIL)
    console.warn(EVIL)
    console.error(EVIL, hint=EVIL)
    console.rule(EVIL)
    console.out(EVIL)
    console.table(["naam"], [[EVIL]], title=EVIL)
    console.markup(f"[bold]{console.escape(EVIL)}[/]")
    captured = capsys.readouterr()
    for stream in (captured.out, captured.err):
        assert "\x1b" not in stream and "\u202e" not in stream and "\u200b" not in stream
        assert "␛[2J" in stream
        assert "[bold]geen opmaak[/]" in stream  # typed brackets are no rich markup


def test_a_long_plain_table_is_printable(capsys: pytest.CaptureFixture[str]) -> None:
    rows = [[f"id-{n}", EVIL] for n in range(console.PLAIN_TABLE_ROWS + 1)]
    console.table(["id", "naam"], rows)
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\u202e" not in out
    assert "id-200  An␛[2J" in out


def test_data_for_a_pipe_stays_byte_for_byte(capsys: pytest.CaptureFixture[str]) -> None:
    console.data(EVIL)
    assert capsys.readouterr().out == EVIL + "\n"


def test_json_escapes_what_a_terminal_would_obey_and_keeps_the_data(
    capsys: pytest.CaptureFixture[str],
) -> None:
    console.print_json({"naam": EVIL + "\x9b\u2066"})
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x9b" not in out and "\u202e" not in out
    assert json.loads(out) == {"naam": EVIL + "\x9b\u2066"}
