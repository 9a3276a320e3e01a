"""The pocket card: never an agreement cut short, every follow-up, the employee's own goal.

The card is carried around, so the goal ("Mijn doel") stands on it only when
the answer may go on paper and the question is not sensitive.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from test_render import TODAY, make_session

from loopbaan_cli.banks.library import Library, load_library
from loopbaan_cli.documents import kinds
from loopbaan_cli.documents.render import render
from loopbaan_cli.sessions.model import Agreement, AnswerRecord, FollowUp

FORMATS = [f.name for f in kinds.template_formats()]
LONG = (
    "Elke woensdagnamiddag meelopen met Jan bij de offertes, eerst kijken en daarna zelf "
    "een kleine offerte opmaken, tot je ze zonder hulp kunt maken en nakijken voor ze "
    "naar de klant gaan, zodat je na de zomer de kleinere offertes helemaal zelf doet"
)
GOAL = "Zelf de kleinere offertes maken, zonder dat Jan ze nakijkt"
BANK = """\
id: eigen_doel
title: Eigen doel
sections:
  - id: doel
    title: Mijn doel
    questions:
      - id: half_jaar
        text: Wat wil je binnen een half jaar kunnen?
        goal: true
      - id: gezondheid
        text: Wat wil je over een half jaar kunnen, ook voor je gezondheid?
        goal: true
        sensitive: true
"""


@pytest.fixture
def library(tmp_path: Path) -> Library:
    bank = tmp_path / "eigen_doel.yaml"
    bank.write_text(BANK, encoding="utf-8")
    lib = load_library([bank])
    assert not lib.errors, lib.errors
    return lib


def flat(text: str) -> str:
    return " ".join(text.replace("\\", "").split())


def with_answer(key: str, *, printed: bool, sensitive: bool = False) -> dict[str, AnswerRecord]:
    return {
        key: AnswerRecord(
            question="Wat wil je binnen een half jaar kunnen?",
            section="Mijn doel",
            value=GOAL,
            sensitive=sensitive,
            printed=printed,
        )
    }


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_long_agreement_is_whole_on_the_card(fmt: str) -> None:
    session = make_session(agreements=[Agreement(what=LONG, owner="An Peeters")] * 6)
    out = flat(render(session, "kaart", fmt, today=TODAY))
    assert out.count(LONG) == 6, fmt
    assert "zie het afsprakenblad" not in out


def test_a_crowded_html_card_has_a_back() -> None:
    few = render(make_session(agreements=[Agreement(what="Kort", owner="An")]), "kaart", "html")
    many = make_session(agreements=[Agreement(what=LONG, owner="An Peeters")] * 6)
    assert 'class="back"' not in few
    assert 'class="back"' in render(many, "kaart", "html", today=TODAY)


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_follow_up_still_to_come_is_on_the_card(fmt: str) -> None:
    dates = [dt.date(2027, 1, 18), dt.date(2027, 3, 15), dt.date(2027, 6, 7)]
    session = make_session(followups=[FollowUp(date=d, what="Even samenzitten") for d in dates])
    out = flat(render(session, "kaart", fmt, today=TODAY))
    for needle in ("18 januari 2027", "15 maart 2027", "7 juni 2027"):
        assert needle in out, (fmt, needle)
    later = flat(render(session, "kaart", fmt, today=dt.date(2027, 2, 1)))
    assert "18 januari 2027" not in later and "7 juni 2027" in later


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_goal_is_on_the_card_when_it_may_go_on_paper(fmt: str, library: Library) -> None:
    session = make_session(answers=with_answer("eigen_doel.half_jaar", printed=True))
    out = flat(render(session, "kaart", fmt, today=TODAY, library=library))
    assert "Mijn doel" in out and GOAL in out, fmt


@pytest.mark.parametrize(
    ("key", "printed", "sensitive"),
    [
        ("eigen_doel.half_jaar", False, False),  # not for paper
        ("eigen_doel.gezondheid", True, True),  # sensitive: never on a card, even consented
        ("kern.energie", True, False),  # an answer to a question that is not the goal
    ],
)
def test_no_goal_on_the_card_otherwise(
    key: str, printed: bool, sensitive: bool, library: Library
) -> None:
    session = make_session(answers=with_answer(key, printed=printed, sensitive=sensitive))
    for fmt in FORMATS:
        out = render(session, "kaart", fmt, today=TODAY, library=library)
        assert GOAL not in out and "Mijn doel" not in out, (fmt, key)


def test_the_builtin_short_term_goal_is_marked(library: Library) -> None:
    found = library.find_question("doel_terugkeer.over_half_jaar")
    assert found is not None and found[2].goal


def test_with_the_builtin_banks_the_core_goal_is_on_every_card() -> None:
    """Every conversation (but a return after absence) asks a goal that is not sensitive."""
    import io

    import docx

    from loopbaan_cli.banks import plan

    library = load_library()
    found = library.find_question("kern.doel_kort")
    assert found is not None and found[2].goal and not found[2].sensitive
    for short in (False, True):
        keys = [i.key for i in plan.build(library, "spitsuur", ["groei_job"], short=short)]
        assert "kern.doel_kort" in keys, short
    session = make_session(answers=with_answer("kern.doel_kort", printed=True))
    for fmt in (*FORMATS, "pdf", "docx"):
        out = render(session, "kaart", fmt, today=TODAY, library=library)
        if fmt == "docx":
            assert isinstance(out, bytes)
            out = "\n".join(p.text for p in docx.Document(io.BytesIO(out)).paragraphs)
        elif fmt == "pdf":
            from test_pdf_docx import pdf_pages

            assert isinstance(out, bytes)
            out = " ".join(pdf_pages(out))
        assert "Mijn doel" in str(out) and GOAL in flat(str(out)), fmt
