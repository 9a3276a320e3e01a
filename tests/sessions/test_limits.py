"""What the store keeps and reads back: the size limit on save, ranges, times, the sealed fast path."""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

import pytest
from helpers import make_session, write_session
from pydantic import ValidationError

from loopbaan_cli.kernel import yamlio
from loopbaan_cli.kernel.errors import ConfigError, LoopbaanError
from loopbaan_cli.sessions import seal, store
from loopbaan_cli.sessions.model import AnswerRecord, Employee, Session, input_problems

TODAY = dt.date(2026, 11, 22)


def test_a_session_too_big_to_read_back_is_not_saved_and_the_old_file_stays(home: Path) -> None:
    session = make_session()
    path = store.save(session)
    before = path.read_bytes()
    # within the per-text limit, but emoji are written as escapes: 10 bytes each
    text = "\U0001f600" * (yamlio.MAX_TEXT_CHARS - 1)
    for key in ("a", "b", "c"):
        session.answers[f"kern.{key}"] = AnswerRecord(question="Vraag?", value=text)
    with pytest.raises(LoopbaanError, match="niet bewaard") as caught:
        store.save(session)
    assert "KB" in caught.value.message
    assert path.read_bytes() == before
    assert store.load(session.id).answers.keys() == make_session().answers.keys()
    assert not list(path.parent.glob("*.lock")) and not list(path.parent.glob(".*.tmp"))


def test_a_value_set_without_validation_is_not_saved(home: Path) -> None:
    """A flow that assigns (or model_copies) past the model's checks cannot write an unreadable file."""
    session = make_session()
    path = store.save(session)
    before = path.read_bytes()
    session.next_conversation = dt.date(9999, 12, 31)  # assignment: pydantic does not look
    with pytest.raises(LoopbaanError, match="niet bewaard: next_conversation"):
        store.save(session)
    session.next_conversation = None
    session.answers["kern.wat_graag"].value = math.nan
    with pytest.raises(LoopbaanError, match=r"niet bewaard: answers\.kern\.wat_graag"):
        store.save(session)
    assert path.read_bytes() == before


def test_what_is_saved_can_always_be_read_back(home: Path) -> None:
    session = make_session()
    session.summary = "\U0001f600" * yamlio.MAX_TEXT_CHARS  # the worst text at the limit
    path = store.save(session)
    assert path.stat().st_size <= yamlio.MAX_BYTES
    assert store.load(session.id).summary == session.summary
    assert store.view(session.id).summary == session.summary


@pytest.mark.parametrize("value", [math.inf, -math.inf, math.nan])
def test_a_number_answer_must_be_finite(value: float) -> None:
    with pytest.raises(ValidationError, match="eindig"):
        AnswerRecord(question="Hoeveel jaar nog?", type="number", value=value)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("date", dt.date(9999, 12, 31)),
        ("date", dt.date(1899, 12, 31)),
        ("next_conversation", dt.date(2101, 1, 1)),
        ("followups", [{"date": dt.date(9999, 12, 31), "what": "x"}]),
        ("minutes", math.inf),
        ("minutes", -1),
    ],
)
def test_a_file_holds_dates_from_1900_to_2100_and_finite_minutes(field: str, value: object) -> None:
    data = make_session().model_dump()
    data[field] = value
    with pytest.raises(ValidationError):
        Session.model_validate(data)


def test_retirement_year_and_service_start_have_a_file_range_and_a_stricter_input_rule() -> None:
    with pytest.raises(ValidationError):
        Employee(name="An", retirement_year=3)
    with pytest.raises(ValidationError):
        Employee(name="An", service_start=dt.date(9999, 1, 1))
    assert Employee(name="An", retirement_year=2020, service_start=dt.date(1920, 1, 1))
    assert input_problems(None, 2020, TODAY) == {
        "retirement_year": "geef als pensioenjaar een jaartal tussen 2025 en 2086"
    }
    assert "pensioenjaar" in input_problems(None, 3, TODAY)["retirement_year"]
    assert input_problems(None, 2025, TODAY) == input_problems(None, 2086, TODAY) == {}
    assert input_problems(TODAY + dt.timedelta(days=200), None, TODAY) == {}
    late = input_problems(TODAY + dt.timedelta(days=380), None, TODAY)
    assert "toekomst" in late["service_start"]
    assert "indiensttreding" in input_problems(dt.date(1920, 1, 1), None, TODAY)["service_start"]


def test_a_time_with_a_zone_is_read_as_local_time(home: Path) -> None:
    path = write_session(home, make_session())
    text = path.read_text().replace(
        "updated: 2026-11-22 10:00:00", "updated: 2026-11-22 10:00:00+00:00"
    )
    path.write_text(text)
    updated = store.load(make_session().id).updated
    assert updated.tzinfo is None
    assert updated == dt.datetime(2026, 11, 22, 10, 0, tzinfo=dt.timezone.utc).astimezone().replace(
        tzinfo=None
    )
    assert store.list_sessions().sessions[0].updated.tzinfo is None


# --- the sealed fast path keeps the guards --------------------------------------------------


def forged(home: Path, body: str, session_id: str = "2026-01-01-vals") -> Path:
    folder = home / "sessions"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{session_id}.yaml"
    path.write_text(seal.seal(body), encoding="utf-8")
    return path


def body(**changes: object) -> str:
    data = make_session(id="2026-01-01-vals").model_dump(mode="python")
    data.update(changes)
    return yamlio.dump(data)


def test_a_true_seal_is_still_the_fast_path(home: Path) -> None:
    path = forged(home, body())
    assert store.view_path(path).employee.name == "An Peeters"


def test_every_part_loopbaan_writes_passes_the_fast_path(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from loopbaan_cli.sessions.model import Agreement, CheckIn, FollowUp, Meeting

    session = make_session(
        employee=Employee(
            name="An Peeters", service_start=dt.date(2001, 3, 1), retirement_year=2040
        ),
        meeting=Meeting(time="14:30", place="Zaal", minutes=75),
        agreements=[Agreement(what="Cursus", due=dt.date(2027, 1, 1))],
        followups=[FollowUp(date=dt.date(2027, 2, 1))],
        next_conversation=dt.date(2029, 11, 22),
        checkins=[CheckIn(date=dt.date(2027, 2, 1), next=dt.date(2027, 5, 1))],
        minutes=34.5,
    )
    path = store.save(session)

    def no_validation(path: Path) -> Session:
        raise AssertionError("the sealed file was validated again")

    monkeypatch.setattr(store, "load_path", no_validation)
    monkeypatch.setattr(store, "_load_summary", no_validation)
    assert store.view_path(path).meeting.time == "14:30"
    assert store.view_path(path, summary=True).employee.retirement_year == 2040


def test_a_sealed_time_with_a_zone_is_read_as_local_time(home: Path) -> None:
    path = forged(home, body(updated=dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)))
    assert store.view_path(path).updated.tzinfo is None
    assert store.view_path(path, summary=True).updated.tzinfo is None


@pytest.mark.parametrize(
    "changes",
    [
        {"employee": 5},
        {"employee": {"name": ["An"]}},
        {"updated": "gisteren"},
        {"status": "misschien"},
        {"id": "../../etc/passwd"},
        {"date": dt.date(9999, 12, 31)},
        {"agreements": [{"what": "x", "due": dt.date(9999, 1, 1)}]},
        {"answers": {"kern.x": "kaal"}},
        {"followups": "morgen"},
    ],
)
def test_a_forged_seal_over_a_wrong_shape_gets_the_validating_read(
    home: Path, changes: dict[str, object]
) -> None:
    path = forged(home, body(**changes))
    with pytest.raises(ConfigError) as caught:
        store.view_path(path)
    assert caught.value.problems[0].file == str(path)


def test_a_forged_seal_over_an_alias_bomb_is_refused_quickly(home: Path) -> None:
    bomb = "\n".join(
        ['x: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
        + [
            f"x{n}: &a{n} [" + ",".join(["*a" if n == 0 else f"*a{n - 1}"] * 9) + "]"
            for n in range(9)
        ]
    )
    path = forged(home, body() + bomb + "\n")
    with pytest.raises(ConfigError, match="verwijzingen"):
        store.view_path(path)
    with pytest.raises(ConfigError, match="verwijzingen"):
        store.view_path(path, summary=True)
