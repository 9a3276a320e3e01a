"""The career cycle across all employees: `loopbaan agenda`."""

# No `from __future__ import annotations` (see commands/__init__.py).
from typing import Annotated

import typer

from loopbaan_cli.cli.options import JsonFlag


def agenda(
    show_all: Annotated[
        bool, typer.Option("--all", help="Toon alles, ook wat na de komende 90 dagen komt.")
    ] = False,
    interval: Annotated[
        float | None,
        typer.Option(
            "--interval",
            help="Jaren tussen twee loopbaangesprekken als er geen datum werd afgesproken "
            "(standaard interval_years uit config.yaml in je gegevensmap, anders 3).",
            show_default=False,
        ),
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """Wat komt eraan en wat is te laat: opvolgmomenten, afspraken, nieuwe gesprekken.

    Standaard alles wat te laat is en de komende 90 dagen, het eerste eerst, met
    de opdracht om het te doen. Ook wie toe is aan een nieuw loopbaangesprek:
    op de afgesproken datum, anders na het interval, en op de vaste momenten
    (5 jaar in dienst, 5 jaar voor het pensioen) als die gekend zijn.
    """
    from loopbaan_cli.app import agenda
    from loopbaan_cli.cli.views import agenda as view

    result = agenda.agenda(show_all, interval)
    if as_json:
        view.as_json(result)
    else:
        view.show(result)
