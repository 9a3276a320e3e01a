"""pdf and docx: every kind, read back the way a person would see it.

The PDF is read back with pypdf (its text, its pages, its fonts), the Word
document with python-docx. Their golden files are what can be compared
reliably: the Typst source of each PDF (tests/golden/<stem>.typ) and the
paragraphs and tables of each Word document (tests/golden/<stem>.docx.txt).
`UPDATE_GOLDEN=1 pytest tests/documents/test_pdf_docx.py` rewrites them; read
the diff before committing.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import stat
import sys
from pathlib import Path
from typing import Any

import docx
import pypdf
import pytest
from helpers import GOLDEN, CliRun, assert_fails, write_session
from hypothesis import given, settings
from hypothesis import strategies as st
from test_documents import BANKS, BEFORE, KINDS, PREP_PUBLIC_NOTE, completed, hostile, prepared
from test_render import (
    ANNEX,
    PRIVATE,
    PRIVATE_PREP,
    PUBLIC,
    SENSITIVE,
    SKIPPED_QUESTION,
    SUMMARY,
    TODAY,
)

from loopbaan_cli.app import export as exporting
from loopbaan_cli.banks.library import Library, load_library
from loopbaan_cli.documents import kinds
from loopbaan_cli.documents.context import Paper
from loopbaan_cli.documents.docx import writers
from loopbaan_cli.documents.kinds import Request
from loopbaan_cli.documents.pdf import compile_source, escape, typst_source
from loopbaan_cli.documents.render import render
from loopbaan_cli.kernel import paths
from loopbaan_cli.kernel.errors import ConfigError, LoopbaanError

BINARY = [f.name for f in kinds.FORMATS.values() if f.binary]
# on the manager's side only: never on a document for the employee
LABELS = ("Spitsuurjaren", "Groeien in de huidige job", "Evenwicht werk-privé")
FOR_EMPLOYEE = ("afspraken", "kaart", "uitnodiging", "opvolging")


@pytest.fixture
def library(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Library:
    """The small banks of test_documents.py instead of the built-in ones (as its goldens)."""
    folder = tmp_path / "builtin_banks"
    (folder / "banks").mkdir(parents=True)
    for catalogue in Path(paths.builtin_banks_dir()).glob("*.yaml"):
        shutil.copy(catalogue, folder / catalogue.name)
    for name, text in BANKS.items():
        (folder / "banks" / name).write_text(text.lstrip(), encoding="utf-8")
    monkeypatch.setattr(paths, "builtin_banks_dir", lambda: folder)
    lib = load_library()
    assert not lib.errors, lib.errors
    return lib


def session_for(kind: str) -> Any:
    return prepared() if kind in BEFORE else completed()


def make(kind: str, fmt: str, library: Any, session: Any = None, **options: Any) -> bytes:
    out = render(session or session_for(kind), kind, fmt, today=TODAY, library=library, **options)
    assert isinstance(out, bytes)
    return out


def pdf_pages(data: bytes) -> list[str]:
    """The text of each page, as one line of words; a word hyphenated at a line end is whole."""
    reader = pypdf.PdfReader(io.BytesIO(data))
    return [flat(page.extract_text()) for page in reader.pages]


def flat(text: str) -> str:
    """Words joined again where Typst hyphenated them at a line end; typographic quotes plain."""
    text = re.sub("[\u00ad-]\n", "", text)
    text = text.translate(str.maketrans("“”″‘’′", "\"\"\"'''"))
    return " ".join(text.split())


def docx_text(data: bytes) -> str:
    """Every paragraph and table row of the Word document, header and footer first."""
    document = docx.Document(io.BytesIO(data))
    section = document.sections[0]
    lines = ["[kop] " + p.text for p in section.header.paragraphs]
    lines += ["[voet] " + p.text for p in section.footer.paragraphs]
    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            para = docx.text.paragraph.Paragraph(child, document)
            style = para.style.name if para.style is not None else ""
            if para.text.strip():
                lines.append(f"[{style}] {para.text}")
        elif tag == "tbl":
            table = docx.table.Table(child, document)
            for row in table.rows:
                lines.append(" | ".join(cell.text.replace("\n", " / ") for cell in row.cells))
    return "\n".join(lines) + "\n"


def check_golden(name: str, out: str) -> None:
    golden = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN") == "1":
        golden.write_text(out, encoding="utf-8")
    assert out == golden.read_text(encoding="utf-8"), f"differs from tests/golden/{name}"


# --- golden files: the Typst source and the Word text of every kind -------------------


@pytest.mark.parametrize("kind", KINDS)
def test_golden_typst_source(library: Any, kind: str) -> None:
    chosen = kinds.KINDS[kind]
    request = Request(
        session_for(kind), chosen, kinds.FORMATS["pdf"], library, (), TODAY, None, None
    )
    check_golden(f"{chosen.stem}.typ", typst_source(request))


@pytest.mark.parametrize("kind", KINDS)
def test_golden_docx(library: Any, kind: str) -> None:
    check_golden(f"{kinds.KINDS[kind].stem}.docx.txt", docx_text(make(kind, "docx", library)))


# --- pdf ---------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_is_a_pdf_people_can_read(library: Any, kind: str) -> None:
    data = make(kind, "pdf", library)
    assert data.startswith(b"%PDF-")
    pages = pdf_pages(data)
    text = " ".join(pages)
    assert "An Peeters" in text
    for number, page in enumerate(pages, start=1):
        assert f"blad {number} van {len(pages)}" in page, number  # on every page
    for secret in (PRIVATE, PRIVATE_PREP, SENSITIVE):
        assert secret not in text
    if kind in FOR_EMPLOYEE:
        for label in LABELS:
            assert label not in text, label


def test_pdf_fonts_are_embedded_and_the_page_is_a4(library: Any) -> None:
    reader = pypdf.PdfReader(io.BytesIO(make("afspraken", "pdf", library)))
    fonts = []
    for page in reader.pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert (round(width / 72 * 25.4), round(height / 72 * 25.4)) == (210, 297)
        for font in page["/Resources"]["/Font"].values():
            descendant = font.get_object()["/DescendantFonts"][0].get_object()
            descriptor = descendant["/FontDescriptor"].get_object()
            fonts.append(descriptor)
            assert any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
    assert fonts


def test_card_pdf_is_a6(library: Any) -> None:
    reader = pypdf.PdfReader(io.BytesIO(make("kaart", "pdf", library)))
    box = reader.pages[0].mediabox
    assert (round(float(box.width) / 72 * 25.4), round(float(box.height) / 72 * 25.4)) == (
        105,
        148,
    )
    text = " ".join(pdf_pages(make("kaart", "pdf", library)))
    # every agreement whole, "Tegen:", every follow-up
    assert "Opleiding offertes en calculatie volgen (avondschool | Syntra)" in text
    assert "Tegen: 30 juni 2027" in text and "Klaar:" not in text
    assert "maandag 18 januari 2027" in text and "maandag 15 maart 2027" in text


def test_the_signatures_start_on_the_first_page_and_the_boxes_stay_whole(library: Any) -> None:
    # the explanation and the remark box may stay on page 1, the two boxes go together
    pages = pdf_pages(make("afspraken", "pdf", library))
    assert "Handtekeningen" in pages[0] and "Voor gezien: je hebt dit blad gelezen" in pages[0]
    last = pages[-1]
    assert last.count("Handtekening") >= 2 and "Datum:" in last
    assert "Paraaf" in pages[0] and "blad 1 van 2" in pages[0] and "Paraaf" not in last


def test_the_agreement_fits_on_two_pages_without_annex(library: Any) -> None:
    pages = pdf_pages(make("afspraken", "pdf", library))
    assert len(pages) <= 2
    first, text = pages[0], " ".join(pages)
    for needle in (
        "Schriftelijke afspraken",
        "zondag 22 november 2026",
        "Doorverwijzing naar loopbaanbegeleiding",
        "Nu geen groei",
        "Opleiding offertes en calculatie volgen",
    ):
        assert needle in first, needle  # who, when, the conclusions, the agreements: page 1
    for needle in (
        "maandag 18 januari 2027: Verslag loopbaanbegeleiding bespreken",
        "Zo is de leidinggevende bereikbaar",
        SUMMARY,
        "Voor gezien: je hebt dit blad gelezen; daarmee ga je nog niet akkoord",
        "Akkoord: je gaat akkoord met de conclusies en de afspraken",
        "De antwoorden uit het gesprek staan niet op dit blad",
    ):
        assert needle in text, needle
    assert "OPMERKINGVANDEMEDEWERKER" in text.replace(" ", "")  # a spaced-out label
    # the answers stay in the data folder without --annex
    assert PUBLIC not in text and "BIJLAGE" not in text.replace(" ", "")
    # initials on every page but the last
    assert all("Paraaf" in page for page in pages[:-1])
    assert "Paraaf" not in pages[-1]


def test_the_annex_pages_carry_the_paraaf_the_signature_page_not(library: Any) -> None:
    pages = pdf_pages(make("afspraken", "pdf", library, paper=ANNEX))
    signed = [i for i, page in enumerate(pages) if page.count("Handtekening") >= 2]
    assert len(signed) == 1 and signed[0] < len(pages) - 1, "the annex comes after"
    for number, page in enumerate(pages):
        assert ("Paraaf" in page) == (number != signed[0]), number


def test_the_annex_holds_the_printed_answers_only(library: Any) -> None:
    text = " ".join(pdf_pages(make("afspraken", "pdf", library, paper=ANNEX)))
    assert "BIJLAGE" in text.replace(" ", "") and PUBLIC in text
    for secret in (PRIVATE, SENSITIVE, SKIPPED_QUESTION):
        assert secret not in text


def test_the_organisation_stands_on_every_page(library: Any) -> None:
    paper = Paper(
        organisation_name="Bakkerij Peeters", organisation_address="Kerkstraat 1\n9000 Gent"
    )
    for kind in KINDS:
        pages = pdf_pages(make(kind, "pdf", library, paper=paper))
        for page in pages:
            assert "Bakkerij Peeters" in page and "Kerkstraat 1" in page, kind
            assert "9000 Gent" in page, kind
    privacy = " ".join(pdf_pages(make("afspraken", "pdf", library, paper=paper)))
    assert "Bakkerij Peeters bewaart dit blad vertrouwelijk" in privacy


PNG_DOT = (
    "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk"
    "+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)


def test_the_logo_is_placed(library: Any) -> None:
    paper = Paper(organisation_name="X", logo=PNG_DOT)
    reader = pypdf.PdfReader(io.BytesIO(make("afspraken", "pdf", library, paper=paper)))
    for page in reader.pages:  # one logo on every page
        objects = page["/Resources"].get("/XObject", {})
        assert [x for x in objects.values() if x.get_object()["/Subtype"] == "/Image"]
    broken = Paper(organisation_name="X", logo="data:image/png;base64,bm9wZQ==")
    with pytest.raises(ConfigError, match="Typst kon de pdf niet maken"):
        make("afspraken", "pdf", library, paper=broken)
    word = docx.Document(io.BytesIO(make("afspraken", "docx", library, paper=paper)))
    header = word.sections[0].header.part
    assert any(rel.reltype.endswith("/image") for rel in header.rels.values())
    with pytest.raises(LoopbaanError, match="geen afbeelding die Word kan tonen"):
        make("afspraken", "docx", library, paper=broken)


def test_typed_text_stays_text_in_the_pdf(library: Any) -> None:
    typed = (
        '#read("/etc/passwd") $x^2$ *vet* _schuin_ <label> @ref [a] {b} // niet weg \\ = - + / ~ .'
    )
    session = completed()
    session.agreements[0].what = typed
    session.reachability = "Bel me\n- op maandag\n1. of dinsdag"
    text = " ".join(pdf_pages(make("afspraken", "pdf", library, session=session)))
    assert flat(typed) in text
    assert "Bel me - op maandag 1. of dinsdag" in text
    html_hostile = " ".join(pdf_pages(make("afspraken", "pdf", library, session=hostile())))
    assert '<script>alert("x")</script>' in html_hostile


@settings(max_examples=60, deadline=None)
@given(
    typed=st.text(alphabet=st.characters(codec="ascii", exclude_categories=("Cc",)), max_size=80)
)
def test_any_typed_ascii_reads_back_as_typed(typed: str) -> None:
    pdf = compile_source(f"#set page(width: 30cm, height: auto)\n{escape(typed)}\n")
    assert flat(" ".join(pdf_pages(pdf))) == flat(typed)


@settings(max_examples=40, deadline=None)
@given(typed=st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=80))
def test_any_typed_text_makes_a_pdf(typed: str) -> None:
    assert compile_source(f"{escape(typed)}\n").startswith(b"%PDF-")


def test_escape_keeps_line_breaks_and_leaves_quotes() -> None:
    assert escape("a\nb") == "a \\\nb"
    assert escape('zo\'n "mooie" dag') == 'zo\'n "mooie" dag'
    assert escape("#x *y*") == "\\#x \\*y\\*"
    assert escape(None) == ""
    assert escape(3) == "3"


def test_a_long_dutch_word_is_hyphenated_not_cut(library: Any) -> None:
    session = completed()
    word = "arbeidsongeschiktheidsverzekeringsmaatschappij"
    session.agreements[0].support = f"Vraag het na bij de {word}"
    reader = pypdf.PdfReader(io.BytesIO(make("afspraken", "pdf", library, session=session)))
    raw = reader.pages[0].extract_text()
    assert word not in raw  # too long for its column: broken somewhere ...
    assert word in flat(raw)  # ... with a hyphen, so it reads whole


def test_the_pdf_says_which_package_it_needs(library: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "typst", None)  # import typst fails
    with pytest.raises(LoopbaanError) as caught:
        make("afspraken", "pdf", library)
    assert "pdf heeft een extra pakket nodig" in caught.value.message
    # pasted, it installs into the Python that runs loopbaan (loopbaan itself
    # is not on a package index, so "pip install loopbaan[pdf]" would fail)
    assert f"{sys.executable} -m pip install 'typst" in str(caught.value.hint)
    monkeypatch.setitem(sys.modules, "docx", None)
    with pytest.raises(LoopbaanError, match="docx heeft een extra pakket nodig"):
        make("afspraken", "docx", library)


def test_an_own_typst_template_replaces_the_builtin(library: Any, home: Path) -> None:
    folder = home / "templates"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "card.typ.j2").write_text("Eigen kaart voor {{ employee.name }}\n", encoding="utf-8")
    assert pdf_pages(make("kaart", "pdf", library)) == ["Eigen kaart voor An Peeters"]
    (folder / "card.typ.j2").write_text("#{ 1 +\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"card\.typ\.j2"):
        make("kaart", "pdf", library)


def test_a_typst_template_file_makes_the_pdf(library: Any, tmp_path: Path) -> None:
    file = tmp_path / "mijn-kaart.typ.j2"
    file.write_text("= Kaart\nVoor {{ employee.name }}\n", encoding="utf-8")
    assert pdf_pages(make("kaart", "pdf", library, template=file)) == ["Kaart Voor An Peeters"]


def test_a_typst_error_names_the_template_line(library: Any, tmp_path: Path) -> None:
    file = tmp_path / "blad.typ.j2"
    file.write_text(
        "= Afspraken met {{ employee.name }}\n\n#let breed = \nNog een regel\n", "utf-8"
    )
    with pytest.raises(ConfigError) as caught:
        make("afspraken", "pdf", library, template=file)
    problem = caught.value.problems[0]
    assert (Path(problem.file).name, problem.line) == ("blad.typ.j2", 3)
    assert "Typst kon de pdf niet maken" in problem.message
    # in the built-in base it extends, the line is found there
    file.write_text('{% extends "_base.typ.j2" %}\n{% block content %}\n#{ 1 +\n{% endblock %}\n')
    with pytest.raises(ConfigError) as caught:
        make("afspraken", "pdf", library, template=file)
    assert caught.value.problems[0].line in (3, 4)  # Typst sees the brace open until the end


@pytest.mark.parametrize(
    ("fmt", "template", "says"),
    [
        ("docx", "blad.docx.j2", "--template werkt niet voor docx"),
        ("pdf", "blad.html.j2", "sjabloon voor html (.html.j2), niet voor pdf"),
        ("html", "blad.typ.j2", "sjabloon voor pdf (.typ.j2), niet voor html"),
    ],
)
def test_a_template_the_format_cannot_take_is_refused_in_dutch(
    run: Any, home: Path, tmp_path: Path, fmt: str, template: str, says: str
) -> None:
    from helpers import assert_fails, write_session

    write_session(home, completed())
    file = tmp_path / template
    file.write_text("{{ employee.name }}\n", encoding="utf-8")
    target = tmp_path / f"uit.{fmt}"
    result = run("export", completed().id, "--template", file, "-o", target)
    assert_fails(result, 1, says)
    assert not target.exists()


# --- docx --------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_opens_in_word(library: Any, kind: str) -> None:
    text = docx_text(make(kind, "docx", library))
    assert "An Peeters" in text
    assert "blad 1 van" in text
    for secret in (PRIVATE, PRIVATE_PREP, SENSITIVE):
        assert secret not in text
    if kind in FOR_EMPLOYEE:
        for label in LABELS:
            assert label not in text, label


def test_the_agreement_in_word_is_editable(library: Any) -> None:
    document = docx.Document(io.BytesIO(make("afspraken", "docx", library)))
    headings = [
        p.text for p in document.paragraphs if p.style.name.startswith(("Heading", "Title"))
    ]
    for needle in (
        "Schriftelijke afspraken",
        "Conclusies",
        "Afspraken",
        "Opvolging",
        "Handtekeningen",
    ):
        assert needle in headings, needle
    grid = next(t for t in document.tables if t.rows[0].cells[0].text == "Nr.")
    assert [c.text for c in grid.rows[0].cells][1:3] == ["Wat", "Wie"]
    assert grid.rows[1].cells[1].text.startswith("Opleiding offertes en calculatie volgen")
    assert len(grid.rows) == 3
    text = docx_text(make("afspraken", "docx", library))
    assert "☐ voor gezien" in text and "Handtekening" in text
    assert SUMMARY in text and PUBLIC not in text
    assert PUBLIC in docx_text(make("afspraken", "docx", library, paper=ANNEX))
    assert document.core_properties.language == "nl-BE"


def test_preparation_in_word_has_the_paper_forms(library: Any) -> None:
    text = docx_text(make("voorbereiding", "docx", library))
    assert PREP_PUBLIC_NOTE in text
    assert "☐ Ja" in text or "☐" in text
    assert "....." in text


# --- the registry and the command --------------------------------------------------------


def test_every_kind_has_a_word_writer() -> None:
    assert set(writers()) == {kind.stem for kind in kinds.KINDS.values()}


@pytest.fixture
def on_disk(home: Path) -> str:
    session = completed()
    write_session(home, session)
    return session.id


@pytest.mark.parametrize("fmt", BINARY)
def test_the_file_ending_picks_the_binary_format(
    run: CliRun, on_disk: str, tmp_path: Path, fmt: str
) -> None:
    target = tmp_path / f"afspraken.{fmt}"
    result = run("export", on_disk, "-o", target)
    assert result.exit_code == 0, result.output
    assert f"Geschreven: {target.resolve()}" in result.stdout
    assert target.read_bytes()[:4] in (b"%PDF", b"PK\x03\x04")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert_fails(run("export", on_disk, "-o", target), 1, "--force")


@pytest.mark.parametrize("fmt", BINARY)
def test_binary_goes_into_a_pipe_but_not_onto_a_terminal(
    run: CliRun, on_disk: str, fmt: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    piped = run("export", on_disk, "--format", fmt)
    assert piped.exit_code == 0, piped.output
    assert piped.stdout_bytes[:4] in (b"%PDF", b"PK\x03\x04")
    monkeypatch.setattr(exporting, "stdout_is_terminal", lambda: True)
    assert_fails(
        run("export", on_disk, "--format", fmt), 1, "niet op het scherm", f"-o afspraken.{fmt}"
    )


def test_the_same_conversation_gives_the_same_pdf(library: Any) -> None:
    """Nothing in the PDF depends on the clock or the computer (no system fonts)."""
    assert make("afspraken", "pdf", library) == make("afspraken", "pdf", library)
