"""The plain table of a long listing: aligned, one line per row, nothing in a cell obeyed.

Most cells take a quick path (printable ASCII); every other cell is
neutralised, joined onto one line and fitted the long way. Both must give the
same table as the long way alone.
"""

from __future__ import annotations

import pytest
from rich.cells import cell_len

from loopbaan_cli.kernel import console
from loopbaan_cli.kernel.text import one_line, printable

CELLS = [
    "2026-11-22-an-peeters",
    "An Peeters",
    " leading space",
    "trailing space ",
    "two  spaces",
    "tab\there",
    "line\nbreak",
    "esc \x1b[2J clear",
    "del\x7f and c1\x9b",
    "bidi \u202eevil",
    "李明 工程师",
    "Émile",
    "",
]


def the_long_way(columns: list[str], rows: list[list[str]]) -> str:
    cells = [[one_line(printable(c)) for c in row] for row in rows]
    widths = [
        max([cell_len(name), *(cell_len(row[i]) for row in cells)])
        for i, name in enumerate(columns)
    ]

    def line(row: list[str]) -> str:
        pairs = zip(row, widths, strict=True)
        return "  ".join(c + " " * (w - cell_len(c)) for c, w in pairs).rstrip()

    lines = [line(columns), line(["-" * w for w in widths])]
    text = "\n".join(lines + [line(row) for row in cells])
    return text if text.endswith("\n") else text + "\n"


def test_the_plain_table_is_the_long_way_for_every_kind_of_cell(
    capsys: pytest.CaptureFixture[str],
) -> None:
    rows = [[a, b] for a in CELLS for b in CELLS] * 2
    assert len(rows) > console.PLAIN_TABLE_ROWS  # the plain table, not rich
    console.table(["id", "naam"], rows)
    out = capsys.readouterr().out
    assert out == the_long_way(["id", "naam"], rows)
    for bad in ("\x1b", "\x7f", "\x9b", "\u202e", "\t"):
        assert bad not in out


def test_a_table_written_in_parts_reads_as_one(capsys: pytest.CaptureFixture[str]) -> None:
    # more rows than one part: the parts join without a missing or doubled line
    rows = [[f"2026-01-01-mw-{n:05d}", CELLS[n % len(CELLS)]] for n in range(5_003)]
    console.table(["id", "naam"], rows, title="Gesprekken")
    out = capsys.readouterr().out
    assert out == "Gesprekken\n" + the_long_way(["id", "naam"], rows)


def test_a_long_json_list_written_in_parts_is_one_json_text(
    capsys: pytest.CaptureFixture[str],
) -> None:
    import json

    items = [{"n": n, "naam": CELLS[n % len(CELLS)], "op": None} for n in range(4_001)]
    console.print_json(items)
    out = capsys.readouterr().out
    assert json.loads(out) == items
    # exactly what one json.dumps writes, control characters made visible as escapes
    whole = json.dumps(items, ensure_ascii=False, indent=2)
    assert out == console.NOT_PRINTABLE.sub(lambda m: f"\\u{ord(m.group(0)):04x}", whole) + "\n"
