"""The end of a conversation: conclusion, agreements, follow-up dates, and the preview.

Each stage is a function of the Talk that returns the stage to go to next.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

from loopbaan_cli.conversation.agreement_editor import (
    AgreementsMenu,
    agreements_menu,
    agreements_text,
    default_due,
    edit_agreement,
)
from loopbaan_cli.conversation.asking import FIELD_NAV, STEP_NAV, Ask, Choice, Nav, NoteReply
from loopbaan_cli.conversation.form import Field, Form, Skip
from loopbaan_cli.conversation.referral import referral_for_employee, referral_for_manager
from loopbaan_cli.conversation.talk import Talk
from loopbaan_cli.kernel.values import add_months, format_value, workday
from loopbaan_cli.sessions.model import ConclusionRecord, FollowUp, Session, Stage

# --- conclusion ------------------------------------------------------------------


def conclusion(talk: Talk) -> Stage:
    session = talk.session
    library = talk.library
    options = tuple(Choice(c.id, c.title, c.description) for c in library.conclusions.values())
    notice = ""
    while True:
        current = session.conclusion
        reply = talk.step(
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
        if reply is Nav.BACK:
            return "review"
        if reply is Nav.SKIP or isinstance(reply, NoteReply) or reply not in library.conclusions:
            notice = "Kies een conclusie: ze komt op het afsprakenblad."
            continue
        option = library.conclusions[reply]
        session.conclusion = ConclusionRecord(
            id=option.id,
            title=option.title,
            text=current.text if current else "",
            referral_info=referral_for_employee(library) if option.referral else "",
        )
        talk.save()
        text = talk.step(
            Ask(
                "conclusion.text",
                "Licht de conclusie kort toe (dit komt op het afsprakenblad)",
                "long_text",
                default=current.text if current else "",
                display=referral_for_manager(library) if option.referral else "",
                nav=STEP_NAV,
            )
        )
        if text is Nav.BACK:
            continue
        if isinstance(text, str):
            session.conclusion = session.conclusion.model_copy(update={"text": text.strip()})
        return "agreements"


# --- agreements --------------------------------------------------------------------

MENU = AgreementsMenu(
    prompt=Ask(
        "agreements",
        "Afspraken",
        "choice",
        section="Afspraken",
        tip="Per afspraak: wat, hoe, wie, tegen wanneer, welke steun, en hoe jullie weten dat het gelukt is.",
    ),
    add="Een afspraak toevoegen",
    done="Klaar met de afspraken: verder naar de opvolging",
    can_drop=True,
    add_first=True,
)


def agreements(talk: Talk) -> Stage:
    session = talk.session

    def edit(index: int | None) -> None:
        edit_agreement(
            talk.ask,
            talk.library,
            session.agreements,
            index,
            owner=session.employee.name,
            due=default_due(session.date),
            saved=lambda _index, _new: talk.save(),
        )

    went_on = agreements_menu(
        talk.ask,
        MENU,
        session.agreements,
        display=lambda: agreements_text(session),
        edit=edit,
        save=talk.save,
    )
    return "followups" if went_on else "conclusion"


# --- follow-up dates ---------------------------------------------------------------


def followups(talk: Talk) -> Stage:
    """The follow-up moments, the next conversation, and how to reach the manager."""
    session = talk.session
    existing = [f.date for f in session.followups]
    answers: dict[str, Any] = {
        "followup.1": existing[0] if existing else None,
        "followup.2": existing[1] if len(existing) > 1 else None,
        "followup.next": session.next_conversation,
        "followup.reachability": session.reachability,
    }

    def store() -> None:
        dates = [answers[key] for key in ("followup.1", "followup.2")]
        session.followups = [FollowUp(date=d) for d in dates if isinstance(d, dt.date)]
        after = answers["followup.next"]
        session.next_conversation = after if isinstance(after, dt.date) else None
        reachability = answers["followup.reachability"]
        session.reachability = reachability if isinstance(reachability, str) else ""
        talk.save()

    def field_for(request: Ask) -> Field:
        def build(settled: bool) -> Ask:
            return replace(
                request,
                default=answers[request.key],
                proposal=None if settled else request.proposal,
                nav=FIELD_NAV,
            )

        def apply(reply: Any) -> None:
            answers[request.key] = reply

        return Field(request.key, build, apply, skip=Skip.CLEAR)

    # A date once answered (or skipped) is no longer proposed: the field
    # shows the answer, or stays empty, and Enter keeps that.
    settled = {key for key, value in answers.items() if value is not None}
    form = Form(
        talk.ask,
        [field_for(request) for request in _followup_asks(session.date)],
        leave_backwards=True,
        settled=settled,
        changed=store,
    )
    return "preview" if form.run() else "agreements"


def _followup_asks(day: dt.date) -> list[Ask]:
    # The dates are proposed, not filled in: Enter alone must not put a
    # date on the signed sheet that nobody agreed on (Tab takes one).
    return [
        Ask(
            "followup.1",
            "Eerste opvolgmoment",
            "date",
            proposal=default_due(day),
            section="Opvolging",
            tip="Zet het meteen in beide agenda's: over de vooruitgang, de moeilijkheden en "
            "wat al gelukt is. Geen opvolgmoment: Ctrl-O.",
        ),
        Ask(
            "followup.2",
            "Tweede opvolgmoment (geen: Ctrl-O)",
            "date",
            proposal=workday(add_months(day, 6)),
        ),
        Ask(
            "followup.next",
            "Volgende loopbaangesprek",
            "date",
            proposal=workday(add_months(day, 36)),
            tip="Gebruikelijk is om de 3 tot 5 jaar, of vroeger als er veel verandert.",
        ),
        Ask(
            "followup.reachability",
            "Hoe en wanneer kan de medewerker jou bereiken?",
            "long_text",
            tip="Bijvoorbeeld: elke ochtend op de werkvloer, of via een bericht; antwoord binnen twee werkdagen.",
        ),
    ]


# --- preview ----------------------------------------------------------------------

FINISH, READ, CHANGE = "afronden", "lezen", "aanpassen"
PREVIEW_CHOICES = (
    Choice(FINISH, "Ja, rond het gesprek af"),
    Choice(READ, "Eerst het hele afsprakenblad lezen (q sluit het)"),
    Choice(CHANGE, "Nee, iets aanpassen (terug naar het overzicht)"),
)


def preview(talk: Talk) -> Stage:
    """A short summary; the whole sheet in a pager on request; then finish or change."""
    session = talk.session
    document = ""
    while True:
        reply = talk.step(
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
        if reply != READ:
            break
        document = talk.preview(session)
    if reply is Nav.BACK:
        return "followups"
    if reply == FINISH:
        session.status = "completed"
        return "done"
    return "review"


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
