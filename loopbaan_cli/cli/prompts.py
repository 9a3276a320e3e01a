"""The keyboard side of the conversation: the only module that imports questionary.

`ask(request)` draws one `Ask` and returns the reply the interview expects.
Navigation costs no extra prompt: control keys work at every question and a
one-line hint under the question names the ones that are live.
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable
from typing import Any

import questionary
from prompt_toolkit.application import get_app
from prompt_toolkit.filters import Condition
from prompt_toolkit.formatted_text import FormattedText
from prompt_toolkit.key_binding import KeyBindings, KeyBindingsBase, merge_key_bindings
from prompt_toolkit.key_binding.bindings.named_commands import get_by_name
from prompt_toolkit.keys import Keys
from prompt_toolkit.styles import Style

from loopbaan_cli.conversation.asking import Ask, Interrupt, Nav, NoteReply
from loopbaan_cli.kernel import console
from loopbaan_cli.kernel.values import format_value, parse_date, parse_number

OTHER = "Anders, namelijk…"
KEYS = {Nav.BACK: "c-t", Nav.SKIP: "c-o", Nav.NOTE: "c-n", Nav.PAUSE: "c-p"}
PLAIN = Ask(key="", text="", type="text")  # a follow-up prompt: no navigation keys
HINTS = {
    Nav.BACK: "Ctrl-T terug",
    Nav.SKIP: "Ctrl-O overslaan",
    Nav.NOTE: "Ctrl-N notitie",
    Nav.PAUSE: "Ctrl-P pauze",
}

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


# prompts where an answer is typed; what stands there already is text to edit
TYPED = frozenset({"text", "long_text", "date", "number", "scale"})
CLEAR_HINT = "Ctrl-U wissen"
REPLACE_HINT = "typen vervangt het voorstel"


def hint(request: Ask) -> str:
    keys = [HINTS[n] for n in Nav if n in request.nav]
    if request.type in TYPED and format_value(request.default):
        # A suggestion goes at the first letter typed; an earlier answer is
        # edited, so there the hint says how to start from an empty line.
        keys.append(REPLACE_HINT if request.suggested else CLEAR_HINT)
    return " · ".join(keys)


def take_proposal_message(request: Ask) -> str:
    """What Enter on an empty field with a proposal beside it says instead of taking it."""
    what = "datum" if request.type == "date" else "antwoord"
    message = f"Nog geen {what}: typ er een, of Tab / ↑ neemt het voorstel over."
    if Nav.SKIP in request.nav:
        message += f" Geen {what}: Ctrl-O."
    return message


class _Typing:
    """The keys of a typed field beyond plain editing.

    - A suggestion (`Ask.suggested`) stands selected, as it were: the first
      printable key (or a paste) replaces it. Any other key first (an arrow,
      End, Backspace) means "edit it", and from then on typing edits.
    - A proposal (`Ask.proposal`) is shown after the empty field; Tab or
      arrow-up puts it in, and only then does Enter take it.
    """

    def __init__(self, request: Ask, default_text: str) -> None:
        self.pristine = bool(request.suggested and default_text)
        self._ignored = False
        self.offered = "" if default_text else format_value(request.proposal)
        self.bindings = KeyBindings()
        if self.pristine:
            untouched = Condition(lambda: self.pristine)
            self.bindings.add(Keys.Any, filter=untouched)(self._replace)
            self.bindings.add(Keys.BracketedPaste, filter=untouched)(self._paste)
        if self.offered:
            empty = Condition(lambda: not get_app().current_buffer.text)
            self.bindings.add("tab", filter=empty)(self._take)
            self.bindings.add("up", filter=empty)(self._take)

    def attach(self, app: Any) -> None:
        if self.pristine:
            app.key_processor.after_key_press += self._touched

    def _touched(self, _: object) -> None:
        # Fired after every key press: whatever the first key did, the
        # suggestion is from then on plain text (a key that did nothing aside).
        if self._ignored:
            self._ignored = False
        else:
            self.pristine = False

    def ignore_key(self) -> None:
        self._ignored = True

    def _replace(self, event: Any) -> None:
        if event.data.isprintable():
            event.current_buffer.text = ""
        get_by_name("self-insert").call(event)

    def _paste(self, event: Any) -> None:
        event.current_buffer.text = ""
        event.current_buffer.insert_text(event.data.replace("\r\n", "\n").replace("\r", "\n"))

    def _take(self, event: Any) -> None:
        event.current_buffer.insert_text(self.offered)

    def draft(self, text: str) -> str:
        """What Ctrl-C hands over: an untouched suggestion was not typed."""
        return "" if self.pristine else text

    def placeholder(self) -> Callable[[], FormattedText] | None:
        if not self.offered:
            return None
        text = FormattedText(
            [("class:instruction", f" (voorstel: {self.offered}, Tab neemt het over)")]
        )
        # Gone once the prompt is left (Ctrl-O: no date), so the screen does not
        # seem to say the proposal was taken.
        return lambda: FormattedText() if get_app().is_done else text


def _bindings(request: Ask, typing: _Typing | None = None) -> KeyBindingsBase:
    bindings = KeyBindings()
    for nav in request.nav:
        assert isinstance(nav, Nav)

        def leave(event: Any, nav: Nav = nav) -> None:
            event.app.exit(result=nav)

        bindings.add(KEYS[nav], eager=True)(leave)

    def not_here(event: Any) -> None:
        """A navigation key that is not live here does nothing (not even edit a suggestion).

        Left to prompt_toolkit, Ctrl-O would accept the field as it stands,
        Ctrl-T swap two letters and Ctrl-N/Ctrl-P move through a list.
        """
        if typing is not None:
            typing.ignore_key()

    for nav in Nav:
        if nav not in request.nav:
            bindings.add(KEYS[nav], eager=True)(not_here)

    def interrupt(event: Any) -> None:
        # Hand over what was typed so far: the interview keeps it.
        buffer = event.app.current_buffer
        text = buffer.text if buffer is not None else ""
        event.app.exit(exception=Interrupt(typing.draft(text) if typing else text))

    bindings.add("c-c", eager=True)(interrupt)
    if typing is not None:
        return merge_key_bindings([typing.bindings, bindings])
    return bindings


def _run(
    question: questionary.Question,
    request: Ask,
    *,
    erase: bool = False,
    typing: _Typing | None = None,
) -> Any:
    app = question.application
    app.key_bindings = merge_key_bindings(
        [app.key_bindings or KeyBindings(), _bindings(request, typing)]
    )
    if typing is not None:
        typing.attach(app)
    app.erase_when_done = erase
    if request.nav:
        console.say(f"  {hint(request)}", style="dim")
    try:
        return question.unsafe_ask()
    except Interrupt:
        raise
    except KeyboardInterrupt:
        raise Interrupt() from None


def _show(request: Ask) -> None:
    if request.clear:
        console.clear()
        console.say(request.clear, style="bold yellow")
    if request.document:
        console.page(request.document)
    if request.remark:
        console.say(f"  {request.remark}", style="dim")
    if request.section:
        console.rule(request.section)
    if request.intro:
        console.say(request.intro, style="italic")
    if request.display:
        from rich.panel import Panel

        console.show(Panel(console.escape(request.display), expand=False))
    if request.header:
        console.say(request.header, style="dim")
    if request.notice:
        console.say(request.notice, style="yellow")
    console.say(request.text, style="bold")
    if request.tip:
        console.say(f"  Tip: {request.tip}", style="cyan")
    if request.note:
        label = "Notitie (privé)" if request.note_private else "Notitie"
        console.say(f"  {label}: {request.note}", style="magenta")


def ask(request: Ask) -> Any:
    """Draw one prompt; return a value, a Nav, or a NoteReply."""
    _show(request)
    reply = _ask_value(request)
    if reply is Nav.NOTE:
        return _ask_note(request)
    return reply


def _ask_note(request: Ask) -> NoteReply:
    text = _run(questionary.text("Notitie:", default=request.note, style=STYLE), PLAIN)
    private = _yes_no(
        "Alleen voor jou? (privé: komt nooit op het afsprakenblad)", request.note_private, PLAIN
    )
    return NoteReply(text or "", bool(private))


def _ask_value(request: Ask) -> Any:
    kind = request.type
    if kind in ("choice", "multi_choice"):
        return _ask_choice(request)
    if kind == "confirm":
        default = bool(request.default) if request.default is not None else None
        return _yes_no("Antwoord:", default, request)
    return _ask_text(request)


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


def _ask_text(request: Ask) -> Any:
    kind = request.type
    default = request.default
    default_text = default.isoformat() if isinstance(default, dt.date) else format_value(default)
    scale = request.scale

    def parse(text: str) -> Any:
        if kind == "date":
            return parse_date(text)
        if kind == "number":
            return parse_number(text)
        if kind == "scale" and scale is not None:
            number = parse_number(text)
            if not isinstance(number, int) or not scale.min <= number <= scale.max:
                raise ValueError(f"kies een geheel getal van {scale.min} tot {scale.max}")
            return number
        return text

    def validate(text: str) -> bool | str:
        if not text.strip():
            if field.offered:
                return take_proposal_message(request)
            return (
                "Dit moet ingevuld zijn (of Ctrl-O om over te slaan)." if request.required else True
            )
        try:
            parse(text)
        except ValueError as exc:
            return str(exc)
        return True

    if kind == "scale" and scale is not None:
        label = f"Score van {scale.min} ({scale.min_label}) tot {scale.max} ({scale.max_label}):"
    else:
        label = {"date": "Datum (JJJJ-MM-DD of D/M/JJJJ):", "number": "Getal:"}.get(
            kind, "Antwoord:"
        )
    field = _Typing(request, default_text)
    question = questionary.text(
        label,
        default=default_text,
        validate=validate,
        style=STYLE,
        placeholder=field.placeholder(),
        # Checked at Enter, not at every key: a date half typed is not an error yet.
        validate_while_typing=False,
    )
    reply = _run(question, request, typing=field)
    if not isinstance(reply, str):
        return reply
    text = reply.strip()
    return parse(text) if text else None


def _fit(label: str, width: int) -> str:
    """One screen line per choice: a wrapped choice breaks the list's drawing."""
    label = " ".join(label.split())
    return label if len(label) <= width else label[: max(width - 1, 10)].rstrip() + "…"


def _ask_choice(request: Ask) -> Any:
    multi = request.type == "multi_choice"
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
    text: str = _run(questionary.text(OTHER, default=extra or "", style=STYLE), PLAIN)
    return text.strip()
