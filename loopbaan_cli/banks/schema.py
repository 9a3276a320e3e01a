"""JSON Schemas for the YAML files, so an editor can check and complete them.

Built from the pydantic models (the same rules `loopbaan banks validate` uses),
with Dutch titles and descriptions for every key, and a few rules pydantic
checks in code spelled out for the editor (`choices` only with a choice type,
a bank that is switched on needs a title and sections).

The schemas ship as files in question_banks/schema/; a test checks that those
files equal what this module generates. After a model change, regenerate them:

    python -m loopbaan_cli.banks.schema
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from loopbaan_cli.banks.model import (
    ActionFile,
    ConclusionFile,
    LeverFile,
    PhaseFile,
    PurposeFile,
    QuestionBank,
    ReferralFile,
)
from loopbaan_cli.banks.schema_texts import KIND_MEANINGS, TEXTS
from loopbaan_cli.banks.types import TYPES, choice_types, scale_types
from loopbaan_cli.kernel import paths
from loopbaan_cli.kernel.errors import LoopbaanError

SCHEMA_DIR = "schema"
BANK_SCHEMA = "vragenbank"

# schema name -> (model, the catalogue file it describes; None: every other *.yaml)
SCHEMAS: dict[str, tuple[type[BaseModel], str | None]] = {
    BANK_SCHEMA: (QuestionBank, None),
    "levensfasen": (PhaseFile, "phases.yaml"),
    "doelen": (PurposeFile, "purposes.yaml"),
    "acties": (ActionFile, "actions.yaml"),
    "conclusies": (ConclusionFile, "conclusions.yaml"),
    "doorverwijzing": (ReferralFile, "referral.yaml"),
    "regelingen": (LeverFile, "levers.yaml"),
}


def _dutch(schema: dict[str, Any], model_name: str) -> None:
    """Put the Dutch titles and descriptions on one model's schema."""
    texts = TEXTS.get(model_name)
    if texts is None:
        return
    (title, description), fields = texts
    schema["title"] = title
    schema["description"] = description
    for key, prop in schema.get("properties", {}).items():
        if key in fields:
            prop["title"], prop["description"] = fields[key]


def _question_rules(schema: dict[str, Any]) -> None:
    props = schema["properties"]
    props["type"]["enumDescriptions"] = [TYPES[t].meaning for t in props["type"]["enum"]]
    props["choices"]["minItems"] = 1
    schema["allOf"] = [
        {
            "if": {"properties": {"type": _one_of(choice_types())}, "required": ["type"]},
            "then": {"required": ["choices"]},
            "else": {"properties": {"choices": {"maxItems": 0}, "other": {"const": False}}},
        },
        {
            "if": {"properties": {"type": _one_of(scale_types())}, "required": ["type"]},
            "else": {"properties": {"scale": {"type": "null"}}},
        },
    ]


def _one_of(names: list[str]) -> dict[str, Any]:
    return {"const": names[0]} if len(names) == 1 else {"enum": names}


def _bank_rules(schema: dict[str, Any]) -> None:
    props = schema["properties"]
    props["kind"]["enumDescriptions"] = [KIND_MEANINGS[k] for k in props["kind"]["enum"]]
    schema["if"] = {"properties": {"enabled": {"const": False}}, "required": ["enabled"]}
    schema["else"] = {
        "required": ["title", "sections"],
        "properties": {"title": {"pattern": "\\S"}, "sections": {"minItems": 1}},
    }


def build(name: str = BANK_SCHEMA) -> dict[str, Any]:
    """The JSON Schema called `name` (see SCHEMAS), as a dict."""
    if name not in SCHEMAS:
        raise LoopbaanError(f"onbekend schema '{name}'", hint=f"Kies uit: {', '.join(SCHEMAS)}.")
    model, _ = SCHEMAS[name]
    raw = model.model_json_schema()
    definitions: dict[str, Any] = raw.pop("$defs", {})
    _dutch(raw, model.__name__)
    for def_name, definition in definitions.items():
        _dutch(definition, def_name)
    if model is QuestionBank:
        _bank_rules(raw)
        _question_rules(definitions["Question"])
    # draft-07: what yaml-language-server and most editors understand; `$defs` is
    # reached through plain JSON pointers, so it works there too.
    schema: dict[str, Any] = {"$schema": "http://json-schema.org/draft-07/schema#", **raw}
    if definitions:
        schema["$defs"] = dict(sorted(definitions.items()))
    return schema


def text(name: str = BANK_SCHEMA) -> str:
    """The schema as it is written to disk and printed: stable, readable JSON."""
    return json.dumps(build(name), ensure_ascii=False, indent=2) + "\n"


def file_name(name: str) -> str:
    return f"{name}.schema.json"


def schema_for_file(relative: Path) -> str:
    """Which schema checks a YAML file at `relative` inside a question_banks folder."""
    if len(relative.parts) == 1:
        for name, (_, catalogue) in SCHEMAS.items():
            if catalogue == relative.name:
                return name
    return BANK_SCHEMA


def write_all(folder: Path) -> list[Path]:
    """Write every schema file into `folder` (question_banks/schema); return their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name in SCHEMAS:
        path = folder / file_name(name)
        path.write_text(text(name), encoding="utf-8")
        written.append(path)
    return written


def builtin_dir() -> Path:
    return paths.builtin_banks_dir() / SCHEMA_DIR


if __name__ == "__main__":  # pragma: no cover - a maintainer's tool
    for written in write_all(builtin_dir()):
        print(written)
