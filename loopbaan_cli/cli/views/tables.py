"""Tables whose first column is an id: every other command needs that id, whole."""

from __future__ import annotations

from loopbaan_cli.kernel import console
from loopbaan_cli.kernel.text import printable


def id_table(columns: list[str], rows: list[list[str]], title: str | None = None) -> None:
    """A table whose first column, an id, is never cut: the other columns wrap instead.

    Every other command needs that id, so it stays whole on one line, ready to
    copy. Columns are set apart by spaces, not lines, as in the plain table of a
    long listing. In a terminal too narrow for the id beside the other columns
    (each at least as wide as its longest word), each row becomes its id on a
    line of its own with the rest under it.
    """
    if not rows or len(rows) > console.PLAIN_TABLE_ROWS:
        # the plain table pads, it never cuts; it makes every cell printable itself
        console.table(columns, rows, title)
        return
    # measured as shown: an ESC typed into a name is drawn as "␛", one column wide
    rows = [[printable(cell) for cell in row] for row in rows]
    from rich import box
    from rich.cells import cell_len
    from rich.table import Table

    cells = [columns, *rows]
    widths = [max(cell_len(row[i]) for row in cells) for i in range(len(columns))]
    words = [max(_longest_word(row[i]) for row in cells) for i in range(len(columns))]
    # between two columns: one space of border and one of padding
    room = console.stdout_console().width - 2 * (len(columns) - 1) - widths[0]
    fitted = fit_widths(widths[1:], words[1:], room)
    if fitted is None:
        _id_list(columns, rows, title)
        return
    table = Table(
        title=title,
        header_style="bold",
        box=box.SIMPLE_HEAD,
        show_edge=False,
        pad_edge=False,
        collapse_padding=True,
    )
    table.add_column(columns[0], no_wrap=True, width=widths[0])
    for name, width in zip(columns[1:], fitted, strict=True):
        table.add_column(name, width=width, overflow="fold")
    for row in rows:
        table.add_row(*(console.escape(cell) for cell in row))
    console.show(table)


def _longest_word(text: str) -> int:
    from rich.cells import cell_len

    return max((cell_len(word) for word in text.split()), default=0)


def fit_widths(widths: list[int], words: list[int], room: int) -> list[int] | None:
    """Column widths within `room`: the widest narrowed first, none below its longest word.

    None when even the longest words do not fit side by side.
    """
    if sum(widths) <= room:
        return widths
    floors = [min(w, word) for w, word in zip(widths, words, strict=True)]
    if sum(floors) > room:
        return None
    cap = max(widths)
    while sum(max(f, min(w, cap)) for w, f in zip(widths, floors, strict=True)) > room:
        cap -= 1
    fitted = [max(f, min(w, cap)) for w, f in zip(widths, floors, strict=True)]
    spare = room - sum(fitted)  # less than one per narrowed column: hand it out
    for i, width in enumerate(widths):
        if spare and width > fitted[i]:
            fitted[i] += 1
            spare -= 1
    return fitted


def _id_list(columns: list[str], rows: list[list[str]], title: str | None) -> None:
    from rich.padding import Padding
    from rich.text import Text

    if title:
        console.say(title, style="bold")
    for row in rows:
        console.out(row[0])  # as is: even wider than the terminal, it stays one line
        rest = " · ".join(cell for cell in row[1:] if cell)
        if rest:
            console.show(Padding(Text(rest), (0, 0, 0, 2), expand=False))
