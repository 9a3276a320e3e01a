"""The two modes of a conversation (short, plain language) and the content of issue 14, part 2.

Short: only the questions marked `key: true`, about 15-20 (some 45 minutes)
in every phase with up to two purposes. Plain language: the same questions,
each in its `plain` wording; the career questions stay.
"""

from __future__ import annotations

import itertools

import pytest

from loopbaan_cli.banks import plan
from loopbaan_cli.banks.library import Library, load_library


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library()


def combinations(library: Library) -> list[tuple[str, list[str]]]:
    return [
        (phase, list(purposes))
        for phase in library.phases
        for size in range(3)
        for purposes in itertools.combinations(library.purposes, size)
    ]


def fixed_keys(library: Library, phase: str, purposes: list[str], **mode: bool) -> list[str]:
    items = plan.build(library, phase, purposes, **mode)
    return [item.key for item in plan.fixed(items, phase, purposes)]


def test_every_short_conversation_has_twelve_to_twenty_two_questions(library: Library) -> None:
    wrong = {
        (phase, tuple(purposes)): n
        for phase, purposes in combinations(library)
        if not 12 <= (n := len(fixed_keys(library, phase, purposes, short=True))) <= 22
    }
    assert not wrong


def test_the_short_conversation_is_a_choice_from_the_full_one(library: Library) -> None:
    for phase, purposes in combinations(library)[::7]:
        short = fixed_keys(library, phase, purposes, short=True)
        full = fixed_keys(library, phase, purposes)
        assert len(short) < len(full)
        assert [k for k in full if k in short] == short, "same order, nothing new"


def test_the_short_conversation_keeps_workability_ambition_and_the_close(library: Library) -> None:
    for phase in library.phases:
        short = fixed_keys(library, phase, [], short=True)
        for key in ("kern.tevredenheid", "kern.werkdruk", "kern.leerkansen", "kern.werk_prive"):
            assert key in short, (phase, key)
        assert "kern.nog_bereiken" in short
        assert short[-1] == "afsluiting.gevoel_gesprek"
        phase_bank = {item.bank.bank.id for item in plan.build(library, phase, [])} - {
            "kern",
            "afsluiting",
        }
        assert any(k.split(".")[0] in phase_bank for k in short), f"{phase}: the phase's best"


def test_every_bank_marks_its_best_questions(library: Library) -> None:
    for lb in library.banks.values():
        if lb.bank.kind == "conversation":
            assert any(q.key for _, q in lb.bank.questions()), lb.bank.id


def test_a_follow_up_of_a_key_question_comes_along_in_the_short_conversation(
    library: Library,
) -> None:
    items = plan.build(library, "spitsuur", [], short=True)
    low = {"kern.werkdruk": 1}
    asked = {i.key for i in plan.Applicability(items, low, "spitsuur", []).applicable()}
    assert "kern.energie_vreters" in asked


def test_plain_language_asks_the_same_questions_in_plain_words(library: Library) -> None:
    for phase, purposes in combinations(library)[::5]:
        usual = plan.build(library, phase, purposes)
        plain = plan.build(library, phase, purposes, plain=True)
        assert [i.key for i in plain] == [i.key for i in usual]
        assert all(i.text == i.question.plain for i in plain)
        assert all(i.text == i.question.text for i in usual)


def test_plain_language_keeps_the_career_questions(library: Library) -> None:
    """Ambition, talents and the years ahead: the old purpose dropped them, the mode does not."""
    for phase in library.phases:
        asked = fixed_keys(library, phase, [], plain=True)
        for key in ("kern.meer_gebruiken", "kern.nog_bereiken", "kern.richting"):
            assert key in asked, (phase, key)
        assert "kern.over_enkele_jaren" in asked


def test_plain_language_is_no_purpose_any_more(library: Library) -> None:
    assert "drempelverlagend" not in library.purposes
    assert not any("drempelverlagend" in lb.bank.id for lb in library.banks.values())
    for lb in library.banks.values():
        for _, q in lb.bank.questions():
            assert "drempelverlagend" not in (q.when or ""), f"{lb.bank.id}.{q.id}"


# --- phases and purposes -----------------------------------------------------------


def test_the_last_phase_is_counted_from_ones_own_pension_date(library: Library) -> None:
    last = library.phases["laatste_fase"]
    words = f"{last.description} {last.ages}".lower()
    assert "pensioen" in words and "mypension" in words
    for phase in library.phases.values():
        assert "55" not in f"{phase.description} {phase.ages}", phase.id


def test_new_in_the_firm_is_a_phase_at_any_age(library: Library) -> None:
    new = library.phases["nieuw"]
    assert "elke leeftijd" in new.ages
    bank = library.banks["fase_nieuw"].bank
    assert bank.phases == ["nieuw"] and len(bank.questions()) >= 8


def test_illness_and_leave_are_two_purposes(library: Library) -> None:
    ill, leave = library.banks["doel_terugkeer"].bank, library.banks["doel_terugkeer_verlof"].bank
    assert "verlof" not in library.purposes["terugkeer"].description
    tips = " ".join(q.tip for _, q in ill.questions())
    assert "adviserend arts" in tips and "arbeidsarts" in tips
    leave_tips = " ".join(q.tip for _, q in leave.questions())
    assert "cao 162" in leave_tips and "sociaal secretariaat" in leave_tips
    assert "arts" not in " ".join(q.text for _, q in leave.questions())
    for bank in (ill, leave):
        for _, q in bank.questions():
            if q.type == "long_text":
                assert q.sensitive, f"{bank.id}.{q.id}: free text after an absence"


def test_a_job_that_changes_with_the_business_has_its_purpose(library: Library) -> None:
    purpose = library.purposes["veranderend_werk"]
    assert "machine" in purpose.description and "software" in purpose.description
    bank = library.banks["doel_veranderend_werk"].bank
    assert bank.purposes == ["veranderend_werk"]


# --- opening and closing scripts -----------------------------------------------------


def test_every_conversation_opens_and_closes_with_a_script(library: Library) -> None:
    opening = library.banks["kern"].bank.sections[0].intro.lower()
    for said in ("geen evaluatie", "overslaan", "noteer", "kopie"):
        assert said in opening, said
    closing = library.banks["afsluiting"].bank
    assert closing.sections[-1].intro
    texts = " ".join(q.text for _, q in closing.questions()).lower()
    tips = " ".join(q.tip for _, q in closing.questions()).lower()
    assert "meenemen" in texts or "neem je mee" in texts
    assert "eigen woorden" in tips and "ervaren" in texts
    for phase, purposes in combinations(library)[::9]:
        keys = fixed_keys(library, phase, purposes)
        assert keys[0] == "kern.tevredenheid" and keys[-1] == "afsluiting.gevoel_gesprek"


# --- the action catalogue -------------------------------------------------------------

LEVERS = {
    "arbeidstijd_aanpassen": "landingsbaan",
    "taken_aanpassen": "arbeidsarts",
    "kennis_doorgeven": "",
    "interne_overstap": "",
    "evc": "",
    "taalondersteuning": "",
    "reintegratieplan": "adviserend arts",
    "job_crafting": "",
}


def test_the_catalogue_has_the_non_learning_levers(library: Library) -> None:
    for action_id, fact in LEVERS.items():
        action = library.actions[action_id]
        assert action.watch.strip(), f"{action_id}: waar op letten / wie betaalt"
        assert fact.lower() in f"{action.description} {action.watch}".lower(), action_id


LEARNING = [
    "werkmethodes",
    "zelf_oplossen",
    "uitdagende_opdrachten",
    "ervaren_collega",
    "projectwerk",
    "peter_meter",
    "coaching",
    "jobrotatie",
    "intervisie",
    "meelopen",
    "opleiding",
]


def test_every_learning_action_says_what_to_mind(library: Library) -> None:
    missing = [a for a in LEARNING if not library.actions[a].watch.strip()]
    assert not missing


def test_a_long_introduction_has_a_plain_one_too(library: Library) -> None:
    """In plain language the scripts read out are plain too: short sentences."""
    for lb in library.banks.values():
        if lb.bank.kind != "conversation":
            continue  # the owner's own preparation is never asked in plain language
        for section in lb.bank.sections:
            if len(section.intro.split()) > 20:
                assert section.plain.strip(), f"{lb.bank.id}.{section.id}"
            for sentence in section.plain.split(". "):
                assert len(sentence.split()) <= 14, f"{lb.bank.id}.{section.id}: {sentence}"
