"""What a template gets to see: the context, built from the session and what the caller passes.

A pure step: the session, the earlier conversations (`previous`) and the
question banks (`library`) all come from the caller, so building a document
never reads the disk. Private notes are scrubbed here, before any template or
the calendar sees the data.

The context every template gets (documented for users in docs/sjablonen.md):

``session``
    The Session as it was saved, read-only (see kernel/record.py), without
    any private note and without the answers that may not go on paper.
``employee`` / ``interviewer``
    The Employee (name, role, service_start, retirement_year) and the Person
    (name, role) who led the conversation.
``date``
    The date of the conversation (a date).
``phase``
    The life phase's title, or its id when no title was stored.
``purposes``
    The purposes' titles (ids where no title was stored), a list of str.
``sections``
    The answers that may go on paper: a list of ``{title, questions}`` in the
    order the sections were first answered; each of the questions is
    ``{question, answer, note}``. Only answers marked ``printed`` are in it
    (a sensitive answer only with the employee's consent, a score only when
    someone chose to print it). ``answer`` is formatted for people (Ja/Nee,
    comma-joined lists, Dutch dates); skipped and empty answers are left out,
    and ``note`` is "" when the note was private. Preparation answers are not
    part of it.
``annex``
    ``sections`` when the owner asked for the annex (``export --annex``),
    else []: the built-in agreement prints answers only there.
``summary``
    What owner and employee wrote together at the end ("wat we besproken
    hebben"), a str, may be empty.
``conclusions``
    A list of ``{id, title, text, referral}``, one per chosen conclusion, in
    the order chosen; ``referral`` is the career-guidance info given with it
    (or empty).
``conclusion``
    The first of ``conclusions``, or None (for templates written before
    several conclusions could be chosen).
``referral``
    The career-guidance info given with any conclusion (str, may be empty).
``organisation``
    ``{name, address, logo, logo_file}`` from config.yaml; ``logo`` is the
    image as a ``data:`` URI (for html), ``logo_file`` its path; all "" when
    not set.
``meeting``
    Where and when the planned conversation takes place, as ``loopbaan
    prepare`` asked it: ``{time, hour, place, minutes, duration}``, or None
    when none of them is known. ``time`` is "14:30" (or None), ``hour`` the
    same in words ("14.30 uur", "14 uur"), ``minutes`` an int (or None) and
    ``duration`` it in words ("ongeveer 1 uur en 15 minuten"); ``place`` may
    be "". A session saved without them has None.
``privacy``
    ``{keeper, years, text}``: who keeps the document (the organisation's
    name, or "de werkgever"), how many years after the employment it is
    kept (config.yaml ``retention_years``, default 5), and the privacy line
    in one Dutch paragraph.
``agreements``
    A list of ``{number, action, action_id, what, owner, due, support,
    success}``; ``action`` is the catalogue title (or "Eigen actie"), ``due``
    a date or None.
``followups``
    A list of ``{date, what}``, in date order; ``what`` is "" when it was
    left at the default ("Opvolgmoment").
``next_conversation``
    A date or None.
``reachability``
    How and when the manager can be reached (str, may be empty).
``next_followup``
    The first follow-up on or after ``generated`` (``{date, what}``), or None.
``generated``
    The day the document is made (the ``today`` argument, default today).
``previous``
    The earlier conversations as the caller passed them (see
    cycle/history.py), for the kinds that show them; [] for the others.

On top of these a kind gets its own variables (Kind.extra in kinds.py):
``reflection`` for the invitation, ``preparation`` for the manager's sheet,
``goal`` for the card (the employee's short-term goal, see sheets.goal; ""
without the banks).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from loopbaan_cli.documents.filters import format_answer, on_scale
from loopbaan_cli.kernel.record import Record
from loopbaan_cli.kernel.text import OWN_ACTION_LABEL
from loopbaan_cli.kernel.values import DEFAULT_FOLLOWUP

if TYPE_CHECKING:
    from loopbaan_cli.banks.library import Library
    from loopbaan_cli.documents.kinds import Kind
    from loopbaan_cli.sessions.model import Session

# the section title of an answer that was saved without one
NO_SECTION = "Algemeen"

# what build_context() hands to every template, in the order documented above
CONTEXT_VARIABLES: tuple[str, ...] = (
    "session",
    "employee",
    "interviewer",
    "date",
    "phase",
    "purposes",
    "sections",
    "annex",
    "summary",
    "conclusions",
    "conclusion",
    "referral",
    "agreements",
    "followups",
    "next_conversation",
    "reachability",
    "next_followup",
    "generated",
    "previous",
    "organisation",
    "privacy",
    "meeting",
)


@dataclass(frozen=True)
class Paper:
    """What the owner decided about paper beyond the session; the caller passes it.

    `logo` is the image already read, as a data: URI (documents never read the disk).
    """

    annex: bool = False
    organisation_name: str = ""
    organisation_address: str = ""
    logo: str = ""
    logo_file: str = ""
    retention_years: int = 5


PRIVACY_TEXT = (
    "{keeper} bewaart dit blad vertrouwelijk, zolang de medewerker hier werkt en nog "
    "{years} jaar daarna. De medewerker mag het altijd inkijken en laten verbeteren. "
    "Het dient om de afspraken op te volgen, niet om de medewerker te beoordelen."
)


def as_record(session: Session | Record) -> Record:
    """Documents are made from the data as saved; a model is dumped to it first."""
    return session if isinstance(session, Record) else Record(session.model_dump())


def without_private_notes(session: Record) -> Record:
    """The session in which no private note survives."""

    def clean(records: Record) -> dict[str, Record]:
        return {
            key: Record({**rec, "note": ""}) if rec.private else rec for key, rec in records.items()
        }

    return Record(
        {**session, "answers": clean(session.answers), "preparation": clean(session.preparation)}
    )


def without_unprinted(session: Record) -> Record:
    """The session without the answers that may not go on paper (a template sees no more)."""
    answers = {key: rec for key, rec in session.answers.items() if rec.get("printed", True)}
    return Record({**session, "answers": answers})


def build_context(
    session: Session | Record,
    kind: Kind,
    *,
    library: Library | None = None,
    previous: Sequence[Mapping[str, Any]] = (),
    today: dt.date | None = None,
    paper: Paper | None = None,
) -> dict[str, Any]:
    """Everything a template of `kind` can use; see the module docstring.

    `library` is needed only by a kind with extra variables (Kind.extra);
    without it such a kind is a mistake of the caller, not of the user.
    `paper`: the annex, the organisation and the retention (default: none of them).
    """
    paper = paper or Paper()
    safe = without_private_notes(as_record(session))
    generated = today or dt.date.today()
    followups = _followups(safe)
    sections = _summary(safe.answers)
    conclusions = _conclusions(safe)
    context: dict[str, Any] = {
        "session": without_unprinted(safe),
        "employee": safe.employee,
        "interviewer": safe.interviewer,
        "date": safe.date,
        "phase": safe.phase_title.strip() or safe.phase,
        "purposes": _purposes(safe),
        "sections": sections,
        "annex": sections if paper.annex else [],
        "summary": str(safe.get("summary", "")).strip(),
        "conclusions": conclusions,
        "conclusion": conclusions[0] if conclusions else None,
        "referral": next((c["referral"] for c in conclusions if c["referral"]), ""),
        "agreements": _agreements(safe),
        "followups": followups,
        "next_conversation": safe.next_conversation,
        "reachability": safe.reachability.strip(),
        "next_followup": next((f for f in followups if f["date"] >= generated), None),
        "generated": generated,
        "previous": list(previous) if kind.shows_previous else [],
        "organisation": {
            "name": paper.organisation_name,
            "address": paper.organisation_address,
            "logo": paper.logo,
            "logo_file": paper.logo_file,
        },
        "privacy": _privacy(paper),
        "meeting": _meeting(safe.get("meeting")),
    }
    for name, made in kind.from_session:
        context[name] = made(safe)
    if kind.extra and library is None and kind.extra_optional:
        return context | {name: "" for name, _ in kind.extra}
    if kind.extra and library is None:
        raise TypeError(f"a document of kind {kind.name!r} needs the library (the question banks)")
    for name, make in kind.extra:
        assert library is not None
        context[name] = make(library, safe)
    return context


def _purposes(safe: Record) -> list[str]:
    titles = list(safe.purpose_titles)
    return [
        (titles[i] if i < len(titles) and titles[i].strip() else pid)
        for i, pid in enumerate(safe.purposes)
    ]


def _conclusions(safe: Record) -> list[dict[str, Any]]:
    # A session saved before several conclusions could be chosen has `conclusion`.
    chosen = safe.get("conclusions")
    if chosen is None:
        old = safe.get("conclusion")
        chosen = [old] if old else []
    return [
        {
            "id": c.id,
            "title": c.title.strip() or c.id,
            "text": c.text.strip(),
            "referral": c.referral_info.strip(),
        }
        for c in chosen
    ]


def _meeting(meeting: Any) -> dict[str, Any] | None:
    """The meeting in words; None when the session has none (an older file, nothing given)."""
    if not meeting:
        return None
    time, minutes = meeting.get("time"), meeting.get("minutes")
    place = str(meeting.get("place") or "").strip()
    if time is None and minutes is None and not place:
        return None
    return {
        "time": time,
        "hour": hour_words(time) if time else "",
        "place": place,
        "minutes": minutes,
        "duration": duration_words(minutes) if minutes else "",
    }


def hour_words(time: str) -> str:
    """ "14:00" as "14 uur", "09:30" as "9.30 uur"."""
    hours, minutes = (int(part) for part in time.split(":"))
    return f"{hours} uur" if minutes == 0 else f"{hours}.{minutes:02d} uur"


def duration_words(minutes: int) -> str:
    """75 as "ongeveer 1 uur en 15 minuten", 45 as "ongeveer 45 minuten"."""
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"ongeveer {rest} minuten"
    if not rest:
        return f"ongeveer {hours} uur"
    return f"ongeveer {hours} uur en {rest} minuten"


def _privacy(paper: Paper) -> dict[str, Any]:
    keeper = paper.organisation_name or "De werkgever"
    years = paper.retention_years
    return {
        "keeper": keeper,
        "years": years,
        "text": PRIVACY_TEXT.format(keeper=keeper, years=years),
    }


def _agreements(safe: Record) -> list[dict[str, Any]]:
    return [
        {
            "number": n,
            "action": a.action_title.strip() or a.action or OWN_ACTION_LABEL,
            "action_id": a.action,
            "what": a.what,
            "owner": a.owner.strip(),
            "due": a.due,
            "support": a.support.strip(),
            "success": a.success.strip(),
        }
        for n, a in enumerate(safe.agreements, start=1)
    ]


def _followups(safe: Record) -> list[dict[str, Any]]:
    # "Opvolgmoment", the default, says nothing next to "follow-up moments:"
    return [
        {"date": f.date, "what": "" if f.what.strip() == DEFAULT_FOLLOWUP else f.what.strip()}
        for f in sorted(safe.followups, key=lambda f: f.date)
    ]


def _summary(answers: Record) -> list[dict[str, Any]]:
    groups: dict[str, list[dict[str, str]]] = {}
    for rec in answers.values():
        if rec.skipped or not rec.get("printed", True):
            continue
        answer = format_answer(rec.value)
        if not answer:
            continue
        if rec.scale is not None and isinstance(rec.value, int):
            answer = on_scale(rec.value, rec.scale)
        note = "" if rec.private else rec.note.strip()
        title = rec.section.strip() or NO_SECTION
        groups.setdefault(title, []).append(
            {"question": rec.question, "answer": answer, "note": note}
        )
    return [{"title": title, "questions": items} for title, items in groups.items()]
