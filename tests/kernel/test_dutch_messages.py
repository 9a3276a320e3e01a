"""Every message a user reads is Dutch: typos in a command, bad option values,
question banks with a wrong type or a wrongly indented line.

Run as a user would: the real CLI in a fresh Python.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from helpers import FIXTURES

from loopbaan_cli.kernel import yamlio
from loopbaan_cli.kernel.errors import ConfigError

ENGLISH = ("No such", "Did you mean", "is not a valid", "Invalid value", "Input should", " or ")


def loopbaan(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "LOOPBAAN_HOME": str(home)}
    command = [sys.executable, "-m", "loopbaan_cli", *args]
    return subprocess.run(
        command, env=env, capture_output=True, text=True, encoding="utf-8", timeout=120, check=False
    )


def assert_dutch_error(done: subprocess.CompletedProcess[str], code: int, *needles: str) -> None:
    assert done.returncode == code, (done.returncode, done.stdout, done.stderr)
    assert "Traceback" not in done.stderr
    for needle in needles:
        assert needle in done.stderr, (needle, done.stderr)
    for english in ENGLISH:
        assert english not in done.stderr, (english, done.stderr)


# --- the command line -----------------------------------------------------------------


def test_a_typo_in_a_command_suggests_the_right_one(home: Path) -> None:
    done = loopbaan(home, "strat")
    assert_dutch_error(done, 1, "onbekende opdracht 'strat'; bedoelde je 'start'?", "--help")


def test_a_typo_in_an_option_suggests_the_right_one(home: Path) -> None:
    done = loopbaan(home, "list", "--jsn")
    assert_dutch_error(done, 1, "onbekende optie --jsn; bedoelde je --json?")


def test_a_number_option_with_text(home: Path) -> None:
    done = loopbaan(home, "agenda", "--interval", "abc")
    assert_dutch_error(done, 1, "ongeldige waarde voor --interval", "'abc' is geen getal")


def test_a_flag_with_a_value(home: Path) -> None:
    done = loopbaan(home, "list", "--json=ja")
    assert_dutch_error(done, 1, "de optie --json neemt geen waarde")


# --- question banks -----------------------------------------------------------------

BANK = (FIXTURES / "library" / "doel_balans.yaml").read_text(encoding="utf-8")


def problem_lines(stderr: str) -> list[tuple[int, int, str]]:
    """(line, column, message) of every file:line:column: fout: ... line."""
    found = re.findall(r"\.yaml:(\d+):(\d+): fout: (.*)", stderr)
    return [(int(line), int(column), message) for line, column, message in found]


def bank_with(tmp_path: Path, old: str, new: str) -> Path:
    assert old in BANK
    path = tmp_path / "bank.yaml"
    path.write_text(BANK.replace(old, new, 1), encoding="utf-8")
    return path


def where(path: Path, needle: str) -> tuple[int, int]:
    """1-based line and column of the first `needle` in the file."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return number, line.index(needle) + 1
    raise AssertionError(needle)


def test_an_unknown_question_type_lists_the_types_in_dutch(home: Path, tmp_path: Path) -> None:
    bank = bank_with(
        tmp_path,
        "        text: Hoe is je evenwicht?\n",
        "        text: Hoe is je evenwicht?\n        type: keuzelijst\n",
    )
    done = loopbaan(home, "banks", "validate", str(bank))
    assert_dutch_error(done, 2, "'keuzelijst' is geen geldige waarde voor 'type'")
    [(line, column, message)] = problem_lines(done.stderr)
    assert (line, column) == where(bank, "type: keuzelijst")
    assert re.search(r"kies uit 'text', .*, '[a-z_]+' of '[a-z_]+'$", message), message


def test_a_key_indented_one_space_too_far(home: Path, tmp_path: Path) -> None:
    bank = bank_with(tmp_path, "    title: Evenwicht\n", "     title: Evenwicht\n")
    done = loopbaan(home, "banks", "validate", str(bank))
    assert_dutch_error(done, 2, "springt 1 spatie verder in dan regel")
    assert "dubbelpunt" not in done.stderr  # not the advice for a colon in a text
    [(line, column, message)] = problem_lines(done.stderr)
    title_line, title_column = where(bank, "title: Evenwicht")
    assert (line, column) == (title_line, title_column + len("title"))  # at its ':'
    assert f"regel {title_line - 1} erboven ('id')" in message


def test_a_question_key_indented_too_far(home: Path, tmp_path: Path) -> None:
    bank = bank_with(
        tmp_path, "        text: Hoe is je evenwicht?\n", "          text: Hoe is je evenwicht?\n"
    )
    done = loopbaan(home, "banks", "validate", str(bank))
    assert_dutch_error(done, 2, "springt 2 spaties verder in dan regel")
    [(line, _, _)] = problem_lines(done.stderr)
    assert line == where(bank, "text: Hoe is je")[0]


def test_a_colon_in_a_text_still_says_to_quote_it(home: Path, tmp_path: Path) -> None:
    bank = bank_with(tmp_path, "title: Balans\n", "title: Balans: werk en thuis\n")
    done = loopbaan(home, "banks", "validate", str(bank))
    assert_dutch_error(done, 2, "zet tekst met een dubbelpunt tussen aanhalingstekens")
    assert "springt" not in done.stderr
    [(line, column, _)] = problem_lines(done.stderr)
    assert (line, column) == where(bank, ": werk")


def test_a_key_indented_too_little_is_an_indentation_problem(home: Path, tmp_path: Path) -> None:
    bank = bank_with(
        tmp_path, "        text: Hoe is je evenwicht?\n", "       text: Hoe is je evenwicht?\n"
    )
    done = loopbaan(home, "banks", "validate", str(bank))
    assert_dutch_error(done, 2, "inspringing")
    assert "expected" not in done.stderr


@pytest.mark.parametrize(
    ("old", "new", "needle"),
    [
        ("    title: Evenwicht\n", "     title: Evenwicht\n", "springt 1 spatie verder"),
        ("title: Balans\n", "title: Balans: werk en thuis\n", "dubbelpunt"),
    ],
    ids=["indentation", "colon-in-text"],
)
def test_the_python_yaml_reader_says_the_same(
    monkeypatch: pytest.MonkeyPatch, old: str, new: str, needle: str
) -> None:
    """Without libyaml (a pure-Python PyYAML) the message is the same."""
    monkeypatch.setattr(yamlio, "Loader", yaml.SafeLoader)
    with pytest.raises(ConfigError) as caught:
        yamlio.load(BANK.replace(old, new, 1), "bank.yaml")
    [problem] = caught.value.problems
    assert needle in problem.message, problem.message
