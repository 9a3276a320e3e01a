"""Which questions a conversation asks, in which order, and which apply right now.

Pure functions over the library and the answers so far; the interview, the
scriptable face and the exports all use the same plan.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from loopbaan_cli.banks.library import Library, LoadedBank, askable
from loopbaan_cli.banks.model import Question, Section


@dataclass(frozen=True)
class Planned:
    key: str  # "<bank id>.<question id>"
    bank: LoadedBank
    section: Section
    question: Question
    plain: bool = False  # asked in plain language

    @property
    def section_key(self) -> str:
        return f"{self.bank.bank.id}.{self.section.id}"

    @property
    def text(self) -> str:
        """The question as it is asked (and kept in the answer)."""
        return wording(self.question, self.plain)

    @property
    def section_title(self) -> str:
        """The section's title as it is shown (and kept): its plain one in plain language."""
        if self.plain and self.section.plain_title.strip():
            return self.section.plain_title.strip()
        return self.section.title

    @property
    def intro(self) -> str:
        """The section's introduction as it is read out: its plain one in plain language."""
        if self.plain and self.section.plain.strip():
            return self.section.plain.strip()
        return self.section.intro


def build(
    library: Library,
    phase: str,
    purposes: list[str],
    kind: str = "conversation",
    *,
    short: bool = False,
    plain: bool = False,
) -> list[Planned]:
    """The questions of this conversation, in order.

    `short` keeps the key questions only (the short conversation); `plain`
    asks each question in its plain wording.
    """
    return [
        Planned(f"{lb.bank.id}.{q.id}", lb, s, q, plain)
        for lb in library.banks_for(phase, purposes, kind)
        for s, q in lb.bank.questions()
        if q.key or not short
    ]


def possible(
    library: Library,
    phase: str,
    purposes: list[str],
    kind: str = "conversation",
    *,
    short: bool = False,
    plain: bool = False,
) -> list[Planned]:
    """Every question that some answers can bring up in this conversation, follow-ups included."""
    return [
        Planned(f"{lb.bank.id}.{q.id}", lb, s, q, plain)
        for lb in library.banks_for(phase, purposes, kind)
        for s, q in askable(lb, library, phase, purposes)
        if q.key or not short
    ]


def wording(question: Question, plain: bool) -> str:
    """The question as it is asked: its plain wording in plain language, when it has one."""
    return question.plain.strip() if plain and question.plain.strip() else question.text


def fixed(plan: list[Planned], phase: str, purposes: list[str]) -> list[Planned]:
    """The questions every conversation of this plan asks, before any answer brings a follow-up."""
    return Applicability(plan, {}, phase, purposes).applicable()


class Applicability:
    """Evaluates `when` conditions against one snapshot of the answers."""

    def __init__(
        self, plan: list[Planned], answers: dict[str, Any], phase: str, purposes: list[str]
    ):
        self._answers = answers
        self._globals = {"answers": answers, "phase": phase, "purposes": purposes}
        self._bank_context: dict[str, dict[str, Any]] = {}
        self._plan = plan

    def _context(self, item: Planned) -> dict[str, Any]:
        bank_id = item.bank.bank.id
        context = self._bank_context.get(bank_id)
        if context is None:
            context = {
                q.id: self._answers.get(f"{bank_id}.{q.id}") for _, q in item.bank.bank.questions()
            }
            context.update(self._globals)
            self._bank_context[bank_id] = context
        return context

    def applies(self, item: Planned) -> bool:
        condition = item.bank.conditions.get(item.question.id)
        return condition is None or condition(self._context(item))

    def applicable(self) -> list[Planned]:
        return [item for item in self._plan if self.applies(item)]
