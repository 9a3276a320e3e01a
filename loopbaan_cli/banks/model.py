"""The data loopbaan works with, as pydantic models.

Bank and catalogue models are frozen and reject unknown keys, so a typo in a
YAML file is reported instead of silently ignored. The session models are the
file format of a conversation on disk (see docs/bestandsformaten.md).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)

from loopbaan_cli.kernel.values import DEFAULT_FOLLOWUP

SCHEMA_VERSION = 1

# Date and name slug; what store.session_path accepts, so no id can leave its folder.
SessionId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]{0,80}$")]
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]*$", max_length=60)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]

QuestionType = Literal[
    "text", "long_text", "choice", "multi_choice", "confirm", "scale", "date", "number"
]
QUESTION_TYPES: tuple[str, ...] = QuestionType.__args__  # type: ignore[attr-defined]

AnswerValue = bool | int | float | dt.date | str | list[str]


class _Frozen(BaseModel):
    # defer_build: a model's validator is made when first used, not at import
    # (`loopbaan export` needs the session models, never the bank models).
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


# --- question banks ---------------------------------------------------------


class Scale(_Frozen):
    """A scale question's range and what its two ends mean."""

    min: int = 1
    max: int = 5
    min_label: Text = "helemaal niet"
    max_label: Text = "helemaal wel"

    @model_validator(mode="after")
    def _range(self) -> Scale:
        if self.max <= self.min:
            raise ValueError("max moet groter zijn dan min")
        if self.max - self.min > 10:
            raise ValueError("een schaal heeft hoogstens 11 punten")
        return self


class Question(_Frozen):
    id: Slug
    text: Text = Field(description="De vraag zoals de interviewer ze stelt.")
    plain: str = Field("", description="Dezelfde vraag in eenvoudige taal (B1).")
    tip: str = Field("", description="Hulp voor de interviewer; nooit afgedrukt.")
    type: QuestionType = "long_text"
    required: bool = False
    choices: list[Text] = Field(default_factory=list)
    other: bool = Field(False, description="Bied 'Anders, namelijk…' aan bij keuzevragen.")
    scale: Scale | None = None
    when: str | None = Field(None, description="Jinja2-uitdrukking over eerdere antwoorden.")
    reflection: bool = Field(
        False, description="Komt ook op de uitnodiging, zodat de medewerker vooraf nadenkt."
    )
    sensitive: bool = Field(
        False,
        description="Het antwoord raakt aan gezondheid, gezin, vertrekplannen of het pensioen.",
    )

    @model_validator(mode="after")
    def _choices_fit_type(self) -> Question:
        if self.type in ("choice", "multi_choice"):
            if not self.choices:
                raise ValueError(f"een vraag van type {self.type} heeft 'choices' nodig")
        elif self.choices:
            raise ValueError(
                f"'choices' hoort alleen bij choice of multi_choice, niet bij {self.type}"
            )
        if self.other and self.type not in ("choice", "multi_choice"):
            raise ValueError("'other' hoort alleen bij choice of multi_choice")
        if self.scale is not None and self.type != "scale":
            raise ValueError("'scale' hoort alleen bij een vraag van type scale")
        return self

    @property
    def scale_or_default(self) -> Scale:
        return self.scale or Scale()


class Section(_Frozen):
    id: Slug
    title: Text
    intro: str = ""
    questions: list[Question] = Field(default_factory=list)


class QuestionBank(_Frozen):
    id: Slug
    title: str = ""
    description: str = ""
    kind: Literal["conversation", "preparation"] = "conversation"
    phases: list[Slug] = Field(default_factory=list, description="Leeg: in elke levensfase.")
    purposes: list[Slug] = Field(default_factory=list, description="Leeg: bij elk doel.")
    order: int = Field(50, description="Lager komt eerder in het gesprek.")
    enabled: bool = Field(True, description="false zet een ingebouwde vragenbank uit.")
    sections: list[Section] = Field(default_factory=list)

    @model_validator(mode="after")
    def _complete_when_enabled(self) -> QuestionBank:
        if self.enabled and not self.title.strip():
            raise ValueError("een vragenbank heeft een 'title' nodig")
        if self.enabled and not self.sections:
            raise ValueError("een vragenbank heeft minstens één 'sections'-blok nodig")
        return self

    def questions(self) -> list[tuple[Section, Question]]:
        return [(s, q) for s in self.sections for q in s.questions]

    def applies_to(self, phase: str, purposes: list[str]) -> bool:
        phase_ok = not self.phases or phase in self.phases
        purpose_ok = not self.purposes or any(p in self.purposes for p in purposes)
        return self.enabled and phase_ok and purpose_ok


# --- catalogues -------------------------------------------------------------


class Phase(_Frozen):
    id: Slug
    title: Text
    description: Text
    ages: str = ""


class Purpose(_Frozen):
    id: Slug
    title: Text
    description: Text


class Action(_Frozen):
    id: Slug
    title: Text
    description: Text
    examples: list[str] = Field(default_factory=list)


class ConclusionOption(_Frozen):
    id: Slug
    title: Text
    description: Text
    referral: bool = Field(False, description="Toon de doorverwijsinformatie.")


class ReferralProvider(_Frozen):
    name: Text
    what: Text
    how: Text
    contact: str = ""
    checked_on: dt.date | None = Field(None, description="Leeg: de datum van de hele info.")
    valid_until: dt.date | None = None


class Referral(_Frozen):
    checked_on: dt.date
    valid_until: dt.date | None = None
    intro: Text
    providers: list[ReferralProvider]
    note: str = ""


class Lever(_Frozen):
    """A scheme or right the owner can point to (time credit, training right...): a dated fact."""

    id: Slug
    title: Text
    what: Text
    who: str = ""
    check: str = ""
    checked_on: dt.date
    valid_until: dt.date | None = None
    to_confirm: bool = False


class PhaseFile(_Frozen):
    phases: list[Phase]


class PurposeFile(_Frozen):
    purposes: list[Purpose]


class ActionFile(_Frozen):
    actions: list[Action]


class ConclusionFile(_Frozen):
    conclusions: list[ConclusionOption]


class ReferralFile(_Frozen):
    referral: Referral


class LeverFile(_Frozen):
    levers: list[Lever]


# --- a conversation on disk -------------------------------------------------

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


class Employee(Person):
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
    preparation: dict[str, AnswerRecord] = Field(default_factory=dict)
    answers: dict[str, AnswerRecord] = Field(default_factory=dict)
    conclusion: ConclusionRecord | None = None
    agreements: list[Agreement] = Field(default_factory=list)
    followups: list[FollowUp] = Field(default_factory=list)
    next_conversation: dt.date | None = None
    reachability: str = ""
    minutes: float = Field(0, description="Gesprekstijd tot nu toe, over pauzes heen.")
    checkins: list[CheckIn] = Field(default_factory=list, description="Opvolgmomenten nadien.")


# --- the scriptable face: `loopbaan start --answers FILE` -------------------


class NoteIn(_Record):
    text: str
    private: bool = False


class ConclusionIn(_Record):
    id: str
    text: str = ""
    title: str = ""
    referral_info: str = ""  # in a saved session; accepted so it can be fed back


class FollowUpIn(_Record):
    date: dt.date
    what: str = DEFAULT_FOLLOWUP


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
    employee: Employee | None = None
    interviewer: Person | None = None
    date: dt.date | None = None
    phase: str | None = None
    phase_title: str | None = None
    purposes: list[str] | None = None
    purpose_titles: list[str] | None = None
    preparation: dict[str, AnswerValue | AnswerRecord | None] = Field(default_factory=dict)
    answers: dict[str, AnswerValue | AnswerRecord | None] = Field(default_factory=dict)
    notes: dict[str, NoteIn] = Field(default_factory=dict)
    conclusion: str | ConclusionIn | None = None
    agreements: list[Agreement] | None = None
    followups: list[dt.date | FollowUpIn] | None = None
    next_conversation: dt.date | None = None
    reachability: str | None = None
    checkins: list[CheckIn] | None = None  # in a saved session; accepted, ignored

    @field_validator("preparation", "answers", "notes", mode="before")
    @classmethod
    def _empty_is_none(cls, value: object) -> object:
        # `answers:` with nothing under it is an empty mapping, not an error.
        return {} if value is None else value
