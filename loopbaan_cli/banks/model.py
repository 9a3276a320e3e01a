"""Question banks and catalogues, as pydantic models.

They are frozen and reject unknown keys, so a typo in a YAML file is reported
instead of silently ignored. The vocabulary shared with the sessions (question
types, from the registry in types.py; scales, answer values, slugs) lives here too.
"""

from __future__ import annotations

import datetime as dt
from itertools import pairwise
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)

from loopbaan_cli.banks.types import TYPES, choice_types, scale_types
from loopbaan_cli.banks.types import QuestionType as QuestionType  # re-exported for the rooms above

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]*$", max_length=60)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]

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
    # The ends in plain words, shown when the conversation is in plain language.
    # Not kept with an answer (exclude): the answer keeps the scale as asked normally.
    min_plain: str = Field("", exclude=True)
    max_plain: str = Field("", exclude=True)

    def worded(self, plain: bool) -> Scale:
        """The scale as it is shown: with the plain ends in plain language, when given."""
        if not plain or not (self.min_plain.strip() or self.max_plain.strip()):
            return self
        return self.model_copy(
            update={
                "min_label": self.min_plain.strip() or self.min_label,
                "max_label": self.max_plain.strip() or self.max_label,
            }
        )

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
    plain_choices: list[Text] = Field(
        default_factory=list,
        description="De keuzes in eenvoudige taal (B1), in dezelfde volgorde als 'choices'.",
    )
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
    key: bool = Field(
        False, description="Een sleutelvraag: ook in het korte gesprek (ongeveer 45 minuten)."
    )
    goal: bool = Field(
        False,
        description="Vraagt het eigen doel van de medewerker voor de korte termijn; het "
        "antwoord komt op de zakkaart (Mijn doel) als het op papier mag en niet gevoelig is.",
    )

    @model_validator(mode="after")
    def _choices_fit_type(self) -> Question:
        kind = TYPES[self.type]
        with_choices = " of ".join(choice_types())
        if kind.uses_choices:
            if not self.choices:
                raise ValueError(f"een vraag van type {self.type} heeft 'choices' nodig")
        elif self.choices:
            raise ValueError(f"'choices' hoort alleen bij {with_choices}, niet bij {self.type}")
        if self.plain_choices and len(self.plain_choices) != len(self.choices):
            raise ValueError(
                f"'plain_choices' heeft {len(self.plain_choices)} keuzes en 'choices' "
                f"{len(self.choices)}: geef voor elke keuze één eenvoudige versie, in dezelfde "
                "volgorde"
            )
        if self.other and not kind.uses_choices:
            raise ValueError(f"'other' hoort alleen bij {with_choices}")
        if self.scale is not None and not kind.uses_scale:
            raise ValueError(
                f"'scale' hoort alleen bij een vraag van type {' of '.join(scale_types())}"
            )
        return self

    @property
    def scale_or_default(self) -> Scale:
        return self.scale or Scale()

    def choice_labels(self, plain: bool) -> list[tuple[str, str]]:
        """(value, label) per choice: the value is kept, the label shown (plain when asked)."""
        labels = self.plain_choices if plain and self.plain_choices else self.choices
        return list(zip(self.choices, labels, strict=True))


class Section(_Frozen):
    id: Slug
    title: Text
    plain_title: str = Field("", description="De titel in eenvoudige taal (B1).")
    intro: str = ""
    plain: str = Field("", description="De inleiding in eenvoudige taal (B1).")
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
    watch: str = Field("", description="Waar op letten en wie betaalt, in één korte regel.")
    levers: list[Slug] = Field(
        default_factory=list, description="Regelingen (ids uit levers.yaml) bij deze actie."
    )


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


class SizeRule(_Frozen):
    """What a scheme means for a company of between `min` and `max` employees (both inclusive)."""

    min: int | None = Field(None, ge=0)
    max: int | None = Field(None, ge=0)
    text: Text

    @model_validator(mode="after")
    def _range(self) -> SizeRule:
        if self.min is None and self.max is None:
            raise ValueError("een regel per grootte heeft 'min', 'max' of allebei nodig")
        if self.min is not None and self.max is not None and self.max < self.min:
            raise ValueError("max moet minstens even groot zijn als min")
        return self

    def fits(self, employees: int) -> bool:
        return (self.min is None or employees >= self.min) and (
            self.max is None or employees <= self.max
        )

    @property
    def label(self) -> str:
        """The range in words: "tot 9 werknemers", "10 tot 19 werknemers", "vanaf 20 werknemers"."""
        if self.min is None or self.min == 0:
            return f"tot {self.max} werknemers"
        if self.max is None:
            return f"vanaf {self.min} werknemers"
        return f"{self.min} tot {self.max} werknemers"


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
    by_size: list[SizeRule] = Field(
        default_factory=list, description="Wat de regeling betekent per grootte van de zaak."
    )

    @model_validator(mode="after")
    def _sizes_apart(self) -> Lever:
        rules = sorted(self.by_size, key=lambda r: r.min or 0)
        for before, after in pairwise(rules):
            if before.max is None or before.max >= (after.min or 0):
                raise ValueError(
                    "de regels in 'by_size' overlappen: elke grootte hoort bij één regel"
                )
        return self

    def rule_for(self, employees: int | None) -> str:
        """The size rule for a company of `employees`; without it, every rule. "" without by_size."""
        if not self.by_size:
            return ""
        if employees is not None:
            for rule in self.by_size:
                if rule.fits(employees):
                    return f"{self.title} in je zaak ({employees} werknemers): {rule.text}"
        rules = "; ".join(f"{r.label}: {r.text.rstrip('.')}" for r in self.by_size)
        return f"{self.title} hangt af van de grootte van je zaak: {rules}."

    def dated_rule(self, employees: int | None) -> str:
        """`rule_for`, with when the rule was checked and whether it is still to be confirmed.

        A rule that changes is only as good as its date: the tip says it, so the
        owner knows how fresh it is and when to ask the social secretariat.
        """
        rule = self.rule_for(employees)
        if not rule:
            return ""
        dated = (
            f"nagekeken op {self.checked_on.day}-{self.checked_on.month:02d}-{self.checked_on.year}"
        )
        if self.to_confirm:
            dated += ", nog te bevestigen bij je sociaal secretariaat"
        return f"{rule.rstrip('.')} ({dated})."


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
