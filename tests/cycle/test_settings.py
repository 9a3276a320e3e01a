"""config.yaml's `employees`: the size of the company, for the rules that depend on it."""

from __future__ import annotations

from pathlib import Path

import pytest

from loopbaan_cli.app import running
from loopbaan_cli.cycle.settings import Settings
from loopbaan_cli.kernel.errors import ConfigError


def write_config(home: Path, text: str) -> None:
    home.mkdir(parents=True, exist_ok=True)
    (home / "config.yaml").write_text(text, encoding="utf-8")


def test_the_size_of_the_company_is_read(home: Path) -> None:
    write_config(home, "interval_years: 3\nemployees: 12\n")
    assert Settings.load().employees == 12


def test_without_the_key_the_size_is_unknown(home: Path) -> None:
    assert Settings.load().employees is None
    write_config(home, "interval_years: 3\n")
    assert Settings.load().employees is None


@pytest.mark.parametrize("value", ["twaalf", "0", "-3", "12.5", "true", "[12]"])
def test_a_wrong_size_is_named_with_its_line(home: Path, value: str) -> None:
    write_config(home, f"interval_years: 3\nemployees: {value}\n")
    with pytest.raises(ConfigError) as info:
        Settings.load()
    message = info.value.message
    assert "config.yaml:2" in message
    assert "employees moet het aantal werknemers van je zaak zijn" in message
    assert "bv. employees: 12" in message


def test_the_conversation_gets_the_size_and_survives_a_broken_config(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_config(home, "employees: 7\n")
    assert running.company_size() == 7
    write_config(home, "employees: veel\n")
    assert running.company_size() is None
    assert "config.yaml" in capsys.readouterr().err
