"""The keyboard side of the conversation: the only package that imports questionary.

`ask(request)` draws one `Ask` and returns the reply the interview expects.
Navigation costs no extra prompt: control keys work at every question and a
one-line hint under the question names the ones that are live (keys.py).
How a question's answer is asked and read is its type's (banks/types.py):
the prompt's shape, the label, and what the typed text means.
"""

from __future__ import annotations

import datetime as dt
import shutil
from typing import Any

import questionary
from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings
from prompt_toolkit.styles import Style

from loopbaan_cli.banks.types import TYPES, Limits, Prompt
from loopbaan_cli.cli import early
from loopbaan_cli.cli.early import show as _show
from loopbaan_cli.cli.prompts.keys import Typing, bindings, hint, take_proposal_message
from loopbaan_cli.conversation.asking import Ask, Interrupt, Nav, NoteReply
from loopbaan_cli.kernel import console
from loopbaan_cli.kernel.text import columns, cut_columns, one_line, printable
from loopbaan_cli.kernel.values import format_value
from loopbaan_cli.kernel.yamlio import MAX_TEXT_CHARS

OTHER = "Anders, namelijk…"
PLAIN = Ask(key="", text="", type="text")  # a follow-up prompt: no navigation keys

STYLE = Style(
    [
        ("qmark", "fg:ansicyan bold"),
        ("question", "bold"),
        ("answer", "fg:ansigreen"),
        ("pointer", "fg:ansicyan bold"),
        ("highlighted", "fg:ansicyan"),
        ("selected", "fg:ansigreen"),
        ("instruction", "fg:ansibrightblack"),
    ]
)

__all__ = ["ask", "hint", "take_proposal_message"]


def _run(
    question: questionary.Question,
    request: Ask,
    *,
    erase: bool = False,
    typing: Typing | None = None,
    drawn: bool = False,
) -> Any:
    app = question.application
    app.key_bindings = merge_key_bindings(
        [app.key_bindings or KeyBindings(), bindings(request, typing)]
    )
    if typing is not None:
        typing.attach(app)
    app.erase_when_done = erase
    if request.nav and not drawn:
        console.say(f"  {hint(request)}", style="dim")
    try:
        return question.unsafe_ask()
    except Interrupt:
        raise
    except KeyboardInterrupt:
        raise Interrupt() from None


def _within_limit(text: str) -> bool | str:
    """Refuse, at Enter, a text longer than a conversation file can keep and read back."""
    if len(text) > MAX_TEXT_CHARS:
        return (
            f"Deze tekst is te lang om te bewaren ({len(text)} tekens; hoogstens "
            f"{MAX_TEXT_CHARS}). Maak hem korter."
        )
    return True


def ask(request: Ask) -> Any:
    """Draw one prompt; return a value, a Nav, or a NoteReply."""
    drawn = early.handing_over(request)  # `start`'s first prompt, on screen already
    try:
        if not drawn:
            _show(request)
        reply = _ask_value(request, drawn=drawn)
    finally:
        early.release()  # the keys held since then were read by the prompt
    if reply is Nav.NOTE:
        return _ask_note(request)
    return reply


def _kept(reply: Any, shown: str, default: str) -> Any:
    """`reply`, or the stored `default` when its printable form came back unchanged.

    An earlier answer is put in the field printable (no control character or
    bidi override reaches the terminal); taken back as it is, the answer stays
    exactly as it was stored: looking at an answer never rewrites it.
    """
    if isinstance(reply, str) and shown != default and reply == shown:
        return default
    return reply


def _ask_note(request: Ask) -> NoteReply:
    note = request.note or ""
    shown = printable(note)
    field = questionary.text("Notitie:", default=shown, style=STYLE, validate=_within_limit)
    text = _kept(_run(field, PLAIN), shown, note)
    private = _yes_no(
        "Alleen voor jou? (privé: komt nooit op het afsprakenblad)", request.note_private, PLAIN
    )
    return NoteReply(text or "", bool(private))


def _ask_value(request: Ask, *, drawn: bool = False) -> Any:
    shape = TYPES[request.type].prompt
    if shape in (Prompt.SELECT, Prompt.CHECKBOX):
        return _ask_choice(request)
    if shape is Prompt.CONFIRM:
        default = bool(request.default) if request.default is not None else None
        return _yes_no("Antwoord:", default, request)
    return _ask_text(request, drawn=drawn)


def _yes_no(label: str, default: bool | None, request: Ask) -> Any:
    """Ja/Nee as a two-line choice: Dutch keys, and no y/N to guess at."""
    choices = [
        questionary.Choice("Ja", value=True, shortcut_key="j"),
        questionary.Choice("Nee", value=False, shortcut_key="n"),
    ]
    question = questionary.select(
        label,
        choices=choices,
        default=choices[0] if default is not False else choices[1],
        style=STYLE,
        use_shortcuts=True,
        use_arrow_keys=True,
        use_jk_keys=False,
        use_emacs_keys=False,
        instruction="(j/n of pijltjes, Enter)",
    )
    return _run(question, request)


def _ask_text(request: Ask, *, drawn: bool = False) -> Any:
    kind = TYPES[request.type]
    default = request.default
    default_text = default.isoformat() if isinstance(default, dt.date) else format_value(default)
    limits = Limits(tuple(str(c.value) for c in request.choices), request.other, request.scale)

    def parse(text: str) -> Any:
        return kind.from_text(text, limits)

    def validate(text: str) -> bool | str:
        too_long = _within_limit(text)
        if too_long is not True:
            return too_long
        if not text.strip():
            if field.offered:
                return take_proposal_message(request)
            return (
                "Dit moet ingevuld zijn (of Ctrl-O om over te slaan)." if request.required else True
            )
        try:
            parse(text)
        except ValueError as exc:
            return printable(str(exc))  # it may quote what was typed or pasted
        return True

    field = Typing(request, default_text)
    question = questionary.text(
        early.label(request),  # as `start` draws its first prompt before this module loads
        default=field.shown,
        validate=validate,
        style=STYLE,
        placeholder=field.placeholder(),
        # Checked at Enter, not at every key: a date half typed is not an error yet.
        validate_while_typing=False,
    )
    reply = _kept(_run(question, request, typing=field, drawn=drawn), field.shown, default_text)
    if not isinstance(reply, str):
        return reply
    text = reply.strip()
    return parse(text) if text else None


def _fit(label: str, width: int) -> str:
    """One screen line per choice, printable: a wrapped choice breaks the list's drawing.

    Measured in columns: a choice in Chinese is twice as wide as its length.
    """
    label = one_line(printable(label))
    if columns(label) <= width:
        return label
    return cut_columns(label, max(width - 1, 10))[0].rstrip() + "…"


def _ask_choice(request: Ask) -> Any:
    multi = TYPES[request.type].prompt is Prompt.CHECKBOX
    current = list(request.default or []) if multi else [request.default]
    # A stored value outside the list is an "Anders, namelijk…" text; an empty
    # default (a new conversation's phase is "") is no value at all.
    values = [c.value for c in request.choices]
    extra = next((v for v in current if v not in (None, "") and v not in values), None)
    if not request.other:
        extra = None
    described = [c for c in request.choices if c.description]
    if described:
        # Descriptions are printed (and wrapped) above the list; the list stays short.
        for c in described:
            console.markup(f"  [bold]{console.escape(c.label)}[/]: {console.escape(c.description)}")
    width = shutil.get_terminal_size().columns - 8  # pointer and margin
    choices = [
        questionary.Choice(
            _fit(c.label, width), value=c.value, checked=multi and c.value in current
        )
        for c in request.choices
    ]
    if request.other:
        choices.append(questionary.Choice(OTHER, value=OTHER, checked=multi and extra is not None))
    if multi:
        return _checkbox(request, choices, extra)
    return _select(request, choices, extra)


def _checkbox(request: Ask, choices: list[questionary.Choice], extra: Any) -> Any:
    question = questionary.checkbox(
        "Kies:",
        choices=choices,
        style=STYLE,
        use_emacs_keys=False,
        instruction="(pijltjes, spatie kiest, Enter bevestigt)",
        validate=lambda picked: bool(picked) or not request.required or "Kies minstens één.",
    )
    reply = _run(question, request, erase=True)
    if not isinstance(reply, list):
        return reply  # a navigation key
    if OTHER in reply:
        text = _other(extra)
        reply = [v for v in reply if v != OTHER] + ([text] if text else [])
    labels = {c.value: c.label for c in request.choices}
    console.markup(
        "[bold cyan]?[/] [bold]Gekozen:[/] [green]"
        + console.escape(", ".join(labels.get(v, str(v)) for v in reply) or "niets")
        + "[/]"
    )
    return reply


def _select(request: Ask, choices: list[questionary.Choice], extra: Any) -> Any:
    values = [c.value for c in request.choices]
    if request.default in values:
        default = choices[values.index(request.default)]
    elif extra is not None:
        default = choices[-1]
    else:
        default = None
    question = questionary.select(
        "Kies:",
        choices=choices,
        default=default,
        style=STYLE,
        use_emacs_keys=False,
        use_jk_keys=False,
        instruction="(pijltjes, Enter)",
    )
    reply = _run(question, request)
    if reply == OTHER:
        return _other(extra) or None
    return reply


def _other(extra: Any) -> str:
    """The text after "Anders, namelijk…", starting from what was given before."""
    before = str(extra or "")
    shown = printable(before)
    other = questionary.text(OTHER, default=shown, style=STYLE, validate=_within_limit)
    text: str = _kept(_run(other, PLAIN), shown, before)
    return text.strip()
