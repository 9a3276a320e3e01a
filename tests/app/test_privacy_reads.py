"""export-data reads a person's files as `export` does: sealed ones without the models.

The copy handed over stays the same whether a file was read through its seal
or validated in full; only the time it takes differs (issue 15).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import ROOT, CliRun, make_session, registered

from loopbaan_cli.sessions import seal, store
from loopbaan_cli.sessions.model import Employee


@pytest.fixture
def sealed(home: Path) -> list[Path]:
    """Two conversations with An and one with Jan, saved by loopbaan (so sealed)."""
    an = Employee(name="An Peeters", role="boekhouder", id=registered("An Peeters"))
    jan = Employee(name="Jan Janssens", id=registered("Jan Janssens"))
    saved = [
        store.save(make_session(employee=an)),
        store.save(
            make_session(id="2029-11-20-an-peeters", date=dt.date(2029, 11, 20), employee=an)
        ),
        store.save(make_session(id="2026-11-23-jan-janssens", employee=jan)),
    ]
    assert all(seal.unseal(p.read_text(encoding="utf-8")) is not None for p in saved)
    return saved


def _modules_after(home: Path, *args: str) -> tuple[str, set[str]]:
    """The output of a real `loopbaan ARGS` process and the modules it had loaded."""
    code = (
        "import sys; from loopbaan_cli.cli.app import main\n"
        "try:\n    main()\nexcept SystemExit as exc:\n    code = exc.code\n"
        "print('\\n'.join(sys.modules), file=sys.stderr); sys.exit(code)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT), "LOOPBAAN_HOME": str(home)},
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout, set(done.stderr.split())


@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_export_data_of_sealed_files_never_loads_the_models(
    home: Path, sealed: list[Path], fmt: str
) -> None:
    output, loaded = _modules_after(home, "export-data", "--employee", "An Peeters", "-f", fmt)
    assert "2029-11-20-an-peeters" in output and "Klanten helpen" in output
    assert "jan-janssens" not in output
    assert "pydantic.main" not in loaded
    assert "loopbaan_cli.sessions.model" not in loaded


def _without_generated(text: str) -> str:
    return "\n".join(line for line in text.splitlines() if "generated" not in line)


@pytest.mark.parametrize("fmt", ["yaml", "json", "txt"])
def test_sealed_and_validated_files_give_the_same_copy(
    run: CliRun, sealed: list[Path], fmt: str
) -> None:
    through_seal = run("export-data", "--employee", "An Peeters", "-f", fmt)
    assert through_seal.exit_code == 0, through_seal.output
    for path in sealed:  # the same data without a seal: validated in full
        path.write_text(seal.unseal(path.read_text(encoding="utf-8")) or "", encoding="utf-8")
    validated = run("export-data", "--employee", "An Peeters", "-f", fmt)
    assert validated.exit_code == 0, validated.output
    assert _without_generated(through_seal.stdout) == _without_generated(validated.stdout)


def test_minutes_come_out_as_the_model_has_them(run: CliRun, sealed: list[Path]) -> None:
    """A whole number in a sealed file (`minutes: 0` as a default is saved, or 45 by hand
    under a seal made again) is a float in the copy, as the validated read gives it."""
    path = sealed[0]
    body = seal.unseal(path.read_text(encoding="utf-8")) or ""
    assert "\nminutes: 0\n" in body
    path.write_text(seal.seal(body.replace("\nminutes: 0\n", "\nminutes: 45\n")), "utf-8")
    result = run("export-data", "--employee", "An Peeters", "-f", "json")
    assert result.exit_code == 0, result.output
    minutes = [s["minutes"] for s in json.loads(result.stdout)["sessions"]]
    assert minutes == [45.0, 0.0] and all(type(m) is float for m in minutes)


def test_answers_still_in_the_journal_are_handed_over(run: CliRun, sealed: list[Path]) -> None:
    """A conversation cut off mid-way: the answers in its journal are theirs too."""
    session = store.load("2029-11-20-an-peeters")
    with store.journaled(session.id):
        store.save(session)  # the first save writes the file whole
        session.answers["kern.wat_graag"] = session.answers["kern.wat_graag"].model_copy(
            update={"value": "Nieuw antwoord uit het journaal"}
        )
        store.save(session)
        assert "Nieuw antwoord" not in sealed[1].read_text(encoding="utf-8")  # only in the journal
        result = run("export-data", "--employee", "An Peeters", "-f", "yaml")
    assert result.exit_code == 0, result.output
    assert "Nieuw antwoord uit het journaal" in result.stdout
