"""The built-in content: good enough that an owner uses it as it is.

These tests check what can be checked mechanically; the wording itself was read
aloud (see docs/vragenbanken.md for the rules the banks follow).
"""

from __future__ import annotations

import itertools
import re
import statistics

import pytest

from loopbaan_cli import plan
from loopbaan_cli.banks import Library, load_library
from loopbaan_cli.interview import referral_text
from loopbaan_cli.models import QuestionBank


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library()


def all_banks(library: Library) -> list[QuestionBank]:
    return [lb.bank for lb in library.banks.values()]


def own_bank(
    library: Library, *, phase: str | None = None, purpose: str | None = None
) -> QuestionBank:
    """The bank made for exactly this phase or this purpose."""
    for bank in all_banks(library):
        if bank.kind != "conversation":
            continue
        if phase is not None and bank.phases == [phase]:
            return bank
        if purpose is not None and bank.purposes == [purpose]:
            return bank
    raise AssertionError(f"geen eigen bank voor {phase or purpose}")


def test_four_phases_and_eight_purposes(library: Library) -> None:
    assert list(library.phases) == ["starter", "spitsuur", "ervaren", "laatste_fase"]
    assert set(library.purposes) == {
        "groei_job",
        "groei_andere_job",
        "herorientatie",
        "balans",
        "vijf_jaar",
        "laatste_loopbaanfase",
        "terugkeer",
        "drempelverlagend",
    }


@pytest.mark.parametrize("phase", ["starter", "spitsuur", "ervaren", "laatste_fase"])
def test_every_phase_has_its_own_bank(library: Library, phase: str) -> None:
    bank = own_bank(library, phase=phase)
    assert len(bank.questions()) >= 8, bank.id
    assert len(bank.sections) >= 2, bank.id
    assert all(section.questions for section in bank.sections)
    assert any(q.reflection for _, q in bank.questions()), "something to think about beforehand"


@pytest.mark.parametrize(
    "purpose",
    [
        "groei_job",
        "groei_andere_job",
        "herorientatie",
        "balans",
        "vijf_jaar",
        "laatste_loopbaanfase",
        "terugkeer",
        "drempelverlagend",
    ],
)
def test_every_purpose_has_its_own_bank(library: Library, purpose: str) -> None:
    bank = own_bank(library, purpose=purpose)
    assert len(bank.questions()) >= 8, bank.id
    assert len(bank.sections) >= 2, bank.id
    assert all(section.questions for section in bank.sections)
    assert any(q.reflection for _, q in bank.questions())


def test_every_question_has_a_tip(library: Library) -> None:
    missing = [
        f"{b.id}.{q.id}" for b in all_banks(library) for _, q in b.questions() if len(q.tip) < 30
    ]
    assert not missing


def test_every_question_asks_one_thing(library: Library) -> None:
    for bank in all_banks(library):
        for _, q in bank.questions():
            assert q.text.endswith("?"), f"{bank.id}.{q.id}"
            assert q.text.count("?") == 1, f"{bank.id}.{q.id}: two questions in one"
            assert len(q.text) <= 100, f"{bank.id}.{q.id}: too long to ask across the table"


def test_every_scale_has_labelled_ends(library: Library) -> None:
    scales = [(b, q) for b in all_banks(library) for _, q in b.questions() if q.type == "scale"]
    assert len(scales) >= 8
    for bank, q in scales:
        assert q.scale is not None, f"{bank.id}.{q.id}: no scale given, so no own labels"
        assert {"min_label", "max_label"} <= q.scale.model_fields_set, f"{bank.id}.{q.id}"
        assert q.scale.min_label != q.scale.max_label


def test_choice_questions_offer_other_where_a_person_wants_it(library: Library) -> None:
    """Open lists get "Anders, namelijk…"; closed ones (ja/nee/weet niet) need not."""
    closed = re.compile(
        r"^(ja|nee|misschien|eerder niet|weet ik nog niet|tijdelijk|blijvend|"
        r"dat weet ik nog niet)$",
        re.IGNORECASE,
    )
    for bank in all_banks(library):
        for _, q in bank.questions():
            if q.type not in ("choice", "multi_choice"):
                continue
            assert len(set(q.choices)) == len(q.choices), f"{bank.id}.{q.id}"
            if not all(closed.match(c) for c in q.choices):
                assert q.other, f"{bank.id}.{q.id}: offer 'Anders, namelijk…'"


def test_follow_up_questions_use_when(library: Library) -> None:
    with_when = [q for b in all_banks(library) for _, q in b.questions() if q.when]
    assert len(with_when) >= 25
    for bank in all_banks(library):
        if bank.kind == "conversation" and bank.id != "afsluiting":
            assert any(q.when for _, q in bank.questions()), bank.id


def test_the_manager_prepares_every_topic(library: Library) -> None:
    prep = [lb.bank for lb in library.banks.values() if lb.bank.kind == "preparation"]
    assert len(prep) == 1
    texts = " ".join(q.text.lower() for _, q in prep[0].questions())
    for topic in (
        "sterk",
        "talenten",
        "mogelijkheden",
        "inhoud",
        "plaats",
        "verantwoordelijkheden",
        "begeleiding",
        "opleiding",
        "loon",
    ):
        assert topic in texts, topic


def test_reflection_questions_for_the_invitation(library: Library) -> None:
    kern = library.banks["kern"].bank
    assert sum(q.reflection for _, q in kern.questions()) >= 3
    assert not any(
        q.reflection
        for lb in library.banks.values()
        if lb.bank.kind == "preparation"
        for _, q in lb.bank.questions()
    )


def test_referral_carries_its_checked_date(library: Library) -> None:
    text = referral_text(library)
    assert f"Gecontroleerd op {library.referral.checked_on:%d-%m-%Y}" in text
    names = {p.name for p in library.referral.providers}
    assert {"ACV", "ABVV", "ACLVB"} <= names and any("VDAB" in n for n in names)


def test_core_bank_is_the_strongest_fourteen_or_so(library: Library) -> None:
    kern = library.banks["kern"].bank
    assert 12 <= len(kern.questions()) <= 16
    kinds = {q.type for _, q in kern.questions()}
    assert {"long_text", "scale", "choice", "multi_choice", "confirm", "number"} <= kinds


def applicable(library: Library, phase: str, purposes: list[str]) -> list[str]:
    items = plan.build(library, phase, purposes)
    return [i.key for i in plan.Applicability(items, {}, phase, purposes).applicable()]


def test_a_conversation_stays_around_forty_questions(library: Library) -> None:
    """A phase and two purposes, before any follow-up question is triggered."""
    counts = [
        len(applicable(library, phase, list(pair)))
        for phase in library.phases
        for pair in itertools.combinations(library.purposes, 2)
    ]
    assert max(counts) <= 45
    assert 30 <= statistics.mean(counts) <= 42


def test_lowering_the_threshold_keeps_it_short_and_plain(library: Library) -> None:
    for phase in library.phases:
        plain = applicable(library, phase, ["drempelverlagend"])
        usual = applicable(library, phase, ["groei_job"])
        assert len(plain) < len(usual)
        assert "kern.over_enkele_jaren" in usual and "kern.over_enkele_jaren" not in plain
        assert "afsluiting.nog_iets_eenvoudig" in plain and "afsluiting.nog_iets" not in plain
    drempel = own_bank(library, purpose="drempelverlagend")
    tips = " ".join(q.tip for _, q in drempel.questions()).lower()
    for fact in ("eerlijk", "kaartje", "agenda", "bereikbaar", "werkvloer"):
        assert fact in tips, fact
    assert max(len(q.text.split()) for _, q in drempel.questions()) <= 10


def test_closing_question_comes_last(library: Library) -> None:
    keys = applicable(library, "spitsuur", ["groei_job", "balans"])
    assert keys[-1] == "afsluiting.nog_iets"
    assert keys[0] == "kern.tevredenheid"


def test_phase_and_purpose_for_the_last_years_do_not_ask_twice(library: Library) -> None:
    both = applicable(library, "laatste_fase", ["laatste_loopbaanfase"])
    assert "fase_laatste.pensioen_zicht" not in both
    assert "doel_laatste_loopbaanfase.pensioenjaar" in both
    assert "kern.jaren_nog" not in both
    alone = applicable(library, "laatste_fase", ["groei_job"])
    assert "fase_laatste.pensioen_zicht" in alone
