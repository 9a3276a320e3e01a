"""Making loopbaan one's own: `loopbaan init`."""

# No `from __future__ import annotations` (see commands/__init__.py).
from typing import Annotated

import typer


def init(
    force: Annotated[
        bool, typer.Option("--force", help="Overschrijf ook bestanden die je al aangepast hebt.")
    ] = False,
) -> None:
    """Zet bewerkbare kopieën van de vragenbanken en sjablonen in je eigen map."""
    from loopbaan_cli.app import init
    from loopbaan_cli.cli.views.setup import init_report

    init_report(init.init(force))
