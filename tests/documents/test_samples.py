"""The sample documents in docs/voorbeelden/ can always be made again (scripts/make_samples.py).

Not that they are byte for byte the same (they carry the day they were made):
that the answers file still holds with the built-in banks, and that it still
shows what a sample must show.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from helpers import ROOT, CliRun

from loopbaan_cli.documents.render import render
from loopbaan_cli.sessions import store

SAMPLES = ROOT / "docs" / "voorbeelden"
SENSITIVE_KEY = "kern.energie_vreters"


def _script() -> object:
    spec = importlib.util.spec_from_file_location(
        "make_samples", ROOT / "scripts" / "make_samples.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_sample_answers_still_hold_with_the_built_in_banks(run: CliRun, home: Path) -> None:
    done = run("start", "--answers", SAMPLES / "antwoorden.yaml", "--no-input")
    assert done.exit_code == 0, done.output  # every question answered, nothing unknown or invalid
    assert "waarschuwing" not in done.stderr.lower()
    [listed] = store.list_sessions().sessions
    session = store.load(listed.id)
    assert session.status == "completed"
    assert len(session.agreements) == 2
    sensitive = session.answers[SENSITIVE_KEY]
    assert sensitive.sensitive and not sensitive.printed  # asked, kept, not on paper
    sheet = render(session, "afspraken", "md")
    assert isinstance(sheet, str)
    assert str(sensitive.value)[:40] not in sheet
    assert "Sofie Claes" in sheet
    followed = run("followup", listed.id, "--answers", SAMPLES / "opvolging.yaml", "--no-input")
    assert followed.exit_code == 0, followed.output
    assert store.load(listed.id).checkins[-1].status == "completed"


def test_every_sample_the_script_makes_is_there_and_described() -> None:
    script = _script()
    listing = (SAMPLES / "README.md").read_text(encoding="utf-8")
    documents = script.DOCUMENTS + script.AFTER_FOLLOWUP  # type: ignore[attr-defined]
    for _kind, _fmt, name in documents:
        assert (SAMPLES / name).is_file(), name
        assert f"]({name})" in listing, name
    assert "docs/voorbeelden/README.md" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_samples_on_paper_keep_the_sensitive_answer_off_it() -> None:
    """What ships in docs/ models good practice: no unconsented answer, two pages at most."""
    import io

    import pypdf
    from helpers import readable

    for name in ("afspraken.md", "afspraken.html", "afspraken.pdf", "kaart.pdf", "opvolging.pdf"):
        path = SAMPLES / name
        data = path.read_bytes()
        text = " ".join(readable(data if name.endswith(".pdf") else data.decode()).split())
        assert "Sofie Claes" in text, name
        assert "slaap ik slecht" not in text and "Loopbaan uitbouwen" not in text, name
    assert len(pypdf.PdfReader(io.BytesIO((SAMPLES / "afspraken.pdf").read_bytes())).pages) <= 2
