"""The question banks in use: loaded for a command, checked, and described (`loopbaan banks`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from loopbaan_cli.kernel import console
from loopbaan_cli.kernel.errors import LoopbaanError
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


@dataclass(frozen=True)
class PlannedQuestion:
    key: str
    text: str
    bank: str
    section: str
    sensitive: bool
    follow_up: bool  # asked only when an earlier answer calls for it


@dataclass
class ConversationPlan:
    """`loopbaan banks plan`: the questions a conversation would ask, in order."""

    phase: str
    purposes: list[str]
    short: bool
    plain: bool
    questions: list[PlannedQuestion] = field(default_factory=list)

    @property
    def fixed(self) -> int:
        """How many questions every such conversation asks (follow-ups not counted)."""
        return sum(1 for q in self.questions if not q.follow_up)


def conversation_plan(
    phase: str, purposes: list[str], *, short: bool = False, plain: bool = False
) -> ConversationPlan:
    """The questions of a conversation with this phase and purposes, before it is held.

    Follow-ups (asked only after a certain answer) are listed too, marked as such.
    """
    from loopbaan_cli.banks import plan as planning

    library = library_for_use()
    if phase not in library.phases:
        raise LoopbaanError(
            f"onbekende levensfase '{phase}'; kies uit {', '.join(library.phases)}",
            hint=f"`{command_for('banks', 'list')}` toont de levensfasen en doelen.",
        )
    unknown = [p for p in purposes if p not in library.purposes]
    if unknown:
        raise LoopbaanError(
            f"onbekend doel '{unknown[0]}'; kies uit {', '.join(library.purposes)}",
            hint=f"`{command_for('banks', 'list')}` toont de levensfasen en doelen.",
        )
    chosen = list(dict.fromkeys(purposes))
    items = planning.possible(library, phase, chosen, short=short, plain=plain)
    fixed = {item.key for item in planning.fixed(items, phase, chosen)}
    questions = [
        PlannedQuestion(
            key=item.key,
            text=item.text,
            bank=item.bank.bank.id,
            section=item.section_title,
            sensitive=item.question.sensitive,
            follow_up=item.key not in fixed,
        )
        for item in items
    ]
    return ConversationPlan(phase, chosen, short, plain, questions)
