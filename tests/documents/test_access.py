"""The access copy (documents/access.py): everything about one person, as a document to read."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import html5lib
import pytest
from helpers import CliRun, readable, write_session
from test_documents import HOSTILE, completed, hostile, prepared
from test_render import PRIVATE, PRIVATE_PREP, PUBLIC, SCORE_QUESTION, SENSITIVE, SKIPPED_QUESTION

from loopbaan_cli.documents.access import ACCESS_FORMATS, access_context, render_access

GENERATED = dt.datetime(2026, 11, 23, 10, 0)


def make(fmt: str, *sessions: object) -> str:
    context = access_context(
        sessions or (prepared(id="2026-11-20-an-peeters"), completed()),
        "An Peeters",
        generated=GENERATED,
        data_folder="/home/marc/.local/share/loopbaan/sessions",
        unreadable=[{"file": "2029-01-01-an-peeters.yaml", "problem": "regel 3: geen datum"}],
    )
    text = readable(render_access(context, fmt)).translate(str.maketrans("“”", '""'))
    return " ".join(text.split())  # typographic quotes in a pdf read as plain ones


@pytest.mark.parametrize("fmt", ACCESS_FORMATS)
def test_nothing_is_left_out(fmt: str) -> None:
    text = make(fmt)
    for kept in (
        PRIVATE,  # private notes: about this person too
        PRIVATE_PREP,
        PUBLIC,
        SENSITIVE,  # the sensitive answer that may not go on the agreement
        SCORE_QUESTION,
        SKIPPED_QUESTION,
        "overgeslagen",
        "niet op het afsprakenblad",
        "Spitsuurjaren",  # the life phase: kept about them, so shown
        "Ingeschreven bij Syntra",  # the check-in
        "2029-01-01-an-peeters.yaml",  # a file that can not be read
    ):
        assert kept.split("-")[-1] in text, (fmt, kept)


def test_the_html_is_strict_and_typed_text_stays_text() -> None:
    context = access_context(
        [hostile()], "An", generated=GENERATED, data_folder="/tmp", unreadable=[]
    )
    out = render_access(context, "html")
    assert isinstance(out, str)
    tree = html5lib.HTMLParser(strict=True).parse(out)
    assert "&lt;script&gt;" in out and "<script" not in out
    assert HOSTILE in "".join(tree.itertext())


def test_typed_markup_stays_text_in_the_pdf() -> None:
    text = make("pdf", hostile())
    assert HOSTILE in text
    assert "#block" not in text


def _golden_context() -> dict[str, object]:
    return access_context(
        (prepared(id="2026-11-20-an-peeters"), completed()),
        "An Peeters",
        generated=GENERATED,
        data_folder="/home/marc/.local/share/loopbaan/sessions",
        unreadable=[{"file": "2029-01-01-an-peeters.yaml", "problem": "regel 3: geen datum"}],
    )


@pytest.mark.parametrize("fmt", [f for f in ACCESS_FORMATS if f != "pdf"] + ["typ"])
def test_golden_access_copy(fmt: str) -> None:
    """The access copy as it is made, per format; pdf through its Typst source."""
    from test_pdf_docx import check_golden

    if fmt == "typ":
        from loopbaan_cli.documents.environment import fill
        from loopbaan_cli.documents.pdf import typst_environment

        env, name = typst_environment("access", None)
        out = fill(env, name, _golden_context(), None)
    else:
        made = render_access(_golden_context(), fmt)
        assert isinstance(made, str)
        out = made
    check_golden(f"access.{fmt}", out)


def test_the_text_access_copy_fits_a_page_width() -> None:
    out = render_access(_golden_context(), "txt")
    assert isinstance(out, str)
    assert max(len(line) for line in out.splitlines()) <= 78


def test_export_data_as_plain_text(run: CliRun, home: Path) -> None:
    write_session(home, completed())
    result = run("export-data", "--employee", "An Peeters", "--format", "txt")
    assert result.exit_code == 0, result.output
    assert "INZAGE: WAT LOOPBAAN OVER AN PEETERS BEWAART" in result.stdout
    assert PRIVATE in " ".join(result.stdout.split())
