"""The employee register: `loopbaan employees list`, `edit` and `merge`."""

# No `from __future__ import annotations` (see commands/__init__.py).
from typing import Annotated

import typer

from loopbaan_cli.cli.options import JsonFlag

EmployeeArgument = Annotated[
    str,
    typer.Argument(
        help="De medewerker: de id (bv. mw-k3x9qa) of de naam.",
        show_default=False,
        metavar="ID",
    ),
]


def listing(as_json: JsonFlag = False) -> None:
    """Toon alle medewerkers in het register: id, naam, functie, data en aantal gesprekken."""
    from loopbaan_cli.app import employees
    from loopbaan_cli.cli.views.employees import roster

    roster(employees.listing(), as_json)


def edit(
    employee: EmployeeArgument,
    name: Annotated[
        str | None,
        typer.Option("--name", help="De nieuwe naam.", show_default=False, metavar="NAAM"),
    ] = None,
    role: Annotated[
        str | None,
        typer.Option("--role", help="De functie.", show_default=False, metavar="FUNCTIE"),
    ] = None,
    service_start: Annotated[
        str | None,
        typer.Option(
            "--service-start",
            help="In dienst sinds (JJJJ-MM-DD of D/M/JJJJ).",
            show_default=False,
            metavar="DATUM",
        ),
    ] = None,
    retirement_year: Annotated[
        int | None,
        typer.Option(
            "--retirement-year",
            help="Het verwachte jaar van pensioen.",
            show_default=False,
            metavar="JAAR",
        ),
    ] = None,
) -> None:
    """Pas naam, functie, datum van indiensttreding of pensioenjaar van een medewerker aan.

    De gesprekken zelf blijven zoals ze gevoerd werden; de agenda gebruikt
    voortaan wat in het register staat.
    """
    from loopbaan_cli.app import employees
    from loopbaan_cli.cli.views.employees import edited
    from loopbaan_cli.kernel.errors import LoopbaanError
    from loopbaan_cli.kernel.values import parse_date

    start = None
    if service_start is not None:
        try:
            start = parse_date(service_start.strip())
        except ValueError as exc:  # not a date, or one outside 1900-2100 (kernel/values.py)
            raise LoopbaanError(
                f"'{service_start}' is geen datum van indiensttreding: {exc}",
                hint="Schrijf ze als 2019-09-01 of 1/9/2019.",
            ) from None
    edited(
        employees.edit(
            employee,
            name=name,
            role=role,
            service_start=start,
            retirement_year=retirement_year,
        )
    )


def merge(
    keep: Annotated[
        str,
        typer.Argument(help="De medewerker die blijft (id).", show_default=False, metavar="ID_A"),
    ],
    gone: Annotated[
        str,
        typer.Argument(
            help="Dezelfde persoon onder een tweede id: die gesprekken gaan naar ID_A.",
            show_default=False,
            metavar="ID_B",
        ),
    ],
) -> None:
    """Voeg twee medewerkers samen die dezelfde persoon blijken te zijn.

    De gesprekken van ID_B horen voortaan bij ID_A; ID_B verdwijnt uit het register.
    Doe dit alleen als je zeker bent: het zijn dan één persoon in elke lijst en export.
    """
    from loopbaan_cli.app import employees
    from loopbaan_cli.cli.views.employees import merged

    merged(employees.merge(keep, gone))
