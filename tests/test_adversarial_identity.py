"""One person is one person (issue 12, part 1): attacks on who is who.

Names that the old slug rule made one person (李明, 王芳 and Олег Иванов were
all "medewerker"; two long names that share 40 letters were one), a register
that is broken or edited by hand, a session naming an employee the register
does not know. For each, as in test_adversarial.py: the exit code, a Dutch
message, no traceback, and every file that is not the command's business
byte for byte as it was.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from helpers import make_session, write_session
from typer.testing import CliRunner, Result

from loopbaan_cli.cli.app import app
from loopbaan_cli.sessions import employees, store

LONG_A = "Maximiliaan Alexander Vandenbroucke-Dewachter Jansens"  # 53 letters, first 40
LONG_B = "Maximiliaan Alexander Vandenbroucke-Dewachter Peeters"  # the same as LONG_A's
PEOPLE = {
    "2026-09-01-medewerker": "李明",
    "2026-09-01-medewerker-2": "王芳",
    "2026-09-03-medewerker": "Олег Иванов",
    "2026-08-01-maximiliaan-alexander-vandenbroucke-dewa": LONG_A,
    "2026-08-02-maximiliaan-alexander-vandenbroucke-dewa": LONG_B,
    "2026-10-01-chloe-dubois": "Chloé Dubois",
}


def secret(name: str) -> str:
    return f"GEHEIM over {name}"


@pytest.fixture
def world(home: Path) -> Path:
    for session_id, name in PEOPLE.items():
        session = make_session(
            id=session_id,
            employee={"name": name},
            date=__import__("datetime").date.fromisoformat(session_id[:10]),
        )
        session.answers["kern.wat_graag"].note = secret(name)
        write_session(home, session)
    return home


def invoke(*args: object) -> Result:
    return CliRunner().invoke(app, [str(a) for a in args], catch_exceptions=True)


def snapshot(root: Path) -> dict[str, str]:
    """Every file under `root` with the hash of its bytes (the template cache left out)."""
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file() and p.relative_to(root).parts[0] != "cache"
    }


def ok(result: Result) -> Result:
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    return result


def refused(result: Result, code: int, *needles: str) -> None:
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code == code, (result.exit_code, result.output)
    assert "Traceback" not in result.output and "Error:" not in result.stderr
    for needle in needles:
        assert needle in result.stderr, (needle, result.stderr)


def unchanged_but(before: dict[str, str], after: dict[str, str], *allowed: str) -> None:
    for name, digest in before.items():
        if name not in allowed:
            assert after.get(name) == digest, f"{name} changed or went"
    assert set(after) - set(before) <= set(allowed), set(after) - set(before)


def file_of(session_id: str) -> str:
    return f"sessions/{session_id}.yaml"


# --- scripts that share a slug -----------------------------------------------------------


@pytest.mark.parametrize(
    "who", ["2026-09-01-medewerker", "2026-09-01-medewerker-2", "2026-09-03-medewerker"]
)
def test_delete_employee_deletes_that_one_person_only(world: Path, who: str) -> None:
    before = snapshot(world)
    result = ok(invoke("delete", "--employee", PEOPLE[who], "--yes"))
    assert "1 gesprek" in result.stdout
    after = snapshot(world)
    assert file_of(who) not in after
    unchanged_but(before, after, file_of(who), "employees.yaml")
    assert not employees.read().named(PEOPLE[who]), "the register entry goes with the person"
    assert len(employees.read()) == len(PEOPLE) - 1


def test_delete_employee_of_a_long_name_leaves_the_other_long_name(world: Path) -> None:
    before = snapshot(world)
    ok(invoke("delete", "--employee", LONG_A, "--yes"))
    gone = file_of("2026-08-01-maximiliaan-alexander-vandenbroucke-dewa")
    unchanged_but(before, snapshot(world), gone, "employees.yaml")
    assert store.load("2026-08-02-maximiliaan-alexander-vandenbroucke-dewa").employee.name == LONG_B


@pytest.mark.parametrize("name", ["王芳", LONG_B])
def test_export_data_hands_over_one_persons_data_only(world: Path, name: str) -> None:
    before = snapshot(world)
    result = ok(invoke("export-data", "--employee", name, "--format", "json"))
    assert secret(name) in result.stdout
    for other in PEOPLE.values():
        if other != name:
            assert secret(other) not in result.stdout, other
    unchanged_but(before, snapshot(world))


def test_the_history_of_one_never_shows_another_with_the_same_slug(world: Path) -> None:
    before = snapshot(world)
    shown = ok(invoke("show", "2026-09-03-medewerker")).stdout
    assert "Geen eerdere gesprekken" in shown
    for other in ("李明", "王芳"):
        assert other not in shown
    md = ok(invoke("export", "2026-09-01-medewerker-2", "--format", "md")).stdout
    assert "vorige keer" not in md and "李明" not in md
    unchanged_but(before, snapshot(world))


def test_a_scripted_start_does_not_take_another_persons_prepared_conversation(
    world: Path, tmp_path: Path
) -> None:
    li = employees.read().named("李明")[0]
    prepared = make_session(
        id="2026-11-30-medewerker",
        status="prepared",
        stage="questions",
        employee={"id": li.id, "name": "李明"},
        agreements=[],
    )
    write_session(world, prepared)
    before = snapshot(world)
    answers = tmp_path / "wang.yaml"
    answers.write_text(
        "employee: {name: 王芳}\ninterviewer: {name: Marc Janssens}\ndate: 2026-11-30\n"
        "phase: spitsuur\nconclusion: groei_huidige_job\n",
        encoding="utf-8",
    )
    ok(invoke("start", "--answers", answers, "--no-input"))
    after = snapshot(world)
    added = set(after) - set(before) - {"index.sqlite3"}  # the listing index comes with a save
    assert len(added) == 1 and next(iter(added)).startswith("sessions/2026-11-30-medewerker-")
    unchanged_but(before, after, *added, "index.sqlite3")


@pytest.mark.parametrize("command", ["start", "prepare"])
def test_start_or_prepare_employee_with_a_shared_name_never_guesses(
    world: Path, command: str
) -> None:
    cook = employees.add("Jan Peeters", "kok")
    employees.add("Jan Peeters", "chauffeur")
    before = snapshot(world)
    refused(
        invoke(command, "--employee", "jan peeters"),
        1,
        "2 medewerkers heten",
        f"loopbaan {command} --employee {cook.id}",
    )
    unchanged_but(before, snapshot(world))


# --- names that fit more than one, or nobody ------------------------------------------------


def test_delete_with_a_shared_name_deletes_nothing_and_lists_the_ids(world: Path) -> None:
    cook = employees.add("Jan Peeters", "kok")
    driver = employees.add("Jan Peeters", "chauffeur")
    before = snapshot(world)
    refused(
        invoke("delete", "--employee", "Jan Peeters", "--yes"),
        1,
        cook.id,
        driver.id,
        f"loopbaan delete --employee {cook.id}",
    )
    unchanged_but(before, snapshot(world))


def test_a_close_name_is_offered_not_exported(world: Path, tmp_path: Path) -> None:
    before = snapshot(world)
    out = tmp_path / "inzage.json"
    refused(
        invoke("export-data", "--employee", "Chloe Dubois", "-o", out), 1, "Bedoel je: Chloé Dubois"
    )
    assert not out.exists()
    unchanged_but(before, snapshot(world))


# --- the register itself --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "needles"),
    [
        ("format: 1\nemployees: [\n", ("employees.yaml", "YAML")),
        (
            "format: 1\nemployees:\n- {id: mw-abcdef, name: An}\n- {id: mw-abcdef, name: Jan}\n",
            ("employees.yaml:4", "twee keer"),
        ),
        ("format: 7\nemployees: []\n", ("nieuwere versie",)),
        ("format: 1\nemployees:\n- {id: mw-abcdef}\n", ("naam",)),
    ],
    ids=["yaml-syntax", "duplicate-id", "newer-format", "no-name"],
)
@pytest.mark.parametrize(
    "command",
    [("employees", "list"), ("delete", "--employee", "王芳", "--yes"), ("agenda",)],
    ids=["list", "delete", "agenda"],
)
def test_a_broken_register_stops_with_its_line_and_touches_nothing(
    world: Path, text: str, needles: tuple[str, ...], command: tuple[str, ...]
) -> None:
    (world / "employees.yaml").write_text(text, encoding="utf-8")
    before = snapshot(world)
    refused(invoke(*command), 2, *needles)
    unchanged_but(before, snapshot(world))


def test_a_session_naming_an_unknown_employee_id(world: Path) -> None:
    stranger = make_session(id="2026-07-01-x", employee={"id": "mw-zzzzzz", "name": "王芳"})
    write_session(world, stranger)
    before = snapshot(world)
    listed = ok(invoke("employees", "list"))
    assert "2026-07-01-x" in listed.stderr and "register" in listed.stderr
    # deleting 王芳 (the registered one) leaves the stranger with the same name alone
    ok(invoke("delete", "--employee", "王芳", "--yes"))
    assert store.exists("2026-07-01-x")
    unchanged_but(before, snapshot(world), file_of("2026-09-01-medewerker-2"), "employees.yaml")


def test_a_session_whose_employee_id_could_be_anything_is_unreadable_not_followed(
    world: Path,
) -> None:
    path = world / "sessions" / "2026-07-02-y.yaml"
    text = (world / "sessions" / "2026-09-01-medewerker.yaml").read_text(encoding="utf-8")
    text = text.replace("id: 2026-09-01-medewerker", "id: 2026-07-02-y")
    path.write_text(text.replace("  id: mw-", "  id: ../../mw-"), encoding="utf-8")
    before = snapshot(world)
    result = ok(invoke("list"))
    assert "2026-07-02-y" in result.stderr  # reported as unreadable, with its line
    unchanged_but(before, snapshot(world))


@pytest.mark.parametrize(
    ("args", "needles"),
    [
        (("employees", "merge", "mw-zzzzzz", "mw-yyyyyy"), ("mw-zzzzzz", "employees list")),
        (("employees", "edit", "mw-zzzzzz", "--role", "kok"), ("mw-zzzzzz",)),
        (("employees", "edit", "Niemand", "--role", "kok"), ("geen medewerker 'Niemand'",)),
        (("export-data", "--employee", "medewerker"), ("geen medewerker 'medewerker'",)),
    ],
    ids=["merge-unknown", "edit-unknown-id", "edit-unknown-name", "the-old-slug"],
)
def test_unknown_employees_are_named_and_nothing_changes(
    world: Path, args: tuple[str, ...], needles: tuple[str, ...]
) -> None:
    before = snapshot(world)
    refused(invoke(*args), 1, *needles)
    unchanged_but(before, snapshot(world))


def test_merging_someone_with_themselves_is_refused(world: Path) -> None:
    li = employees.read().named("李明")[0]
    before = snapshot(world)
    refused(invoke("employees", "merge", li.id, "李明"), 1, "dezelfde medewerker")
    unchanged_but(before, snapshot(world))


def test_list_of_an_old_slug_finds_no_one_and_says_so(world: Path) -> None:
    """`list -e medewerker` once listed 李明, 王芳 and Олег Иванов together."""
    before = snapshot(world)
    refused(invoke("list", "--employee", "medewerker"), 1, "geen gesprekken met medewerker")
    unchanged_but(before, snapshot(world))


@pytest.mark.parametrize(
    ("facts", "needle"),
    [
        ("service_start: 9999-01-01", "indiensttreding"),
        ("retirement_year: 3", "pensioenjaar"),
        ("retirement_year: -5", "pensioenjaar"),
    ],
)
def test_facts_the_register_could_not_read_back_are_refused_at_their_line(
    world: Path, tmp_path: Path, facts: str, needle: str
) -> None:
    """One bad answers file must never leave a register that breaks every later command."""
    answers = tmp_path / "fout.yaml"
    answers.write_text(
        f"employee: {{name: Nieuwe Collega, {facts}}}\ninterviewer: {{name: Marc}}\n"
        "date: 2026-11-30\nphase: spitsuur\nconclusion: groei_huidige_job\n",
        encoding="utf-8",
    )
    before = snapshot(world)
    refused(invoke("start", "--answers", answers, "--no-input"), 1, "fout.yaml:1:", needle)
    unchanged_but(before, snapshot(world))
    ok(invoke("employees", "list"))
