"""`loopbaan start`'s first question on screen before questionary is loaded.

Loading questionary and prompt_toolkit, the banks and the session model takes
longer than everything else before the first question. So `start` draws that
question at once: the lines `prompts.ask` draws above a prompt (`show`, the
hint line) and the "? Antwoord: " line as questionary draws it. From then on
every key typed stays in the terminal (no echo, no line editing, Ctrl-C a key
like any other, as prompt_toolkit's own raw mode has it): nothing typed is
lost and nothing lands between the lines. Then the rest loads, and
`prompts.ask` hands over (`handing_over`): when the prompt it is about to
ask is this very one, the prompt draws its line over the early one and reads
the keys typed in between as if they were typed there; when it differs (the
files showed that the index's list of prepared conversations was out of
date), the prompt is drawn in full below it. The terminal's own mode is given
back once that prompt returns (`release`), or when the command ends.

No terminal to hold the keys in (or a prompt that is not a plain typed one):
nothing is drawn early, and `start` shows its first question as before.
"""

from __future__ import annotations

import atexit
import contextlib
import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from loopbaan_cli.banks.types import TYPES, Limits, Prompt
from loopbaan_cli.conversation.asking import Ask, Nav
from loopbaan_cli.kernel import console
from loopbaan_cli.kernel.text import printable
from loopbaan_cli.kernel.values import format_value

if TYPE_CHECKING:
    from loopbaan_cli.app.start import FirstScreen

HINTS = {
    Nav.BACK: "Ctrl-T terug",
    Nav.SKIP: "Ctrl-O overslaan",
    Nav.NOTE: "Ctrl-N notitie",
    Nav.PAUSE: "Ctrl-P pauze",
}
CLEAR_HINT = "Ctrl-U wissen"
REPLACE_HINT = "typen vervangt het voorstel"


def hint(request: Ask) -> str:
    """The one line under a question that names the keys live there."""
    keys = [HINTS[n] for n in Nav if n in request.nav]
    if TYPES[request.type].prompt.typed and format_value(request.default):
        # A suggestion goes at the first letter typed; an earlier answer is
        # edited, so there the hint says how to start from an empty line.
        keys.append(REPLACE_HINT if request.suggested else CLEAR_HINT)
    return " · ".join(keys)


def show(request: Ask) -> None:
    """Everything above a prompt: what was said before, the question, its tip and note."""
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


def label(request: Ask) -> str:
    """What a typed prompt's line says after its "?" ("Antwoord:", "Datum (dd-mm-jjjj):")."""
    limits = Limits(tuple(str(c.value) for c in request.choices), request.other, request.scale)
    return printable(TYPES[request.type].label(limits))


@dataclass
class _Held:
    request: Ask  # the prompt drawn early
    fd: int
    mode: list[Any]  # the terminal's own mode, given back by `release`
    pending: bool = True  # its line is on screen and no prompt took it over yet


_held: _Held | None = None


def draw(screen: FirstScreen) -> bool:
    """Draw the intro and the first prompt now, and hold the keys typed from now on.

    False (nothing drawn) when the prompt is not a plain typed one without a
    default, or when stdin is no terminal whose mode can be set.
    """
    global _held
    request = screen.question
    shape = TYPES[request.type].prompt
    if shape is not Prompt.TEXT or format_value(request.default) or request.proposal is not None:
        return False
    try:
        import termios
    except ImportError:  # no POSIX terminal
        return False
    try:
        fd = sys.stdin.fileno()
        mode = termios.tcgetattr(fd)
        held = list(mode)
        # as prompt_toolkit's raw mode: no echo, no line editing, Ctrl-C and
        # Ctrl-Z are keys, Enter stays "\r"
        held[3] &= ~(termios.ECHO | termios.ICANON | termios.IEXTEN | termios.ISIG)
        held[0] &= ~(termios.IXON | termios.IXOFF | termios.ICRNL | termios.INLCR | termios.IGNCR)
        held[6] = list(held[6])
        held[6][termios.VMIN], held[6][termios.VTIME] = 1, 0
    except (OSError, ValueError, AttributeError, termios.error):
        return False
    console.markup(screen.intro)
    show(request)
    if request.nav:
        console.say(f"  {hint(request)}", style="dim")
    from rich.text import Text

    line = Text.assemble(("?", "bold cyan"), (f" {label(request)} ", "bold"))
    console.stdout_console().print(line, end="")
    with contextlib.suppress(OSError, ValueError):
        sys.stdout.flush()
    try:
        termios.tcsetattr(fd, termios.TCSANOW, held)
    except (OSError, termios.error):
        _held = _Held(request, fd, mode, pending=True)  # drawn, but keys echo as before
        return True
    _held = _Held(request, fd, mode)
    atexit.register(release)
    return True


def handing_over(request: Ask) -> bool:
    """Before `prompts.ask` draws `request`: True when it is the prompt drawn early.

    Then only its line is drawn again, over the early one (the cursor goes
    back to the start of that line). Any other prompt starts on a new line.
    """
    held = _held
    if held is None or not held.pending:
        return False
    held.pending = False
    same = request == held.request
    with contextlib.suppress(OSError, ValueError):
        sys.stdout.write("\r" if same else "\n")
        sys.stdout.flush()
    return same


def release() -> None:
    """Give the terminal its own mode back (the keys typed and not read yet stay).

    When no prompt took the early line over (the command stopped before it),
    the next output starts on a line of its own.
    """
    global _held
    held, _held = _held, None
    if held is None:
        return
    if held.pending:
        with contextlib.suppress(OSError, ValueError):
            sys.stdout.write("\n")
            sys.stdout.flush()
    import termios

    with contextlib.suppress(OSError, termios.error):
        termios.tcsetattr(held.fd, termios.TCSANOW, held.mode)
