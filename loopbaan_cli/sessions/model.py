"""A conversation on disk, as pydantic models (docs/bestandsformaten.md).

A change here changes the file format: tests/test_seal.py then asks for a new
format.MODEL_HASH (and SCHEMA_VERSION, if older loopbaans could misread it).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)

from loopbaan_cli.banks.model import AnswerValue, Scale, Text
from loopbaan_cli.banks.types import QuestionType, scale_types
from loopbaan_cli.kernel.values import DEFAULT_FOLLOWUP
from loopbaan_cli.sessions.employees import EMPLOYEE_ID_PATTERN
from loopbaan_cli.sessions.format import MODEL_HASH, SCHEMA_VERSION
from loopbaan_cli.sessions.ids import ID_PATTERN

# Date and name slug; what store.session_path accepts, so no id can leave its folder.
SessionId = Annotated[str, StringConstraints(pattern=ID_PATTERN)]
# An employee in the register (sessions/employees.py): random, never made from the name.
EmployeeId = Annotated[str, StringConstraints(pattern=EMPLOYEE_ID_PATTERN)]

Status = Literal["prepared", "in_progress", "completed"]
Stage = Literal[
    "meta",
    "preparation",
    "questions",
    "review",
    "conclusion",
    "agreements",
    "followups",
    "preview",
    "done",
]
STAGES: tuple[str, ...] = Stage.__args__  # type: ignore[attr-defined]


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)


class Person(_Record):
    name: Text
    role: str = ""


class Employee(_Record):
    """Who the conversation is with: the register's id, and the facts as they were then."""

    id: EmployeeId | None = Field(
        None,
        description="De id van de medewerker in het medewerkersregister (employees.yaml). "
        "Leeg alleen zolang de naam nog niet gegeven is.",
    )
    name: Text
    role: str = ""
    service_start: dt.date | None = None
    retirement_year: int | None = None


class AnswerRecord(_Record):
    """One question as it was asked, with its answer: a later bank edit changes nothing here."""

    question: Text
    type: QuestionType = "long_text"
    scale: Scale | None = Field(None, description="Bij een schaalvraag: het bereik zoals gevraagd.")
    section: str = ""
    value: AnswerValue | None = None
    skipped: bool = False
    note: str = ""
    private: bool = Field(False, description="De notitie is alleen voor de leidinggevende.")
    sensitive: bool = Field(
        False, description="De vraag was als gevoelig gemarkeerd toen ze gesteld werd."
    )
    printed: bool = Field(
        True,
        description="Het antwoord mag op papier (in de bijlage bij het afsprakenblad). "
        "Ontbreekt het: nee bij een gevoelige vraag of een score, anders ja.",
    )

    @model_validator(mode="before")
    @classmethod
    def _printed_by_default(cls, data: object) -> object:
        # Not given (an older file, a new record): the question decides.
        if isinstance(data, dict) and data.get("printed") is None:
            data = {**data, "printed": printed_by_default(data.get("type"), data.get("sensitive"))}
        return data


def printed_by_default(question_type: object, sensitive: object) -> bool:
    """Whether an answer goes on paper unless someone decides otherwise: not a score, not sensitive."""
    return not sensitive and question_type not in scale_types()


class ConclusionRecord(_Record):
    id: str
    title: str
    text: str = ""
    referral_info: str = Field(
        "", description="Bij een doorverwijzing: de info zoals ze toen gegeven werd."
    )


class Agreement(_Record):
    action: str | None = Field(None, description="Id uit de actiecatalogus; leeg: eigen actie.")
    action_title: str = ""
    what: Text
    owner: str = ""
    due: dt.date | None = None
    support: str = ""
    success: str = ""


class FollowUp(_Record):
    date: dt.date
    what: str = DEFAULT_FOLLOWUP


# After the conversation: follow-up check-ins, kept with the conversation (issue 5).
ProgressStatus = Literal["klaar", "loopt", "vast", "geschrapt"]
PROGRESS_STATUSES: tuple[str, ...] = ProgressStatus.__args__  # type: ignore[attr-defined]


class AgreementProgress(_Record):
    """How one agreement stood at a check-in."""

    number: int = Field(description="Het nummer van de afspraak (1 is de eerste).")
    what: str = Field("", description="De afspraak zoals ze toen luidde.")
    status: ProgressStatus | None = None
    remark: str = ""


# The planned meeting's start: "14:00", "9.30", "14u30", "14 uur", "14h".
_TIME = re.compile(r"^\s*([01]?\d|2[0-3])\s*(?:[:.hu]\s*([0-5]\d)?\s*(?:uur)?|uur)?\s*$", re.I)
TIME_HINT = "schrijf het uur als UU:MM, bijvoorbeeld 14:00 of 9:30"


def meeting_time(value: object) -> str | None:
    """A start time as "HH:MM", or None when `value` is empty; ValueError when it is no time.

    An int is an hour (`time: 14`), or what YAML makes of an unquoted 14:00
    (840: minutes since midnight, "sexagesimal"), read back as that time.
    """
    if value is None or value == "":
        return None
    if isinstance(value, dt.time):
        return f"{value.hour:02d}:{value.minute:02d}"
    if isinstance(value, int) and not isinstance(value, bool):
        if 0 <= value < 24:  # `time: 14`: the hour
            return f"{value:02d}:00"
        if 60 <= value < 24 * 60:
            return f"{value // 60:02d}:{value % 60:02d}"
    found = _TIME.match(value) if isinstance(value, str) else None
    if found is None:
        raise ValueError(f"'{value}' is geen uur: {TIME_HINT}")
    return f"{int(found[1]):02d}:{found[2] or '00'}"


class Meeting(_Record):
    """Where and when the planned conversation takes place (asked by `loopbaan prepare`)."""

    time: str | None = Field(None, description="Het beginuur, UU:MM (24 uur).")
    place: str = Field("", description="Waar het gesprek doorgaat.")
    minutes: int | None = Field(None, ge=5, le=480, description="De verwachte duur in minuten.")

    @field_validator("time", mode="before")
    @classmethod
    def _a_time(cls, value: object) -> str | None:
        return meeting_time(value)

    @property
    def empty(self) -> bool:
        return self.time is None and not self.place.strip() and self.minutes is None


class CheckIn(_Record):
    """One follow-up moment held after the conversation (`loopbaan followup`)."""

    date: dt.date
    status: Literal["in_progress", "completed"] = "in_progress"
    position: str | None = Field(None, description="De vraag waar de opvolging verder gaat.")
    progress: list[AgreementProgress] = Field(default_factory=list)
    difficulties: str = ""
    successes: str = ""
    added: list[int] = Field(default_factory=list, description="Afspraken die erbij kwamen.")
    changed: list[int] = Field(default_factory=list, description="Afspraken die gewijzigd werden.")
    next: dt.date | None = Field(None, description="Het volgende opvolgmoment.")


class Session(_Record):
    schema_version: int = SCHEMA_VERSION
    id: SessionId
    status: Status = "in_progress"
    stage: Stage = "meta"
    position: str | None = Field(None, description="De vraag waar het gesprek verder gaat.")
    created: dt.datetime
    updated: dt.datetime
    employee: Employee
    interviewer: Person
    date: dt.date
    phase: str
    phase_title: str = ""
    purposes: list[str] = Field(default_factory=list)
    purpose_titles: list[str] = Field(default_factory=list)
    plain: bool = Field(False, description="Het gesprek in eenvoudige taal (B1).")
    short: bool = Field(False, description="Het korte gesprek: alleen de sleutelvragen.")
    meeting: Meeting | None = Field(None, description="Uur, plaats en duur van het gesprek.")
    preparation: dict[str, AnswerRecord] = Field(default_factory=dict)
    answers: dict[str, AnswerRecord] = Field(default_factory=dict)
    conclusions: list[ConclusionRecord] = Field(
        default_factory=list, description="Eén of meer conclusies, in de gekozen volgorde."
    )
    summary: str = Field("", description="Wat we besproken hebben: samen geschreven, op papier.")
    agreements: list[Agreement] = Field(default_factory=list)
    followups: list[FollowUp] = Field(default_factory=list)
    next_conversation: dt.date | None = None
    reachability: str = ""
    minutes: float = Field(0, description="Gesprekstijd tot nu toe, over pauzes heen.")
    checkins: list[CheckIn] = Field(default_factory=list, description="Opvolgmomenten nadien.")

    @model_validator(mode="before")
    @classmethod
    def _one_conclusion_of_old(cls, data: object) -> object:
        # Files (and callers) from before several conclusions: `conclusion: {...}`.
        if isinstance(data, dict) and "conclusion" in data:
            data = dict(data)
            old = data.pop("conclusion")
            if old is not None and not data.get("conclusions"):
                data["conclusions"] = [old]
        return data

    @property
    def conclusion(self) -> ConclusionRecord | None:
        """The first conclusion, or None (what a session had before several could be chosen)."""
        return self.conclusions[0] if self.conclusions else None


def model_hash() -> str:
    """format.MODEL_HASH as the model above gives it today (a test compares the two).

    The list of question types is left out: format.SEAL_KEY takes it from the
    registry (banks/types.py) itself, so a new type needs no new hash by hand.
    """
    schema = Session.model_json_schema()
    schema["$defs"]["AnswerRecord"]["properties"]["type"].pop("enum")
    text = json.dumps(schema, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[: len(MODEL_HASH)]
