"""The end of a conversation: conclusion, agreements, follow-up dates, and the preview.

Each stage is a function of the Talk that returns the stage to go to next.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from loopbaan_cli.conversation.agreement_editor import (
    AgreementsMenu,
    agreements_menu,
    agreements_text,
    default_due,
    edit_agreement,
)
from loopbaan_cli.conversation.asking import FIELD_NAV, STEP_NAV, Ask, Choice, Nav
from loopbaan_cli.conversation.form import Field, Form, Skip
from loopbaan_cli.conversation.referral import referral_for_employee, referral_for_manager
from loopbaan_cli.conversation.talk import Talk
from loopbaan_cli.kernel.values import add_months, format_value, workday
from loopbaan_cli.sessions.model import ConclusionRecord, FollowUp, Session, Stage

if TYPE_CHECKING:
    from loopbaan_cli.banks.library import Library
    from loopbaan_cli.banks.model import ConclusionOption

# --- conclusion ------------------------------------------------------------------


def conclusion(talk: Talk) -> Stage:
    """One or more conclusions, a word on each, and the referral info when it helps."""
    session = talk.session
    library = talk.library
    options = tuple(Choice(c.id, c.title, c.description) for c in library.conclusions.values())
    notice = ""
    while True:
        current = {c.id: c for c in session.conclusions}
        reply = talk.step(
            Ask(
                "conclusion",
                "Wat is de conclusie van dit gesprek? (meer dan één kan)",
                "multi_choice",
                choices=options,
                default=list(current),
                required=True,
                section="Conclusie",
                tip="'Geen groei mogelijk, nu of hier' is ook een eerlijke en bruikbare conclusie.",
                notice=notice,
                nav=STEP_NAV,
            )
        )
        if reply is Nav.BACK:
            return "review"
        chosen = _chosen_conclusions(reply, library)
        if not chosen:
            notice = "Kies minstens één conclusie: ze komt op het afsprakenblad."
            continue
        session.conclusions = [
            current.get(option.id)
            or ConclusionRecord(id=option.id, title=option.title, text="", referral_info="")
            for option in chosen
        ]
        talk.save()
        if _explain(talk, chosen):
            return "agreements"


def _chosen_conclusions(reply: Any, library: Library) -> list[ConclusionOption]:
    """The options picked, in the catalogue's order; one id (a str) counts as one pick."""
    picked = [reply] if isinstance(reply, str) else reply if isinstance(reply, list) else []
    return [c for c in library.conclusions.values() if c.id in picked]


def _explain(talk: Talk, chosen: list[ConclusionOption]) -> bool:
    """A word on each conclusion, then the referral info; False to choose again."""
    session = talk.session
    library = talk.library
    referral_chosen = any(option.referral for option in chosen)
    for index, option in enumerate(chosen):
        record = session.conclusions[index]
        which = "de conclusie" if len(chosen) == 1 else f"'{option.title}'"
        text = talk.step(
            Ask(
                "conclusion.text",
                f"Licht {which} kort toe (dit komt op het afsprakenblad)",
                "long_text",
                default=record.text,
                display=referral_for_manager(library) if option.referral else "",
                nav=STEP_NAV,
            )
        )
        if text is Nav.BACK:
            return False
        if isinstance(text, str):
            session.conclusions[index] = record.model_copy(update={"text": text.strip()})
            talk.save()
    given = any(c.referral_info for c in session.conclusions)
    if not referral_chosen:
        reply = talk.step(
            Ask(
                "conclusion.referral",
                "Geef je ook mee waar de medewerker terecht kan voor loopbaanbegeleiding?",
                "confirm",
                default=given,
                tip="Dat kan bij elke conclusie: wat uit de begeleiding komt, blijft van de medewerker.",
                nav=STEP_NAV,
            )
        )
        if reply is Nav.BACK:
            return False
        given = reply is True
    info = referral_for_employee(library) if referral_chosen or given else ""
    # The info goes with the referral conclusion, or else with the first.
    pairs = list(zip(session.conclusions, chosen, strict=True))
    target = next((c for c, option in pairs if option.referral), session.conclusions[0])
    session.conclusions = [
        c.model_copy(update={"referral_info": info if c is target else ""})
        for c in session.conclusions
    ]
    talk.save()
    return True


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
            employees=talk.employees,
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
    """The follow-up moments, the next conversation, how to reach the manager, and the summary."""
    session = talk.session
    existing = [f.date for f in session.followups]
    answers: dict[str, Any] = {
        "followup.1": existing[0] if existing else None,
        "followup.2": existing[1] if len(existing) > 1 else None,
        "followup.next": session.next_conversation,
        "followup.reachability": session.reachability,
        "summary": session.summary,
    }

    def store() -> None:
        dates = [answers[key] for key in ("followup.1", "followup.2")]
        session.followups = [FollowUp(date=d) for d in dates if isinstance(d, dt.date)]
        after = answers["followup.next"]
        session.next_conversation = after if isinstance(after, dt.date) else None
        reachability = answers["followup.reachability"]
        session.reachability = reachability if isinstance(reachability, str) else ""
        summary = answers["summary"]
        session.summary = summary.strip() if isinstance(summary, str) else ""
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
        Ask(
            "summary",
            "Wat we besproken hebben: schrijf samen een paar regels voor het afsprakenblad",
            "long_text",
            section="Samen opschrijven",
            tip="Twee of drie zinnen in jullie eigen woorden; alleen wat beiden op papier willen. "
            "De antwoorden zelf blijven in je gegevensmap, niet op het blad.",
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
    several = len(session.conclusions) > 1
    if several:
        lines += ["", "Conclusies:"]
    for conclusion in session.conclusions:
        lines += [f"  - {conclusion.title}"] if several else ["", f"Conclusie: {conclusion.title}"]
        if conclusion.text:
            lines.append(f"{'    ' if several else '  '}{conclusion.text}")
    if any(c.referral_info for c in session.conclusions):
        lines.append("  + waar de medewerker terecht kan voor loopbaanbegeleiding")
    lines += ["", "Afspraken:" if session.agreements else "Afspraken: geen"]
    for number, agreement in enumerate(session.agreements, 1):
        who = f" · {agreement.owner}" if agreement.owner else ""
        due = f" · tegen {format_value(agreement.due)}" if agreement.due else ""
        lines.append(f"  {number}. {agreement.what}{who}{due}")
    moments = ", ".join(format_value(f.date) for f in session.followups) or "nog geen"
    lines += ["", f"Opvolging: {moments}"]
    if session.next_conversation:
        lines.append(f"Volgend loopbaangesprek: {format_value(session.next_conversation)}")
    lines += ["", f"Wat we besproken hebben: {session.summary or 'nog niets samen genoteerd'}"]
    printed = [r for r in session.answers.values() if r.printed and not r.skipped]
    kept = sum(1 for r in session.answers.values() if not r.printed and not r.skipped)
    lines.append(
        f"Antwoorden: niet op het blad; {len(printed)} mogen in de bijlage (export --annex)"
        + (f", {kept} blijven alleen in je gegevensmap" if kept else "")
    )
    return "\n".join(lines)
