"""In plain language (session.plain) the fixed texts of every employee document are plain too.

The agreement, the card and the invitation, in md, txt, html, pdf (its Typst source)
and Word.

With plain language off nothing changes: the golden files hold the usual wording.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from helpers import readable
from test_documents import completed
from test_pdf_docx import docx_text
from test_render import TODAY, make_session

from loopbaan_cli.banks.library import load_library
from loopbaan_cli.documents import kinds
from loopbaan_cli.documents.context import Paper
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
            Paper(annex=True) if annex else None,  # type: ignore[arg-type]
        )
        return re.sub(r"\\(.)", r"\1", " ".join(typst_source(request).split()))  # unescaped
    sheet = Paper(annex=True) if annex else None
    out = render(session, kind, fmt, today=TODAY, library=load_library(), paper=sheet)
    if fmt == "docx":
        assert isinstance(out, bytes)
        return docx_text(out)
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


INVITATION_PLAIN = (
    "Ik wil graag met je praten over je werk.",
    "Dit is geen beoordeling.",
    "Je krijgt geen punten.",
    "Lees deze vragen voor het gesprek.",
    "Je mag wel notities meebrengen.",
    "We schrijven samen op wat we afspraken.",
    "Heb je nog vragen?",
)
INVITATION_USUAL = (
    "Graag nodig ik je uit voor een loopbaangesprek.",
    "geen functioneringsgesprek",
    "Neem op voorhand rustig de tijd",
    "Vragen vooraf?",
)


@pytest.mark.parametrize("fmt", [*FORMATS, "docx"])
def test_the_invitation_in_plain_language(fmt: str) -> None:
    plain, usual = paper("uitnodiging", fmt, plain=True), paper("uitnodiging", fmt, plain=False)
    for sentence in INVITATION_PLAIN:
        assert sentence.lower() in plain.lower(), sentence
        assert sentence.lower() not in usual.lower(), sentence
    for sentence in INVITATION_USUAL:
        assert sentence.lower() in usual.lower(), sentence
        assert sentence.lower() not in plain.lower(), sentence
    # the questions to think about stay the same
    assert "Wat doe je het liefst in je werk?" in plain


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_agreement_table_and_annex_in_plain_language(fmt: str) -> None:
    plain = paper("afspraken", fmt, plain=True, annex=True).lower()
    usual = paper("afspraken", fmt, plain=False, annex=True).lower()
    assert "klaar tegen" in plain and "tegen wanneer" not in plain
    assert "tegen wanneer" in usual
    assert "je antwoorden uit het gesprek" in plain
    assert "bijlage: antwoorden" not in plain
    if fmt != "md":  # Markdown asks "Hoe weten we dat het gelukt is" already
        assert "het is gelukt als" in plain and "het is gelukt als" not in usual
    assert "zo is de leidinggevende bereikbaar" in usual
    assert "zo is de leidinggevende bereikbaar" not in plain
    # the annex says in plain words what it holds
    assert "hier staan alleen de antwoorden die op papier mochten" in plain
    assert "de antwoorden die op papier mogen. het volledige verslag" in usual


def test_the_word_agreement_in_plain_language() -> None:
    plain = paper("afspraken", "docx", plain=True, annex=True)
    usual = paper("afspraken", "docx", plain=False, annex=True)
    annexed = [s for s in AGREEMENT_PLAIN if s != "Je leidinggevende bewaart ze"]
    for sentence in (
        *annexed,
        "Klaar tegen",
        "Het is gelukt als",
        "Tekenen",
        "Je antwoorden uit het gesprek",
    ):
        assert sentence in plain, sentence
        assert sentence not in usual, sentence
    assert "Als je tekent, zeg je ja tegen de afspraken." in plain
    assert "Je leidinggevende bewaart ze" in paper("afspraken", "docx", plain=True)
    for sentence in (
        "daarmee ga je nog niet akkoord met de inhoud",
        "Tegen wanneer",
        "Zo is de leidinggevende bereikbaar",
        "Handtekeningen",
        "Schriftelijke afspraken",
        "De medewerker kruist aan wat klopt",
    ):
        assert sentence in usual, sentence
        assert sentence not in plain, sentence
    for sentence in ("Wat we afspraken", "Kruis aan wat klopt.", "Gesprek over je werk"):
        assert sentence in plain, sentence


def test_the_word_card_in_plain_language() -> None:
    plain, usual = paper("kaart", "docx", plain=True), paper("kaart", "docx", plain=False)
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


@pytest.mark.parametrize("kind", ["uitnodiging"])
def test_the_plain_invitation_pdf_is_made(kind: str) -> None:
    session: Any = make_session()
    session.plain = True
    out = render(session, kind, "pdf", today=TODAY, library=load_library())
    assert isinstance(out, bytes) and out.startswith(b"%PDF")


@pytest.mark.parametrize("fmt", [*FORMATS, "docx"])
def test_the_followup_keeps_its_privacy_line_plain(fmt: str) -> None:
    plain, usual = paper("opvolging", fmt, plain=True), paper("opvolging", fmt, plain=False)
    for sentence in ("Het is geen beoordeling van je werk.", "Gemaakt op"):
        assert sentence in plain, sentence
        assert sentence not in usual, sentence
    assert "Opgemaakt op" in usual and "Opgemaakt op" not in plain


@pytest.mark.parametrize("fmt", ["md", "txt", "html", "pdf", "docx"])
def test_the_followup_next_time_in_plain_language(fmt: str) -> None:
    texts = {}
    for plain in (True, False):
        session = completed()
        session.plain = plain
        out = render(session, "opvolging", fmt, today=TODAY, library=load_library())
        texts[plain] = " ".join(readable(out).split())
    assert "We praten weer samen op" in texts[True]
    assert "We bekijken samen hoe het loopt op" in texts[False]
    assert "We bekijken samen hoe het loopt op" not in texts[True]
    assert "Volgende gesprek over je werk" in texts[True]
    assert "Volgend loopbaangesprek" in texts[False]


@pytest.mark.parametrize("fmt", [*FORMATS, "docx"])
def test_the_agreement_head_and_signature_line_in_plain_language(fmt: str) -> None:
    """The kicker, the title and the line above the signatures: none in the usual words."""
    plain = paper("afspraken", fmt, plain=True).lower()
    usual = paper("afspraken", fmt, plain=False).lower()
    for said in ("gesprek over je werk", "wat we afspraken", "kruis aan wat klopt"):
        assert said in plain, (fmt, said)
        assert said not in usual, (fmt, said)
    for said in ("loopbaangesprek", "kruist aan wat klopt"):
        assert said in usual, (fmt, said)
        assert said not in plain, (fmt, said)


@pytest.mark.parametrize("fmt", ["md", "txt", "html", "pdf", "docx"])
def test_the_followup_document_in_plain_language(fmt: str) -> None:
    texts = {}
    for plain in (True, False):
        session = completed()
        session.plain = plain
        out = render(session, "opvolging", fmt, today=TODAY, library=load_library())
        texts[plain] = " ".join(readable(out).split()).lower()
    for said in (
        "Hoe loopt het met onze afspraken?",
        "Ons gesprek over je werk",
        "Anders dan eerst",
    ):
        assert said.lower() in texts[True], (fmt, said)
        assert said.lower() not in texts[False], (fmt, said)
    for said in ("Opvolging van onze afspraken", "Loopbaangesprek van", "Gewijzigd"):
        assert said.lower() in texts[False], (fmt, said)
        assert said.lower() not in texts[True], (fmt, said)


def test_the_previous_agreements_in_plain_language() -> None:
    earlier = [
        {
            "date": completed().date,
            "conclusion": "Nu geen groei",
            "agreements": [
                {
                    "number": 1,
                    "what": "Cursus Excel",
                    "due": None,
                    "status_label": "klaar",
                    "checked_on": None,
                    "remark": "",
                }
            ],
        }
    ]
    for fmt in ("md", "pdf", "docx"):
        texts = {}
        for plain in (True, False):
            session = completed()
            session.plain = plain
            out = render(session, "afspraken", fmt, today=TODAY, previous=earlier)
            texts[plain] = " ".join(readable(out).split())
        assert "Uit ons vorige gesprek over je werk, op" in texts[True], fmt
        assert "Uit het loopbaangesprek van" in texts[False], fmt
        assert "Uit het loopbaangesprek van" not in texts[True], fmt


def test_both_wordings_of_a_document_have_the_same_sentences() -> None:
    from loopbaan_cli.documents.plain import AGREEMENT, FOLLOWUP

    for wording in (AGREEMENT, FOLLOWUP):
        assert set(wording.usual) == set(wording.plain)
        assert dict(wording) == wording.plain  # read as before `pick`: the plain set


def test_the_agreement_and_followup_templates_only_look_their_sentences_up() -> None:
    """One place for the wording (plain.py): no sentence chosen inline with `plain`."""
    from loopbaan_cli.kernel import paths

    for stem in ("agreement", "followup"):
        for file in sorted(paths.builtin_templates_dir().glob(f"{stem}.*.j2")):
            text = file.read_text(encoding="utf-8")
            assert not re.search(r"if plain else ['\"]|{% if plain %}[A-Z]", text), file.name


def test_the_plain_invitation_lists_the_plain_choices(tmp_path: Any) -> None:
    from loopbaan_cli.documents.context import as_record
    from loopbaan_cli.documents.sheets import reflection

    bank = tmp_path / "eigen.yaml"
    bank.write_text(
        "id: eigen\ntitle: Eigen\nsections:\n  - id: s\n    title: Vooraf\n    questions:\n"
        "      - id: periode\n        text: Hoe beleef je deze periode?\n        type: choice\n"
        "        reflection: true\n        choices: [Als een hoogtepunt, Alsof ik vastzit]\n"
        "        plain_choices: [Het gaat heel goed, Ik zit vast]\n",
        encoding="utf-8",
    )
    library = load_library([bank])
    found = {}
    for plain in (True, False):
        session: Any = make_session()
        session.plain = plain
        groups = reflection(library, as_record(session))
        found[plain] = [c for g in groups for q in g["questions"] for c in q["choices"]]
    assert found[True] == ["Het gaat heel goed", "Ik zit vast"]
    assert found[False] == ["Als een hoogtepunt", "Alsof ik vastzit"]


@pytest.mark.parametrize("fmt", ["md", "txt", "html", "pdf", "docx"])
def test_every_format_tells_what_became_of_the_earlier_agreements(fmt: str) -> None:
    earlier = [
        {
            "date": completed().date,
            "conclusion": "Nu geen groei",
            "agreements": [
                {
                    "number": 1,
                    "what": "Cursus Excel",
                    "due": None,
                    "status_label": "zit vast",
                    "checked_on": None,
                    "remark": "geen plaats meer",
                }
            ],
        }
    ]
    out = render(completed(), "afspraken", fmt, today=TODAY, previous=earlier)
    text = " ".join(readable(out).split())
    assert "Cursus Excel" in text and "zit vast" in text and "geen plaats meer" in text, fmt
