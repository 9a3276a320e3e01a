"""Working on a session in one window: the keyboard, the lock, and what Ctrl-P and Ctrl-C do.

The conversation, the preparation and the follow-up all stop the same way:
Ctrl-P saves and says how to go on; Ctrl-C saves, says the same, and exits 130.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from loopbaan_cli.conversation.asking import AskFn, Paused
from loopbaan_cli.kernel import console
from loopbaan_cli.kernel.errors import Interrupted
from loopbaan_cli.sessions import store

if TYPE_CHECKING:
    from loopbaan_cli.sessions.model import Session


# The keyboard is handed in by whoever runs a use case: the cli's checks that
# there is a terminal (and says which scriptable form to use when there is
# none) and then gives the questionary prompts; a test's gives a FakeAsk. A use
# case calls it at the moment it is about to ask, not before, so every refusal
# that needs no keyboard (a wrong id, a finished conversation, a bad answers
# file) comes first, the same with or without a terminal.
Keyboard = Callable[[], AskFn]


def preview(session: Session) -> str:
    """The agreement as it will be exported, for the interview to show before it finishes."""
    from loopbaan_cli.app.export import paper_settings, previous_for
    from loopbaan_cli.documents.context import Paper
    from loopbaan_cli.documents.render import render  # jinja2 only when it is shown
    from loopbaan_cli.kernel.errors import LoopbaanError

    try:
        paper = paper_settings()
    except LoopbaanError:
        paper = Paper()  # a broken config.yaml or logo must not stop the conversation
    text = render(session, "afspraken", "txt", previous=previous_for(session), paper=paper)
    assert isinstance(text, str)  # txt is text; only pdf and docx are bytes
    return text


def company_size() -> int | None:
    """config.yaml's `employees`, for the tips whose rule depends on it; None when not said.

    A broken config.yaml is said once and does not stop the conversation.
    """
    from loopbaan_cli.cycle.settings import Settings
    from loopbaan_cli.kernel.errors import LoopbaanError

    try:
        return Settings.load().employees
    except LoopbaanError as exc:
        console.warn(f"{exc}\nDe tips tonen daarom de regels voor elke grootte van een zaak.")
        return None


@contextlib.contextmanager
def working_on(session_id: str) -> Iterator[None]:
    """Hold the session's lock; say so when a killed process had left it behind.

    While held, a save after an answer goes to the session's journal (store.journaled).
    """
    with store.locked(session_id) as stale, store.journaled(session_id):
        if stale:
            console.warn(
                "Dit gesprek werd de vorige keer niet netjes afgesloten; het slot is vrijgegeven. "
                "Alles wat bewaard was, is er nog."
            )
        yield


def check_free(session_id: str) -> None:
    """Refuse now, before a keyboard is asked for, when another window or computer has it.

    The lock is let go again at once; whoever works on the session takes it
    for real (working_on). A stale lock is taken over here, and said once.
    """
    with working_on(session_id):
        pass


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
