"""Upgrading a data folder written by the release before the register (schema 1, issue 12).

tests/fixtures/datafolder_v1/ was written by that release itself (its
make.sh.txt says how): 李明 and 王芳 on one day (2026-09-01-medewerker and
-medewerker-2), Олег Иванов, Chloé and Chloe Dubois, two 53-letter names that
share their first 40, "An Peeters" and "an  peeters" (one person), and a
prepared conversation of Sofie Claes with her service start.
"""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path

import pytest
import yaml
from helpers import FIXTURES, CliRun, assert_fails

from loopbaan_cli.sessions import employees, migrate, store

V1 = FIXTURES / "datafolder_v1" / "sessions"


@pytest.fixture
def old_folder(home: Path) -> Path:
    home.mkdir(parents=True)
    shutil.copytree(V1, home / "sessions")
    migrate.pending.clear()
    return home


def names_by_id() -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for session in store.list_sessions().sessions:
        found.setdefault(session.employee.id, set()).add(session.employee.name)
    return found


def test_the_first_command_upgrades_and_keeps_every_person_apart(
    run: CliRun, old_folder: Path
) -> None:
    result = run("list")
    assert result.exit_code == 0, result.output
    people = names_by_id()
    assert sorted(sorted(names) for names in people.values()) == sorted(
        [
            ["An Peeters", "an  peeters"],  # equal after case and spaces: one person
            ["Chloe Dubois"],
            ["Chloé Dubois"],
            ["Maximiliaan Alexander Vandenbroucke-Dewachter Jansens"],
            ["Maximiliaan Alexander Vandenbroucke-Dewachter Peeters"],
            ["Sofie Claes"],
            ["Олег Иванов"],
            ["李明"],
            ["王芳"],
        ]
    )
    register = employees.read()
    assert set(people) == {e.id for e in register}
    sofie = register.named("Sofie Claes")[0]
    assert sofie.service_start is not None and sofie.retirement_year == 2051
    for path in (old_folder / "sessions").glob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        assert text.startswith("schema_version: 2\n"), path
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert not (old_folder / migrate.BACKUP).exists(), "the copy goes once all went well"
    assert not (old_folder / "migration.lock").exists()


def test_old_slug_collisions_are_reported_in_dutch_never_merged(
    run: CliRun, old_folder: Path
) -> None:
    result = run("list")
    report = " ".join(result.stderr.split())
    for who in ("李明", "王芳", "Олег Иванов", "Chloé Dubois", "Chloe Dubois"):
        assert who in report
    assert "2026-09-01-medewerker-2" in report and "2026-10-02-chloe-dubois" in report
    assert "nu apart" in report and "loopbaan employees merge mw-" in report
    assert "An Peeters" not in report, "one person under two spellings is no collision"
    # once: the next command says nothing about it
    assert "apart" not in run("list").stderr


def test_every_answer_survives_the_upgrade(run: CliRun, old_folder: Path) -> None:
    before = {p.name: yaml.safe_load(p.read_text(encoding="utf-8")) for p in V1.glob("*.yaml")}
    assert run("list").exit_code == 0
    for name, old in before.items():
        new = yaml.safe_load((old_folder / "sessions" / name).read_text(encoding="utf-8"))
        assert new["employee"].pop("id").startswith("mw-")
        old.pop("schema_version"), new.pop("schema_version")
        old.pop("updated"), new.pop("updated")
        for records in (new.get("answers") or {}, new.get("preparation") or {}):
            for record in records.values():  # a field added since, at its default
                if record.get("consent_asked") is False:
                    del record["consent_asked"]
        assert new == old, name


def test_an_interrupted_upgrade_starts_again_from_the_copy(
    run: CliRun, old_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = {"n": 0}
    real = migrate._rewrite

    def killed_halfway(path: Path, data: dict[str, object]) -> None:
        calls["n"] += 1
        if calls["n"] == 4:
            raise KeyboardInterrupt  # the laptop shut in the middle
        real(path, data)

    monkeypatch.setattr(migrate, "_rewrite", killed_halfway)
    with pytest.raises(KeyboardInterrupt):
        store.list_sessions()
    assert (old_folder / migrate.BACKUP).is_dir()
    assert not (old_folder / "employees.yaml").exists()
    monkeypatch.setattr(migrate, "_rewrite", real)
    (old_folder / "migration.lock").unlink(missing_ok=True)
    result = run("employees", "list", "--json")
    assert result.exit_code == 0, result.output
    assert len(employees.read()) == 9, "no employee twice: the half-done files were put back"
    assert not (old_folder / migrate.BACKUP).exists()


def test_a_read_only_data_folder_gets_a_clear_message_and_loses_nothing(
    run: CliRun, old_folder: Path
) -> None:
    if os.geteuid() == 0:
        pytest.skip("root writes anywhere")
    before = {p.name: p.read_bytes() for p in (old_folder / "sessions").iterdir()}
    os.chmod(old_folder / "sessions", 0o500)
    os.chmod(old_folder, 0o500)
    try:
        assert_fails(run("list"), 1, "eenmalig omgezet", "niets veranderd")
    finally:
        os.chmod(old_folder, 0o700)
        os.chmod(old_folder / "sessions", 0o700)
    assert {p.name: p.read_bytes() for p in (old_folder / "sessions").iterdir()} == before


def test_a_read_only_data_folder_as_root_too(
    run: CliRun, old_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What the user sees when the copy can not be made (EROFS, or no permission)."""
    import errno

    def refused(*_: object, **__: object) -> None:
        raise OSError(errno.EROFS, "Read-only file system")

    before = {p.name: p.read_bytes() for p in (old_folder / "sessions").iterdir()}
    monkeypatch.setattr(migrate.shutil, "copytree", refused)
    assert_fails(run("agenda"), 1, "eenmalig omgezet", "niets veranderd")
    assert {p.name: p.read_bytes() for p in (old_folder / "sessions").iterdir()} == before
    assert not (old_folder / "employees.yaml").exists()


def test_a_schema_1_file_that_turns_up_later_gets_its_employee(
    run: CliRun, old_folder: Path
) -> None:
    assert run("list").exit_code == 0
    an = employees.read().named("An Peeters")[0]
    # a conversation from an older loopbaan, copied in after the upgrade
    text = (V1 / "2025-03-10-an-peeters.yaml").read_text(encoding="utf-8")
    stray = old_folder / "sessions" / "2024-01-01-an-peeters.yaml"
    stray.write_text(text.replace("id: 2025-03-10-", "id: 2024-01-01-"), encoding="utf-8")
    result = run("list", "--employee", an.id, "--json")
    assert result.exit_code == 0, result.output
    assert "2024-01-01-an-peeters" in result.stdout
    assert f"id: {an.id}" in stray.read_text(encoding="utf-8")
    assert len(employees.read()) == 9, "the same An, not a tenth employee"
