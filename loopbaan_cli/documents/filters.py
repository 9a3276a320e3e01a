"""The filters a template can use, and the answer formatting behind them.

The names in FILTERS are the template API (documented in docs/sjablonen.md
and used in people's own templates), so they stay Dutch; the Python functions
behind them have English names like the rest of the code.
"""

from __future__ import annotations

import datetime as dt
import re
import textwrap
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
    """Wrap text so each line fits in `width` columns, with a hanging indent.

    The first line is assumed to start at column `indent` already (after a
    label, say); the following lines get `indent` spaces. Line breaks the user
    typed are kept; blank lines between paragraphs stay one blank line; list
    items ("- ...", "1. ...") wrap under their own text.
    """
    room = max(width - indent, 10)
    pad = " " * indent
    out: list[str] = []
    for raw in format_answer(value).splitlines():
        line = raw.rstrip()
        if not line.strip():
            if out and out[-1] != "":
                out.append("")
            continue
        bullet = _LIST_ITEM.match(line)
        hang = " " * len(bullet.group(1)) if bullet else ""
        out.extend(
            textwrap.wrap(
                line,
                width=room,
                subsequent_indent=hang,
                break_long_words=True,
                break_on_hyphens=False,
            )
        )
    while out and out[-1] == "":
        out.pop()
    return "\n".join((pad + ln) if (i and ln) else ln for i, ln in enumerate(out))


_MD_INLINE = re.compile(r"([\\`*\[\]<$])|(?<!\w)_|_(?!\w)")
_MD_LINE_START = re.compile(r"^(\s*)([#>=]|-{3,}\s*$|\+(?!\s))")
_MD_BULLET = re.compile(r"^(\s*)[-*+•]\s+")


def md(value: Any) -> str:
    """User text made safe for Markdown: it reads as the user typed it.

    Emphasis, code, links, HTML, TeX math ($) and headings are escaped; list
    items the user typed ("- ..." or "1. ...") stay list items.
    """
    lines = []
    for line in format_answer(value).splitlines():
        bullet = _MD_BULLET.match(line)
        prefix = ""
        if bullet:
            prefix = bullet.group(1) + "- "
            line = line[bullet.end() :]
        line = _MD_INLINE.sub(lambda m: "\\" + m.group(0), line)
        line = _MD_LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), line)
        lines.append((prefix + line).rstrip())
    return "\n".join(lines)


def md_cell(value: Any, empty: str = "—") -> str:
    """A value for one Markdown table cell: escaped, with | and line breaks made safe."""
    cell = md(value).strip()
    if not cell:
        return empty
    cell = cell.replace("|", "\\|")
    # <br> breaks the line on GitHub; pandoc drops it, and the space keeps words apart
    return re.sub(r"\s*\n\s*", "<br> ", cell)


def shorten(value: Any, length: int = 80) -> str:
    """Any answer value on one line of at most `length` characters (see text.shorten)."""
    return text.shorten(format_answer(value), length)


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
        for c in format_answer(value)
    )
    return Markup(f'"{body}"')


# the template API: filter name (Dutch, as in docs/sjablonen.md) -> function
FILTERS: dict[str, Callable[..., str]] = {
    "datum": date_words,
    "wrap": wrap,
    "md": md,
    "md_cel": md_cell,
    "antwoord": format_answer,
    "kort": shorten,
    "voornaam": first_name,
    "css_tekst": css_string,
}
