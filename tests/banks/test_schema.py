"""The JSON Schemas: shipped, never stale, and a third-party validator agrees with them."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from helpers import BUILTIN_BANKS, FIXTURES

from loopbaan_cli.banks import schema, schema_texts
from loopbaan_cli.banks.types import QUESTION_TYPES, TYPES

SCHEMA_DIR = BUILTIN_BANKS / schema.SCHEMA_DIR
BUILTIN_YAML = sorted(BUILTIN_BANKS.rglob("*.yaml"))


def as_json(data: Any) -> Any:
    """What an editor sees: YAML dates are plain text there (YAML 1.2)."""

    def plain(value: Any) -> Any:
        return value.isoformat() if isinstance(value, dt.date) else value

    return json.loads(json.dumps(data, default=plain))


def validator(name: str) -> jsonschema.Draft7Validator:
    shipped = json.loads((SCHEMA_DIR / schema.file_name(name)).read_text(encoding="utf-8"))
    return jsonschema.Draft7Validator(shipped, format_checker=jsonschema.FormatChecker())


def errors(name: str, data: Any) -> list[str]:
    return [e.message for e in validator(name).iter_errors(as_json(data))]


@pytest.mark.parametrize("name", list(schema.SCHEMAS))
def test_shipped_schema_equals_the_generated_one(name: str) -> None:
    shipped = SCHEMA_DIR / schema.file_name(name)
    assert shipped.read_text(encoding="utf-8") == schema.text(name), (
        f"{shipped} is verouderd: python -m loopbaan_cli.banks.schema"
    )


def test_no_stray_schema_files() -> None:
    assert {p.name for p in SCHEMA_DIR.iterdir()} == {schema.file_name(n) for n in schema.SCHEMAS}


def test_write_all_writes_what_ships(tmp_path: Path) -> None:
    for path in schema.write_all(tmp_path):
        assert path.read_bytes() == (SCHEMA_DIR / path.name).read_bytes()


@pytest.mark.parametrize("name", list(schema.SCHEMAS))
def test_schema_is_a_valid_draft7_schema(name: str) -> None:
    jsonschema.Draft7Validator.check_schema(schema.build(name))


@pytest.mark.parametrize("path", BUILTIN_YAML, ids=lambda p: str(p.relative_to(BUILTIN_BANKS)))
def test_every_builtin_file_validates_against_its_schema(path: Path) -> None:
    name = schema.schema_for_file(path.relative_to(BUILTIN_BANKS))
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert errors(name, data) == []


@pytest.mark.parametrize("path", BUILTIN_YAML, ids=lambda p: str(p.relative_to(BUILTIN_BANKS)))
def test_builtin_file_names_its_schema_relatively(path: Path) -> None:
    """So an editor checks the built-in files in a source checkout too."""
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# yaml-language-server: $schema="), path
    target = (path.parent / first.split("$schema=", 1)[1]).resolve()
    name = schema.schema_for_file(path.relative_to(BUILTIN_BANKS))
    assert target == (SCHEMA_DIR / schema.file_name(name)).resolve()


def test_catalogue_files_get_their_own_schema() -> None:
    assert schema.schema_for_file(Path("phases.yaml")) == "levensfasen"
    assert schema.schema_for_file(Path("referral.yaml")) == "doorverwijzing"
    assert schema.schema_for_file(Path("banks/kern.yaml")) == "vragenbank"
    assert schema.schema_for_file(Path("banks/phases.yaml")) == "vragenbank"
    assert schema.schema_for_file(Path("eigen.yaml")) == "vragenbank"


@pytest.mark.parametrize("name", list(schema.SCHEMAS))
def test_every_key_has_a_dutch_title_and_description(name: str) -> None:
    """A new field in banks/model.py needs its Dutch words in schema_texts.py before it ships."""
    model, _ = schema.SCHEMAS[name]
    built = schema.build(name)
    definitions = {model.__name__: built, **built.get("$defs", {})}
    for def_name, definition in definitions.items():
        assert def_name in schema_texts.TEXTS, f"schema_texts.TEXTS mist {def_name}"
        (title, description), fields = schema_texts.TEXTS[def_name]
        assert (definition["title"], definition["description"]) == (title, description)
        for key, prop in definition["properties"].items():
            assert key in fields, f"schema_texts.TEXTS mist {def_name}.{key}"
            assert (prop["title"], prop["description"]) == fields[key]
            assert prop["description"].strip() and prop["title"].strip()


def test_type_is_an_enum_with_meanings() -> None:
    question = schema.build()["$defs"]["Question"]["properties"]["type"]
    assert question["enum"] == list(QUESTION_TYPES)
    assert len(question["enumDescriptions"]) == len(question["enum"])
    assert question["enumDescriptions"] == [TYPES[t].meaning for t in QUESTION_TYPES]


BANK = {
    "id": "proef",
    "title": "Proef",
    "sections": [{"id": "deel", "title": "Deel", "questions": [{"id": "q", "text": "Q?"}]}],
}


def with_question(**fields: Any) -> dict[str, Any]:
    question = {"id": "q", "text": "Q?", **fields}
    return {**BANK, "sections": [{"id": "deel", "title": "Deel", "questions": [question]}]}


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (with_question(txt="tikfout"), "Additional properties"),
        (with_question(type="keuze"), "is not one of"),
        (with_question(type="choice"), "'choices' is a required property"),
        (with_question(choices=["a"]), "expected to be empty"),
        (with_question(type="choice", choices=[]), "should be non-empty"),
        (with_question(other=True), "False was expected"),
        (with_question(scale={"min": 1, "max": 5}), "is not of type 'null'"),
        (with_question(id="Met Spatie"), "does not match"),
        ({"id": "proef"}, "'title' is a required property"),
        ({**BANK, "sections": []}, "should be non-empty"),
    ],
)
def test_schema_catches_common_mistakes(data: dict[str, Any], words: str) -> None:
    found = errors(schema.BANK_SCHEMA, data)
    assert any(words in message for message in found), found


def test_schema_accepts_what_the_program_accepts() -> None:
    assert errors(schema.BANK_SCHEMA, BANK) == []
    assert errors(schema.BANK_SCHEMA, {"id": "kern", "enabled": False}) == []
    scale = with_question(
        type="scale", scale={"min": 0, "max": 10, "min_label": "a", "max_label": "b"}
    )
    assert errors(schema.BANK_SCHEMA, scale) == []
    choice = with_question(type="multi_choice", choices=["a", "b"], other=True, when="q == 'a'")
    assert errors(schema.BANK_SCHEMA, choice) == []


TEST_LIBRARY = sorted((FIXTURES / "library").glob("*.yaml"))


@pytest.mark.parametrize("path", TEST_LIBRARY, ids=lambda p: p.name)
def test_test_library_validates_too(path: Path) -> None:
    assert errors(schema.BANK_SCHEMA, yaml.safe_load(path.read_text(encoding="utf-8"))) == []


def test_unknown_schema_name() -> None:
    from loopbaan_cli.kernel.errors import LoopbaanError

    with pytest.raises(LoopbaanError, match="onbekend schema"):
        schema.build("vragen")
