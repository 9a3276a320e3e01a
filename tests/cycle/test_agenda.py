"""`loopbaan agenda`: what is due and what is late, across all employees."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from helpers import CliRun, assert_fails, make_session, write_session

from loopbaan_cli.app import agenda as planner
from loopbaan_cli.cli.views.agenda import when
from loopbaan_cli.cycle import agenda
from loopbaan_cli.kernel import yamlio
from loopbaan_cli.sessions import store
from loopbaan_cli.sessions.model import (
    Agreement,
    AgreementProgress,
    AnswerRecord,
    CheckIn,
    Employee,
    FollowUp,
    Session,
)

TODAY = dt.date(2027, 3, 1)


def conversation(name: str, day: dt.date, **changes: object) -> Session:
    slug = name.lower().replace(" ", "-").replace("é", "e")
    data: dict[str, object] = {
        "id": f"{day.isoformat()}-{slug}",
        "employee": Employee(name=name),
        "date": day,
        "created": dt.datetime.combine(day, dt.time(10)),
        "updated": dt.datetime.combine(day, dt.time(11)),
        "agreements": [],
        "followups": [],
        "next_conversation": None,
    }
    data.update(changes)
    return make_session(**data)


@pytest.fixture
def team(home: Path) -> dict[str, Session]:
    """Seven employees, each showing one rule of the agenda."""
    sessions = {
        # No check-in yet: a follow-up moment late, one coming, a deadline late.
        "an": conversation(
            "An Peeters",
            dt.date(2026, 11, 22),
            agreements=[Agreement(what="Cursus boekhouden volgen", due=dt.date(2027, 2, 1))],
            followups=[FollowUp(date=dt.date(2027, 2, 22)), FollowUp(date=dt.date(2027, 5, 21))],
            next_conversation=dt.date(2029, 11, 22),
        ),
        # A check-in held the first moment; one agreement done, one stuck.
        "bart": conversation(
            "Bart Claes",
            dt.date(2026, 11, 10),
            agreements=[
                Agreement(what="Meelopen met de planner", due=dt.date(2027, 2, 1)),
                Agreement(what="Heftruckattest halen", due=dt.date(2027, 3, 10)),
            ],
            followups=[FollowUp(date=dt.date(2027, 2, 22))],
            next_conversation=dt.date(2029, 11, 10),
            checkins=[
                CheckIn(
                    date=dt.date(2027, 2, 20),
                    status="completed",
                    progress=[
                        AgreementProgress(number=1, what="Meelopen", status="klaar"),
                        AgreementProgress(number=2, what="Heftruck", status="vast"),
                    ],
                    next=dt.date(2027, 4, 15),
                )
            ],
        ),
        # The last conversation is more than three years ago; an older one is superseded.
        "chloe_old": conversation(
            "Chloé Dubois",
            dt.date(2020, 1, 10),
            agreements=[Agreement(what="Oude afspraak", due=dt.date(2020, 6, 1))],
            followups=[FollowUp(date=dt.date(2020, 4, 1))],
        ),
        "chloe": conversation("Chloé Dubois", dt.date(2023, 1, 10)),
        # Five years of service soon.
        "dirk": conversation(
            "Dirk Maes",
            dt.date(2026, 6, 1),
            employee=Employee(name="Dirk Maes", service_start=dt.date(2022, 4, 1)),
            next_conversation=dt.date(2029, 6, 1),
        ),
        # Five years before retirement, but a conversation was just held: nothing due.
        "els": conversation(
            "Els Wouters",
            dt.date(2026, 9, 1),
            employee=Employee(name="Els Wouters", retirement_year=2032),
            next_conversation=dt.date(2029, 9, 1),
        ),
        # A conversation is prepared: it is listed, no new one is due.
        "filip_old": conversation("Filip Jacobs", dt.date(2023, 2, 1)),
        "filip": conversation(
            "Filip Jacobs", dt.date(2027, 3, 8), status="prepared", stage="questions"
        ),
        # Far away: only with --all.
        "greet": conversation(
            "Greet Smets",
            dt.date(2027, 1, 15),
            followups=[FollowUp(date=dt.date(2027, 12, 1))],
            next_conversation=dt.date(2030, 1, 15),
        ),
    }
    for session in sessions.values():
        write_session(home, session)
    return sessions


def rows(items: list[agenda.Item]) -> list[tuple[str, str, str, bool]]:
    return [(i.date.isoformat(), i.employee, i.kind, i.overdue) for i in items]


def test_agenda_lists_late_and_coming_items_soonest_first(team: dict[str, Session]) -> None:
    result = planner.agenda(today=TODAY)
    assert rows(result.items) == [
        ("2026-01-10", "Chloé Dubois", "conversation", True),  # 3 years after 2023-01-10
        ("2027-02-01", "An Peeters", "deadline", True),
        ("2027-02-22", "An Peeters", "followup", True),
        ("2027-03-08", "Filip Jacobs", "prepared", False),
        ("2027-03-10", "Bart Claes", "deadline", False),  # stuck, not done: still listed
        ("2027-04-01", "Dirk Maes", "conversation", False),  # 5 years of service
        ("2027-04-15", "Bart Claes", "followup", False),  # the check-in's next moment
        ("2027-05-21", "An Peeters", "followup", False),
    ]
    by_key = {(i.employee, i.kind, i.date): i for i in result.items}
    stuck = by_key[("Bart Claes", "deadline", dt.date(2027, 3, 10))]
    assert "Heftruckattest halen" in stuck.what and "zit vast" in stuck.what
    assert stuck.command == "loopbaan followup 2026-11-10-bart-claes"
    assert "5 jaar in dienst" in by_key[("Dirk Maes", "conversation", dt.date(2027, 4, 1))].what
    assert by_key[("Chloé Dubois", "conversation", dt.date(2026, 1, 10))].command == (
        "loopbaan prepare --employee 'Chloé Dubois'"
    )
    assert by_key[("Filip Jacobs", "prepared", dt.date(2027, 3, 8))].command == (
        "loopbaan start --employee 'Filip Jacobs'"
    )


def test_done_agreements_held_moments_and_old_conversations_are_not_listed(
    team: dict[str, Session],
) -> None:
    whats = " | ".join(i.what for i in planner.agenda(show_all=True, today=TODAY).items)
    assert "Meelopen met de planner" not in whats  # done at the check-in
    assert "Oude afspraak" not in whats  # superseded by the 2023 conversation
    bart = [
        i for i in planner.agenda(show_all=True, today=TODAY).items if i.employee == "Bart Claes"
    ]
    assert dt.date(2027, 2, 22) not in [i.date for i in bart]  # held on 20 February
    els = [
        i for i in planner.agenda(show_all=True, today=TODAY).items if i.employee == "Els Wouters"
    ]
    assert [i.what for i in els] == ["Nieuw loopbaangesprek (het vorige: 01-09-2026)"]


def test_all_shows_what_is_further_away(team: dict[str, Session]) -> None:
    default = planner.agenda(today=TODAY).items
    everything = planner.agenda(show_all=True, today=TODAY).items
    assert all(i.date <= TODAY + dt.timedelta(days=90) for i in default)
    assert ("2027-12-01", "Greet Smets", "followup", False) in rows(everything)
    assert ("2029-11-22", "An Peeters", "conversation", False) in rows(everything)
    assert [i.date for i in everything] == sorted(i.date for i in everything)


def test_interval_from_config_and_option(team: dict[str, Session], home: Path) -> None:
    (home / "config.yaml").write_text("interval_years: 2\n", encoding="utf-8")
    chloe = [i for i in planner.agenda(today=TODAY).items if i.employee == "Chloé Dubois"]
    assert [i.date for i in chloe] == [dt.date(2025, 1, 10)]
    # An agreed date wins over the interval; the option wins over the file.
    chloe = [
        i
        for i in planner.agenda(show_all=True, interval=5, today=TODAY).items
        if i.employee == "Chloé Dubois"
    ]
    assert [i.date for i in chloe] == [dt.date(2028, 1, 10)]


def test_bad_config_names_file_and_line(run: CliRun, team: dict[str, Session], home: Path) -> None:
    (home / "config.yaml").write_text("# instellingen\ninterval_years: drie\n", encoding="utf-8")
    result = run("agenda")
    assert_fails(result, 2, "config.yaml:2:", "interval_years")


def test_cli_agenda_table_and_json(run: CliRun, home: Path) -> None:
    today = dt.date.today()
    write_session(
        home,
        conversation(
            "An Peeters",
            today - dt.timedelta(days=60),
            followups=[FollowUp(date=today - dt.timedelta(days=3))],
            agreements=[Agreement(what="Cursus volgen", due=today + dt.timedelta(days=10))],
            next_conversation=today + dt.timedelta(days=1000),
        ),
    )
    result = run("agenda")
    assert result.exit_code == 0, result.output
    out = " ".join(result.stdout.split())
    assert "3 dagen te laat" in out
    assert "over 10 dagen" in out
    assert "loopbaan followup" in out
    assert "1 te laat" in out
    data = json.loads(run("agenda", "--json").stdout)
    assert [d["kind"] for d in data] == ["followup", "deadline"]
    assert set(data[0]) == {
        "date",
        "kind",
        "employee",
        "employee_id",
        "session",
        "what",
        "overdue",
        "command",
    }
    assert data[0]["overdue"] is True and data[1]["overdue"] is False
    assert data[0]["command"] == f"loopbaan followup {data[0]['session']}"
    everything = json.loads(run("agenda", "--all", "--json").stdout)
    assert everything[-1]["kind"] == "conversation"


def test_an_interrupted_conversation_is_on_the_agenda_with_the_command_to_resume(
    run: CliRun, home: Path
) -> None:
    # begun a month ago, interrupted, and nothing else is due for a long time
    old = conversation("Sofie Claes", TODAY - dt.timedelta(days=400), next_conversation=None)
    paused = conversation(
        "Sofie Claes", TODAY - dt.timedelta(days=30), status="in_progress", stage="questions"
    )
    for session in (old, paused):
        write_session(home, session)
    items = agenda.build([store.view(paused.id), store.view(old.id)], TODAY)
    assert rows(items) == [
        ((TODAY - dt.timedelta(days=30)).isoformat(), "Sofie Claes", "paused", True)
    ]
    assert items[0].command == f"loopbaan resume {paused.id}"
    # not pushed out by the 90-day window either, however long ago it was begun
    later = agenda.build([store.view(paused.id)], TODAY + dt.timedelta(days=800))
    assert [i.kind for i in later] == ["paused"]
    shown = " ".join(run("agenda").stdout.split())
    assert f"loopbaan resume {paused.id}" in shown
    assert "Onderbroken" in shown


def test_empty_agenda_says_so(run: CliRun) -> None:
    result = run("agenda")
    assert result.exit_code == 0
    assert "Niets te doen" in result.stdout


@pytest.mark.slow
def test_agenda_over_2000_sessions_lists_each_person_once(home: Path) -> None:
    """2,000 realistic files (40 answers each): the agenda takes less than two seconds."""
    answers = {
        f"kern.vraag_{n}": AnswerRecord(
            question="Wat wil je de komende jaren nog leren, en wat heb je daarvoor nodig?",
            section="Hoe het vandaag gaat",
            value="Een antwoord van een paar zinnen, zoals ze in een echt gesprek vallen. " * 3,
            note="Een notitie",
        )
        for n in range(40)
    }
    base = conversation(
        "Persoon Nul",
        dt.date(2026, 1, 5),
        answers=answers,
        agreements=[Agreement(what="Een opleiding volgen", due=dt.date(2027, 2, 1))],
        followups=[FollowUp(date=dt.date(2027, 2, 22))],
    )
    text = yamlio.dump(base.model_dump(mode="python"))
    folder = home / "sessions"
    folder.mkdir(parents=True)
    for n in range(2000):
        session_id = f"2026-01-05-persoon-{n}"
        body = text.replace("2026-01-05-persoon-nul", session_id).replace(
            "name: Persoon Nul", f"name: Persoon {n}"
        )
        (folder / f"{session_id}.yaml").write_text(body, encoding="utf-8")
    # How fast this is, is measured in scripts/bench.py; here: every person, once.
    result = planner.agenda(today=TODAY)
    assert len({i.employee for i in result.items}) == 2000
    assert all(i.overdue for i in result.items)


@pytest.mark.parametrize(
    ("days", "words"),
    [
        (-1, "1 dag te laat"),
        (-45, "45 dagen te laat"),
        (-400, "13 maanden te laat"),
        (0, "vandaag"),
        (1, "morgen"),
        (20, "over 20 dagen"),
        (1096, "over 3 jaar"),
    ],
)
def test_when_in_words(days: int, words: str) -> None:
    assert when(TODAY + dt.timedelta(days=days), TODAY) == words
