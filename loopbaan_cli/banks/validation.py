"""`loopbaan banks validate`: every error and warning in the banks, at once."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from loopbaan_cli.banks.library import load_library
from loopbaan_cli.kernel.errors import ConfigError, NotFoundError, Problem, Severity


@dataclass(frozen=True)
class Report:
    warnings: list[Problem]
    summary: str


def validate(files: list[Path]) -> Report:
    """Check the built-in and own banks, or only `files` (against the rest).

    Raises ConfigError listing every problem (warnings too) when there is an error.
    """
    for path in files:
        if not path.is_file():
            raise NotFoundError(f"{path}: bestand bestaat niet")
    library = load_library(extra_files=files)
    problems = library.problems
    if files:
        wanted = {str(p.resolve()) for p in files}
        problems = [p for p in problems if str(Path(p.file).resolve()) in wanted]
    errors = [p for p in problems if p.severity == Severity.ERROR]
    warnings = [p for p in problems if p.severity != Severity.ERROR]
    if errors:
        raise ConfigError(errors + warnings)
    checked = (
        f"{len(files)} bestand(en)"
        if files
        else (f"{len(library.banks)} vragenbanken en {len(library.catalogue_paths)} catalogi")
    )
    tail = f" ({len(warnings)} waarschuwing(en))" if warnings else ""
    return Report(warnings, f"In orde: {checked}{tail}.")
