"""The one place that prints.

Data (exports, JSON) goes to stdout untouched so it can be piped; messages for
the person at the keyboard are styled with rich, which is imported only when a
styled message is really shown. Errors and warnings go to stderr. Only app/
and cli/ use it (tests/test_layers.py): the rooms below return data, and
cli/views draw the results of the commands.

A terminal that cannot show every character (LC_ALL=C, a Latin-1 locale) gets
the closest ASCII instead of a crash: `prepare_streams` gives stdout and stderr
an error handler that writes "..." for "…", "e" for "é", "'" for "’" and "-",
"|" or "+" for box lines; text meant for rich is fitted before rich measures
it, and rich itself draws its borders in ASCII when the encoding is not UTF.

Nothing a person typed reaches the terminal as a command: every message,
every table cell and every line shown goes through text.printable, so a
name with an escape sequence in it cannot clear the screen, retitle the
window or turn a line around. Data for a pipe (`data`) stays byte for byte
as it was stored, unless it goes to a terminal.
"""

from __future__ import annotations

import codecs
import errno
import io
import os
import sys
from functools import cache
from typing import TYPE_CHECKING, Any

from loopbaan_cli.kernel.text import NOT_PRINTABLE, caret_form, one_line, printable

if TYPE_CHECKING:
    from rich.console import Console, RenderableType


@cache
def stdout_console() -> Console:
    from rich.console import Console

    return Console(highlight=False)


@cache
def stderr_console() -> Console:
    from rich.console import Console

    return Console(stderr=True, highlight=False)


# --- streams that cannot take every character, or that are gone -----------------

DEGRADE = "loopbaan-ascii"  # the codec error handler below, by name

# Characters without a useful decomposition; box lines and the rest go by name.
_ASCII = {
    "…": "...",
    "–": "-",
    "—": "-",
    "‒": "-",
    "―": "-",
    "−": "-",
    "‐": "-",
    "‑": "-",
    "‘": "'",
    "’": "'",
    "‚": "'",
    "‛": "'",
    "′": "'",
    "“": '"',
    "”": '"',
    "„": '"',
    "‟": '"',
    "″": '"',
    "«": '"',
    "»": '"',
    "‹": "'",
    "›": "'",
    "•": "*",
    "◦": "o",
    "▪": "*",
    "·": ".",
    "→": "->",
    "←": "<-",
    "↔": "<->",
    "⇒": "=>",
    "✓": "v",
    "✔": "v",
    "✗": "x",
    "✘": "x",
    "×": "x",
    "€": "EUR",
    "ß": "ss",
    "æ": "ae",
    "Æ": "AE",
    "œ": "oe",
    "Œ": "OE",
    "ø": "o",
    "Ø": "O",
    "ł": "l",
    "Ł": "L",
    "đ": "d",
    "Đ": "D",
    "ı": "i",
    "\u00ad": "",  # soft hyphen
    "\u200b": "",  # zero-width space
    "\ufeff": "",  # byte order mark / zero-width no-break space
}


def ascii_form(char: str) -> str:
    """The closest ASCII for one character: 'é' -> 'e', '…' -> '...', '┃' -> '|', else '?'."""
    if char.isascii():
        return char
    if char in _ASCII:
        return _ASCII[char]
    if "\u2400" <= char <= "\u2421":  # a control character made visible (text.printable)
        return caret_form(char) if caret_form(char) != char else "?"
    import unicodedata  # only when a character really has to be replaced

    name = unicodedata.name(char, "")
    if name.startswith("BOX DRAWINGS"):
        horizontal, vertical = "HORIZONTAL" in name, "VERTICAL" in name
        if horizontal and not vertical:
            return "=" if "DOUBLE" in name else "-"
        if vertical and not horizontal:
            return "|"
        return "+"  # corners, crossings and tees
    if unicodedata.combining(char):
        return ""  # an accent written apart from its letter: keep the letter only
    plain = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
    return plain if plain and plain.isascii() else "?"


def _degrade(exc: UnicodeError) -> tuple[str | bytes, int]:
    """Codec error handler: replace what the stream's encoding cannot write."""
    if not isinstance(exc, UnicodeEncodeError):
        raise exc
    bad = exc.object[exc.start : exc.end]
    if all("\udc80" <= c <= "\udcff" for c in bad):
        # bytes that were not valid text on the way in (surrogateescape): give them back
        return bytes(ord(c) - 0xDC00 for c in bad), exc.end
    return "".join(ascii_form(c) for c in bad), exc.end


codecs.register_error(DEGRADE, _degrade)


def _encoding(stream: Any) -> str:
    return str(getattr(stream, "encoding", None) or "utf-8").lower()


class _ClosedStdout(io.TextIOBase):
    """Stands in for a standard output that was closed (`loopbaan list >&-`).

    Writing to it is treated like writing into a pipe whose reader has gone:
    the command stops quietly (see main() in cli/app.py).
    """

    encoding = "utf-8"

    def writable(self) -> bool:
        return True

    def isatty(self) -> bool:
        return False

    def fileno(self) -> int:
        return 1  # /dev/null since prepare_streams; rich asks it for the terminal size

    def write(self, s: str, /) -> int:
        raise BrokenPipeError(errno.EPIPE, "standaarduitvoer is gesloten")

    def flush(self) -> None:
        pass


def _closed(fd: int) -> bool:
    try:
        os.fstat(fd)
    except OSError:
        return True
    return False


def prepare_streams() -> None:
    """Make stdin, stdout and stderr safe to use, whatever the shell handed over.

    - A closed standard stream gets /dev/null in its place, so no file opened
      later can take its number (and receive another program's output). A
      closed stdin reads as empty; writing to a closed stdout stops the command
      like a broken pipe; a closed stderr swallows messages.
    - A stream whose encoding cannot write every character (LC_ALL=C, Latin-1)
      writes the closest ASCII instead of raising UnicodeEncodeError.
    """
    for fd in (0, 1, 2):
        if not _closed(fd):
            continue
        null = os.open(os.devnull, os.O_RDONLY if fd == 0 else os.O_WRONLY)
        if null != fd:
            os.dup2(null, fd)
            os.close(null)
        if fd == 0:
            sys.stdin = open(fd, encoding="utf-8", closefd=False)  # noqa: SIM115
        elif fd == 1:
            sys.stdout = _ClosedStdout()
        else:
            sys.stderr = open(fd, "w", encoding="utf-8", closefd=False)  # noqa: SIM115
    for stream in (sys.stdout, sys.stderr):
        if not _encoding(stream).startswith("utf") and isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors=DEGRADE)


def silence_stdout() -> None:
    """After a broken pipe: send what is still buffered nowhere, so exiting stays quiet."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, 1)
        os.close(null)
    except OSError:
        pass


def fit(text: str, encoding: str) -> str:
    """`text` with what `encoding` cannot write replaced by the closest ASCII.

    Done before rich measures a line, so tables and rules stay aligned when
    "…" becomes "..." (the stream's error handler would do it after the layout).
    """
    if encoding.startswith("utf"):
        return text
    try:
        text.encode(encoding)
        return text
    except UnicodeEncodeError:
        # surrogateescape: bytes that were not text on the way in go out unchanged
        return text.encode(encoding, DEGRADE).decode(encoding, "surrogateescape")
    except LookupError:  # an encoding Python does not know: leave it to the stream
        return text


def _fitted(renderable: Any, encoding: str) -> Any:
    """A table or text built elsewhere, its strings printable and fitted to `encoding`."""
    from rich.table import Table
    from rich.text import Text

    if isinstance(renderable, str):
        return fit(printable(renderable), encoding)
    if isinstance(renderable, Text):
        plain = fit(printable(renderable.plain), encoding)
        if plain != renderable.plain:
            renderable = renderable.copy()
            renderable.plain = plain
        return renderable
    if isinstance(renderable, Table):
        renderable.title = _fitted(renderable.title, encoding)
        renderable.caption = _fitted(renderable.caption, encoding)
        for column in renderable.columns:
            column.header = _fitted(column.header, encoding)
            column._cells = [_fitted(cell, encoding) for cell in column._cells]
        return renderable
    inner = getattr(renderable, "renderable", None)  # Padding, Panel, Align
    if inner is not None:
        renderable.renderable = _fitted(inner, encoding)
    return renderable


def _escape(text: str) -> str:
    """User text for rich: printable, and its [brackets] never read as markup."""
    from rich.markup import escape

    return escape(printable(text))


def _print(console: Console, text: str, **options: Any) -> None:
    console.print(fit(printable(text), console.encoding), **options)


def out(text: str) -> None:
    """Lines to stdout without styling (an id, a listing meant for pipes); printable."""
    _write(printable(text))


def data(text: str) -> None:
    """Data to stdout as it is (an export, YAML, JSON), so a pipe gets it byte for byte.

    On a terminal it is shown printable: a document or an export read on the
    screen cannot clear it or retitle the window either.
    """
    stream = sys.stdout
    _write(printable(text) if stream is not None and _isatty(stream) else text)


def _isatty(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError, OSError):
        return False


def _write(text: str) -> None:
    stream = sys.stdout
    if stream is None:  # closed, and prepare_streams did not run (an embedding program)
        raise BrokenPipeError(errno.EPIPE, "standaarduitvoer is gesloten")
    if getattr(stream, "errors", None) != DEGRADE:  # prepare_streams did not set it up
        text = fit(text, _encoding(stream))
    stream.write(text if text.endswith("\n") else text + "\n")
    stream.flush()


def out_bytes(data: bytes) -> None:
    """Binary data (a pdf, a docx) to stdout as it is, for a pipe."""
    stream = sys.stdout
    if stream is None:
        raise BrokenPipeError(errno.EPIPE, "standaarduitvoer is gesloten")
    stream.flush()
    buffer: Any = getattr(stream, "buffer", stream)
    buffer.write(data)
    buffer.flush()


def print_json(value: Any) -> None:
    import json  # not needed for --help and --version

    if isinstance(value, list) and len(value) > _PART_ROWS:
        # a long list in parts, so 28,000 agenda items never make one string;
        # the parts join into exactly what one json.dumps would have written
        json_text("[")
        for start in range(0, len(value), _PART_ROWS):
            part = json.dumps(
                value[start : start + _PART_ROWS], ensure_ascii=False, indent=2, default=str
            )
            last = start + _PART_ROWS >= len(value)
            json_text(part[2:-2] + ("" if last else ","))  # without "[\n" and "\n]"
        json_text("]")
        return
    json_text(json.dumps(value, ensure_ascii=False, indent=2, default=str))


def json_text(text: str) -> None:
    """JSON made elsewhere (whole, or one part of it on a line of its own) to stdout."""
    # json.dumps writes C0 controls as \u escapes, but not DEL, C1, bidi or
    # zero-width characters: the same data, written so a terminal shows the
    # escape instead of obeying the character
    _write(NOT_PRINTABLE.sub(lambda m: f"\\u{ord(m.group(0)):04x}", text))


def say(text: str, style: str | None = None) -> None:
    """A plain message for the user; user text is never read as markup."""
    _print(stdout_console(), _escape(text), style=style)


def markup(text: str) -> None:
    """A message with our own rich markup (never pass user text in here unescaped)."""
    _print(stdout_console(), text)  # printable too, in case someone forgot escape()


def success(text: str) -> None:
    _print(stdout_console(), _escape(text), style="bold green")


def warn(text: str) -> None:
    # soft_wrap: a file:line:column line must stay one line for editors and grep
    _print(stderr_console(), _escape(text), style="yellow", soft_wrap=True)


def error(text: str, hint: str | None = None) -> None:
    _print(stderr_console(), _escape(text), style="bold red", soft_wrap=True)
    if hint:
        _print(stderr_console(), _escape(hint), soft_wrap=True)


def show(renderable: RenderableType) -> None:
    """Any rich renderable (table, panel, rule) built by a view (cli/views)."""
    console = stdout_console()
    console.print(_fitted(renderable, console.encoding))


def clear() -> None:
    """An empty screen (and scroll-back), so what was on it cannot be read any more."""
    if sys.stdout.isatty():
        sys.stdout.write("\x1b[3J\x1b[H\x1b[2J")  # scroll-back, home, screen
        sys.stdout.flush()


def page(text: str) -> None:
    """A long text in the terminal's pager (less), to scroll and leave with q."""
    console = stdout_console()
    with console.pager(styles=False):
        console.print(_escape(text))


def rule(title: str = "") -> None:
    console = stdout_console()
    console.rule(fit(_escape(title), console.encoding), style="cyan")


# rich measures every cell: quick for a screenful, seconds for thousands of rows
PLAIN_TABLE_ROWS = 200
_PART_ROWS = 2000  # lines written at once by a plain table


def table(columns: list[str], rows: list[list[str]], title: str | None = None) -> None:
    if len(rows) > PLAIN_TABLE_ROWS:
        _plain_table(columns, rows, title)
        return
    from rich.table import Table

    t = Table(
        *columns,
        title=_escape(title) if title else None,
        show_lines=False,
        header_style="bold",
        show_header=any(columns),  # a table of facts (label, value) has no header row
    )
    for row in rows:
        t.add_row(*(_escape(cell) for cell in row))
    show(t)


def escape(text: str) -> str:
    return _escape(text)


def _plain_table(columns: list[str], rows: list[list[str]], title: str | None) -> None:
    """Aligned columns without borders, for long listings."""
    from rich.cells import cell_len

    encoding = _encoding(sys.stdout)  # "…" written as "..." must be measured as three

    def shown(cell: str) -> str:
        return fit(one_line(printable(cell)), encoding)

    # The usual cell (20,000 rows: 100,000 of them) is printable ASCII on one
    # line, single-spaced: nothing to neutralise, join or fit, and as wide as it
    # is long. Checked a row at a time (its cells joined by "|", which can not
    # make two spaces or hide a space at a cell's end), then a cell at a time
    # for the rare row that fails (tests/kernel/test_plain_table.py compares
    # both with the long way).
    def plain(row: list[str]) -> bool:
        joined = "|".join(row)
        return (
            joined.isascii()
            and joined.isprintable()
            and "  " not in joined
            and "| " not in joined
            and " |" not in joined
            and joined[:1] != " " != joined[-1:]
        )

    cells = [
        row
        if plain(row)
        else [
            c
            if c.isascii() and c.isprintable() and "  " not in c and c[:1] != " " != c[-1:]
            else shown(c)
            for c in row
        ]
        for row in rows
    ]

    def width(cell: str) -> int:
        return len(cell) if cell.isascii() else cell_len(cell)  # ASCII here is printable

    if {len(row) for row in cells} == {len(columns)}:  # every row whole: column by column
        widths = [
            max(width(name), max(map(len if "".join(col).isascii() else width, col)))
            for name, col in zip(columns, zip(*cells, strict=True), strict=True)
        ]
    else:
        widths = [
            max([width(name), *(width(row[i]) for row in cells if i < len(row))])
            for i, name in enumerate(columns)
        ]
    padded = "  ".join(f"{{:<{room}}}" for room in widths)  # str.format pads ASCII rightly

    def line(row: list[str]) -> str:
        if len(row) == len(widths) and "".join(row).isascii():
            return padded.format(*row).rstrip()
        pairs = zip(row, widths, strict=False)
        return "  ".join(cell + " " * (room - width(cell)) for cell, room in pairs).rstrip()

    head = [printable(title)] if title else []
    head += [line(columns), line(["-" * width for width in widths])]
    _write("\n".join(head))
    # in parts: the lines of a long agenda (28,000 rows) never make one string
    for start in range(0, len(cells), _PART_ROWS):
        _write("\n".join([line(row) for row in cells[start : start + _PART_ROWS]]))
