"""A conversation on disk, as pydantic models (docs/bestandsformaten.md).

A change here changes the file format: tests/test_seal.py then asks for a new
format.MODEL_HASH (and SCHEMA_VERSION, if older loopbaans could misread it).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
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
from loopbaan_cli.kernel.values import DEFAULT_FOLLOWUP, FIRST_DATE, LAST_DATE
from loopbaan_cli.sessions.employees import (
    EMPLOYEE_ID_PATTERN,
    retirement_year_problem,
    service_start_problem,
)
from loopbaan_cli.sessions.format import MODEL_HASH, SCHEMA_VERSION
from loopbaan_cli.sessions.ids import ID_PATTERN

# Date and name slug; what store.session_path accepts, so no id can leave its folder.
SessionId = Annotated[str, StringConstraints(pattern=ID_PATTERN)]
# An employee in the register (sessions/employees.py): random, never made from the name.
EmployeeId = Annotated[str, StringConstraints(pattern=EMPLOYEE_ID_PATTERN)]

# Ranges: what a file may hold (docs/bestandsformaten.md). A date outside them is a
# typing error that would break the calendar or the agenda later; the stricter
# rules for what is newly typed (a retirement year from last year on) are in
# input_problems below, because a file must stay readable as the years pass.
Day = Annotated[dt.date, Field(ge=FIRST_DATE, le=LAST_DATE)]
Year = Annotated[int, Field(ge=FIRST_DATE.year, le=LAST_DATE.year)]
RETIREMENT_YEARS_AHEAD = 60  # a retirement year typed today: last year .. 60 years on
SERVICE_START_AHEAD_DAYS = 366  # a service start may lie up to a year ahead (a new hire)

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
    service_start: Day | None = None
    retirement_year: Year | None = None


def input_problems(
    service_start: object, retirement_year: object, today: dt.date
) -> dict[str, str]:
    """Field -> Dutch message for employee facts that may not be typed today.

    First what the register can keep (sessions/employees.py), then the rules
    for a newly typed fact: a retirement year from last year up to
    RETIREMENT_YEARS_AHEAD on, a service start at most a year ahead. Checked
    in --answers files and at the keyboard, not when a saved file is read (it
    was right when it was typed).
    """
    found: dict[str, str] = {}
    year, start = retirement_year, service_start
    why = retirement_year_problem(year)
    if not why and isinstance(year, int) and not today.year - 1 <= year <= _last_year(today):
        why = retirement_year_hint(today)
    if why:
        found["retirement_year"] = why
    why = service_start_problem(start)
    ahead = today + dt.timedelta(days=SERVICE_START_AHEAD_DAYS)
    if not why and isinstance(start, dt.date) and start > ahead:
        why = f"de datum van indiensttreding ({start}) ligt meer dan een jaar in de toekomst"
    if why:
        found["service_start"] = why
    return found


def retirement_year_hint(today: dt.date) -> str:
    return f"geef als pensioenjaar een jaartal tussen {today.year - 1} en {_last_year(today)}"


def _last_year(today: dt.date) -> int:
    return today.year + RETIREMENT_YEARS_AHEAD


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
    consent_asked: bool = Field(
        False,
        description="Bij een gevoelige vraag: de medewerker besliste of dit antwoord op papier "
        "mag (dan wordt het niet opnieuw gevraagd, tot het antwoord verandert).",
    )

    @field_validator("value")
    @classmethod
    def value_in_range(cls, value: object) -> object:
        """A finite number, a date in FIRST_DATE .. LAST_DATE (also checked before each save)."""
        if isinstance(value, float) and not math.isfinite(value):
            raise ValueError(f"{value} is geen eindig getal")
        if isinstance(value, dt.date) and not FIRST_DATE <= value <= LAST_DATE:
            raise ValueError(f"de datum {value} ligt buiten {FIRST_DATE.year}-{LAST_DATE.year}")
        return value

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
    due: Day | None = None
    support: str = ""
    success: str = ""


class FollowUp(_Record):
    date: Day
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

    date: Day
    status: Literal["in_progress", "completed"] = "in_progress"
    position: str | None = Field(None, description="De vraag waar de opvolging verder gaat.")
    progress: list[AgreementProgress] = Field(default_factory=list)
    difficulties: str = ""
    successes: str = ""
    added: list[int] = Field(default_factory=list, description="Afspraken die erbij kwamen.")
    changed: list[int] = Field(default_factory=list, description="Afspraken die gewijzigd werden.")
    next: Day | None = Field(None, description="Het volgende opvolgmoment.")


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
    date: Day
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
    next_conversation: Day | None = None
    reachability: str = ""
    minutes: float = Field(
        0, ge=0, allow_inf_nan=False, description="Gesprekstijd tot nu toe, over pauzes heen."
    )
    checkins: list[CheckIn] = Field(default_factory=list, description="Opvolgmomenten nadien.")

    @field_validator("created", "updated")
    @classmethod
    def _local_time(cls, value: dt.datetime) -> dt.datetime:
        # A hand-edited time with a zone (…+02:00): the same moment in local time,
        # so every file compares with every other (a mix breaks sorting for all).
        if value.tzinfo is not None:
            value = value.astimezone().replace(tzinfo=None)
        return value

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
