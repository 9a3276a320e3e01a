"""The question banks in use: loaded for a command, checked, and described (`loopbaan banks`)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from loopbaan_cli.kernel import console
from loopbaan_cli.kernel.shell import command_for

if TYPE_CHECKING:
    from loopbaan_cli.banks.library import Library
    from loopbaan_cli.banks.validation import Report
    from loopbaan_cli.kernel.errors import Problem


def library_for_use() -> Library:
    """The banks, warning (not failing) about the user's own broken files.

    A broken file of one's own must not stop a conversation: it is skipped,
    and said so on stderr, with the command that shows what is wrong.
    """
    from loopbaan_cli.banks.library import load_library

    library = load_library()
    _warn_about(library.errors)
    return library


def _warn_about(errors: list[Problem]) -> None:
    if errors:
        console.warn(
            "Let op: je eigen vragenbanken hebben fouten; die bestanden worden overgeslagen:"
        )
        for problem in errors:
            console.warn(f"  {problem}")
        console.warn(f"Controleer ze met `{command_for('banks', 'validate')}`.")


def survey_for_listing() -> dict[str, Any]:
    """`loopbaan banks list`: the banks in use as plain data, with the same warnings.

    From the cached survey: no pydantic, no YAML, when no bank changed.
    """
    from loopbaan_cli.banks.library import load_survey

    survey = load_survey()
    _warn_about(survey.errors)
    return survey.listing


def validate(files: list[Path]) -> Report:
    """`loopbaan banks validate`: every problem in the banks (or in `files`), at once."""
    from loopbaan_cli.banks import validation

    return validation.validate(files)


def schema_text(name: str) -> str:
    """`loopbaan banks schema`: the JSON Schema of one kind of file, for an editor."""
    from loopbaan_cli.banks import schema

    return schema.text(name)
