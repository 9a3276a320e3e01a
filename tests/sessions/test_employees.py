"""The employee register (sessions/employees.py): ids, the file, the lock, the name rule."""

from __future__ import annotations

import datetime as dt
import os
import stat
from pathlib import Path

import pytest
import yaml

from loopbaan_cli.kernel.errors import ConfigError, NotFoundError, SessionLockedError
from loopbaan_cli.sessions import employees
from loopbaan_cli.sessions.employees import is_employee_id, name_key


def test_a_new_employee_gets_a_random_id_never_made_from_the_name(home: Path) -> None:
    first = employees.add("李明", "kok")
    second = employees.add("王芳", "kelner")
    third = employees.add("Олег Иванов")
    ids = {first.id, second.id, third.id}
    assert len(ids) == 3, "three people, three ids"
    assert all(is_employee_id(i) and i.startswith("mw-") and len(i) == 9 for i in ids)
    # the same name again is still a new person when added: ids are not names
    assert employees.add("李明").id != first.id


def test_the_register_is_readable_yaml_versioned_and_private(home: Path) -> None:
    entry = employees.add("Sofie Claes", "verkoopster", dt.date(2019, 9, 1), 2051)
    path = home / "employees.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert data["format"] == 1
    assert data["employees"] == [
        {
            "id": entry.id,
            "name": "Sofie Claes",
            "role": "verkoopster",
            "service_start": dt.date(2019, 9, 1),
            "retirement_year": 2051,
            "created": entry.created,
        }
    ]
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert not (home / "employees.lock").exists(), "the lock is gone after the write"
    assert employees.read().get(entry.id) == entry


def test_update_and_lookup_by_id(home: Path) -> None:
    entry = employees.add("An Peeters")
    employees.update(entry.id, role="boekhouder", service_start=dt.date(2020, 1, 6))
    again = employees.by_id(entry.id)
    assert (again.role, again.service_start) == ("boekhouder", dt.date(2020, 1, 6))
    with pytest.raises(NotFoundError, match="mw-zzzzzz"):
        employees.by_id("mw-zzzzzz")


def test_a_register_held_too_long_is_a_clear_error_and_stays_as_it_was(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(employees, "LOCK_PATIENCE", 0.1)
    employees.add("An Peeters")
    (home / "employees.lock").write_text(f"{os.getpid()} {__import__('socket').gethostname()}\n")
    before = (home / "employees.yaml").read_bytes()
    with pytest.raises(SessionLockedError, match="medewerkersregister"):
        employees.add("Jan Janssens")
    assert (home / "employees.yaml").read_bytes() == before


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("An Peeters", "an  peeters", True),
        ("  AN PEETERS ", "An Peeters", True),
        ("Straße", "STRASSE", True),  # casefold, as a person would read it
        ("Chloé Dubois", "Chloe Dubois", False),  # accents tell people apart
        ("Chloe\u0301 Dubois", "Chloé Dubois", True),  # NFC: the same letters typed two ways
        ("李明", "王芳", False),
        ("Олег Иванов", "олег иванов", True),
    ],
)
def test_the_same_name(a: str, b: str, same: bool) -> None:
    assert (name_key(a) == name_key(b)) is same


def test_two_employees_may_share_a_name(home: Path) -> None:
    one, two = employees.add("Jan Peeters", "kok"), employees.add("jan peeters", "chauffeur")
    assert {e.id for e in employees.read().named("JAN PEETERS")} == {one.id, two.id}


BROKEN = {
    "not-a-mapping": ("- een\n- lijst\n", "geen medewerkersregister"),
    "no-format": ("employees: []\n", "format"),
    "newer-format": ("format: 9\nemployees: []\n", "nieuwere versie"),
    "bad-id": ("format: 1\nemployees:\n- {id: ../../x, name: An}\n", "mw-"),
    "no-name": ("format: 1\nemployees:\n- {id: mw-abcdef, name: ''}\n", "naam"),
    "bad-year": (
        "format: 1\nemployees:\n- {id: mw-abcdef, name: An, retirement_year: 3}\n",
        "pensioenjaar",
    ),
    "unknown-key": (
        "format: 1\nemployees:\n- {id: mw-abcdef, name: An, leeftijd: 40}\n",
        "leeftijd",
    ),
    "yaml-syntax": ("format: 1\nemployees: [\n", "YAML"),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_a_broken_register_is_named_with_its_line(home: Path, case: str) -> None:
    text, needle = BROKEN[case]
    home.mkdir(parents=True)
    (home / "employees.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        employees.read()
    problem = caught.value.problems[0]
    assert needle in str(problem), str(problem)
    assert problem.file.endswith("employees.yaml") and problem.line >= 1


def test_a_hand_edited_duplicate_id_is_refused_naming_both_lines(home: Path) -> None:
    home.mkdir(parents=True)
    (home / "employees.yaml").write_text(
        "format: 1\nemployees:\n- id: mw-abcdef\n  name: An\n- id: mw-abcdef\n  name: Jan\n",
        encoding="utf-8",
    )
    with pytest.raises(ConfigError) as caught:
        employees.read()
    problem = caught.value.problems[0]
    assert problem.line == 5 and "twee keer" in problem.message and "regel 3" in problem.message


def test_twenty_at_once_take_turns_and_every_employee_is_kept(home: Path) -> None:
    """Twenty scripted starts add their employee at the same moment: none is lost, none fails."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=20) as pool:
        added = list(pool.map(lambda n: employees.add(f"Medewerker {n}").id, range(20)))
    register = employees.read()
    assert len(set(added)) == 20 and {e.id for e in register} == set(added)
    assert not (home / "employees.lock").exists()


def test_merge_keeps_one_entry_with_what_either_knew(home: Path) -> None:
    keep = employees.add("Chloé Dubois", "verkoopster")
    gone = employees.add("Chloe Dubois", "", dt.date(2017, 3, 1), 2050)
    with employees.editing() as register:
        merged = register.merge(keep.id, gone.id)
    assert (merged.id, merged.name, merged.role) == (keep.id, "Chloé Dubois", "verkoopster")
    assert (merged.service_start, merged.retirement_year) == (dt.date(2017, 3, 1), 2050)
    assert [e.id for e in employees.read()] == [keep.id]
