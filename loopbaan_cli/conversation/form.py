"""One engine for a sequence of prompts: BACK, SKIP, PAUSE, notes and required fields in one place.

A form is a list of steps. Most are a `Field`: one prompt whose reply
`apply` stores. A `Step` runs a small flow of its own (a menu) and says
whether to go on or back. The form keeps the rules that every sequence of
prompts shares:

- Ctrl-T (BACK) goes to the step before; on the first step the form either
  stays there or is left backwards (`leave_backwards`), as the caller says.
- Ctrl-P (PAUSE) raises Paused: the caller saved after every answer already.
- Ctrl-O (SKIP) and a note (no form keeps notes) pass an optional field by;
  what then becomes of its value is the field's `skip`. A required field is
  asked again.
- A reply the field's `check` refuses is asked again, with the notice it gave.
- A field once answered, or answered before the form began, is "settled":
  its prompt then shows that answer to edit, not a suggestion or a proposal
  (the field's `build` gets the flag and decides what it means for its prompt).
- Ctrl-C: the half-typed text goes to the field's `keep_draft`, then the
  form's `interrupted` hook (which may raise an exception of its own), then up.

Who-and-when (meta.py), the follow-up dates (closing.py), one agreement
(agreement_editor.py) and the check-in (checkin.py) are forms. The question
runner (questions.py) keeps a loop of its own, because its needs differ:
whether a question is asked depends on earlier answers (BACK looks for the
previous question that applies, a re-planned list is read at every step),
notes are stored there, an empty Enter counts as a skip and a skip is
acknowledged, and an answers file may have filled questions in. It shares
the prompt vocabulary (asking.py) and `ask_step` with this engine.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace

from loopbaan_cli.conversation.asking import Ask, AskFn, Nav, NoteReply, Paused, Reply


def ask_step(ask: AskFn, request: Ask) -> Reply:
    """Ask one prompt; Ctrl-P pauses (everything given before is saved already)."""
    reply = ask(request)
    if reply is Nav.PAUSE:
        raise Paused
    return reply


class Skip(enum.Enum):
    """What a skipped optional field does with its value."""

    KEEP = "keep"  # nothing: the value stays as it is, and nothing is saved
    SHOWN = "shown"  # what the prompt showed (its default) is taken as the answer
    CLEAR = "clear"  # no value (a date nobody agreed on)


@dataclass(frozen=True)
class Field:
    key: str  # where the form stands while this field is asked
    build: Callable[[bool], Ask]  # the prompt; the flag says whether the field is settled
    apply: Callable[[Reply], None]  # store a reply (a value, or None for none)
    skip: Skip = Skip.SHOWN
    check: Callable[[Reply], str] | None = None  # a notice when the reply is refused
    keep_draft: Callable[[str], None] | None = None  # Ctrl-C halfway through typing


@dataclass(frozen=True)
class Step:
    """A step that asks in its own way (a menu); `run` returns False to go back."""

    key: str
    run: Callable[[], bool]


class Form:
    def __init__(
        self,
        ask: AskFn,
        steps: Sequence[Field | Step],
        *,
        leave_backwards: bool = False,
        settled: Iterable[str] = (),
        passed: Iterable[str] = (),
        title: str = "",
        entered: Callable[[str], None] | None = None,
        changed: Callable[[], None] | None = None,
        interrupted: Callable[[Ask, str], None] | None = None,
    ) -> None:
        """`settled`: fields answered before; `passed`: steps passed over going forward
        (an answers file filled them in); `title`: the section shown at the first
        prompt, wherever the form starts; `entered(key)` before each step is asked;
        `changed()` after every value stored."""
        self._ask = ask
        self._steps = list(steps)
        self._leave_backwards = leave_backwards
        self.settled = set(settled)
        self._passed = set(passed)
        self._title = title
        self._entered = entered
        self._changed = changed
        self._interrupted = interrupted
        self._notices: dict[str, str] = {}

    def run(self, start: str | None = None) -> bool:
        """Ask from the step `start` (a key) on; False when left backwards."""
        keys = [step.key for step in self._steps]
        index = keys.index(start) if start in keys else 0
        forward = True
        while index < len(self._steps):
            step = self._steps[index]
            if forward and step.key in self._passed:
                index += 1
                continue
            if self._entered is not None:
                self._entered(step.key)
            went_on = step.run() if isinstance(step, Step) else self._field(step)
            if went_on:
                forward, index = True, index + 1
            elif index == 0 and self._leave_backwards:
                return False
            else:
                forward, index = False, max(0, index - 1)
        return True

    def _field(self, field: Field) -> bool:
        """Ask one field until it is answered (True) or left backwards (False)."""
        while True:
            request = field.build(field.key in self.settled)
            if self._title:
                request = replace(request, section=request.section or self._title)
            if field.key in self._notices:
                request = replace(request, notice=self._notices[field.key])
            reply = self._reply(field, request)
            self._title = ""
            if reply is Nav.BACK:
                return False
            if reply is Nav.SKIP or isinstance(reply, NoteReply):
                if request.required:
                    continue
                if field.skip is Skip.KEEP:
                    self.settled.add(field.key)
                    return True
                reply = request.default if field.skip is Skip.SHOWN else None
            notice = field.check(reply) if field.check is not None else ""
            if notice:
                self._notices[field.key] = notice
                continue
            field.apply(reply)
            self.settled.add(field.key)
            if self._changed is not None:
                self._changed()
            return True

    def _reply(self, field: Field, request: Ask) -> Reply:
        try:
            return ask_step(self._ask, request)
        except KeyboardInterrupt as stop:
            draft = str(getattr(stop, "draft", "")).strip()
            if draft and field.keep_draft is not None:
                field.keep_draft(draft)
                if self._changed is not None:
                    self._changed()
            if self._interrupted is not None:
                self._interrupted(request, draft)
            raise
