"""No conversation asks the same thing twice, whatever phase and purposes it has.

A conversation holds the banks asked in every conversation (kern, afsluiting),
the bank of its life phase and the banks of its purposes. We try every life
phase with no purpose, one purpose and every pair of purposes, and take the
questions that some answers can bring up in it (`plan.possible`: what the
phase and purposes rule out is left out, follow-ups that wait for an answer
count as asked).

Two questions of one conversation are too alike when, after lower-casing and
dropping punctuation and extra spaces, their texts

- are the same;
- or one is contained in the other as whole words ("wat wil je nog leren" in
  "wat wil je nog leren voor je stopt"): the longer one asks the shorter one
  and a bit more;
- or difflib's SequenceMatcher ratio is above 0.85. At that threshold two
  questions of about ten words that differ in a word or two (the same
  question, slightly reworded) are caught, while two questions on the same
  theme written independently ("Wat wil je nog bijleren?" and "Hoe leer je
  het liefst iets nieuws?") are not. The threshold and the rule stay simple
  on purpose: this is a net for copies, the reading aloud is still done by a
  person. Two very short questions that only differ in "meer" and "minder"
  score above 0.85 too; such a pair is reworded, not excused.

Questions that ask the same in other words are not caught by text; the known
ones are listed in tests/test_content.py (test_overlapping_questions_are_asked_once).

The plain-language wordings (`plain:`) are compared the same way among
themselves: a conversation in plain language asks those.

Where two banks would ask the same, the banks use one mechanism: the question
of the more general bank (kern, or the phase) gets a `when` that leaves it out
when the purpose that asks it more deeply is chosen, e.g.
`when: "'groei_job' not in purposes"`; see docs/vragenbanken.md.
"""

from __future__ import annotations

import difflib
import itertools
import re
from functools import cache

import pytest

from loopbaan_cli.banks import plan
from loopbaan_cli.banks.library import Library, load_library

THRESHOLD = 0.85
MAX_PURPOSES = 2


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library()


def normalise(text: str) -> str:
    words = re.sub(r"[^\w\s]", " ", text.lower())
    return " ".join(words.split())


@cache
def too_alike(a: str, b: str) -> bool:
    first, second = normalise(a), normalise(b)
    if not first or not second:
        return False
    if first == second:
        return True
    short, long = sorted((first, second), key=len)
    if f" {short} " in f" {long} ":
        return True
    return difflib.SequenceMatcher(None, first, second).ratio() > THRESHOLD


def combinations(library: Library) -> list[tuple[str, tuple[str, ...]]]:
    return [
        (phase, purposes)
        for phase in library.phases
        for size in range(MAX_PURPOSES + 1)
        for purposes in itertools.combinations(library.purposes, size)
    ]


def clashes(library: Library, phase: str, purposes: tuple[str, ...], field: str) -> list[str]:
    items = plan.possible(library, phase, list(purposes))
    texts = [(item.key, getattr(item.question, field)) for item in items]
    return [
        f"{phase} + {list(purposes)}: {k1} {t1!r} ~ {k2} {t2!r}"
        for (k1, t1), (k2, t2) in itertools.combinations(texts, 2)
        if too_alike(t1, t2)
    ]


def test_every_combination_is_tried(library: Library) -> None:
    found = combinations(library)
    n = len(library.purposes)
    assert len(found) == len(library.phases) * (1 + n + n * (n - 1) // 2)
    for phase, purposes in found:
        banks = {item.bank.bank.id for item in plan.possible(library, phase, list(purposes))}
        assert {"kern", "afsluiting"} <= banks, (phase, purposes)


def test_no_conversation_asks_a_question_twice(library: Library) -> None:
    found = [
        clash
        for phase, purposes in combinations(library)
        for clash in clashes(library, phase, purposes, "text")
    ]
    assert not found, "\n".join(sorted(set(found)))


def test_no_conversation_asks_a_plain_question_twice(library: Library) -> None:
    found = [
        clash
        for phase, purposes in combinations(library)
        for clash in clashes(library, phase, purposes, "plain")
    ]
    assert not found, "\n".join(sorted(set(found)))


@pytest.mark.parametrize(
    ("a", "b", "alike"),
    [
        (
            "Welke verantwoordelijkheid zou je willen opnemen?",
            "Welke verantwoordelijkheid zou je willen opnemen?",
            True,
        ),
        (
            "Welke verantwoordelijkheid zou je willen opnemen?",
            "Welke verantwoordelijkheid wil je opnemen?",
            True,
        ),
        ("Wat wil je nog leren?", "Wat wil je nog leren voor je stopt?", True),
        ("Wat wil je nog bijleren?", "Hoe leer je het liefst iets nieuws?", False),
        ("Wat gaat goed in je werk?", "Wat gaat goed?", True),
        ("Hoe tevreden ben je?", "Hoe tevreden ben je over je uren?", True),
        ("Wat kost je energie?", "Wat geeft je energie?", False),
    ],
)
def test_what_counts_as_too_alike(a: str, b: str, alike: bool) -> None:
    assert too_alike(a, b) is alike
