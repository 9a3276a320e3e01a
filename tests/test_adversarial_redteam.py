"""A second adversarial pass on issue 12: the cases the three corpora before it left out.

Other commands (`employees edit/merge`, `followup --answers`, `export-data`,
`banks`, `init`, `paths`), other fields, other encodings, hand-edited
register/index/lock files in odd states, exact limits, names equal only after
NFC or casefold, and odd folders of the release before the register. As in
test_adversarial_safety.py: the exit code, a Dutch message on stderr, no
traceback, and every file that is not the command's business unchanged.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import stat
from pathlib import Path

import pytest
from helpers import FIXTURES, make_session, write_session
from typer.testing import CliRunner, Result

from loopbaan_cli.cli.app import app
from loopbaan_cli.sessions import employees, migrate, store

V1 = FIXTURES / "datafolder_v1" / "sessions"
COMPLETE = FIXTURES / "answers" / "complete.yaml"
ENGLISH = (
    "Traceback",
    "Error:",
    "Exception",
    "errno",
    "not found",
    "could not",
    "No such",
    "directory",
)


def invoke(*args: object) -> Result:
    return CliRunner().invoke(app, [str(a) for a in args], catch_exceptions=True)


def snapshot(root: Path) -> dict[str, str]:
    """Every regular file under `root` with the hash of its bytes (the caches left out:
    the template and bank cache, and the index a listing may refresh)."""
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
        and not p.is_symlink()
        and stat.S_ISREG(p.stat().st_mode)
        and p.relative_to(root).parts[0] not in ("cache", "index.sqlite3")
    }


def no_escape(result: Result) -> str:
    shown = f"exit {result.exit_code}\nstdout: {result.stdout}\nstderr: {result.stderr}"
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        import traceback

        trace = "".join(traceback.format_exception(result.exception))
        raise AssertionError(f"an exception escaped the command:\n{trace}\n{shown}")
    for word in ENGLISH:
        assert word not in result.stdout + result.stderr, (word, shown)
    return shown


def ok(result: Result) -> Result:
    shown = no_escape(result)
    assert result.exit_code == 0, shown
    return result


def refused(result: Result, code: int, *needles: str) -> Result:
    shown = no_escape(result)
    assert result.exit_code == code, shown
    assert result.stderr.strip(), "a refusal says why, on stderr\n" + shown
    for needle in needles:
        assert needle in " ".join(result.stderr.split()), (needle, shown)
    return result


def refused_untouched(root: Path, args: list[object], code: int, *needles: str) -> Result:
    before = snapshot(root)
    result = refused(invoke(*args), code, *needles)
    assert snapshot(root) == before, "a refused command changed or added files"
    return result


@pytest.fixture
def world(home: Path) -> Path:
    """A data folder with one registered employee and her conversation."""
    write_session(home, make_session())
    assert ok(invoke("employees", "list"))
    return home


@pytest.fixture
def old_folder(home: Path) -> Path:
    home.mkdir(parents=True)
    shutil.copytree(V1, home / "sessions")
    migrate.pending.clear()
    return home


# --- the register in odd states ------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["employees", "list"],
        ["employees", "edit", "An Peeters", "--role", "kassier"],
        ["agenda"],
        ["delete", "--employee", "An Peeters", "--yes"],
        ["start", "--answers", FIXTURES / "answers" / "complete.yaml", "--no-input"],
    ],
    ids=["list", "edit", "agenda", "delete", "start"],
)
def test_a_folder_where_the_register_should_be_is_named_not_taken_for_none(
    world: Path, args: list[object]
) -> None:
    """A folder named employees.yaml was read as "no one registered yet"."""
    register = world / "employees.yaml"
    register.unlink()
    register.mkdir()
    refused_untouched(world, args, 2, "employees.yaml", "map")
    assert register.is_dir() and not list(register.iterdir())


def test_a_save_that_can_not_replace_the_register_names_the_register(world: Path) -> None:
    """The message named the hidden temporary file, not the register it was to replace."""
    from loopbaan_cli.kernel.errors import os_error

    error = os_error(
        IsADirectoryError(
            21,
            "Is a directory",
            str(world / ".employees.yaml.x.tmp"),
            None,
            str(world / "employees.yaml"),
        )
    )
    assert "employees.yaml niet gebruiken" in error.message and ".tmp" not in error.message


# --- the upgrade of a folder of the release before the register ---------------------------------


@pytest.mark.parametrize(
    ("field", "odd"),
    [("retirement_year", "3"), ("retirement_year", "2999"), ("service_start", "1800-01-01")],
)
def test_one_old_file_with_an_odd_fact_does_not_stop_the_upgrade(
    old_folder: Path, field: str, odd: str
) -> None:
    """A v1 retirement year of 3 stopped the upgrade on every command, forever."""
    path = old_folder / "sessions" / "2025-03-10-an-peeters.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace(f"{field}: null", f"{field}: {odd}"),
        encoding="utf-8",
    )
    ok(invoke("list"))
    assert not (old_folder / migrate.BACKUP).exists()
    an = employees.read().named("An Peeters")
    assert len(an) == 1 and getattr(an[0], field) is None, "the odd fact stays out of the register"
    assert store.load("2026-11-22-an-peeters").employee.id == an[0].id
    ok(invoke("list"))


# --- the index (a copy beside the files) edited by hand ----------------------------------


@pytest.mark.parametrize(
    "change",
    [
        "date = 'gisteren'",
        "date = 5",
        "updated = 'nooit'",
        "purposes = '{'",
        "purposes = '5'",
        "retirement_year = 'abc'",
        "summary = 'geen json'",
        "summary = 'null'",
        "summary = '[1]'",
        "date = 'x', summary = '{\"employee\": {}, \"date\": 5}'",
    ],
)
@pytest.mark.parametrize(
    "args",
    [["list", "--json"], ["agenda", "--all"], ["employees", "list"], ["show", "2026-11-22"]],
    ids=["list", "agenda", "employees", "show"],
)
def test_a_row_of_the_index_edited_by_hand_is_read_from_its_file(
    world: Path, change: str, args: list[str]
) -> None:
    """The index is a copy: one row it can not make sense of is read from the file, the truth."""
    import sqlite3

    (world / "sessions" / "2026-11-22-an-peeters.yaml").unlink()
    ok(invoke("start", "--answers", COMPLETE, "--no-input"))  # a save makes the index
    ok(invoke("list"))
    with contextlib.closing(sqlite3.connect(world / "index.sqlite3")) as conn:
        assert conn.execute(f"UPDATE sessions SET {change}").rowcount == 1
        conn.commit()
    result = ok(invoke(*args))
    if args[0] == "list":
        assert '"date": "2026-11-22"' in result.stdout


@pytest.mark.parametrize(
    "change",
    [
        "date = '0000-01-01'",  # SQLite's date() knows year 0, Python's does not
        "date = '2026-02-30'",
        "next_conversation = '2026-13-01'",
        "created = '2026-11-22T10:00:00+01:00'",  # a time zone: not what a save writes
        "created = '0000-01-01T00:00:00'",
        "updated = '2026-11-22T25:00:00'",
        "id = 5",
        "status = x'00'",
        "employee_name = 1.5",
    ],
)
@pytest.mark.parametrize(
    "args",
    [
        ["list"],
        ["list", "--json"],
        ["agenda", "--all"],
        ["employees", "list"],
        ["show", "2026-11-22"],
        ["export-data", "--employee", "An Peeters", "--format", "json"],
    ],
    ids=["table", "json", "agenda", "employees", "show", "export-data"],
)
def test_an_index_row_the_sql_checks_refuse_is_read_from_its_file(
    world: Path, change: str, args: list[str]
) -> None:
    """The shape checks run in SQL for 20,000 rows; each refuses what its reader would choke on."""
    import sqlite3

    (world / "sessions" / "2026-11-22-an-peeters.yaml").unlink()
    ok(invoke("start", "--answers", COMPLETE, "--no-input"))
    ok(invoke("list"))
    with contextlib.closing(sqlite3.connect(world / "index.sqlite3")) as conn:
        assert conn.execute(f"UPDATE sessions SET {change}").rowcount == 1
        conn.commit()
    result = ok(invoke(*args))
    if args == ["list"]:
        assert "22-11-2026" in result.stdout and "afgerond" in result.stdout
    if args == ["list", "--json"]:
        assert '"date": "2026-11-22"' in result.stdout and '"status": "completed"' in result.stdout


# --- config.yaml and what it points to -----------------------------------------------------


def test_a_folder_where_config_yaml_should_be_is_named_not_ignored(world: Path) -> None:
    """A folder named config.yaml silently gave the default rhythm and no organisation."""
    (world / "config.yaml").mkdir()
    refused_untouched(world, ["agenda"], 2, "config.yaml", "map")


def test_a_logo_that_is_a_pipe_is_refused_not_waited_for(world: Path, tmp_path: Path) -> None:
    """A logo.png that is a FIFO made `export` wait forever; a huge one was read whole."""
    os.mkfifo(world / "logo.png")
    (world / "config.yaml").write_text("organisation: {logo: logo.png}\n", encoding="utf-8")
    out = tmp_path / "blad.html"
    refused(invoke("export", "2026-11-22-an-peeters", "-o", out), 1, "logo", "geen gewoon bestand")
    assert not out.exists()


@pytest.mark.parametrize(
    ("logo", "why"), [("bestaat-niet.png", "dit bestaat niet"), ("map.png", "een map")]
)
def test_a_logo_that_can_not_be_read_is_explained_in_dutch(
    world: Path, tmp_path: Path, logo: str, why: str
) -> None:
    """The reason came from the system in English: "No such file or directory"."""
    (world / "map.png").mkdir()
    (world / "config.yaml").write_text(f"organisation: {{logo: {logo}}}\n", encoding="utf-8")
    refused(invoke("export", "2026-11-22-an-peeters", "-o", tmp_path / "b.html"), 1, why)


def test_a_very_long_organisation_name_is_wrapped_in_one_pass() -> None:
    """A 300,000-letter name on every txt document took minutes: each line measured the rest."""
    from loopbaan_cli.kernel import text

    counted = {"n": 0}
    real = text.char_columns

    def counting(char: str) -> int:
        counted["n"] += 1
        return real(char)

    word = "é" * 40_000
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(text, "char_columns", counting)
        lines = text.wrap_columns(word, 78)
    assert "".join(lines) == word and all(text.columns(line) <= 78 for line in lines)
    assert counted["n"] < 10 * len(word), counted["n"]  # measured once or twice, not per line


# --- YAML that parses but can not be built, and what the parser says --------------------------


@pytest.mark.parametrize(
    "tagged", ['!!int "x"', "!!float vier", '!!timestamp "gisteren"', "!!bool misschien"]
)
@pytest.mark.parametrize("where", ["answers", "config"])
def test_a_typed_yaml_tag_that_builds_nothing_is_a_message_at_its_line(
    world: Path, tmp_path: Path, tagged: str, where: str
) -> None:
    """`!!int "x"` escaped the loader as a bare ValueError: a traceback in every command."""
    if where == "answers":
        path = tmp_path / "antwoorden.yaml"
        text = COMPLETE.read_text(encoding="utf-8")
        path.write_text(text.replace("kern.tevredenheid: 4", f"kern.tevredenheid: {tagged}"))
        args: list[object] = ["start", "--answers", path, "--no-input"]
    else:
        (world / "config.yaml").write_text(f"interval_years: {tagged}\n", encoding="utf-8")
        args = ["agenda"]
    result = refused_untouched(world, args, 2, "YAML-tag" if "timestamp" not in tagged else "datum")
    assert ":1:" in result.stderr or ":8:" in result.stderr, "the place is named"


@pytest.mark.parametrize("tagged", ['!!binary "QUJD"', "!!set {a}", "!!omap [a: 1]"])
def test_a_yaml_tag_of_a_kind_no_file_holds_is_refused(
    world: Path, tmp_path: Path, tagged: str
) -> None:
    """`!!binary` slipped bytes into an answer text, which was saved."""
    path = tmp_path / "antwoorden.yaml"
    text = COMPLETE.read_text(encoding="utf-8")
    path.write_text(text.replace("Klanten helpen aan de balie.", tagged), encoding="utf-8")
    refused_untouched(
        world, ["start", "--answers", path, "--no-input"], 2, "wordt niet ondersteund"
    )


@pytest.mark.parametrize(
    "broken",
    [
        'x: "Klanten \\ud800 helpen"',
        "x: [1, 2",
        "x: {b: 1",
        "%YAML 2.0\n---\nx: 1",
        "x: |0\n  tekst",
        "[x]: 1",
        ", x",
        "x: &",
        "x: !x!y 1",
    ],
)
def test_what_the_yaml_parser_says_reaches_the_user_in_dutch(
    world: Path, tmp_path: Path, broken: str
) -> None:
    """Every message the parser has but no table knew came out in English."""
    path = tmp_path / "antwoorden.yaml"
    path.write_text(broken + "\n", encoding="utf-8")
    result = refused_untouched(
        world, ["start", "--answers", path, "--no-input"], 2, "ongeldige YAML"
    )
    english = ("found", "expected", "escape code", "directive", "unhashable", "indicator", "handle")
    assert not any(word in result.stderr for word in english), result.stderr


# --- the journal beside a conversation, edited by hand or replaced ------------------------------


@pytest.fixture
def two(world: Path) -> Path:
    """Two conversations; An Peeters's will get an odd journal, Jan Janssens's stays fine."""
    other = make_session(id="2026-10-01-jan-janssens", employee={"name": "Jan Janssens"})
    write_session(world, other)
    return world


@pytest.mark.parametrize(
    "line",
    ['{"answers": 5}', '{"drop": 5}', '{"drop": {"answers": 5}}', '{"fields": 5}', "[1]"],
)
def test_a_journal_line_of_the_wrong_shape_is_not_replayed(two: Path, line: str) -> None:
    """A hand-made line crashed `show`, `list` and `agenda` with a traceback, for everyone."""
    journal = two / "sessions" / "2026-11-22-an-peeters.journal"
    journal.write_text(line + "\n", encoding="utf-8")
    before = snapshot(two)
    shown = ok(invoke("show", "2026-11-22-an-peeters"))
    assert "An Peeters" in shown.stdout
    listed = ok(invoke("list", "--json"))
    assert "2026-10-01-jan-janssens" in listed.stdout and "2026-11-22-an-peeters" in listed.stdout
    ok(invoke("agenda", "--all"))
    assert snapshot(two) == before


@pytest.mark.parametrize("odd", ["fifo", "device-link", "folder"])
def test_a_journal_that_is_no_regular_file_is_named_and_waits_for_nothing(
    two: Path, odd: str
) -> None:
    """A journal that was a pipe made every command wait forever; a link to /dev/zero
    filled the memory; a folder stopped `list` for every conversation."""
    journal = two / "sessions" / "2026-11-22-an-peeters.journal"
    if odd == "fifo":
        os.mkfifo(journal)
    elif odd == "device-link":
        journal.symlink_to("/dev/zero")
    else:
        journal.mkdir()
    refused_untouched(two, ["show", "2026-11-22-an-peeters"], 2, ".journal")
    listed = ok(invoke("list", "--json"))
    assert "2026-10-01-jan-janssens" in listed.stdout, "one odd file breaks no other"
    assert ".journal" in listed.stderr


# --- limits at the boundary -----------------------------------------------------------------


def test_the_register_never_grows_past_what_it_can_read(
    world: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At 2 MB the register was still written (5.7 MB after one more person), and then
    refused by every command that reads it. Here with a small limit in its place."""
    size = len((world / "employees.yaml").read_bytes())
    monkeypatch.setattr(employees, "MAX_BYTES", size + 150)
    before = snapshot(world)
    path = tmp_path / "antwoorden.yaml"
    text = COMPLETE.read_text(encoding="utf-8")
    path.write_text(text.replace("An Peeters", "Iemand Met Een Lange Nieuwe Naam"), "utf-8")
    refused(invoke("start", "--answers", path, "--no-input"), 1, "te groot", "niets bewaard")
    assert snapshot(world) == before, "no conversation without its person in the register"
    ok(invoke("employees", "list"))


def test_an_interval_just_over_the_limit_is_shown_as_typed() -> None:
    """`--interval 20.0000001` was refused as "--interval 20 kan niet: tussen 0 en 20"."""
    result = refused(invoke("agenda", "--interval", "20.0000001"), 1, "20.0000001")
    assert "--interval 20 kan" not in result.stderr


# --- a register that went missing -------------------------------------------------------------


def test_a_lost_register_is_rebuilt_under_the_same_ids(world: Path, tmp_path: Path) -> None:
    """With employees.yaml gone (deleted, lost in a sync), the next start gave An Peeters a
    second id, and `delete --employee` then said "everything" while leaving half behind."""
    first = employees.read().named("An Peeters")[0]
    (world / "employees.yaml").unlink()
    ok(invoke("start", "--answers", COMPLETE, "--no-input"))
    an = employees.read().named("An Peeters")
    assert [e.id for e in an] == [first.id] and an[0].role == first.role
    assert len(list((world / "sessions").glob("*.yaml"))) == 2
    deleted = ok(invoke("delete", "--employee", "An Peeters", "--yes"))
    assert "2 gesprekken" in deleted.stdout
    assert not list((world / "sessions").glob("*.yaml"))
    assert not (world / migrate.BACKUP).exists()


def test_delete_employee_with_one_conversation_open_elsewhere_deletes_none(
    world: Path,
) -> None:
    """The first conversation went, then the open one stopped it: half deleted, and the
    message only named the open one."""
    import json
    import socket
    import subprocess
    import sys

    ok(invoke("start", "--answers", COMPLETE, "--no-input"))  # a second conversation
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        lock = world / "sessions" / "2026-11-22-an-peeters-2.lock"
        owner = {"pid": child.pid, "host": socket.gethostname(), "since": "2026-12-02T07:00:00"}
        lock.write_text(json.dumps(owner) + "\n", encoding="utf-8")
        refused_untouched(
            world,
            ["delete", "--employee", "An Peeters", "--yes"],
            1,
            "al open in een ander venster",
        )
    finally:
        child.kill()
        child.wait()
    assert len(list((world / "sessions").glob("*.yaml"))) == 2


def test_merge_with_one_conversation_open_elsewhere_moves_none(world: Path) -> None:
    """Each conversation was moved under its own lock: an open one stopped it half-way."""
    import json
    import socket
    import subprocess
    import sys

    keep = employees.read().named("An Peeters")[0].id
    path = COMPLETE.parent / "complete.yaml"
    other = world / "andere.yaml"
    other.write_text(path.read_text(encoding="utf-8").replace("An Peeters", "An Peters"), "utf-8")
    ok(invoke("start", "--answers", other, "--no-input"))
    ok(invoke("start", "--answers", other, "--no-input"))
    gone = employees.read().named("An Peters")[0].id
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        # whichever of the two is moved first, the other is open elsewhere
        for locked, moved_first in (("", "-2"), ("-2", "")):
            lock = world / "sessions" / f"2026-11-22-an-peters{locked}.lock"
            owner = {"pid": child.pid, "host": socket.gethostname(), "since": "2026-12-02"}
            lock.write_text(json.dumps(owner) + "\n", encoding="utf-8")
            refused_untouched(world, ["employees", "merge", keep, gone], 1, "al open")
            assert store.load(f"2026-11-22-an-peters{moved_first}").employee.id == gone
            lock.unlink()
    finally:
        child.kill()
        child.wait()


# --- an export written over loopbaan's own files ------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["export-data", "--employee", "An Peeters", "--format", "yaml", "-o", "employees.yaml"],
        ["export-data", "--employee", "An Peeters", "--format", "json", "-o", "index.sqlite3"],
        [
            "export-data", "--employee", "An Peeters", "--format", "yaml",
            "-o", "sessions/2026-11-22-an-peeters.yaml",
        ],
        ["export", "2026-11-22-an-peeters", "-o", "sessions/blad.html"],
        ["export", "2026-11-22-an-peeters", "-o", "templates/../sessions/blad.md"],
    ],
    ids=["register", "index", "conversation", "into-sessions", "via-dotdot"],
)  # fmt: skip
def test_an_export_never_replaces_loopbaans_own_files(world: Path, args: list[str]) -> None:
    """`export-data -o <map>/employees.yaml --force` replaced the register by a document:
    every person gone, and every command after it refused the register."""
    ok(invoke("start", "--answers", COMPLETE, "--no-input"))  # an index to protect too
    *command, name = args
    refused_untouched(world, [*command, world / name, "--force"], 1, "van loopbaan zelf")
    ok(invoke("employees", "list"))


@pytest.mark.parametrize("with_old_file", [False, True])
def test_a_pipe_in_a_folder_without_register_neither_hangs_nor_stops_the_upgrade(
    home: Path, with_old_file: bool
) -> None:
    """A FIFO named *.yaml made every command wait on it (the upgrade's check opened it);
    beside an old file, the copy before the upgrade failed with shutil's English, forever."""
    (home / "sessions").mkdir(parents=True)
    os.mkfifo(home / "sessions" / "2026-01-01-pijp.yaml")
    if with_old_file:
        shutil.copy(V1 / "2025-03-10-an-peeters.yaml", home / "sessions")
    migrate.pending.clear()
    ok(invoke("list"))
    assert not (home / migrate.BACKUP).exists()
    assert not (home / (migrate.BACKUP + ".tmp")).exists()
    if with_old_file:
        assert employees.read().named("An Peeters")


@pytest.mark.parametrize(
    "entries", ["geen json", "5", '[{"x": 1}]', '[{"id": "mw-aaaaaa", "name": 5}]']
)
@pytest.mark.parametrize("args", [["employees", "list"], ["agenda"]], ids=["employees", "agenda"])
def test_the_index_copy_of_the_register_edited_by_hand_is_not_believed(
    world: Path, entries: str, args: list[str]
) -> None:
    """The copy of the register in the index was turned into entries unchecked: a traceback."""
    import sqlite3

    ok(invoke("start", "--answers", COMPLETE, "--no-input"))
    ok(invoke("employees", "list"))  # the copy is kept
    with contextlib.closing(sqlite3.connect(world / "index.sqlite3")) as conn:
        assert conn.execute("UPDATE register SET entries = ?", (entries,)).rowcount == 1
        conn.commit()
    result = ok(invoke(*args))
    if args[0] == "employees":
        assert "An Peeters" in result.stdout


# --- own banks that are no regular file ---------------------------------------------------------


def test_an_own_bank_that_is_a_pipe_or_a_dangling_link_is_named_not_silently_left_out(
    world: Path,
) -> None:
    """`banks validate` said nothing about them: the user believed the bank was in use."""
    banks = world / "question_banks"
    banks.mkdir()
    os.mkfifo(banks / "pijp.yaml")
    (banks / "weg.yaml").symlink_to(world / "bestaat-niet.yaml")
    result = refused_untouched(world, ["banks", "validate"], 2, "pijp.yaml", "weg.yaml")
    assert "geen gewoon bestand" in result.stderr
    ok(invoke("banks", "list"))
