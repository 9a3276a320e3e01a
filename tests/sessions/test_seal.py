"""Sealed session files are read without pydantic; anything else is validated in full.

The seal (seal.py) lets `export`, `list` and `agenda` skip loading the models
for files loopbaan wrote itself. These tests pin down when that shortcut may be
taken, that it gives the same document, and that a hand-edited file still gets
the full check with file:line messages.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import ROOT, CliRun, assert_fails, make_session
from pydantic import BaseModel

from loopbaan_cli import __version__
from loopbaan_cli.banks import model as bank_models
from loopbaan_cli.conversation import answers_model
from loopbaan_cli.kernel.record import Record
from loopbaan_cli.sessions import model as session_models
from loopbaan_cli.sessions import seal, store
from loopbaan_cli.sessions.format import MODEL_HASH, SEAL_KEY

SESSION_ID = "2026-11-22-an-peeters"


@pytest.fixture
def saved(home: Path) -> Path:
    return store.save(make_session())


def test_a_saved_file_ends_with_its_seal(saved: Path) -> None:
    text = saved.read_text(encoding="utf-8")
    last = text.rstrip("\n").rsplit("\n", 1)[1]
    assert last.startswith(f"# loopbaan {__version__} schema {SEAL_KEY} sha256:")
    assert seal.unseal(text) == text[: -len(last) - 1]


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda t: t.replace("Cursus boekhouden", "Cursus Excel"), id="edited"),
        pytest.param(
            lambda t: t.replace(f"schema {SEAL_KEY} ", "schema 1.000000000000 "), id="other format"
        ),
        pytest.param(lambda t: t.rsplit("#", 1)[0], id="seal cut off"),
        pytest.param(lambda t: t + "extra: 1\n", id="line after the seal"),
    ],
)
def test_any_change_breaks_the_seal(saved: Path, change: object) -> None:
    text = saved.read_text(encoding="utf-8")
    assert seal.unseal(change(text)) is None  # type: ignore[operator]


def test_a_release_that_keeps_the_format_keeps_the_seal(saved: Path) -> None:
    """The seal is keyed to the format, not to the version of loopbaan that wrote it."""
    text = saved.read_text(encoding="utf-8")
    later = text.replace(f"# loopbaan {__version__} ", "# loopbaan 9.9.9 ")
    assert later != text
    assert seal.unseal(later) == seal.unseal(text) is not None


def test_the_seal_key_follows_the_session_model() -> None:
    """A change to the session model is a new format: its seals must not pass for the old one."""
    assert session_models.model_hash() == MODEL_HASH, (
        "the session model changed: set MODEL_HASH in loopbaan_cli/sessions/format.py to "
        f"{session_models.model_hash()!r} (and raise SCHEMA_VERSION if an older loopbaan "
        "would misread the new files)"
    )


def test_a_file_sealed_by_an_older_key_is_validated_and_resealed_on_save(
    saved: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Seals from before the key (`# loopbaan 0.1.0 sha256:...`) or of another format still read."""
    body = seal.unseal(saved.read_text(encoding="utf-8"))
    assert body is not None
    old = f"{body}# loopbaan 0.1.0 sha256:{hashlib.sha256(body.encode()).hexdigest()}\n"
    saved.write_text(old, encoding="utf-8")
    assert seal.unseal(old) is None
    validated: list[Path] = []
    load_path = store.load_path

    def counted(path: Path) -> session_models.Session:
        validated.append(path)
        return load_path(path)

    monkeypatch.setattr(store, "load_path", counted)
    assert store.view(SESSION_ID) == Record(store.load(SESSION_ID).model_dump())
    assert validated == [saved, saved]  # the view (no seal of ours) and the load
    store.save(store.load(SESSION_ID))
    assert seal.unseal(saved.read_text(encoding="utf-8")) is not None


def test_windows_line_ends_keep_the_seal(saved: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """What Python writes on Windows, or a sync tool makes of the file, is still the same file."""
    text = saved.read_text(encoding="utf-8")
    saved.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    assert seal.unseal(saved.read_bytes().decode("utf-8")) is not None
    validated = Record(store.load(SESSION_ID).model_dump())

    def no_validation(path: Path) -> None:
        raise AssertionError(f"{path} was validated again")

    monkeypatch.setattr(store, "load_path", no_validation)
    assert store.view(SESSION_ID) == validated


def test_a_hand_edited_file_is_exported_with_the_edit(saved: Path, run: CliRun) -> None:
    text = saved.read_text(encoding="utf-8")
    saved.write_text(text.replace("Cursus boekhouden volgen", "Cursus Excel volgen"))
    result = run("export", SESSION_ID)
    assert result.exit_code == 0, result.output
    assert "Cursus Excel volgen" in result.stdout
    assert "Cursus boekhouden" not in result.stdout


def test_a_hand_edit_that_breaks_the_file_gets_the_full_check(saved: Path, run: CliRun) -> None:
    text = saved.read_text(encoding="utf-8")
    line = text.split("\n").index("date: 2026-11-22") + 1
    saved.write_text(text.replace("date: 2026-11-22", "date: volgende week"))
    before = saved.read_bytes()
    assert_fails(run("export", SESSION_ID), 2, f"{saved}:{line}:", "datum")
    listing = run("list")
    assert listing.exit_code == 0
    assert f"Overgeslagen: {saved}:{line}:" in listing.stderr
    assert saved.read_bytes() == before


def test_a_forged_seal_is_the_one_thing_it_does_not_catch(saved: Path) -> None:
    """Documented limit: the seal guards against mistakes, not against intent."""
    body = seal.unseal(saved.read_text(encoding="utf-8"))
    assert body is not None
    forged = seal.seal(body.replace("Cursus boekhouden volgen", "Iets anders"))
    saved.write_text(forged)
    assert store.view(SESSION_ID).agreements[0].what == "Iets anders"


def test_sealed_and_validated_reads_give_the_same_document(saved: Path, run: CliRun) -> None:
    sealed = run("export", SESSION_ID, "--format", "txt").stdout
    text = saved.read_text(encoding="utf-8")
    saved.write_text(seal.unseal(text) or "")  # same data, no seal: validated in full
    assert store.view(SESSION_ID) == Record(store.load(SESSION_ID).model_dump())
    assert run("export", SESSION_ID, "--format", "txt").stdout == sealed


def _modules_after(*args: str) -> set[str]:
    """The modules a real `loopbaan ARGS` process had loaded when it finished."""
    code = (
        "import sys; from loopbaan_cli.cli.app import main\n"
        "try:\n    main()\nexcept SystemExit as exc:\n    code = exc.code\n"
        "print('\\n'.join(sys.modules), file=sys.stderr); sys.exit(code)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return set(done.stderr.split())


@pytest.mark.parametrize("command", [["export", SESSION_ID], ["list"], ["agenda"]])
def test_reading_sealed_files_never_loads_the_models(saved: Path, command: list[str]) -> None:
    """What makes `export` as quick as starting Python with its libraries (issue 6)."""
    loaded = _modules_after(*command)
    assert "loopbaan_cli.banks.model" not in loaded
    assert "pydantic.main" not in loaded


def test_a_file_without_seal_loads_the_models(saved: Path) -> None:
    saved.write_text(seal.unseal(saved.read_text(encoding="utf-8")) or "")
    assert "pydantic.main" in _modules_after("export", SESSION_ID)


def test_records_are_read_only(saved: Path) -> None:
    record = store.view(SESSION_ID)
    with pytest.raises(AttributeError):
        record.status = "in_progress"
    with pytest.raises(TypeError):
        record["status"] = "in_progress"  # type: ignore[index]
    assert record.employee.name == record["employee"]["name"] == "An Peeters"
    with pytest.raises(AttributeError):
        _ = record.employee.naam


def _models() -> list[type[BaseModel]]:
    return [
        cls
        for module in (bank_models, session_models, answers_model)
        for cls in vars(module).values()
        if isinstance(cls, type)
        and issubclass(cls, BaseModel)
        and cls.__module__ == module.__name__
    ]


def test_no_model_field_hides_behind_a_record_method() -> None:
    """`record.items` must stay the Mapping method, so no field may be called that."""
    taken = {name for name in dir(Record) if not name.startswith("_")}
    clashes = {
        f"{cls.__name__}.{field}"
        for cls in _models()
        for field in cls.model_fields
        if field in taken
    }
    assert _models() and not clashes
