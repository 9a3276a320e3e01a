"""The file `loopbaan start --answers FILE` reads: a session's shape, with shorthand."""

from __future__ import annotations

import datetime as dt

from pydantic import Field, field_validator

from loopbaan_cli.banks.model import AnswerValue
from loopbaan_cli.kernel.values import DEFAULT_FOLLOWUP
from loopbaan_cli.sessions.model import (
    Agreement,
    AnswerRecord,
    CheckIn,
    Day,
    Meeting,
    Person,
    _Record,
)


class NoteIn(_Record):
    text: str
    private: bool = False


class ConclusionIn(_Record):
    id: str
    text: str = ""
    title: str = ""
    referral_info: str = ""  # in a saved session; accepted so it can be fed back


class FollowUpIn(_Record):
    date: Day
    what: str = DEFAULT_FOLLOWUP


class EmployeeIn(_Record):
    """Who: the name, or the register's id (`id`, or `employee_id:` at the top), or both."""

    id: str | None = None
    name: str | None = None
    role: str = ""
    service_start: dt.date | None = None
    retirement_year: int | None = None


class AnswersFile(_Record):
    """A session file's shape, with shorthand: `answers: {bank.vraag: waarde}`.

    Session-only fields (id, status, stage, ...) are accepted so a saved session
    can be fed back in; they are ignored.
    """

    schema_version: int | None = None
    id: str | None = None
    status: str | None = None
    stage: str | None = None
    position: str | None = None
    created: dt.datetime | None = None
    updated: dt.datetime | None = None
    minutes: float | None = None
    employee: EmployeeIn | None = None
    # the register's id (`loopbaan employees list`): needed when several employees share the name
    employee_id: str | None = None
    interviewer: Person | None = None
    date: Day | None = None
    phase: str | None = None
    phase_title: str | None = None
    purposes: list[str] | None = None
    purpose_titles: list[str] | None = None
    plain: bool = False  # the conversation in plain language (B1)
    short: bool = False  # the short conversation: key questions only
    meeting: Meeting | None = None  # {time, place, minutes} of a prepared conversation
    preparation: dict[str, AnswerValue | AnswerRecord | None] = Field(default_factory=dict)
    answers: dict[str, AnswerValue | AnswerRecord | None] = Field(default_factory=dict)
    notes: dict[str, NoteIn] = Field(default_factory=dict)
    conclusion: str | ConclusionIn | None = None  # one; `conclusions` takes several
    conclusions: list[str | ConclusionIn] | None = None
    summary: str | None = None  # "wat we besproken hebben", written together
    # which answers may go on paper: {bank.vraag: true|false}; default from the question
    printed: dict[str, bool] = Field(default_factory=dict)
    agreements: list[Agreement] | None = None
    followups: list[Day | FollowUpIn] | None = None
    next_conversation: Day | None = None
    reachability: str | None = None
    checkins: list[CheckIn] | None = None  # in a saved session; accepted, ignored

    @field_validator("preparation", "answers", "notes", "printed", mode="before")
    @classmethod
    def _empty_is_none(cls, value: object) -> object:
        # `answers:` with nothing under it is an empty mapping, not an error.
        return {} if value is None else value
