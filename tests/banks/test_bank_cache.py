"""The loaded banks are cached between runs; an edited bank or another release loads afresh."""

from __future__ import annotations

import marshal
import os
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import make_session

from loopbaan_cli.banks import bank_cache, validation
from loopbaan_cli.banks import library as library_module
from loopbaan_cli.banks.library import load_library
from loopbaan_cli.kernel.errors import ConfigError
from loopbaan_cli.sessions import store

ROOT = Path(__file__).resolve().parents[2]

OWN_BANK = """\
id: eigen
title: {title}
order: 50
sections:
  - id: deel
    title: Eigen deel
    questions:
      - id: vraag
        text: Wat wil je leren?
        type: text
      - id: verder
        text: Waarom?
        type: text
        when: vraag is not none
"""


def cached_files(home: Path) -> list[str]:
    folder = home / "cache" / "banken"
    return sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []


def own_bank(home: Path, title: str) -> Path:
    bank_cache.open_folder()  # as the first saved conversation does
    path = home / "question_banks" / "eigen.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(OWN_BANK.format(title=title), encoding="utf-8")
    return path


def test_a_second_load_comes_from_the_cache(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    own_bank(home, "Eerste titel")
    first = load_library()
    assert len(cached_files(home)) == 1
    monkeypatch.setattr(library_module, "_load_all", lambda *a: pytest.fail("not from cache"))
    again = load_library()
    assert again.banks["eigen"].bank.title == "Eerste titel"
    assert sorted(again.banks) == sorted(first.banks)
    # a `when` from the cache works as one compiled just now
    condition = again.banks["eigen"].conditions["verder"]
    assert condition({"vraag": "iets"}) is True
    assert condition({"vraag": None}) is False


def test_an_edited_bank_is_loaded_again(home: Path) -> None:
    path = own_bank(home, "Eerste titel")
    load_library()
    own_bank(home, "Tweede titel, langer")  # another size
    assert load_library().banks["eigen"].bank.title == "Tweede titel, langer"
    stamp = path.stat()
    own_bank(home, "Derde titel, langer")  # the same size: the time tells
    os.utime(path, ns=(stamp.st_atime_ns, stamp.st_mtime_ns + 1_000_000))
    assert load_library().banks["eigen"].bank.title == "Derde titel, langer"
    assert len(cached_files(home)) == 1  # the old entries are gone


def test_another_release_loads_afresh(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    own_bank(home, "Eerste titel")
    load_library()
    before = cached_files(home)
    monkeypatch.setattr(bank_cache, "__version__", "99.0.0")
    loaded = []
    real = library_module._load_all
    monkeypatch.setattr(library_module, "_load_all", lambda *a: loaded.append(1) or real(*a))
    load_library()
    assert loaded == [1]
    assert cached_files(home) != before


def test_a_damaged_cache_is_only_a_miss(home: Path) -> None:
    own_bank(home, "Eerste titel")
    load_library()
    for name in cached_files(home):
        (home / "cache" / "banken" / name).write_bytes(b"geen pickle")
    assert load_library().banks["eigen"].bank.title == "Eerste titel"


def test_nothing_is_cached_before_a_conversation_was_saved(home: Path) -> None:
    """A refused or read-only command adds no file: the cache folder comes with the first save."""
    load_library()
    assert not home.exists()
    (home / "question_banks").mkdir(parents=True)
    load_library()
    assert cached_files(home) == []
    store.save(make_session())
    load_library()
    assert len(cached_files(home)) == 1


def test_banks_list_shows_an_edited_bank_and_keeps_one_survey(home: Path) -> None:
    """`banks list` reads a survey kept next to the library; an edited bank makes a new one."""
    own_bank(home, "Eerste titel")
    first = library_module.load_survey()
    assert {b["id"]: b["title"] for b in first.listing["banks"]}["eigen"] == "Eerste titel"
    assert len(cached_files(home)) == 2  # the library and its survey, under one key
    own_bank(home, "Tweede titel, langer")
    again = library_module.load_survey()
    assert {b["id"]: b["title"] for b in again.listing["banks"]}["eigen"] == (
        "Tweede titel, langer"
    )
    assert len(cached_files(home)) == 2  # the old key's entries are gone


def test_validate_finds_a_bank_broken_after_the_survey_was_kept(home: Path) -> None:
    path = own_bank(home, "Eerste titel")
    assert validation.validate([]).summary.startswith("In orde")
    path.write_text(OWN_BANK.format(title="Kapot").replace("type: text", "type: geen"), "utf-8")
    with pytest.raises(ConfigError) as caught:
        validation.validate([])
    assert any("eigen.yaml" in p.file for p in caught.value.problems)


def test_banks_list_from_the_cache_imports_no_pydantic(home: Path) -> None:
    """The cached survey is plain data: listing the banks skips pydantic and the YAML parser."""
    own_bank(home, "Eerste titel")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "LOOPBAAN_HOME": str(home)}
    code = (
        "import sys; from loopbaan_cli.cli.app import main\n"
        "try:\n    main()\nexcept SystemExit as exc:\n    code = exc.code\n"
        "print('\\n'.join(sys.modules), file=sys.stderr); sys.exit(code)"
    )
    for _ in range(2):  # the first run fills the cache
        done = subprocess.run(
            [sys.executable, "-c", code, "banks", "list"],
            capture_output=True,
            text=True,
            env=env,
            check=False,
        )
        assert done.returncode == 0, done.stderr
    assert "Eerste titel" in done.stdout
    modules = set(done.stderr.split())
    assert "pydantic" not in modules
    assert "yaml" not in modules
    assert "hashlib" not in modules  # the survey's key is compared whole, not hashed


@pytest.mark.parametrize(
    "kept",
    [
        pytest.param(b"geen marshal", id="damaged"),
        pytest.param(marshal.dumps(("een andere sleutel", ({}, [], 0, 0))), id="other-key"),
        pytest.param(marshal.dumps([1, 2, 3]), id="other-layout"),
    ],
)
def test_a_survey_kept_for_other_files_or_damaged_is_only_a_miss(home: Path, kept: bytes) -> None:
    own_bank(home, "Eerste titel")
    library_module.load_survey()
    (home / "cache" / "banken" / "overzicht.marshal").write_bytes(kept)
    again = library_module.load_survey()
    assert {b["id"]: b["title"] for b in again.listing["banks"]}["eigen"] == "Eerste titel"
    assert again.banks == len(load_library().banks)


def test_the_survey_keeps_the_warnings_of_own_banks(home: Path) -> None:
    """A broken own bank is reported by every `banks list`, from the files or from the cache."""
    own_bank(home, "Eerste titel")
    broken = home / "question_banks" / "kapot.yaml"
    broken.write_text("id: [niet af\n", encoding="utf-8")
    first = library_module.load_survey()
    assert [p.file for p in first.errors] == [str(broken)]
    again = library_module.load_survey()  # from the cache
    assert again.problems == first.problems
    assert [p.severity for p in again.errors] == [p.severity for p in first.errors]
