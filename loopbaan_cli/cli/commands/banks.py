"""The question banks: `loopbaan banks list`, `plan`, `validate` and `schema`."""

# No `from __future__ import annotations` (see commands/__init__.py).
from pathlib import Path
from typing import Annotated

import typer

from loopbaan_cli.cli.options import JsonFlag


def listing(as_json: JsonFlag = False) -> None:
    """Toon de vragenbanken, levensfasen, doelen en waar elke bank vandaan komt."""
    from loopbaan_cli.app import library
    from loopbaan_cli.cli.views import library as view

    view.listing(library.survey_for_listing(), as_json)


def validate(
    files: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Te controleren bestanden (standaard: alle ingebouwde en eigen).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Controleer vragenbanken en meld elke fout als bestand:regel:kolom."""
    from loopbaan_cli.app import library
    from loopbaan_cli.cli.views.library import validation

    validation(library.validate(files or []))


def schema(
    name: Annotated[
        str,
        typer.Argument(
            help="Welk schema: vragenbank, levensfasen, doelen, acties, conclusies of "
            "doorverwijzing."
        ),
    ] = "vragenbank",
) -> None:
    """Toon het JSON-schema van een vragenbank, zodat een editor je YAML kan nakijken."""
    from loopbaan_cli.app import library
    from loopbaan_cli.cli.views.library import schema_text

    schema_text(library.schema_text(name))


def plan(
    phase: Annotated[
        str,
        typer.Option(
            "--phase", help="De levensfase (id, zie `loopbaan banks list`).", show_default=False
        ),
    ],
    purpose: Annotated[
        list[str] | None,
        typer.Option("--purpose", help="Een doel (id); mag meerdere keren.", show_default=False),
    ] = None,
    short: Annotated[
        bool, typer.Option("--short", help="Het korte gesprek: alleen de sleutelvragen.")
    ] = False,
    plain: Annotated[bool, typer.Option("--plain", help="De vragen in eenvoudige taal.")] = False,
    as_json: JsonFlag = False,
) -> None:
    """Toon vooraf welke vragen een gesprek stelt, in volgorde, en hoe lang het duurt."""
    from loopbaan_cli.app import plan as planning
    from loopbaan_cli.cli.views.library import conversation_plan

    conversation_plan(
        planning.conversation_plan(phase, purpose or [], short=short, plain=plain), as_json
    )
