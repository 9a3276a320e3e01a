"""Working on a session in one window: the lock, and what Ctrl-P and Ctrl-C do.

The conversation, the preparation and the follow-up all stop the same way:
Ctrl-P saves and says how to go on; Ctrl-C saves, says the same, and exits 130.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterator

from loopbaan_cli.conversation.asking import Paused
from loopbaan_cli.kernel import console
from loopbaan_cli.kernel.errors import Interrupted, LoopbaanError
from loopbaan_cli.kernel.shell import command_for
from loopbaan_cli.sessions import store


@contextlib.contextmanager
def working_on(session_id: str) -> Iterator[None]:
    """Hold the session's lock; say so when a killed process had left it behind."""
    with store.locked(session_id) as stale:
        if stale:
            console.warn(
                "Dit gesprek werd de vorige keer niet netjes afgesloten; het slot is vrijgegeven. "
                "Alles wat bewaard was, is er nog."
            )
        yield


def until_stopped(
    work: Callable[[], object], save: Callable[[], object], *, what: str, hint: str
) -> bool:
    """Run `work`; False when it was paused. Ctrl-C saves and raises Interrupted (exit 130).

    `what` names what was kept ("De voorbereiding"), `hint` how to go on.
    """
    try:
        work()
    except Paused:
        save()
        console.success(f"Gepauzeerd en bewaard. {hint}")
        return False
    except KeyboardInterrupt:
        save()
        raise Interrupted(f"Onderbroken. {what} tot nu toe is bewaard.", hint=hint) from None
    return True


def require_terminal(what: str, command: str) -> None:
    """Prompts need a keyboard; without one, say which scriptable form to use."""
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise LoopbaanError(
            f"{what} heeft een terminal nodig om vragen te stellen",
            hint=f"Zonder terminal: `{command_for(*command.split(), '--answers', 'BESTAND', '--no-input')}` "
            f"(zie `{command_for(command.split()[0], '--help')}`).",
        )
