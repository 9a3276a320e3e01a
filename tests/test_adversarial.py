"""Bad input of every kind: a clear Dutch message, the right exit code, nothing touched.

A corpus of broken banks (in the user's folder and given to `banks validate`),
session files, answers files (`start --answers F --no-input`), templates
(`export --template F`) and command-line values. For each:

- the documented exit code: 1 for a user error or something not found, 2 for
  invalid YAML or configuration;
- a message on stderr in Dutch, naming the file where there is one;
- no traceback, and no exception escaping the command;
- every file under the test folder (the data folder and the inputs) byte for
  byte as it was, and no file added.

All in-process through Typer's CliRunner, so the whole corpus runs in seconds.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

import pytest
from helpers import make_session, write_session
from typer.testing import CliRunner, Result

from loopbaan_cli.cli.app import app
from loopbaan_cli.kernel import paths
from loopbaan_cli.kernel.errors import NotFoundError
from loopbaan_cli.sessions import store

SESSION_ID = "2026-11-22-an-peeters"
BROKEN_ID = "2026-01-01-kapot"
MB = 1024 * 1024

# Words of which a Dutch error message has at least one.
DUTCH = (
    "fout",
    "niet",
    "geen",
    "ongeldig",
    "onbekend",
    "ontbreekt",
    "bestand",
    "kies",
    "te groot",
    "te diep",
    "bestaat",
    "leeg",
    "moet",
    "toegestaan",
)
# Words that betray a message nobody translated: Python's or a library's own.
# (Jinja's detail after a Dutch sentence, "unexpected 'end of template'", may stay.)
ENGLISH = (
    "Traceback",
    "Error:",
    "Exception",
    "errno",
    "not found",
    "could not",
    "while parsing",
    "while scanning",
    "found character",
    "not allowed",
    "but found",
)

VALID_BANK = """\
id: eigen
title: Eigen vragen
order: 95
sections:
  - id: deel
    title: Eigen deel
    questions:
      - id: vraag
        text: Wat wil je nog kwijt?
"""

ALIAS_BOMB = (
    "\n".join(
        [
            'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
            *(
                f"{x}: &{x} [" + ",".join([f"*{p}"] * 9) + "]"
                for p, x in zip("abcdefgh", "bcdefghi", strict=True)
            ),
        ]
    )
    + "\n"
)


# --- writing the bad files -------------------------------------------------------

Writer = Callable[[Path], object]


def text(content: str) -> Writer:
    return lambda path: path.write_text(content, encoding="utf-8")


def raw(content: bytes) -> Writer:
    return lambda path: path.write_bytes(content)


def huge(path: Path) -> None:
    """50 MB that costs nothing to make: a line of YAML and a sparse tail."""
    with path.open("wb") as handle:
        handle.write(b"id: groot\n")
        handle.truncate(50 * MB)


# Garbage that no YAML file of loopbaan survives, whatever it should have been.
GARBAGE: dict[str, tuple[Writer, tuple[str, ...]]] = {
    "yaml-syntax": (text("id: proef\ntitle: een: twee\n"), ("ongeldige YAML",)),
    "tab-indent": (text("id: proef\nsections:\n\t- id: deel\n"), ("tab",)),
    "unclosed-quote": (text('id: "proef\ntitle: x\n'), ("ongeldige YAML",)),
    "binary": (raw(bytes(range(256)) * 8), ("binaire",)),
    "latin-1": (raw("id: proef\ntitle: Café\n".encode("latin-1")), ("UTF-8",)),
    "utf-16": (raw("id: proef\ntitle: Café\n".encode("utf-16")), ("UTF-16",)),
    "empty": (text(""), ()),
    "alias-bomb": (text(ALIAS_BOMB), ("verwijzingen",)),
    "50-mb": (huge, ("te groot",)),
    "deep-nesting": (text("[" * 100_000), ("te diep",)),
    "top-level-list": (text("- id: proef\n- id: twee\n"), ()),
    "top-level-text": (text("gewoon wat tekst\n"), ()),
    "duplicate-key": (text("id: proef\nid: twee\ntitle: x\n"), ("twee keer",)),
    "two-documents": (text("id: proef\n---\nid: twee\n"), ("ongeldige YAML",)),
    "python-tag": (
        text("id: !!python/object/apply:os.system ['touch gehackt']\ntitle: x\n"),
        ("ongeldige YAML",),
    ),
    "control-characters": (raw(b"id: proef\x07\x1b[31m\ntitle: x\n"), ("ongeldige YAML",)),
    # YAML reads 2026-13-01 as a date, and building it used to raise a bare ValueError
    "impossible-date": (
        text("id: proef\ntitle: x\ndate: 2026-13-01\n"),
        (":3:7:", "geen bestaande datum"),
    ),
    "impossible-date-key": (text("id: proef\n2026-02-30: x\n"), (":2:1:", "geen bestaande datum")),
}

BANK_ERRORS: dict[str, tuple[Writer, tuple[str, ...]]] = {
    "wrong-types": (text("id: proef\ntitle: [1, 2]\nsections: hallo\n"), ("moet",)),
    "unknown-key": (
        text(VALID_BANK.replace("order: 95", "volgorde: 95")),
        ("onbekende sleutel 'volgorde'",),
    ),
    "duplicate-question-ids": (
        text(VALID_BANK + "      - id: vraag\n        text: Nog eens?\n"),
        ("komt twee keer voor",),
    ),
    "bad-when": (
        text(VALID_BANK + '        when: "vraag =="\n'),
        ("ongeldige voorwaarde",),
    ),
    "unknown-type": (text(VALID_BANK + "        type: opstel\n"), ("opstel",)),
    "traversal-in-id": (text(VALID_BANK.replace("id: eigen", "id: ../../etc")), ("../../etc",)),
    "reversed-scale": (
        text(VALID_BANK + "        type: scale\n        scale: {min: 5, max: 1}\n"),
        ("max moet groter zijn dan min",),
    ),
    "choice-without-choices": (text(VALID_BANK + "        type: choice\n"), ("choices",)),
}

VALID_SESSION = make_session(id=BROKEN_ID)


def session_text(**changes: object) -> str:
    from loopbaan_cli.kernel import yamlio

    data = VALID_SESSION.model_dump(mode="python")
    data.update(changes)
    return yamlio.dump(data)


def session_without(key: str) -> str:
    from loopbaan_cli.kernel import yamlio

    data = VALID_SESSION.model_dump(mode="python")
    del data[key]
    return yamlio.dump(data)


SESSION_ERRORS: dict[str, tuple[Writer, tuple[str, ...]]] = {
    "future-schema-version": (text(session_text(schema_version=99)), ("nieuwere versie",)),
    "schema-version-missing": (text(session_without("schema_version")), ("schema_version",)),
    "schema-version-text": (text(session_text(schema_version="een")), ("schema_version",)),
    "schema-version-true": (text(session_text(schema_version=True)), ("schema_version",)),
    "wrong-date": (text(session_text(date="gisteren")), ("datum",)),
    "unknown-key": (text(session_text(kleur="blauw")), ("onbekende sleutel 'kleur'",)),
    "bad-status": (text(session_text(status="misschien")), ("misschien",)),
    "answers-as-list": (text(session_text(answers=["een", "twee"])), ("answers",)),
    "employee-missing": (text(session_without("employee")), ("employee",)),
}

ANSWERS_ERRORS: dict[str, tuple[Writer, int, tuple[str, ...]]] = {
    "unknown-top-key": (text("werknemer: {name: An}\n"), 2, ("onbekende sleutel 'werknemer'",)),
    "wrong-date": (
        text("employee: {name: An}\ninterviewer: {name: Marc}\ndate: morgen\nphase: spitsuur\n"),
        2,
        ("datum",),
    ),
    "unknown-question": (
        text("employee: {name: An}\nanswers:\n  kern.bestaat_niet: ja\n"),
        1,
        ("onbekende vraag 'kern.bestaat_niet'",),
    ),
    "scale-out-of-range": (
        text("employee: {name: An}\nanswers:\n  kern.tevredenheid: 99\n"),
        1,
        ("buiten de schaal",),
    ),
    "phase-traversal": (
        text("employee: {name: An}\nphase: ../../etc\n"),
        1,
        ("onbekende levensfase '../../etc'",),
    ),
    "conclusion-unknown": (
        text("employee: {name: An}\nconclusion: alles-kapot\n"),
        1,
        ("onbekende conclusie",),
    ),
}

TEMPLATE_ERRORS: dict[str, tuple[Writer, int, tuple[str, ...]]] = {
    "python-internals-mro": (text("{{ ''.__class__.__mro__ }}"), 2, ("niet toegestaan",)),
    "python-internals-globals": (
        text("{{ cycler.__init__.__globals__ }}"),
        2,
        ("niet toegestaan",),
    ),
    "python-internals-lipsum": (
        text("{{ lipsum.__globals__['os'].system('touch gehackt') }}"),
        2,
        ("niet toegestaan",),
    ),
    "python-internals-model": (
        text("{{ employee.__class__.__init__.__globals__ }}"),
        2,
        ("niet toegestaan",),
    ),
    # the saved data underneath a Record (record.py), around the private-note filter
    "record-data": (text("{{ session._data }}"), 2, ("niet toegestaan",)),
    "record-data-attr": (text("{{ session|attr('_data') }}"), 2, ("niet toegestaan",)),
    "syntax": (text("{% if %}"), 2, ("sjabloonsyntaxis",)),
    "undefined": (text("{{ bestaat_niet }}"), 2, ("bestaat_niet",)),
    "huge-range": (text("{% for x in range(10**10) %}{% endfor %}"), 2, ("ingevuld",)),
    "include-passwd": (text("{% include '/etc/passwd' %}"), 2, ()),
    "include-traversal": (text("{% include '../../../../../etc/passwd' %}"), 2, ()),
    "latin-1": (raw("Café {{ employee.name }}".encode("latin-1")), 2, ("UTF-8",)),
    "utf-16": (raw("{{ employee.name }}".encode("utf-16")), 2, ("UTF-16",)),
    "binary": (raw(bytes(range(256)) * 8), 2, ("binaire",)),
    "50-mb": (huge, 2, ("te groot",)),
}


# --- the test folder and its fingerprint --------------------------------------------


def snapshot(root: Path) -> dict[str, str]:
    """Every file under `root` with the hash of its bytes."""
    found = {}
    for path in sorted(root.rglob("*")):
        if path.is_file() and not path.is_symlink():
            digest = hashlib.sha256()
            with path.open("rb") as handle:
                while block := handle.read(MB):
                    digest.update(block)
            found[str(path.relative_to(root))] = digest.hexdigest()
    return found


@pytest.fixture
def world(tmp_path: Path, home: Path) -> Path:
    """A data folder in use (a session, an own bank, an own template) and an inputs folder."""
    write_session(home, make_session())
    paths.ensure_private_dir(home / "question_banks")
    (home / "question_banks" / "eigen.yaml").write_text(VALID_BANK, encoding="utf-8")
    paths.ensure_private_dir(home / "templates")
    (home / "templates" / "eigen.md.j2").write_text("{{ employee.name }}\n", encoding="utf-8")
    (home / "bestaand.md").write_text("niet overschrijven\n", encoding="utf-8")
    (tmp_path / "in").mkdir()
    return tmp_path


def invoke(*args: object) -> Result:
    return CliRunner().invoke(app, [str(a) for a in args], catch_exceptions=True)


def assert_refused(result: Result, code: int, *needles: str) -> None:
    """The exit code, a Dutch message naming every needle, and no traceback."""
    shown = f"exit {result.exit_code}\nstdout: {result.stdout}\nstderr: {result.stderr}"
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        import traceback

        trace = "".join(traceback.format_exception(result.exception))
        raise AssertionError(f"an exception escaped the command:\n{trace}\n{shown}")
    assert result.exit_code == code, shown
    message = result.stderr
    assert message.strip(), "a refusal must say why, on stderr\n" + shown
    for word in ENGLISH:
        assert word not in result.stdout + message, (word, shown)
    assert any(word in message.lower() for word in DUTCH), shown
    for needle in needles:
        assert needle in message, (needle, shown)


def check(world: Path, args: list[object], code: int, needles: tuple[str, ...]) -> Result:
    before = snapshot(world)
    result = invoke(*args)
    assert_refused(result, code, *needles)
    assert snapshot(world) == before, "a refused command changed or added files"
    assert not (world / "gehackt").exists() and not Path("gehackt").exists()
    return result


# --- banks ----------------------------------------------------------------------------

BANK_CASES = {**GARBAGE, **BANK_ERRORS}


@pytest.mark.parametrize("case", sorted(BANK_CASES))
def test_broken_user_bank(world: Path, home: Path, case: str) -> None:
    """A broken file among the user's banks: `banks validate` names it, exit 2."""
    writer, needles = BANK_CASES[case]
    path = home / "question_banks" / "kapot.yaml"
    writer(path)
    check(world, ["banks", "validate"], 2, ("kapot.yaml", *needles))


@pytest.mark.parametrize("case", sorted(BANK_CASES))
def test_broken_bank_given_by_path(world: Path, case: str) -> None:
    writer, needles = BANK_CASES[case]
    path = world / "in" / "kapot.yaml"
    writer(path)
    check(world, ["banks", "validate", path], 2, (str(path), *needles))


def test_broken_user_catalogue(world: Path, home: Path) -> None:
    (home / "question_banks" / "phases.yaml").write_text("phases: hallo\n", encoding="utf-8")
    check(world, ["banks", "validate"], 2, ("phases.yaml",))


def test_broken_user_bank_does_not_stop_the_listing(world: Path, home: Path) -> None:
    """`banks list` warns about the broken file and still lists the built-in banks."""
    GARBAGE["yaml-syntax"][0](home / "question_banks" / "kapot.yaml")
    before = snapshot(world)
    result = invoke("banks", "list", "--json")
    assert result.exit_code == 0, result.stderr
    assert "kapot.yaml" in result.stderr and "Traceback" not in result.output
    assert '"kern"' in result.stdout
    assert snapshot(world) == before


# --- session files ------------------------------------------------------------------

SESSION_CASES = {**GARBAGE, **SESSION_ERRORS}


@pytest.mark.parametrize("case", sorted(SESSION_CASES))
def test_broken_session_file(world: Path, home: Path, case: str) -> None:
    """`show` and `export` name the broken file (exit 2); other sessions keep working."""
    writer, needles = SESSION_CASES[case]
    path = home / "sessions" / f"{BROKEN_ID}.yaml"
    writer(path)
    commands: list[list[object]] = [["show", BROKEN_ID], ["export", BROKEN_ID, "--format", "txt"]]
    for command in commands:
        check(world, command, 2, (f"{BROKEN_ID}.yaml", *needles))
    # The listing reads only the top of each file (who, when, status): a file broken
    # there is skipped with a warning; one broken only in its answers is listed.
    listing = invoke("list", "--json")
    assert listing.exit_code == 0, listing.stderr
    assert SESSION_ID in listing.stdout
    assert f"{BROKEN_ID}.yaml" in listing.stderr or BROKEN_ID in listing.stdout
    assert "Traceback" not in listing.output
    exported = invoke("export", SESSION_ID)
    assert exported.exit_code == 0 and "An Peeters" in exported.stdout


def test_every_broken_session_at_once_in_the_listing(world: Path, home: Path) -> None:
    for n, (writer, _) in enumerate(SESSION_CASES.values()):
        writer(home / "sessions" / f"2026-01-{n + 1:02d}-kapot.yaml")
    before = snapshot(world)
    result = invoke("list")
    assert result.exit_code == 0, result.stderr
    # every one skipped, but the one whose answers alone are broken (see above)
    assert result.stderr.count("Overgeslagen") == len(SESSION_CASES) - 1, result.stderr
    assert "An Peeters" in result.stdout and "Traceback" not in result.output
    assert snapshot(world) == before


def test_export_without_id_names_the_unreadable_file(world: Path, home: Path) -> None:
    """With only broken files, "there is no conversation yet" would send the user astray."""
    (home / "sessions" / f"{SESSION_ID}.yaml").unlink()
    SESSION_CASES["wrong-date"][0](home / "sessions" / f"{BROKEN_ID}.yaml")
    check(world, ["export"], 1, ("geen leesbaar gesprek", f"{BROKEN_ID}.yaml"))


# --- answers files ------------------------------------------------------------------

ANSWERS_CASES: dict[str, tuple[Writer, int, tuple[str, ...]]] = {
    **{name: (writer, 2, needles) for name, (writer, needles) in GARBAGE.items()},
    **ANSWERS_ERRORS,
}


@pytest.mark.parametrize("case", sorted(ANSWERS_CASES))
def test_broken_answers_file(world: Path, case: str) -> None:
    writer, code, needles = ANSWERS_CASES[case]
    path = world / "in" / "antwoorden.yaml"
    writer(path)
    check(world, ["start", "--answers", path, "--no-input"], code, (str(path), *needles))


def test_answers_file_that_is_a_folder(world: Path) -> None:
    folder = world / "in" / "map.yaml"
    folder.mkdir()
    check(world, ["start", "--answers", folder, "--no-input"], 2, ("map.yaml", "map"))


def test_employee_name_cannot_escape_the_sessions_folder(world: Path, home: Path) -> None:
    """A name like ../../x becomes a harmless id inside <home>/sessions."""
    path = world / "in" / "antwoorden.yaml"
    path.write_text(
        "employee: {name: ../../x}\ninterviewer: {name: ../../../etc/passwd}\n"
        "date: 2026-11-22\nphase: spitsuur\nconclusion: groei_huidige_job\n",
        encoding="utf-8",
    )
    before = snapshot(world)
    result = invoke("start", "--answers", path, "--no-input", "--json")
    assert result.exit_code == 0, result.output
    after = snapshot(world)
    added = set(after) - set(before) - {"home/index.sqlite3"}  # the listing index, in home too
    assert added == {"home/sessions/2026-11-22-x.yaml"}, added
    # the register gained the new employee; nothing else changed
    assert all(after[k] == v for k, v in before.items() if k != "home/employees.yaml")
    assert store.load("2026-11-22-x").employee.name == "../../x"


def test_session_whose_id_field_points_outside_cannot_be_saved(world: Path, home: Path) -> None:
    """An id that could leave the folder is refused by the model, and by save() too."""
    from pydantic import ValidationError

    with pytest.raises(ValidationError):
        make_session(id="../../etc/passwd")
    session = make_session()
    session.id = "../../etc/passwd"  # no validation on assignment: save() must still refuse
    before = snapshot(world)
    with pytest.raises(NotFoundError, match="geen geldige gespreks-id"):
        store.save(session)
    with pytest.raises(NotFoundError), store.locked("../x"):
        pass
    assert snapshot(world) == before


# --- templates ----------------------------------------------------------------------


@pytest.mark.parametrize("case", sorted(TEMPLATE_ERRORS))
def test_broken_template(world: Path, case: str) -> None:
    writer, code, needles = TEMPLATE_ERRORS[case]
    path = world / "in" / "sjabloon.md.j2"
    writer(path)
    check(world, ["export", SESSION_ID, "--template", path], code, ("sjabloon.md.j2", *needles))


def test_broken_own_template_in_the_data_folder(world: Path, home: Path) -> None:
    """The user's own copy of a built-in template, saved in the wrong encoding."""
    (home / "templates" / "agreement.md.j2").write_bytes("Café".encode("latin-1"))
    check(world, ["export", SESSION_ID], 2, ("agreement.md.j2", "UTF-8"))


def test_template_that_is_missing_or_a_folder(world: Path) -> None:
    check(world, ["export", SESSION_ID, "--template", world / "in" / "nergens.j2"], 1, ("nergens",))
    check(world, ["export", SESSION_ID, "--template", world / "in"], 1, ("niet gevonden",))


# --- command-line values -------------------------------------------------------------

CLI_CASES: dict[str, tuple[list[str], int, tuple[str, ...]]] = {
    "export-traversal": (["export", "../../etc/passwd"], 1, ("geen geldige gespreks-id",)),
    "show-traversal": (["show", "../../etc/passwd"], 1, ("geen geldige gespreks-id",)),
    "resume-traversal": (["resume", "../x"], 1, ("geen geldige gespreks-id",)),
    "delete-traversal": (["delete", "../../x", "--yes"], 1, ("geen geldige gespreks-id",)),
    "export-absolute-path": (["export", "/etc/passwd"], 1, ("geen geldige gespreks-id",)),
    # a name is looked up without regard to case; one nobody has is not found
    "export-unknown-name": (["export", "NIEMAND-ANDERS"], 1, ("NIEMAND-ANDERS", "loopbaan list")),
    "export-very-long-id": (["export", "a" * 300], 1, ("geen geldige gespreks-id",)),
    "export-unknown-id": (["export", "2026-01-01-niemand"], 1, ("2026-01-01-niemand",)),
    "export-unknown-format": (["export", SESSION_ID, "--format", "odt"], 1, ("odt",)),
    "export-unknown-kind": (["export", SESSION_ID, "--kind", "geheim"], 1, ("geheim",)),
    "export-ics-with-template": (
        ["export", SESSION_ID, "--format", "ics", "--template", "x.j2"],
        1,
        ("ics",),
    ),
    "export-to-missing-folder": (
        ["export", SESSION_ID, "-o", "/nergens/hier/afspraken.md"],
        1,
        ("/nergens/hier",),
    ),
    "export-data-traversal": (
        ["export-data", "--employee", "../../etc/passwd"],
        1,
        ("../../etc/passwd",),
    ),
    "unknown-option": (["list", "--bestaat-niet"], 1, ("--bestaat-niet",)),
    "unknown-command": (["verwijder-alles"], 1, ("verwijder-alles",)),
    "agenda-interval-text": (["agenda", "--interval", "drie"], 1, ("--interval",)),
    "agenda-interval-zero": (["agenda", "--interval", "0"], 1, ("--interval",)),
    "agenda-interval-nan": (["agenda", "--interval", "nan"], 1, ("--interval",)),
    "start-no-input-without-answers": (["start", "--no-input"], 1, ("--answers",)),
}


@pytest.mark.parametrize("case", sorted(CLI_CASES))
def test_bad_command_line_value(world: Path, case: str) -> None:
    args, code, needles = CLI_CASES[case]
    check(world, list(args), code, needles)


def test_export_never_overwrites_an_existing_file(world: Path, home: Path) -> None:
    target = home / "bestaand.md"
    check(world, ["export", SESSION_ID, "-o", target], 1, ("bestaat al",))


def test_home_that_is_a_file(world: Path) -> None:
    """--home pointing at a file: a message that names it, not an OSError traceback."""
    not_a_folder = world / "in" / "gewoon-een-bestand"
    not_a_folder.write_text("x\n", encoding="utf-8")
    answers = world / "in" / "antwoorden.yaml"
    answers.write_text(
        "employee: {name: An}\ninterviewer: {name: Marc}\ndate: 2026-11-22\n"
        "phase: spitsuur\nconclusion: groei_huidige_job\n",
        encoding="utf-8",
    )
    args = ["--home", not_a_folder, "start", "--answers", answers, "--no-input"]
    check(world, args, 1, ("gewoon-een-bestand", "geen map"))


def test_corpus_is_big_enough() -> None:
    total = (
        2 * len(BANK_CASES)
        + len(SESSION_CASES)
        + len(ANSWERS_CASES)
        + len(TEMPLATE_ERRORS)
        + len(CLI_CASES)
    )
    assert total >= 40, total
