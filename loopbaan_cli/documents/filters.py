"""The filters a template can use, and the answer formatting behind them.

The names in FILTERS are the template API (documented in docs/sjablonen.md
and used in people's own templates), so they stay Dutch; the Python functions
behind them have English names like the rest of the code.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from loopbaan_cli.kernel import text

if TYPE_CHECKING:
    from loopbaan_cli.kernel.record import Record


def date_words(value: Any, weekday: bool = False) -> str:
    """A date as Dutch words: 22 november 2026 (or zondag 22 november 2026).

    Lenient, because a template may hand it anything: an ISO string becomes a
    date, and what is no date at all is shown as it is.
    """
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value)
        except ValueError:
            return str(value)
    if not isinstance(value, dt.date):
        return str(value)
    return text.long_date(value, weekday=weekday)


def _number(value: float) -> str:
    if value == int(value):
        return str(int(value))
    return f"{value:g}".replace(".", ",")  # a Belgian reader expects a decimal comma


def on_scale(value: int, scale: Record) -> str:
    """'4 op 5' reads on paper; a bare '4' does not say how high it could go."""
    if scale.min == 1:
        return f"{value} op {scale.max}"
    return f"{value} (op een schaal van {scale.min} tot {scale.max})"


def format_answer(value: Any) -> str:
    """An answer as a person reads it on paper; "" for nothing (None, empty)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Ja" if value else "Nee"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return _number(value)
    if isinstance(value, dt.date):
        return date_words(value)
    if isinstance(value, (list, tuple)):
        return ", ".join(s for s in (format_answer(v) for v in value) if s)
    return str(value).strip()


_LIST_ITEM = re.compile(r"^(\s*(?:[-*+•]|\d+[.)])\s+)")


def wrap(value: Any, width: int = 78, indent: int = 0) -> str:
    """Wrap text so each line fits in `width` screen columns, with a hanging indent.

    The first line is assumed to start at column `indent` already (after a
    label, say); the following lines get `indent` spaces. Line breaks the user
    typed are kept; blank lines between paragraphs stay one blank line; list
    items ("- ...", "1. ...") wrap under their own text.
    """
    room = max(width - indent, 10)
    pad = " " * indent
    out: list[str] = []
    # shown as it will be printed (an ESC as "␛"), so the width is measured right
    for raw in text.printable(format_answer(value)).splitlines():
        line = raw.rstrip()
        if not line.strip():
            if out and out[-1] != "":
                out.append("")
            continue
        bullet = _LIST_ITEM.match(line)
        hang = " " * text.columns(bullet.group(1)) if bullet else ""
        # by screen columns, not characters: a line of Chinese is twice as wide
        out.extend(text.wrap_columns(line, room, hang))
    while out and out[-1] == "":
        out.pop()
    return "\n".join((pad + ln) if (i and ln) else ln for i, ln in enumerate(out))


# Markdown (CommonMark and GitHub's tables and strikethrough) reads these
# anywhere in a line: \ escapes, ` code, * emphasis, [ ] links and images,
# < html and autolinks, $ TeX math, ~ strikethrough, | table cells; & only
# where it starts an entity (&amp; &#38;); _ only where it can start or end
# emphasis (not inside a word, so an_peeters@firma.be stays readable).
_MD_INLINE = re.compile(r"([\\`*\[\]<$~|])|&(?=#?\w+;)|(?<![^\W_])_|_(?![^\W_])")
# ... and these at the start of a line: # heading, > quote, = and --- under a
# line (a heading), - and + bullets, "1." and "1)" numbered items
_MD_LINE_START = re.compile(r"^([#>=]|-{3,}\s*$|[-+](?=\s|$))")
_MD_NUMBERED = re.compile(r"^(\d{1,9})([.)])(?=\s|$)")


def _md_lines(value: Any) -> list[str]:
    """The lines of `value`, each escaped so Markdown shows it character for character."""
    lines = []
    for line in text.printable(format_answer(value)).splitlines():
        # four spaces in front would make it a code block, where escapes show as typed
        line = line.strip()
        line = _MD_INLINE.sub(lambda m: "\\" + m.group(0), line)
        line = _MD_LINE_START.sub(lambda m: "\\" + m.group(1), line)
        line = _MD_NUMBERED.sub(lambda m: m.group(1) + "\\" + m.group(2), line)
        lines.append(line)
    return lines


def md(value: Any) -> str:
    """User text made safe for Markdown: it reads exactly as the user typed it.

    Nothing typed becomes markup: not emphasis, strikethrough ("Ik ben ~~niet~~
    akkoord" keeps its "niet"), code, links, images, html, TeX math, a table,
    a heading, a quote or a list. A line break the user typed stays a line
    break (a backslash at the end of the line); a blank line stays a new paragraph.
    """
    lines = _md_lines(value)
    while lines and not lines[-1]:
        lines.pop()
    kept = []
    for i, line in enumerate(lines):
        follows = i + 1 < len(lines) and lines[i + 1] != ""
        kept.append(line + "\\" if line and follows else line)
    return "\n".join(kept).strip("\n")


def md_line(value: Any) -> str:
    """User text for one line of Markdown, a heading say: escaped, line breaks as spaces."""
    return " ".join(line for line in _md_lines(value) if line)


def md_cell(value: Any, empty: str = "—") -> str:
    """A value for one Markdown table cell: escaped (| included), line breaks as <br>."""
    lines = [line for line in _md_lines(value) if line]
    if not lines:
        return empty
    # <br> breaks the line on GitHub; pandoc drops it, and the space keeps words apart
    return "<br> ".join(lines)


def shorten(value: Any, length: int = 80) -> str:
    """Any answer value on one line of at most `length` characters (see text.shorten)."""
    return text.shorten(text.printable(format_answer(value)), length)


def first_name(name: str) -> str:
    """'Sofie Maes' -> 'Sofie', for a greeting; a single name stays whole."""
    parts = str(name).split()
    return parts[0] if parts else ""


def css_string(value: Any) -> Any:
    """Text as a CSS string literal, for `content:` in a style sheet (the page's running footer).

    Everything but letters, digits and a few harmless signs is written as a
    CSS escape, so typed text can never end the string or the style sheet.
    Marked safe: html escaping would show &amp; literally inside <style>.
    """
    from markupsafe import Markup

    safe = " .,-:/()'"
    body = "".join(
        c if (c.isalnum() and c.isascii()) or c in safe.replace("'", "") else f"\\{ord(c):x} "
        for c in text.printable(format_answer(value))
    )
    return Markup(f'"{body}"')


def shown(value: Any) -> Any:
    """Jinja's `finalize`: every `{{ value }}` in every document is printable text.

    A control sequence typed into an answer (ESC, a bidi override, a
    zero-width space) is shown as a visible sign or left out (text.printable),
    so a document opened in a terminal or an editor shows what it says. Own
    templates get it too: it is part of the environment, not of a filter.
    Numbers, dates and None pass as they are; html the template marked safe
    (css_tekst, an include) stays marked safe.
    """
    if isinstance(value, str):
        cleaned = text.printable(value)
        if cleaned is value or not hasattr(value, "__html__"):
            return cleaned
        from markupsafe import Markup

        return Markup(cleaned)
    return value


def printable_data(value: Any) -> Any:
    """A document context with every text in it printable, for the writers without Jinja (Word)."""
    from loopbaan_cli.kernel.record import Record

    if isinstance(value, str):
        return text.printable(value)
    if isinstance(value, Record):
        return Record({k: printable_data(v) for k, v in value._data.items()})
    if isinstance(value, dict):
        return {k: printable_data(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(printable_data(v) for v in value)
    return value


def columns(value: Any) -> int:
    """How many columns `value` takes in a plain-text document (wide characters count twice)."""
    return text.columns(text.printable(format_answer(value)))


# the template API: filter name (Dutch, as in docs/sjablonen.md) -> function
FILTERS: dict[str, Callable[..., Any]] = {
    "datum": date_words,
    "wrap": wrap,
    "breedte": columns,
    "md": md,
    "md_cel": md_cell,
    "md_regel": md_line,
    "antwoord": format_answer,
    "kort": shorten,
    "voornaam": first_name,
    "css_tekst": css_string,
}
