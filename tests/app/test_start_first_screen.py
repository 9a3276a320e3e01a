"""`start`'s first screen: drawn before the banks and the prompts load, and checked after.

The first question (with the notice of prepared conversations above it) is
known from the index alone; the prompt the form then really asks is worded
from the checked files, and is what the keys typed go to.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import FakeAsk, make_session, write_session

from loopbaan_cli.app import handover, start
from loopbaan_cli.kernel.errors import Interrupted
from loopbaan_cli.sessions import store
from loopbaan_cli.sessions.model import Employee, Person

TODAY = dt.date(2026, 12, 1)


def _prepared(home: Path, name: str, day: dt.date, *, indexed: bool = True) -> str:
    """A prepared conversation; `indexed`: saved through the store (its row in the index)."""
    session = make_session(
        id=f"{day.isoformat()}-{name.split()[0].lower()}",
        status="prepared",
        stage="questions",
        date=day,
        employee=Employee(name=name),
        answers={},
        agreements=[],
        followups=[],
        conclusion=None,
    )
    write_session(home, session)
    if indexed:
        store.save(store.load(session.id))  # makes the index (and the banks' cache folder)
    return str(session.id)


def _start_until_the_first_prompt(screens: list[start.FirstScreen]) -> FakeAsk:
    """`start` at a terminal whose early drawing is recorded; Ctrl-C at the first prompt."""
    ask = FakeAsk({"meta.employee": KeyboardInterrupt})

    def early(screen: start.FirstScreen) -> bool:
        screens.append(screen)
        return True

    with pytest.raises(Interrupted, match="er is nog niets bewaard"):
        start.start(None, False, keyboard=lambda: ask, today=TODAY, early=early)
    return ask


def test_the_first_screen_is_the_prompt_the_form_then_asks(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _prepared(home, "Els Peeters", dt.date(2026, 12, 10))
    screens: list[start.FirstScreen] = []
    ask = _start_until_the_first_prompt(screens)
    assert len(screens) == 1
    drawn = screens[0].question
    assert drawn.key == "meta.employee"
    assert (
        drawn.notice
        == "Al voorbereid: Els Peeters. Typ die naam om die voorbereiding te gebruiken."
    )
    assert ask.asked[0] == drawn  # the prompt takes the line over: nothing drawn twice
    # the intro was drawn with it, not printed a second time
    assert "Loopbaangesprek" not in capsys.readouterr().out


def test_a_stale_index_is_drawn_first_and_the_checked_files_word_the_prompt(home: Path) -> None:
    """A prepared conversation copied in by hand has no row yet: the prompt names it all the same."""
    _prepared(home, "Els Peeters", dt.date(2026, 12, 10))
    _prepared(home, "Bart Maes", dt.date(2026, 12, 8), indexed=False)
    screens: list[start.FirstScreen] = []
    ask = _start_until_the_first_prompt(screens)
    assert "Bart Maes" not in screens[0].question.notice  # the index, unchecked
    asked = ask.asked[0]
    assert asked.notice.startswith("Al voorbereid: Bart Maes, Els Peeters.")
    assert asked != screens[0].question  # so the prompt is drawn anew, in full (cli/early.py)


def test_a_file_edited_by_hand_into_a_preparation_is_offered(home: Path) -> None:
    """Its row says 'completed'; the file (changed since) says 'prepared' and decides."""
    session_id = _prepared(home, "Els Peeters", dt.date(2026, 12, 10))
    path = store.session_path(session_id)
    text = path.read_text(encoding="utf-8").replace("status: prepared", "status: completed")
    path.write_text(text, encoding="utf-8")
    store.list_sessions()  # the index now says completed
    assert handover.prepared_sessions() == []
    path.write_text(text.replace("status: completed", "status: prepared") + "\n", encoding="utf-8")
    assert [s.id for s in handover.prepared_sessions()] == [session_id]


def test_no_index_no_early_screen(home: Path) -> None:
    """Without an index the list of prepared conversations is not known at once: drawn as before."""
    _prepared(home, "Els Peeters", dt.date(2026, 12, 10), indexed=False)
    assert start.first_screen(TODAY) is None


LOADED = """
import datetime as dt, sys
from loopbaan_cli.app import start
screen = start.first_screen(dt.date.today())
assert screen is not None, "no first screen"
print(sorted(m for m in ("pydantic", "questionary", "prompt_toolkit", "jinja2") if m in sys.modules))
"""


def test_the_first_screen_needs_no_pydantic_no_prompts_no_templates(home: Path) -> None:
    _prepared(home, "Els Peeters", dt.date(2026, 12, 10))
    env = {**os.environ, "LOOPBAAN_HOME": str(home)}
    runs = [
        subprocess.run(
            [sys.executable, "-c", LOADED], env=env, capture_output=True, text=True, check=True
        )
        for _ in range(2)  # the first caches the banks' survey for the real today
    ]
    assert runs[1].stdout.strip() == "[]", runs[1].stderr


def test_the_notice_at_a_glance_names_whom_the_checked_files_name(home: Path) -> None:
    """The five soonest (equal dates in the same order) and how many more, as the prompt has it."""
    names = ["Els Peeters", "Bart Maes", "Ann Claes", "Jan Wouters", "Mia Goossens", "Tom Jacobs"]
    days = [dt.date(2026, 12, 10), dt.date(2026, 12, 9), dt.date(2026, 12, 9)]
    days += [dt.date(2026, 12, 12), dt.date(2026, 12, 11), dt.date(2026, 12, 9)]
    for name, day in zip(names, days, strict=True):
        _prepared(home, name, day)
    _prepared(home, "Els Peeters", dt.date(2026, 12, 8))  # her second: counted once
    ask = FakeAsk({"meta.employee": ""})
    handover.offer_prepared(ask)(start.first_question(start.Meta("", "", "", "", TODAY, "")))
    checked = ask.asked[0].notice
    assert checked.startswith("Al voorbereid: Els Peeters, ")  # her second is the soonest
    assert checked.count("Els Peeters") == 1
    assert "Mia Goossens en nog 1." in checked  # Jan Wouters, the latest, is counted
    assert handover.notice_at_a_glance() == checked


@pytest.mark.parametrize("indexed", [True, False])
def test_the_interviewer_proposed_is_who_held_the_conversation_saved_last(
    home: Path, indexed: bool
) -> None:
    """Read with the prepared conversations, in the same check: a file without a row counts too."""
    from loopbaan_cli.sessions.model import Person

    _prepared(home, "Els Peeters", dt.date(2026, 12, 10))  # saved now, by Marc Janssens
    later = make_session(
        id="2026-11-30-bart",
        updated=dt.datetime.now().replace(microsecond=0) + dt.timedelta(hours=1),
        employee=Employee(name="Bart Maes"),
        interviewer=Person(name="Katrien Wouters", role="hr-verantwoordelijke"),
    )
    write_session(home, later)
    if indexed:
        store.list_sessions()  # its row, as a listing leaves it
    ask = FakeAsk({"meta.employee": "Sofie Maes", "meta.interviewer": KeyboardInterrupt})
    with pytest.raises(Interrupted):
        start.start(None, False, keyboard=lambda: ask, today=TODAY)
    asked = {a.key: a for a in ask.asked}
    assert asked["meta.interviewer"].default == "Katrien Wouters"


@pytest.mark.parametrize("through_the_store", [True, False], ids=["index", "files"])
def test_a_start_stopped_before_its_interviewer_proposes_no_question_mark(
    home: Path, through_the_store: bool
) -> None:
    """Ctrl-C after the name, then `resume`: "Jouw naam" proposed "?", the placeholder."""
    stopped = make_session(
        id="2026-12-01-sofie-claes",
        status="in_progress",
        stage="meta",
        employee=Employee(name="Sofie Claes"),
        interviewer=Person(name="?"),
        answers={},
        agreements=[],
        followups=[],
        conclusion=None,
    )
    if through_the_store:
        store.save(stopped)
    else:
        write_session(home, stopped)
    proposed = handover.suggested(TODAY)
    assert (proposed.interviewer, proposed.interviewer_role) == ("", "")
