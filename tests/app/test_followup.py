"""`loopbaan followup`, and the history `show` and `list --employee` give."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from helpers import CliRun, FakeAsk, Seq, assert_fails, make_session, write_session

from loopbaan_cli.app import followup
from loopbaan_cli.conversation.asking import ADD, DONE, Interrupt, MenuChoice, Nav
from loopbaan_cli.cycle import history
from loopbaan_cli.kernel.errors import Interrupted
from loopbaan_cli.sessions import store
from loopbaan_cli.sessions.model import Agreement, FollowUp, Session

TODAY = dt.date(2027, 2, 22)
SESSION_ID = "2026-11-22-an-peeters"


@pytest.fixture
def conversation(home: Path) -> Session:
    session = make_session(
        agreements=[
            Agreement(
                action="opleiding",
                action_title="Opleiding",
                what="Cursus boekhouden volgen",
                owner="An Peeters",
                due=dt.date(2027, 2, 1),
            ),
            Agreement(what="Meelopen met de planner", owner="An Peeters", due=dt.date(2027, 4, 1)),
        ],
        followups=[FollowUp(date=dt.date(2027, 2, 22)), FollowUp(date=dt.date(2027, 5, 21))],
    )
    write_session(home, session)
    return session


FULL = {
    "followup.date": TODAY,
    "followup.progress.1.status": "klaar",
    "followup.progress.1.remark": "Attest behaald in januari",
    "followup.progress.2.status": "vast",
    "followup.progress.2.remark": "De planner had geen tijd",
    "followup.difficulties": "Drukke periode met de jaarafsluiting",
    "followup.successes": "Eerste aangifte alleen gedaan",
    "followup.agreements": Seq(ADD, DONE),
    "agreement.action": "meelopen",
    "agreement.what": "Een dag meelopen met de boekhouder van de partner",
    "agreement.due": dt.date(2027, 6, 1),
    "followup.next": dt.date(2027, 5, 21),
}


def test_a_whole_check_in_is_stored_with_the_conversation(conversation: Session) -> None:
    ask = FakeAsk(FULL)
    result = followup.followup(SESSION_ID, today=TODAY, keyboard=lambda: ask)
    assert not result.paused
    saved = store.load(SESSION_ID)
    [checkin] = saved.checkins
    assert checkin.status == "completed" and checkin.date == TODAY
    assert [(p.number, p.status, p.remark) for p in checkin.progress] == [
        (1, "klaar", "Attest behaald in januari"),
        (2, "vast", "De planner had geen tijd"),
    ]
    assert checkin.difficulties == "Drukke periode met de jaarafsluiting"
    assert checkin.successes == "Eerste aangifte alleen gedaan"
    assert checkin.next == dt.date(2027, 5, 21)
    # The new agreement joins the conversation's own list; the old ones are untouched.
    assert [a.what for a in saved.agreements] == [
        "Cursus boekhouden volgen",
        "Meelopen met de planner",
        "Een dag meelopen met de boekhouder van de partner",
    ]
    assert saved.agreements[2].action_title and checkin.added == [3]
    # The agreement is shown above its question, with its deadline.
    status_ask = next(a for a in ask.asked if a.key == "followup.progress.1.status")
    assert "Cursus boekhouden volgen" in status_ask.display and "01-02-2027" in status_ask.display


def test_the_next_check_in_skips_what_is_done(conversation: Session) -> None:
    followup.followup(SESSION_ID, today=TODAY, keyboard=lambda: FakeAsk(FULL))
    ask = FakeAsk({"followup.progress.2.status": "loopt", "followup.next": Nav.SKIP})
    followup.followup(SESSION_ID, today=dt.date(2027, 5, 21), keyboard=lambda: ask)
    assert "followup.progress.1.status" not in ask.keys  # done last time
    asked_two = next(a for a in ask.asked if a.key == "followup.progress.2.status")
    assert asked_two.default == "vast"  # last time's status is proposed
    assert "zit vast" in asked_two.display
    asked_three = next(a for a in ask.asked if a.key == "followup.progress.3.status")
    assert asked_three.default == "loopt"  # never rated: a hasty Enter does not mark it done
    saved = store.load(SESSION_ID)
    assert len(saved.checkins) == 2 and saved.checkins[1].next is None
    rows = history.agreement_rows(saved)
    assert [(r["number"], r["status"]) for r in rows] == [(1, "klaar"), (2, "loopt"), (3, "loopt")]


def test_ctrl_c_saves_what_was_typed_and_resume_goes_on_there(
    conversation: Session, capsys: pytest.CaptureFixture[str]
) -> None:
    replies = dict(FULL)
    replies["followup.difficulties"] = Interrupt("Half getypt over de drukte")
    with pytest.raises(Interrupted) as info:
        followup.followup(SESSION_ID, today=TODAY, keyboard=lambda: FakeAsk(replies))
    assert info.value.exit_code == 130
    assert info.value.hint == f"Verder met: loopbaan followup {SESSION_ID}"
    saved = store.load(SESSION_ID)
    [checkin] = saved.checkins
    assert checkin.status == "in_progress" and checkin.position == "difficulties"
    assert checkin.difficulties == "Half getypt over de drukte"
    assert checkin.progress[0].status == "klaar"  # answered before Ctrl-C: on disk
    assert not list((Path(store.session_path(SESSION_ID)).parent).glob("*.lock"))

    # Going on (no id: the unfinished check-in is found) starts at the same question.
    ask = FakeAsk(FULL)
    followup.followup(None, today=TODAY, keyboard=lambda: ask)
    assert ask.keys[0] == "followup.difficulties"
    assert ask.asked[0].default == "Half getypt over de drukte"
    assert store.load(SESSION_ID).checkins[0].status == "completed"


def test_pause_keeps_the_place(conversation: Session, capsys: pytest.CaptureFixture[str]) -> None:
    replies = dict(FULL)
    replies["followup.successes"] = Nav.PAUSE
    result = followup.followup(SESSION_ID, today=TODAY, keyboard=lambda: FakeAsk(replies))
    assert result.paused
    assert f"loopbaan followup {SESSION_ID}" in capsys.readouterr().out
    assert store.load(SESSION_ID).checkins[0].position == "successes"


def test_back_goes_to_the_previous_question(conversation: Session) -> None:
    replies = dict(FULL)
    replies["followup.progress.2.status"] = Seq(Nav.BACK, "loopt")
    replies["followup.progress.1.remark"] = Seq("Eerste versie", "Tweede versie")
    followup.followup(SESSION_ID, today=TODAY, keyboard=lambda: FakeAsk(replies))
    assert store.load(SESSION_ID).checkins[0].progress[0].remark == "Tweede versie"


def test_changing_an_agreement_keeps_what_it_said(conversation: Session) -> None:
    replies = dict(FULL)
    replies["followup.agreements"] = Seq(MenuChoice.change(1), DONE)
    replies["agreement.action"] = "eigen"
    replies["agreement.what"] = "Meelopen met de planner, twee halve dagen"
    followup.followup(SESSION_ID, today=TODAY, keyboard=lambda: FakeAsk(replies))
    saved = store.load(SESSION_ID)
    assert saved.agreements[1].what == "Meelopen met de planner, twee halve dagen"
    assert saved.checkins[0].changed == [2]
    assert saved.checkins[0].progress[1].what == "Meelopen met de planner"


def test_followup_needs_a_completed_conversation(run: CliRun, home: Path) -> None:
    write_session(home, make_session(status="in_progress", stage="questions"))
    result = run("followup", SESSION_ID, "--answers", "x.yaml", "--no-input")
    assert_fails(result, 1, "nog niet afgerond", f"loopbaan resume {SESSION_ID}")


def test_followup_without_terminal_says_what_to_use(run: CliRun, conversation: Session) -> None:
    assert_fails(run("followup"), 1, "terminal", "--answers")


# --- the answers file -------------------------------------------------------------


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "opvolging.yaml"
    path.write_text(text, encoding="utf-8")
    return path


ANSWERS = """\
date: 2027-02-22
progress:
  1: {status: klaar, remark: Attest behaald}
  2: zit vast
difficulties: Drukke periode
successes: Eerste aangifte alleen gedaan
new_agreements:
  - action: meelopen
    what: Een dag meelopen bij de partner
    due: 2027-06-01
next: 2027-05-21
"""


def test_answers_file_without_input(run: CliRun, conversation: Session, tmp_path: Path) -> None:
    result = run("followup", SESSION_ID, "--answers", write(tmp_path, ANSWERS), "--no-input")
    assert result.exit_code == 0, result.output
    assert "Opvolging van 22-02-2027 bewaard" in result.stdout
    saved = store.load(SESSION_ID)
    [checkin] = saved.checkins
    assert checkin.status == "completed"
    assert [(p.status, p.remark) for p in checkin.progress] == [
        ("klaar", "Attest behaald"),
        ("vast", ""),
    ]
    assert checkin.next == dt.date(2027, 5, 21) and checkin.added == [3]
    assert saved.agreements[2].action_title  # the catalogue's title is filled in


def test_answers_file_errors_point_at_the_line(
    run: CliRun, conversation: Session, tmp_path: Path
) -> None:
    text = "date: 2027-02-22\nprogress:\n  1: {status: bijna}\n  7: klaar\n"
    result = run("followup", SESSION_ID, "--answers", write(tmp_path, text), "--no-input")
    assert_fails(result, 1, "opvolging.yaml:3:", "'bijna' is geen stand", "afspraak 7 bestaat niet")
    assert store.load(SESSION_ID).checkins == []  # nothing saved


def test_answers_file_missing_status(run: CliRun, conversation: Session, tmp_path: Path) -> None:
    text = "date: 2027-02-22\nprogress:\n  1: klaar\n"
    result = run("followup", SESSION_ID, "--answers", write(tmp_path, text), "--no-input")
    assert_fails(result, 1, "ontbreekt: progress: 2: status", "Meelopen met de planner")


def test_answers_file_asks_only_what_is_missing(conversation: Session, tmp_path: Path) -> None:
    text = (
        "date: 2027-02-22\nprogress:\n"
        "  1: {status: klaar, remark: ok}\n  2: {status: loopt, remark: bezig}\n"
    )
    ask = FakeAsk({})
    followup.followup(SESSION_ID, write(tmp_path, text), today=TODAY, keyboard=lambda: ask)
    assert ask.keys == [
        "followup.difficulties",
        "followup.successes",
        "followup.agreements",
        "followup.next",
    ]


# --- history: show, list --employee, previous agreements --------------------------------


@pytest.fixture
def two_conversations(home: Path, conversation: Session) -> Session:
    followup.followup(SESSION_ID, today=TODAY, keyboard=lambda: FakeAsk(FULL))
    later = make_session(
        id="2029-11-20-an-peeters",
        date=dt.date(2029, 11, 20),
        created=dt.datetime(2029, 11, 20, 10),
        employee={"name": "an  PEETERS"},
        agreements=[Agreement(what="Nieuwe afspraak")],
    )
    write_session(home, later)
    other = make_session(id="2029-11-21-jan-janssens", employee={"name": "Jan Janssens"})
    write_session(home, other)
    return later


def test_show_gives_the_check_ins_and_earlier_conversations(
    run: CliRun, two_conversations: Session
) -> None:
    first = " ".join(run("show", SESSION_ID).stdout.split())
    assert "Opvolging van 22-02-2027" in first
    assert "zit vast" in first and "De planner had geen tijd" in first
    assert "Volgende opvolgmoment: 21-05-2027" in first
    assert "Geen eerdere gesprekken met An Peeters" in first
    later = " ".join(run("show", two_conversations.id).stdout.split())
    assert f"Eerder gesprek met an PEETERS: 22-11-2026 ({SESSION_ID})" in later
    # table cells wrap: look for the words
    for words in ("klaar (22-02-2027): Attest", "zit vast (22-02-2027): De", "nog niet opgevolgd"):
        assert words in later, words


def test_previous_agreements_for_the_export(two_conversations: Session) -> None:
    [previous] = history.previous_agreements(store.list_sessions().sessions, two_conversations)
    assert previous["id"] == SESSION_ID
    assert [(a["what"], a["status_label"]) for a in previous["agreements"]] == [
        ("Cursus boekhouden volgen", "klaar"),
        ("Meelopen met de planner", "zit vast"),
        ("Een dag meelopen met de boekhouder van de partner", "nog niet opgevolgd"),
    ]
    assert history.previous_agreements(store.list_sessions().sessions, store.load(SESSION_ID)) == []


def test_list_employee_ignores_case_and_spacing(run: CliRun, two_conversations: Session) -> None:
    import json

    ids = [
        row["id"] for row in json.loads(run("list", "--employee", "AN  peeters", "--json").stdout)
    ]
    assert ids == ["2029-11-20-an-peeters", SESSION_ID]
    table = run("list", "--employee", "jan janssens").stdout
    assert "Jan Janssens" in table and "an-peeters" not in table


def test_previous_section_in_markdown(two_conversations: Session) -> None:
    from loopbaan_cli.app.export import previous_for
    from loopbaan_cli.documents.render import render

    text = render(two_conversations, "afspraken", "md", previous=previous_for(two_conversations))
    assert "## Wat we de vorige keer afspraken en hoe het liep" in text
    assert "Uit het loopbaangesprek van 22 november 2026" in text
    assert "1. Cursus boekhouden volgen, tegen 1 februari 2027. *Hoe het liep:* klaar" in text
    assert "zit vast (opvolging van 22 februari 2027): De planner had geen tijd" in text
    first = store.load(SESSION_ID)
    assert "vorige keer" not in render(first, "afspraken", "md", previous=previous_for(first))


def test_markdown_export_tells_what_became_of_last_times_agreements(tmp_path: Path) -> None:
    """The next agreement starts with how the previous agreements went."""
    from typer.testing import CliRunner

    from loopbaan_cli.cli.app import app

    runner = CliRunner()
    base = (
        "employee: {name: An Peeters}\ninterviewer: {name: Jan Claes}\nphase: spitsuur\n"
        "conclusion: groei_huidige_job\n"
    )
    old = tmp_path / "old.yaml"
    old.write_text(
        base + "date: 2023-11-20\nagreements:\n  - {action: opleiding, what: Cursus Excel}\n"
    )
    new = tmp_path / "new.yaml"
    new.write_text(base + "date: 2026-11-22\n")
    checkin = tmp_path / "fu.yaml"
    checkin.write_text(
        'date: 2024-03-01\nprogress:\n  1: {status: klaar, remark: "Certificaat behaald"}\n'
    )
    assert runner.invoke(app, ["start", "--answers", str(old), "--no-input"]).exit_code == 0
    assert runner.invoke(app, ["followup", "--answers", str(checkin), "--no-input"]).exit_code == 0
    assert runner.invoke(app, ["start", "--answers", str(new), "--no-input"]).exit_code == 0

    result = runner.invoke(app, ["export", "2026-11-22-an-peeters"])

    assert result.exit_code == 0
    assert "Wat we de vorige keer afspraken en hoe het liep" in result.stdout
    assert "Cursus Excel" in result.stdout
    assert "klaar (opvolging van 1 maart 2024): Certificaat behaald" in result.stdout
    first = runner.invoke(app, ["export", "2023-11-20-an-peeters"])
    assert "vorige keer" not in first.stdout
