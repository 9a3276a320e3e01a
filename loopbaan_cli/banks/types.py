"""Question types: one entry per type holds everything that differs between them.

How a typed or scripted answer is read and checked, which answers a `when`
condition can meet, what the type means in the schema, whether a half-typed
answer survives Ctrl-C, how the answer is shown, and which prompt and which
blank paper form ask for it. Code elsewhere asks `TYPES[question.type]`
instead of comparing type names, so a new type is one entry here, a paper form
in the templates and a row in the type table of docs/vragenbanken.md;
tests/test_registries_types.py names whatever an entry lacks.

No pydantic here: the prompts and the paper use this module without loading
the models, and `Question`/`Scale` are type hints only.
"""

from __future__ import annotations

import datetime as dt
import difflib
import itertools
import math
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING, Any, Literal

from loopbaan_cli.kernel.values import format_value, parse_date, parse_number, within_range

if TYPE_CHECKING:
    from typing import TypeAlias

    from loopbaan_cli.banks.conditions import Comparison
    from loopbaan_cli.banks.model import Question, Scale


class Prompt(str, Enum):
    """The shape of the prompt that asks for an answer (cli/prompts.py draws it)."""

    TEXT = "text"
    LONG_TEXT = "long_text"
    SELECT = "select"
    CHECKBOX = "checkbox"
    CONFIRM = "confirm"
    SCALE = "scale"
    DATE = "date"
    NUMBER = "number"

    @property
    def typed(self) -> bool:
        """Typed at the keyboard: what stands in the field already is text to edit."""
        return self not in (Prompt.SELECT, Prompt.CHECKBOX, Prompt.CONFIRM)


class Paper(str, Enum):
    """The blank form a printed sheet shows for a question nobody answered yet."""

    LINE = "line"  # one line to write on
    LINES = "lines"  # a few lines
    YES_NO = "yes_no"  # two boxes: Ja, Nee
    CHOICES = "choices"  # a box per choice, and "Anders: ....." when `other`
    SCALE = "scale"  # a box per point, between the two labels
    DATE = "date"  # "Datum: ....."


# Stands for whatever someone types at "Anders, namelijk…" (in a `when` check's domain).
TYPED_OTHER = "\x00anders"


@dataclass(frozen=True)
class Limits:
    """What bounds an answer besides its type: the choices, 'Anders, namelijk…', the scale."""

    choices: tuple[str, ...] = ()
    other: bool = False
    scale: Scale | None = None

    @classmethod
    def of(cls, question: Question) -> Limits:
        return cls(tuple(question.choices), question.other, scale_of(question))


@dataclass(frozen=True)
class QuestionTypeSpec:
    """Everything loopbaan knows about one question type."""

    name: str  # as written after `type:` in a bank
    meaning: str  # what the answer is, in Dutch (schema, docs)
    prompt: Prompt
    paper: Paper
    # What was typed at the keyboard -> the answer; ValueError in Dutch.
    from_text: Callable[[str, Limits], Any]
    # A value from an answers file (YAML: text, number, date, list) -> the answer.
    from_file: Callable[[Any, Limits], Any]
    # Every answer but none, for the `when` checks; None: too many to try.
    domain: Callable[[Limits], list[Any] | None]
    # The label of a typed prompt.
    label: Callable[[Limits], str] = lambda _limits: "Antwoord:"
    noun: str = "antwoord"  # "Nog geen antwoord", "Nog geen datum"
    show: Callable[[Any], str] = format_value  # the answer on screen
    keeps_draft: bool = False  # Ctrl-C halfway through typing keeps the words
    uses_choices: bool = False  # the question needs `choices` (and may have `other`)
    uses_scale: bool = False  # the question may have `scale`
    # The answer is true/false: `not x` is also true when x was skipped.
    yes_no: bool = False
    # A `when` comparison of this answer with values it never has, or written
    # in a way that does not fit the type: (label, limits, comparison, expression).
    when_warnings: Callable[[str, Limits, Comparison, str], list[str]] = (
        lambda _label, _limits, _comparison, _expression: []
    )


def scale_of(question: Question) -> Scale | None:
    """The question's scale (the default one if it gives none), if its type has one."""
    return question.scale_or_default if TYPES[question.type].uses_scale else None


# --- reading answers -------------------------------------------------------------


def _text_from_file(value: Any, _limits: Limits) -> str:
    if isinstance(value, (dict, list, bool)):
        raise ValueError("verwacht tekst")
    return str(value)


def _yes_no(value: Any, _limits: Limits) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in ("ja", "nee"):
        return value.strip().lower() == "ja"
    raise ValueError("verwacht true/false (of ja/nee)")


def _number_from_file(value: Any, _limits: Limits) -> int | float:
    if isinstance(value, bool):
        raise ValueError("verwacht een getal")
    if isinstance(value, float) and not math.isfinite(value):  # YAML's .inf and .nan
        raise ValueError(f"verwacht een getal, geen {value}")
    if isinstance(value, (int, float)):
        return value
    return parse_number(str(value))


def _scale_from_text(text: str, limits: Limits) -> int | float:
    number = parse_number(text)
    scale = limits.scale
    if scale is not None and (not isinstance(number, int) or not scale.min <= number <= scale.max):
        raise ValueError(f"kies een geheel getal van {scale.min} tot {scale.max}")
    return number


def _scale_from_file(value: Any, limits: Limits) -> int:
    scale = limits.scale
    span = f" van {scale.min} tot {scale.max}" if scale is not None else ""
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"verwacht een geheel getal{span}")
    if scale is not None and not scale.min <= value <= scale.max:
        raise ValueError(f"{value} ligt buiten de schaal {scale.min} tot {scale.max}")
    return value


def _date_from_file(value: Any, _limits: Limits) -> dt.date:
    if isinstance(value, dt.date):
        return within_range(value)
    if isinstance(value, str):
        return parse_date(value)
    raise ValueError("verwacht een datum (JJJJ-MM-DD)")


def _choice(value: Any, limits: Limits) -> str:
    if not isinstance(value, (str, int, float)) or isinstance(value, bool):
        raise ValueError(f"verwacht een van: {', '.join(limits.choices)}")
    text = str(value).strip()
    for choice in limits.choices:
        if choice.lower() == text.lower():
            return choice
    if limits.other and text:
        return text
    raise ValueError(f"'{text}' is geen keuze; kies uit: {', '.join(limits.choices)}")


def _choices(value: Any, limits: Limits) -> list[str]:
    items = value if isinstance(value, list) else [value]
    return [_choice(item, limits) for item in items]


# --- what a `when` condition can meet ------------------------------------------


def _unlimited(_limits: Limits) -> None:
    return None


def _options(limits: Limits) -> list[str]:
    return [*limits.choices, *([TYPED_OTHER] if limits.other else [])]


def _subsets(limits: Limits) -> list[Any]:
    options = _options(limits)
    if len(options) > 6:  # 2^n lists: the empty one, each alone and all are what matter
        return [[], *([option] for option in options), options]
    return [
        list(combo)
        for size in range(len(options) + 1)
        for combo in itertools.combinations(options, size)
    ]


def _scale_points(limits: Limits) -> list[Any] | None:
    scale = limits.scale
    return None if scale is None else list(range(scale.min, scale.max + 1))


def first_text(comparison: Comparison) -> str:
    """The first value a comparison names, for an example in a message."""
    return next((str(v) for v in comparison.values if v is not None), "...")


def _compared(comparison: Comparison) -> list[Any]:
    return [v for v in comparison.values if v is not None]


def _yes_no_warnings(label: str, _limits: Limits, comparison: Comparison, _expr: str) -> list[str]:
    return [
        f"'{label}' is een ja/nee-vraag: vergelijk met true of false, niet met {value!r}"
        for value in _compared(comparison)
        if not isinstance(value, bool)
    ]


def _not_a_choice(label: str, limits: Limits, comparison: Comparison) -> list[str]:
    messages = []
    for value in _compared(comparison):
        if value in limits.choices:
            continue
        message = f"de voorwaarde vergelijkt '{label}' met {value!r}, maar dat is geen keuze van die vraag"
        close = [c for c in limits.choices if c.lower() == str(value).lower()]
        close = close or difflib.get_close_matches(str(value), limits.choices, n=1, cutoff=0.6)
        if close:
            message += f"; bedoelde je '{close[0]}'?"
        else:
            message += f"; de keuzes zijn: {', '.join(repr(c) for c in limits.choices)}"
        messages.append(message)
    return messages


def _choice_warnings(label: str, limits: Limits, comparison: Comparison, expr: str) -> list[str]:
    messages = []
    if comparison.contains:
        messages.append(
            f"'{label}' is een keuzevraag met één antwoord; "
            f"schrijf {expr} == '{first_text(comparison)}'"
        )
    return messages + _not_a_choice(label, limits, comparison)


def _choices_warnings(label: str, limits: Limits, comparison: Comparison, expr: str) -> list[str]:
    messages = []
    if not comparison.contains and comparison.op in ("eq", "ne"):
        messages.append(
            f"'{label}' is een meerkeuzevraag: het antwoord is een lijst; "
            f"schrijf '{first_text(comparison)}' in {expr}"
        )
    return messages + _not_a_choice(label, limits, comparison)


# --- the labels of typed prompts -------------------------------------------------


def _scale_label(limits: Limits) -> str:
    scale = limits.scale
    if scale is None:
        return "Antwoord:"
    return f"Score van {scale.min} ({scale.min_label}) tot {scale.max} ({scale.max_label}):"


def _as_typed(text: str, _limits: Limits) -> str:
    return text


# --- the registry ----------------------------------------------------------------

_ENTRIES = (
    QuestionTypeSpec(
        name="text",
        meaning="een kort antwoord op één regel",
        prompt=Prompt.TEXT,
        paper=Paper.LINE,
        from_text=_as_typed,
        from_file=_text_from_file,
        domain=_unlimited,
        keeps_draft=True,
    ),
    QuestionTypeSpec(
        name="long_text",
        meaning="een langer antwoord in eigen woorden",
        prompt=Prompt.LONG_TEXT,
        paper=Paper.LINES,
        from_text=_as_typed,
        from_file=_text_from_file,
        domain=_unlimited,
        keeps_draft=True,
    ),
    QuestionTypeSpec(
        name="choice",
        meaning="één keuze uit 'choices'",
        prompt=Prompt.SELECT,
        paper=Paper.CHOICES,
        from_text=_choice,
        from_file=_choice,
        domain=_options,
        uses_choices=True,
        when_warnings=_choice_warnings,
    ),
    QuestionTypeSpec(
        name="multi_choice",
        meaning="één of meer keuzes uit 'choices'",
        prompt=Prompt.CHECKBOX,
        paper=Paper.CHOICES,
        from_text=_choices,
        from_file=_choices,
        domain=_subsets,
        uses_choices=True,
        when_warnings=_choices_warnings,
    ),
    QuestionTypeSpec(
        name="confirm",
        meaning="ja of nee",
        prompt=Prompt.CONFIRM,
        paper=Paper.YES_NO,
        from_text=_yes_no,
        from_file=_yes_no,
        domain=lambda _limits: [True, False],
        yes_no=True,
        when_warnings=_yes_no_warnings,
    ),
    QuestionTypeSpec(
        name="scale",
        meaning="een cijfer op een schaal (zie 'scale')",
        prompt=Prompt.SCALE,
        paper=Paper.SCALE,
        from_text=_scale_from_text,
        from_file=_scale_from_file,
        domain=_scale_points,
        label=_scale_label,
        uses_scale=True,
    ),
    QuestionTypeSpec(
        name="date",
        meaning="een datum",
        prompt=Prompt.DATE,
        paper=Paper.DATE,
        from_text=lambda text, _limits: parse_date(text),
        from_file=_date_from_file,
        domain=_unlimited,
        label=lambda _limits: "Datum (JJJJ-MM-DD of D/M/JJJJ):",
        noun="datum",
    ),
    QuestionTypeSpec(
        name="number",
        meaning="een getal",
        prompt=Prompt.NUMBER,
        paper=Paper.LINE,
        from_text=lambda text, _limits: parse_number(text),
        from_file=_number_from_file,
        domain=_unlimited,
        label=lambda _limits: "Getal:",
    ),
)

TYPES: dict[str, QuestionTypeSpec] = {entry.name: entry for entry in _ENTRIES}
QUESTION_TYPES: tuple[str, ...] = tuple(TYPES)

if TYPE_CHECKING:
    # mypy can not read a Literal built at run time; pydantic (which checks the
    # files) gets the Literal below, made from the registry.
    QuestionType: TypeAlias = str
else:
    QuestionType = Literal[QUESTION_TYPES]


def read_answer(question: Question, value: Any) -> Any:
    """A value from an answers file in the form the question's type needs, or ValueError in Dutch."""
    if value is None:
        return None
    return TYPES[question.type].from_file(value, Limits.of(question))


def choice_types() -> list[str]:
    return [name for name, entry in TYPES.items() if entry.uses_choices]


def scale_types() -> list[str]:
    return [name for name, entry in TYPES.items() if entry.uses_scale]
