"""Plain wording (session.plain): short sentences and common words, level B1.

One place for the plain texts that the templates (as the Jinja global `plain_words`,
see environment.py) and the Word writers (docx_*.py) both print, so a sentence
reads the same on every kind of paper. The usual wording stays where it was.
Keep these texts free of Markdown, HTML and Typst markup: every format escapes them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

# the invitation: templates/invitation.*.j2 and docx_sheets.invitation()
INVITATION: dict[str, str] = {
    "kicker": "Gesprek over je werk",
    "title": "Uitnodiging voor een gesprek over je werk",
    "intro": (
        "Ik wil graag met je praten over je werk. Wat doe je graag? Wat wil je later nog "
        "doen? En wat kan de zaak voor je doen?"
    ),
    "about": "Waar we over praten",
    "topic_work": "wat je graag doet in je werk, en wat je energie geeft;",
    "topic_future": "wat je later nog wilt doen of leren;",
    "topic_home": "hoe je werk en je leven thuis samengaan;",
    "topic_firm": "wat de zaak je kan bieden, nu en later.",
    "not_review": "Dit is geen beoordeling.",
    "not_review_text": (
        "We zeggen niet of je goed of slecht werkt. Je krijgt geen punten. We praten over "
        "later: wat wil jij, en wat kan hier? Misschien wil je dat alles blijft zoals het "
        "is. Of misschien kan iets hier nu niet. Ook dat is een goed antwoord."
    ),
    "think": "Denk er vooraf over na",
    "think_text": (
        "Lees deze vragen voor het gesprek. Je hoeft niets op te schrijven. Je mag wel "
        "notities meebrengen. Jij kiest wat je vertelt."
    ),
    "no_questions": "Er zijn geen vragen om vooraf te lezen.",
    "after": "Na het gesprek",
    "after_text": (
        "We schrijven samen op wat we afspraken. Je krijgt daarvan een blad. Je tekent "
        "voor gezien: je hebt het gelezen. Of je tekent akkoord: je bent het eens. Je mag "
        "er ook iets bij schrijven."
    ),
    "ask": "Heb je nog vragen?",
    "ask_default": "Kom gerust naar me toe.",
}

# the pocket card: the lines that templates/card.*.j2 switch with `plain`
CARD: dict[str, str] = {
    "after": "Na ons gesprek over je werk op",
    "talk": "Praat met",
    "next": "Volgende gesprek over je werk:",
}

# the agreement: the lines that templates/agreement.*.j2 switch with `plain`
# (the templates hold most of them inline; keep both the same)
AGREEMENT: dict[str, str] = {
    "conclusions": "Wat we besloten",
    "no_conclusion": "We schreven nog niets op.",
    "due": "Klaar tegen",
    "support": "Hulp",
    "success": "Het is gelukt als",
    "no_agreements": "We spraken niets concreets af.",
    "followup": "Wanneer we weer praten",
    "followup_intro": "We praten weer samen op deze dagen:",
    "no_followup": "We spraken nog geen dag af om weer samen te praten.",
    "next": "Volgende gesprek over je werk",
    "reach": "Zo kan je je leidinggevende bereiken",
    "signatures": "Tekenen",
    "seen": "je hebt dit blad gelezen. Je zegt nog niet dat je akkoord bent.",
    "agreed": "je bent het eens met wat op dit blad staat.",
    "privacy": (
        "{keeper} bewaart dit blad goed: zolang je hier werkt, en nog {years} jaar daarna. "
        "Je mag het altijd lezen en laten verbeteren. Het blad helpt om de afspraken op te "
        "volgen. Het is geen beoordeling van je werk."
    ),
    "annex_line": (
        "In de bijlage staan je antwoorden uit het gesprek, alleen wat op papier mocht. Als "
        "je tekent, zeg je ja tegen de afspraken. Je zegt niet ja tegen elk woord."
    ),
    "no_annex_line": (
        "Je antwoorden uit het gesprek staan niet op dit blad. Je leidinggevende bewaart ze."
    ),
    "made": "Gemaakt op",
    "annex_kicker": "Extra blad",
    "annex_title": "Je antwoorden uit het gesprek",
}


def is_plain(c: Mapping[str, Any]) -> bool:
    """Whether the document context `c` asks for plain language (session.plain)."""
    session = c.get("session")
    return bool(session.get("plain")) if isinstance(session, Mapping) else False


# the follow-up for the employee: templates/followup.*.j2 and docx_followup.py
# (for now only the lines it shares with the agreement)
FOLLOWUP: dict[str, str] = {
    "again": "We praten weer samen op",
    "no_again": AGREEMENT["no_followup"],
    "next": AGREEMENT["next"],
    "reach": AGREEMENT["reach"],
    "made": AGREEMENT["made"],
}


def plain_privacy(privacy: Mapping[str, Any]) -> str:
    """The privacy line in plain words, with who keeps the sheet and for how long."""
    return AGREEMENT["privacy"].format(keeper=privacy.get("keeper"), years=privacy.get("years"))
