"""What the tests share that is not a fixture: fakes, sample sessions, assertions.

Fixtures live in conftest.py; tests import these with `from helpers import ...`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from typer.testing import Result

from loopbaan_cli.conversation.asking import Ask, Nav
from loopbaan_cli.kernel import paths, yamlio
from loopbaan_cli.sessions.model import (
    Agreement,
    AnswerRecord,
    ConclusionRecord,
    Employee,
    FollowUp,
    Person,
    Session,
)

TESTS = Path(__file__).parent  # tests/, whose folders mirror the rooms of loopbaan_cli
ROOT = TESTS.parent
FIXTURES = TESTS / "fixtures"
GOLDEN = TESTS / "golden"


BUILTIN_BANKS = Path(paths.builtin_banks_dir())


CliRun = Callable[..., Result]


def readable(document: str | bytes) -> str:
    """A document as the text a person reads: a pdf or docx (bytes) read back, text as it is.

    Words Typst hyphenated at a line end are joined again, and the lines of
    a page run together, so a check for a sentence finds it wherever it broke.
    """
    if isinstance(document, str):
        return document
    import io
    import re

    if document.startswith(b"%PDF"):
        import pypdf

        pages = pypdf.PdfReader(io.BytesIO(document)).pages
        text = re.sub("[\u00ad-]\n", "", "\n".join(page.extract_text() for page in pages))
        return " ".join(text.split())
    import docx

    word = docx.Document(io.BytesIO(document))
    cells = [c.text for t in word.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in word.paragraphs] + cells)


def assert_fails(result: Result, code: int, *needles: str) -> None:
    """Exit `code`, a message on stderr naming every needle, and never a traceback."""
    assert result.exit_code == code, (result.exit_code, result.stdout, result.stderr)
    assert "Traceback" not in result.output
    assert result.stderr.strip(), "an error must say something on stderr"
    for needle in needles:
        assert needle in result.stderr, (needle, result.stderr)


PRIVATE_NOTE = "GEHEIM-privenotitie over de gezondheid van An"


PRIVATE_PREP_NOTE = "GEHEIM-voorbereiding: budget bijna op"


PUBLIC_NOTE = "Openbare notitie: wil meelopen met Jan"


def make_session(**changes: Any) -> Session:
    when = dt.datetime(2026, 11, 22, 10, 0)
    data: dict[str, Any] = {
        "id": "2026-11-22-an-peeters",
        "status": "completed",
        "stage": "done",
        "created": when,
        "updated": when,
        "employee": Employee(name="An Peeters", role="boekhouder"),
        "interviewer": Person(name="Marc Janssens", role="zaakvoerder"),
        "date": dt.date(2026, 11, 22),
        "phase": "spitsuur",
        "phase_title": "Spitsuurjaren",
        "purposes": ["groei_job"],
        "purpose_titles": ["Groeien in de huidige job"],
        "preparation": {
            "voorbereiding.sterke_punten": AnswerRecord(
                question="Waar is deze medewerker sterk in?",
                value="Nauwkeurig",
                note=PRIVATE_PREP_NOTE,
                private=True,
            )
        },
        "answers": {
            "kern.wat_graag": AnswerRecord(
                question="Welk werk doe je het liefst?",
                section="Hoe het vandaag gaat",
                value="Klanten helpen",
                note=PRIVATE_NOTE,
                private=True,
            ),
            "kern.energie_gevers": AnswerRecord(
                question="Van welke momenten op het werk krijg je energie?",
                section="Hoe het vandaag gaat",
                value="Een klant die tevreden buitengaat",
                note=PUBLIC_NOTE,
            ),
        },
        "conclusion": ConclusionRecord(
            id="groei_huidige_job", title="Groei in de huidige job", text="An groeit verder."
        ),
        "agreements": [
            Agreement(
                action="opleiding",
                action_title="Opleiding",
                what="Cursus boekhouden volgen",
                owner="An Peeters",
                due=dt.date(2027, 2, 1),
            )
        ],
        "followups": [FollowUp(date=dt.date(2027, 2, 22))],
        "reachability": "Elke ochtend op de werkvloer.",
    }
    data.update(changes)
    return Session(**data)


def write_session(home: Path, session: Session) -> Path:
    """Put a session on disk exactly as given (store.save would reset `updated`).

    An employee without an id is found in the register by their exact name
    (or added to it), as `start` would; the session gets that id.
    """
    if session.employee.id is None and session.employee.name != "?":
        session.employee = session.employee.model_copy(
            update={"id": registered(session.employee.name, session.employee.role)}
        )
    folder = paths.ensure_private_dir(home / "sessions")
    path = folder / f"{session.id}.yaml"
    path.write_text(yamlio.dump(session.model_dump(mode="python")), encoding="utf-8")
    return path


def registered(name: str, role: str = "") -> str:
    """The id of the one employee with this exact name in the register; added when there is none."""
    from loopbaan_cli.sessions import employees

    with employees.editing() as register:
        known = register.named(name)
        return known[0].id if len(known) == 1 else register.add(name, role).id


class Seq:
    """Replies for a key asked more than once, in order; the last one repeats."""

    def __init__(self, *replies: Any) -> None:
        self.replies = list(replies)


class FakeAsk:
    """Replies by Ask.key (a Seq: one per time it is asked); records what was asked."""

    def __init__(self, replies: dict[str, Any]) -> None:
        self.replies = {
            k: list(v.replies) if isinstance(v, Seq) else [v] for k, v in replies.items()
        }
        self.asked: list[Ask] = []

    def __call__(self, ask: Ask) -> Any:
        self.asked.append(ask)
        assert len(self.asked) < 200, f"keeps asking; last: {ask.key}"
        queue = self.replies.get(ask.key)
        reply = (queue.pop(0) if len(queue) > 1 else queue[0]) if queue else ask.default
        if isinstance(reply, BaseException) or (
            isinstance(reply, type) and issubclass(reply, BaseException)
        ):
            raise reply
        if isinstance(reply, Callable) and not isinstance(reply, Nav):  # type: ignore[arg-type]
            return reply(ask)
        return reply

    @property
    def keys(self) -> list[str]:
        return [a.key for a in self.asked]
