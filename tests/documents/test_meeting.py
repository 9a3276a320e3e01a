"""The meeting of a prepared conversation: its time, place and duration on the invitation
and as an event in the calendar; reminders on every calendar event."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from helpers import CliRun, write_session
from icalendar import Calendar
from test_documents import BANKS, SID, completed, events, prepared
from test_pdf_docx import docx_text, pdf_pages
from test_render import TODAY

from loopbaan_cli.banks.library import Library, load_library
from loopbaan_cli.documents.context import duration_words, hour_words
from loopbaan_cli.documents.render import render
from loopbaan_cli.kernel import paths, yamlio
from loopbaan_cli.sessions.model import Meeting

MEETING = Meeting(time="14:30", place="Vergaderzaal boven, Kerkstraat 12", minutes=75)
PLACE = "Vergaderzaal boven, Kerkstraat 12"


@pytest.fixture
def lib(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Library:
    """The small banks of test_documents.py instead of the built-in ones (as its goldens)."""
    folder = tmp_path / "builtin_banks"
    (folder / "banks").mkdir(parents=True)
    for catalogue in Path(paths.builtin_banks_dir()).glob("*.yaml"):
        shutil.copy(catalogue, folder / catalogue.name)
    for name, text in BANKS.items():
        (folder / "banks" / name).write_text(text.lstrip(), encoding="utf-8")
    monkeypatch.setattr(paths, "builtin_banks_dir", lambda: folder)
    return load_library()


def invitation(fmt: str, lib: Any, **changes: Any) -> str:
    out = render(prepared(**changes), "uitnodiging", fmt, today=TODAY, library=lib)
    if fmt == "pdf":
        assert isinstance(out, bytes)
        return " ".join(pdf_pages(out))
    if fmt == "docx":
        assert isinstance(out, bytes)
        return docx_text(out)
    assert isinstance(out, str)
    return out


@pytest.mark.parametrize("fmt", ["md", "txt", "html", "pdf", "docx"])
def test_the_invitation_says_when_where_and_how_long(lib: Any, fmt: str) -> None:
    text = " ".join(invitation(fmt, lib, meeting=MEETING).split())
    assert "zondag 22 november 2026 om 14.30 uur" in text
    assert "Vergaderzaal boven" in text and "Kerkstraat 12" in text
    assert "ongeveer 1 uur en 15 minuten" in text
    if fmt != "pdf":  # the labels as text (the pdf's table reads back in its own order)
        assert re.search(r"Waar(:|</th>| \|)", text) and re.search(r"Duur(:|</th>| \|)", text)


@pytest.mark.parametrize("fmt", ["md", "txt", "html", "docx"])
def test_without_meeting_details_the_invitation_reads_as_before(lib: Any, fmt: str) -> None:
    text = invitation(fmt, lib)
    assert "zondag 22 november 2026" in text
    assert " om " not in text.split("Wanneer")[1].splitlines()[0]
    assert not re.search(r"Waar(:|</th>| \|)", text) and "Duur" not in text


def test_only_a_place_shows_only_the_place(lib: Any) -> None:
    text = invitation("txt", lib, meeting=Meeting(place="De refter"))
    assert "Waar:         De refter" in text
    assert "Duur" not in text and "om " not in text.split("Wanneer:")[1].splitlines()[0]


def test_hours_and_durations_in_words() -> None:
    assert hour_words("14:00") == "14 uur"
    assert hour_words("09:05") == "9.05 uur"
    assert duration_words(45) == "ongeveer 45 minuten"
    assert duration_words(60) == "ongeveer 1 uur"
    assert duration_words(90) == "ongeveer 1 uur en 30 minuten"


# --- the calendar -------------------------------------------------------------------------


def test_the_calendar_of_a_prepared_conversation_is_the_meeting() -> None:
    text = render(prepared(meeting=MEETING), fmt="ics")
    [event] = events(text).values()
    assert str(event["SUMMARY"]) == "Loopbaangesprek met An Peeters"
    start, end = event.decoded("DTSTART"), event.decoded("DTEND")
    assert (start.year, start.month, start.day, start.hour, start.minute) == (2026, 11, 22, 14, 30)
    assert str(start.tzinfo) == "Europe/Brussels" or "Brussels" in str(start.tzinfo)
    assert start.utcoffset() == dt.timedelta(hours=1)  # winter time
    assert end - start == dt.timedelta(minutes=75)
    assert str(event["LOCATION"]) == PLACE
    assert str(event["TRANSP"]) == "OPAQUE"  # a meeting: busy
    [alarm] = event.walk("VALARM")
    assert alarm.decoded("TRIGGER") == dt.timedelta(hours=-1)
    assert "DTSTART;TZID=Europe/Brussels:20261122T143000" in text
    assert "BEGIN:VTIMEZONE" in text and "TZID:Europe/Brussels" in text


def test_a_meeting_in_summer_is_in_summer_time() -> None:
    session = prepared(meeting=MEETING, date=dt.date(2027, 6, 15))
    [event] = events(render(session, fmt="ics")).values()
    assert event.decoded("DTSTART").utcoffset() == dt.timedelta(hours=2)


def test_a_meeting_without_duration_takes_the_expected_length() -> None:
    for short, minutes in ((False, 75), (True, 45)):
        session = prepared(meeting=Meeting(time="9:00"), short=short)
        [event] = events(render(session, fmt="ics")).values()
        assert event.decoded("DTEND") - event.decoded("DTSTART") == dt.timedelta(minutes=minutes)
        assert "LOCATION" not in event


def test_a_meeting_without_time_stays_a_whole_day() -> None:
    [event] = events(render(prepared(meeting=Meeting(place="De refter")), fmt="ics")).values()
    assert event.decoded("DTSTART") == dt.date(2026, 11, 22)
    assert str(event["LOCATION"]) == "De refter"
    assert str(event["SUMMARY"]) == "Loopbaangesprek met An Peeters"


def test_every_deadline_and_followup_has_a_reminder_the_day_before() -> None:
    found = events(render(completed(), fmt="ics"))
    assert found, "the completed conversation has events"
    for uid, event in found.items():
        [alarm] = event.walk("VALARM")
        assert str(alarm["ACTION"]) == "DISPLAY", uid
        # all-day, so from midnight: the day before at 9:00
        assert alarm.decoded("TRIGGER") == dt.timedelta(hours=-15), uid
    assert f"{SID}.afspraak-1@loopbaan" in found and f"{SID}.opvolging-1@loopbaan" in found


# --- on disk, through the command ---------------------------------------------------------


def test_export_of_a_prepared_conversation_as_ics(run: CliRun, home: Path, tmp_path: Path) -> None:
    write_session(home, prepared(meeting=MEETING))
    target = tmp_path / "gesprek.ics"
    result = run("export", SID, "--format", "ics", "-o", target)
    assert result.exit_code == 0, result.output
    cal = Calendar.from_ical(target.read_text(encoding="utf-8"))
    [event] = cal.walk("VEVENT")
    assert str(event["LOCATION"]) == PLACE


def test_an_old_file_without_meeting_details_still_exports(
    run: CliRun, home: Path, tmp_path: Path
) -> None:
    path = write_session(home, prepared())
    data, _ = yamlio.load(path.read_text(encoding="utf-8"), str(path))
    data.pop("meeting")  # written before meetings were asked
    path.write_text(yamlio.dump(data), encoding="utf-8")
    ics = run("export", SID, "--format", "ics")
    assert ics.exit_code == 0, ics.output
    assert "SUMMARY:Loopbaangesprek met An Peeters" in ics.stdout
    assert "DTSTART;VALUE=DATE:20261122" in ics.stdout
    for fmt in ("md", "txt", "html"):
        doc = run("export", SID, "--kind", "uitnodiging", "--format", fmt)
        assert doc.exit_code == 0, doc.output
        assert "22 november 2026" in doc.stdout and "Duur" not in doc.stdout
