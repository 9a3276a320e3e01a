"""The follow-up document (`--kind opvolging`): the latest check-in, for the employee."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from helpers import CliRun, make_session, readable, write_session
from test_documents import CHECKIN, completed
from test_render import PRIVATE, PRIVATE_PREP, SENSITIVE, TODAY

from loopbaan_cli.banks.library import Library, load_library
from loopbaan_cli.documents.render import render
from loopbaan_cli.sessions.model import Agreement, AgreementProgress, CheckIn, Session

LABELS = ("Spitsuurjaren", "Groeien in de huidige job", "Evenwicht werk-privé")


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library()


def text_of(session: Session, fmt: str, library: Library) -> str:
    """The document as a person reads it, its lines run together (txt wraps, pdf hyphenates)."""
    out = readable(render(session, "opvolging", fmt, today=TODAY, library=library))
    return out if fmt == "md" else " ".join(out.split())


@pytest.mark.parametrize("fmt", ["md", "txt", "html", "pdf", "docx"])
def test_each_agreement_with_its_status_and_what_changes(library: Library, fmt: str) -> None:
    text = text_of(completed(), fmt, library)
    for words in (
        "Hoe elke afspraak loopt",
        "Klaar",
        "Ingeschreven bij Syntra",
        "Zit vast",
        "Jan was twee maanden ziek",
        "Wat er verandert",
        "Gewijzigd",
        "An maakte haar eerste offerte zelf.",
        "15 maart 2027",
        "mag het altijd inkijken",
    ):
        assert words.lower() in text.lower(), (fmt, words)  # txt headings are capitals
    for secret in (PRIVATE, PRIVATE_PREP, SENSITIVE, *LABELS):
        assert secret not in text, (fmt, secret)


def test_the_latest_completed_checkin_counts_and_new_agreements_say_so(library: Library) -> None:
    session = completed()
    session.agreements.append(Agreement(what="Zelf een offerte voorstellen aan de klant"))
    later = CheckIn(
        date=dt.date(2027, 3, 15),
        status="completed",
        progress=[AgreementProgress(number=2, status="loopt", remark="Eerste dag gedaan")],
        added=[3],
    )
    unfinished = CheckIn(date=dt.date(2027, 5, 1), progress=[])
    session.checkins = [CHECKIN, later, unfinished]
    text = text_of(session, "md", library)
    assert "**Opvolging van:** 15 maart 2027" in text
    assert "*Loopt nog*: Eerste dag gedaan" in text  # agreement 2, rated again
    assert "*Klaar*: Ingeschreven bij Syntra" in text  # agreement 1, rated the first time
    assert "Nieuwe afspraak: **Zelf een offerte voorstellen aan de klant**" in text
    assert "Zit vast" not in text


@pytest.mark.parametrize("fmt", ["md", "txt", "html", "pdf", "docx"])
def test_without_a_checkin_the_document_says_so(library: Library, fmt: str) -> None:
    session = completed()
    session.checkins = [CheckIn(date=dt.date(2027, 1, 18))]  # under way, not completed
    text = text_of(session, fmt, library)
    assert "nog geen opvolging afgerond" in text
    assert "An Peeters" in text


FOLLOWUP = """\
date: 2027-02-22
progress:
  1: {status: klaar, remark: Attest behaald}
  2: zit vast
successes: Eerste aangifte alleen gedaan
new_agreements:
  - action: meelopen
    what: Een dag meelopen bij de partner
    due: 2027-06-01
next: 2027-05-21
"""


def test_followup_names_the_export_and_the_export_works(
    run: CliRun, home: Path, tmp_path: Path
) -> None:
    session = make_session(
        agreements=[
            Agreement(what="Cursus boekhouden volgen", owner="An Peeters"),
            Agreement(what="Meelopen met de planner", owner="An Peeters"),
        ]
    )
    write_session(home, session)
    answers = tmp_path / "opvolging.yaml"
    answers.write_text(FOLLOWUP, encoding="utf-8")
    done = run("followup", session.id, "--answers", answers, "--no-input")
    assert done.exit_code == 0, done.output
    said = " ".join(done.stdout.split())
    name = f"opvolging-{session.id}.html"
    assert f"export {session.id} --kind opvolging -o {name}" in said
    target = tmp_path / name
    made = run("export", session.id, "--kind", "opvolging", "-o", target)
    assert made.exit_code == 0, made.output
    text = target.read_text(encoding="utf-8")
    for words in ("Attest behaald", "Zit vast", "Een dag meelopen bij de partner", "21 mei 2027"):
        assert words in text, words


def test_the_followup_document_loads_no_question_banks(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """It shows only the session, so it does not wait for the banks to load (speed)."""
    from loopbaan_cli.app.export import export
    from loopbaan_cli.banks import library as banks_library

    def no_banks(*args: object, **kwargs: object) -> Library:
        raise AssertionError("the question banks were loaded")

    monkeypatch.setattr(banks_library, "load_library", no_banks)
    session = completed()
    write_session(home, session)
    for fmt in ("md", "txt", "html"):
        made = export(session.id, "opvolging", fmt, tmp_path / f"o.{fmt}", force=False)
        assert "Ingeschreven bij Syntra" in str(made.text), fmt
    with pytest.raises(AssertionError, match="banks were loaded"):
        export(session.id, "uitnodiging", "md", None, force=False)
