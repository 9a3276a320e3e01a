"""`loopbaan followup --answers FILE`: a check-in read from a YAML file.

Every wrong value is listed at once with file:line:column, and nothing is
changed until the whole file checks out.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, field_validator

from loopbaan_cli.banks.library import Library
from loopbaan_cli.conversation.agreement_editor import OWN_ACTION_TITLE
from loopbaan_cli.cycle import progress
from loopbaan_cli.kernel.errors import InvalidAnswersError, Problem
from loopbaan_cli.sessions.model import (
    Agreement,
    AgreementProgress,
    CheckIn,
    Day,
    Session,
)


def normalise_status(text: str) -> str | None:
    """A status as typed in a file ("zit vast", "Klaar") as its id; None when unknown."""
    status = progress.parse(text)
    return status.value if status is not None else None


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ProgressIn(_In):
    status: str | None = None
    remark: str | None = None


class AgreementChange(_In):
    action: str | None = None
    what: str | None = None
    owner: str | None = None
    due: Day | None = None
    support: str | None = None
    success: str | None = None


class CheckInFile(_In):
    """`loopbaan followup --answers FILE`: see the README for an example."""

    date: Day | None = None
    progress: dict[int, ProgressIn | str] = {}
    difficulties: str | None = None
    successes: str | None = None
    new_agreements: list[Agreement] = []
    changed_agreements: dict[int, AgreementChange] = {}
    next: Day | None = None

    @field_validator("progress", "changed_agreements", mode="before")
    @classmethod
    def _empty_is_none(cls, value: object) -> object:
        return {} if value is None else value

    @field_validator("new_agreements", mode="before")
    @classmethod
    def _empty_list(cls, value: object) -> object:
        return [] if value is None else value


def read_answers(path: Path) -> tuple[CheckInFile, Any]:
    from loopbaan_cli.kernel import yamlio

    return yamlio.load_model(path, CheckInFile, text_limit=yamlio.MAX_TEXT_CHARS)


def apply_answers(
    session: Session, checkin: CheckIn, data: CheckInFile, marks: Any, name: str, library: Library
) -> set[str]:
    """Put the file's answers in the check-in; returns the steps it answered.

    Raises InvalidAnswersError listing every wrong value; nothing is changed then.
    """
    reader = _Reader(marks, name)
    agreements = list(session.agreements)
    entries = [p.model_copy() for p in checkin.progress]
    given = reader.progress(data, agreements, entries)
    added = reader.new_agreements(data, agreements, library)
    changed = reader.changed_agreements(data, agreements, len(session.agreements), library)
    if reader.problems:
        raise InvalidAnswersError(reader.problems)
    given |= _plain_fields(data, checkin)
    session.agreements = agreements
    checkin.progress = sorted(entries, key=lambda p: p.number)
    checkin.added = list(checkin.added) + added
    checkin.changed = list(checkin.changed) + [n for n in changed if n not in checkin.changed]
    return given


class _Reader:
    """Reads the parts of the file that can be wrong, collecting every problem."""

    def __init__(self, marks: Any, name: str) -> None:
        self.problems: list[Problem] = []
        self._marks, self._name = marks, name

    def problem(self, loc: tuple[str | int, ...], message: str) -> None:
        line, col = self._marks.at(loc)
        self.problems.append(Problem(self._name, line, col, message))

    def progress(
        self, data: CheckInFile, agreements: list[Agreement], entries: list[AgreementProgress]
    ) -> set[str]:
        """Each agreement's status and remark, put in `entries`; the steps answered."""
        given: set[str] = set()
        for number, raw in data.progress.items():
            item = raw if isinstance(raw, ProgressIn) else ProgressIn(status=raw)
            where = ("progress", str(number))
            if not 1 <= number <= len(agreements):
                self.problem(
                    where,
                    f"afspraak {number} bestaat niet (dit gesprek heeft er {len(agreements)})",
                )
                continue
            entry = next((p for p in entries if p.number == number), None)
            if entry is None:
                entry = AgreementProgress(number=number, what=agreements[number - 1].what)
                entries.append(entry)
            if item.status is not None:
                status = normalise_status(item.status)
                if status is None:
                    self.problem(
                        (*where, "status"),
                        f"'{item.status}' is geen stand; kies uit klaar, loopt, zit vast, geschrapt",
                    )
                    continue
                entry.status = status  # type: ignore[assignment]
                given.add(f"progress.{number}.status")
            if item.remark is not None:
                entry.remark = item.remark.strip()
                given.add(f"progress.{number}.remark")
        return given

    def new_agreements(
        self, data: CheckInFile, agreements: list[Agreement], library: Library
    ) -> list[int]:
        """Append the new agreements; their numbers."""
        added = []
        for index, agreement in enumerate(data.new_agreements):
            if agreement.action and agreement.action not in library.actions:
                self.problem(
                    ("new_agreements", index, "action"),
                    f"onbekende actie '{agreement.action}'; kies uit {', '.join(library.actions)}",
                )
                continue
            title = (
                library.actions[agreement.action].title if agreement.action else OWN_ACTION_TITLE
            )
            agreements.append(
                agreement.model_copy(update={"action_title": agreement.action_title or title})
            )
            added.append(len(agreements))
        return added

    def changed_agreements(
        self, data: CheckInFile, agreements: list[Agreement], before: int, library: Library
    ) -> list[int]:
        """Change the agreements the file names (of the `before` there were); their numbers."""
        changed: list[int] = []
        for number, change in data.changed_agreements.items():
            where = ("changed_agreements", str(number))
            if not 1 <= number <= before:
                self.problem(
                    where, f"afspraak {number} bestaat niet (dit gesprek heeft er {before})"
                )
                continue
            update: dict[str, Any] = {k: getattr(change, k) for k in change.model_fields_set}
            if change.action is not None:
                if change.action not in library.actions:
                    self.problem((*where, "action"), f"onbekende actie '{change.action}'")
                    continue
                update["action_title"] = library.actions[change.action].title
            if "what" in update and not (update["what"] or "").strip():
                self.problem((*where, "what"), "'what' mag niet leeg zijn")
                continue
            agreements[number - 1] = agreements[number - 1].model_copy(update=update)
            if number not in changed:
                changed.append(number)
        return changed


def _plain_fields(data: CheckInFile, checkin: CheckIn) -> set[str]:
    """The date, the difficulties and successes, the next moment; the steps answered."""
    fields = data.model_fields_set
    given: set[str] = set()
    if "date" in fields and data.date is not None:
        checkin.date = data.date
        given.add("date")
    for field in ("difficulties", "successes"):
        value = getattr(data, field)
        if value is not None:
            setattr(checkin, field, value.strip())
            given.add(field)
    if "new_agreements" in fields or "changed_agreements" in fields:
        given.add("agreements")
    if "next" in fields:
        checkin.next = data.next
        given.add("next")
    return given


def missing(checkin: CheckIn, marks: Any, name: str) -> list[Problem]:
    line, col = marks.at(("progress",))
    return [
        Problem(
            name,
            line,
            col,
            f"ontbreekt: progress: {p.number}: status (afspraak {p.number}: {p.what})",
        )
        for p in checkin.progress
        if p.status is None
    ]
