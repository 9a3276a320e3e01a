"""The conversation as pure logic: what to ask next, and what to do with the reply.

The interview never prints and never reads the keyboard. It builds an `Ask`
for every prompt and hands it to an `ask` callable (questionary in real life,
a plain function in tests). The reply is a value, or one of the navigation
replies: BACK, SKIP, PAUSE, or a NoteReply (asking.py). After every reply
that changes something the session is saved, so a killed process loses at
most the answer being typed.

A conversation goes through the stages of STAGE_FLOW in order; each stage
is a function (questions.py, review.py, closing.py) that returns the stage
to go to next, forward or back.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from itertools import pairwise

from loopbaan_cli.banks.library import Library
from loopbaan_cli.conversation import closing, questions, review
from loopbaan_cli.conversation.asking import AskFn
from loopbaan_cli.conversation.meta import Identity, Meta, collect_meta, resume_meta
from loopbaan_cli.conversation.talk import Talk
from loopbaan_cli.sessions.model import STAGES, Session, Stage

# The stages in the order a conversation goes through them (meta, asked
# before the session exists, comes first and "done" last). Going forward
# past a stage that an answers file filled in means: the next row.
STAGE_FLOW: tuple[tuple[Stage, Callable[[Talk], Stage]], ...] = (
    ("preparation", questions.preparation),
    ("questions", questions.questions),
    ("review", review.review),
    ("conclusion", closing.conclusion),
    ("agreements", closing.agreements),
    ("followups", closing.followups),
    ("preview", closing.preview),
)
_RUN = dict(STAGE_FLOW)
_FORWARD: dict[Stage, Stage] = dict(pairwise([*_RUN, "done"]))
assert ("meta", *_RUN, "done") == STAGES, "STAGE_FLOW follows sessions.model.Stage"


class Interview:
    def __init__(
        self,
        library: Library,
        ask: AskFn,
        save: Callable[[Session], object],
        preview: Callable[[Session], str],
        *,
        clock: Callable[[], float] = time.monotonic,
        fill_missing_only: bool = False,
        skip: set[str] | None = None,
        meta_defaults: Meta | None = None,
        employees: int | None = None,
        identity: Identity | None = None,
    ) -> None:
        """`save` stores the session (after every change); `preview` gives the
        whole sheet as text, to read before finishing. `skip`: stages an
        answers file already filled in, passed over once on the way forward.
        `meta_defaults`: suggestions for who and when, for a conversation
        stopped before they were all given (the last interviewer's name).
        `employees`: the size of the company, for the tips whose rule depends on it.
        `identity`: the employee register (meta.Identity), so a typed name is
        someone in it."""
        self.library = library
        self._asker = ask
        self._save = save
        self._preview = preview
        self._clock = clock
        self._fill_missing_only = fill_missing_only
        self._skip = set(skip or ())
        self._meta_defaults = meta_defaults
        self._employees = employees
        self.identity = identity
        self._talk: Talk | None = None

    def collect_meta(
        self,
        defaults: Meta,
        *,
        employee_facts: bool = False,
        start_at: str | None = None,
        given: frozenset[str] = frozenset(),
    ) -> Meta:
        """Who, when and about what (meta.collect_meta); Ctrl-C raises MetaInterrupted."""
        return collect_meta(
            self._asker,
            self.library,
            defaults,
            employee_facts=employee_facts,
            start_at=start_at,
            given=given,
            candidates=self.identity.candidates if self.identity else None,
        )

    def save(self) -> None:
        """Save the session, adding the time spent since the last save."""
        if self._talk is not None:
            self._talk.save()

    def _begin(self, session: Session) -> Talk:
        self._talk = Talk(
            self.library,
            session,
            self._asker,
            self._save,
            self._preview,
            self._clock,
            fill_missing_only=self._fill_missing_only,
            employees=self._employees,
        )
        return self._talk

    def run(self, session: Session) -> None:
        """Go on from wherever the session stands until it is completed."""
        talk = self._begin(session)
        if session.status == "prepared":
            session.status = "in_progress"
        if session.stage == "meta" and (session.position or "").startswith("meta."):
            resume_meta(talk.ask, self.library, session, self._meta_defaults, self.identity)
        if session.stage == "meta":
            talk.goto("preparation")
        if session.stage not in STAGES:
            talk.goto("questions")
        while session.stage != "done":
            # A stage sets session.position itself when it hands over mid-way
            # (going back into the previous stage lands on its last question).
            if session.stage in self._skip:
                self._skip.discard(session.stage)
                session.stage = _FORWARD[session.stage]
            else:
                session.stage = _RUN[session.stage](talk)
            talk.save()

    def run_preparation(self, session: Session) -> None:
        """Only the manager's preparation (`loopbaan prepare`); the status is left alone.

        Finished, the session stands at the questions, so the conversation
        starts there; paused or interrupted, at the preparation question it was on.
        """
        talk = self._begin(session)
        if session.stage != "preparation":
            session.position = None
        talk.goto("preparation", session.position)
        items = questions.preparation_items(talk)
        questions.run_questions(talk, items, session.preparation, questions.PREPARATION_LABEL)
        talk.goto("questions")
