"""The access copy (documents/access.py): everything about one person, as a document to read."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import html5lib
import pytest
from helpers import CliRun, assert_fails, readable, write_session
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
    """The access copy as it is made, per format; pdf through its Typst source, docx as text."""
    from test_pdf_docx import check_golden, docx_text

    if fmt == "docx":
        made_docx = render_access(_golden_context(), fmt)
        assert isinstance(made_docx, bytes)
        check_golden("access.docx.txt", docx_text(made_docx))
        return
    if fmt == "typ":
        from loopbaan_cli.documents.environment import fill
        from loopbaan_cli.documents.kinds import format_named
        from loopbaan_cli.documents.pdf import typst_environment

        env, name = typst_environment("access", format_named("pdf"), None)
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


def test_the_access_copy_opens_in_word() -> None:
    out = render_access(_golden_context(), "docx")
    assert isinstance(out, bytes)
    text = readable(out)
    assert "Wat loopbaan over An Peeters bewaart" in text
    assert "(niet op het afsprakenblad)" in text and "Privénotitie van de leidinggevende" in text


def test_a_word_access_copy_goes_to_a_file(run: CliRun, home: Path, tmp_path: Path) -> None:
    write_session(home, completed())
    assert_fails(
        run("export-data", "--employee", "An Peeters", "--format", "docx"), 1, "inzage.docx"
    )
    target = tmp_path / "inzage.docx"
    done = run("export-data", "--employee", "An Peeters", "-o", target)
    assert done.exit_code == 0, done.output
    assert PRIVATE in readable(target.read_bytes())
