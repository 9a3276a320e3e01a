"""The conversations on disk: `loopbaan list` and `loopbaan show`."""

# No `from __future__ import annotations` (see commands/__init__.py).
from typing import Annotated

import typer

from loopbaan_cli.cli.options import JsonFlag, SessionId


def list_(
    as_json: JsonFlag = False,
    employee: Annotated[
        str | None,
        typer.Option(
            "--employee",
            "-e",
            help="Alleen de gesprekken van deze medewerker: de id (mw-...), de naam "
            "(hoofdletters en spaties tellen niet, accenten wel) of het begin van een woord ervan.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Toon alle gesprekken, het nieuwste eerst."""
    from loopbaan_cli.app import sessions
    from loopbaan_cli.cli.views import sessions as view

    if employee is None:  # everyone: straight from the index's rows
        view.overview(sessions.overview(as_json=as_json), as_json)
    else:
        view.listing(sessions.listing(employee), as_json)


def show(session_id: SessionId = None) -> None:
    """Toon één gesprek volledig, met de privénotities (alleen op je scherm).

    Daarna de opvolging en de eerdere gesprekken met dezelfde medewerker, met
    wat er van hun afspraken terechtkwam.
    """
    from loopbaan_cli.app import lookup, sessions
    from loopbaan_cli.cli.views import sessions as view

    view.show(sessions.show(lookup.find(session_id, "show")))
