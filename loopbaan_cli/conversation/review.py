"""The overview of the answers: pick one to change, or go on to the conclusion.

The conclusion waits until every required question has its answer. Each
answered line says whether it may go on paper (in the annex of the agreement,
`export --annex`); before the conclusion, each answer to a sensitive question
gets one question, once: may it go on paper? (default: no). Choosing that
answer in the list again is how the decision is changed.
"""

from __future__ import annotations

from loopbaan_cli.banks import plan as planning
from loopbaan_cli.banks.types import TYPES
from loopbaan_cli.conversation.asking import DONE, STEP_NAV, Ask, Choice, Nav, NoteReply
from loopbaan_cli.conversation.questions import (
    answer_record,
    ask_question,
    conversation_items,
    with_note,
)
from loopbaan_cli.conversation.talk import Talk
from loopbaan_cli.sessions.answers import answer_values, is_answered, is_empty
from loopbaan_cli.sessions.model import AnswerRecord, Stage


def review_rows(talk: Talk) -> list[tuple[planning.Planned, AnswerRecord | None]]:
    session = talk.session
    items = conversation_items(talk)
    check = planning.Applicability(
        items, answer_values(session.answers), session.phase, session.purposes
    )
    return [(item, session.answers.get(item.key)) for item in check.applicable()]


def review(talk: Talk) -> Stage:
    session = talk.session
    notice = ""
    while True:
        rows = review_rows(talk)
        open_required = [i.text for i, r in rows if i.question.required and not is_answered(r)]
        choices = [
            # One line per answer: the status goes in the label, not in a
            # description printed above the list (that doubled the screen).
            Choice(item.key, f"{n}. {_review_label(item, record)}")
            for n, (item, record) in enumerate(rows, 1)
        ]
        choices.append(Choice(DONE, "Alles nagekeken: verder naar de conclusie"))
        skipped = sum(1 for _, r in rows if r is not None and r.skipped)
        reply = talk.step(
            Ask(
                "review",
                "Kies een antwoord om te wijzigen, of ga verder",
                "choice",
                choices=tuple(choices),
                default=DONE,
                section="Overzicht van de antwoorden",
                tip="'op papier': mag in de bijlage bij het afsprakenblad (als je die afdrukt). "
                f"{len(rows)} vragen, {skipped} overgeslagen. Overgeslagen vragen zijn gemarkeerd.",
                notice=notice,
                nav=STEP_NAV,
            )
        )
        notice = ""
        talk.turn_screen = False
        if reply is Nav.BACK:
            session.position = rows[-1][0].key if rows else None
            return "questions"
        if reply in (DONE, Nav.SKIP):
            if open_required:
                notice = "Nog te beantwoorden (verplicht): " + "; ".join(open_required)
                continue
            if ask_consent(talk, rows):
                return "conclusion"
            continue
        if isinstance(reply, str):  # a question's key
            _change_one(talk, reply)
            # the one way to change a consent once given: choose the answer again
            chosen = [(i, talk.session.answers.get(i.key)) for i, _ in rows if i.key == reply]
            ask_consent(talk, chosen, again=True)


CONSENT = "Mag dit op het afsprakenblad?"


def ask_consent(
    talk: Talk, rows: list[tuple[planning.Planned, AnswerRecord | None]], *, again: bool = False
) -> bool:
    """For each answer to a sensitive question: may it go on paper? False: back to the list.

    Asked once per answer: the decision is kept (`consent_asked`) and not asked
    again on the next pass through the review, unless the answer changed or
    the owner chose that answer in the list (`again`).
    """
    session = talk.session
    section = "Wat mag op papier?"
    for item, record in rows:
        if record is None or not item.question.sensitive or not is_answered(record):
            continue
        if record.consent_asked and record.sensitive and not again:
            continue
        reply = talk.step(
            Ask(
                f"printed.{item.key}",
                CONSENT,
                "confirm",
                default=record.printed if record.sensitive else False,
                section=section,
                display=f"{item.text}\n  {TYPES[item.question.type].show(record.value)}",
                tip="Een gevoelig antwoord (gezondheid, gezin, vertrek, pensioen). Vraag het de "
                "medewerker. Nee: het blijft alleen in je gegevensmap. Ja: het mag in de bijlage.",
                nav=STEP_NAV,
            )
        )
        section = ""  # the rule with the title only above the first
        if reply is Nav.BACK:
            return False
        printed = reply is True
        if record.printed != printed or not record.sensitive or not record.consent_asked:
            session.answers[item.key] = record.model_copy(
                update={"printed": printed, "sensitive": True, "consent_asked": True}
            )
            talk.save()
    return True


def _change_one(talk: Talk, key: str) -> None:
    session = talk.session
    items = conversation_items(talk)
    item = next((i for i in items if i.key == key), None)
    if item is None:
        return
    while True:
        record = session.answers.get(key)
        reply = ask_question(talk, item, session.answers, header="Antwoord wijzigen")
        if reply in (Nav.BACK, Nav.SKIP):
            return
        if isinstance(reply, NoteReply):
            session.answers[key] = with_note(item, record, reply)
            talk.save()
            continue
        session.answers[key] = answer_record(item, record, reply)
        talk.save()
        return


def _review_label(item: planning.Planned, record: AnswerRecord | None) -> str:
    """What stands out comes first: a long line is cut at the screen's edge."""
    status = _review_status(item, record)
    if is_answered(record):
        # whether it may go on paper before the answer: a long answer is cut off
        assert record is not None
        paper = "op papier" if record.printed else "niet op papier"
        return f"{item.text} — {paper}: {status}"
    return f"[{status}] {item.text}"


def _review_status(item: planning.Planned, record: AnswerRecord | None) -> str:
    if record is None or (is_empty(record.value) and not record.skipped):
        status = "nog niet beantwoord"
    elif record.skipped:
        status = "OVERGESLAGEN"
    else:
        status = TYPES[item.question.type].show(record.value)
    if item.question.required and not is_answered(record):
        status += " (verplicht)"
    if record is not None and record.note:
        status += " · notitie" + (" (privé)" if record.private else "")
    return status
