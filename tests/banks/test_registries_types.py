"""The question-type registry (banks/types.py) is complete: every entry has what the rooms ask of it.

A new type is an entry in the registry, a paper form in the templates and a row
in docs/vragenbanken.md; these tests name what a new entry still lacks.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from helpers import ROOT

from loopbaan_cli.banks.model import Question, Scale
from loopbaan_cli.banks.types import (
    QUESTION_TYPES,
    TYPED_OTHER,
    TYPES,
    Limits,
    Paper,
    Prompt,
    QuestionTypeSpec,
    read_answer,
)

DOCS = ROOT / "docs" / "vragenbanken.md"


def _docs_rows() -> dict[str, str]:
    """type -> its row in the table under '### Vraagtypes'."""
    text = DOCS.read_text(encoding="utf-8")
    section = text.split("### Vraagtypes", 1)[1].split("\n#", 1)[0]
    rows = re.findall(r"^\| `([a-z_]+)` \|(.*)$", section, flags=re.M)
    return dict(rows)


def _missing(name: str, entry: QuestionTypeSpec) -> list[str]:
    missing = []
    if entry.name != name:
        missing.append(f"de naam '{name}' (het heet '{entry.name}')")
    for what, value in [
        ("een lezer voor getypte tekst (from_text)", entry.from_text),
        ("een lezer voor een antwoordenbestand (from_file)", entry.from_file),
        ("een domein voor de when-controle (domain)", entry.domain),
        ("een label voor de prompt (label)", entry.label),
        ("een weergave op het scherm (show)", entry.show),
        ("waarschuwingen bij een vergelijking in when (when_warnings)", entry.when_warnings),
    ]:
        if not callable(value):
            missing.append(what)
    if not entry.meaning.strip():
        missing.append("een betekenis voor het schema (meaning)")
    if not isinstance(entry.prompt, Prompt):
        missing.append("een promptvorm (prompt)")
    if not isinstance(entry.paper, Paper):
        missing.append("een papieren formulier (paper)")
    if not entry.noun.strip():
        missing.append("een zelfstandig naamwoord (noun)")
    if name not in _docs_rows():
        missing.append(f"een rij in de tabel Vraagtypes van {DOCS.name}")
    return missing


@pytest.mark.parametrize("name", QUESTION_TYPES)
def test_every_type_has_everything(name: str) -> None:
    missing = _missing(name, TYPES[name])
    assert not missing, f"vraagtype '{name}' mist: " + "; ".join(missing)


def test_the_check_names_what_an_entry_lacks() -> None:
    bare = QuestionTypeSpec(
        name="voorbeeld",  # a name no type will ever have
        meaning="",
        prompt="text",  # type: ignore[arg-type]
        paper=Paper.LINE,
        from_text=None,  # type: ignore[arg-type]
        from_file=lambda value, _limits: value,
        domain=lambda _limits: None,
    )
    missing = _missing("voorbeeld", bare)
    assert missing == [
        "een lezer voor getypte tekst (from_text)",
        "een betekenis voor het schema (meaning)",
        "een promptvorm (prompt)",
        f"een rij in de tabel Vraagtypes van {DOCS.name}",
    ]


def test_the_docs_table_lists_the_registry_with_its_meanings() -> None:
    rows = _docs_rows()
    assert list(rows) == list(QUESTION_TYPES), "de tabel Vraagtypes volgt de volgorde van TYPES"
    for name, row in rows.items():
        assert TYPES[name].meaning in row, f"docs: de betekenis van '{name}' wijkt af"


def test_question_type_is_the_registry() -> None:
    assert Question.model_json_schema()["properties"]["type"]["enum"] == list(QUESTION_TYPES)
    with pytest.raises(ValueError, match="type"):
        Question(id="q", text="Q?", type="voorbeeld")  # type: ignore[arg-type]


def _question(kind: str, **fields: Any) -> Question:
    if TYPES[kind].uses_choices:
        fields.setdefault("choices", ["Ja", "Nee"])
    return Question(id="q", text="Q?", type=kind, **fields)


@pytest.mark.parametrize("name", QUESTION_TYPES)
def test_every_domain_value_is_an_answer_the_type_reads(name: str) -> None:
    """What the `when` checks try is what a real answer can be."""
    question = _question(name, other=TYPES[name].uses_choices)
    domain = TYPES[name].domain(Limits.of(question))
    if domain is None:
        return
    assert domain, f"'{name}': an empty domain would make every `when` on it unreachable"
    for value in domain:
        typed = [v for v in value if v != TYPED_OTHER] if isinstance(value, list) else value
        if typed == TYPED_OTHER:
            continue
        assert read_answer(question, typed) == typed


@pytest.mark.parametrize(
    ("name", "typed", "value"),
    [
        ("text", "Iets", "Iets"),
        ("long_text", "Iets langer", "Iets langer"),
        ("choice", "ja", "Ja"),
        ("multi_choice", "nee", ["Nee"]),
        ("confirm", "Ja", True),
        ("scale", "4", 4),
        ("date", "1/12/2026", dt.date(2026, 12, 1)),
        ("number", "3,5", 3.5),
    ],
)
def test_typed_text_reads_as_the_answer(name: str, typed: str, value: Any) -> None:
    question = _question(name)
    assert TYPES[name].from_text(typed, Limits.of(question)) == value
    assert read_answer(question, typed if name != "scale" else value) == value


@pytest.mark.parametrize(
    ("name", "wrong", "message"),
    [
        ("text", ["a"], "verwacht tekst"),
        ("choice", "Paars", "'Paars' is geen keuze; kies uit: Ja, Nee"),
        ("confirm", "misschien", "verwacht true/false (of ja/nee)"),
        ("scale", 9, "9 ligt buiten de schaal 1 tot 5"),
        ("scale", "4", "verwacht een geheel getal van 1 tot 5"),
        ("date", 5, "verwacht een datum (JJJJ-MM-DD)"),
        ("number", True, "verwacht een getal"),
    ],
)
def test_a_wrong_value_in_a_file_says_why_in_dutch(name: str, wrong: Any, message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        read_answer(_question(name), wrong)


def test_a_typed_scale_outside_its_range_says_the_range() -> None:
    limits = Limits(scale=Scale(min=0, max=10))
    with pytest.raises(ValueError, match="kies een geheel getal van 0 tot 10"):
        TYPES["scale"].from_text("11", limits)
    assert TYPES["scale"].label(limits).startswith("Score van 0 (helemaal niet) tot 10")


def test_text_answers_keep_a_draft_and_typed_prompts_are_the_typed_ones() -> None:
    """Pinned for the types there are; a new type chooses for itself."""
    keeps = {n for n, t in TYPES.items() if t.keeps_draft}
    typed = {n for n, t in TYPES.items() if t.prompt.typed}
    assert {"text", "long_text"} <= keeps
    assert keeps.isdisjoint({"choice", "multi_choice", "confirm", "scale", "date", "number"})
    assert {"text", "long_text", "scale", "date", "number"} <= typed
    assert typed.isdisjoint({"choice", "multi_choice", "confirm"})
    assert keeps <= typed, "only words typed at the keyboard can be kept as a draft"
