"""The conversation as pure logic, driven through a fake `ask`.

The fake answers by Ask.key from a dict and records every Ask it was shown;
`save` is a recorder too, so a test can tell what was on disk at any moment.
Most tests use the small banks in tests/fixtures/library (see `mini_banks`):

    kern           Deel "Eerste deel": job (text, required), tevreden (scale),
                                       waarom (when tevreden <= 2)
                   Deel "Tweede deel": richting (choice), slot
    fase_spitsuur  druk          (phase spitsuur)
    fase_starter   start         (phase starter)
    doel_groei_job groeien       (purpose groei_job)
    doel_balans    evenwicht     (purpose balans)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from loopbaan_cli.banks import plan as planning
from loopbaan_cli.banks.library import Library, load_library
from loopbaan_cli.conversation.asking import ADD, DONE, Ask, MenuChoice, Nav, NoteReply, Paused
from loopbaan_cli.conversation.interview import Interview
from loopbaan_cli.documents.render import render
from loopbaan_cli.sessions import store
from loopbaan_cli.sessions.model import Employee, Person, Session

DAY = dt.date(2026, 11, 22)

# What a whole conversation needs beyond the questions (the rest takes defaults).
FINISH: dict[str, Any] = {
    "conclusion": "groei_huidige_job",
    "conclusion.text": "An groeit verder in haar job.",
    "agreements": DONE,
}


def sheet(session: Session) -> str:
    """The whole sheet, as `loopbaan` hands it to the interview's preview."""
    return render(session, "afspraken", "txt")


class Seq:
    """Replies for a key that is asked more than once, in order; the last one repeats."""

    def __init__(self, *replies: Any) -> None:
        self.replies = list(replies)

    def next(self) -> Any:
        return self.replies.pop(0) if len(self.replies) > 1 else self.replies[0]


class FakeAsk:
    def __init__(
        self,
        replies: dict[str, Any],
        log: list[Any] | None = None,
        tick: float = 0.0,
        clock: list[float] | None = None,
    ) -> None:
        self.replies = dict(replies)
        self.asked: list[Ask] = []
        self.log = log if log is not None else []
        self.tick, self.clock = tick, clock

    def __call__(self, ask: Ask) -> Any:
        self.asked.append(ask)
        self.log.append(("ask", ask.key))
        if self.clock is not None:
            self.clock[0] += self.tick
        if len(self.asked) > 300:
            raise AssertionError(f"the interview keeps asking; last: {ask.key}")
        reply = self.replies.get(ask.key, ask.default)
        if isinstance(reply, Seq):
            reply = reply.next()
        if isinstance(reply, type) and issubclass(reply, BaseException):
            raise reply
        if isinstance(reply, Callable) and not isinstance(reply, (Nav, NoteReply)):  # type: ignore[arg-type]
            return reply(ask)
        return reply

    @property
    def keys(self) -> list[str]:
        return [a.key for a in self.asked]

    def all(self, key: str) -> list[Ask]:
        return [a for a in self.asked if a.key == key]

    def question_keys(self) -> list[str]:
        return [k for k in self.keys if "." in k and k.split(".")[0] in QUESTION_BANKS]


QUESTION_BANKS = {"kern", "fase_spitsuur", "fase_starter", "doel_groei_job", "doel_balans"}


class Saves:
    """Records a deep copy of the session at every save (and optionally really saves it)."""

    def __init__(
        self, log: list[Any] | None = None, also: Callable[[Session], object] | None = None
    ):
        self.snapshots: list[Session] = []
        self.log = log if log is not None else []
        self.also = also

    def __call__(self, session: Session) -> None:
        copy = session.model_copy(deep=True)
        self.snapshots.append(copy)
        self.log.append(("save", copy))
        if self.also:
            self.also(session)

    @property
    def last(self) -> Session:
        return self.snapshots[-1]


def new_session(phase: str = "spitsuur", purposes: tuple[str, ...] = ("groei_job",)) -> Session:
    now = dt.datetime(2026, 11, 22, 10, 0)
    return Session(
        id="2026-11-22-an-peeters",
        created=now,
        updated=now,
        employee=Employee(name="An Peeters", role="boekhouder"),
        interviewer=Person(name="Marc Janssens"),
        date=DAY,
        phase=phase,
        purposes=list(purposes),
    )


@pytest.fixture
def library(mini_banks: Path) -> Library:
    return load_library()


def converse(
    library: Library, replies: dict[str, Any], session: Session | None = None, **fake: Any
) -> tuple[Session, FakeAsk, Saves]:
    log: list[Any] = []
    ask = FakeAsk({**FINISH, **replies}, log, **fake)
    saves = Saves(log)
    clock = fake.get("clock")
    interview = Interview(
        library, ask, saves, sheet, clock=(lambda: clock[0]) if clock else (lambda: 0.0)
    )
    session = session or new_session()
    interview.run(session)
    return session, ask, saves


# --- which questions --------------------------------------------------------------


def test_plan_is_core_plus_phase_plus_purpose_banks_with_the_real_banks() -> None:
    library = load_library()
    # banks without phases and purposes (kern, a closing bank, ...) are in every conversation
    always = {
        lb.bank.id
        for lb in library.banks.values()
        if lb.bank.kind == "conversation" and not lb.bank.phases and not lb.bank.purposes
    }
    assert "kern" in always

    items = planning.build(library, "spitsuur", ["groei_job", "balans"])
    banks = {item.bank.bank.id for item in items}
    assert banks == always | {"fase_spitsuur", "doel_groei_job", "doel_balans"}
    assert items[0].bank.bank.id == "kern", "the core bank comes first"
    assert "voorbereiding" not in banks, "the manager's preparation is not asked to the employee"

    other = planning.build(library, "starter", [])
    assert {item.bank.bank.id for item in other} == always | {"fase_starter"}


def test_interview_asks_core_phase_and_purpose_questions_only(library: Library) -> None:
    session, ask, _ = converse(library, {"kern.job": "Kok", "kern.tevreden": 4})
    assert ask.question_keys() == [
        "kern.job",
        "kern.tevreden",
        "kern.richting",
        "kern.slot",
        "fase_spitsuur.druk",
        "doel_groei_job.groeien",
    ]
    assert session.status == "completed"


def test_when_skips_a_question_until_its_condition_holds(library: Library) -> None:
    _, happy, _ = converse(library, {"kern.job": "Kok", "kern.tevreden": 4})
    assert "kern.waarom" not in happy.keys

    session, unhappy, _ = converse(
        library, {"kern.job": "Kok", "kern.tevreden": 2, "kern.waarom": "Te druk"}
    )
    keys = unhappy.question_keys()
    assert keys[keys.index("kern.tevreden") + 1] == "kern.waarom"
    assert session.answers["kern.waarom"].value == "Te druk"


def test_header_shows_part_question_and_minutes(library: Library) -> None:
    clock = [0.0]
    _, ask, _ = converse(library, {"kern.job": "Kok", "kern.tevreden": 2}, clock=clock, tick=7 * 60)
    headers = {a.key: a.header for a in ask.asked}
    assert headers["kern.job"] == "Deel 1/4 · vraag 1/6 · 0 min"
    # tevreden <= 2 adds kern.waarom: a follow-up, counted as no question of its own,
    # so the total stays what it was from the first question on
    assert headers["kern.tevreden"] == "Deel 1/4 · vraag 2/6 · 7 min"
    assert headers["kern.waarom"] == "Deel 1/4 · vraag 2/6 · vervolgvraag · 14 min"
    assert headers["kern.richting"] == "Deel 2/4 · vraag 3/6 · 21 min"
    assert headers["doel_groei_job.groeien"] == "Deel 4/4 · vraag 6/6 · 42 min"


def test_the_count_is_the_same_whether_a_follow_up_comes_or_not(library: Library) -> None:
    _, happy, _ = converse(library, {"kern.job": "Kok", "kern.tevreden": 4})
    _, unhappy, _ = converse(library, {"kern.job": "Kok", "kern.tevreden": 2})
    totals = {a.header.split(" · ")[1] for a in happy.asked + unhappy.asked if a.header}
    totals = {t.split("/")[1] for t in totals if t.startswith("vraag ")}
    assert totals == {"6"}


def test_new_part_shows_its_title_once(library: Library) -> None:
    _, ask, _ = converse(library, {"kern.job": "Kok", "kern.tevreden": 4})
    sections = {a.key: a.section for a in ask.asked}
    assert sections["kern.job"] == "Eerste deel"
    assert sections["kern.tevreden"] == ""
    assert sections["kern.richting"] == "Tweede deel"
    assert ask.all("kern.job")[0].tip == "Vraag naar een gewone werkdag."


# --- navigation ---------------------------------------------------------------


def test_back_goes_to_previous_question_with_its_answer(library: Library) -> None:
    session, ask, _ = converse(
        library,
        {
            "kern.job": "Kok",
            "kern.tevreden": Seq(Nav.BACK, 4),
            "kern.richting": Seq(Nav.BACK, "Blijven"),
        },
    )
    assert ask.question_keys()[:6] == [
        "kern.job",
        "kern.tevreden",
        "kern.job",
        "kern.tevreden",
        "kern.richting",
        "kern.tevreden",
    ]
    assert ask.all("kern.job")[1].default == "Kok"
    assert ask.all("kern.tevreden")[2].default == 4  # back across a part boundary
    assert session.answers["kern.richting"].value == "Blijven"


def test_back_on_first_question_stays_there(library: Library) -> None:
    _, ask, _ = converse(library, {"kern.job": Seq(Nav.BACK, "Kok"), "kern.tevreden": 4})
    assert ask.question_keys()[:3] == ["kern.job", "kern.job", "kern.tevreden"]
    assert ask.all("kern.job")[1].notice  # says why nothing happened


def test_skip_marks_skipped_and_review_shows_it(library: Library) -> None:
    session, ask, _ = converse(
        library,
        {"kern.job": "Kok", "kern.tevreden": 4, "kern.richting": "Blijven", "kern.slot": Nav.SKIP},
    )
    assert session.answers["kern.slot"].skipped is True
    review = ask.all("review")[0]
    status = {c.value: c.label for c in review.choices}
    assert "OVERGESLAGEN" in status["kern.slot"]
    assert "OVERGESLAGEN" not in status["kern.richting"]


def test_note_is_stored_and_question_asked_again(library: Library) -> None:
    note = NoteReply("Denkt aan verhuizen, nog niet vertellen", True)
    session, ask, saves = converse(
        library, {"kern.job": "Kok", "kern.tevreden": 4, "kern.richting": Seq(note, "Blijven")}
    )
    keys = ask.question_keys()
    first = keys.index("kern.richting")
    assert keys[first + 1] == "kern.richting", "the same question comes back after a note"
    again = ask.all("kern.richting")[1]
    assert again.note == note.text and again.note_private is True
    record = session.answers["kern.richting"]
    assert (record.value, record.note, record.private) == ("Blijven", note.text, True)
    assert any(
        s.answers.get("kern.richting")
        and s.answers["kern.richting"].note == note.text
        and s.answers["kern.richting"].value is None
        for s in saves.snapshots
    ), "the note is saved at once, before the answer"


# --- never lose a word --------------------------------------------------------


def test_pause_saves_at_that_question_and_resume_starts_there(library: Library, home: Path) -> None:
    log: list[Any] = []
    first = FakeAsk({"kern.job": "Kok", "kern.tevreden": 4, "kern.richting": Nav.PAUSE}, log)
    interview = Interview(library, first, Saves(log, also=store.save), sheet, clock=lambda: 0.0)
    with pytest.raises(Paused):
        interview.run(new_session())

    on_disk = store.load("2026-11-22-an-peeters")
    assert on_disk.stage == "questions"
    assert on_disk.position == "kern.richting"
    assert on_disk.answers["kern.job"].value == "Kok"
    assert on_disk.answers["kern.tevreden"].value == 4
    assert "kern.richting" not in on_disk.answers

    second = FakeAsk({**FINISH, "kern.richting": "Veranderen"})
    Interview(library, second, store.save, sheet, clock=lambda: 0.0).run(on_disk)
    assert second.keys[0] == "kern.richting"
    assert "kern.job" not in second.question_keys()
    done = store.load("2026-11-22-an-peeters")
    assert done.status == "completed"
    assert done.answers["kern.job"].value == "Kok"
    assert done.answers["kern.richting"].value == "Veranderen"


def test_ctrl_c_leaves_every_earlier_answer_saved(library: Library) -> None:
    replies = {
        "kern.job": "Kok",
        "kern.tevreden": 2,
        "kern.waarom": "Te druk",
        "kern.richting": "Blijven",
        "kern.slot": KeyboardInterrupt,
    }
    log: list[Any] = []
    ask = FakeAsk(replies, log)
    saves = Saves(log)
    with pytest.raises(KeyboardInterrupt):
        Interview(library, ask, saves, sheet, clock=lambda: 0.0).run(new_session())

    answered = ["kern.job", "kern.tevreden", "kern.waarom", "kern.richting"]
    assert {k: r.value for k, r in saves.last.answers.items()} == {k: replies[k] for k in answered}
    assert saves.last.position == "kern.slot"
    # a save after every answer, before the next question is shown
    for key in answered:
        at = log.index(("ask", key))
        nxt = next(i for i in range(at + 1, len(log)) if log[i][0] == "ask")
        saved = [entry[1] for entry in log[at + 1 : nxt] if entry[0] == "save"]
        assert saved, f"no save between answering {key} and the next question"
        assert saved[-1].answers[key].value == replies[key]
        # saved at once, while still standing on that question (before moving on)
        assert saved[0].position == key and saved[0].answers[key].value == replies[key]
    # one save per answer, plus one each time the position moves to a new question
    answer_saves = [
        s for s in saves.snapshots if s.position in s.answers and s.answers[s.position].value
    ]
    assert len(answer_saves) == len(answered)


# --- to the end ---------------------------------------------------------------


def test_full_conversation_reaches_completed(library: Library) -> None:
    replies = {
        "kern.job": "Kok",
        "kern.tevreden": 4,
        "kern.richting": "Blijven",
        "kern.slot": "Niets",
        "fase_spitsuur.druk": "Het gaat",
        "doel_groei_job.groeien": "Patisserie",
        "agreements": Seq(ADD, DONE),
        "agreement.action": "opleiding",
        "agreement.what": "Cursus patisserie volgen",
        "agreement.due": dt.date(2027, 3, 1),
        "agreement.support": "Twee zaterdagen vrij",
        "agreement.success": "Ze maakt het dessert van de maand",
        "followup.1": dt.date(2027, 2, 22),
        "followup.2": dt.date(2027, 5, 21),
        "followup.reachability": "Elke ochtend in de keuken",
    }
    session, ask, saves = converse(library, replies)
    assert session.status == "completed"
    assert session.stage == "done"
    assert saves.last.status == "completed", "the finished state is saved too"
    assert session.conclusion is not None
    assert session.conclusion.id == "groei_huidige_job"
    assert session.conclusion.text == "An groeit verder in haar job."
    [agreement] = session.agreements
    assert agreement.action == "opleiding"
    assert agreement.action_title == library.actions["opleiding"].title
    assert agreement.what == "Cursus patisserie volgen"
    assert agreement.owner == "An Peeters"  # offered as default
    assert agreement.due == dt.date(2027, 3, 1)
    assert agreement.support == "Twee zaterdagen vrij"
    assert agreement.success == "Ze maakt het dessert van de maand"
    assert [f.date for f in session.followups] == [dt.date(2027, 2, 22), dt.date(2027, 5, 21)]
    assert session.reachability == "Elke ochtend in de keuken"
    first = ask.all("followup.1")[0]
    assert first.default is None, "a date is proposed beside the field, not put in it"
    assert dt.date(2027, 1, 22) <= first.proposal <= dt.date(2027, 3, 22), "about 3 months later"
    due = ask.all("agreement.due")[0]
    assert due.default is None and due.proposal is not None
    owner = ask.all("agreement.owner")[0]
    assert (owner.default, owner.suggested) == ("An Peeters", True)
    assert session.answers["doel_groei_job.groeien"].question == "Waarin wil je groeien?"
    order = ask.keys
    assert order.index("review") < order.index("conclusion") < order.index("agreements")
    assert order.index("agreements") < order.index("followup.1") < order.index("preview")
    assert "An Peeters" in ask.all("preview")[0].display


def test_the_preview_is_short_and_the_whole_sheet_is_there_to_read(library: Library) -> None:
    replies = {
        "kern.job": "Kok",
        "kern.tevreden": 4,
        "agreements": Seq(ADD, DONE),
        "agreement.action": "opleiding",
        "agreement.what": "Cursus patisserie volgen",
        "agreement.due": dt.date(2027, 3, 1),
        "followup.1": dt.date(2027, 2, 22),
        "preview": Seq("lezen", "aanpassen", "afronden"),
    }
    session, ask, _ = converse(library, replies)
    first, second, third = ask.all("preview")
    summary = first.display
    assert "Cursus patisserie volgen" in summary and "01-03-2027" in summary
    assert "Opvolging: 22-02-2027" in summary
    assert len(summary.splitlines()) < 20, "the summary fits on a screen"
    assert first.document == "", "the whole sheet only when asked"
    assert "HANDTEKENINGEN" in second.document, "asked: the whole sheet, in a pager"
    # 'aanpassen' goes back to the review, and from there to the preview again
    keys = ask.keys
    assert "review" in keys[keys.index("preview") + 2 :]
    assert third.document == "" and session.status == "completed"


def test_own_action_and_removing_an_agreement(library: Library) -> None:
    replies = {
        "kern.job": "Kok",
        "kern.tevreden": 4,
        "agreements": Seq(ADD, ADD, MenuChoice.drop(0), DONE),
        "agreement.action": Seq("opleiding", "eigen"),
        "agreement.what": Seq("Eerste afspraak", "Zelf een menu bedenken"),
    }
    session, _, _ = converse(library, replies)
    [agreement] = session.agreements
    assert agreement.what == "Zelf een menu bedenken"
    assert agreement.action is None
    assert agreement.action_title == "Eigen actie"


def test_referral_conclusion_shows_the_referral_info(library: Library) -> None:
    session, ask, _ = converse(
        library, {"kern.job": "Kok", "kern.tevreden": 4, "conclusion": "doorverwijzing"}
    )
    shown = ask.all("conclusion.text")[0].display
    assert library.referral.providers[0].name in shown
    assert library.referral.checked_on.strftime("%d-%m-%Y") in shown
    assert session.conclusion is not None and session.conclusion.id == "doorverwijzing"


def test_review_refuses_to_go_on_while_a_required_question_is_open(library: Library) -> None:
    replies = {
        "kern.job": Seq(Nav.SKIP, "Kok"),
        "kern.tevreden": 4,
        "review": Seq(DONE, DONE, "kern.job", DONE),
    }
    session, ask, _ = converse(library, replies)
    reviews = ask.all("review")
    assert len(reviews) == 4
    assert "Wat is je job?" in reviews[1].notice
    assert "Wat is je job?" in reviews[2].notice
    assert reviews[3].notice == ""
    # the conclusion only comes after the required question got its answer
    keys = ask.keys
    last_job = len(keys) - 1 - keys[::-1].index("kern.job")
    assert keys.index("conclusion") > last_job
    assert ask.asked[last_job].header == "Antwoord wijzigen"
    assert session.answers["kern.job"].value == "Kok"
    assert session.answers["kern.job"].skipped is False


def test_review_can_change_any_answer(library: Library) -> None:
    replies = {
        "kern.job": "Kok",
        "kern.tevreden": Seq(4, 5),
        "review": Seq("kern.tevreden", DONE),
    }
    session, ask, _ = converse(library, replies)
    assert ask.all("kern.tevreden")[1].default == 4
    assert session.answers["kern.tevreden"].value == 5


def test_collect_meta_offers_phases_and_purposes_with_descriptions(library: Library) -> None:
    ask = FakeAsk(
        {
            "meta.employee": "An Peeters",
            "meta.interviewer": "Marc",
            "meta.date": DAY,
            "meta.phase": "spitsuur",
            "meta.purposes": ["groei_job"],
        }
    )
    interview = Interview(library, ask, Saves(), sheet, clock=lambda: 0.0)
    from loopbaan_cli.conversation.meta import Meta

    meta = interview.collect_meta(Meta("", "", "", "", DAY, "", []))
    assert (meta.employee, meta.phase, meta.purposes) == ("An Peeters", "spitsuur", ["groei_job"])
    phases = ask.all("meta.phase")[0].choices
    assert {c.value for c in phases} == set(library.phases)
    assert all(c.description for c in phases)
    purposes = ask.all("meta.purposes")[0].choices
    assert {c.value for c in purposes} == set(library.purposes)
    assert all(c.description for c in purposes)


# --- suggestions, proposals and a skip, as the interview hands them to the keyboard ----


def test_meta_suggestions_are_replaced_by_typing_but_an_answer_is_edited(
    library: Library,
) -> None:
    from loopbaan_cli.conversation.meta import Meta

    ask = FakeAsk(
        {
            "meta.employee": "An Peeters",
            "meta.role": Seq(Nav.BACK, "boekhouder"),
            "meta.phase": "spitsuur",
        }
    )
    interview = Interview(library, ask, Saves(), sheet, clock=lambda: 0.0)
    interview.collect_meta(Meta("", "", "Marc Janssens", "zaakvoerder", DAY, "", []))
    employee = ask.all("meta.employee")
    assert employee[0].suggested, "nothing answered yet: whatever stands there is a suggestion"
    assert (employee[1].default, employee[1].suggested) == ("An Peeters", False), (
        "back at an answer: it stands there to edit"
    )
    interviewer = ask.all("meta.interviewer")[0]
    assert (interviewer.default, interviewer.suggested) == ("Marc Janssens", True)
    assert ask.all("meta.date")[0].suggested


def test_an_enter_on_a_proposed_date_puts_no_date_on_the_sheet(library: Library) -> None:
    """The fake answers with what stands in the field, as Enter does: no date was agreed."""
    session, ask, _ = converse(
        library,
        {
            "kern.job": "Kok",
            "kern.tevreden": 4,
            "agreements": Seq(ADD, DONE),
            "agreement.action": "opleiding",
            "agreement.what": "Cursus patisserie volgen",
        },
    )
    [agreement] = session.agreements
    assert agreement.due is None
    assert session.followups == [] and session.next_conversation is None
    assert all(ask.all(key)[0].proposal for key in ("followup.1", "followup.2", "followup.next"))


def test_a_date_taken_then_revisited_is_an_answer_not_a_proposal(library: Library) -> None:
    taken = dt.date(2027, 2, 22)
    session, ask, _ = converse(
        library,
        {
            "kern.job": "Kok",
            "kern.tevreden": 4,
            "followup.1": taken,
            "followup.2": Seq(Nav.BACK, Nav.SKIP),
        },
    )
    again = ask.all("followup.1")[1]
    assert (again.default, again.proposal) == (taken, None)
    assert [f.date for f in session.followups] == [taken]


def test_a_skip_is_acknowledged_above_the_next_prompt(library: Library) -> None:
    _, ask, _ = converse(
        library, {"kern.job": "Kok", "kern.tevreden": Nav.SKIP, "kern.richting": "Blijven"}
    )
    assert ask.all("kern.richting")[0].remark == (
        "Overgeslagen — je komt er in het overzicht op terug."
    )
    assert not ask.all("kern.tevreden")[0].remark
    assert not ask.all("kern.slot")[0].remark, "said once"


# --- Ctrl-C while who and when are asked -----------------------------------------


def test_ctrl_c_in_meta_hands_over_what_was_given_and_where(library: Library) -> None:
    from loopbaan_cli.conversation.asking import Interrupt
    from loopbaan_cli.conversation.meta import Meta, MetaInterrupted

    ask = FakeAsk(
        {
            "meta.employee": "An Peeters",
            "meta.role": lambda _: (_ for _ in ()).throw(Interrupt("boekh")),
        }
    )
    interview = Interview(library, ask, Saves(), sheet, clock=lambda: 0.0)
    with pytest.raises(MetaInterrupted) as stop:
        interview.collect_meta(Meta("", "", "Marc Janssens", "", DAY, "", []))
    # the suggested interviewer was not given: it is not handed over as typed
    assert stop.value.values == {"employee": "An Peeters", "role": "boekh"}
    assert stop.value.position == "meta.role"


def test_a_conversation_stopped_in_meta_goes_on_at_that_step(library: Library) -> None:
    from loopbaan_cli.conversation.asking import Interrupt
    from loopbaan_cli.conversation.meta import MetaInterrupted, keep_meta

    now = dt.datetime(2026, 11, 22, 10, 0)
    session = Session(
        id="2026-11-22-an-peeters",
        created=now,
        updated=now,
        stage="meta",
        position="meta.interviewer",
        employee=Employee(name="?"),
        interviewer=Person(name="?"),
        date=DAY,
        phase="?",
    )
    keep_meta(session, {"employee": "An Peeters", "role": "boekhouder"}, library)

    # Stopped again, halfway through the interviewer's name: kept, still at "meta".
    first = FakeAsk({"meta.interviewer": lambda _: (_ for _ in ()).throw(Interrupt("Mar"))})
    saves = Saves()
    interview = Interview(library, first, saves, sheet, clock=lambda: 0.0)
    with pytest.raises(MetaInterrupted):
        interview.run(session)
    interview.save()  # what `loopbaan` does on Ctrl-C
    kept = saves.last
    assert (kept.stage, kept.position) == ("meta", "meta.interviewer")
    assert (kept.employee.name, kept.interviewer.name) == ("An Peeters", "Mar")
    assert first.keys == ["meta.interviewer"], "it goes on where it stopped"

    second = FakeAsk(
        {
            **FINISH,
            "meta.interviewer": "Marc Janssens",
            "meta.phase": "spitsuur",
            "meta.purposes": ["groei_job"],
            "kern.job": "Kok",
            "kern.tevreden": 4,
        }
    )
    Interview(library, second, saves, sheet, clock=lambda: 0.0).run(kept)
    shown = second.all("meta.interviewer")[0]
    assert (shown.default, shown.suggested) == ("Mar", False), "the half-typed name, to finish"
    assert second.keys[0] == "meta.interviewer"
    done = saves.last
    assert done.status == "completed"
    assert (done.employee.name, done.employee.role) == ("An Peeters", "boekhouder")
    assert (done.interviewer.name, done.phase, done.purposes) == (
        "Marc Janssens",
        "spitsuur",
        ["groei_job"],
    )
    assert done.phase_title == library.phases["spitsuur"].title
    assert "kern.job" in done.answers


# --- an empty reply -----------------------------------------------------------------

HULP = """\
id: hulp
title: Hulp
order: 90
sections:
  - id: hulp
    title: Wat helpt
    questions:
      - id: wat
        text: Wat zou je helpen om bij te blijven?
        type: multi_choice
        choices: [Een opleiding, Een coach]
"""


def test_nothing_ticked_at_a_multi_choice_counts_as_skipped(mini_banks: Path) -> None:
    """Enter with nothing ticked is no answer: a skip, not `[]` kept as if answered."""
    (mini_banks / "banks" / "hulp.yaml").write_text(HULP, encoding="utf-8")
    replies = {"kern.job": "Kok", "kern.tevreden": 4, "kern.richting": "Blijven"}
    replies |= {"fase_spitsuur.druk": "Ja", "doel_groei_job.groeien": "Ja"}
    session, ask, _ = converse(load_library(), {**replies, "kern.slot": "", "hulp.wat": []})
    for key in ("hulp.wat", "kern.slot"):  # nothing ticked, nothing typed
        record = session.answers[key]
        assert (record.skipped, record.value) == (True, None), key
    status = {c.value: c.label for c in ask.all("review")[0].choices}
    assert status["hulp.wat"].endswith("[OVERGESLAGEN] Wat zou je helpen om bij te blijven?")
    assert ask.all("review")[0].tip.endswith("2 overgeslagen. Overgeslagen vragen zijn gemarkeerd.")


# --- plain language and the short conversation (issue 14) -------------------------------


def test_meta_asks_for_plain_language_and_the_length(library: Library) -> None:
    from loopbaan_cli.conversation.meta import SHORT, Meta

    ask = FakeAsk(
        {
            "meta.employee": "An Peeters",
            "meta.interviewer": "Marc",
            "meta.phase": "spitsuur",
            "meta.plain": True,
            "meta.short": SHORT,
        }
    )
    interview = Interview(library, ask, Saves(), sheet, clock=lambda: 0.0)
    meta = interview.collect_meta(Meta("", "", "", "", DAY, "", []))
    assert (meta.plain, meta.short) == (True, True)
    assert ask.keys[-2:] == ["meta.plain", "meta.short"]
    assert "Kort of volledig" in ask.all("meta.short")[0].text
    fields = meta.session_fields(library)
    assert (fields["plain"], fields["short"]) == (True, True)
    # Enter on both: the full conversation in the usual words.
    plain_enter = FakeAsk({"meta.employee": "An", "meta.interviewer": "Marc"})
    meta = Interview(library, plain_enter, Saves(), sheet, clock=lambda: 0.0).collect_meta(
        Meta("", "", "", "", DAY, "spitsuur", [])
    )
    assert (meta.plain, meta.short) == (False, False)


def _questions_only(session: Session, replies: dict[str, Any] | None = None) -> FakeAsk:
    """Run the conversation's questions (the real banks), every question skipped with Enter."""
    from loopbaan_cli.conversation.questions import questions
    from loopbaan_cli.conversation.talk import Talk

    ask = FakeAsk(replies or {})
    talk = Talk(load_library(), session, ask, Saves(), sheet, lambda: 0.0)
    assert questions(talk) == "review"
    return ask


def test_plain_language_asks_and_keeps_the_plain_wording() -> None:
    library = load_library()
    session = new_session("ervaren", ())
    session.plain = True
    ask = _questions_only(session)
    first = ask.all("kern.tevredenheid")[0]
    wording = library.find_question("kern.tevredenheid")
    assert wording is not None
    assert first.text == wording[2].plain != wording[2].text
    assert session.answers["kern.tevredenheid"].question == wording[2].plain
    opening = library.banks["kern"].bank.sections[0]
    assert first.intro == opening.plain.strip() != opening.intro, "the opening script, plainly"
    # the career questions stay in a plain-language conversation
    for key in ("kern.nog_bereiken", "kern.over_enkele_jaren", "kern.meer_gebruiken"):
        assert key in ask.keys, key


def test_plain_language_shows_plain_choices_and_scale_ends_but_keeps_the_usual_value() -> None:
    replies = {"kern.hulp_nodig": ["Een opleiding"], "kern.werkdruk": 2}
    session = new_session("ervaren", ())
    session.plain = True
    ask = _questions_only(session, replies)
    choices = ask.all("kern.hulp_nodig")[0].choices
    assert ("Een opleiding", "Een cursus") in [(c.value, c.label) for c in choices]
    scale = ask.all("kern.werkdruk")[0].scale
    assert scale is not None and (scale.min_label, scale.max_label) == (
        "veel te veel werk",
        "goed te doen",
    )
    # the section's plain title, on the screen and kept with the answer (the annex)
    assert ask.all("kern.tevredenheid")[0].section == "Hoe je werk nu gaat"
    assert session.answers["kern.werkdruk"].section == "Hoe je werk nu gaat"
    # kept as the usual choice: its follow-up (when: 'Een opleiding' in ...) still comes
    assert session.answers["kern.hulp_nodig"].value == ["Een opleiding"]
    assert "kern.opleiding_welke" in ask.keys
    kept = session.answers["kern.werkdruk"].scale
    assert kept is not None and kept.min_label == "veel te hoog"
    usual = _questions_only(new_session("ervaren", ()), replies)
    labels = [c.label for c in usual.all("kern.hulp_nodig")[0].choices]
    assert "Een opleiding" in labels and "Een cursus" not in labels


def test_plain_choices_must_match_the_choices() -> None:
    from pydantic import ValidationError

    from loopbaan_cli.banks.model import Question

    with pytest.raises(ValidationError, match="'plain_choices' heeft 1 keuzes en 'choices' 2"):
        Question.model_validate(
            {
                "id": "x",
                "text": "X?",
                "type": "choice",
                "choices": ["a", "b"],
                "plain_choices": ["a"],
            }
        )


def test_the_short_conversation_asks_the_key_questions_only() -> None:
    session = new_session("spitsuur", ("balans",))
    session.short = True
    short = _questions_only(session)
    asked = [k for k in short.keys if "." in k and not k.startswith("preparation")]
    full = _questions_only(new_session("spitsuur", ("balans",)))
    assert 12 <= len(asked) <= 22
    assert len(asked) < len([k for k in full.keys if "." in k])
    library = load_library()
    for key in asked:
        found = library.find_question(key)
        assert found is not None and found[2].key, key
    assert short.all(asked[0])[0].header.endswith(f"vraag 1/{len(asked)} · 0 min")


def test_an_old_answers_file_with_the_plain_purpose_turns_plain_language_on(
    tmp_path: Path,
) -> None:
    from loopbaan_cli.conversation import answers_file

    path = tmp_path / "oud.yaml"
    path.write_text(
        "employee: {name: An Peeters}\n"
        "interviewer: {name: Marc}\n"
        "phase: starter\n"
        "purposes: [drempelverlagend, groei_job]\n"
        "answers:\n"
        "  kern.wat_graag: Klanten helpen.\n",
        encoding="utf-8",
    )
    draft = answers_file.build(
        path, load_library(), today=DAY, new_id=lambda name, day: "2026-11-22-an-peeters"
    )
    session = draft.session
    assert session.plain and session.purposes == ["groei_job"]
    assert session.answers["kern.wat_graag"].question == "Wat doe je het liefst in je werk?"
    short = tmp_path / "kort.yaml"
    short.write_text(
        "employee: {name: An}\ninterviewer: {name: Marc}\nphase: starter\nshort: true\n",
        encoding="utf-8",
    )
    kept = answers_file.build(short, load_library(), today=DAY, new_id=lambda n, d: "x").session
    assert kept.short and not kept.plain


# --- what goes on paper (issue 13) ---------------------------------------------------

GEVOELIG = """\
id: gevoelig
title: Gezondheid
order: 95
sections:
  - id: gezondheid
    title: Gezondheid en werk
    questions:
      - id: rug
        text: Hoe houdt je lichaam het werk vol?
        sensitive: true
      - id: thuis
        text: Hoe gaat het thuis?
        sensitive: true
"""
BASE = {"kern.job": "Kok", "kern.tevreden": 4, "kern.richting": "Blijven"}


def test_a_sensitive_answer_stays_off_paper_unless_the_employee_agrees(mini_banks: Path) -> None:
    (mini_banks / "banks" / "gevoelig.yaml").write_text(GEVOELIG, encoding="utf-8")
    replies = {**BASE, "gevoelig.rug": "Mijn rug protesteert", "gevoelig.thuis": "Zieke moeder"}
    replies["printed.gevoelig.rug"] = True  # the employee agrees for this one only
    session, ask, _ = converse(load_library(), replies)
    consent = ask.all("printed.gevoelig.rug") + ask.all("printed.gevoelig.thuis")
    assert [a.text for a in consent] == ["Mag dit op het afsprakenblad?"] * 2
    assert all(a.default is False for a in consent), "the default is no"
    assert "Mag dit" not in " ".join(a.text for a in ask.all("printed.kern.job"))
    assert session.answers["gevoelig.rug"].printed is True
    assert session.answers["gevoelig.thuis"].printed is False
    assert session.answers["gevoelig.thuis"].sensitive is True
    assert session.answers["kern.job"].printed is True
    assert session.answers["kern.tevreden"].printed is False  # a score: not by default


def test_the_review_marks_what_goes_on_paper(mini_banks: Path) -> None:
    (mini_banks / "banks" / "gevoelig.yaml").write_text(GEVOELIG, encoding="utf-8")
    replies = {**BASE, "gevoelig.rug": "Gaat wel"}
    _, ask, _ = converse(load_library(), replies)
    labels = {c.value: c.label for c in ask.all("review")[0].choices}
    assert labels["kern.job"].endswith("— op papier: Kok")
    assert labels["kern.tevreden"].endswith("— niet op papier: 4")
    assert labels["gevoelig.rug"].endswith("— niet op papier: Gaat wel")
    assert "op papier" in ask.all("review")[0].tip


def test_back_at_the_consent_question_returns_to_the_review(mini_banks: Path) -> None:
    (mini_banks / "banks" / "gevoelig.yaml").write_text(GEVOELIG, encoding="utf-8")
    replies = {**BASE, "gevoelig.rug": "Gaat wel", "printed.gevoelig.rug": Seq(Nav.BACK, True)}
    session, ask, _ = converse(load_library(), replies)
    assert ask.keys.count("review") == 2
    assert session.answers["gevoelig.rug"].printed is True


def test_consent_is_asked_once_and_changed_only_on_purpose(mini_banks: Path) -> None:
    (mini_banks / "banks" / "gevoelig.yaml").write_text(GEVOELIG, encoding="utf-8")
    replies = {
        **BASE,
        "gevoelig.rug": "Gaat wel",
        "printed.gevoelig.rug": True,
        # back from the conclusion twice: two more passes through the review
        "conclusion": Seq(Nav.BACK, Nav.BACK, "groei_huidige_job"),
    }
    session, ask, _ = converse(load_library(), replies)
    assert ask.keys.count("review") == 3
    assert len(ask.all("printed.gevoelig.rug")) == 1, "the decision is kept"
    assert session.answers["gevoelig.rug"].printed is True
    # choosing the answer in the list is the way to change the decision
    replies = {
        **BASE,
        "gevoelig.rug": Seq("Gaat wel", "Gaat wel"),
        "printed.gevoelig.rug": Seq(True, False),
        "review": Seq(DONE, "gevoelig.rug", DONE),
        "conclusion": Seq(Nav.BACK, "groei_huidige_job"),
    }
    session, ask, _ = converse(load_library(), replies)
    consent = ask.all("printed.gevoelig.rug")
    assert len(consent) == 2 and consent[1].default is True  # the decision so far
    assert session.answers["gevoelig.rug"].printed is False


def test_a_changed_sensitive_answer_is_asked_about_again(mini_banks: Path) -> None:
    (mini_banks / "banks" / "gevoelig.yaml").write_text(GEVOELIG, encoding="utf-8")
    replies = {
        **BASE,
        "gevoelig.rug": Seq("Gaat wel", "Mijn rug protesteert"),
        "printed.gevoelig.rug": Seq(True, False, True),
        "review": Seq(DONE, "gevoelig.rug", DONE),
        "conclusion": Seq(Nav.BACK, "groei_huidige_job"),
    }
    session, ask, _ = converse(load_library(), replies)
    # once at the first pass, once after choosing it; the changed answer is not asked a third time
    assert len(ask.all("printed.gevoelig.rug")) == 2
    assert session.answers["gevoelig.rug"].printed is False


def test_several_conclusions_each_with_a_word(library: Library) -> None:
    replies = {
        **BASE,
        "conclusion": ["geen_groei_nu", "doorverwijzing"],
        "conclusion.text": Seq("Nu kan er niets bij.", "Een loopbaancentrum kan helpen."),
    }
    session, ask, _ = converse(library, replies)
    assert [c.id for c in session.conclusions] == ["geen_groei_nu", "doorverwijzing"]
    assert [c.text for c in session.conclusions] == [
        "Nu kan er niets bij.",
        "Een loopbaancentrum kan helpen.",
    ]
    assert ask.all("conclusion")[0].type == "multi_choice"
    assert session.conclusions[1].referral_info and not session.conclusions[0].referral_info
    assert ask.all("conclusion.referral") == []  # a referral was chosen: no need to ask


def test_the_referral_info_can_go_with_any_conclusion(library: Library) -> None:
    session, _, _ = converse(library, {**BASE, "conclusion.referral": True})
    assert [c.id for c in session.conclusions] == ["groei_huidige_job"]
    assert session.conclusions[0].referral_info
    plain, _, _ = converse(library, BASE)
    assert not plain.conclusions[0].referral_info  # the default is no


def test_no_conclusion_ticked_asks_again(library: Library) -> None:
    replies = {**BASE, "conclusion": Seq([], "verder_zoals_nu")}
    session, ask, _ = converse(library, replies)
    assert "Kies minstens één conclusie" in ask.all("conclusion")[1].notice
    assert [c.id for c in session.conclusions] == ["verder_zoals_nu"]


def test_the_summary_is_written_together_and_previewed(library: Library) -> None:
    summary = "We spraken over de keuken en een opleiding."
    session, ask, _ = converse(library, {**BASE, "summary": summary})
    assert session.summary == summary
    shown = ask.all("preview")[0].display
    assert f"Wat we besproken hebben: {summary}" in shown
    assert "Conclusie: Groei in de huidige job" in shown
    assert "Antwoorden: niet op het blad" in shown


# --- rules that depend on the size of the company ------------------------------------


def agree_on(library: Library, action: str, employees: int | None) -> str:
    """The tip beside "Wat spreken jullie precies af?" once `action` is chosen."""
    replies = {**FINISH, **BASE, "agreements": Seq(ADD, DONE), "agreement.action": action}
    replies["agreement.what"] = "Iets concreets"
    ask = FakeAsk(replies)
    Interview(library, ask, Saves(), sheet, clock=lambda: 0.0, employees=employees).run(
        new_session()
    )
    return ask.all("agreement.what")[0].tip


def test_the_training_tip_gives_the_training_right_of_this_company(library: Library) -> None:
    small, middle, large = (agree_on(library, "opleiding", n) for n in (6, 12, 35))
    assert "Let op:" in small
    assert "geen wettelijke plicht" in small and "per jaar" not in small
    assert "(12 werknemers): 1 opleidingsdag per jaar" in middle
    assert "5 opleidingsdagen" not in middle
    assert "(35 werknemers): 5 opleidingsdagen per jaar" in large
    assert "grootte van je zaak" not in large


def test_the_working_time_tip_gives_notice_and_consent_for_this_size(library: Library) -> None:
    tiny = agree_on(library, "arbeidstijd_aanpassen", 8)
    assert "6 maanden op voorhand" in tiny and "akkoord gaat" in tiny
    middle = agree_on(library, "arbeidstijd_aanpassen", 15)
    assert "6 maanden op voorhand" in middle and "akkoord gaat" not in middle
    large = agree_on(library, "arbeidstijd_aanpassen", 40)
    assert "3 maanden op voorhand" in large and "6 maanden" not in large
    # the landingsbaan too, and each rule with its date and whether it is still to be confirmed
    assert "Landingsbaan (tijdskrediet eindeloopbaan) in je zaak (8 werknemers)" in tiny
    assert "nagekeken op 22-11-2026, nog te bevestigen bij je sociaal secretariaat" in tiny


def test_the_task_tip_gives_the_plan_for_45_plus_by_size(library: Library) -> None:
    assert "geen plicht" in agree_on(library, "taken_aanpassen", 12)
    large = agree_on(library, "taken_aanpassen", 30)
    assert "werkgelegenheidsplan voor je werknemers vanaf 45 jaar" in large
    assert "(nagekeken op 22-11-2026)." in large  # checked, nothing to confirm


def test_without_the_size_the_tip_gives_every_rule(library: Library) -> None:
    tip = agree_on(library, "opleiding", None)
    assert "Individueel opleidingsrecht hangt af van de grootte van je zaak:" in tip
    for rule in ("tot 9 werknemers", "10 tot 19 werknemers: 1 opleidingsdag", "vanaf 20"):
        assert rule in tip


def test_an_action_without_schemes_keeps_its_own_line(library: Library) -> None:
    watch = library.actions["coaching"].watch
    assert agree_on(library, "coaching", 12).endswith(f"Let op: {watch}")
