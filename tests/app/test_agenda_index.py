"""`loopbaan agenda` reads the index's rows, and each employee's follow-ups from the index too.

Whatever the index holds, the agenda says what the files say: a follow-up
moved by hand behind the index's back is seen, and the same agenda comes
with or without an index.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from helpers import CliRun, make_session

from loopbaan_cli.sessions import store
from loopbaan_cli.sessions.model import Employee


def agenda_json(run: CliRun) -> list[dict[str, object]]:
    result = run("agenda", "--all", "--json")
    assert result.exit_code == 0, result.output
    data: list[dict[str, object]] = json.loads(result.stdout)
    return data


def saved() -> None:
    store.save(make_session())
    store.save(
        make_session(
            id="2026-11-23-jan-janssens",
            date=dt.date(2026, 11, 23),
            employee=Employee(name="Jan Janssens", service_start=dt.date(2022, 1, 3)),
        )
    )
    store.save(
        make_session(
            id="2027-03-01-an-peeters",
            date=dt.date(2027, 3, 1),
            status="prepared",
            stage="meta",
            followups=[],
        )
    )


def test_the_same_agenda_with_and_without_the_index(home: Path, run: CliRun) -> None:
    saved()
    with_index = agenda_json(run)
    assert {item["kind"] for item in with_index} >= {"followup", "deadline", "prepared"}
    (home / "index.sqlite3").unlink()
    assert agenda_json(run) == with_index
    assert not (home / "index.sqlite3").exists()


def test_a_follow_up_moved_by_hand_behind_the_index_is_seen(home: Path, run: CliRun) -> None:
    saved()
    assert "2027-02-22" in [item["date"] for item in agenda_json(run)]
    path = home / "sessions" / "2026-11-22-an-peeters.yaml"
    text = path.read_text(encoding="utf-8")
    assert "- date: 2027-02-22" in text
    path.write_text(text.replace("- date: 2027-02-22", "- date: 2027-04-19"), encoding="utf-8")
    dates = [
        item["date"]
        for item in agenda_json(run)
        if item["kind"] == "followup" and item["session"] == "2026-11-22-an-peeters"
    ]
    assert "2027-04-19" in dates and "2027-02-22" not in dates
