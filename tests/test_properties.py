"""Properties that hold for any input hypothesis can think of.

- Bank loader: a valid bank, written as YAML into the user's bank folder,
  loads through `load_library` into exactly the bank it was.
- Sessions: any session (any Unicode, empty and very long text, every kind of
  answer value) comes back from `store.save` + `store.load` unchanged, and the
  file written answer by answer is the same text as one written at once.
- Renderers: every kind of document in every format renders any session
  without crashing, never shows a private note, and the plain-text documents
  keep their promised width (78 characters; the pocket card 60 and 40 lines).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from loopbaan_cli.banks.library import Library, load_library
from loopbaan_cli.banks.model import QuestionBank
from loopbaan_cli.banks.types import QUESTION_TYPES
from loopbaan_cli.documents.kinds import KINDS, template_formats
from loopbaan_cli.documents.render import render
from loopbaan_cli.kernel import paths, yamlio
from loopbaan_cli.kernel.record import Record
from loopbaan_cli.kernel.values import FIRST_DATE, LAST_DATE
from loopbaan_cli.sessions import seal, store
from loopbaan_cli.sessions.model import (
    Agreement,
    AnswerRecord,
    ConclusionRecord,
    Employee,
    FollowUp,
    Person,
    Session,
)

SETTINGS = settings(
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
SECRET = "GEHEIMPRIVE"  # marks every private note; it must never reach a document
TODAY = dt.date(2026, 11, 22)

# Any character a file can hold (no lone surrogates: they are not text in UTF-8).
CHARS = st.characters(exclude_categories=["Cs"])
short_text = st.text(CHARS, max_size=30)
long_text = st.text(CHARS, min_size=300, max_size=2000)
spaces_and_words = st.text(st.sampled_from("x "), max_size=500)
any_text = st.one_of(st.just(""), short_text, long_text, spaces_and_words)
nonblank = st.text(CHARS, min_size=1, max_size=60).filter(lambda s: s.strip())
kept_dates = st.dates(FIRST_DATE, LAST_DATE)  # what a session file may hold
slug = st.from_regex(r"[a-z][a-z0-9_]{0,12}", fullmatch=True)
values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**12), 10**12),
    st.floats(allow_nan=False, allow_infinity=False),
    kept_dates,
    any_text,
    st.lists(nonblank, max_size=4),
)


# --- sessions ------------------------------------------------------------------------


@st.composite
def records(draw: st.DrawFn, prefix: str) -> dict[str, AnswerRecord]:
    keys = draw(st.lists(slug, max_size=6, unique=True))
    found = {}
    for key in keys:
        private = draw(st.booleans())
        note = draw(any_text)
        if private:
            note = f"{SECRET} {note}"
        found[f"{prefix}.{key}"] = AnswerRecord(
            question=draw(nonblank),
            type=draw(st.sampled_from(QUESTION_TYPES)),
            section=draw(short_text),
            value=draw(values),
            skipped=draw(st.booleans()),
            note=note,
            private=private,
        )
    return found


@st.composite
def sessions(draw: st.DrawFn) -> Session:
    now = dt.datetime(2026, 11, 22, 10, 0)
    agreements = [
        Agreement(
            action=draw(st.one_of(st.none(), slug)),
            action_title=draw(short_text),
            what=draw(nonblank),
            owner=draw(short_text),
            due=draw(st.one_of(st.none(), kept_dates)),
            support=draw(any_text),
            success=draw(any_text),
        )
        for _ in range(draw(st.integers(0, 4)))
    ]
    return Session(
        id="2026-11-22-eigenschap",
        status=draw(st.sampled_from(["prepared", "in_progress", "completed"])),
        stage=draw(st.sampled_from(["questions", "done"])),
        created=now,
        updated=now,
        employee=Employee(name=draw(nonblank), role=draw(short_text)),
        interviewer=Person(name=draw(nonblank), role=draw(short_text)),
        date=draw(st.dates(dt.date(2000, 1, 1), dt.date(2100, 1, 1))),
        phase="spitsuur",
        phase_title=draw(short_text),
        purposes=["groei_job"],
        purpose_titles=[draw(short_text)],
        preparation=draw(records("voorbereiding")),
        answers=draw(records("kern")),
        conclusion=draw(
            st.one_of(
                st.none(),
                st.builds(ConclusionRecord, id=slug, title=short_text, text=any_text),
            )
        ),
        agreements=agreements,
        followups=[FollowUp(date=d) for d in draw(st.lists(kept_dates, max_size=3))],
        next_conversation=draw(st.one_of(st.none(), kept_dates)),
        reachability=draw(any_text),
        minutes=draw(st.floats(0, 1000, allow_nan=False)),
    )


@SETTINGS
@given(session=sessions())
def test_session_round_trips_through_save_and_load(home: Path, session: Session) -> None:
    path = store.save(session)
    loaded = store.load(session.id)
    assert loaded.model_dump() == session.model_dump()
    # and what loopbaan saved passes the sealed fast path's checks: the seal still saves time
    body = seal.unseal(path.read_text(encoding="utf-8"))
    assert body is not None
    assert store._has_session_shape(yamlio.load_quick(body, str(path)), summary=False)


@SETTINGS
@given(session=sessions(), layout=st.sampled_from(["as-saved", "flow", "quoted-keys", "reordered"]))
def test_listing_summary_is_the_session_without_its_answers(
    home: Path, session: Session, layout: str
) -> None:
    """`list` reads only the top of each file; whatever the layout, it reads it right."""
    path = store.save(session)
    data = session.model_dump(mode="python")
    if layout == "flow":  # one long {...} line: the quick reader steps aside
        path.write_text(yaml.dump(data, Dumper=yamlio.Dumper, default_flow_style=True, width=10**6))
    elif layout == "quoted-keys":
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("\nanswers:", '\n"answers":').replace("id:", '"id":', 1))
    elif layout == "reordered":  # answers first, the rest after
        first = {"answers": data.pop("answers"), "preparation": data.pop("preparation")}
        path.write_text(yamlio.dump(first) + yamlio.dump(data), encoding="utf-8")
    [summary] = store.list_sessions().sessions
    want = store.load(session.id).model_copy(update={"answers": {}, "preparation": {}})
    assert summary == Record(want.model_dump())
    assert store.view(session.id) == Record(session.model_dump())


@SETTINGS
@given(session=sessions())
def test_a_sealed_file_read_without_validation_is_what_validation_gives(
    home: Path, session: Session
) -> None:
    """Export and listings skip pydantic for sealed files; they must see the same data."""
    path = store.save(session)
    assert seal.unseal(path.read_text(encoding="utf-8")) is not None
    assert store.view(session.id) == Record(store.load(session.id).model_dump())
    [summary] = store.list_sessions().sessions
    assert summary == Record({**session.model_dump(), "answers": {}, "preparation": {}})


@SETTINGS
@given(session=sessions(), change=values)
def test_file_written_answer_by_answer_is_the_same_as_written_at_once(
    home: Path, session: Session, change: Any
) -> None:
    """store.save re-dumps only the answers that changed; the text must not differ."""
    whole = yamlio.dump(session.model_dump(mode="python"))
    assert store._dump(session) == whole
    assert store._dump(session) == whole  # now from the kept text of every answer
    if session.answers:
        key = next(iter(session.answers))
        session.answers[key] = session.answers[key].model_copy(update={"value": change})
        assert store._dump(session) == yamlio.dump(session.model_dump(mode="python"))
        store.save(session)
        assert store.load(session.id).answers[key].value == change or change != change


# --- renderers ---------------------------------------------------------------------------

_library: list[Library] = []


def builtin_library() -> Library:
    if not _library:
        _library.append(load_library())
    return _library[0]


@SETTINGS
@given(session=sessions())
@pytest.mark.parametrize("kind", sorted(KINDS))
def test_any_session_renders_in_every_format_without_private_notes(
    home: Path, kind: str, session: Session
) -> None:
    promise = KINDS[kind]  # the width (and, for the card, the length) the kind promises
    for fmt in (f.name for f in template_formats()):
        out = render(session, kind, fmt, today=TODAY, library=builtin_library())
        assert SECRET not in out, (kind, fmt)
        if fmt == "txt":
            lines = out.split("\n")
            for line in lines:
                assert len(line) <= promise.width, (kind, line)
            if promise.lines is not None:
                assert len(out.rstrip("\n").split("\n")) <= promise.lines


# --- the bank loader ---------------------------------------------------------------------


@st.composite
def questions(draw: st.DrawFn, qid: str) -> dict[str, Any]:
    kind = draw(st.sampled_from(QUESTION_TYPES))
    question: dict[str, Any] = {"id": qid, "text": draw(nonblank), "type": kind}
    if draw(st.booleans()):
        question["tip"] = draw(any_text)
    if draw(st.booleans()):
        question["required"] = draw(st.booleans())
    if kind in ("choice", "multi_choice"):
        choices = draw(st.lists(nonblank, min_size=1, max_size=5))
        unique = list(dict.fromkeys(c.strip() for c in choices))
        question["choices"] = unique
        question["other"] = draw(st.booleans())
    if kind == "scale" and draw(st.booleans()):
        low = draw(st.integers(-5, 5))
        question["scale"] = {"min": low, "max": low + draw(st.integers(1, 10))}
    if draw(st.booleans()):
        question["reflection"] = draw(st.booleans())
    return question


@st.composite
def banks(draw: st.DrawFn) -> dict[str, Any]:
    library = builtin_library()
    ids = draw(st.lists(slug, min_size=1, max_size=10, unique=True))
    section_ids = draw(st.lists(slug, min_size=1, max_size=3, unique=True))
    grouped: list[list[dict[str, Any]]] = [[] for _ in section_ids]
    for n, qid in enumerate(ids):
        grouped[n % len(grouped)].append(draw(questions(qid)))
    sections = [
        {"id": sid, "title": draw(nonblank), "intro": draw(short_text), "questions": group}
        for sid, group in zip(section_ids, grouped, strict=True)
    ]
    sections = [s for s in sections if s["questions"]]
    return {
        "id": "gen_" + draw(slug),
        "title": draw(nonblank),
        "description": draw(any_text),
        "kind": draw(st.sampled_from(["conversation", "preparation"])),
        "phases": draw(st.lists(st.sampled_from(sorted(library.phases)), unique=True)),
        "purposes": draw(st.lists(st.sampled_from(sorted(library.purposes)), unique=True)),
        "order": draw(st.integers(0, 100)),
        "sections": sections,
    }


@pytest.mark.slow
@SETTINGS
@given(bank=banks())
def test_any_valid_bank_loads_as_written(home: Path, bank: dict[str, Any]) -> None:
    folder = paths.ensure_private_dir(home / "question_banks")
    path = folder / "gegenereerd.yaml"
    # (yaml.safe_dump, pure Python, folds a NEL character into a space; the C dumper does not)
    path.write_text(yamlio.dump(bank), encoding="utf-8")
    library = load_library()
    errors = [str(p) for p in library.errors]
    assert not errors, errors
    loaded = library.banks[bank["id"]]
    assert loaded.path == path and loaded.source == "eigen"
    assert loaded.bank == QuestionBank.model_validate(bank)
