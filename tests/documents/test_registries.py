"""The document registries (documents/kinds.py) are complete: every entry has what it needs.

A new kind is an entry in KINDS plus its templates, a row in
docs/sjablonen.md and golden files; a new format is an entry in FORMATS; a
new paper form is a macro in templates/_types.j2. These tests name what an
entry still lacks, so the registry is the one place to start from.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from helpers import GOLDEN, ROOT

from loopbaan_cli.banks.types import TYPES, Paper
from loopbaan_cli.documents.environment import environment
from loopbaan_cli.documents.kinds import (
    DEFAULT_FORMAT,
    DEFAULT_KIND,
    FORMATS,
    KINDS,
    Format,
    Kind,
    format_for_ending,
    format_help,
    kind_help,
    template_formats,
)
from loopbaan_cli.kernel import paths

DOCS = ROOT / "docs" / "sjablonen.md"

# A binary format (pdf, docx) is made from the kind's context by a maker, not
# from a --template; per format, what every kind needs for it: the file that
# makes it (None: a writer in code, checked below) and its golden file, which
# holds what can be compared (the Typst source, the text of the Word file).
BINARY: dict[str, tuple[str | None, str]] = {
    "pdf": ("templates/{stem}.typ.j2", "{stem}.typ"),
    "docx": (None, "{stem}.docx.txt"),
}


def _kinds_section() -> str:
    text = DOCS.read_text(encoding="utf-8")
    return text.split("## Welke documenten", 1)[1].split("\n#", 1)[0]


def _docs_rows() -> dict[str, str]:
    """kind -> its row in the table of kinds in docs/sjablonen.md."""
    section = _kinds_section()
    return dict(re.findall(r"^\| `([a-z_]+)`(?: \(standaard\))? \|(.*)$", section, flags=re.M))


def kind_lacks(kind: Kind) -> list[str]:
    """What `kind` is missing, each as a sentence naming the file to add or change."""
    missing = []
    templates = Path(paths.builtin_templates_dir())
    for fmt in template_formats():
        name = f"{kind.stem}.{fmt.name}.j2"
        if not (templates / name).is_file():
            missing.append(f"kind '{kind.name}' has no template templates/{name}")
    row = _docs_rows().get(kind.name)
    if row is None:
        missing.append(f"kind '{kind.name}' has no docs row in docs/sjablonen.md")
    elif f"`{kind.stem}`" not in row:
        missing.append(f"kind '{kind.name}': its docs row does not name the template `{kind.stem}`")
    for fmt in template_formats():
        if not (GOLDEN / f"{kind.stem}.{fmt.name}").is_file():
            missing.append(
                f"kind '{kind.name}' has no golden file tests/golden/{kind.stem}.{fmt.name}"
            )
    missing += binary_lacks(kind)
    if not kind.help.strip():
        missing.append(f"kind '{kind.name}' has no help text")
    if kind.width < 40:
        missing.append(f"kind '{kind.name}' promises a txt width of {kind.width}, too narrow")
    return missing


def binary_lacks(kind: Kind) -> list[str]:
    """What `kind` lacks for the binary formats: their template or writer, their golden file."""
    from loopbaan_cli.documents.docx import writers

    missing = []
    for fmt in (f for f in FORMATS.values() if f.binary and f.name in BINARY):
        source, golden = (p.format(stem=kind.stem) if p else None for p in BINARY[fmt.name])
        if source is not None and not (ROOT / source).is_file():
            missing.append(f"kind '{kind.name}' has no template {source} for {fmt.name}")
        if fmt.name == "docx" and kind.stem not in writers():
            missing.append(
                f"kind '{kind.name}' has no Word writer: add '{kind.stem}' to a WRITERS "
                "table of documents/docx_*.py"
            )
        if golden is not None and not (GOLDEN / golden).is_file():
            missing.append(f"kind '{kind.name}' has no golden file tests/golden/{golden}")
    return missing


def format_lacks(fmt: Format) -> list[str]:
    missing = []
    if fmt.binary and fmt.name not in BINARY:
        missing.append(
            f"format '{fmt.name}' is binary: say in BINARY of tests/documents/"
            "test_registries.py what each kind needs for it"
        )
    if not fmt.help.strip():
        missing.append(f"format '{fmt.name}' has no help text")
    if fmt.suffix != f".{fmt.name}":
        missing.append(f"format '{fmt.name}' writes {fmt.suffix!r}, not .{fmt.name}")
    if f"`{fmt.name}`" not in DOCS.read_text(encoding="utf-8"):
        missing.append(f"format '{fmt.name}' is not in docs/sjablonen.md")
    if not fmt.templated and not fmt.binary:
        # made the same for every kind: the golden files are named after the document
        if not list(GOLDEN.glob(f"calendar*{fmt.suffix}")):
            missing.append(
                f"format '{fmt.name}' has no golden file tests/golden/calendar*{fmt.suffix}"
            )
        if fmt.document is None or not fmt.about.strip():
            missing.append(
                f"format '{fmt.name}' ignores the kind but does not say what its file is "
                "called (document) or what it holds (about)"
            )
    return missing


@pytest.mark.parametrize("name", list(KINDS))
def test_every_kind_has_everything(name: str) -> None:
    missing = kind_lacks(KINDS[name])
    assert not missing, "\n".join(missing)


@pytest.mark.parametrize("name", list(FORMATS))
def test_every_format_has_everything(name: str) -> None:
    missing = format_lacks(FORMATS[name])
    assert not missing, "\n".join(missing)


def test_the_check_names_what_a_kind_lacks() -> None:
    bare = Kind("samenvatting", "summary", "")
    assert kind_lacks(bare) == [
        "kind 'samenvatting' has no template templates/summary.md.j2",
        "kind 'samenvatting' has no template templates/summary.txt.j2",
        "kind 'samenvatting' has no template templates/summary.html.j2",
        "kind 'samenvatting' has no docs row in docs/sjablonen.md",
        "kind 'samenvatting' has no golden file tests/golden/summary.md",
        "kind 'samenvatting' has no golden file tests/golden/summary.txt",
        "kind 'samenvatting' has no golden file tests/golden/summary.html",
        "kind 'samenvatting' has no template templates/summary.typ.j2 for pdf",
        "kind 'samenvatting' has no golden file tests/golden/summary.typ",
        "kind 'samenvatting' has no Word writer: add 'summary' to a WRITERS table of "
        "documents/docx_*.py",
        "kind 'samenvatting' has no golden file tests/golden/summary.docx.txt",
        "kind 'samenvatting' has no help text",
    ]


def test_the_docs_table_lists_the_kinds_in_registry_order() -> None:
    assert list(_docs_rows()) == list(KINDS)
    assert re.search(rf"^\| `{DEFAULT_KIND}` \(standaard\) \|", _kinds_section(), flags=re.M)


def test_defaults_are_registered() -> None:
    assert DEFAULT_KIND in KINDS
    assert FORMATS[DEFAULT_FORMAT].templated


def test_the_help_comes_from_the_registries() -> None:
    kinds = kind_help()
    for kind in KINDS.values():
        assert f"{kind.name} ({kind.help})" in kinds, kind.name
    formats = format_help()
    for fmt in FORMATS.values():
        assert f"{fmt.name} ({fmt.help})" in formats, fmt.name
        if fmt.document is not None:
            assert f"Bij --format {fmt.name} maakt dit niet uit" in kinds


@pytest.mark.parametrize("name", list(FORMATS))
def test_every_file_ending_finds_its_format(name: str) -> None:
    fmt = FORMATS[name]
    for ending in (fmt.suffix, fmt.suffix.upper().lstrip("."), *fmt.endings):
        assert format_for_ending(ending) is fmt, ending
    assert format_for_ending("odt") is None


# --- the paper forms of the question types ----------------------------------------------


def _paper_forms(fmt: str) -> dict[str, object]:
    env, _ = environment("preparation", FORMATS[fmt], None)
    forms: dict[str, object] = env.get_template("_types.j2").module.FORMS  # type: ignore[attr-defined]
    return forms


@pytest.mark.parametrize("fmt", [f.name for f in template_formats()])
def test_every_paper_form_has_a_macro(home: Path, fmt: str) -> None:
    forms = _paper_forms(fmt)
    missing = [
        f"paper form '{form.value}' has no macro in FORMS of templates/_types.j2"
        for form in Paper
        if form.value not in forms
    ]
    assert not missing, "\n".join(missing)
    for name, spec in TYPES.items():
        assert spec.paper.value in forms, f"question type '{name}' has no paper form"
