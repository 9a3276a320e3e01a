"""What every stage of a conversation works with: the session, the prompts, the saving.

The stages (questions.py, review.py, closing.py) are functions of a Talk
that return the stage to go to next; interview.py holds their table.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from loopbaan_cli.banks.library import Library
from loopbaan_cli.conversation.asking import Ask, AskFn, Reply
from loopbaan_cli.conversation.form import ask_step
from loopbaan_cli.sessions.model import Session, Stage


class Talk:
    def __init__(
        self,
        library: Library,
        session: Session,
        ask: AskFn,
        save: Callable[[Session], object],
        preview: Callable[[Session], str],
        clock: Callable[[], float],
        *,
        fill_missing_only: bool = False,
        employees: int | None = None,
    ) -> None:
        self.library = library
        self.session = session
        self._asker = ask
        self._save = save
        # The whole sheet as text, to read before signing (rendering is not
        # the conversation's business: the caller hands it in).
        self.preview = preview
        self._clock = clock
        self._started = clock()
        # With an answers file: only the questions it left open are asked.
        self.fill_missing_only = fill_missing_only
        # The size of the company (config.yaml's employees): the tips show
        # the rules of a scheme that apply to it.
        self.employees = employees
        self.remark = ""  # said once, above the next prompt
        # Set when the owner's preparation was just on screen: the first
        # question for the employee starts on a clean screen.
        self.turn_screen = False

    def ask(self, request: Ask) -> Reply:
        if self.remark:
            request, self.remark = replace(request, remark=self.remark), ""
        return self._asker(request)

    def step(self, request: Ask) -> Reply:
        """Ask; Ctrl-P pauses."""
        return ask_step(self.ask, request)

    def save(self) -> None:
        """Save the session, adding the time spent since the last save."""
        now = self._clock()
        self.session.minutes = round(self.session.minutes + (now - self._started) / 60, 2)
        self._started = now
        self._save(self.session)

    def minutes(self) -> int:
        return int(self.session.minutes + (self._clock() - self._started) / 60)

    def goto(self, stage: Stage, position: str | None = None) -> None:
        self.session.stage = stage
        self.session.position = position
        self.save()
