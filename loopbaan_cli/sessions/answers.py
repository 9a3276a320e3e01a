"""What counts as an answer: one rule for every room."""

from __future__ import annotations

from typing import Any

from loopbaan_cli.sessions.model import AnswerRecord


def answer_values(records: dict[str, AnswerRecord]) -> dict[str, Any]:
    """Answer values by key, for `when` conditions; a skipped question counts as unanswered."""
    return {k: (None if r.skipped else r.value) for k, r in records.items()}


def is_answered(record: AnswerRecord | None) -> bool:
    """Given and not empty: a skipped question, an empty text or list is no answer."""
    return record is not None and not record.skipped and not is_empty(record.value)


def is_empty(value: Any) -> bool:
    """No answer in it: None, an empty text, an empty list (nothing ticked)."""
    return value is None or (isinstance(value, (str, list)) and not value)
