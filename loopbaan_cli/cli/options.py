"""The options and arguments more than one command takes, each declared once.

An option that only one command has is declared beside that command. The
help texts are Dutch: they are what `--help` shows.
"""

# No `from __future__ import annotations`: these are values typer reads at each start.
from pathlib import Path
from typing import Annotated

import typer

SessionId = Annotated[
    str | None,
    typer.Argument(
        help="Het gesprek: de id, het begin van de id of de naam van de medewerker "
        "(standaard: het meest recente).",
        show_default=False,
        metavar="ID",
    ),
]
EmployeeOption = Annotated[
    str | None,
    typer.Option(
        "--employee",
        "-e",
        help="Naam of id (mw-...) van de medewerker; hoofdletters en spaties tellen niet, "
        "accenten wel.",
        show_default=False,
    ),
]
AnswersOption = Annotated[
    Path | None,
    typer.Option(
        "--answers",
        help="YAML-bestand met antwoorden; vraag enkel wat ontbreekt.",
        show_default=False,
    ),
]
NoInputFlag = Annotated[
    bool,
    typer.Option(
        "--no-input", help="Vraag niets; faal met een lijst van wat ontbreekt of fout is."
    ),
]
JsonFlag = Annotated[bool, typer.Option("--json", help="Geef machineleesbare JSON.")]
OutputOption = Annotated[
    Path | None,
    typer.Option("--output", "-o", help="Schrijf naar dit bestand in plaats van naar het scherm."),
]
ForceOption = Annotated[bool, typer.Option("--force", help="Overschrijf een bestaand bestand.")]
AnnexFlag = Annotated[
    bool,
    typer.Option(
        "--annex",
        help="Zet de antwoorden die op papier mogen in een bijlage bij het afsprakenblad "
        "(gevoelige antwoorden alleen met toestemming). Standaard: geen bijlage.",
    ),
]
TakeOverFlag = Annotated[
    bool,
    typer.Option(
        "--take-over",
        help="Neem het slot over van een gesprek dat op een andere computer open staat "
        "(alleen als het daar zeker dicht is: wat daar nog getypt wordt, gaat verloren).",
    ),
]
