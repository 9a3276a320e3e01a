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

_SLUG = "kleine letters, cijfers, _ en -; geen spaties of accenten"

# Per model: its own (title, description), then per field (title, description).
_TEXTS: dict[str, tuple[tuple[str, str], dict[str, tuple[str, str]]]] = {
    "QuestionBank": (
        ("Vragenbank", "Eén vragenbank van loopbaan: een reeks vragen in delen."),
        {
            "id": (
                "Id",
                f"Unieke naam van de bank ({_SLUG}). Dezelfde id als een ingebouwde "
                "bank vervangt die bank.",
            ),
            "title": ("Titel", "De naam van de bank zoals je ze in het programma ziet."),
            "description": ("Beschrijving", "Voor wie of wanneer deze bank bedoeld is."),
            "kind": (
                "Soort",
                "conversation: vragen in het gesprek; preparation: de "
                "voorbereiding van de leidinggevende.",
            ),
            "phases": (
                "Levensfasen",
                "In welke levensfasen de bank gevraagd wordt (ids uit "
                "phases.yaml). Leeg: in elke levensfase.",
            ),
            "purposes": (
                "Doelen",
                "Bij welke doelen de bank gevraagd wordt (ids uit "
                "purposes.yaml). Leeg: bij elk doel.",
            ),
            "order": (
                "Volgorde",
                "Lager komt eerder in het gesprek (kernvragen 10, "
                "levensfase 20, doel 30, afronden 90).",
            ),
            "enabled": (
                "Aan",
                "false zet een ingebouwde bank met dezelfde id uit; dan "
                "volstaan 'id' en 'enabled'.",
            ),
            "sections": ("Delen", "De delen van de bank, elk met een titel en vragen."),
        },
    ),
    "Section": (
        ("Deel", "Een deel van het gesprek met een eigen titel."),
        {
            "id": ("Id", f"Unieke naam van het deel in deze bank ({_SLUG})."),
            "title": ("Titel", "De titel boven dit deel van het gesprek."),
            "intro": (
                "Inleiding",
                "Een korte inleiding die de interviewer kan voorlezen (mag leeg).",
            ),
            "questions": (
                "Vragen",
                "De vragen van dit deel, in de volgorde waarin ze gesteld worden.",
            ),
        },
    ),
    "Question": (
        ("Vraag", "Eén vraag zoals de interviewer ze stelt."),
        {
            "id": (
                "Id",
                f"Unieke naam van de vraag in deze bank ({_SLUG}). Een voorwaarde "
                "('when') verwijst met deze naam naar het antwoord.",
            ),
            "text": ("Vraag", "De vraag zoals de interviewer ze stelt."),
            "plain": (
                "In eenvoudige taal",
                "Dezelfde vraag in eenvoudige taal (niveau B1): korte zinnen, gewone "
                "woorden. Geef je ze bij één vraag van een bank, geef ze dan bij elke vraag.",
            ),
            "tip": (
                "Tip",
                "Hulp voor de interviewer: hoe doorvragen, waar op letten. Staat op "
                "het scherm, nooit op papier.",
            ),
            "type": (
                "Soort antwoord",
                "Wat voor antwoord de vraag verwacht (standaard long_text).",
            ),
            "required": (
                "Verplicht",
                "true: het gesprek kan pas afgerond worden als deze vraag beantwoord is.",
            ),
            "choices": ("Keuzes", "De keuzes; alleen bij type choice en multi_choice."),
            "other": (
                "Anders",
                "true: voeg 'Anders, namelijk…' toe aan de keuzes (alleen bij "
                "choice en multi_choice).",
            ),
            "scale": (
                "Schaal",
                "Het bereik van een schaalvraag en wat de twee uitersten "
                "betekenen (alleen bij type scale).",
            ),
            "when": (
                "Voorwaarde",
                "Stel de vraag alleen als deze Jinja2-uitdrukking waar is, "
                "bv. \"meer_verantwoordelijkheid == 'Ja'\". Zie "
                "docs/vragenbanken.md.",
            ),
            "reflection": (
                "Om over na te denken",
                "true: de medewerker krijgt deze vraag vooraf op de uitnodiging.",
            ),
            "sensitive": (
                "Gevoelig",
                "true: het antwoord kan raken aan gezondheid, gezin, plannen om te "
                "vertrekken, het pensioenjaar of hoe lang iemand nog wil werken. "
                "Noteer er alleen wat de afspraken nodig hebben.",
            ),
        },
    ),
    "Scale": (
        ("Schaal", "Het bereik van een schaalvraag en wat de uitersten betekenen."),
        {
            "min": ("Laagste", "Het laagste cijfer (standaard 1)."),
            "max": ("Hoogste", "Het hoogste cijfer (standaard 5); hoogstens 10 meer dan min."),
            "min_label": (
                "Betekenis laagste",
                "Wat het laagste cijfer betekent, bv. 'helemaal niet tevreden'.",
            ),
            "max_label": (
                "Betekenis hoogste",
                "Wat het hoogste cijfer betekent, bv. 'heel tevreden'.",
            ),
        },
    ),
    "PhaseFile": (
        ("Levensfasen", "De levensfasen waaruit je kiest bij de start van een gesprek."),
        {"phases": ("Levensfasen", "De levensfasen, in de volgorde van de keuzelijst.")},
    ),
    "Phase": (
        ("Levensfase", "Eén levensfase."),
        {
            "id": ("Id", f"Unieke naam ({_SLUG}); vragenbanken verwijzen ernaar."),
            "title": ("Titel", "De naam van de levensfase."),
            "description": ("Beschrijving", "Wat deze fase kenmerkt."),
            "ages": ("Leeftijd", "Ongeveer welke leeftijd erbij hoort (mag leeg)."),
        },
    ),
    "PurposeFile": (
        ("Doelen", "De doelen waarvoor een loopbaangesprek gehouden wordt."),
        {"purposes": ("Doelen", "De doelen, in de volgorde van de keuzelijst.")},
    ),
    "Purpose": (
        ("Doel", "Eén doel van een gesprek."),
        {
            "id": ("Id", f"Unieke naam ({_SLUG}); vragenbanken en voorwaarden verwijzen ernaar."),
            "title": ("Titel", "De naam van het doel."),
            "description": ("Beschrijving", "Waarover een gesprek met dit doel gaat."),
        },
    ),
    "ActionFile": (
        ("Actiecatalogus", "De soorten acties waaruit een afspraak kiest."),
        {"actions": ("Acties", "De acties, in de volgorde van de keuzelijst.")},
    ),
    "Action": (
        ("Actie", "Eén soort actie voor een afspraak."),
        {
            "id": ("Id", f"Unieke naam ({_SLUG})."),
            "title": ("Titel", "De naam van de actie."),
            "description": ("Beschrijving", "Wat de actie inhoudt."),
            "examples": ("Voorbeelden", "Concrete voorbeelden die bij het kiezen getoond worden."),
        },
    ),
    "ConclusionFile": (
        ("Conclusies", "De mogelijke uitkomsten van een gesprek."),
        {"conclusions": ("Conclusies", "De conclusies, in de volgorde van de keuzelijst.")},
    ),
    "ConclusionOption": (
        ("Conclusie", "Eén mogelijke uitkomst."),
        {
            "id": ("Id", f"Unieke naam ({_SLUG})."),
            "title": ("Titel", "De naam van de conclusie."),
            "description": ("Beschrijving", "Wat deze conclusie betekent."),
            "referral": (
                "Doorverwijzen",
                "true: toon bij deze conclusie de info over loopbaanbegeleiding buiten de zaak.",
            ),
        },
    ),
    "ReferralFile": (
        ("Doorverwijzing", "Info over loopbaanbegeleiding buiten de zaak."),
        {"referral": ("Doorverwijzing", "De info en wanneer ze het laatst gecontroleerd is.")},
    ),
    "Referral": (
        ("Doorverwijzing", "Info over loopbaanbegeleiding buiten de zaak."),
        {
            "checked_on": (
                "Gecontroleerd op",
                "De dag waarop je deze info het laatst nagekeken hebt (JJJJ-MM-DD). "
                "Na zes maanden waarschuwt 'loopbaan banks validate'.",
            ),
            "valid_until": (
                "Geldig tot",
                "De laatste dag waarop deze info zeker geldt, als je die kent "
                "(JJJJ-MM-DD); daarna waarschuwt 'loopbaan banks validate'.",
            ),
            "intro": ("Inleiding", "Wanneer en waarom je doorverwijst."),
            "providers": ("Aanbieders", "Wie loopbaanbegeleiding aanbiedt."),
            "note": ("Opmerking", "Een opmerking onderaan (mag leeg)."),
        },
    ),
    "ReferralProvider": (
        ("Aanbieder", "Eén aanbieder van loopbaanbegeleiding."),
        {
            "name": ("Naam", "De naam van de aanbieder."),
            "what": ("Wat", "Wat de aanbieder doet."),
            "how": ("Hoe", "Hoe de medewerker er terechtkan, en wat het kost."),
            "contact": ("Contact", "Website, adres of telefoonnummer (mag leeg)."),
            "checked_on": (
                "Gecontroleerd op",
                "De dag waarop je de info over deze aanbieder nagekeken hebt (JJJJ-MM-DD). "
                "Leeg: de datum bovenaan geldt.",
            ),
            "valid_until": (
                "Geldig tot",
                "De laatste dag waarop deze info zeker geldt, als je die kent (JJJJ-MM-DD).",
            ),
        },
    ),
    "LeverFile": (
        (
            "Regelingen",
            "Regelingen en rechten waar je in een gesprek naar kunt verwijzen, elk met "
            "de dag waarop ze nagekeken zijn.",
        ),
        {"levers": ("Regelingen", "De regelingen, elk met een datum.")},
    ),
    "Lever": (
        ("Regeling", "Eén regeling of recht, zoals tijdskrediet of opleidingsrecht."),
        {
            "id": ("Id", f"Unieke naam ({_SLUG})."),
            "title": ("Titel", "De naam van de regeling."),
            "what": ("Wat", "Wat de regeling inhoudt, in een paar zinnen."),
            "who": ("Voor wie", "Voor wie ze geldt en onder welke voorwaarden (mag leeg)."),
            "check": (
                "Nakijken bij",
                "Waar je of de medewerker nakijkt wat vandaag geldt (mag leeg).",
            ),
            "checked_on": (
                "Gecontroleerd op",
                "De dag waarop je deze info het laatst nagekeken hebt (JJJJ-MM-DD). "
                "Na zes maanden waarschuwt 'loopbaan banks validate'.",
            ),
            "valid_until": (
                "Geldig tot",
                "De laatste dag waarop deze info zeker geldt, als je die kent (JJJJ-MM-DD).",
            ),
            "to_confirm": (
                "Te bevestigen",
                "true: nog niet nagekeken bij een officiële bron; zeg het voorzichtig.",
            ),
        },
    ),
}

_TYPE_MEANINGS = {
    "text": "een kort antwoord op één regel",
    "long_text": "een langer antwoord in eigen woorden",
    "choice": "één keuze uit 'choices'",
    "multi_choice": "één of meer keuzes uit 'choices'",
    "confirm": "ja of nee",
    "scale": "een cijfer op een schaal (zie 'scale')",
    "date": "een datum",
    "number": "een getal",
}
_KIND_MEANINGS = {
    "conversation": "vragen in het gesprek met de medewerker",
    "preparation": "de voorbereiding van de leidinggevende, vóór het gesprek",
}

_CHOICE_TYPES = ["choice", "multi_choice"]


def _dutch(schema: dict[str, Any], model_name: str) -> None:
    """Put the Dutch titles and descriptions on one model's schema."""
    texts = _TEXTS.get(model_name)
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
    props["type"]["enumDescriptions"] = [_TYPE_MEANINGS[t] for t in props["type"]["enum"]]
    props["choices"]["minItems"] = 1
    schema["allOf"] = [
        {
            "if": {"properties": {"type": {"enum": _CHOICE_TYPES}}, "required": ["type"]},
            "then": {"required": ["choices"]},
            "else": {"properties": {"choices": {"maxItems": 0}, "other": {"const": False}}},
        },
        {
            "if": {"properties": {"type": {"const": "scale"}}, "required": ["type"]},
            "else": {"properties": {"scale": {"type": "null"}}},
        },
    ]


def _bank_rules(schema: dict[str, Any]) -> None:
    props = schema["properties"]
    props["kind"]["enumDescriptions"] = [_KIND_MEANINGS[k] for k in props["kind"]["enum"]]
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
