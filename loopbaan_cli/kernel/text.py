"""Text for people: Dutch dates, one-line and shortened text, fixed labels.

Shared by every room that writes words a person reads (documents, the
calendar, screens), so a date or a cut-off line looks the same everywhere.
Only the standard library: this module is imported on the way to `--help`.
"""

from __future__ import annotations

import datetime as dt
import re

# what an agreement is called when it is not an action from the catalogue
OWN_ACTION_LABEL = "Eigen actie"

# Spelled out here instead of taken from the locale: the machine's locale may
# be English or missing, the documents are Dutch either way.
MONTHS = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)
WEEKDAYS = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")


def long_date(day: dt.date, *, weekday: bool = False) -> str:
    """22 november 2026 (or zondag 22 november 2026), for paper."""
    text = f"{day.day} {MONTHS[day.month - 1]} {day.year}"
    return f"{WEEKDAYS[day.weekday()]} {text}" if weekday else text


def short_date(day: dt.date) -> str:
    """22-11-2026: the Belgian day-first form, for tables and messages."""
    return day.strftime("%d-%m-%Y")


def one_line(text: str) -> str:
    """Line breaks and runs of spaces become one space: for a title or a summary line."""
    return " ".join(text.split())


def shorten(text: str, length: int = 80) -> str:
    """`text` on one line of at most `length` columns, cut after a word with "…".

    Columns, not characters: a Chinese character takes two, an accent written
    apart from its letter none.
    """
    text = one_line(text)
    if columns(text) <= length:
        return text
    cut, rest = cut_columns(text, max(length - 1, 1))
    # cut after a whole word, unless the first word alone is too long
    if not rest.startswith(" ") and " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:.-") + "…"


# --- text that is safe to show -----------------------------------------------------
#
# Whatever a person typed (a name, an answer, a bank text, a file name) may hold
# characters that a terminal, a document or a reader's eye does not show as text:
# ESC starts a control sequence (clear the screen, retitle the window, hide text),
# bidi overrides turn a line around, zero-width characters make two names that
# look alike differ. `printable` gives the text as it is shown; the data on disk
# stays as typed.

_ESCAPE_PICTURE = 0x2400  # U+2400 "␀" .. U+241F: the Control Pictures block
NOT_PRINTABLE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f"  # C0 (all but \t and \n), DEL, C1
    "\u061c\u200b-\u200f\u202a-\u202e\u2066-\u2069"  # bidi marks, overrides, isolates
    "\u180e\u2060-\u2064\u206a-\u206f\ufeff\ufff9-\ufffb"  # zero-width and invisible
    "\u2028\u2029"  # line and paragraph separators
    "\ud800-\udfff\ufffe\uffff]"  # lone surrogates (undecodable bytes), noncharacters
)


def _visible(match: re.Match[str]) -> str:
    char = match.group(0)
    code = ord(char)
    if code < 0x20:
        return chr(_ESCAPE_PICTURE + code)  # ESC -> "␛", BEL -> "␇": seen, never obeyed
    if code == 0x7F:
        return "\u2421"  # "␡"
    if char in "\u2028\u2029":
        return "\n"
    if 0x80 <= code <= 0x9F or 0xD800 <= code <= 0xDFFF or code >= 0xFFFE:
        return "\ufffd"  # "�": a character that is no text
    return ""  # bidi controls and zero-width characters: invisible, so left out


def printable(text: str) -> str:
    """`text` as it may be shown on a terminal or on paper: nothing in it acts, nothing hides.

    Control characters become their visible picture ("␛" for ESC, "␡" for DEL,
    "�" for C1 controls and bytes that were no text); a carriage return starts
    a new line like a line feed would; bidi overrides and isolates and
    zero-width characters are left out. Line feeds and tabs stay.
    """
    if NOT_PRINTABLE.search(text) is None:  # the usual case: nothing to do
        return text
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return NOT_PRINTABLE.sub(_visible, text)


# "␛" -> "^[", "␡" -> "^?": the caret notation of `cat -v`, for where the
# Control Pictures have no glyph (the fonts inside Typst, an ASCII terminal)
_CARET = {chr(_ESCAPE_PICTURE + code): "^" + chr(0x40 + code) for code in range(0x20)}
_CARET["\u2421"] = "^?"
_CARET_TABLE = str.maketrans(_CARET)


def caret_form(text: str) -> str:
    """Printable text with its control pictures in caret notation: "␛[2J" -> "^[[2J"."""
    return text.translate(_CARET_TABLE)


# --- how wide text is on a screen or in a monospaced file --------------------------


def char_columns(char: str) -> int:
    """How many columns `char` takes in a monospaced font: 2 for CJK, 0 for an accent."""
    if char.isascii():
        return 1 if char.isprintable() else 0
    import unicodedata  # only for text that is not ASCII

    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf", "Cc"):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def columns(text: str) -> int:
    """The width of `text` on one line, in columns (wide characters count twice)."""
    if text.isascii():
        return len(text) - sum(1 for c in text if not c.isprintable())
    return sum(char_columns(c) for c in text)


def cut_columns(text: str, width: int) -> tuple[str, str]:
    """`text` split after as many characters as fit in `width` columns (maybe none)."""
    used = 0
    for i, char in enumerate(text):
        used += char_columns(char)
        if used > width:
            return text[:i], text[i:]
    return text, ""


def wrap_columns(line: str, width: int, subsequent_indent: str = "") -> list[str]:
    """One line of text wrapped into lines of at most `width` columns.

    textwrap.wrap(line, width, subsequent_indent=..., break_on_hyphens=False)
    measured in screen columns instead of characters: a line of Chinese takes
    twice the room of as many Latin letters. A word longer than a line is cut
    where the line is full; spaces at the start of a following line are dropped.
    """
    chunks = [c for c in re.split(r"(\s+)", line.expandtabs()) if c]
    chunks = [" " * len(c) if c.isspace() else c for c in chunks]  # a typed \f or \v too
    chunks.reverse()  # popped from the end, as textwrap does
    lines: list[str] = []
    while chunks:
        indent = subsequent_indent if lines else ""
        room = width - columns(indent)
        if chunks[-1].isspace() and lines:
            del chunks[-1]
            continue
        current: list[str] = []
        used = 0
        while chunks and used + columns(chunks[-1]) <= room:
            used += columns(chunks[-1])
            current.append(chunks.pop())
        if chunks and columns(chunks[-1]) > room:
            # a word longer than a whole line: as much as fits here, the rest on the next
            head, tail = cut_columns(chunks[-1], max(room - used, 0))
            if not head and not current:
                head, tail = chunks[-1][:1], chunks[-1][1:]  # not even one character fits
            if head:
                current.append(head)
                chunks[-1] = tail
                if not tail:
                    chunks.pop()
        if current and current[-1].isspace():
            current.pop()
        if current:
            lines.append(indent + "".join(current))
    return lines
