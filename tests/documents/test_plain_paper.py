"""In plain language (session.plain) the fixed texts of the agreement and the card are plain too.

With plain language off nothing changes: the golden files hold the usual wording.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from test_render import TODAY, make_session

from loopbaan_cli.banks.library import load_library
from loopbaan_cli.documents import kinds
from loopbaan_cli.documents.pdf import typst_source
from loopbaan_cli.documents.render import Request, render

FORMATS = ("md", "txt", "html", "typ")


def paper(kind: str, fmt: str, *, plain: bool, annex: bool = False) -> str:
    session = make_session()
    session.plain = plain
    if fmt == "typ":
        chosen = kinds.KINDS[kind]
        request = Request(
            session,
            chosen,
            kinds.FORMATS["pdf"],
            load_library(),
            (),
            TODAY,
            None,
            None,  # type: ignore[arg-type]
        )
        return re.sub(r"\\(.)", r"\1", " ".join(typst_source(request).split()))  # unescaped
    out = render(session, kind, fmt, today=TODAY, library=load_library())
    assert isinstance(out, str)
    return " ".join(out.split())  # the plain text wraps its lines


AGREEMENT_PLAIN = (
    "Je zegt nog niet dat je akkoord bent",
    "je bent het eens met wat op dit blad staat",
    "bewaart dit blad goed: zolang je hier werkt",
    "Het is geen beoordeling van je werk",
    "Je leidinggevende bewaart ze",
    "Volgende gesprek over je werk",
)
AGREEMENT_USUAL = (
    "daarmee ga je nog niet akkoord met de inhoud",
    "je gaat akkoord met",
    "niet om de medewerker te beoordelen",
    "ze blijven bij de leidinggevende bewaard",
    "Volgend loopbaangesprek",
)


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_agreement_in_plain_language(fmt: str) -> None:
    plain, usual = paper("afspraken", fmt, plain=True), paper("afspraken", fmt, plain=False)
    for sentence in AGREEMENT_PLAIN:
        assert sentence in plain, sentence
        assert sentence not in usual, sentence
    for sentence in AGREEMENT_USUAL:
        assert sentence in usual, sentence
        assert sentence not in plain, sentence
    assert ("Tekenen" if fmt != "txt" else "TEKENEN") in plain
    assert ("Handtekeningen" if fmt != "txt" else "HANDTEKENINGEN") not in plain


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_card_in_plain_language(fmt: str) -> None:
    plain, usual = paper("kaart", fmt, plain=True), paper("kaart", fmt, plain=False)
    for sentence in (
        "Na ons gesprek over je werk op",
        "Praat met",
        "Volgende gesprek over je werk",
    ):
        assert sentence in plain, sentence
        assert sentence not in usual, sentence
    for sentence in ("Na ons loopbaangesprek van", "Spreek", "Volgend loopbaangesprek"):
        assert sentence in usual, sentence
        assert sentence not in plain, sentence


@pytest.mark.parametrize("kind", ["afspraken", "kaart"])
def test_the_plain_pdf_is_made(kind: str) -> None:
    session: Any = make_session()
    session.plain = True
    out = render(session, kind, "pdf", today=TODAY, library=load_library())
    assert isinstance(out, bytes) and out.startswith(b"%PDF")
