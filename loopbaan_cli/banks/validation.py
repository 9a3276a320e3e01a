"""`loopbaan banks validate`: every error and warning in the banks, at once."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from loopbaan_cli.banks.library import load_library, load_survey
from loopbaan_cli.kernel.errors import ConfigError, NotFoundError, Problem, Severity


@dataclass(frozen=True)
class Report:
    warnings: list[Problem]
    summary: str


def validate(files: list[Path]) -> Report:
    """Check the built-in and own banks, or only `files` (against the rest).

    Raises ConfigError listing every problem (warnings too) when there is an error.
    """
    if not files:
        # every bank in use: the cached survey, when no bank changed, without pydantic
        survey = load_survey()
        checked = f"{survey.banks} vragenbanken en {survey.catalogues} catalogi"
        return _report(survey.problems, checked)
    for path in files:
        if not path.is_file():
            raise NotFoundError(f"{path}: bestand bestaat niet")
    library = load_library(extra_files=files)
    wanted = {str(p.resolve()) for p in files}
    problems = [p for p in library.problems if str(Path(p.file).resolve()) in wanted]
    return _report(problems, f"{len(files)} bestand(en)")


def _report(problems: list[Problem], checked: str) -> Report:
    errors = [p for p in problems if p.severity == Severity.ERROR]
    warnings = [p for p in problems if p.severity != Severity.ERROR]
    if errors:
        raise ConfigError(errors + warnings)
    tail = f" ({len(warnings)} waarschuwing(en))" if warnings else ""
    return Report(warnings, f"In orde: {checked}{tail}.")
