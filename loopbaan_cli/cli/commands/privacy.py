"""Personal data: `loopbaan delete`, `export-data` and `paths`."""

# No `from __future__ import annotations` (see commands/__init__.py).
from typing import Annotated

import typer

from loopbaan_cli.cli.options import EmployeeOption, ForceOption, JsonFlag, OutputOption


def delete(
    session_id: Annotated[
        str | None,
        typer.Argument(
            help="Het gesprek dat weg moet: de id, het begin van de id of de naam van de "
            "medewerker (als die maar één gesprek heeft).",
            show_default=False,
            metavar="ID",
        ),
    ] = None,
    employee: EmployeeOption = None,
    yes: Annotated[
        bool, typer.Option("--yes", "-y", help="Niet eerst vragen of je zeker bent.")
    ] = False,
) -> None:
    """Verwijder een gesprek, of met --employee alles over één medewerker.

    Er blijft niets achter: geen kopie, geen slot- of tijdelijk bestand. Eerst
    wordt gevraagd of je zeker bent; zonder terminal moet je --yes geven.
    """
    from loopbaan_cli.app import lookup, privacy
    from loopbaan_cli.cli import terminal
    from loopbaan_cli.cli.views.privacy import deletion

    # with --employee an id is a mistake that delete() names, not one to look up
    session_id = session_id if employee else lookup.find(session_id, "delete")
    deletion(privacy.delete(session_id, employee, yes, keyboard=terminal.confirmation()))


def export_data(
    employee: Annotated[
        str,
        typer.Option(
            "--employee",
            "-e",
            help="Naam of id (mw-...) van de medewerker; bij twee dezelfde namen de id.",
            show_default=False,
        ),
    ],
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            help="yaml of json (volledig, voor een computer), of md, txt, html, pdf of docx (om te "
            "lezen; pdf en docx met -o). Standaard: de extensie van -o, anders yaml.",
            show_default=False,
        ),
    ] = None,
    output: OutputOption = None,
    force: ForceOption = False,
) -> None:
    """Alles wat over één medewerker bewaard is, in één bestand (het recht op inzage).

    yaml en json geven alles, voor een computer; md, txt, html, pdf en docx geven hetzelfde
    als leesbaar document voor de medewerker, met alle antwoorden en notities.
    """
    from loopbaan_cli.app import privacy
    from loopbaan_cli.cli.views.privacy import data_export

    data_export(privacy.export_data(employee, fmt, output, force))


def paths(as_json: JsonFlag = False) -> None:
    """Toon waar loopbaan je gesprekken, vragenbanken en instellingen bewaart."""
    from loopbaan_cli.app import privacy
    from loopbaan_cli.cli.views.privacy import locations

    locations(privacy.locations(), as_json)
