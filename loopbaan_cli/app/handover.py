"""The hand-over from a prepared conversation to the conversation held: `prepare` -> `start`.

`loopbaan start` picks a prepared session up in three ways:
- `loopbaan start --employee NAME|ID` takes the newest prepared conversation of
  that employee (the register's id decides) without asking (find_prepared);
- otherwise, once the employee's name is typed, it asks whether to use the
  prepared conversation of someone with that very name (offer_prepared,
  raising UsePrepared);
- `loopbaan start --answers FILE` takes it over when the file is about the
  same employee (the same id in the register, never a look-alike name) and
  is complete about who and when: the preparation and the facts about the
  employee stay, the rest comes from the file (adopt).
Then pick_up makes it the conversation held today. `loopbaan prepare` uses
the offer too, to go on with a preparation instead of starting a second one,
and both commands propose who and when the same way (suggested).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from loopbaan_cli.conversation.asking import Ask, AskFn
from loopbaan_cli.conversation.meta import UNKNOWN, Meta
from loopbaan_cli.kernel import console
from loopbaan_cli.kernel.errors import NotFoundError
from loopbaan_cli.kernel.record import Record
from loopbaan_cli.kernel.text import short_date

# The store, the register and the session model (yaml, pydantic) load where they
# are used: `start` words its first question with this module before they are needed.
if TYPE_CHECKING:
    from loopbaan_cli.sessions.employees import Entry
    from loopbaan_cli.sessions.model import Session


class UsePrepared(Exception):
    """Raised from inside collect_meta when the user chose a prepared conversation."""

    def __init__(self, session: Session) -> None:
        super().__init__(session.id)
        self.session = session


# what the offer and the look-up read of a prepared conversation: with 20,000 on
# disk, one index row each instead of a Record built from every summary
PREPARED = "prepared"
_PREPARED_COLUMNS = ("id", "status", "date", "employee_name", "employee_role", "employee_id")


def _summary(path: Path) -> Record:
    from loopbaan_cli.sessions import store

    return store.view_path(path, summary=True)


def prepared_sessions() -> list[Record]:
    """Every prepared conversation (id, status, date, employee: load it before use), newest first.

    The index is asked for that status only; every file is checked as for a listing.
    """
    return waiting().prepared


@dataclass(frozen=True)
class Waiting:
    """What `start` reads of the folder before its first prompt, from one check of the files."""

    prepared: list[Record]  # as prepared_sessions gives them
    interviewer: tuple[str, str]  # name and role in the conversation saved last ("" for none)


def waiting() -> Waiting:
    """The prepared conversations, and who held the conversation saved last."""
    from loopbaan_cli.sessions import index, migrate

    def found() -> index.StatusAndNewest:
        return index.in_status_and_newest(
            "*.yaml",
            _summary,
            PREPARED,
            _PREPARED_COLUMNS,
            ("interviewer_name", "interviewer_role"),
        )

    migrate.ensure()
    done = found()
    if migrate.old_seen:  # schema 1 files that turned up later: they get their employee too
        migrate.ensure(strays=True)
        done = found()
    prepared = [
        Record(
            {
                "id": row[1],
                "status": row[2],
                "date": dt.date.fromisoformat(row[3]) if row[3] else None,
                "employee": {"name": row[4] or "", "role": row[5] or "", "id": row[6]},
            }
        )
        for row in done.rows
    ]
    last = done.newest
    return Waiting(prepared, (last[2] or "", last[3] or "") if last else ("", ""))


def who(text: str, command: str = "start") -> Entry | None:
    """The employee `text` (a name or an id) is in the register; None for someone new.

    A name several employees share is refused with their ids (and `loopbaan
    <command> --employee ID` to type instead).
    """
    from loopbaan_cli.app.employees import find

    try:
        return find(text, command=(command, "--employee"))
    except NotFoundError:
        return None


def find_prepared(text: str, command: str = "start") -> Session | None:
    """The newest prepared conversation of this employee (a name or an id), fully loaded, or None."""
    entry = who(text, command)
    if entry is None:
        return None
    return prepared_of(entry.id)


def prepared_of(employee: str) -> Session | None:
    """The newest prepared conversation of the employee with this id, fully loaded, or None."""
    from loopbaan_cli.cycle.people import of_employee
    from loopbaan_cli.sessions import store

    found = of_employee(prepared_sessions(), employee)
    return store.load(found[0].id) if found else None


@dataclass(frozen=True)
class Offer:
    """How the offer is worded: under the name question, and the yes/no question after it."""

    notice: str
    question: str


TO_USE = Offer("Typ die naam om die voorbereiding te gebruiken.", "Dat gebruiken?")  # start
TO_GO_ON = Offer("Typ die naam om daar verder aan te werken.", "Daar verder aan werken?")  # prepare


NAMES_SHOWN = 5  # prepared conversations named above the name prompt; the rest are counted


def _first_names(waiting: list[Record]) -> tuple[list[str], int]:
    """The people with a prepared conversation, the soonest planned first, at most NAMES_SHOWN;
    and how many people that is."""
    names = list(dict.fromkeys(s.employee.name for s in sorted(waiting, key=lambda s: s.date)))
    return names[:NAMES_SHOWN], len(names)


def _notice(names: list[str], count: int, offer: Offer) -> str:
    shown = ", ".join(names)
    if count > NAMES_SHOWN:
        shown = f"{shown} en nog {count - NAMES_SHOWN}"
    return f"Al voorbereid: {shown}. {offer.notice}"


def notice_at_a_glance(offer: Offer = TO_USE) -> str | None:
    """The notice above the name prompt as the index has it, unchecked ("" for none).

    None without a usable index. Costs the same with 20 or 20,000 conversations;
    `start` draws it before the files are checked, and `offer_prepared` words it
    again from the checked files before anything typed is taken.
    """
    from loopbaan_cli.sessions import index

    glance = index.glance_names(PREPARED, NAMES_SHOWN)
    if glance is None:
        return None
    names, count = glance
    return _notice(names, count, offer) if count else ""


def offer_prepared(
    ask: AskFn, offer: Offer = TO_USE, prepared: list[Record] | None = None
) -> AskFn:
    """`ask`, but once the employee's name is typed, offer that person's prepared conversation.

    Saying yes raises UsePrepared out of collect_meta. `prepared`: as
    prepared_sessions gives them (read now when not given).
    """
    from loopbaan_cli.cycle.people import same_name
    from loopbaan_cli.sessions import store

    waiting = prepared_sessions() if prepared is None else prepared
    question = offer.question
    declined: set[str] = set()

    def wrapped(request: Ask) -> Any:
        if request.key == "meta.employee" and waiting and not request.notice:
            request = replace(request, notice=_notice(*_first_names(waiting), offer))
        reply = ask(request)
        if request.key != "meta.employee" or not isinstance(reply, str) or not reply.strip():
            return reply
        match = [s for s in waiting if same_name(s.employee.name, reply) and s.id not in declined]
        if not match:
            return reply
        chosen = match[0]
        role = f", {chosen.employee.role}" if chosen.employee.role else ""
        answer = ask(
            Ask(
                "meta.use_prepared",
                f"Er staat een voorbereid gesprek klaar voor {chosen.employee.name}{role} "
                f"(gepland op {short_date(chosen.date)}). {question}",
                "confirm",
                default=True,
                tip="Ja: je voorbereiding blijft, en wie en waarover hoef je niet opnieuw in te "
                "vullen. Nee: een nieuw gesprek; de voorbereiding blijft dan liggen.",
            )
        )
        if answer is True:
            raise UsePrepared(store.load(chosen.id))
        declined.add(chosen.id)
        return reply

    return wrapped


def pick_up(session: Session, today: dt.date | None = None) -> Session:
    """Make a prepared conversation the conversation held today, and save it.

    The preparation is kept; the preparation stage comes back only when it is
    still empty. The date becomes today: the agreement carries the real date.
    """
    from loopbaan_cli.sessions import store
    from loopbaan_cli.sessions.answers import is_answered

    today = today or dt.date.today()
    with store.locked(session.id):
        session = store.load(session.id)
        if session.status != "prepared":
            return session
        session.status = "in_progress"
        # Not a word of the conversation yet: start at the questions, or at the
        # preparation when nothing of it was filled in.
        at_start = session.stage in ("meta", "preparation") or (
            session.stage == "questions" and session.position is None
        )
        if at_start:
            filled = any(is_answered(r) for r in session.preparation.values())
            session.stage = "questions" if filled else "preparation"
            session.position = None
            if not filled and not any(r.note for r in session.preparation.values()):
                session.preparation = {}  # only skipped questions: offer it afresh
        planned = session.date
        session.date = today
        store.save(session)
    kept = (
        "je voorbereiding blijft bewaard"
        if session.stage != "preparation"
        else ("de voorbereiding is nog leeg")
    )
    console.markup(
        f"Het voorbereide gesprek met [bold]{console.escape(session.employee.name)}[/bold] "
        f"gaat verder; {kept}."
    )
    if planned != today:
        console.say(
            f"Datum van het gesprek: vandaag ({short_date(today)}); "
            f"gepland was {short_date(planned)}.",
            style="dim",
        )
    return session


def adopt(session: Session, meta_complete: bool) -> Session:
    """`start --answers`: the file's conversation takes over the employee's prepared one."""
    if not meta_complete or session.employee.name == UNKNOWN or not session.employee.id:
        return session  # a new employee has nothing prepared
    prepared = prepared_of(session.employee.id)
    if prepared is None:
        return session
    employee = session.employee.model_copy(
        update={
            "role": session.employee.role or prepared.employee.role,
            "service_start": session.employee.service_start or prepared.employee.service_start,
            "retirement_year": session.employee.retirement_year
            or prepared.employee.retirement_year,
        }
    )
    return session.model_copy(
        update={
            "id": prepared.id,
            "created": prepared.created,
            "employee": employee,
            "preparation": {**prepared.preparation, **session.preparation},
            "checkins": prepared.checkins,
        }
    )


def suggested(
    day: dt.date,
    everyone: list[Record] | None = None,
    *,
    interviewer: tuple[str, str] | None = None,
) -> Meta:
    """What the who-and-when questions propose for a conversation on `day`.

    The interviewer of the conversation saved last (one manager usually holds
    them all; `interviewer` when it was read already, see `waiting`); the rest
    is left empty. Used by `start` and `prepare` alike.
    """
    from loopbaan_cli.sessions import store

    if interviewer is None:
        if everyone is None:
            last = store.last_saved()  # the index answers without reading every file
        else:
            last = max(everyone, key=lambda s: s.updated, default=None)
        interviewer = (last.interviewer.name, last.interviewer.role) if last else ("", "")
    if interviewer[0] == UNKNOWN:  # saved last: a start stopped before its interviewer
        interviewer = ("", "")
    return Meta(
        employee="",
        role="",
        interviewer=interviewer[0],
        interviewer_role=interviewer[1],
        date=day,
        phase="",
        purposes=[],
    )


def start_defaults(defaults: Meta, employee: str | None) -> Meta:
    """`loopbaan start --employee NAME|ID` without a prepared conversation: who is filled in."""
    if employee:
        entry = who(employee)
        if entry is None:
            defaults.employee = employee.strip()
        else:
            defaults.employee, defaults.employee_id = entry.name, entry.id
            defaults.role = entry.role
            defaults.service_start = entry.service_start
            defaults.retirement_year = entry.retirement_year
    return defaults
