"""The data folder's rights never leave it; a file is read only when it is a regular one, bounded."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from loopbaan_cli.kernel import paths, yamlio
from loopbaan_cli.kernel.errors import ConfigError


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_symlinked_folder_is_used_but_its_rights_are_left_alone(tmp_path: Path) -> None:
    outside = tmp_path / "elders"
    outside.mkdir()
    os.chmod(outside, 0o755)
    home = tmp_path / "home"
    home.mkdir()
    (home / "sessions").symlink_to(outside)
    assert paths.ensure_private_dir(home / "sessions") == home / "sessions"
    assert mode(outside) == 0o755


def test_a_real_folder_and_new_parents_become_private(tmp_path: Path) -> None:
    folder = tmp_path / "a" / "b"
    paths.ensure_private_dir(folder)
    assert mode(folder) == 0o700 and mode(tmp_path / "a") == 0o700


def test_a_file_where_a_folder_belongs_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "bestand").write_text("x")
    with pytest.raises(NotADirectoryError):
        paths.ensure_private_dir(tmp_path / "bestand")


def test_read_text_refuses_a_device_without_reading_it() -> None:
    with pytest.raises(ConfigError, match="geen gewoon bestand"):
        yamlio.read_text(Path("/dev/zero"))


def test_read_text_refuses_a_fifo_without_waiting_for_a_writer(tmp_path: Path) -> None:
    fifo = tmp_path / "pijp.yaml"
    os.mkfifo(fifo)
    with pytest.raises(ConfigError, match="geen gewoon bestand"):
        yamlio.read_text(fifo)


def test_read_text_has_a_limit_per_caller(tmp_path: Path) -> None:
    path = tmp_path / "sjabloon.j2"
    path.write_text("x" * 2048)
    assert yamlio.read_text(path, limit=2048) == "x" * 2048
    with pytest.raises(ConfigError, match="te groot"):
        yamlio.read_text(path, limit=1024)


def test_load_quick_keeps_the_guards_of_load() -> None:
    assert yamlio.load_quick("a: [1, 2]\nb: 'R&D *niet*'\n", "x.yaml") == {
        "a": [1, 2],
        "b": "R&D *niet*",
    }
    with pytest.raises(ConfigError, match="verwijzingen"):
        yamlio.load_quick("a: &x [1]\nb: *x\n", "x.yaml")
    with pytest.raises(ConfigError, match="te diep"):
        yamlio.load_quick("a: " + "[" * 500 + "]" * 500 + "\n", "x.yaml")


@pytest.mark.parametrize("folder", ["templates", "question_banks"])
def test_init_never_writes_through_a_folder_linked_out_of_the_data_folder(
    home: Path, tmp_path: Path, folder: str
) -> None:
    """A link there would let `init --force` overwrite, or a template include, any file."""
    from typer.testing import CliRunner

    from loopbaan_cli.cli.app import app

    outside = tmp_path / "elders"
    outside.mkdir()
    (outside / "keep.txt").write_text("van iemand anders\n")
    paths.ensure_private_dir(home)
    (home / folder).symlink_to(outside)
    result = CliRunner().invoke(app, ["init", "--force"])
    assert result.exit_code == 2, result.output
    assert "buiten de gegevensmap" in result.stderr and "Traceback" not in result.output
    assert sorted(p.name for p in outside.iterdir()) == ["keep.txt"]


def test_a_templates_folder_linked_out_is_refused_when_exporting(
    home: Path, tmp_path: Path
) -> None:
    from helpers import make_session, write_session
    from typer.testing import CliRunner

    from loopbaan_cli.cli.app import app

    write_session(home, make_session())
    outside = tmp_path / "elders"
    outside.mkdir()
    (outside / "agreement.md.j2").write_text("{% include 'geheim' %}\n")
    (home / "templates").symlink_to(outside)
    result = CliRunner().invoke(app, ["export", "2026-11-22-an-peeters", "--format", "md"])
    assert result.exit_code == 2 and "buiten de gegevensmap" in result.stderr
