"""The Dutch words of the JSON Schemas: a title and a description for every model and key.

Data only; schema.py puts them on the schemas pydantic generates. A new field
in banks/model.py needs its words here (tests/test_schema.py checks it).
"""

from __future__ import annotations

from loopbaan_cli.banks.types import choice_types, scale_types

_SLUG = "kleine letters, cijfers, _ en -; geen spaties of accenten"
# the question types that take `choices` (and `other`), and `scale` (banks/types.py)
_WITH_CHOICES = " en ".join(choice_types())
_WITH_SCALE = " en ".join(scale_types())

# Per model: its own (title, description), then per field (title, description).
TEXTS: dict[str, tuple[tuple[str, str], dict[str, tuple[str, str]]]] = {
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
            "plain_title": (
                "Titel in eenvoudige taal",
                "Dezelfde titel in eenvoudige taal (B1), voor een gesprek in eenvoudige taal "
                "(mag leeg: dan de gewone titel).",
            ),
            "intro": (
                "Inleiding",
                "Een korte inleiding die de interviewer kan voorlezen (mag leeg).",
            ),
            "plain": (
                "Inleiding in eenvoudige taal",
                "Dezelfde inleiding in eenvoudige taal (B1), voor een gesprek in eenvoudige "
                "taal (mag leeg: dan de gewone inleiding).",
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
            "choices": ("Keuzes", f"De keuzes; alleen bij type {_WITH_CHOICES}."),
            "plain_choices": (
                "Keuzes in eenvoudige taal",
                "Elke keuze in eenvoudige taal (B1), in dezelfde volgorde als 'choices'. In "
                "een gesprek in eenvoudige taal staan deze op het scherm; bewaard wordt de "
                "keuze uit 'choices'.",
            ),
            "other": (
                "Anders",
                f"true: voeg 'Anders, namelijk…' toe aan de keuzes (alleen bij {_WITH_CHOICES}).",
            ),
            "scale": (
                "Schaal",
                "Het bereik van een schaalvraag en wat de twee uitersten "
                f"betekenen (alleen bij type {_WITH_SCALE}).",
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
            "key": (
                "Sleutelvraag",
                "true: de vraag hoort ook bij het korte gesprek (ongeveer 45 minuten). "
                "Zonder 'key' komt ze alleen in het volledige gesprek.",
            ),
            "goal": (
                "Eigen doel",
                "true: de vraag naar het eigen doel van de medewerker voor de korte termijn (een "
                "half jaar, een jaar). Het antwoord komt als 'Mijn doel' op de zakkaart, als het "
                "op papier mag en de vraag niet gevoelig is.",
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
            "min_plain": (
                "Laagste in eenvoudige taal",
                "min_label in eenvoudige taal (B1), voor een gesprek in eenvoudige taal.",
            ),
            "max_plain": (
                "Hoogste in eenvoudige taal",
                "max_label in eenvoudige taal (B1), voor een gesprek in eenvoudige taal.",
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
            "watch": (
                "Waar op letten",
                "Eén korte regel: waar je op let en wie betaalt. Staat bij het kiezen op het scherm.",
            ),
            "levers": (
                "Regelingen",
                "Ids uit levers.yaml. Heeft zo'n regeling 'by_size', dan toont de tip bij deze "
                "actie de regel voor de grootte van je zaak (employees in config.yaml).",
            ),
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
    "SizeRule": (
        ("Regel per grootte", "Wat een regeling betekent voor een zaak van deze grootte."),
        {
            "min": ("Van", "Het kleinste aantal werknemers waarvoor deze regel geldt (mag leeg)."),
            "max": ("Tot", "Het grootste aantal werknemers waarvoor deze regel geldt (mag leeg)."),
            "text": ("Tekst", "Wat geldt, in één korte zin, bv. 1 opleidingsdag per jaar."),
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
            "by_size": (
                "Per grootte",
                "Wat de regeling betekent voor een zaak van een bepaalde grootte: een lijst van "
                "{min, max, text}; min en max tellen mee, één van beide mag ontbreken.",
            ),
        },
    ),
}

KIND_MEANINGS = {
    "conversation": "vragen in het gesprek met de medewerker",
    "preparation": "de voorbereiding van de leidinggevende, vóór het gesprek",
}
