"""What people keep: `loopbaan export`."""

# No `from __future__ import annotations` (see commands/__init__.py).
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperCommand, TyperOption

from loopbaan_cli.cli.options import AnnexFlag, ForceOption, OutputOption, SessionId


class ExportCommand(TyperCommand):
    """Writes the --kind and --format help from the registries of documents/kinds.py.

    Only when the help is shown: loading those registries (the template
    machinery behind them) would cost every start of loopbaan ~10 ms.
    """

    def get_help(self, ctx: Any) -> str:
        from loopbaan_cli.documents.kinds import format_help, kind_help

        written = {"kind": kind_help(), "fmt": format_help()}
        for param in self.params:
            if isinstance(param, TyperOption) and param.name in written:
                param.help = written[param.name]
        return str(super().get_help(ctx))


def export(
    session_id: SessionId = None,
    # the help of these two is written from the registries when shown (ExportCommand)
    fmt: Annotated[
        str | None, typer.Option("--format", "-f", help="Het formaat.", show_default=False)
    ] = None,
    kind: Annotated[str, typer.Option("--kind", "-k", help="Wat je maakt.")] = "afspraken",
    output: OutputOption = None,
    force: ForceOption = False,
    template: Annotated[
        Path | None,
        typer.Option(
            "--template",
            help="Gebruik dit Jinja2-sjabloon: .md.j2, .txt.j2, .html.j2, of .typ.j2 voor pdf "
            "(niet voor ics of docx). Zie docs/sjablonen.md.",
            show_default=False,
        ),
    ] = None,
    open_file: Annotated[
        bool,
        typer.Option(
            "--open",
            help="Open het bestand daarna met het standaardprogramma. Zonder -o komt het in "
            "deze map, bv. afspraken-<id>.html.",
        ),
    ] = False,
    annex: AnnexFlag = False,
) -> None:
    """Maak een document van een gesprek: afspraken, zakkaart, uitnodiging, voorbereiding of agenda.

    Standaard verschijnt het op het scherm; met -o of --open komt het in een
    bestand (een bestaand bestand overschrijf je alleen met --force).
    """
    from loopbaan_cli.app import export, lookup
    from loopbaan_cli.cli.views.documents import exported

    session_id = lookup.find(session_id, "export")
    exported(export.export(session_id, kind, fmt, output, force, template, open_file, annex))
