"""`loopbaan prepare`, and `loopbaan start` picking the prepared conversation up."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from helpers import FIXTURES, CliRun, FakeAsk, Seq, assert_fails

from loopbaan_cli.app import prepare as preparing
from loopbaan_cli.app import start as conversation
from loopbaan_cli.cli.views.next_steps import after_preparation
from loopbaan_cli.conversation.asking import Ask, Nav
from loopbaan_cli.kernel.errors import Interrupted
from loopbaan_cli.sessions import store

TODAY = dt.date(2026, 11, 16)  # a Monday
PLANNED = dt.date(2026, 11, 23)


META = {
    "meta.employee": "An Peeters",
    "meta.role": "boekhouder",
    "meta.service_start": dt.date(2021, 3, 1),
    "meta.retirement_year": 2049,
    "meta.interviewer": "Marc Janssens",
    "meta.interviewer_role": "zaakvoerder",
    "meta.phase": "spitsuur",
    "meta.purposes": ["groei_job"],
}
PREPARATION = {
    "voorbereiding.sterke_punten": "Nauwkeurig en rustig bij drukte",
    "voorbereiding.mogelijkheden_nu": "De facturatie van een tweede klant overnemen",
}


def prepared(capsys: pytest.CaptureFixture[str] | None = None, **extra: Any) -> tuple[str, FakeAsk]:
    ask = FakeAsk({**META, **PREPARATION, **extra})
    result = preparing.prepare(today=TODAY, keyboard=lambda: ask)
    after_preparation(result)  # what `loopbaan prepare` shows
    return result.session.id, ask


def test_prepare_creates_a_prepared_conversation(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    session_id, ask = prepared()
    saved = store.load(session_id)
    assert saved.status == "prepared"
    assert saved.stage == "questions" and saved.position is None  # the conversation starts there
    assert saved.date == PLANNED  # a week ahead, proposed
    assert saved.employee.service_start == dt.date(2021, 3, 1)
    assert saved.employee.retirement_year == 2049
    assert (
        saved.preparation["voorbereiding.sterke_punten"].value == "Nauwkeurig en rustig bij drukte"
    )
    assert saved.answers == {} and saved.minutes == 0
    assert not any(k.startswith("kern.") for k in ask.keys)  # no conversation questions
    out = " ".join(capsys.readouterr().out.split())
    assert f"loopbaan export {session_id} --kind uitnodiging" in out
    assert "loopbaan start --employee 'An Peeters'" in out


def test_an_impossible_retirement_year_is_asked_again(home: Path) -> None:
    session_id, ask = prepared(**{"meta.retirement_year": Seq(49, 2049)})
    asks = [a for a in ask.asked if a.key == "meta.retirement_year"]
    assert len(asks) == 2 and "jaartal" in asks[1].notice
    assert store.load(session_id).employee.retirement_year == 2049


def test_pause_and_go_on_with_the_preparation(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    session_id, _ = prepared(**{"voorbereiding.mogelijkheden_nu": Nav.PAUSE})
    saved = store.load(session_id)
    assert saved.stage == "preparation" and saved.position == "voorbereiding.mogelijkheden_nu"
    assert f"loopbaan prepare {session_id}" in " ".join(capsys.readouterr().out.split())
    ask = FakeAsk(PREPARATION)
    preparing.prepare(session_id, today=TODAY, keyboard=lambda: ask)
    assert ask.keys[0] == "voorbereiding.mogelijkheden_nu"
    assert store.load(session_id).stage == "questions"


def test_ctrl_c_during_the_preparation_keeps_it(home: Path) -> None:
    with pytest.raises(Interrupted) as info:
        prepared(**{"voorbereiding.mogelijkheden_nu": KeyboardInterrupt})
    assert info.value.exit_code == 130
    [summary] = store.list_sessions().sessions
    session = store.load(summary.id)
    assert session.status == "prepared"
    assert "voorbereiding.sterke_punten" in session.preparation
    assert info.value.hint == f"Verder voorbereiden: loopbaan prepare {session.id}"


def test_prepare_employee_fills_in_what_is_known(home: Path) -> None:
    first, _ = prepared()
    store.save(store.load(first).model_copy(update={"status": "completed"}))
    ask = FakeAsk(PREPARATION)
    session = preparing.prepare(employee="an peeters", today=TODAY, keyboard=lambda: ask).session
    meta = {a.key: a.default for a in ask.asked if a.key.startswith("meta.")}
    assert meta["meta.employee"] == "An Peeters"
    assert meta["meta.role"] == "boekhouder"
    assert meta["meta.retirement_year"] == 2049
    assert session.id != first


# --- start picks it up -----------------------------------------------------------------


@pytest.fixture
def keyboard() -> Callable[[dict[str, Any]], FakeAsk]:
    """A fake for conversation.start to talk to instead of a terminal (keyboard=lambda: ask)."""

    def install(replies: dict[str, Any]) -> FakeAsk:
        return FakeAsk(replies)

    return install


def first_conversation_question(ask: Ask) -> Any:
    return Nav.PAUSE if ask.key.startswith("kern.") else ask.default


def test_start_offers_the_prepared_conversation_after_the_name(
    home: Path, keyboard: Callable[[dict[str, Any]], FakeAsk]
) -> None:
    session_id, _ = prepared()
    ask = keyboard({"meta.employee": "an peeters", "meta.use_prepared": True})
    ask.replies["kern.wat_graag"] = [first_conversation_question]
    for key in ("kern.tevredenheid", "kern.energie_gevers"):
        ask.replies[key] = [first_conversation_question]
    ask.default_reply = first_conversation_question
    session = conversation.start(
        None, False, keyboard=lambda: ask, today=PLANNED + dt.timedelta(days=2)
    ).session
    assert session.id == session_id
    name_ask = ask.asked[0]
    assert "An Peeters" in name_ask.notice  # told before typing that a preparation waits
    assert ask.keys[1] == "meta.use_prepared"
    assert not any(k.startswith(("voorbereiding.", "preparation.")) for k in ask.keys)
    assert not any(k in ask.keys for k in ("meta.role", "meta.interviewer", "meta.phase"))
    saved = store.load(session_id)
    assert saved.status == "in_progress"
    assert saved.date == PLANNED + dt.timedelta(days=2)  # held today, not on the planned day
    assert (
        saved.preparation["voorbereiding.sterke_punten"].value == "Nauwkeurig en rustig bij drukte"
    )
    assert saved.employee.retirement_year == 2049


def test_start_employee_takes_it_without_asking(
    home: Path, keyboard: Callable[[dict[str, Any]], FakeAsk]
) -> None:
    session_id, _ = prepared()
    ask = keyboard({})
    ask.__class__ = _PauseAtConversation
    session = conversation.start(
        None, False, keyboard=lambda: ask, today=PLANNED, employee="An Peeters"
    ).session
    assert session.id == session_id
    assert not any(k.startswith("meta.") for k in ask.keys)
    assert store.load(session_id).status == "in_progress"


def test_start_can_decline_the_prepared_conversation(
    home: Path, keyboard: Callable[[dict[str, Any]], FakeAsk]
) -> None:
    session_id, _ = prepared()
    ask = keyboard({**META, "meta.use_prepared": False, "preparation.start": False})
    ask.__class__ = _PauseAtConversation
    session = conversation.start(None, False, keyboard=lambda: ask, today=PLANNED).session
    assert session.id != session_id
    assert store.load(session_id).status == "prepared"  # still waiting
    assert store.load(session.id).preparation == {}


def test_an_empty_preparation_is_offered_again_at_start(
    home: Path, keyboard: Callable[[dict[str, Any]], FakeAsk], tmp_path: Path
) -> None:
    answers = tmp_path / "voorbereiding.yaml"
    answers.write_text(
        "employee: {name: Bart Claes}\ninterviewer: {name: Marc Janssens}\n"
        "date: 2026-11-23\nphase: ervaren\n",
        encoding="utf-8",
    )
    # Preparing from a file that holds no preparation, with the keyboard skipping everything.
    session = preparing.prepare(answers=answers, today=TODAY, keyboard=lambda: FakeAsk({})).session
    store.save(store.load(session.id).model_copy(update={"preparation": {}}))
    ask = keyboard({"preparation.start": Nav.PAUSE})
    conversation.start(None, False, keyboard=lambda: ask, today=PLANNED, employee="Bart Claes")
    assert ask.keys == ["preparation.start"]


class _PauseAtConversation(FakeAsk):
    def __call__(self, ask: Ask) -> Any:
        if ask.key.startswith("kern.") or ask.key == "preparation.start":
            self.asked.append(ask)
            queue = self.replies.get(ask.key)
            return queue[0] if queue else Nav.PAUSE
        return super().__call__(ask)


# --- scriptable --------------------------------------------------------------------------

PREPARE_FILE = """\
employee: {name: An Peeters, role: boekhouder, service_start: 2021-03-01, retirement_year: 2049}
interviewer: {name: Marc Janssens, role: zaakvoerder}
date: 2026-11-23
phase: spitsuur
purposes: [groei_job]
preparation:
  voorbereiding.sterke_punten: Nauwkeurig
  voorbereiding.mogelijkheden_nu: Facturatie van een tweede klant
"""


def test_prepare_from_a_file(run: CliRun, tmp_path: Path) -> None:
    path = tmp_path / "voorbereiding.yaml"
    path.write_text(PREPARE_FILE, encoding="utf-8")
    result = run("prepare", "--answers", path, "--no-input", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    saved = store.load(data["id"])
    assert data["id"] == "2026-11-23-an-peeters"
    assert saved.status == "prepared" and saved.stage == "questions"
    assert saved.employee.service_start == dt.date(2021, 3, 1)
    listed = json.loads(run("list", "--json").stdout)
    assert listed[0]["status"] == "prepared"


def test_prepare_file_lists_everything_missing(run: CliRun, tmp_path: Path) -> None:
    path = tmp_path / "voorbereiding.yaml"
    path.write_text("employee: {name: An Peeters}\nphase: spitsuur\n", encoding="utf-8")
    result = run("prepare", "--answers", path, "--no-input")
    assert_fails(
        result,
        1,
        "ontbreekt: interviewer",
        "voorbereiding.sterke_punten",
        "voorbereiding.mogelijkheden_nu",
    )
    assert not (store.session_path("2026-11-23-an-peeters")).exists()


def test_prepare_without_terminal_says_what_to_use(run: CliRun) -> None:
    assert_fails(run("prepare"), 1, "terminal", "--answers")


def test_start_answers_completes_the_prepared_conversation(run: CliRun, tmp_path: Path) -> None:
    path = tmp_path / "voorbereiding.yaml"
    path.write_text(PREPARE_FILE, encoding="utf-8")
    prepared_id = json.loads(run("prepare", "--answers", path, "--no-input", "--json").stdout)["id"]
    result = run(
        "start", "--answers", FIXTURES / "answers" / "complete.yaml", "--no-input", "--json"
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["id"] == prepared_id
    saved = store.load(prepared_id)
    assert saved.status == "completed"
    assert saved.preparation["voorbereiding.sterke_punten"].value == "Nauwkeurig"
    assert saved.employee.retirement_year == 2049
    assert len(store.list_sessions().sessions) == 1


def test_prepare_names_what_is_still_open(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    session_id, _ = prepared(**{"voorbereiding.sterke_punten": Nav.SKIP})
    err = " ".join(capsys.readouterr().err.split())
    assert "Nog niet ingevuld" in err and "Waar is deze medewerker echt sterk in?" in err
    assert f"loopbaan prepare {session_id}" in err


def test_resume_of_a_prepared_conversation_picks_it_up(
    home: Path, keyboard: Callable[[dict[str, Any]], FakeAsk]
) -> None:
    session_id, _ = prepared()
    ask = keyboard({})
    ask.__class__ = _PauseAtConversation
    conversation.resume(session_id, keyboard=lambda: ask)
    saved = store.load(session_id)
    assert saved.status == "in_progress" and saved.date == dt.date.today()
    assert not any(k.startswith(("voorbereiding.", "meta.")) for k in ask.keys)


@pytest.mark.parametrize("prepare_now", [True, False])
def test_the_screen_is_cleared_between_the_preparation_and_the_first_question(
    home: Path,
    keyboard: Callable[[dict[str, Any]], FakeAsk],
    monkeypatch: pytest.MonkeyPatch,
    prepare_now: bool,
) -> None:
    """The owner's preparation never stays on screen above the employee's first question."""
    keyboard({})
    ask = _PauseAtConversation({**META, **PREPARATION, "preparation.start": prepare_now})
    conversation.start(None, False, keyboard=lambda: ask, today=PLANNED)
    asked = [a for a in ask.asked if a.key.startswith(("voorbereiding.", "kern."))]
    first_question = next(a for a in asked if a.key.startswith("kern."))
    if prepare_now:
        assert asked[0].key.startswith("voorbereiding.")
        assert "Draai het scherm nu naar de medewerker" in first_question.clear
    else:
        assert first_question.clear == ""
    assert all(a.clear == "" for a in asked if a is not first_question)


# --- the meeting: time, place and duration -----------------------------------------------


def test_prepare_asks_when_where_and_how_long(home: Path) -> None:
    session_id, ask = prepared(
        **{"meta.meeting_time": "14u30", "meta.meeting_place": "Vergaderzaal boven"}
    )
    keys = [key for key in ask.keys if key.startswith("meta.")]
    after_date = keys[keys.index("meta.date") + 1 :]
    assert after_date[:2] == ["meta.meeting_time", "meta.meeting_place"]
    assert keys[-1] == "meta.meeting_minutes"  # after the length, which suggests it
    [minutes] = [a for a in ask.asked if a.key == "meta.meeting_minutes"]
    assert minutes.default == 75 and minutes.suggested  # a full conversation
    meeting = store.load(session_id).meeting
    assert meeting is not None
    assert (meeting.time, meeting.place, meeting.minutes) == ("14:30", "Vergaderzaal boven", 75)


def test_a_short_conversation_suggests_45_minutes(home: Path) -> None:
    session_id, ask = prepared(**{"meta.short": "kort", "meta.meeting_time": "9:00"})
    [minutes] = [a for a in ask.asked if a.key == "meta.meeting_minutes"]
    assert minutes.default == 45
    meeting = store.load(session_id).meeting
    assert meeting is not None and (meeting.time, meeting.minutes) == ("09:00", 45)


def test_a_time_that_is_no_time_is_asked_again(home: Path) -> None:
    session_id, ask = prepared(
        **{"meta.meeting_time": Seq("na de middag", "14:00"), "meta.meeting_minutes": 60}
    )
    asks = [a for a in ask.asked if a.key == "meta.meeting_time"]
    assert len(asks) == 2 and "14:00" in asks[1].notice
    meeting = store.load(session_id).meeting
    assert meeting is not None and (meeting.time, meeting.minutes) == ("14:00", 60)


def test_prepare_from_a_file_with_the_meeting(run: CliRun, tmp_path: Path) -> None:
    path = tmp_path / "voorbereiding.yaml"
    # 14:00 unquoted is a number to YAML (840 minutes): read back as the time it was
    path.write_text(
        PREPARE_FILE + "meeting: {time: 14:00, place: De refter, minutes: 60}\n", encoding="utf-8"
    )
    result = run("prepare", "--answers", path, "--no-input", "--json")
    assert result.exit_code == 0, result.output
    meeting = store.load(json.loads(result.stdout)["id"]).meeting
    assert meeting is not None
    assert (meeting.time, meeting.place, meeting.minutes) == ("14:00", "De refter", 60)
    invitation = run("export", "2026-11-23-an-peeters", "--kind", "uitnodiging", "--format", "txt")
    text = " ".join(invitation.stdout.split())
    assert "maandag 23 november 2026 om 14 uur" in text
    assert "Waar: De refter" in text and "Duur: ongeveer 1 uur" in text
    ics = run("export", "2026-11-23-an-peeters", "--format", "ics").stdout
    assert "DTSTART;TZID=Europe/Brussels:20261123T140000" in ics
    assert "DTEND;TZID=Europe/Brussels:20261123T150000" in ics
    assert "LOCATION:De refter" in ics and "TRIGGER:-PT1H" in ics


def test_a_wrong_time_in_the_file_is_named_with_its_line(run: CliRun, tmp_path: Path) -> None:
    path = tmp_path / "voorbereiding.yaml"
    path.write_text(PREPARE_FILE + "meeting:\n  time: na de middag\n", encoding="utf-8")
    result = run("prepare", "--answers", path, "--no-input")
    assert_fails(result, 2, "voorbereiding.yaml:10", "geen uur", "14:00")


def test_without_meeting_details_nothing_is_stored(home: Path) -> None:
    session_id, _ = prepared(**{"meta.meeting_minutes": None})
    assert store.load(session_id).meeting is None


def test_a_file_with_a_time_but_no_duration_gets_the_expected_one(
    run: CliRun, tmp_path: Path
) -> None:
    path = tmp_path / "voorbereiding.yaml"
    path.write_text(PREPARE_FILE + "short: true\nmeeting: {time: '9:30'}\n", encoding="utf-8")
    result = run("prepare", "--answers", path, "--no-input", "--json")
    assert result.exit_code == 0, result.output
    meeting = store.load(json.loads(result.stdout)["id"]).meeting
    assert meeting is not None and (meeting.time, meeting.minutes) == ("09:30", 45)


def test_the_place_of_the_last_conversation_is_suggested(home: Path) -> None:
    prepared(**{"meta.meeting_place": "Vergaderzaal boven"})
    ask = FakeAsk({**META, **PREPARATION, "meta.employee": "Bart Claes"})
    preparing.prepare(today=TODAY, keyboard=lambda: ask)
    [place] = [a for a in ask.asked if a.key == "meta.meeting_place"]
    assert place.default == "Vergaderzaal boven" and place.suggested


def test_every_printed_next_step_works_when_pasted(
    run: CliRun, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The invitation, the calendar invitation for the meeting and the preparation sheet."""
    import shlex

    path = tmp_path / "voorbereiding.yaml"
    path.write_text(PREPARE_FILE + "meeting: {time: '14:00', place: De refter}\n", "utf-8")
    monkeypatch.chdir(tmp_path)
    said = run("prepare", "--answers", path, "--no-input")
    assert said.exit_code == 0, said.output
    commands = [
        shlex.split(line)[1:]  # without the program's name
        for line in said.stdout.splitlines()
        if line.strip().startswith(("loopbaan ", "python"))
    ]
    assert len(commands) == 4, said.stdout
    assert any("ics" in words for words in commands), said.stdout  # the meeting for the calendar
    for words in commands:
        words = words[words.index("loopbaan_cli") + 1 :] if "loopbaan_cli" in words else words
        if words[0] == "start":
            assert run(*words, "--help").exit_code == 0, words  # it asks questions: its options
            continue
        done = run(*words)
        assert done.exit_code == 0, (words, done.output)
    agenda = (tmp_path / "agenda-2026-11-23-an-peeters.ics").read_text(encoding="utf-8")
    assert "DTSTART;TZID=Europe/Brussels:20261123T140000" in agenda
    assert (tmp_path / "uitnodiging-2026-11-23-an-peeters.md").is_file()


def test_many_prepared_conversations_name_the_soonest_five_and_count_the_rest(home: Path) -> None:
    """Above the name prompt: who has a preparation waiting, never a wall of names."""
    from helpers import make_session, write_session

    from loopbaan_cli.app.handover import offer_prepared
    from loopbaan_cli.sessions.model import Employee

    names = ["Els", "Bart", "Ann", "Jan", "Mia", "Tom", "Lien", "Wout"]
    for n, name in enumerate(names):
        day = dt.date(2026, 12, 10) + dt.timedelta(days=n)
        session = make_session(
            id=f"{day.isoformat()}-{name.lower()}",
            status="prepared",
            stage="questions",
            date=day,
            employee=Employee(name=f"{name} Peeters"),
        )
        write_session(home, session)
    ask = FakeAsk({"meta.employee": ""})
    offer_prepared(ask)(Ask("meta.employee", "Naam van de medewerker", "text"))
    notice = ask.asked[0].notice
    assert "Els Peeters, Bart Peeters, Ann Peeters, Jan Peeters, Mia Peeters en nog 3" in notice
    assert "Wout" not in notice
