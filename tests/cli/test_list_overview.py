"""`loopbaan list` (everyone) is drawn from the index's rows, without a Record per conversation.

What it shows must be what the files say, exactly as the listing of Records
showed it, whatever happened behind the index's back.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
from pathlib import Path

import pytest
from helpers import CliRun, make_session, write_session

from loopbaan_cli.cli.views.sessions import session_row
from loopbaan_cli.sessions import store


def saved_three() -> None:
    store.save(make_session())
    store.save(
        make_session(
            id="2026-11-23-bart-claes",
            date=dt.date(2026, 11, 23),
            employee={"name": 'Bart "B" Claes\\ \u202e\x7f\x9b', "role": "x"},
            purposes=[],
        )
    )
    store.save(
        make_session(
            id="2026-11-23-li-ming",
            date=dt.date(2026, 11, 23),
            employee={"name": "李明", "role": "工程师"},
            status="prepared",
            stage="meta",
        )
    )


def listed_json(run: CliRun) -> list[dict[str, object]]:
    result = run("list", "--json")
    assert result.exit_code == 0, result.output
    data: list[dict[str, object]] = json.loads(result.stdout)
    return data


def as_records_say() -> str:
    """What `list --json` printed when it listed Records (print_json of session_row)."""
    from loopbaan_cli.kernel.text import NOT_PRINTABLE

    rows = [session_row(s) for s in store.list_sessions().sessions]
    text = json.dumps(rows, ensure_ascii=False, indent=2, default=str)
    return NOT_PRINTABLE.sub(lambda m: f"\\u{ord(m.group(0)):04x}", text) + "\n"


def test_list_json_is_byte_for_byte_what_the_records_gave(home: Path, run: CliRun) -> None:
    saved_three()
    result = run("list", "--json")
    assert result.exit_code == 0
    assert result.stdout == as_records_say()
    (home / "index.sqlite3").unlink()  # and without an index, from the files
    assert run("list", "--json").stdout == as_records_say()
    assert not (home / "index.sqlite3").exists()  # a listing creates none


def test_an_empty_folder_lists_an_empty_json_array(home: Path, run: CliRun) -> None:
    assert run("list", "--json").stdout == "[]\n"


def test_list_table_shows_each_row_from_the_index(home: Path, run: CliRun) -> None:
    saved_three()
    out = run("list").stdout
    ids = ["2026-11-23-bart-claes", "2026-11-23-li-ming", "2026-11-22-an-peeters"]
    assert sorted(ids, key=out.index) == ids  # newest first, equal dates by file name
    assert "23-11-2026" in out and "voorbereid" in out and "李明" in out
    assert "\x7f" not in out and "\u202e" not in out and "\x9b" not in out  # never obeyed


def test_list_sees_files_changed_added_and_removed_behind_the_index(
    home: Path, run: CliRun
) -> None:
    saved_three()
    folder = home / "sessions"
    path = folder / "2026-11-22-an-peeters.yaml"
    path.write_text(path.read_text("utf-8").replace("name: An Peeters", "name: Anna"), "utf-8")
    (folder / "2026-11-23-bart-claes.yaml").unlink()
    write_session(home, make_session(id="2026-12-01-chloe", employee={"name": "Chloé"}))
    names = {row["id"]: row["employee"] for row in listed_json(run)}
    assert names == {
        "2026-11-22-an-peeters": "Anna",
        "2026-12-01-chloe": "Chloé",
        "2026-11-23-li-ming": "李明",
    }
    assert run("list").stdout.count("Anna") == 1
    with sqlite3.connect(home / "index.sqlite3") as conn:  # the rows followed the files
        rows = dict(conn.execute("SELECT name, employee_name FROM sessions"))
    assert rows["2026-11-22-an-peeters.yaml"] == "Anna"
    assert "2026-11-23-bart-claes.yaml" not in rows


def test_list_trusts_a_row_only_while_its_file_is_unchanged(home: Path, run: CliRun) -> None:
    saved_three()
    with sqlite3.connect(home / "index.sqlite3") as conn:
        conn.execute("UPDATE sessions SET employee_name = 'Uit de index'")
    assert {row["employee"] for row in listed_json(run)} == {"Uit de index"}
    path = home / "sessions" / "2026-11-22-an-peeters.yaml"
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 1_000_000))
    names = {row["id"]: row["employee"] for row in listed_json(run)}
    assert names["2026-11-22-an-peeters"] == "An Peeters"


@pytest.mark.parametrize("with_index", [True, False])
def test_list_reports_an_unreadable_file_and_lists_the_rest(
    home: Path, run: CliRun, with_index: bool
) -> None:
    saved_three()
    if not with_index:
        (home / "index.sqlite3").unlink()
    (home / "sessions" / "2026-11-25-kapot.yaml").write_text("id: [niet af\n", "utf-8")
    result = run("list")
    assert result.exit_code == 0
    assert "2026-11-25-kapot.yaml" in result.stderr and "Overgeslagen" in result.stderr
    assert len(listed_json(run)) == 3


@pytest.mark.parametrize("chunk", [1, 2, 3, 1000])
def test_list_json_written_in_parts_is_the_same_text(home: Path, chunk: int) -> None:
    from loopbaan_cli.app.sessions import overview
    from loopbaan_cli.cli.views.sessions import _overview_json

    saved_three()
    from loopbaan_cli.kernel.text import NOT_PRINTABLE

    parts = _overview_json(overview(as_json=True).rows, chunk=chunk)
    text = "".join(f"{part}\n" for part in parts)
    assert NOT_PRINTABLE.sub(lambda m: f"\\u{ord(m.group(0)):04x}", text) == as_records_say()
