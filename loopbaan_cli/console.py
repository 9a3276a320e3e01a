"""The one place that prints.

Data (exports, JSON) goes to stdout untouched so it can be piped; messages for
the person at the keyboard are styled with rich, which is imported only when a
styled message is really shown. Errors and warnings go to stderr.
"""

from __future__ import annotations

import sys
from functools import cache
from typing import TYPE_CHECKING, Any

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


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)


def out(text: str) -> None:
    """Raw data to stdout (an export, a listing meant for pipes)."""
    sys.stdout.write(text if text.endswith("\n") else text + "\n")
    sys.stdout.flush()


def print_json(data: Any) -> None:
    import json  # not needed for --help and --version

    out(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def say(text: str, style: str | None = None) -> None:
    """A plain message for the user; user text is never read as markup."""
    stdout_console().print(_escape(text), style=style)


def markup(text: str) -> None:
    """A message with our own rich markup (never pass user text in here unescaped)."""
    stdout_console().print(text)


def success(text: str) -> None:
    stdout_console().print(_escape(text), style="bold green")


def warn(text: str) -> None:
    # soft_wrap: a file:line:column line must stay one line for editors and grep
    stderr_console().print(_escape(text), style="yellow", soft_wrap=True)


def error(text: str, hint: str | None = None) -> None:
    stderr_console().print(_escape(text), style="bold red", soft_wrap=True)
    if hint:
        stderr_console().print(_escape(hint), soft_wrap=True)


def show(renderable: RenderableType) -> None:
    """Any rich renderable (table, panel, rule) built by a screen module."""
    stdout_console().print(renderable)


def rule(title: str = "") -> None:
    stdout_console().rule(_escape(title), style="cyan")


# rich measures every cell: quick for a screenful, seconds for thousands of rows
PLAIN_TABLE_ROWS = 200


def table(columns: list[str], rows: list[list[str]], title: str | None = None) -> None:
    if len(rows) > PLAIN_TABLE_ROWS:
        _plain_table(columns, rows, title)
        return
    from rich.table import Table

    t = Table(*columns, title=title, show_lines=False, header_style="bold")
    for row in rows:
        t.add_row(*(_escape(cell) for cell in row))
    show(t)


def escape(text: str) -> str:
    return _escape(text)


def _plain_table(columns: list[str], rows: list[list[str]], title: str | None) -> None:
    """Aligned columns without borders, for long listings."""
    import re

    from rich.cells import cell_len

    control = re.compile(r"[\x00-\x1f\x7f-\x9f]")  # no terminal escapes from user text
    cells = [[control.sub("", " ".join(cell.split())) for cell in row] for row in rows]
    widths = [
        max([cell_len(name), *(cell_len(row[i]) for row in cells if i < len(row))])
        for i, name in enumerate(columns)
    ]

    def line(row: list[str]) -> str:
        pairs = zip(row, widths, strict=False)
        padded = (cell + " " * (width - cell_len(cell)) for cell, width in pairs)
        return "  ".join(padded).rstrip()

    lines = [title] if title else []
    lines += [line(columns), line(["-" * width for width in widths])]
    lines += [line(row) for row in cells]
    out("\n".join(lines))
