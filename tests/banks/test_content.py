"""The built-in content: good enough that an owner uses it as it is.

These tests check what can be checked mechanically; the wording itself was read
aloud (see docs/vragenbanken.md for the rules the banks follow).
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
import statistics

import pytest

from loopbaan_cli.banks import plan
from loopbaan_cli.banks.library import Library, load_library
from loopbaan_cli.banks.model import Question, QuestionBank
from loopbaan_cli.conversation.referral import referral_for_manager


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


PHASES = ["nieuw", "starter", "spitsuur", "ervaren", "laatste_fase"]
PURPOSES = [
    "groei_job",
    "groei_andere_job",
    "herorientatie",
    "balans",
    "vijf_jaar",
    "laatste_loopbaanfase",
    "veranderend_werk",
    "terugkeer",
    "terugkeer_verlof",
]


def test_five_phases_and_nine_purposes(library: Library) -> None:
    """Plain language is a mode, not a purpose; new in the firm is a phase at any age."""
    assert list(library.phases) == PHASES
    assert list(library.purposes) == PURPOSES


@pytest.mark.parametrize("phase", PHASES)
def test_every_phase_has_its_own_bank(library: Library, phase: str) -> None:
    bank = own_bank(library, phase=phase)
    assert len(bank.questions()) >= 8, bank.id
    assert len(bank.sections) >= 2, bank.id
    assert all(section.questions for section in bank.sections)
    assert any(q.reflection for _, q in bank.questions()), "something to think about beforehand"


@pytest.mark.parametrize("purpose", PURPOSES)
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


def test_every_question_has_a_plain_wording(library: Library) -> None:
    """B1: one short question in common words, for a conversation in plain language."""
    for bank in all_banks(library):
        for _, q in bank.questions():
            key = f"{bank.id}.{q.id}"
            assert q.plain.strip(), f"{key}: no plain wording"
            assert q.plain.endswith("?") and q.plain.count("?") == 1, key
            assert len(q.plain.split()) <= 10, f"{key}: plain wording too long"


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
    text = referral_for_manager(library)
    assert f"Gecontroleerd op {library.referral.checked_on:%d-%m-%Y}" in text
    names = {p.name for p in library.referral.providers}
    assert {"ACV", "ABVV", "ACLVB"} <= names and any("VDAB" in n for n in names)


def test_core_bank_is_the_strongest_twenty_or_so(library: Library) -> None:
    """About fourteen core questions, and the workability block with its follow-ups."""
    kern = library.banks["kern"].bank
    assert 16 <= len(kern.questions()) <= 22
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


def test_closing_questions_come_last(library: Library) -> None:
    """The closing script: anything left, a summary in their own words, how it felt."""
    keys = applicable(library, "spitsuur", ["groei_job", "balans"])
    assert keys[-3:] == [
        "afsluiting.nog_iets",
        "afsluiting.samenvatting",
        "afsluiting.gevoel_gesprek",
    ]
    assert keys[0] == "kern.tevredenheid"


def test_phase_and_purpose_for_the_last_years_do_not_ask_twice(library: Library) -> None:
    both = applicable(library, "laatste_fase", ["laatste_loopbaanfase"])
    assert "fase_laatste.pensioen_zicht" not in both
    assert "doel_laatste_loopbaanfase.pensioenjaar" in both
    assert "kern.jaren_nog" not in both
    alone = applicable(library, "laatste_fase", ["groei_job"])
    assert "fase_laatste.pensioen_zicht" in alone


# --- issue 14: content a Flemish HR advisor would sign off ----------------------------


def question(library: Library, key: str) -> Question:
    found = library.find_question(key)
    assert found is not None, key
    return found[2]


def possible(library: Library, phase: str, purposes: list[str]) -> list[str]:
    """Every question some answers can bring up, follow-ups included."""
    return [item.key for item in plan.possible(library, phase, purposes)]


WORKABILITY = {
    # dimension of the Flemish workability monitor: (scale question, its follow-up)
    "plezier in het werk": ("tevredenheid", "waarom_ontevreden"),
    "werkstress": ("werkdruk", "energie_vreters"),
    "leerkansen": ("leerkansen", "leerzamer"),
    "werk en privé": ("werk_prive", "uren_aanpassen"),
}


def test_workability_block_for_everyone(library: Library) -> None:
    kern = library.banks["kern"]
    first = kern.bank.sections[0]
    ids = [q.id for q in first.questions]
    for scale_id, follow_up_id in WORKABILITY.values():
        scale, follow_up = (
            question(library, f"kern.{scale_id}"),
            question(library, f"kern.{follow_up_id}"),
        )
        assert scale.type == "scale" and scale.when is None, scale_id
        assert scale_id in ids and follow_up_id in ids
        assert follow_up.when and scale_id in kern.conditions[follow_up_id].names()
    for phase in library.phases:
        for purposes in ([], ["terugkeer_verlof"], ["laatste_loopbaanfase"]):
            asked = applicable(library, phase, purposes)
            for scale_id, _ in WORKABILITY.values():
                assert f"kern.{scale_id}" in asked, (phase, purposes, scale_id)
    words = " ".join(f"{q.text} {q.plain}" for q in first.questions).lower()
    for health in ("gezond", "ziek", "klacht", "dokter", "medisch"):
        assert health not in words, health


def test_follow_ups_come_only_when_the_answer_calls_for_them(library: Library) -> None:
    items = plan.build(library, "spitsuur", ["groei_job"])
    good = {f"kern.{scale}": 4 for scale, _ in WORKABILITY.values()}
    bad = {f"kern.{scale}": 1 for scale, _ in WORKABILITY.values()}
    asked_good = {
        i.key for i in plan.Applicability(items, good, "spitsuur", ["groei_job"]).applicable()
    }
    asked_bad = {
        i.key for i in plan.Applicability(items, bad, "spitsuur", ["groei_job"]).applicable()
    }
    for _, follow_up in WORKABILITY.values():
        assert f"kern.{follow_up}" not in asked_good
        assert f"kern.{follow_up}" in asked_bad


def test_keeping_up_and_heavier_work_are_asked_at_every_age(library: Library) -> None:
    for phase in library.phases:
        for purposes in ([], ["groei_job"], ["laatste_loopbaanfase"]):
            asked = applicable(library, phase, purposes)
            assert "kern.mee_met_vak" in asked and "kern.werkdruk" in asked, (phase, purposes)
    ervaren = own_bank(library, phase="ervaren")
    texts = " ".join(q.text.lower() for _, q in ervaren.questions())
    assert "zwaarder" not in texts and "mee met" not in texts and "bijleren" not in texts


FAMILY = re.compile(r"\b(gezin\w*|kind\w*|partner\w*|zwanger\w*|getrouwd|leeftijd|thuis)\b")


def test_no_question_presumes_a_family_or_ties_growth_to_home(library: Library) -> None:
    for bank in all_banks(library):
        for _, q in bank.questions():
            key = f"{bank.id}.{q.id}"
            for words in (q.text, q.plain):
                found = FAMILY.findall(words.lower())
                # "je thuis voelen in je job" is about the job
                assert not [w for w in found if w != "thuis" or "voel" not in words.lower()], key
            if "verantwoordelijkheid" in q.text.lower():
                assert "leven" not in q.text.lower(), key
                assert "thuis" not in q.tip.lower() or "nooit" in q.tip.lower(), key
            assert "drukte thuis" not in q.tip.lower(), key
    spitsuur = own_bank(library, phase="spitsuur")
    assert "thuis" not in spitsuur.description.lower()


SENSITIVE = [
    "kern.jaren_nog",  # years still to work
    "kern.energie_vreters",  # can touch burn-out
    "kern.uren_aanpassen",  # can touch family or a pregnancy
    "fase_starter.hier_blijven",  # intent to leave
    "fase_laatste.pensioen_zicht",  # the pension year
    "fase_laatste.te_zwaar",  # can touch health
    "doel_laatste_loopbaanfase.pensioenjaar",
    "doel_laatste_loopbaanfase.taken_afgeven",
    "doel_groei_andere_job.binnen_buiten",
    "doel_herorientatie.graag_blijven",
    "doel_vijf_jaar.graag_blijven",
    "doel_balans.knelpunten",
]


def test_sensitive_answers_are_marked(library: Library) -> None:
    for key in SENSITIVE:
        assert question(library, key).sensitive, key
    terugkeer = own_bank(library, purpose="terugkeer")
    for _, q in terugkeer.questions():
        if q.type in ("text", "long_text"):
            assert q.sensitive, f"doel_terugkeer.{q.id}: every free-text answer is sensitive"
    assert not question(library, "kern.wat_graag").sensitive


def test_tips_say_what_to_do_when_someone_discloses(library: Library) -> None:
    tips = " ".join(q.tip for b in all_banks(library) for _, q in b.questions())
    for words in (
        "redelijke aanpassingen",  # a disability
        "preventieadviseur psychosociale aspecten",  # harassment, burn-out
        "vertrouwenspersoon",
        "arbeidsarts",
        "zwanger",  # a pregnancy
        "noteer de aanpassing, niet de aandoening",  # what not to write down
    ):
        assert words in tips, words
    closing = question(library, "afsluiting.nog_iets").tip
    assert "niet op" in closing and "vertrouwenspersoon" in closing


def test_preparation_warns_about_access_and_is_no_performance_review(library: Library) -> None:
    prep = library.banks["voorbereiding"].bank
    first = prep.sections[0]
    assert "in te zien" in first.intro and "privénotities" in first.intro
    assert "inzien" in first.questions[0].text
    texts = " ".join(f"{q.text} {q.tip}" for _, q in prep.questions()).lower()
    assert "minder goed af" not in texts and "werkpunt" not in texts


def test_pension_questions_point_to_mypension(library: Library) -> None:
    for key in (
        "fase_laatste.pensioen_zicht",
        "fase_laatste.pensioen_uitzoeken",
        "doel_laatste_loopbaanfase.pensioenjaar",
        "doel_laatste_loopbaanfase.info_nodig",
    ):
        tip = question(library, key).tip
        assert "mypension.be" in tip or "Federale Pensioendienst" in tip, key
    for bank in all_banks(library):
        for _, q in bank.questions():
            if "pensioen" in q.text.lower() and "sociaal secretariaat" in q.tip:
                assert "geen pensioen" in q.tip or "minder" in q.tip, f"{bank.id}.{q.id}"


def test_a_partial_return_needs_the_advisory_doctor(library: Library) -> None:
    tip = question(library, "doel_terugkeer.tempo").tip
    assert "adviserend arts" in tip and "ziekenfonds" in tip and "arbeidsarts" in tip


def test_referral_facts_are_right_and_written_to_the_employee(library: Library) -> None:
    referral = library.referral
    cheque = referral.providers[0]
    text = f"{cheque.what} {cheque.how}"
    for fact in ("erkend loopbaancentrum", "gratis", "7 jaar", "nooit eerder", "loopbaankrediet"):
        assert fact in text, fact
    assert "VDAB begeleidt je niet zelf" in text
    assert cheque.valid_until == dt.date(2026, 12, 31)
    for provider in referral.providers:
        words = f"{provider.what} {provider.how}".split()
        assert "je" in words, f"{provider.name}: written to the employee"
        assert "hij" not in words and "medewerker" not in words, provider.name
    contacts = {p.name: p.contact for p in referral.providers}
    for union, site in (("ACV", "hetacv.be"), ("ABVV", "abvv.be"), ("ACLVB", "aclvb.be")):
        assert site in contacts[union] and "te bevestigen" in contacts[union]
    assert "van de medewerker" in referral.intro


def test_dated_levers_carry_their_dates(library: Library) -> None:
    ids = {lever.id for lever in library.levers}
    assert {"opleidingsrecht", "tijdskrediet", "landingsbaan", "pensioen"} <= ids
    assert "flexibele_werkregeling" in ids and "terug_na_ziekte" in ids
    for lever in library.levers:
        assert lever.checked_on <= dt.date(2026, 12, 1), lever.id
    landing = next(lever for lever in library.levers if lever.id == "landingsbaan")
    assert landing.valid_until is not None


@pytest.mark.parametrize(
    ("phase", "purposes", "left_out", "asked"),
    [
        # issue 14: the overlaps that were reported, and where the question went
        (
            "spitsuur",
            ["groei_job"],
            "fase_spitsuur.welke_verantwoordelijkheid",
            "doel_groei_job.welke_verantwoordelijkheid",
        ),
        ("spitsuur", ["balans"], "fase_spitsuur.wat_helpt", "doel_balans.knelpunten"),
        ("spitsuur", ["balans"], "kern.uren_aanpassen", "doel_balans.nodig_van_zaak"),
        ("ervaren", ["vijf_jaar"], "fase_ervaren.trots", "doel_vijf_jaar.trots"),
        ("ervaren", ["vijf_jaar"], "kern.over_enkele_jaren", "doel_vijf_jaar.volgende_stap"),
        (
            "laatste_fase",
            ["laatste_loopbaanfase"],
            "kern.over_enkele_jaren",
            "doel_laatste_loopbaanfase.goed_einde",
        ),
        ("starter", ["groei_job"], "fase_starter.leerstijl", "doel_groei_job.leren_hoe"),
        ("starter", ["vijf_jaar"], "fase_starter.hier_blijven", "doel_vijf_jaar.graag_blijven"),
        ("starter", ["vijf_jaar"], "fase_starter.verwachting", "doel_vijf_jaar.verwachting_begin"),
        (
            "starter",
            ["herorientatie", "vijf_jaar"],
            "doel_vijf_jaar.graag_blijven",
            "doel_herorientatie.graag_blijven",
        ),
        (
            "ervaren",
            ["laatste_loopbaanfase"],
            "kern.jaren_nog",
            "doel_laatste_loopbaanfase.pensioenjaar",
        ),
        (
            "ervaren",
            ["groei_job", "laatste_loopbaanfase"],
            "doel_groei_job.kleiner_maken",
            "doel_laatste_loopbaanfase.taken_afgeven",
        ),
        (
            "nieuw",
            ["terugkeer", "terugkeer_verlof"],
            "doel_terugkeer_verlof.nieuws_zaak",
            "doel_terugkeer.bijpraten",
        ),
    ],
)
def test_overlapping_questions_are_asked_once(
    library: Library, phase: str, purposes: list[str], left_out: str, asked: str
) -> None:
    keys = possible(library, phase, purposes)
    assert left_out not in keys and asked in keys
    alone = possible(library, phase, [])
    if left_out.split(".")[0] in {item.bank.bank.id for item in plan.possible(library, phase, [])}:
        assert left_out in alone, "without the purpose, the question is asked"


def test_the_dedupe_mechanism_is_a_when_on_purposes(library: Library) -> None:
    """Every question that gives way to a purpose says so in its own `when`."""
    for key in (
        "fase_spitsuur.verantwoordelijkheid_nu",
        "fase_ervaren.trots",
        "fase_starter.leerstijl",
        "doel_vijf_jaar.graag_blijven",
    ):
        when = question(library, key).when or ""
        assert "not in purposes" in when, key


def test_hours_are_asked_once_in_the_rush_hour(library: Library) -> None:
    """A low score for work and private life brings the core's open question, not both."""
    items = plan.build(library, "spitsuur", ["groei_job"])

    def asked(score: int) -> set[str]:
        answers = {"kern.werk_prive": score}
        return {
            i.key
            for i in plan.Applicability(items, answers, "spitsuur", ["groei_job"]).applicable()
        }

    assert "kern.uren_aanpassen" in asked(1) and "fase_spitsuur.wat_helpt" not in asked(1)
    assert "kern.uren_aanpassen" not in asked(4) and "fase_spitsuur.wat_helpt" in asked(4)
