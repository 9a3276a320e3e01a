"""Who a conversation is with goes through the register: start, prepare, answers files, agenda."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from helpers import CliRun, FakeAsk, assert_fails, make_session, write_session

from loopbaan_cli.app import start as conversation
from loopbaan_cli.conversation.asking import Ask, Nav
from loopbaan_cli.sessions import employees, store

TODAY = dt.date(2026, 11, 16)
META = {
    "meta.interviewer": "Marc Janssens",
    "meta.interviewer_role": "zaakvoerder",
    "meta.phase": "spitsuur",
    "meta.purposes": ["groei_job"],
    "preparation.start": False,
}


class UntilTheQuestions(FakeAsk):
    """Who and when as given; the conversation itself is paused at its first question."""

    def __call__(self, ask: Ask) -> Any:
        if ask.key.startswith("kern."):
            self.asked.append(ask)
            return Nav.PAUSE
        return super().__call__(ask)


def start(**replies: Any) -> tuple[Any, UntilTheQuestions]:
    ask = UntilTheQuestions({**META, **replies})
    session = conversation.start(None, False, keyboard=lambda: ask, today=TODAY).session
    return store.load(session.id), ask


def question(ask: FakeAsk, key: str) -> Ask:
    return next(a for a in ask.asked if a.key == key)


def test_a_new_employee_is_registered_with_the_service_start_start_now_asks(home: Path) -> None:
    session, ask = start(
        **{"meta.employee": "Els Wouters", "meta.service_start": dt.date(2019, 9, 2)}
    )
    assert "meta.service_start" in ask.keys, "start asks the service start (issue 12)"
    entry = employees.by_id(session.employee.id)
    assert (entry.name, entry.service_start) == ("Els Wouters", dt.date(2019, 9, 2))
    assert session.employee.service_start == dt.date(2019, 9, 2)


def test_the_same_name_is_the_same_employee_with_what_the_register_knows(home: Path) -> None:
    known = employees.add("Sofie Claes", "verkoopster", dt.date(2018, 5, 1), 2050)
    session, ask = start(**{"meta.employee": "sofie  CLAES"})
    assert session.employee.id == known.id
    assert session.employee.name == "Sofie Claes"  # as the register spells it
    assert question(ask, "meta.role").default == "verkoopster"
    assert question(ask, "meta.service_start").default == dt.date(2018, 5, 1)
    assert session.employee.retirement_year == 2050
    assert len(employees.read()) == 1


def test_a_change_during_start_updates_the_register(home: Path) -> None:
    known = employees.add("Sofie Claes", "verkoopster")
    start(**{"meta.employee": "Sofie Claes", "meta.role": "winkelverantwoordelijke"})
    assert employees.by_id(known.id).role == "winkelverantwoordelijke"


def test_two_employees_with_one_name_are_chosen_from(home: Path) -> None:
    cook = employees.add("Jan Peeters", "kok")
    driver = employees.add("Jan Peeters", "chauffeur")
    session, ask = start(**{"meta.employee": "Jan Peeters", "meta.employee_which": driver.id})
    which = question(ask, "meta.employee_which")
    assert {c.value for c in which.choices} == {cook.id, driver.id, "nieuw"}
    assert "Jan Peeters (chauffeur)" in {c.label for c in which.choices}
    assert session.employee.id == driver.id
    # or someone else again with that name
    third, _ = start(**{"meta.employee": "Jan Peeters", "meta.employee_which": "nieuw"})
    assert third.employee.id not in (cook.id, driver.id)
    assert len(employees.read().named("jan peeters")) == 3


@pytest.mark.parametrize("accept", [True, False])
def test_a_close_name_is_offered_never_merged_by_itself(home: Path, accept: bool) -> None:
    chloe = employees.add("Chloé Dubois", "verkoopster")
    session, ask = start(**{"meta.employee": "Chloe Dubois", "meta.employee_close": accept})
    offer = question(ask, "meta.employee_close")
    assert offer.text == "Bedoel je Chloé Dubois (verkoopster)?"
    assert offer.default is False, "pressing Enter never merges two people"
    assert (session.employee.id == chloe.id) is accept
    assert len(employees.read()) == (1 if accept else 2)


# --- scripted ---------------------------------------------------------------------------

ANSWERS = """\
{who}
interviewer: {{name: Marc Janssens}}
date: 2026-11-22
phase: spitsuur
conclusion: groei_huidige_job
"""


def answers(tmp_path: Path, who: str) -> Path:
    path = tmp_path / "antwoorden.yaml"
    path.write_text(ANSWERS.format(who=who), encoding="utf-8")
    return path


def test_an_answers_file_names_the_employee_by_id(run: CliRun, home: Path, tmp_path: Path) -> None:
    cook = employees.add("Jan Peeters", "kok", dt.date(2015, 1, 5))
    employees.add("Jan Peeters", "chauffeur")
    result = run("start", "--answers", answers(tmp_path, f"employee_id: {cook.id}"), "--no-input")
    assert result.exit_code == 0, result.output
    (session,) = store.list_sessions(employee=cook.id).sessions
    assert (session.employee.name, session.employee.role) == ("Jan Peeters", "kok")
    assert session.employee.service_start == dt.date(2015, 1, 5)


def test_an_answers_file_with_a_shared_name_is_refused_with_the_ids(
    run: CliRun, home: Path, tmp_path: Path
) -> None:
    cook, driver = employees.add("Jan Peeters", "kok"), employees.add("Jan Peeters", "chauffeur")
    path = answers(tmp_path, "employee: {name: jan peeters}")
    assert_fails(
        run("start", "--answers", path, "--no-input"), 1, cook.id, driver.id, "employee_id"
    )
    assert not (home / "sessions").exists() or not list((home / "sessions").glob("*.yaml"))


def test_an_answers_file_with_an_unknown_id_is_refused(
    run: CliRun, home: Path, tmp_path: Path
) -> None:
    path = answers(tmp_path, "employee_id: mw-zzzzzz")
    assert_fails(run("start", "--answers", path, "--no-input"), 1, "mw-zzzzzz", "register")


def test_an_answers_file_with_a_close_name_warns_and_makes_a_new_employee(
    run: CliRun, home: Path, tmp_path: Path
) -> None:
    chloe = employees.add("Chloé Dubois", "verkoopster")
    result = run(
        "start", "--answers", answers(tmp_path, "employee: {name: Chloe Dubois}"), "--no-input"
    )
    assert result.exit_code == 0, result.output
    assert "Chloé Dubois" in result.stderr and chloe.id in result.stderr
    assert "nieuwe medewerker" in result.stderr
    assert store.list_sessions(employee=chloe.id).sessions == []
    assert len(employees.read()) == 2


def test_a_scripted_start_never_takes_over_another_persons_prepared_conversation(
    run: CliRun, home: Path, tmp_path: Path
) -> None:
    """李明 and 王芳 were one slug: 王芳's scripted start took 李明's preparation."""
    li = employees.add("李明", "kok")
    prepared = make_session(
        id="2026-11-22-medewerker",
        status="prepared",
        stage="questions",
        employee={"id": li.id, "name": "李明", "role": "kok"},
        answers={},
        agreements=[],
        conclusion=None,
    )
    write_session(home, prepared)
    before = (home / "sessions" / "2026-11-22-medewerker.yaml").read_bytes()
    result = run("start", "--answers", answers(tmp_path, "employee: {name: 王芳}"), "--no-input")
    assert result.exit_code == 0, result.output
    assert (home / "sessions" / "2026-11-22-medewerker.yaml").read_bytes() == before
    assert store.load("2026-11-22-medewerker").status == "prepared"
    wang = employees.read().named("王芳")[0]
    (mine,) = store.list_sessions(employee=wang.id).sessions
    assert mine.id != "2026-11-22-medewerker"


def test_the_same_person_scripted_does_take_their_prepared_conversation(
    run: CliRun, home: Path, tmp_path: Path
) -> None:
    li = employees.add("李明", "kok")
    prepared = make_session(
        id="2026-11-22-medewerker",
        status="prepared",
        stage="questions",
        employee={"id": li.id, "name": "李明", "role": "kok"},
        agreements=[],
    )
    write_session(home, prepared)
    result = run("start", "--answers", answers(tmp_path, "employee: {name: 李明}"), "--no-input")
    assert result.exit_code == 0, result.output
    assert store.load("2026-11-22-medewerker").status == "completed"


# --- the agenda and the employees commands -----------------------------------------


def test_the_agenda_takes_the_fixed_moments_from_the_register(run: CliRun, home: Path) -> None:
    """Someone who went straight to `start`: the service start, added later, counts."""
    write_session(home, make_session(followups=[], agreements=[]))
    an = employees.read().named("An Peeters")[0]
    assert "5 jaar in dienst" not in run("agenda", "--all").stdout
    result = run("employees", "edit", an.id, "--service-start", "1/1/2023")
    assert result.exit_code == 0, result.output
    agenda = json.loads(run("agenda", "--all", "--json").stdout)
    fixed = [i for i in agenda if "5 jaar in dienst" in i["what"]]
    assert [(i["date"], i["employee_id"]) for i in fixed] == [("2028-01-01", an.id)]


def test_two_people_with_one_name_are_two_rows_in_the_agenda(run: CliRun, home: Path) -> None:
    cook, driver = employees.add("Jan Peeters", "kok"), employees.add("Jan Peeters", "chauffeur")
    for n, who in enumerate((cook, driver), 1):
        write_session(
            home,
            make_session(
                id=f"2026-11-2{n}-jan-peeters",
                employee={"id": who.id, "name": "Jan Peeters"},
                followups=[],
                agreements=[],
                next_conversation=dt.date(2027, 1, n),
            ),
        )
    items = json.loads(run("agenda", "--all", "--json").stdout)
    new_talks = [i for i in items if i["kind"] == "conversation"]
    assert {i["employee_id"] for i in new_talks} == {cook.id, driver.id}
    # the command to paste names the person by id: the name is not theirs alone
    assert {i["command"] for i in new_talks} == {
        f"loopbaan prepare --employee {cook.id}",
        f"loopbaan prepare --employee {driver.id}",
    }


def test_employees_list_edit_and_merge(run: CliRun, home: Path) -> None:
    write_session(home, make_session())
    write_session(home, make_session(id="2027-01-05-an-peeters", employee={"name": "Ân Peeters"}))
    listed = json.loads(run("employees", "list", "--json").stdout)["employees"]
    assert sorted((e["name"], e["conversations"]) for e in listed) == [
        ("An Peeters", 1),
        ("Ân Peeters", 1),
    ]
    keep = next(e["id"] for e in listed if e["name"] == "An Peeters")
    gone = next(e["id"] for e in listed if e["name"] == "Ân Peeters")
    result = run("employees", "merge", keep, gone)
    assert result.exit_code == 0, result.output
    assert "2 gesprekken" not in result.stdout and "1 gesprek" in result.stdout
    assert {s.id for s in store.list_sessions(employee=keep).sessions} == {
        "2026-11-22-an-peeters",
        "2027-01-05-an-peeters",
    }
    assert employees.read().get(gone) is None
    table = run("employees", "list").stdout
    assert keep in table and gone not in table


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["--retirement-year", "3"], "pensioenjaar"),
        (["--service-start", "9999-01-01"], "indiensttreding"),
        (["--service-start", "gisteren"], "geen datum"),
        (["--name", "  "], "leeg"),
        ([], "niets te wijzigen"),
    ],
)
def test_employees_edit_refuses_what_can_not_be_kept(
    run: CliRun, home: Path, args: list[str], needle: str
) -> None:
    an = employees.add("An Peeters")
    before = (home / "employees.yaml").read_bytes()
    assert_fails(run("employees", "edit", an.id, *args), 1, needle)
    assert (home / "employees.yaml").read_bytes() == before


def test_another_name_typed_over_a_known_employee_drops_their_facts(home: Path) -> None:
    """`start --employee Sofie` suggests her role; typing someone new over it drops it."""
    employees.add("Sofie Claes", "verkoopster", dt.date(2018, 5, 1))
    ask = UntilTheQuestions({**META, "meta.employee": "Els Wouters"})
    session = conversation.start(
        None, False, keyboard=lambda: ask, today=TODAY, employee="Sofie Claes"
    ).session
    assert question(ask, "meta.employee").default == "Sofie Claes"
    assert question(ask, "meta.role").default == ""
    assert question(ask, "meta.service_start").default is None
    saved = store.load(session.id)
    assert saved.employee.name == "Els Wouters" and saved.employee.role == ""
    assert employees.read().named("Sofie Claes")[0].role == "verkoopster", "Sofie untouched"


def test_a_session_in_an_unusual_layout_is_still_found_by_its_employee(home: Path) -> None:
    """The listing passes by files whose first lines name someone else; a hand-written layout is read."""
    an = employees.add("An Peeters")
    path = home / "sessions" / "2026-11-22-an-peeters.yaml"
    write_session(home, make_session(employee={"id": an.id, "name": "An Peeters"}))
    text = path.read_text(encoding="utf-8")
    start_at = text.index("employee:\n")
    end = text.index("interviewer:")
    text = text[:start_at] + f"employee: {{id: {an.id}, name: An Peeters}}\n" + text[end:]
    path.write_text(text, encoding="utf-8")
    assert [s.id for s in store.list_sessions(employee=an.id).sessions] == ["2026-11-22-an-peeters"]


def test_a_start_stopped_after_the_name_keeps_who_it_is_and_resume_stays_with_them(
    home: Path,
) -> None:
    from loopbaan_cli.conversation.asking import Interrupt
    from loopbaan_cli.kernel.errors import Interrupted

    sofie = employees.add("Sofie Claes", "verkoopster")
    ask = UntilTheQuestions(
        {
            **META,
            "meta.employee": "sofie claes",
            "meta.role": lambda _: (_ for _ in ()).throw(Interrupt("verk")),
        }
    )
    with pytest.raises(Interrupted):
        conversation.start(None, False, keyboard=lambda: ask, today=TODAY)
    (kept,) = store.list_sessions().sessions
    assert kept.stage == "meta" and kept.employee.id == sofie.id
    again = UntilTheQuestions({**META, "meta.role": "verkoopster"})
    resumed = conversation.resume(kept.id, keyboard=lambda: again).session
    assert "meta.employee_which" not in again.keys and "meta.employee_close" not in again.keys
    assert store.load(resumed.id).employee.id == sofie.id
    assert len(employees.read()) == 1


def test_a_new_name_stopped_at_the_next_step_is_registered_once(home: Path) -> None:
    from loopbaan_cli.conversation.asking import Interrupt
    from loopbaan_cli.kernel.errors import Interrupted

    ask = UntilTheQuestions(
        {
            **META,
            "meta.employee": "Els Wouters",
            "meta.role": lambda _: (_ for _ in ()).throw(Interrupt("")),
        }
    )
    with pytest.raises(Interrupted):
        conversation.start(None, False, keyboard=lambda: ask, today=TODAY)
    (kept,) = store.list_sessions().sessions
    els = employees.read().named("Els Wouters")
    assert [e.id for e in els] == [kept.employee.id]
    conversation.resume(kept.id, keyboard=lambda: UntilTheQuestions(dict(META)))
    assert len(employees.read()) == 1


def test_paths_names_the_register(run: CliRun, home: Path) -> None:
    data = json.loads(run("paths", "--json").stdout)
    assert data["register"] == str(home / "employees.yaml")
    # the copies beside the files are named too: the index holds names and dates
    assert data["index"] == str(home / "index.sqlite3")
    assert data["cache"] == str(home / "cache")


def test_an_impossible_service_start_is_asked_again(home: Path) -> None:
    from helpers import Seq

    session, ask = start(
        **{
            "meta.employee": "Els Wouters",
            "meta.service_start": Seq(dt.date(9999, 1, 1), dt.date(2020, 2, 3)),
        }
    )
    asked = [a for a in ask.asked if a.key == "meta.service_start"]
    assert len(asked) == 2 and "indiensttreding" in asked[1].notice
    assert employees.by_id(session.employee.id).service_start == dt.date(2020, 2, 3)
