"""The questions of the banks: the manager's preparation, then the conversation itself.

The runner keeps its own loop instead of a form (form.py says why): which
questions are asked depends on the answers given so far, so the list is
re-planned at every step and BACK looks for the previous question that
applies. Every answer, note and skip is saved at once; Ctrl-C halfway
through typing keeps the words, so `resume` shows them again.
"""

from __future__ import annotations

from typing import Any

from loopbaan_cli.banks import plan as planning
from loopbaan_cli.banks.types import TYPES, scale_of
from loopbaan_cli.conversation.asking import ALL_NAV, Ask, Choice, Interrupt, Nav, NoteReply, Reply
from loopbaan_cli.conversation.talk import Talk
from loopbaan_cli.sessions.answers import answer_values, is_answered, is_empty
from loopbaan_cli.sessions.model import AnswerRecord, Stage, printed_by_default

# what a skip says, under the question that was skipped
SKIPPED = "Overgeslagen — je komt er in het overzicht op terug."
SKIPPED_PREPARATION = "Overgeslagen — met Ctrl-T ga je terug."
SKIPPED_ANSWERED = "Overgeslagen — het antwoord van daarnet blijft staan."
TURN_SCREEN = (
    "Je voorbereiding is bewaard en staat niet meer op het scherm. "
    "Draai het scherm nu naar de medewerker: het gesprek begint."
)
PREPARATION_LABEL = "Voorbereiding · "


def preparation_items(talk: Talk) -> list[planning.Planned]:
    session = talk.session
    return planning.build(talk.library, session.phase, session.purposes, "preparation")


def preparation(talk: Talk) -> Stage:
    """The manager's own questions, offered first (they may be skipped as a whole)."""
    session = talk.session
    items = preparation_items(talk)
    if not items:
        return "questions"
    if session.position is None and not session.preparation:
        reply = talk.step(
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
        if reply is not True:
            return "questions"
    finished = run_questions(talk, items, session.preparation, PREPARATION_LABEL)
    talk.turn_screen = finished
    return "questions" if finished else "preparation"


def conversation_items(talk: Talk) -> list[planning.Planned]:
    """The employee's questions: the key ones in a short conversation, plainly worded in plain mode."""
    session = talk.session
    return planning.build(
        talk.library, session.phase, session.purposes, short=session.short, plain=session.plain
    )


def questions(talk: Talk) -> Stage:
    session = talk.session
    items = conversation_items(talk)
    if run_questions(talk, items, session.answers, ""):
        return "review"
    prep = preparation_items(talk)
    session.position = prep[-1].key if prep else None
    return "preparation"


def run_questions(
    talk: Talk, items: list[planning.Planned], records: dict[str, AnswerRecord], label: str
) -> bool:
    """Ask the applicable questions from the session's position on.

    Returns True when the last one is done, False when the user went back
    before the first one.
    """
    session = talk.session
    keys = [item.key for item in items]
    index = keys.index(session.position) if session.position in keys else 0
    if talk.fill_missing_only:
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
            talk.fill_missing_only and direction == 1 and is_answered(records.get(item.key))
        ):
            index += direction
            if index < 0:
                return False
            continue
        if session.position != item.key:
            session.position = item.key
            talk.save()
        new_section = item.section_key != last_section
        last_section = item.section_key
        reply = ask_question(
            talk,
            item,
            records,
            header=f"{label}{counter(check.applicable(), item)} · {talk.minutes()} min",
            section=item.section_title if new_section else "",
            intro=item.intro if new_section else "",
            notice=notice,
            clear=TURN_SCREEN if talk.turn_screen and not label else "",
        )
        notice = ""
        talk.turn_screen = False
        if reply is Nav.BACK:
            previous = _previous_applicable(check, items, index)
            if previous is not None:
                index, direction, last_section = previous, -1, None
            elif label or not preparation_items(talk):
                notice = "Dit is de eerste vraag."
            else:
                return False
            continue
        direction = 1
        if _take(talk, item, records, reply, label):
            index += 1
    session.position = None
    return True


def _take(
    talk: Talk,
    item: planning.Planned,
    records: dict[str, AnswerRecord],
    reply: Reply,
    label: str,
) -> bool:
    """Store a reply; False when the same question comes back (after a note)."""
    record = records.get(item.key)
    if isinstance(reply, NoteReply):
        records[item.key] = with_note(item, record, reply)
        talk.save()
        return False
    if reply is Nav.SKIP:
        if not is_answered(record):
            records[item.key] = make_record(item, record, None, skipped=True)
            talk.save()
            talk.remark = SKIPPED_PREPARATION if label else SKIPPED
        else:
            talk.remark = SKIPPED_ANSWERED
    else:
        # An empty Enter (nothing typed, nothing ticked) counts as skipped, so
        # the review shows it.
        records[item.key] = answer_record(item, record, reply)
        talk.save()
    return True


def ask_question(
    talk: Talk, item: planning.Planned, records: dict[str, AnswerRecord], **shown: Any
) -> Reply:
    """Ask one question of a bank; Ctrl-P pauses, Ctrl-C keeps the words typed so far."""
    record = records.get(item.key)
    question = item.question
    request = Ask(
        key=item.key,
        text=item.text,
        type=question.type,
        tip=question.tip,
        # in plain language the plain labels are shown; the value kept is the usual choice
        choices=tuple(Choice(v, label) for v, label in question.choice_labels(item.plain)),
        other=question.other,
        scale=scale.worded(item.plain) if (scale := scale_of(question)) else None,
        default=record.value if record and not record.skipped else None,
        required=question.required,
        nav=ALL_NAV,
        note=record.note if record else "",
        note_private=record.private if record else False,
        **shown,
    )
    try:
        return talk.step(request)
    except Interrupt as interrupt:
        # Ctrl-C halfway through typing: keep the words, resume shows them again.
        if interrupt.draft.strip() and TYPES[question.type].keeps_draft:
            records[item.key] = make_record(item, record, interrupt.draft.strip(), skipped=False)
            talk.save()
        raise


def make_record(
    item: planning.Planned, old: AnswerRecord | None, value: Any, *, skipped: bool
) -> AnswerRecord:
    return AnswerRecord(
        question=item.text,
        type=item.question.type,
        scale=scale_of(item.question),
        section=item.section_title,
        value=value,
        skipped=skipped,
        note=old.note if old else "",
        private=old.private if old else False,
        # what may go on paper: the question decides, until someone says otherwise
        sensitive=item.question.sensitive,
        printed=old.printed
        if old and old.sensitive == item.question.sensitive
        else printed_by_default(item.question.type, item.question.sensitive),
        # consent was given for this answer: a changed answer is asked about again
        consent_asked=bool(old and old.consent_asked and old.value == value),
    )


def answer_record(item: planning.Planned, old: AnswerRecord | None, reply: Any) -> AnswerRecord:
    """The record of a reply to the question: an empty one (None, "", []) is a skip."""
    if is_empty(reply):
        return make_record(item, old, None, skipped=True)
    return make_record(item, old, reply, skipped=False)


def with_note(item: planning.Planned, old: AnswerRecord | None, note: NoteReply) -> AnswerRecord:
    if old is None:
        old = make_record(item, None, None, skipped=False)
    return old.model_copy(update={"note": note.text.strip(), "private": note.private})


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


def _previous_applicable(
    check: planning.Applicability, items: list[planning.Planned], index: int
) -> int | None:
    for i in range(index - 1, -1, -1):
        if check.applies(items[i]):
            return i
    return None
