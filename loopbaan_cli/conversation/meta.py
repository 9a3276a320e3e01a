"""Who talks with whom, when, in which life phase and for which purposes.

Asked as a form (form.py) before the conversation starts, by `start` and by
`prepare`. Nothing is saved while it is asked: the session does not exist
yet. Ctrl-C raises MetaInterrupted with what was given so far, so the caller
can keep it; a session stopped there stands at stage "meta", and `run`
goes on at that very step (`resume_meta`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from loopbaan_cli.banks.types import TYPES
from loopbaan_cli.conversation.asking import Ask, AskFn, Choice, Nav
from loopbaan_cli.conversation.form import Field, Form
from loopbaan_cli.conversation.meta_checks import CHECKS

# The session model (pydantic) and the register (yaml) are imported where they
# are used: `start` builds its first question from this module before they load.
if TYPE_CHECKING:
    from loopbaan_cli.banks.library import Library
    from loopbaan_cli.sessions.employees import Entry
    from loopbaan_cli.sessions.model import Meeting, Session

# A name or phase not known yet, in a session stopped while who and when were
# asked (the session model needs a value there).
UNKNOWN = "?"

# The old purpose "drempelverlagend" is the plain-language mode now: an old
# answers file or session that chose it gets `plain` instead.
LEGACY_PLAIN_PURPOSE = "drempelverlagend"

# The two lengths of a conversation, as the choice shows them.
SHORT, FULL = "kort", "volledig"
# What the duration of the meeting is suggested as, in minutes, by length.
EXPECTED_MINUTES = {FULL: 75, SHORT: 45}


@dataclass
class Meta:
    employee: str
    role: str
    interviewer: str
    interviewer_role: str
    date: dt.date
    phase: str
    purposes: list[str] = field(default_factory=list)
    plain: bool = False  # in plain language (B1)
    short: bool = False  # the key questions only
    # asked only with collect_meta(employee_facts=True), by `loopbaan prepare`
    service_start: dt.date | None = None
    retirement_year: int | None = None
    # the meeting itself, asked by `loopbaan prepare` too: start, place, duration
    meeting_time: str | None = None
    meeting_place: str = ""
    meeting_minutes: int | None = None
    # the employee in the register (sessions/employees.py); None: a new employee
    employee_id: str | None = None

    @classmethod
    def from_session(cls, session: Session, fallback: Meta) -> Meta:
        """What a (partly filled) session already says; UNKNOWN marks a placeholder."""
        return cls(
            employee="" if session.employee.name == UNKNOWN else session.employee.name,
            role=session.employee.role,
            interviewer=fallback.interviewer
            if session.interviewer.name == UNKNOWN
            else session.interviewer.name,
            interviewer_role=session.interviewer.role or fallback.interviewer_role,
            date=session.date,
            phase="" if session.phase == UNKNOWN else session.phase,
            purposes=[p for p in session.purposes if p != LEGACY_PLAIN_PURPOSE],
            plain=session.plain or LEGACY_PLAIN_PURPOSE in session.purposes,
            short=session.short,
            service_start=session.employee.service_start,
            retirement_year=session.employee.retirement_year,
            meeting_time=session.meeting.time if session.meeting else None,
            meeting_place=session.meeting.place if session.meeting else "",
            meeting_minutes=session.meeting.minutes if session.meeting else None,
            employee_id=session.employee.id,
        )

    def meeting(self) -> Meeting | None:
        """The meeting's start, place and duration; None when none of them is known."""
        from loopbaan_cli.sessions.model import Meeting

        meeting = Meeting(
            time=self.meeting_time, place=self.meeting_place.strip(), minutes=self.meeting_minutes
        )
        return None if meeting.empty else meeting

    def session_fields(self, library: Library) -> dict[str, Any]:
        """Who, when and about what, as Session fields; titles are copied as asked."""
        from loopbaan_cli.sessions.model import Employee, Person

        return {
            "employee": Employee(
                id=self.employee_id,
                name=self.employee,
                role=self.role,
                service_start=self.service_start,
                retirement_year=self.retirement_year,
            ),
            "interviewer": Person(name=self.interviewer, role=self.interviewer_role),
            "date": self.date,
            "phase": self.phase,
            "phase_title": library.phases[self.phase].title,
            "purposes": self.purposes,
            "purpose_titles": [library.purposes[p].title for p in self.purposes],
            "plain": self.plain,
            "short": self.short,
            "meeting": self.meeting(),
        }

    def new_session(
        self, library: Library, session_id: str, base: Session | None = None, **fields: Any
    ) -> Session:
        """A session that starts now with these who/when/what, over `base` when given.

        The caller reserves the id (the store is not the conversation's business)
        and says what else differs (status, stage, ...).
        """
        from loopbaan_cli.sessions.model import Session

        now = dt.datetime.now().replace(microsecond=0)
        data = base.model_dump() if base is not None else {}
        data.update(id=session_id, created=now, updated=now, **fields)
        data.update(self.session_fields(library))
        return Session.model_validate(data)


class MetaInterrupted(KeyboardInterrupt):
    """Ctrl-C while who and when are asked: what was given so far, to keep.

    `values` holds the steps answered (by Meta field name) and the half-typed
    text of the step that was open; `position` is that step's key.
    """

    def __init__(self, values: dict[str, Any], position: str) -> None:
        super().__init__()
        self.values = values
        self.position = position


# The prompts, by Meta field name. All of them start as a suggestion (the
# first letter typed replaces it); a step answered shows its answer to edit.
_ASKS: dict[str, Ask] = {
    "employee": Ask(
        "meta.employee",
        "Naam van de medewerker",
        "text",
        required=True,
        section="Wie en wanneer",
    ),
    "role": Ask("meta.role", "Functie van de medewerker", "text"),
    "service_start": Ask(
        "meta.service_start",
        "In dienst sinds (leeg laten als je het niet weet)",
        "date",
        tip="Na 5 jaar dienst is een loopbaangesprek een vast moment: `loopbaan agenda` herinnert je eraan.",
    ),
    "retirement_year": Ask(
        "meta.retirement_year",
        "In welk jaar gaat de medewerker naar verwachting met pensioen? (leeg laten mag)",
        "number",
        tip="5 jaar voor het pensioen is ook een vast moment voor een loopbaangesprek.",
    ),
    "interviewer": Ask("meta.interviewer", "Jouw naam (de leidinggevende)", "text", required=True),
    "interviewer_role": Ask("meta.interviewer_role", "Jouw functie", "text"),
    "date": Ask("meta.date", "Datum van het gesprek", "date", required=True),
    "meeting_time": Ask(
        "meta.meeting_time",
        "Om hoe laat begint het gesprek? (bv. 14:00; leeg laten mag)",
        "text",
        tip="Het uur komt op de uitnodiging en in de agenda-uitnodiging (--format ics).",
    ),
    "meeting_place": Ask(
        "meta.meeting_place",
        "Waar gaat het gesprek door? (leeg laten mag)",
        "text",
        tip="Kies een rustige plek waar niemand meeluistert, bv. een vergaderzaal.",
    ),
    "meeting_minutes": Ask(
        "meta.meeting_minutes",
        "Hoeveel minuten trek je uit voor het gesprek?",
        "number",
        tip="Een volledig gesprek duurt ongeveer 75 minuten, een kort ongeveer 45.",
    ),
    "phase": Ask(
        "meta.phase",
        "In welke levensfase zit de medewerker?",
        "choice",
        required=True,
        tip="Kies samen de beschrijving waarin de medewerker zich herkent; leeftijd beslist niet.",
    ),
    "purposes": Ask(
        "meta.purposes",
        "Waarover gaat dit gesprek vooral? (meerdere mogelijk)",
        "multi_choice",
        tip="Elk gekozen doel voegt een paar gerichte vragen toe. Niets kiezen mag ook.",
    ),
    "plain": Ask(
        "meta.plain",
        "Voer je het gesprek in eenvoudige taal?",
        "confirm",
        tip=(
            "Eenvoudige taal: korte vragen met gewone woorden, bv. voor wie het Nederlands nog "
            "leert of liever eenvoudig praat. Het zijn dezelfde vragen, ook over de komende jaren."
        ),
    ),
    "short": Ask(
        "meta.short",
        "Kort of volledig gesprek?",
        "choice",
        tip=(
            "Kort: ongeveer 15 tot 20 sleutelvragen, zo'n drie kwartier. Volledig: alle vragen "
            "van de fase en de doelen, een uur tot anderhalf."
        ),
    ),
}
# The service start and retirement year make the fixed moments of the agenda:
# `loopbaan start` asks the service start (prefilled from the register), `loopbaan
# prepare` (employee_facts) both.
_ORDER = (
    "employee",
    "role",
    "service_start",
    "interviewer",
    "interviewer_role",
    "date",
    "phase",
    "purposes",
    "plain",
    "short",
)
# With them, the meeting's start and place follow the date, its duration the
# length of the conversation (which suggests it).
_WITH_FACTS = (
    "employee",
    "role",
    "service_start",
    "retirement_year",
    "interviewer",
    "interviewer_role",
    "date",
    "meeting_time",
    "meeting_place",
    "phase",
    "purposes",
    "plain",
    "short",
    "meeting_minutes",
)
_BY_KEY = {request.key: name for name, request in _ASKS.items()}


def collect_meta(
    ask: AskFn,
    library: Library,
    defaults: Meta,
    *,
    employee_facts: bool = False,
    start_at: str | None = None,
    given: frozenset[str] = frozenset(),
    candidates: Candidates | None = None,
) -> Meta:
    """Who talks with whom, when, in which life phase, for which purposes.

    `candidates(name)` (the register, from the caller) says who a typed name
    can be: one employee with that name is taken (their role and dates
    suggested), several are chosen from, a close name is offered; none, or
    declined, is a new employee (`employee_id` None).

    With `employee_facts`, also the service start date and the expected
    retirement year (both optional), and the meeting's start, place and
    duration (all optional; the duration suggested from the length). `start_at` (a step's key) goes on where
    an earlier sitting stopped; `given` names the fields of `defaults` typed
    back then, not suggested. Ctrl-C raises MetaInterrupted with what was
    given so far.
    """
    names = _WITH_FACTS if employee_facts else _ORDER
    result = _values(defaults)
    choices = {
        "phase": tuple(Choice(p.id, p.title, _phase_help(p)) for p in library.phases.values()),
        "purposes": tuple(Choice(p.id, p.title, p.description) for p in library.purposes.values()),
        "short": (
            Choice(FULL, "Volledig gesprek", "Alle vragen: een uur tot anderhalf."),
            Choice(SHORT, "Kort gesprek", "De sleutelvragen: ongeveer 45 minuten."),
        ),
    }
    keys = [_ASKS[name].key for name in names]
    index = keys.index(start_at) if start_at in keys else 0
    # Steps before the one to go on at were answered back then; so was that
    # one if it was typed (not suggested). The rest shows a suggestion.
    settled = set(keys[:index]) | ({keys[index]} if names[index] in given else set())

    def interrupted(request: Ask, draft: str) -> None:
        kept = {_BY_KEY[key]: result[_BY_KEY[key]] for key in form.settled}
        if "employee" in kept and result["employee_id"]:
            kept["employee_id"] = result["employee_id"]
        if draft and TYPES[request.type].keeps_draft:
            kept[_BY_KEY[request.key]] = draft
        raise MetaInterrupted(kept, request.key) from None

    fields = [_field(name, result, choices.get(name, ())) for name in names]
    if candidates is not None:
        fields[0] = _identified(fields[0], ask, candidates, result, lambda: form.settled)
    form = Form(
        ask,
        fields,
        settled=settled,
        title=_ASKS["employee"].section,  # going on half-way: the part's title all the same
        interrupted=interrupted,
    )
    form.run(start_at)
    return _meta(result)


def _values(defaults: Meta) -> dict[str, Any]:
    """What the form starts from, by Meta field name (the length as the choice shows it)."""
    result = {name: getattr(defaults, name) for name in _WITH_FACTS}
    result["employee_id"] = defaults.employee_id
    result["purposes"] = list(defaults.purposes)
    result["plain"], result["short"] = defaults.plain, SHORT if defaults.short else FULL
    return result


def first_question(defaults: Meta) -> Ask:
    """The prompt `collect_meta` opens with when it starts at the name, as the form asks it.

    `start` draws it before the banks and the prompts are loaded; the prompt
    that is then really asked is compared with it (cli/early.py).
    """
    request = _field("employee", _values(defaults), ()).build(False)
    return replace(request, section=request.section or _ASKS["employee"].section)


# Who a typed name can be: (employees with exactly this name, employees with a close name).
Candidates = Callable[[str], tuple[list["Entry"], list["Entry"]]]
NEW_EMPLOYEE = "nieuw"
# The facts the register knows about an employee, suggested once they are identified.
_REGISTER_FACTS = {
    "role": "role",
    "service_start": "service_start",
    "retirement_year": "retirement_year",
}
_EMPTY: dict[str, Any] = {"role": "", "service_start": None, "retirement_year": None}


def _identified(
    field: Field,
    ask: AskFn,
    candidates: Candidates,
    result: dict[str, Any],
    settled: Callable[[], set[str]],
) -> Field:
    """The name step, followed by who that name is in the register (a check: BACK asks the name again)."""
    from loopbaan_cli.sessions.employees import Entry, name_key

    chosen: dict[str, Entry | None] = {}
    known = {"key": name_key(str(result["employee"] or "")) if result["employee_id"] else None}

    def check(reply: Any) -> str:
        name = str(reply or "").strip()
        if not name:
            return ""
        if known["key"] == name_key(name):  # the same name again: the same person
            chosen.pop("entry", None)
            return ""
        exact, near = candidates(name)
        picked = _pick(ask, name, exact, near)
        if picked is Nav.BACK:
            return "Typ de naam opnieuw, of kies wie je bedoelt."
        chosen["entry"] = picked if isinstance(picked, Entry) else None
        return ""

    def apply(reply: Any) -> None:
        field.apply(reply)
        if "entry" not in chosen:
            return
        entry = chosen.pop("entry")
        known["key"] = name_key(str(result["employee"] or ""))
        had_someone = result["employee_id"] is not None
        result["employee_id"] = entry.id if entry is not None else None
        if entry is not None:
            result["employee"] = entry.name
        elif not had_someone:
            return  # a new employee, and nothing was suggested from the register
        done = settled()
        for name, attribute in _REGISTER_FACTS.items():
            if _ASKS[name].key not in done:  # what the register suggested, not what was typed
                result[name] = getattr(entry, attribute) if entry is not None else _EMPTY[name]

    return Field(field.key, field.build, apply, field.skip, check, field.keep_draft)


def _pick(ask: AskFn, name: str, exact: list[Entry], near: list[Entry]) -> Entry | Nav | None:
    """Which employee `name` is: the only one with that name, the one chosen, or None (a new one)."""
    if len(exact) == 1:
        return exact[0]
    if exact:
        reply = ask(
            Ask(
                "meta.employee_which",
                f"Er zijn {len(exact)} medewerkers met de naam {name}. Wie bedoel je?",
                "choice",
                choices=(
                    *(Choice(e.id, e.label, _facts(e)) for e in exact),
                    Choice(
                        NEW_EMPLOYEE, "Iemand anders met dezelfde naam", "Een nieuwe medewerker."
                    ),
                ),
                nav=frozenset({Nav.BACK}),
            )
        )
        if reply is Nav.BACK:
            return Nav.BACK
        return next((e for e in exact if e.id == reply), None)
    for entry in near[:1]:  # the closest only: one question, not a quiz
        reply = ask(
            Ask(
                "meta.employee_close",
                f"Bedoel je {entry.label}?",
                "confirm",
                default=False,
                tip=f"Ja: het gesprek is met {entry.name} ({_facts(entry) or entry.id}). "
                f"Nee: {name} is een andere, nieuwe medewerker.",
                nav=frozenset({Nav.BACK}),
            )
        )
        if reply is Nav.BACK:
            return Nav.BACK
        if reply is True:
            return entry
    return None


def _facts(entry: Entry) -> str:
    parts = [entry.id]
    if entry.service_start is not None:
        parts.append(f"in dienst sinds {entry.service_start.strftime('%d-%m-%Y')}")
    return ", ".join(parts)


def _phase_help(phase: Any) -> str:
    return f"{phase.description} ({phase.ages})" if phase.ages else str(phase.description)


def _field(name: str, result: dict[str, Any], choices: tuple[Choice, ...]) -> Field:
    """The step for one Meta field; its answer goes in `result`."""

    def build(settled: bool) -> Ask:
        default = result[name]
        if name == "meeting_minutes" and default is None and not settled:
            default = EXPECTED_MINUTES[result["short"]]
        return replace(
            _ASKS[name],
            choices=choices,
            default=default,
            suggested=not settled,
            nav=frozenset({Nav.BACK}),
        )

    def apply(reply: Any) -> None:
        text = _ASKS[name].type == "text"
        result[name] = reply if reply is not None else ("" if text else reply)

    return Field(_ASKS[name].key, build, apply, check=CHECKS.get(name))


def _meta(result: dict[str, Any]) -> Meta:
    from loopbaan_cli.sessions.model import meeting_time

    return Meta(
        employee=str(result["employee"]).strip(),
        role=str(result["role"] or "").strip(),
        interviewer=str(result["interviewer"]).strip(),
        interviewer_role=str(result["interviewer_role"] or "").strip(),
        date=result["date"],
        phase=str(result["phase"]),
        purposes=list(result["purposes"] or []),
        plain=result["plain"] is True,
        short=result["short"] == SHORT,
        service_start=result["service_start"],
        retirement_year=result["retirement_year"],
        employee_id=result["employee_id"],
        meeting_time=meeting_time(result["meeting_time"]),
        meeting_place=str(result["meeting_place"] or "").strip(),
        meeting_minutes=result["meeting_minutes"],
    )


@dataclass(frozen=True)
class Identity:
    """The employee register as the caller hands it in (the conversation never reads the disk)."""

    candidates: Candidates  # who a typed name can be
    register: Callable[[Meta], str]  # the employee of a conversation: their id, added when new


def resume_meta(
    ask: AskFn,
    library: Library,
    session: Session,
    fallback: Meta | None,
    identity: Identity | None = None,
) -> None:
    """Ctrl-C stopped `loopbaan start` while who and when were asked: go on there.

    `fallback` holds the suggestions for what was not given (the last
    interviewer's name); the session's own date else. With `identity`, the
    name goes through the register as in `start`.
    """
    defaults = Meta.from_session(session, fallback or Meta("", "", "", "", session.date, ""))
    typed = {
        "employee": session.employee.name != UNKNOWN,
        "role": bool(session.employee.role),
        "interviewer": session.interviewer.name != UNKNOWN,
        "interviewer_role": bool(session.interviewer.role),
    }
    try:
        meta = collect_meta(
            ask,
            library,
            defaults,
            start_at=session.position,
            given=frozenset(name for name, kept in typed.items() if kept),
            candidates=identity.candidates if identity else None,
        )
    except MetaInterrupted as stop:
        keep_meta(session, stop.values, library)
        session.position = stop.position
        raise
    if identity is not None:
        meta.employee_id = identity.register(meta)
    for name, value in meta.session_fields(library).items():
        setattr(session, name, value)
    session.position = None


_EMPLOYEE_FIELDS = {
    "employee_id": "id",
    "employee": "name",
    "role": "role",
    "service_start": "service_start",
    "retirement_year": "retirement_year",
}
_INTERVIEWER_FIELDS = {"interviewer": "name", "interviewer_role": "role"}


def keep_meta(session: Session, values: dict[str, Any], library: Library) -> None:
    """Put (part of) the who-and-when answers in a session; a missing name stays UNKNOWN."""
    for attribute, fields in (("employee", _EMPLOYEE_FIELDS), ("interviewer", _INTERVIEWER_FIELDS)):
        update = {
            field: values[name]
            for name, field in fields.items()
            if name in values and name != "employee_id"
        }
        if "name" in update:
            update["name"] = str(update["name"] or "").strip() or UNKNOWN
            if attribute == "employee":  # who that name is was decided with it, or not yet
                update["id"] = values.get("employee_id") or None
        if "role" in update:
            update["role"] = str(update["role"] or "").strip()
        if update:
            setattr(session, attribute, getattr(session, attribute).model_copy(update=update))
    if isinstance(values.get("date"), dt.date):
        session.date = values["date"]
    phase = values.get("phase")
    if isinstance(phase, str) and phase in library.phases:
        session.phase, session.phase_title = phase, library.phases[phase].title
    if "purposes" in values:
        session.purposes = [p for p in values["purposes"] or [] if p in library.purposes]
        session.purpose_titles = [library.purposes[p].title for p in session.purposes]
    if isinstance(values.get("plain"), bool):
        session.plain = values["plain"]
    if values.get("short") in (SHORT, FULL):
        session.short = values["short"] == SHORT
