"""Fixtures only: a private data folder per test, the CLI runner, a small bank library.

No test ever sees the real user data folder: every test gets its own
LOOPBAAN_HOME under tmp_path (autouse), and `--home` left over from an earlier
in-process CLI call is reset.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from helpers import (
    BUILTIN_BANKS,
    FIXTURES,
    CliRun,
)
from typer.testing import CliRunner, Result

from loopbaan_cli.banks import library as library_module
from loopbaan_cli.kernel import paths


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    monkeypatch.setenv("LOOPBAAN_HOME", str(home))
    # `loopbaan --home DIR` sets a module global; never let it leak into the next test.
    monkeypatch.setattr(paths, "_home_override", None)
    # The facts in the banks age: warnings about them must not depend on the day
    # the suite runs (tests of those warnings pass their own `today`).
    monkeypatch.setattr(library_module, "clock", lambda: dt.date(2026, 12, 1))
    return home


@pytest.fixture
def home(_isolated_home: Path) -> Path:
    """The data folder of this test ($LOOPBAAN_HOME), not created yet."""
    return _isolated_home


@pytest.fixture
def run(home: Path) -> CliRun:
    """Invoke `loopbaan ARGS...` in-process; result.stdout and result.stderr are separate.

    An unexpected exception is not swallowed into an exit code: it fails the test
    with its traceback, so "exit 1 and no traceback" cannot pass by accident.
    """
    from loopbaan_cli.cli.app import app

    runner = CliRunner()

    def invoke(
        *args: object, input: str | None = None, env: dict[str, str] | None = None
    ) -> Result:
        return runner.invoke(
            app, [str(a) for a in args], input=input, env=env, catch_exceptions=False
        )

    return invoke


@pytest.fixture
def mini_banks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Built-in catalogues with our own small banks instead of the built-in banks.

    The interview tests need exact questions; the real content may change.
    """
    folder = tmp_path / "builtin_banks"
    folder.mkdir()
    for catalogue in BUILTIN_BANKS.glob("*.yaml"):
        shutil.copy(catalogue, folder / catalogue.name)
    shutil.copytree(FIXTURES / "library", folder / "banks")
    monkeypatch.setattr(paths, "builtin_banks_dir", lambda: folder)
    return folder
