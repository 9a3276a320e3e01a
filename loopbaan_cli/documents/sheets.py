"""The question sheets that go out before the conversation.

`reflection` (for the invitation: what the employee can think about
beforehand) and `preparation` (the manager's own sheet, with what was filled in
so far). Both read the question banks, which the caller passes in: a document
never loads them itself.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from loopbaan_cli.documents.context import NO_SECTION
from loopbaan_cli.documents.filters import format_answer

if TYPE_CHECKING:
    from loopbaan_cli.banks.library import Library
    from loopbaan_cli.banks.plan import Planned
    from loopbaan_cli.kernel.record import Record


def reflection(library: Library, session: Record) -> list[dict[str, Any]]:
    """The questions the employee can think about beforehand, grouped by section.

    Every question marked `reflection: true` in the conversation banks of this
    phase and these purposes, also one with a `when` condition: before the
    conversation nobody knows yet whether it will come up.
    """
    from loopbaan_cli.banks.plan import build

    groups: list[dict[str, Any]] = []
    # The invitation follows the conversation: its length and its wording.
    short, plain = bool(session.get("short")), bool(session.get("plain"))
    for item in build(library, session.phase, list(session.purposes), short=short, plain=plain):
        q = item.question
        if not q.reflection:
            continue
        # the choices in the words of the conversation: plain ones in plain language
        choices = [label for _, label in q.choice_labels(plain)]
        entry = {"key": item.key, "question": item.text, "type": q.type, "choices": choices}
        if groups and groups[-1]["title"] == item.section_title:
            groups[-1]["questions"].append(entry)
        else:
            groups.append({"title": item.section_title, "questions": [entry]})
    return groups


def preparation(library: Library, session: Record) -> list[dict[str, Any]]:
    """The preparation bank's questions with what was answered so far.

    A question with a `when` condition is left out only when the answers it
    depends on are known and say it does not apply; on a blank sheet every
    question is there, so it can be filled in on paper. Answers to questions
    the banks no longer hold come last: what was written stays.
    """
    sheet = _Sheet()
    seen = _bank_entries(library, session, sheet)
    _orphan_entries(session.preparation, seen, sheet)
    return sheet.groups


class _Sheet:
    """Questions grouped under their section title, in the order they are added."""

    def __init__(self) -> None:
        self.groups: list[dict[str, Any]] = []

    def add(self, title: str, intro: str, entry: dict[str, Any]) -> None:
        if self.groups and self.groups[-1]["title"] == title:
            self.groups[-1]["questions"].append(entry)
        else:
            self.groups.append({"title": title, "intro": intro, "questions": [entry]})


def _paper(question_type: str) -> str:
    """The blank form for an open question of this type (templates/_types.j2 draws it)."""
    from loopbaan_cli.banks.types import TYPES, Paper

    spec = TYPES.get(question_type)
    return (spec.paper if spec is not None else Paper.LINES).value


def _unanswered(record: Record | None) -> bool:
    # Stricter than sessions.answers.is_answered: an answer that prints as
    # nothing (only spaces) leaves the line on paper empty, so it is open.
    return record is None or record.skipped or not format_answer(record.value)


def _bank_entries(library: Library, session: Record, sheet: _Sheet) -> set[str]:
    """Add the preparation bank's questions to `sheet`; the keys it dealt with."""
    from loopbaan_cli.banks.plan import Applicability, build
    from loopbaan_cli.banks.types import scale_of
    from loopbaan_cli.sessions.answers import answer_values

    purposes = list(session.purposes)
    plan = build(library, session.phase, purposes, kind="preparation")
    records = session.preparation
    check = Applicability(plan, answer_values(records), session.phase, purposes)
    seen: set[str] = set()
    for item in plan:
        seen.add(item.key)
        rec = records.get(item.key)
        if _surely_not_asked(item, rec, records) and not check.applies(item):
            continue
        q = item.question
        scale = scale_of(q)
        sheet.add(
            item.section.title,
            item.section.intro.strip(),
            {
                "key": item.key,
                "question": rec.question if rec is not None else q.text,
                "type": q.type,
                "paper": _paper(q.type),
                "answer": "" if rec is None or rec.skipped else format_answer(rec.value),
                "note": "" if rec is None or rec.private else rec.note.strip(),
                "tip": q.tip.strip(),
                "choices": list(q.choices),
                "other": q.other,
                "scale": scale.model_dump() if scale is not None else None,
            },
        )
    return seen


def _surely_not_asked(item: Planned, rec: Record | None, records: Record) -> bool:
    """True when the question has a condition and every answer it depends on is known.

    Only then can `when` rule it out; with anything undecided it stays on the
    sheet. An answered question always stays.
    """
    from loopbaan_cli.banks.conditions import GLOBAL_NAMES

    condition = item.bank.conditions.get(item.question.id)
    if condition is None or not _unanswered(rec):
        return False
    bank_id = item.bank.bank.id
    keys = {f"{bank_id}.{n}" for n in condition.names() - GLOBAL_NAMES}
    keys |= condition.answer_keys()
    return not any(_unanswered(records.get(k)) for k in keys)


def _orphan_entries(records: Record, seen: set[str], sheet: _Sheet) -> None:
    """Add the answers to questions the banks no longer hold."""
    for key, rec in records.items():
        if key in seen or rec.skipped or not format_answer(rec.value):
            continue
        sheet.add(
            rec.section.strip() or NO_SECTION,
            "",
            {
                "key": key,
                "question": rec.question,
                "type": rec.type,
                "paper": _paper(rec.type),
                "answer": format_answer(rec.value),
                "note": "" if rec.private else rec.note.strip(),
                "tip": "",
                "choices": [],
                "other": False,
                "scale": None,
            },
        )


def goal(library: Library, session: Record) -> str:
    """The employee's own short-term goal for the pocket card ("Mijn doel"), or "".

    The answer to a question marked `goal: true` in its bank, only when it may
    go on paper (`printed`) and is not sensitive: the card is carried around.
    """
    for key, rec in session.answers.items():
        found = library.find_question(key)
        if found is None or not found[2].goal:
            continue
        if (
            rec.skipped
            or not rec.get("printed", True)
            or rec.get("sensitive")
            or found[2].sensitive
        ):
            continue
        text = format_answer(rec.value)
        if text:
            return text
    return ""
