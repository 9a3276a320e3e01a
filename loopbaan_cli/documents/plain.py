"""Plain wording (session.plain): short sentences and common words, level B1.

One place for the fixed sentences that the templates (as the Jinja global
`plain_words`, see environment.py) and the Word writers (docx_*.py) both print,
so a sentence reads the same on every kind of paper. The agreement and the
follow-up have both wordings here (`Wording`: the usual one and the plain one),
so their templates only look them up; the invitation and the card keep their
usual wording in their templates and docx_sheets.py.
Keep these texts free of Markdown, HTML and Typst markup: every format escapes them.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
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
    "topic_home": "hoe je werk samengaat met je leven naast het werk;",
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


class Wording(Mapping[str, str]):
    """The fixed sentences of one document, in the usual and in plain wording.

    `pick(plain)` gives the set to print; the templates write
    `{% set A = plain_words.agreement.pick(plain) %}` and then `{{ A.title }}`,
    the Word writers `AGREEMENT.pick(is_plain(c))["title"]`. Read as a mapping
    it is the plain set (what templates written before `pick` looked up).
    Both sets have the same keys: a test holds them to it.
    """

    def __init__(self, usual: dict[str, str], plain: dict[str, str]) -> None:
        self.usual = usual
        self.plain = plain

    def pick(self, plain: bool) -> dict[str, str]:
        return self.plain if plain else self.usual

    def __getitem__(self, key: str) -> str:
        return self.plain[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self.plain)

    def __len__(self) -> int:
        return len(self.plain)


# the agreement: templates/agreement.*.j2 and docx_agreement.py
AGREEMENT = Wording(
    usual={
        "kicker": "Loopbaangesprek",
        "title": "Schriftelijke afspraken",
        "heading": "Loopbaangesprek: afspraken",  # the one-line title of md and txt
        "running": "Loopbaangesprek · vertrouwelijk",  # the pdf's running title
        "footer": "loopbaangesprek van",  # at the foot of each page: <name> · ... <date>
        "employee": "Medewerker",
        "interviewer": "Leidinggevende",
        "date": "Datum van het gesprek",
        "conclusion": "Conclusie",
        "conclusions": "Conclusies",
        "no_conclusion": "Nog geen conclusie genoteerd.",
        "referral": "Waar kan je terecht?",
        "agreements": "Afspraken",
        "number": "Nr.",
        "action": "Actie",
        "what": "Wat",
        "owner": "Wie",
        "due": "Tegen wanneer",
        "support": "Ondersteuning",
        "success": "Gelukt als",
        "success_question": "Hoe weten we dat het gelukt is",
        "no_agreements": "Er werden geen concrete acties afgesproken.",
        "followup": "Opvolging",
        "followup_intro": "We bekijken samen hoe het loopt op:",
        "no_followup": "Er zijn geen opvolgmomenten gepland.",
        "next": "Volgend loopbaangesprek",
        "not_planned": "nog niet gepland",
        "reach": "Zo is de leidinggevende bereikbaar",
        "not_agreed": "nog niet afgesproken",
        "summary": "Wat we besproken hebben",
        "no_summary": "Niets samen genoteerd.",
        "write_here": "Hier is plaats om het op papier te doen.",
        "previous": "Wat we de vorige keer afspraken en hoe het liep",
        "previous_from": "Uit het loopbaangesprek van",
        "how_it_went": "Hoe het liep",
        "signatures": "Handtekeningen",
        "sign_intro": "De medewerker kruist aan wat klopt en kan hieronder een opmerking schrijven.",
        "seen": "je hebt dit blad gelezen; daarmee ga je nog niet akkoord met de inhoud.",
        "agreed": "je gaat akkoord met de conclusie en de afspraken op dit blad.",
        "agreed_many": "je gaat akkoord met de conclusies en de afspraken op dit blad.",
        "remark": "Opmerking van de medewerker",
        "annex_line": (
            "De bijlage geeft de antwoorden uit het gesprek die op papier mogen (een gevoelig "
            "antwoord alleen met toestemming van de medewerker); tekenen bevestigt de "
            "afspraken, niet elk woord ervan."
        ),
        "no_annex_line": (
            "De antwoorden uit het gesprek staan niet op dit blad: ze blijven bij de "
            "leidinggevende bewaard."
        ),
        "made": "Opgemaakt op",
        "copies": "Elk van beiden krijgt een ondertekend exemplaar.",
        "annex_kicker": "Bijlage",
        "annex_title": "Antwoorden uit het gesprek",
        "annex_intro": (
            "De antwoorden die op papier mogen. Het volledige verslag blijft bij de leidinggevende."
        ),
    },
    plain={
        "kicker": "Gesprek over je werk",
        "title": "Wat we afspraken",
        "heading": "Gesprek over je werk: wat we afspraken",
        "running": "Gesprek over je werk · vertrouwelijk",
        "footer": "gesprek over je werk van",
        "employee": "Medewerker",
        "interviewer": "Leidinggevende",
        "date": "Datum van het gesprek",
        "conclusion": "Wat we besloten",
        "conclusions": "Wat we besloten",
        "no_conclusion": "We schreven nog niets op.",
        "referral": "Waar kan je terecht?",
        "agreements": "Afspraken",
        "number": "Nr.",
        "action": "Actie",
        "what": "Wat",
        "owner": "Wie",
        "due": "Klaar tegen",
        "support": "Hulp",
        "success": "Het is gelukt als",
        "success_question": "Het is gelukt als",
        "no_agreements": "We spraken niets concreets af.",
        "followup": "Wanneer we weer praten",
        "followup_intro": "We praten weer samen op deze dagen:",
        "no_followup": "We spraken nog geen dag af om weer samen te praten.",
        "next": "Volgende gesprek over je werk",
        "not_planned": "nog niet gepland",
        "reach": "Zo kan je je leidinggevende bereiken",
        "not_agreed": "nog niet afgesproken",
        "summary": "Wat we besproken hebben",
        "no_summary": "We schreven samen niets op.",
        "write_here": "Je kunt het hier opschrijven.",
        "previous": "Wat we de vorige keer afspraken",
        "previous_from": "Uit ons vorige gesprek over je werk, op",
        "how_it_went": "Hoe het ging",
        "signatures": "Tekenen",
        "sign_intro": "Kruis aan wat klopt. Je mag hieronder ook iets opschrijven.",
        "seen": "je hebt dit blad gelezen. Je zegt nog niet dat je akkoord bent.",
        "agreed": "je bent het eens met wat op dit blad staat.",
        "agreed_many": "je bent het eens met wat op dit blad staat.",
        "remark": "Wat je erbij wilt schrijven",
        "annex_line": (
            "In de bijlage staan je antwoorden uit het gesprek, alleen wat op papier mocht. "
            "Als je tekent, zeg je ja tegen de afspraken. Je zegt niet ja tegen elk woord."
        ),
        "no_annex_line": (
            "Je antwoorden uit het gesprek staan niet op dit blad. Je leidinggevende bewaart ze."
        ),
        "made": "Gemaakt op",
        "copies": "Jullie krijgen allebei een getekend blad.",
        "annex_kicker": "Extra blad",
        "annex_title": "Je antwoorden uit het gesprek",
        "annex_intro": (
            "Hier staan alleen de antwoorden die op papier mochten. Je leidinggevende bewaart "
            "de rest."
        ),
    },
)
# the privacy line in plain words; the usual one is `privacy.text` (context.py)
PLAIN_PRIVACY = (
    "{keeper} bewaart dit blad goed: zolang je hier werkt, en nog {years} jaar daarna. "
    "Je mag het altijd lezen en laten verbeteren. Het blad helpt om de afspraken op te "
    "volgen. Het is geen beoordeling van je werk."
)


def is_plain(c: Mapping[str, Any]) -> bool:
    """Whether the document context `c` asks for plain language (session.plain)."""
    session = c.get("session")
    return bool(session.get("plain")) if isinstance(session, Mapping) else False


# the follow-up for the employee: templates/followup.*.j2 and docx_followup.py
FOLLOWUP = Wording(
    usual={
        "kicker": "Loopbaangesprek",
        "title": "Opvolging van onze afspraken",
        "running": "Opvolging · vertrouwelijk",
        "employee": "Medewerker",
        "interviewer": "Leidinggevende",
        "conversation": "Loopbaangesprek van",
        "checkin": "Opvolging van",
        "progress": "Hoe elke afspraak loopt",
        "together": "samen",
        "new": "Nieuw, bij deze opvolging afgesproken",
        "no_agreements": "Er waren geen afspraken.",
        "done": "Wat gedaan is",
        "successes": "Wat lukte",
        "nothing_done": "Nog niets afgerond.",
        "difficulties": "Wat moeilijk liep",
        "changes": "Wat er verandert",
        "new_agreement": "Nieuwe afspraak",
        "changed": "Gewijzigd",
        "no_changes": "De afspraken blijven zoals ze waren.",
        "again_title": "Volgende keer",
        "again": "We bekijken samen hoe het loopt op",
        "no_again": "Nog geen nieuw opvolgmoment gepland.",
        "next": "Volgend loopbaangesprek",
        "not_planned": "nog niet gepland",
        "reach": "Zo is de leidinggevende bereikbaar",
        "not_agreed": "nog niet afgesproken",
        "none_yet": "Er is nog geen opvolging afgerond. Die hou je met loopbaan followup.",
        "made": "Opgemaakt op",
    },
    plain={
        "kicker": "Gesprek over je werk",
        "title": "Hoe loopt het met onze afspraken?",
        "running": "Onze afspraken · vertrouwelijk",
        "employee": "Medewerker",
        "interviewer": "Leidinggevende",
        "conversation": "Ons gesprek over je werk",
        "checkin": "We keken samen op",
        "progress": "Hoe loopt elke afspraak?",
        "together": "samen",
        "new": "Nieuw: dit spraken we nu af",
        "no_agreements": "We hadden geen afspraken.",
        "done": "Wat klaar is",
        "successes": "Wat goed ging",
        "nothing_done": "Nog niets is klaar.",
        "difficulties": "Wat moeilijk ging",
        "changes": "Wat er verandert",
        "new_agreement": "Nieuwe afspraak",
        "changed": "Anders dan eerst",
        "no_changes": "De afspraken blijven zoals ze waren.",
        "again_title": "De volgende keer",
        "again": "We praten weer samen op",
        "no_again": AGREEMENT.plain["no_followup"],
        "next": AGREEMENT.plain["next"],
        "not_planned": "nog niet gepland",
        "reach": AGREEMENT.plain["reach"],
        "not_agreed": "nog niet afgesproken",
        "none_yet": "Er is nog geen opvolging afgerond. Die hou je met loopbaan followup.",
        "made": AGREEMENT.plain["made"],
    },
)


def plain_privacy(privacy: Mapping[str, Any]) -> str:
    """The privacy line in plain words, with who keeps the sheet and for how long."""
    return PLAIN_PRIVACY.format(keeper=privacy.get("keeper"), years=privacy.get("years"))
