"""The keyboard side of the conversation: the only module that imports questionary.

`ask(request)` draws one `Ask` and returns the reply the interview expects.
Navigation costs no extra prompt: four control keys work at every question
and a one-line hint under the question says so.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import questionary
from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings
from prompt_toolkit.styles import Style

from loopbaan_cli import console
from loopbaan_cli.interview import Ask, Nav, NoteReply
from loopbaan_cli.values import format_value, parse_date, parse_number

OTHER = "Anders, namelijk…"
_NOTE = "__notitie__"
NAV_HINT = "Ctrl-T terug · Ctrl-O overslaan · Ctrl-N notitie · Ctrl-P pauze (alles wordt bewaard)"

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


def _nav_bindings() -> KeyBindings:
    bindings = KeyBindings()
    for key, result in (("c-t", Nav.BACK), ("c-o", Nav.SKIP), ("c-n", _NOTE), ("c-p", Nav.PAUSE)):

        def handler(event: Any, result: Any = result) -> None:
            event.app.exit(result=result)

        bindings.add(key, eager=True)(handler)
    return bindings


def _run(question: questionary.Question, navigable: bool) -> Any:
    if navigable:
        app = question.application
        app.key_bindings = merge_key_bindings([app.key_bindings or KeyBindings(), _nav_bindings()])
    return question.unsafe_ask()  # lets Ctrl-C through as KeyboardInterrupt


def _show_context(request: Ask) -> None:
    if request.display:
        from rich.panel import Panel

        console.show(Panel(console.escape(request.display), expand=False))
    if request.section:
        console.rule(request.section)
    if request.intro:
        console.say(request.intro, style="italic")
    if request.header:
        console.say(request.header, style="dim")
    if request.notice:
        console.say(request.notice, style="yellow")


def _show_question(request: Ask) -> None:
    console.say(request.text, style="bold")
    if request.tip:
        console.say(f"  Tip: {request.tip}", style="cyan")
    if request.note:
        label = "Notitie (privé)" if request.note_private else "Notitie"
        console.say(f"  {label}: {request.note}", style="magenta")
    if request.navigable:
        console.say(f"  {NAV_HINT}", style="dim")


def ask(request: Ask) -> Any:
    """Draw one prompt; return a value, a Nav, or a NoteReply."""
    _show_context(request)
    _show_question(request)
    reply = _ask_value(request)
    if reply == _NOTE:
        return _ask_note(request)
    return reply


def _ask_note(request: Ask) -> Any:
    text = questionary.text("Notitie:", default=request.note, style=STYLE).unsafe_ask()
    private = questionary.confirm(
        "Alleen voor jou (privé: komt nooit op het afsprakenblad)?",
        default=request.note_private,
        style=STYLE,
    ).unsafe_ask()
    return NoteReply(text or "", bool(private))


def _ask_value(request: Ask) -> Any:
    kind = request.type
    if kind in ("choice", "multi_choice"):
        return _ask_choice(request)
    if kind == "scale":
        return _ask_scale(request)
    if kind == "confirm":
        question = questionary.confirm(
            "Antwoord (j/n):", default=bool(request.default) if request.default is not None else True,
            style=STYLE, auto_enter=True,
        )
        return _run(question, request.navigable)
    return _ask_text(request)


def _ask_text(request: Ask) -> Any:
    kind = request.type
    default = request.default
    if isinstance(default, dt.date):
        default_text = default.isoformat()
    else:
        default_text = format_value(default)

    def validate(text: str) -> bool | str:
        if not text.strip():
            return "Dit moet ingevuld zijn." if request.required else True
        try:
            if kind == "date":
                parse_date(text)
            elif kind == "number":
                parse_number(text)
        except ValueError as exc:
            return str(exc)
        return True

    label = {"date": "Datum (JJJJ-MM-DD of D/M/JJJJ):", "number": "Getal:"}.get(kind, "Antwoord:")
    question = questionary.text(label, default=default_text, validate=validate, style=STYLE)
    reply = _run(question, request.navigable)
    if not isinstance(reply, str):
        return reply
    text = reply.strip()
    if not text:
        return None
    if kind == "date":
        return parse_date(text)
    if kind == "number":
        return parse_number(text)
    return text


def _ask_scale(request: Ask) -> Any:
    scale = request.scale
    assert scale is not None
    choices = []
    for point in range(scale.min, scale.max + 1):
        label = str(point)
        if point == scale.min:
            label += f"  ({scale.min_label})"
        elif point == scale.max:
            label += f"  ({scale.max_label})"
        choices.append(questionary.Choice(label, value=point))
    default = next((c for c in choices if c.value == request.default), None)
    question = questionary.select(
        "Score:", choices=choices, default=default, style=STYLE, use_shortcuts=True,
        use_emacs_keys=False, instruction="(pijltjes of cijfer, Enter)",
    )
    return _run(question, request.navigable)


def _ask_choice(request: Ask) -> Any:
    multi = request.type == "multi_choice"
    values = [c.value for c in request.choices]
    choices = [
        questionary.Choice(c.label, value=c.value, description=c.description or None,
                           checked=multi and c.value in (request.default or []))
        for c in request.choices
    ]
    extra = None
    if request.other:
        current = request.default if multi else [request.default]
        extra = next((v for v in current or [] if v is not None and v not in values), None)
        choices.append(questionary.Choice(OTHER, value=OTHER, checked=multi and extra is not None))
    if multi:
        question = questionary.checkbox(
            "Kies (spatie) en bevestig (Enter):", choices=choices, style=STYLE,
            use_emacs_keys=False,
            validate=lambda picked: bool(picked) or not request.required or "Kies minstens één.",
        )
    else:
        if request.default in values:
            default = next(c for c in choices if c.value == request.default)
        elif extra is not None:
            default = choices[-1]
        else:
            default = None
        question = questionary.select(
            "Kies:", choices=choices, default=default, style=STYLE, use_emacs_keys=False,
            use_shortcuts=len(choices) <= 9 and not any(c.description for c in request.choices),
        )
    reply = _run(question, request.navigable)
    if multi and isinstance(reply, list) and OTHER in reply:
        text = questionary.text(OTHER, default=extra or "", style=STYLE).unsafe_ask().strip()
        reply = [v for v in reply if v != OTHER] + ([text] if text else [])
    elif reply == OTHER:
        text = questionary.text(OTHER, default=extra or "", style=STYLE).unsafe_ask().strip()
        reply = text or None
    return reply
