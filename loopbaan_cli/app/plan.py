"""`loopbaan banks plan`: the questions a conversation would ask, before it is held.

Apart from app/library.py: `banks list` and `banks validate` need none of it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from loopbaan_cli.app.library import library_for_use
from loopbaan_cli.kernel.errors import LoopbaanError
from loopbaan_cli.kernel.shell import command_for


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
