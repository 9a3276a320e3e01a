"""The documents people keep: print-ready html, pocket card, preparation sheets, calendar.

Golden files live in tests/golden/. After an intended change to a template,
rewrite them with `UPDATE_GOLDEN=1 pytest tests/test_documents.py` and read the
diff before committing. The invitation and preparation goldens use the small
question banks below, so a change to the built-in banks does not touch them.

The pandoc test needs the `pandoc` program (Debian/Ubuntu: `apt-get install
pandoc`); without it that test is skipped.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import stat
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import html5lib
import pytest
from helpers import GOLDEN, CliRun, assert_fails, readable, write_session
from icalendar import Calendar
from test_render import PRIVATE, PRIVATE_PREP, PUBLIC, TODAY, make_session
from typer.testing import Result

from loopbaan_cli.app import export as exporting
from loopbaan_cli.banks.library import Library, load_library
from loopbaan_cli.banks.plan import build
from loopbaan_cli.documents import kinds
from loopbaan_cli.documents.context import Paper
from loopbaan_cli.documents.render import render
from loopbaan_cli.kernel import paths
from loopbaan_cli.kernel.errors import ConfigError, LoopbaanError
from loopbaan_cli.sessions.model import (
    Agreement,
    AgreementProgress,
    AnswerRecord,
    CheckIn,
    Employee,
    FollowUp,
    Meeting,
    Person,
    Session,
)

KINDS = list(kinds.KINDS)
TEMPLATE_FORMATS = [f.name for f in kinds.template_formats()]
# A kind that reads the question banks is a document for before the
# conversation: its golden file is made from the prepared session.
# The card's goal needs the banks too, but it is made after the conversation.
BEFORE = [k for k in KINDS if kinds.KINDS[k].needs_library and k != "kaart"]
AFTER = [k for k in KINDS if k not in BEFORE]
XHTML = "{http://www.w3.org/1999/xhtml}"
SID = "2026-11-22-an-peeters"
PREP_PUBLIC_NOTE = "Ze vroeg het zelf in oktober"

# --- a small library we control -------------------------------------------------

BANKS = {
    "kern.yaml": """
id: kern
title: Kernvragen
order: 10
sections:
  - id: vandaag
    title: Hoe het vandaag gaat
    questions:
      - id: wat_graag
        text: Welk werk doe je het liefst?
        reflection: true
      - id: energie_vreters
        text: Wat kost je op het werk veel energie?
      - id: tevredenheid
        text: Hoe tevreden ben je?
        type: scale
  - id: vooruit
    title: Vooruitkijken
    questions:
      - id: vijf_jaar
        text: Waar zie je jezelf binnen vijf jaar?
        reflection: true
      - id: richting
        text: Welke richting spreekt je aan?
        type: choice
        choices: [Groeien hier, Ik weet het nog niet]
      - id: weet_niet
        text: Wat zou je helpen om meer zicht te krijgen?
        when: "richting == 'Ik weet het nog niet'"
        reflection: true
""",
    "fase_spitsuur.yaml": """
id: fase_spitsuur
title: Spitsuurjaren
phases: [spitsuur]
order: 20
sections:
  - id: gezin
    title: Werk en gezin
    questions:
      - id: thuis
        text: Wat vraagt thuis nu veel van je tijd?
        reflection: true
""",
    "fase_starter.yaml": """
id: fase_starter
title: Startende loopbaan
phases: [starter]
order: 20
sections:
  - id: leren
    title: Leren
    questions:
      - id: eerst
        text: Wat wil je het eerst leren?
        reflection: true
""",
    "doel_balans.yaml": """
id: doel_balans
title: Evenwicht
purposes: [balans]
order: 30
sections:
  - id: plaats
    title: De plaats van je werk
    questions:
      - id: plaats
        text: Hoeveel plaats mag je werk in je leven innemen?
        reflection: true
""",
    "doel_terugkeer.yaml": """
id: doel_terugkeer
title: Terugkeer
purposes: [terugkeer]
order: 30
sections:
  - id: terug
    title: Terug aan het werk
    questions:
      - id: nodig
        text: Wat heb je nodig om opnieuw te starten?
        reflection: true
""",
    "voorbereiding.yaml": """
id: voorbereiding
title: Voorbereiding
kind: preparation
order: 10
sections:
  - id: vooraf
    title: Vooraf
    intro: Deze vragen zijn alleen voor jou.
    questions:
      - id: gepland
        text: Heb je de medewerker de vragen op voorhand bezorgd?
        type: confirm
      - id: aanleiding
        text: Wat is de aanleiding?
        type: choice
        choices: [Op vraag van de medewerker, Op mijn initiatief]
        other: true
      - id: groei
        text: Welke uitspraken over groei kloppen?
        type: multi_choice
        choices: [De medewerker wil groeien, Ik zie geen groeimogelijkheden]
      - id: geen_groei
        text: Wat wil je toch uit het gesprek halen?
        when: "'Ik zie geen groeimogelijkheden' in (groei or [])"
  - id: talenten
    title: Talenten
    questions:
      - id: sterk
        text: Waar is deze medewerker sterk in?
        tip: Denk aan concrete momenten van het voorbije jaar.
        type: text
      - id: inzet
        text: Hoe zie je de inzet van de medewerker?
        type: scale
        scale: {min: 1, max: 5, min_label: zwak, max_label: sterk}
      - id: hr
        text: Wanneer bespreek je het met HR?
        type: date
      - id: uren
        text: Hoeveel uren opleiding kan de zaak geven?
        type: number
      - id: kansen
        text: Welke mogelijkheden zie je in de zaak?
        tip: Denk breed, niet alleen aan promotie.
""",
}

REFLECTION = [
    "Welk werk doe je het liefst?",
    "Waar zie je jezelf binnen vijf jaar?",
    "Wat zou je helpen om meer zicht te krijgen?",
    "Wat vraagt thuis nu veel van je tijd?",
    "Hoeveel plaats mag je werk in je leven innemen?",
]
NOT_REFLECTION = [
    "Wat kost je op het werk veel energie?",  # not marked reflection
    "Wat wil je het eerst leren?",  # another phase
    "Wat heb je nodig om opnieuw te starten?",  # another purpose
]


@pytest.fixture
def doc_banks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The built-in catalogues with the small banks above instead of the built-in banks."""
    folder = tmp_path / "builtin_banks"
    (folder / "banks").mkdir(parents=True)
    for catalogue in Path(paths.builtin_banks_dir()).glob("*.yaml"):
        shutil.copy(catalogue, folder / catalogue.name)
    for name, text in BANKS.items():
        (folder / "banks" / name).write_text(text.lstrip(), encoding="utf-8")
    monkeypatch.setattr(paths, "builtin_banks_dir", lambda: folder)
    return folder


@pytest.fixture
def library(doc_banks: Path) -> Library:
    lib = load_library()
    assert not lib.errors, lib.errors
    return lib


# --- sessions ---------------------------------------------------------------------


def completed() -> Session:
    """Held, with one check-in since (only the follow-up document shows it)."""
    return make_session(checkins=[CHECKIN])


# the check-in after the conversation: one agreement done, one changed, one new
CHECKIN = CheckIn(
    date=dt.date(2027, 1, 18),
    status="completed",
    progress=[
        AgreementProgress(
            number=1,
            what="Opleiding offertes en calculatie volgen (avondschool | Syntra)",
            status="klaar",
            remark="Ingeschreven bij Syntra, de lessen starten in februari",
        ),
        AgreementProgress(
            number=2,
            what="Een dag per maand meedraaien met Jan bij de leveranciers",
            status="vast",
            remark="Jan was twee maanden ziek",
        ),
    ],
    successes="An maakte haar eerste offerte zelf.",
    difficulties="De woensdagnamiddag lukt nog niet elke week.",
    changed=[2],
    next=dt.date(2027, 3, 15),
)


def prepared(**changes: object) -> Session:
    """Planned, not held yet: some preparation, no answers, no agreements."""
    data: dict[str, object] = {
        "status": "prepared",
        "stage": "preparation",
        "answers": {},
        "conclusion": None,
        "agreements": [],
        "followups": [],
        "next_conversation": None,
        "reachability": "",
        "preparation": {
            "voorbereiding.gepland": AnswerRecord(
                question="Heb je de medewerker de vragen op voorhand bezorgd?",
                type="confirm",
                section="Vooraf",
                value=True,
            ),
            "voorbereiding.aanleiding": AnswerRecord(
                question="Wat is de aanleiding?",
                type="choice",
                section="Vooraf",
                value="Op vraag van de medewerker",
                note=PREP_PUBLIC_NOTE,
            ),
            "voorbereiding.sterk": AnswerRecord(
                question="Waar is deze medewerker sterk in?",
                type="text",
                section="Talenten",
                value="Nauwkeurig en klantvriendelijk",
                note=PRIVATE_PREP,
                private=True,
            ),
            "voorbereiding.oud": AnswerRecord(
                question="Een vraag die niet meer in de bank staat?",
                section="Oud deel",
                value="Dit antwoord blijft staan",
            ),
        },
    }
    data.update(changes)
    return make_session(**data)


HOSTILE = '<script>alert("x")</script>'


def hostile() -> Session:
    """Every field a person types holds markup that must come out as text."""
    session = make_session(
        employee=Employee(name=f"An {HOSTILE}", role="<b>vet</b>"),
        interviewer=Person(name="Marc & Co <i>", role='"baas"'),
        reachability=f"Bel 0470 {HOSTILE} <a href='https://evil.example'>hier</a>",
        agreements=[
            Agreement(
                what=f"</td></tr></table>{HOSTILE}",
                owner="<img src=x onerror=alert(1)>",
                due=dt.date(2027, 6, 30),
                support="<style>body{display:none}</style>",
                success="]]><!-- -->",
            )
        ],
        followups=[FollowUp(date=dt.date(2027, 1, 18), what=f"Opvolgen {HOSTILE}")],
    )
    session.answers["kern.energie"].value = f"Antwoord met {HOSTILE} erin"
    session.preparation["voorbereiding.sterke_punten"].question = f"Vraag {HOSTILE}?"
    session.preparation["voorbereiding.sterke_punten"].private = False
    session.preparation["voorbereiding.sterke_punten"].note = f"Notitie {HOSTILE}"
    return session


def check_golden(name: str, out: str) -> None:
    """Byte for byte (an ics file keeps its CRLF line ends)."""
    golden = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN") == "1":
        golden.parent.mkdir(exist_ok=True)
        golden.write_bytes(out.encode("utf-8"))
    assert out.encode("utf-8") == golden.read_bytes(), f"differs from tests/golden/{name}"


# --- golden files: every kind, every format -----------------------------------------------


@pytest.mark.parametrize("fmt", TEMPLATE_FORMATS)
@pytest.mark.parametrize("kind", AFTER)
def test_golden_after_the_conversation(library: Library, kind: str, fmt: str) -> None:
    out = render(completed(), kind, fmt, today=TODAY, library=library)
    check_golden(f"{kinds.KINDS[kind].stem}.{fmt}", out)


@pytest.mark.parametrize("fmt", TEMPLATE_FORMATS)
@pytest.mark.parametrize("kind", BEFORE)
def test_golden_before_the_conversation(library: Library, kind: str, fmt: str) -> None:
    out = render(prepared(), kind, fmt, today=TODAY, library=library)
    check_golden(f"{kinds.KINDS[kind].stem}.{fmt}", out)


def test_golden_calendar() -> None:
    check_golden("calendar.ics", render(completed(), fmt="ics"))
    # a prepared conversation with its time, place and duration: the meeting itself
    meeting = Meeting(time="14:30", place="Vergaderzaal boven", minutes=75)
    check_golden("calendar-prepared.ics", render(prepared(meeting=meeting), fmt="ics"))


@pytest.mark.parametrize("fmt", list(kinds.FORMATS))
@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_works_before_the_conversation(library: Library, kind: str, fmt: str) -> None:
    out = readable(render(prepared(), kind, fmt, today=TODAY, library=library))
    assert "An Peeters" in out
    assert PRIVATE_PREP not in out


# --- html ------------------------------------------------------------------------------------


def parse_html(text: str) -> Any:
    """Strict HTML5 parsing: any parse error fails the test."""
    return html5lib.HTMLParser(strict=True).parse(text)


@pytest.mark.parametrize("kind", KINDS)
def test_html_parses_without_errors(library: Library, kind: str) -> None:
    for session in (completed(), prepared(), hostile()):
        out = render(session, kind, "html", today=TODAY, library=library)
        parse_html(out)  # raises html5lib.html5parser.ParseError on any error
        assert out.startswith("<!DOCTYPE html>")
        assert '<html lang="nl-BE">' in out
        assert '<meta charset="utf-8">' in out


@pytest.mark.parametrize("kind", KINDS)
def test_html_is_self_contained(library: Library, kind: str) -> None:
    out = render(completed(), kind, "html", today=TODAY, library=library)
    for forbidden in ("<script", "<link", "<img", "<iframe", "src=", "href=", "url(", "@import"):
        assert forbidden not in out.lower(), forbidden
    assert re.search(r"https?://", out) is None
    assert out.count("<style>") == 1


@pytest.mark.parametrize("kind", KINDS)
def test_user_text_is_escaped_in_html(library: Library, kind: str) -> None:
    out = render(hostile(), kind, "html", today=TODAY, library=library)
    tree = parse_html(out)
    for tag in ("script", "img", "a", "b", "i", "iframe"):
        assert list(tree.iter(f"{XHTML}{tag}")) == [], tag
    # exactly the one stylesheet of the template, none typed by a user
    assert len(list(tree.iter(f"{XHTML}style"))) == 1
    assert "&lt;script&gt;" in out
    text = "".join(tree.itertext())
    assert HOSTILE in text, "the typed markup is shown as text"


def test_agreement_html_for_print() -> None:
    out = render(completed(), "afspraken", "html", today=TODAY)
    css = out[out.index("<style>") : out.index("</style>")]
    assert re.search(r"@page\s*{\s*size:\s*A4;\s*margin:", css)
    # no agreement row, question or signature block split over two pages
    assert re.search(r"table\.grid tr\s*{\s*break-inside:\s*avoid", css)
    assert re.search(r"\.signatures\s*{\s*break-inside:\s*avoid", css)
    assert re.search(r"\.qa\s*{[^}]*break-inside:\s*avoid", css)
    assert "@media print" in css
    tree = parse_html(out)
    [table] = [t for t in tree.iter(f"{XHTML}table") if "agreements" in t.get("class", "")]
    headers = ["".join(th.itertext()) for th in table.iter(f"{XHTML}th")]
    assert headers == ["Nr.", "Wat", "Actie", "Wie", "Tegen wanneer", "Ondersteuning", "Gelukt als"]
    assert len(list(table.iter(f"{XHTML}thead"))) == 1  # repeated on every page
    rows = list(table.find(f"{XHTML}tbody").iter(f"{XHTML}tr"))
    assert len(rows) == 2
    first = ["".join(td.itertext()) for td in rows[0].iter(f"{XHTML}td")]
    assert first[:5] == [
        "1",
        "Opleiding offertes en calculatie volgen (avondschool | Syntra)",
        "Opleiding",
        "An Peeters",
        "30 juni 2027",
    ]
    assert "Inschrijvingsgeld betaald door de zaak\nhalve dag per week vrij" in first[5]


def test_agreement_html_signatures() -> None:
    out = render(completed(), "afspraken", "html", today=TODAY)
    tree = parse_html(out)
    [block] = [s for s in tree.iter(f"{XHTML}section") if "signatures" in s.get("class", "")]
    text = " ".join("".join(block.itertext()).split())
    assert "Opmerking van de medewerker" in text
    assert "An Peeters" in text and "Marc Janssens" in text
    assert text.count("Datum") == 2 and text.count("Handtekening") >= 2
    assert "voor gezien" in text and "akkoord" in text
    ticks = [e for e in block.iter(f"{XHTML}span") if e.get("class") == "tick"]
    assert len(ticks) == 2  # voor gezien, akkoord
    writing = [e for e in block.iter(f"{XHTML}div") if e.get("class") == "write"]
    assert len(writing) >= 3  # room for the employee's comment


def test_agreement_html_content() -> None:
    # Changed on purpose (issue 13): the life phase and the purposes stay off the
    # employee's sheet, and the answers stand only in the annex (export --annex).
    out = render(completed(), "afspraken", "html", today=TODAY, paper=Paper(annex=True))
    text = " ".join("".join(parse_html(out).itertext()).split())
    for needle in (
        "Schriftelijke afspraken",
        "administratief medewerker",
        "zondag 22 november 2026",
        PUBLIC,
        "Doorverwijzing naar loopbaanbegeleiding",
        "maandag 18 januari 2027",
        "22 november 2029",
        "0470 12 34 56",
        "{{ 7*7 }}",
    ):
        assert needle in text, needle
    for label in ("Spitsuurjaren", "Groeien in de huidige job", "Evenwicht werk-privé"):
        assert label not in text, label
    assert PRIVATE not in out
    assert "Hoeveel jaar wil je nog werken?" not in out  # skipped
    without = render(completed(), "afspraken", "html", today=TODAY)
    assert PUBLIC not in without and "Bijlage" not in without


# --- the pocket card --------------------------------------------------------------------------


def crowded() -> Session:
    """More and longer than a card can hold."""
    long = "Een heel lange omschrijving van wat er precies moet gebeuren, met veel details " * 3
    return make_session(
        employee=Employee(name="Anna-Maria Van den Bossche-Verstraeten " * 2),
        interviewer=Person(name="Marc Janssens-Vandenberghe van de Zaak"),
        agreements=[
            Agreement(what=long, owner="Anna-Maria Van den Bossche-Verstraeten", due=None)
            for _ in range(7)
        ],
        followups=[FollowUp(date=dt.date(2027, 1, 18), what=long)],
        reachability="Bel Marc op 0470 12 34 56 of mail marc@firma.be, elke voormiddag. " * 5,
    )


@pytest.mark.parametrize(
    "session", [completed(), crowded(), prepared()], ids=["normaal", "vol", "leeg"]
)
def test_card_is_small(session: Session) -> None:
    # narrow always; a usual plan fits on 40 lines (a crowded one runs on: never cut)
    txt = render(session, "kaart", "txt", today=TODAY)
    lines = txt.splitlines()
    assert any(a.what.startswith("Een heel") for a in session.agreements) or len(lines) <= 40
    for line in lines:
        assert len(line) <= 60, line
        assert line == line.rstrip(), f"trailing space: {line!r}"
    html = render(session, "kaart", "html", today=TODAY)
    assert "size: 105mm 148mm" in html  # A6


@pytest.mark.parametrize("fmt", TEMPLATE_FORMATS)
def test_card_holds_the_plan(fmt: str) -> None:
    out = render(completed(), "kaart", fmt, today=TODAY)
    if fmt == "html":
        out = " ".join("".join(parse_html(out).itertext()).split())
    else:
        out = " ".join(out.replace("\\", "").split())
    for needle in (
        "An Peeters",
        "Opleiding offertes en calculatie volgen",  # what
        "Wie: An Peeters",  # who
        "Tegen: 30 juni 2027",  # by when (not "Klaar": that reads as done)
        "Tegen: geen vaste datum",
        "maandag 18 januari 2027",  # the next follow-up ...
        "Verslag loopbaanbegeleiding bespreken",
        "Marc Janssens",  # ... and how to reach the manager
        "0470 12 34 56",
        "22 november 2029",
    ):
        assert needle in out, needle
    assert "15 maart 2027" in out  # every follow-up still to come, not only the next
    assert PRIVATE not in out


def test_card_next_followup_moves_with_the_day() -> None:
    session = completed()
    later = render(session, "kaart", "txt", today=dt.date(2027, 2, 1))
    assert "maandag 15 maart 2027" in later and "18 januari" not in later
    done = render(session, "kaart", "txt", today=dt.date(2027, 4, 1))
    assert "Nog geen datum gepland." in done


def test_card_leaves_out_the_default_followup_text() -> None:
    session = make_session(followups=[FollowUp(date=dt.date(2027, 1, 18))])
    for fmt in TEMPLATE_FORMATS:
        out = render(session, "kaart", fmt, today=TODAY)
        assert "18 januari 2027" in out
        assert "Opvolgmoment" not in out


def test_card_never_cuts_an_agreement() -> None:
    # all seven long agreements, whole: no ellipsis, no "see the agreement sheet"
    out = " ".join(render(crowded(), "kaart", "txt", today=TODAY).split())
    # seven agreements and the follow-up, which has the same long text
    assert out.count(" ".join(crowded().agreements[0].what.split())) == 8
    assert "…" not in out.split("=")[-1] and "afsprakenblad" not in out


# --- the invitation ---------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", TEMPLATE_FORMATS)
def test_invitation_has_the_reflection_questions(library: Library, fmt: str) -> None:
    out = render(prepared(), "uitnodiging", fmt, today=TODAY, library=library)
    flat = " ".join(out.split())
    places = [flat.index(q) for q in REFLECTION]
    assert places == sorted(places), "in the order of the conversation"
    for question in NOT_REFLECTION:
        assert question not in flat
    assert re.search("geen functioneringsgesprek", flat, re.IGNORECASE)
    assert "zondag 22 november 2026" in flat
    assert "Marc Janssens" in flat
    assert "voor gezien" in flat


def test_invitation_follows_the_session(library: Library) -> None:
    out = render(
        prepared(phase="starter", purposes=["terugkeer"], purpose_titles=[]),
        "uitnodiging",
        "txt",
        today=TODAY,
        library=library,
    )
    assert "Wat wil je het eerst leren?" in out
    assert "Wat heb je nodig om opnieuw te starten?" in out
    assert "Wat vraagt thuis nu veel van je tijd?" not in out


def test_invitation_with_the_builtin_banks() -> None:
    session = prepared()
    lib = load_library()
    expected = [
        p.question.text
        for p in build(lib, session.phase, list(session.purposes))
        if p.question.reflection
    ]
    assert expected, "the built-in banks mark reflection questions"
    out = " ".join(render(session, "uitnodiging", "md", today=TODAY, library=lib).split())
    for question in expected:
        assert question in out.replace("\\", ""), question


# --- the manager's preparation ---------------------------------------------------------------


@pytest.mark.parametrize("fmt", TEMPLATE_FORMATS)
def test_preparation_sheet(library: Library, fmt: str) -> None:
    out = render(prepared(), "voorbereiding", fmt, today=TODAY, library=library)
    flat = " ".join(out.split())
    for question in (
        "Heb je de medewerker de vragen op voorhand bezorgd?",
        "Wat is de aanleiding?",
        "Wat wil je toch uit het gesprek halen?",  # its condition is still open
        "Waar is deze medewerker sterk in?",
        "Hoe zie je de inzet van de medewerker?",
        "Welke mogelijkheden zie je in de zaak?",
        "Een vraag die niet meer in de bank staat?",
    ):
        assert question in flat, question
    for answer in (
        "Op vraag van de medewerker",
        "Nauwkeurig en klantvriendelijk",
        PREP_PUBLIC_NOTE,
    ):
        assert answer in flat, answer
    assert "Dit antwoord blijft staan" in flat
    assert "Denk aan concrete momenten van het voorbije jaar." in flat  # the tip
    assert PRIVATE_PREP not in out
    # room to write by hand where nothing is filled in yet
    blanks = {"md": "......", "txt": "______", "html": 'class="write"'}[fmt]
    assert blanks in out
    ticks = {"md": "- [ ] Ja", "txt": "[ ] Ja", "html": '<span class="tick"></span>Ja'}[fmt]
    assert ticks not in out, "an answered yes/no question gets no boxes"
    assert {
        "md": "- [ ] De medewerker wil groeien",
        "txt": "[ ] De medewerker wil groeien",
        "html": '<span class="tick"></span>De medewerker wil groeien',
    }[fmt] in out


def test_preparation_follows_the_conditions(library: Library) -> None:
    def sheet(groei: list[str]) -> str:
        session = prepared()
        session.preparation["voorbereiding.groei"] = AnswerRecord(
            question="Welke uitspraken over groei kloppen?",
            type="multi_choice",
            section="Vooraf",
            value=groei,
        )
        return render(session, "voorbereiding", "txt", today=TODAY, library=library)

    assert "Wat wil je toch uit het gesprek halen?" not in sheet(["De medewerker wil groeien"])
    assert "Wat wil je toch uit het gesprek halen?" in sheet(["Ik zie geen groeimogelijkheden"])


def test_preparation_blank_sheet(library: Library) -> None:
    out = render(prepared(preparation={}), "voorbereiding", "txt", today=TODAY, library=library)
    assert "[ ] Ja    [ ] Nee" in out
    assert "[ ] Anders:" in out
    assert "zwak  [1] [2] [3] [4] [5]  sterk" in out
    assert "Datum: ____" in out
    for line in out.splitlines():
        assert len(line) <= 78, line


def test_tips_stay_off_the_other_documents(library: Library) -> None:
    for kind in ("afspraken", "kaart", "uitnodiging"):
        for fmt in TEMPLATE_FORMATS:
            out = render(prepared(), kind, fmt, today=TODAY, library=library)
            assert "Denk aan concrete momenten" not in out


# --- markdown to docx with pandoc --------------------------------------------------------------

PANDOC = shutil.which("pandoc")


@pytest.mark.skipif(PANDOC is None, reason="pandoc is not installed (apt-get install pandoc)")
@pytest.mark.parametrize("kind", KINDS)
def test_markdown_converts_cleanly_to_docx(library: Library, kind: str, tmp_path: Path) -> None:
    assert PANDOC is not None
    for n, session in enumerate([completed(), prepared(), hostile()]):
        source = tmp_path / f"{kind}-{n}.md"
        source.write_text(
            render(session, kind, "md", today=TODAY, library=library), encoding="utf-8"
        )
        target = tmp_path / f"{kind}-{n}.docx"
        done = subprocess.run(
            [
                PANDOC,
                "--fail-if-warnings",
                "-f",
                "markdown",
                "-t",
                "docx",
                "-o",
                str(target),
                str(source),
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        assert done.stderr == ""
        with zipfile.ZipFile(target) as docx:
            body = docx.read("word/document.xml").decode("utf-8")
        title = {
            "afspraken": "afspraken",
            "kaart": "Mijn plan",
            "uitnodiging": "Uitnodiging",
            "voorbereiding": "Voorbereiding",
            "opvolging": "Opvolging",
        }[kind]
        assert title in body and "An" in body


@pytest.mark.skipif(PANDOC is None, reason="pandoc is not installed (apt-get install pandoc)")
def test_markdown_reads_as_typed_after_pandoc(tmp_path: Path) -> None:
    assert PANDOC is not None
    source = tmp_path / "afspraken.md"
    hostile_md = render(hostile(), "afspraken", "md", today=TODAY, paper=Paper(annex=True))
    source.write_text(hostile_md, encoding="utf-8")
    plain = subprocess.run(
        [PANDOC, "-f", "markdown", "-t", "plain", "--columns=1000", str(source)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    plain = plain.replace("“", '"').replace("”", '"')  # pandoc's smart quotes
    assert HOSTILE in plain
    assert "{{ 7*7 }}" in plain
    normal = tmp_path / "normaal.md"
    normal.write_text(render(completed(), "afspraken", "md", today=TODAY), encoding="utf-8")
    plain = subprocess.run(
        [PANDOC, "-f", "markdown", "-t", "plain", "--columns=1000", str(normal)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "zaakhalve" not in plain  # a line break in a table cell keeps the words apart
    assert "zaak halve dag per week vrij" in plain


# --- the calendar ------------------------------------------------------------------------------


def events(text: str) -> dict[str, Any]:
    cal = Calendar.from_ical(text)
    return {str(e["UID"]): e for e in cal.walk("VEVENT")}


def test_ics_parses_and_holds_the_expected_events() -> None:
    text = render(completed(), "afspraken", "ics")
    cal = Calendar.from_ical(text)
    assert str(cal["VERSION"]) == "2.0"
    assert "loopbaan" in str(cal["PRODID"])
    assert str(cal["X-WR-TIMEZONE"]) == "Europe/Brussels"
    found = events(text)
    assert set(found) == {
        f"{SID}.opvolging-1@loopbaan",
        f"{SID}.opvolging-2@loopbaan",
        f"{SID}.afspraak-1@loopbaan",  # agreement 2 has no date: no event
        f"{SID}.volgend-gesprek@loopbaan",
    }
    expected = {
        "opvolging-1": (
            dt.date(2027, 3, 15),
            "Opvolging loopbaangesprek An Peeters: Hoe loopt de opleiding?",
        ),
        "opvolging-2": (
            dt.date(2027, 1, 18),
            "Opvolging loopbaangesprek An Peeters: Verslag loopbaanbegeleiding bespreken",
        ),
        "afspraak-1": (
            dt.date(2027, 6, 30),
            "Afspraak 1 klaar (An Peeters): Opleiding offertes en calculatie volgen "
            "(avondschool | Syntra)",
        ),
        "volgend-gesprek": (
            dt.date(2029, 11, 22),
            "Volgend loopbaangesprek An Peeters met Marc Janssens",
        ),
    }
    for item, (day, summary) in expected.items():
        event = found[f"{SID}.{item}@loopbaan"]
        start = event.decoded("DTSTART")
        assert type(start) is dt.date and start == day  # all-day
        assert event.decoded("DTEND") == day + dt.timedelta(days=1)
        assert str(event["SUMMARY"]) == summary
        stamp = event.decoded("DTSTAMP")
        assert stamp.utcoffset() == dt.timedelta(0)
        assert str(event["CLASS"]) == "PRIVATE"
    description = str(found[f"{SID}.afspraak-1@loopbaan"]["DESCRIPTION"])
    assert "Wie: An Peeters" in description
    assert "Gelukt als: An maakt zelfstandig een offerte" in description
    assert "DTSTART;VALUE=DATE:20270630" in text


def test_ics_is_valid_icalendar_text() -> None:
    text = render(hostile(), fmt="ics")
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.endswith("END:VCALENDAR\r\n")
    assert text.count("\n") == text.count("\r\n"), "CRLF line ends"
    for line in text.split("\r\n"):
        assert len(line.encode("utf-8")) <= 75, line  # folded
    assert "VTIMEZONE" not in text  # all-day dates need none
    Calendar.from_ical(text)


def test_ics_uids_are_stable() -> None:
    session = completed()
    first = render(session, fmt="ics")
    assert render(session, fmt="ics") == first, "the same session gives the same file"
    session.followups[0].date = dt.date(2027, 3, 22)  # moved
    session.agreements[0].what = "Opleiding offertes volgen"  # reworded
    session.updated = session.updated + dt.timedelta(days=2)
    second = render(session, fmt="ics")
    old, new = events(first), events(second)
    assert set(old) == set(new), "re-importing updates the same events"
    moved = new[f"{SID}.opvolging-1@loopbaan"]
    assert moved.decoded("DTSTART") == dt.date(2027, 3, 22)
    assert moved.decoded("DTSTAMP") > old[f"{SID}.opvolging-1@loopbaan"].decoded("DTSTAMP")
    assert int(moved["SEQUENCE"]) > int(old[f"{SID}.opvolging-1@loopbaan"]["SEQUENCE"])


def test_ics_before_the_conversation() -> None:
    found = events(render(prepared(), fmt="ics"))
    assert list(found) == [f"{SID}.gesprek@loopbaan"]
    event = found[f"{SID}.gesprek@loopbaan"]
    assert event.decoded("DTSTART") == dt.date(2026, 11, 22)
    assert str(event["SUMMARY"]) == "Loopbaangesprek met An Peeters"  # was "... met Marc Janssens"


def test_ics_with_nothing_to_plan() -> None:
    empty = make_session(followups=[], agreements=[], next_conversation=None)
    with pytest.raises(LoopbaanError, match="niets voor de agenda"):
        render(empty, fmt="ics")


def test_ics_takes_no_template(tmp_path: Path) -> None:
    file = tmp_path / "mijn.j2"
    file.write_text("x\n", encoding="utf-8")
    with pytest.raises(LoopbaanError, match="sjabloon"):
        render(completed(), fmt="ics", template=file)


# --- own templates ------------------------------------------------------------------------------


def user_template(home: Path, name: str, text: str) -> None:
    folder = home / "templates"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")


@pytest.mark.parametrize("fmt", TEMPLATE_FORMATS)
@pytest.mark.parametrize("kind", KINDS)
def test_user_template_overrides_every_kind(
    home: Path, library: Library, kind: str, fmt: str
) -> None:
    name = f"{kinds.KINDS[kind].stem}.{fmt}.j2"
    user_template(home, name, "Eigen <i>{{ employee.name }}</i> {{ '<b>' ~ interviewer.name }}\n")
    out = render(completed(), kind, fmt, today=TODAY, library=library)
    expected = "&lt;b&gt;Marc Janssens" if fmt == "html" else "<b>Marc Janssens"  # autoescape
    assert out == f"Eigen <i>An Peeters</i> {expected}\n"
    # the other kinds still use the built-in templates
    other = next(k for k in KINDS if k != kind)
    assert not render(completed(), other, fmt, today=TODAY, library=library).startswith("Eigen")


def test_own_base_html_restyles_every_html_document(home: Path, library: Library) -> None:
    user_template(
        home,
        "base.html.j2",
        '<!DOCTYPE html>\n<html lang="nl-BE"><head><meta charset="utf-8">'
        "<title>{% block title %}{% endblock %}</title>"
        "<style>/* Bakkerij Peeters */{% block page_style %}{% endblock %}</style></head>"
        '<body class="{% block sheet_class %}{% endblock %}">'
        "{% block content %}{% endblock %}</body></html>\n",
    )
    for kind in KINDS:
        out = render(prepared(), kind, "html", today=TODAY, library=library)
        assert "/* Bakkerij Peeters */" in out, kind
        parse_html(out)


def test_kind_variables_exist_only_in_their_kind(home: Path, library: Library) -> None:
    user_template(home, "card.md.j2", "Kaart\n{{ reflection }}\n")
    with pytest.raises(ConfigError) as info:
        render(completed(), "kaart", "md", today=TODAY, library=library)
    assert "card.md.j2:2" in info.value.message
    assert "reflection" in info.value.message
    assert "reflection" not in (info.value.hint or "")  # the hint lists what the card does get
    assert "next_followup" in (info.value.hint or "")
    user_template(home, "invitation.md.j2", "{{ preparation }}\n")
    with pytest.raises(ConfigError) as info:
        render(prepared(), "uitnodiging", "md", today=TODAY, library=library)
    assert "reflection" in (info.value.hint or "")


def test_explicit_template_for_the_invitation(library: Library, tmp_path: Path) -> None:
    file = tmp_path / "vragen.j2"
    file.write_text(
        "{% for g in reflection %}{% for q in g.questions %}"
        "- {{ q.question }}\n"
        "{% endfor %}{% endfor %}",
        encoding="utf-8",
    )
    out = render(prepared(), "uitnodiging", "txt", template=file, today=TODAY, library=library)
    assert out.splitlines() == [f"- {q}" for q in REFLECTION]


def test_sandbox_holds_in_the_new_kinds(home: Path, library: Library) -> None:
    user_template(home, "preparation.txt.j2", "ok\n{{ preparation.__class__.__mro__ }}\n")
    with pytest.raises(ConfigError) as info:
        render(prepared(), "voorbereiding", "txt", today=TODAY, library=library)
    assert "preparation.txt.j2:2" in info.value.message


# --- the command line -----------------------------------------------------------------------


@pytest.fixture
def on_disk(home: Path) -> tuple[str, str]:
    """A completed conversation and a prepared one, written to the data folder."""
    done = completed()
    planned = prepared(id="2026-12-01-an-peeters", date=dt.date(2026, 12, 1))
    write_session(home, done)
    write_session(home, planned)
    return done.id, planned.id


@pytest.mark.parametrize("fmt", ["md", "txt", "html", "ics"])
@pytest.mark.parametrize("kind", KINDS)
def test_cli_every_kind_and_format(
    run: CliRun, on_disk: tuple[str, str], kind: str, fmt: str
) -> None:
    session_id = on_disk[1] if kind in ("uitnodiging", "voorbereiding") else on_disk[0]
    result = run("export", session_id, "--kind", kind, "--format", fmt)
    assert result.exit_code == 0, result.output
    assert "An Peeters" in result.stdout
    assert result.stderr == ""


def test_cli_html_to_file(run: CliRun, on_disk: tuple[str, str], tmp_path: Path) -> None:
    target = tmp_path / "afspraken.html"
    result = run("export", on_disk[0], "--format", "html", "-o", target)
    assert result.exit_code == 0, result.output
    assert f"Geschreven: {target.resolve()}" in result.stdout
    parse_html(target.read_text(encoding="utf-8"))
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert_fails(run("export", on_disk[0], "--format", "html", "-o", target), 1, "--force")


@pytest.mark.parametrize(
    ("name", "looks_like"),
    [
        ("afspraken.html", "<!DOCTYPE html>"),
        ("afspraken.HTM", "<!DOCTYPE html>"),
        ("afspraken.txt", "AFSPRAKEN"),
        ("afspraken.md", "# "),
        ("opvolging.ics", "BEGIN:VCALENDAR"),
    ],
)
def test_the_file_ending_chooses_the_format(
    run: CliRun, on_disk: tuple[str, str], tmp_path: Path, name: str, looks_like: str
) -> None:
    target = tmp_path / name
    result = run("export", on_disk[0], "-o", target)
    assert result.exit_code == 0, result.output
    text = target.read_text(encoding="utf-8")
    assert looks_like in text, text[:200]
    if not name.endswith(".md"):
        assert "**" not in text  # no Markdown in a file that is not Markdown


@pytest.mark.parametrize(
    ("args", "needles"),
    [
        (["--format", "md", "-o", "afspraken.html"], ["--format md", ".html", "afspraken.md"]),
        (["-o", "afspraken.odt"], [".odt", ".md, .txt, .html"]),
        (["-o", "afspraken"], ["geen extensie", "--format"]),
        (["--format", "doc"], ["onbekend formaat 'doc'"]),
    ],
)
def test_a_file_ending_that_does_not_fit_is_refused(
    run: CliRun, on_disk: tuple[str, str], tmp_path: Path, args: list[str], needles: list[str]
) -> None:
    args = [str(tmp_path / a) if a.startswith("afspraken") else a for a in args]
    assert_fails(run("export", on_disk[0], *args), 1, *needles)
    assert list(tmp_path.glob("afspraken*")) == []


def test_a_name_without_ending_is_fine_with_an_explicit_format(
    run: CliRun, on_disk: tuple[str, str], tmp_path: Path
) -> None:
    target = tmp_path / "afsprakenblad"
    assert run("export", on_disk[0], "--format", "txt", "-o", target).exit_code == 0
    assert "AFSPRAKEN" in target.read_text(encoding="utf-8")


def test_cli_ics_to_file(run: CliRun, on_disk: tuple[str, str], tmp_path: Path) -> None:
    target = tmp_path / "agenda.ics"
    assert run("export", on_disk[0], "--format", "ics", "-o", target).exit_code == 0
    assert target.read_bytes().count(b"\r\n") == target.read_bytes().count(b"\n")
    assert len(events(target.read_text(encoding="utf-8"))) == 4


def test_cli_unknown_kind_and_format(run: CliRun, on_disk: tuple[str, str]) -> None:
    assert_fails(
        run("export", on_disk[0], "--kind", "contract"),
        1,
        "contract",
        "afspraken, kaart, uitnodiging, voorbereiding",
    )
    assert_fails(run("export", on_disk[0], "--format", "odt"), 1, "odt", "md, txt, html, ics")


def test_cli_help_explains_the_new_options(run: CliRun) -> None:
    text = " ".join(run("export", "--help").stdout.split())
    for needle in ("kaart", "uitnodiging", "voorbereiding", "ics", "html", "--open", "--template"):
        assert needle in text, needle
    assert "maakt dit niet uit" in text  # --kind and ics


def test_cli_nothing_for_the_calendar(run: CliRun, home: Path) -> None:
    write_session(home, make_session(followups=[], agreements=[], next_conversation=None))
    assert_fails(run("export", SID, "--format", "ics"), 1, "agenda")


# --- --open ---------------------------------------------------------------------------------


@pytest.fixture
def opener(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A stand-in for xdg-open / open that notes what it was asked to open."""
    if sys.platform == "win32":
        pytest.skip("uses a shell script as the opener")
    folder = tmp_path / "bin"
    folder.mkdir()
    log = tmp_path / "geopend.txt"
    script = '#!/bin/sh\necho "$1" >> "$OPENED_LOG"\nexit "${FAKE_EXIT:-0}"\n'
    for name in ("xdg-open", "open"):
        (folder / name).write_text(script, encoding="utf-8")
        (folder / name).chmod(0o755)
    monkeypatch.setenv("PATH", str(folder))
    monkeypatch.setenv("OPENED_LOG", str(log))
    return log


def test_open_writes_and_opens(
    run: CliRun, on_disk: tuple[str, str], opener: Path, tmp_path: Path
) -> None:
    target = tmp_path / "mijn-afspraken.html"
    result = run("export", on_disk[0], "--format", "html", "-o", target, "--open")
    assert result.exit_code == 0, result.output
    assert f"Geschreven: {target.resolve()}" in result.stdout
    assert opener.read_text(encoding="utf-8").split() == [str(target.resolve())]
    assert result.stderr == ""


def test_open_without_output_picks_a_name(
    run: CliRun,
    on_disk: tuple[str, str],
    opener: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    folder = tmp_path / "hier"
    folder.mkdir()
    monkeypatch.chdir(folder)
    result = run("export", on_disk[0], "--format", "html", "--open")
    assert result.exit_code == 0, result.output
    written = (folder / f"afspraken-{on_disk[0]}.html").resolve()
    assert written.is_file()
    assert f"Geschreven: {written}" in result.stdout
    assert "<html" not in result.stdout  # the document went to the file
    # not over an existing file without --force
    assert_fails(run("export", on_disk[0], "--format", "html", "--open"), 1, "--force")
    assert run("export", on_disk[0], "--format", "html", "--open", "--force").exit_code == 0
    ics = run("export", on_disk[0], "--format", "ics", "--open")
    assert ics.exit_code == 0
    assert (folder / f"agenda-{on_disk[0]}.ics").is_file()


def test_open_without_an_opener(
    run: CliRun, on_disk: tuple[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    empty = tmp_path / "leeg"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    target = tmp_path / "kaart.html"
    result = run(
        "export", on_disk[0], "--kind", "kaart", "--format", "html", "-o", target, "--open"
    )
    assert result.exit_code == 0, result.output
    assert target.is_file()
    assert f"Geschreven: {target.resolve()}" in result.stdout
    assert "Geen programma gevonden" in result.stderr
    assert str(target.resolve()) in result.stderr


def test_open_when_the_opener_fails(
    run: CliRun,
    on_disk: tuple[str, str],
    opener: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("FAKE_EXIT", "3")
    target = tmp_path / "afspraken.html"
    result: Result = run("export", on_disk[0], "--format", "html", "-o", target, "--open")
    assert result.exit_code == 0, result.output
    assert "foutcode 3" in result.stderr
    assert target.is_file()


def test_open_never_raises(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> object:
        raise PermissionError(13, "Toegang geweigerd")

    monkeypatch.setattr(exporting.subprocess, "Popen", broken)
    monkeypatch.setattr(exporting.shutil, "which", lambda name: "/usr/bin/" + name)
    monkeypatch.setattr(exporting.sys, "platform", "linux")
    message = exporting.open_with_default_program(tmp_path / "x.html")
    assert message is not None and "geen toestemming" in message


def test_open_to_stdout_makes_no_sense(run: CliRun, on_disk: tuple[str, str]) -> None:
    assert_fails(run("export", on_disk[0], "-o", "-", "--open"), 1, "--open")
