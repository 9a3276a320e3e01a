"""The conversation as pure logic: what to ask next, and what to do with the reply.

The interview never prints and never reads the keyboard. It builds an `Ask`
for every prompt and hands it to an `ask` callable (questionary in real life,
a plain function in tests). The reply is a value, or one of the navigation
replies: BACK, SKIP, PAUSE, or a NoteReply. After every reply that changes
something the session is saved, so a killed process loses at most the answer
being typed.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from loopbaan_cli.banks import plan as planning
from loopbaan_cli.banks.library import Library

# The prompt vocabulary lives in asking.py; re-exported here for the callers.
from loopbaan_cli.conversation.asking import (
    ALL_NAV,
    FIELD_NAV,
    STEP_NAV,
    Ask,
    AskFn,
    Choice,
    Interrupt,
    Nav,
    NoteReply,
    Paused,
    Reply,
)
from loopbaan_cli.kernel.values import add_months, format_value, workday
from loopbaan_cli.sessions.answers import answer_values, is_answered
from loopbaan_cli.sessions.model import (
    STAGES,
    AnswerRecord,
    ConclusionRecord,
    Employee,
    FollowUp,
    Person,
    Session,
    Stage,
)


@dataclass
class Meta:
    employee: str
    role: str
    interviewer: str
    interviewer_role: str
    date: dt.date
    phase: str
    purposes: list[str] = field(default_factory=list)
    # asked only with collect_meta(employee_facts=True), by `loopbaan prepare`
    service_start: dt.date | None = None
    retirement_year: int | None = None

    @classmethod
    def from_session(cls, session: Session, fallback: Meta) -> Meta:
        """What a (partly filled) session already says; "?" marks a placeholder."""
        return cls(
            employee="" if session.employee.name == "?" else session.employee.name,
            role=session.employee.role,
            interviewer=fallback.interviewer
            if session.interviewer.name == "?"
            else session.interviewer.name,
            interviewer_role=session.interviewer.role or fallback.interviewer_role,
            date=session.date,
            phase="" if session.phase == "?" else session.phase,
            purposes=list(session.purposes),
            service_start=session.employee.service_start,
            retirement_year=session.employee.retirement_year,
        )

    def session_fields(self, library: Library) -> dict[str, Any]:
        """Who, when and about what, as Session fields; titles are copied as asked."""
        return {
            "employee": Employee(
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
        }


class MetaInterrupted(KeyboardInterrupt):
    """Ctrl-C while who and when are asked: what was given so far, to keep.

    `values` holds the steps answered (by Meta field name) and the half-typed
    text of the step that was open; `position` is that step's key.
    """

    def __init__(self, values: dict[str, Any], position: str) -> None:
        super().__init__()
        self.values = values
        self.position = position


_EMPLOYEE_FIELDS = {
    "employee": "name",
    "role": "role",
    "service_start": "service_start",
    "retirement_year": "retirement_year",
}
_INTERVIEWER_FIELDS = {"interviewer": "name", "interviewer_role": "role"}


def keep_meta(session: Session, values: dict[str, Any], library: Library) -> None:
    """Put (part of) the who-and-when answers in a session; a missing name stays "?"."""
    for attribute, fields in (("employee", _EMPLOYEE_FIELDS), ("interviewer", _INTERVIEWER_FIELDS)):
        update = {field: values[name] for name, field in fields.items() if name in values}
        if "name" in update:
            update["name"] = str(update["name"] or "").strip() or "?"
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


# what a skip says, under the question that was skipped
SKIPPED = "Overgeslagen — je komt er in het overzicht op terug."
SKIPPED_PREPARATION = "Overgeslagen — met Ctrl-T ga je terug."
SKIPPED_ANSWERED = "Overgeslagen — het antwoord van daarnet blijft staan."


class Interview:
    def __init__(
        self,
        library: Library,
        ask: AskFn,
        save: Callable[[Session], object],
        *,
        clock: Callable[[], float] = time.monotonic,
        fill_missing_only: bool = False,
        skip: set[str] | None = None,
        meta_defaults: Meta | None = None,
    ) -> None:
        self.library = library
        self._asker = ask
        # Suggestions for who and when, for a conversation stopped before they
        # were all given (the last interviewer's name); the session's own date else.
        self._meta_defaults = meta_defaults
        self._remark = ""  # said once, above the next prompt
        # Set when the owner's preparation was just on screen: the first
        # question for the employee starts on a clean screen.
        self._turn_screen = False
        self._save = save
        self._clock = clock
        self._fill_missing_only = fill_missing_only
        # Stages an answers file already filled in: passed over once, on the way forward.
        self._skip = set(skip or ())
        self._started = clock()
        self._session: Session | None = None

    # --- bookkeeping -------------------------------------------------------

    def _ask(self, request: Ask) -> Reply:
        if self._remark:
            request, self._remark = replace(request, remark=self._remark), ""
        return self._asker(request)

    def save(self) -> None:
        """Save the session, adding the time spent since the last save."""
        session = self._session
        if session is None:
            return
        now = self._clock()
        session.minutes = round(session.minutes + (now - self._started) / 60, 2)
        self._started = now
        self._save(session)

    def _minutes(self) -> int:
        assert self._session is not None
        return int(self._session.minutes + (self._clock() - self._started) / 60)

    def _goto(self, stage: Stage, position: str | None = None) -> None:
        assert self._session is not None
        self._session.stage = stage
        self._session.position = position
        self.save()

    # --- who, when, what -----------------------------------------------------

    def collect_meta(
        self,
        defaults: Meta,
        *,
        employee_facts: bool = False,
        start_at: str | None = None,
        given: frozenset[str] = frozenset(),
    ) -> Meta:
        """Who talks with whom, when, in which life phase, for which purposes.

        With `employee_facts`, also the service start date and the expected
        retirement year (both optional): they make the fixed moments of the agenda.
        `start_at` (a step's key) goes on where an earlier sitting stopped;
        `given` names the fields of `defaults` typed back then, not suggested.
        Ctrl-C raises MetaInterrupted with what was given so far.
        """
        library = self.library
        phases = tuple(Choice(p.id, p.title, p.description) for p in library.phases.values())
        purposes = tuple(Choice(p.id, p.title, p.description) for p in library.purposes.values())
        steps: list[tuple[str, Ask]] = [
            (
                "employee",
                Ask(
                    "meta.employee",
                    "Naam van de medewerker",
                    "text",
                    default=defaults.employee,
                    required=True,
                    section="Wie en wanneer",
                ),
            ),
            ("role", Ask("meta.role", "Functie van de medewerker", "text", default=defaults.role)),
            (
                "interviewer",
                Ask(
                    "meta.interviewer",
                    "Jouw naam (de leidinggevende)",
                    "text",
                    default=defaults.interviewer,
                    required=True,
                ),
            ),
            (
                "interviewer_role",
                Ask(
                    "meta.interviewer_role",
                    "Jouw functie",
                    "text",
                    default=defaults.interviewer_role,
                ),
            ),
            (
                "date",
                Ask(
                    "meta.date",
                    "Datum van het gesprek",
                    "date",
                    default=defaults.date,
                    required=True,
                ),
            ),
            (
                "phase",
                Ask(
                    "meta.phase",
                    "In welke levensfase zit de medewerker?",
                    "choice",
                    choices=phases,
                    default=defaults.phase,
                    required=True,
                    tip="De leeftijden zijn een richtlijn: kies wat het best past bij de situatie.",
                ),
            ),
            (
                "purposes",
                Ask(
                    "meta.purposes",
                    "Waarover gaat dit gesprek vooral? (meerdere mogelijk)",
                    "multi_choice",
                    choices=purposes,
                    default=defaults.purposes,
                    tip="Elk gekozen doel voegt een paar gerichte vragen toe. Niets kiezen mag ook.",
                ),
            ),
        ]
        if employee_facts:
            steps[2:2] = [
                (
                    "service_start",
                    Ask(
                        "meta.service_start",
                        "In dienst sinds (leeg laten als je het niet weet)",
                        "date",
                        tip="Na 5 jaar dienst is een loopbaangesprek een vast moment: `loopbaan agenda` herinnert je eraan.",
                    ),
                ),
                (
                    "retirement_year",
                    Ask(
                        "meta.retirement_year",
                        "In welk jaar gaat de medewerker naar verwachting met pensioen? (leeg laten mag)",
                        "number",
                        tip="5 jaar voor het pensioen is ook een vast moment voor een loopbaangesprek.",
                    ),
                ),
            ]
        result: dict[str, Any] = {
            "employee": defaults.employee,
            "role": defaults.role,
            "interviewer": defaults.interviewer,
            "interviewer_role": defaults.interviewer_role,
            "date": defaults.date,
            "phase": defaults.phase,
            "purposes": list(defaults.purposes),
            "service_start": defaults.service_start,
            "retirement_year": defaults.retirement_year,
        }
        keys = [request.key for _, request in steps]
        index = keys.index(start_at) if start_at in keys else 0
        # An answered step shows its answer to edit (after Ctrl-T, say); the
        # others show a suggestion that the first letter typed replaces.
        answered = {name for name, _ in steps[:index]} | (given & {steps[index][0]})
        title = steps[0][1].section  # going on half-way: the part's title all the same
        while index < len(steps):
            name, request = steps[index]
            try:
                reply = self._ask(
                    replace(
                        request,
                        default=result[name],
                        suggested=name not in answered,
                        section=request.section or title,
                        nav=frozenset({Nav.BACK}),
                    )
                )
                title = ""
            except KeyboardInterrupt as stop:
                kept = {n: result[n] for n in answered}
                draft = str(getattr(stop, "draft", "")).strip()
                if draft and request.type == "text":
                    kept[name] = draft
                raise MetaInterrupted(kept, request.key) from None
            if reply is Nav.BACK:
                index = max(0, index - 1)
                continue
            if reply is Nav.PAUSE:
                raise Paused
            if reply is Nav.SKIP or isinstance(reply, NoteReply):
                if request.required:
                    continue
                reply = result[name]
            if name == "retirement_year" and reply is not None and not _plausible_year(reply):
                steps[index] = (
                    name,
                    replace(request, notice="Geef een jaartal, bijvoorbeeld 2045."),
                )
                continue
            result[name] = reply if reply is not None else ("" if request.type == "text" else reply)
            answered.add(name)
            index += 1
        return Meta(
            employee=str(result["employee"]).strip(),
            role=str(result["role"] or "").strip(),
            interviewer=str(result["interviewer"]).strip(),
            interviewer_role=str(result["interviewer_role"] or "").strip(),
            date=result["date"],
            phase=str(result["phase"]),
            purposes=list(result["purposes"] or []),
            service_start=result["service_start"],
            retirement_year=result["retirement_year"],
        )

    # --- the whole conversation ----------------------------------------------

    def run(self, session: Session) -> None:
        """Go on from wherever the session stands until it is completed."""
        self._session = session
        self._started = self._clock()
        if session.status == "prepared":
            session.status = "in_progress"
        if session.stage == "meta" and (session.position or "").startswith("meta."):
            self._finish_meta()
        if session.stage == "meta":
            self._goto("preparation")
        if session.stage not in STAGES:
            self._goto("questions")
        steps: dict[str, Callable[[], Stage]] = {
            "preparation": self._preparation,
            "questions": self._questions,
            "review": self._review,
            "conclusion": self._conclusion,
            "agreements": self._agreements,
            "followups": self._followups,
            "preview": self._preview,
        }
        while session.stage != "done":
            # A stage sets session.position itself when it hands over mid-way
            # (going back into the previous stage lands on its last question).
            if session.stage in self._skip:
                self._skip.discard(session.stage)
                session.stage = _FORWARD[session.stage]
            else:
                session.stage = steps[session.stage]()
            self.save()

    def _finish_meta(self) -> None:
        """Ctrl-C stopped `loopbaan start` while who and when were asked: go on there."""
        session = self._session
        assert session is not None
        fallback = self._meta_defaults or Meta("", "", "", "", session.date, "")
        defaults = Meta.from_session(session, fallback)
        typed = {
            "employee": session.employee.name != "?",
            "role": bool(session.employee.role),
            "interviewer": session.interviewer.name != "?",
            "interviewer_role": bool(session.interviewer.role),
        }
        try:
            meta = self.collect_meta(
                defaults,
                start_at=session.position,
                given=frozenset(name for name, kept in typed.items() if kept),
            )
        except MetaInterrupted as stop:
            keep_meta(session, stop.values, self.library)
            session.position = stop.position
            raise
        for name, value in meta.session_fields(self.library).items():
            setattr(session, name, value)
        session.position = None

    def run_preparation(self, session: Session) -> None:
        """Only the manager's preparation (`loopbaan prepare`); the status is left alone.

        Finished, the session stands at the questions, so the conversation
        starts there; paused or interrupted, at the preparation question it was on.
        """
        self._session = session
        self._started = self._clock()
        if session.stage != "preparation":
            session.position = None
        self._goto("preparation", session.position)
        items = planning.build(self.library, session.phase, session.purposes, "preparation")
        self._run_questions(items, session.preparation, "Voorbereiding · ")
        self._goto("questions")

    # --- questions ---------------------------------------------------------

    def _preparation(self) -> Stage:
        session = self._session
        assert session is not None
        items = planning.build(self.library, session.phase, session.purposes, "preparation")
        if not items:
            return "questions"
        if session.position is None and not session.preparation:
            reply = self._ask(
                Ask(
                    "preparation.start",
                    "Wil je nu eerst de voorbereiding van de leidinggevende invullen?",
                    "confirm",
                    default=False,
                    section="Voorbereiding",
                    tip="Talenten, mogelijkheden en wat groei zou betekenen. Je kan dit ook overslaan.",
                    nav=frozenset({Nav.PAUSE}),
                )
            )
            if reply is Nav.PAUSE:
                raise Paused
            if reply is not True:
                return "questions"
        finished = self._run_questions(items, session.preparation, "Voorbereiding · ")
        self._turn_screen = finished
        return "questions" if finished else "preparation"

    def _questions(self) -> Stage:
        session = self._session
        assert session is not None
        items = planning.build(self.library, session.phase, session.purposes)
        if self._run_questions(items, session.answers, ""):
            return "review"
        prep = planning.build(self.library, session.phase, session.purposes, "preparation")
        session.position = prep[-1].key if prep else None
        return "preparation"

    def _has_preparation(self) -> bool:
        session = self._session
        assert session is not None
        return bool(planning.build(self.library, session.phase, session.purposes, "preparation"))

    def _run_questions(
        self, items: list[planning.Planned], records: dict[str, AnswerRecord], label: str
    ) -> bool:
        """Ask the applicable questions from the session's position on.

        Returns True when the last one is done, False when the user went back
        before the first one.
        """
        session = self._session
        assert session is not None
        keys = [item.key for item in items]
        index = keys.index(session.position) if session.position in keys else 0
        if self._fill_missing_only:
            index = 0
        direction = 1
        last_section = None
        notice = ""
        while 0 <= index < len(items):
            item = items[index]
            check = planning.Applicability(
                items, answer_values(records), session.phase, session.purposes
            )
            if not check.applies(item) or (
                self._fill_missing_only and direction == 1 and is_answered(records.get(item.key))
            ):
                index += direction
                if index < 0:
                    return False
                continue
            if session.position != item.key:
                session.position = item.key
                self.save()
            record = records.get(item.key)
            new_section = item.section_key != last_section
            last_section = item.section_key
            reply = self._ask_question(
                item,
                records,
                header=f"{label}{counter(check.applicable(), item)} · {self._minutes()} min",
                section=item.section.title if new_section else "",
                intro=item.section.intro if new_section else "",
                notice=notice,
                clear=TURN_SCREEN if self._turn_screen and not label else "",
            )
            notice = ""
            self._turn_screen = False
            if reply is Nav.PAUSE:
                raise Paused
            if reply is Nav.BACK:
                previous = _previous_applicable(check, items, index)
                if previous is None:
                    if label or not self._has_preparation():
                        notice = "Dit is de eerste vraag."
                        continue
                    return False
                index, direction = previous, -1
                last_section = None
                continue
            direction = 1
            if isinstance(reply, NoteReply):
                records[item.key] = self._with_note(item, record, reply)
                self.save()
                continue
            if reply is Nav.SKIP:
                if not is_answered(record):
                    records[item.key] = self._record(item, record, None, skipped=True)
                    self.save()
                    self._remark = SKIPPED_PREPARATION if label else SKIPPED
                else:
                    self._remark = SKIPPED_ANSWERED
            else:
                # An empty Enter counts as skipped, so the review shows it.
                records[item.key] = self._record(item, record, reply, skipped=reply is None)
                self.save()
            index += 1
        session.position = None
        return True

    def _ask_question(
        self, item: planning.Planned, records: dict[str, AnswerRecord], **shown: Any
    ) -> Reply:
        record = records.get(item.key)
        question = item.question
        request = Ask(
            key=item.key,
            text=question.text,
            type=question.type,
            tip=question.tip,
            choices=tuple(Choice(c, c) for c in question.choices),
            other=question.other,
            scale=question.scale_or_default if question.type == "scale" else None,
            default=record.value if record and not record.skipped else None,
            required=question.required,
            nav=ALL_NAV,
            note=record.note if record else "",
            note_private=record.private if record else False,
            **shown,
        )
        try:
            return self._ask(request)
        except Interrupt as interrupt:
            # Ctrl-C halfway through typing: keep the words, resume shows them again.
            if interrupt.draft.strip() and question.type in ("text", "long_text"):
                records[item.key] = self._record(
                    item, record, interrupt.draft.strip(), skipped=False
                )
                self.save()
            raise

    def _record(
        self, item: planning.Planned, old: AnswerRecord | None, value: Any, *, skipped: bool
    ) -> AnswerRecord:
        return AnswerRecord(
            question=item.question.text,
            type=item.question.type,
            scale=item.question.scale_or_default if item.question.type == "scale" else None,
            section=item.section.title,
            value=value,
            skipped=skipped,
            note=old.note if old else "",
            private=old.private if old else False,
        )

    def _with_note(
        self, item: planning.Planned, old: AnswerRecord | None, note: NoteReply
    ) -> AnswerRecord:
        if old is None:
            old = self._record(item, None, None, skipped=False)
        return old.model_copy(update={"note": note.text.strip(), "private": note.private})

    # --- review ------------------------------------------------------------

    def review_rows(self) -> list[tuple[planning.Planned, AnswerRecord | None]]:
        session = self._session
        assert session is not None
        items = planning.build(self.library, session.phase, session.purposes)
        check = planning.Applicability(
            items, answer_values(session.answers), session.phase, session.purposes
        )
        return [(item, session.answers.get(item.key)) for item in check.applicable()]

    def _review(self) -> Stage:
        session = self._session
        assert session is not None
        notice = ""
        while True:
            rows = self.review_rows()
            open_required = [
                i.question.text for i, r in rows if i.question.required and not is_answered(r)
            ]
            choices = [
                # One line per answer: the status goes in the label, not in a
                # description printed above the list (that doubled the screen).
                Choice(item.key, f"{n}. {_review_label(item, record)}")
                for n, (item, record) in enumerate(rows, 1)
            ]
            choices.append(Choice("__verder__", "Alles nagekeken: verder naar de conclusie"))
            skipped = sum(1 for _, r in rows if r is not None and r.skipped)
            reply = self._ask(
                Ask(
                    "review",
                    "Kies een antwoord om te wijzigen, of ga verder",
                    "choice",
                    choices=tuple(choices),
                    default="__verder__",
                    section="Overzicht van de antwoorden",
                    tip=f"{len(rows)} vragen, {skipped} overgeslagen. Overgeslagen vragen zijn gemarkeerd.",
                    notice=notice,
                    nav=STEP_NAV,
                )
            )
            notice = ""
            self._turn_screen = False
            if reply is Nav.PAUSE:
                raise Paused
            if reply is Nav.BACK:
                session.position = rows[-1][0].key if rows else None
                return "questions"
            if reply in ("__verder__", Nav.SKIP):
                if open_required:
                    notice = "Nog te beantwoorden (verplicht): " + "; ".join(open_required)
                    continue
                return "conclusion"
            if isinstance(reply, str):
                self._change_one(reply)

    def _change_one(self, key: str) -> None:
        session = self._session
        assert session is not None
        items = planning.build(self.library, session.phase, session.purposes)
        item = next((i for i in items if i.key == key), None)
        if item is None:
            return
        while True:
            record = session.answers.get(key)
            reply = self._ask_question(item, session.answers, header="Antwoord wijzigen")
            if reply is Nav.PAUSE:
                raise Paused
            if reply in (Nav.BACK, Nav.SKIP):
                return
            if isinstance(reply, NoteReply):
                session.answers[key] = self._with_note(item, record, reply)
                self.save()
                continue
            session.answers[key] = self._record(item, record, reply, skipped=False)
            self.save()
            return

    # --- conclusion, agreements, follow-up ------------------------------------

    def _conclusion(self) -> Stage:
        session = self._session
        assert session is not None
        options = tuple(
            Choice(c.id, c.title, c.description) for c in self.library.conclusions.values()
        )
        notice = ""
        while True:
            current = session.conclusion
            reply = self._ask(
                Ask(
                    "conclusion",
                    "Wat is de conclusie van dit gesprek?",
                    "choice",
                    choices=options,
                    default=current.id if current else None,
                    section="Conclusie",
                    tip="'Geen groei mogelijk, nu of hier' is ook een eerlijke en bruikbare conclusie.",
                    notice=notice,
                    nav=STEP_NAV,
                )
            )
            if reply is Nav.PAUSE:
                raise Paused
            if reply is Nav.BACK:
                return "review"
            if (
                reply is Nav.SKIP
                or isinstance(reply, NoteReply)
                or reply not in self.library.conclusions
            ):
                notice = "Kies een conclusie: ze komt op het afsprakenblad."
                continue
            option = self.library.conclusions[reply]
            session.conclusion = ConclusionRecord(
                id=option.id,
                title=option.title,
                text=current.text if current else "",
                referral_info=referral_text(self.library, for_employee=True)
                if option.referral
                else "",
            )
            self.save()
            text = self._ask(
                Ask(
                    "conclusion.text",
                    "Licht de conclusie kort toe (dit komt op het afsprakenblad)",
                    "long_text",
                    default=current.text if current else "",
                    display=referral_text(self.library) if option.referral else "",
                    nav=STEP_NAV,
                )
            )
            if text is Nav.PAUSE:
                raise Paused
            if text is Nav.BACK:
                continue
            if isinstance(text, str):
                session.conclusion = session.conclusion.model_copy(update={"text": text.strip()})
            return "agreements"

    def _agreements(self) -> Stage:
        session = self._session
        assert session is not None
        while True:
            choices = [Choice("nieuw", "Een afspraak toevoegen")]
            for n in range(1, len(session.agreements) + 1):
                choices.append(Choice(f"wijzig:{n - 1}", f"Afspraak {n} wijzigen"))
                choices.append(Choice(f"schrap:{n - 1}", f"Afspraak {n} schrappen"))
            choices.append(Choice("verder", "Klaar met de afspraken: verder naar de opvolging"))
            reply = self._ask(
                Ask(
                    "agreements",
                    "Afspraken",
                    "choice",
                    choices=tuple(choices),
                    default="nieuw" if not session.agreements else "verder",
                    section="Afspraken",
                    display=agreements_text(session),
                    tip="Per afspraak: wat, hoe, wie, tegen wanneer, welke steun, en hoe jullie weten dat het gelukt is.",
                    nav=STEP_NAV,
                )
            )
            if reply is Nav.PAUSE:
                raise Paused
            if reply is Nav.BACK:
                return "conclusion"
            if reply in ("verder", Nav.SKIP):
                return "followups"
            if reply == "nieuw":
                self._edit_agreement(None)
            elif isinstance(reply, str) and reply.startswith("wijzig:"):
                self._edit_agreement(int(reply.split(":")[1]))
            elif isinstance(reply, str) and reply.startswith("schrap:"):
                del session.agreements[int(reply.split(":")[1])]
                self.save()

    def _edit_agreement(self, index: int | None) -> None:
        from loopbaan_cli.conversation.agreement_editor import edit_agreement

        session = self._session
        assert session is not None
        edit_agreement(
            self._ask_or_pause,
            self.library,
            session.agreements,
            index,
            owner=session.employee.name,
            due=workday(add_months(session.date, 3)),
            saved=lambda _index, _new: self.save(),
        )

    def _ask_or_pause(self, request: Ask) -> Reply:
        reply = self._ask(request)
        if reply is Nav.PAUSE:
            raise Paused
        return reply

    def _followups(self) -> Stage:
        session = self._session
        assert session is not None
        existing = [f.date for f in session.followups]
        # The dates are proposed, not filled in: Enter alone must not put a
        # date on the signed sheet that nobody agreed on (Tab takes one).
        asks = [
            Ask(
                "followup.1",
                "Eerste opvolgmoment",
                "date",
                default=existing[0] if existing else None,
                proposal=workday(add_months(session.date, 3)),
                section="Opvolging",
                tip="Zet het meteen in beide agenda's: over de vooruitgang, de moeilijkheden en "
                "wat al gelukt is. Geen opvolgmoment: Ctrl-O.",
            ),
            Ask(
                "followup.2",
                "Tweede opvolgmoment (geen: Ctrl-O)",
                "date",
                default=existing[1] if len(existing) > 1 else None,
                proposal=workday(add_months(session.date, 6)),
            ),
            Ask(
                "followup.next",
                "Volgende loopbaangesprek",
                "date",
                default=session.next_conversation,
                proposal=workday(add_months(session.date, 36)),
                tip="Gebruikelijk is om de 3 tot 5 jaar, of vroeger als er veel verandert.",
            ),
            Ask(
                "followup.reachability",
                "Hoe en wanneer kan de medewerker jou bereiken?",
                "long_text",
                default=session.reachability,
                tip="Bijvoorbeeld: elke ochtend op de werkvloer, of via een bericht; antwoord binnen twee werkdagen.",
            ),
        ]
        answers: list[Any] = [a.default for a in asks]
        # A date once answered (or skipped) is no longer proposed: the field
        # shows the answer, or stays empty, and Enter keeps that.
        settled = [a.default is not None for a in asks]
        step = 0
        while step < len(asks):
            request = asks[step]
            reply = self._ask(
                replace(
                    request,
                    default=answers[step],
                    proposal=None if settled[step] else request.proposal,
                    nav=FIELD_NAV,
                )
            )
            if reply is Nav.PAUSE:
                raise Paused
            if reply is Nav.BACK:
                if step == 0:
                    return "agreements"
                step -= 1
                continue
            if reply is Nav.SKIP or isinstance(reply, NoteReply):
                reply = None
            answers[step] = reply
            settled[step] = True
            dates = [d for d in answers[:2] if isinstance(d, dt.date)]
            session.followups = [FollowUp(date=d) for d in dates]
            session.next_conversation = answers[2] if isinstance(answers[2], dt.date) else None
            session.reachability = answers[3] if isinstance(answers[3], str) else ""
            self.save()
            step += 1
        return "preview"

    def _preview(self) -> Stage:
        session = self._session
        assert session is not None
        from loopbaan_cli.documents.render import render

        document = ""
        while True:
            reply = self._ask(
                Ask(
                    "preview",
                    "Klopt dit? Dan ronden we het gesprek af.",
                    "choice",
                    choices=PREVIEW_CHOICES,
                    default=FINISH,
                    section="Wat er op het afsprakenblad komt",
                    display=preview_summary(session),
                    document=document,
                    nav=STEP_NAV,
                )
            )
            if reply == READ:
                document = render(session, "afspraken", "txt")
                continue
            break
        if reply is Nav.PAUSE:
            raise Paused
        if reply is Nav.BACK:
            return "followups"
        if reply == FINISH:
            session.status = "completed"
            return "done"
        return "review"


TURN_SCREEN = (
    "Je voorbereiding is bewaard en staat niet meer op het scherm. "
    "Draai het scherm nu naar de medewerker: het gesprek begint."
)
FINISH, READ, CHANGE = "afronden", "lezen", "aanpassen"
PREVIEW_CHOICES = (
    Choice(FINISH, "Ja, rond het gesprek af"),
    Choice(READ, "Eerst het hele afsprakenblad lezen (q sluit het)"),
    Choice(CHANGE, "Nee, iets aanpassen (terug naar het overzicht)"),
)


def preview_summary(session: Session) -> str:
    """What the signed sheet comes down to, short enough to read on one screen."""
    lines = [f"Gesprek met {session.employee.name}, {format_value(session.date)}"]
    if session.conclusion is not None:
        lines += ["", f"Conclusie: {session.conclusion.title}"]
        if session.conclusion.text:
            lines.append(f"  {session.conclusion.text}")
    lines += ["", "Afspraken:" if session.agreements else "Afspraken: geen"]
    for number, agreement in enumerate(session.agreements, 1):
        who = f" · {agreement.owner}" if agreement.owner else ""
        due = f" · tegen {format_value(agreement.due)}" if agreement.due else ""
        lines.append(f"  {number}. {agreement.what}{who}{due}")
    moments = ", ".join(format_value(f.date) for f in session.followups) or "nog geen"
    lines += ["", f"Opvolging: {moments}"]
    if session.next_conversation:
        lines.append(f"Volgend loopbaangesprek: {format_value(session.next_conversation)}")
    return "\n".join(lines)


_FORWARD: dict[str, Stage] = {
    "preparation": "questions",
    "questions": "review",
    "review": "conclusion",
    "conclusion": "agreements",
    "agreements": "followups",
    "followups": "preview",
    "preview": "done",
}


def is_follow_up(item: planning.Planned) -> bool:
    """Whether an earlier answer decides if this question is asked (not the phase or purposes)."""
    condition = item.bank.conditions.get(item.question.id)
    return condition is not None and bool(condition.names() - {"phase", "purposes"})


def counter(applicable: list[planning.Planned], current: planning.Planned) -> str:
    """ "Deel 2/4 · vraag 7/23", a count that never jumps.

    Only the questions that every conversation with this phase and these
    purposes asks are counted: their number is known from the start. A
    follow-up question (asked because of an earlier answer) gets no number of
    its own; it says "vervolgvraag" after the number of the question before
    it. So "vraag 37/41" stays "of 41" to the end, and a follow-up appearing
    never turns it into "37/42".
    """
    fixed = [item for item in applicable if not is_follow_up(item)]
    place = next((i for i, item in enumerate(applicable) if item.key == current.key), 0)
    before = [item for item in applicable[: place + 1] if not is_follow_up(item)]
    sections: list[str] = []
    for item in fixed:
        if not sections or sections[-1] != item.section_key:
            sections.append(item.section_key)
    anchor = current.section_key if current.section_key in sections else None
    if anchor is None and before:
        anchor = before[-1].section_key
    part = sections.index(anchor) + 1 if anchor in sections else 1
    text = f"Deel {part}/{max(len(sections), 1)} · vraag {max(len(before), 1)}/{len(fixed)}"
    return text + " · vervolgvraag" if is_follow_up(current) else text


def _plausible_year(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 1950 <= value <= 2100


def _previous_applicable(
    check: planning.Applicability, items: list[planning.Planned], index: int
) -> int | None:
    for i in range(index - 1, -1, -1):
        if check.applies(items[i]):
            return i
    return None


def _review_label(item: planning.Planned, record: AnswerRecord | None) -> str:
    """What stands out comes first: a long line is cut at the screen's edge."""
    status = _review_status(item, record)
    if is_answered(record):
        return f"{item.question.text} — {status}"
    return f"[{status}] {item.question.text}"


def _review_status(item: planning.Planned, record: AnswerRecord | None) -> str:
    if record is None or (record.value is None and not record.skipped):
        status = "nog niet beantwoord"
    elif record.skipped:
        status = "OVERGESLAGEN"
    else:
        status = format_value(record.value)
    if item.question.required and not is_answered(record):
        status += " (verplicht)"
    if record is not None and record.note:
        status += " · notitie" + (" (privé)" if record.private else "")
    return status


def referral_text(library: Library, *, for_employee: bool = False) -> str:
    """Where to find career guidance; the employee's copy leaves out the note for the manager."""
    referral = library.referral
    lines = [] if for_employee else [referral.intro, ""]
    for provider in referral.providers:
        contact = f" ({provider.contact})" if provider.contact else ""
        lines.append(f"• {provider.name}: {provider.what} {provider.how}{contact}")
    checked = f"Gecontroleerd op {format_value(referral.checked_on)}."
    lines += ["", checked if for_employee else f"{checked} {referral.note}".strip()]
    return "\n".join(lines)


def agreements_text(session: Session) -> str:
    if not session.agreements:
        return "Nog geen afspraken."
    lines = []
    for n, a in enumerate(session.agreements, 1):
        due = f" · tegen {format_value(a.due)}" if a.due else ""
        owner = f" · {a.owner}" if a.owner else ""
        lines.append(f"{n}. [{a.action_title or 'Eigen actie'}] {a.what}{owner}{due}")
    return "\n".join(lines)


__all__ = [
    "ALL_NAV",
    "FIELD_NAV",
    "STAGES",
    "STEP_NAV",
    "Ask",
    "AskFn",
    "Choice",
    "Interrupt",
    "Interview",
    "Meta",
    "MetaInterrupted",
    "Nav",
    "NoteReply",
    "Paused",
    "Reply",
    "add_months",
    "agreements_text",
    "counter",
    "keep_meta",
    "referral_text",
    "workday",
]
