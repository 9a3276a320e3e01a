"""The data layer under attack (issue 12, parts 2 to 4): locks, limits, ranges, the seal, files outside.

In the style of test_adversarial.py: each case checks the exit code, a Dutch
message on stderr (naming what it is about), no traceback or escaped
exception, and that every other file under the test folder is byte for byte
as it was. All in-process through Typer's CliRunner.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import socket
import stat
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from helpers import make_session, write_session
from typer.testing import CliRunner, Result

from loopbaan_cli.cli.app import app
from loopbaan_cli.documents import environment
from loopbaan_cli.kernel import paths, yamlio
from loopbaan_cli.sessions import seal

SESSION_ID = "2026-11-22-an-peeters"
OTHER_ID = "2026-10-01-jan-janssens"
MB = 1024 * 1024
DUTCH = (
    "niet",
    "geen",
    "te ",
    "fout",
    "moet",
    "hoogstens",
    "buiten",
    "bestaat",
    "vergrendeld",
    "al open",
)
ENGLISH = ("Traceback", "Error:", "Exception", "errno", "not found", "could not")

COMPLETE = """\
employee: {name: An Peeters, role: boekhouder}
interviewer: {name: Marc Janssens, role: zaakvoerder}
date: 2026-11-22
phase: spitsuur
purposes: [groei_job]
answers:
  kern.tevredenheid: 4
  kern.richting: Verder groeien in mijn huidige job
conclusion: {id: groei_huidige_job, text: An groeit verder.}
"""
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
ALIAS_BOMB = "\n".join(
    ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    + [
        f"{x}: &{x} [" + ",".join([f"*{p}"] * 9) + "]"
        for p, x in zip("abcdefgh", "bcdefghi", strict=True)
    ]
)


# --- the test folder -------------------------------------------------------------------


def snapshot(root: Path) -> dict[str, str]:
    """Every regular file under `root` with the hash of its bytes (links and pipes left out)."""
    found = {}
    for path in sorted(root.rglob("*")):
        if path.is_file() and not path.is_symlink() and stat.S_ISREG(path.stat().st_mode):
            found[str(path.relative_to(root))] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


@pytest.fixture
def world(tmp_path: Path, home: Path) -> Path:
    """A data folder in use (two conversations, an own bank) and an inputs folder."""
    write_session(home, make_session())
    write_session(home, make_session(id=OTHER_ID, date=dt.date(2026, 10, 1)))
    paths.ensure_private_dir(home / "question_banks")
    (home / "question_banks" / "eigen.yaml").write_text(VALID_BANK, encoding="utf-8")
    paths.ensure_private_dir(home / "templates")
    (tmp_path / "in").mkdir()
    return tmp_path


def invoke(*args: object) -> Result:
    return CliRunner().invoke(app, [str(a) for a in args], catch_exceptions=True)


def assert_refused(result: Result, code: int, *needles: str) -> None:
    shown = f"exit {result.exit_code}\nstdout: {result.stdout}\nstderr: {result.stderr}"
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        import traceback

        trace = "".join(traceback.format_exception(result.exception))
        raise AssertionError(f"an exception escaped the command:\n{trace}\n{shown}")
    assert result.exit_code == code, shown
    assert result.stderr.strip(), "a refusal must say why, on stderr\n" + shown
    for word in ENGLISH:
        assert word not in result.stdout + result.stderr, (word, shown)
    assert any(word in result.stderr.lower() for word in DUTCH), shown
    for needle in needles:
        assert needle in result.stderr, (needle, shown)


def check(world: Path, args: list[object], code: int, *needles: str) -> Result:
    before = snapshot(world)
    result = invoke(*args)
    assert_refused(result, code, *needles)
    assert snapshot(world) == before, "a refused command changed or added files"
    return result


def answers(world: Path, text: str, name: str = "antwoorden.yaml") -> Path:
    path = world / "in" / name
    path.write_text(text, encoding="utf-8")
    return path


def scripted_start(path: Path) -> list[object]:
    return ["start", "--answers", path, "--no-input"]


@pytest.fixture
def live_pid() -> Iterator[int]:
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        yield child.pid
    finally:
        child.kill()
        child.wait()


def prepared(home: Path) -> Path:
    session = make_session(status="prepared", stage="questions", answers={}, agreements=[])
    return write_session(home, session)


# --- 2. no write without the lock ------------------------------------------------------------


def test_scripted_start_refuses_a_prepared_conversation_open_in_another_window(
    world: Path, home: Path, live_pid: int
) -> None:
    prepared(home)
    (home / "sessions" / f"{SESSION_ID}.lock").write_text(f"{live_pid} {socket.gethostname()}\n")
    check(world, scripted_start(answers(world, COMPLETE)), 1, "al open", SESSION_ID)


def test_scripted_start_respects_a_lock_of_another_computer(world: Path, home: Path) -> None:
    prepared(home)
    since = (dt.datetime.now(dt.timezone.utc) - dt.timedelta(hours=3, minutes=5)).isoformat()
    lock = {"pid": 77, "host": "pc-onthaal", "since": since}
    (home / "sessions" / f"{SESSION_ID}.lock").write_text(json.dumps(lock) + "\n")
    check(
        world,
        scripted_start(answers(world, COMPLETE)),
        1,
        "computer 'pc-onthaal' sinds 3 uur",
        "--take-over",
    )


@pytest.mark.parametrize("content", [b"", b"\x00\x01\x02", b"{kapot", b"x" * 10_000])
def test_a_fresh_unreadable_lock_is_refused_without_a_traceback(
    world: Path, home: Path, content: bytes
) -> None:
    prepared(home)
    (home / "sessions" / f"{SESSION_ID}.lock").write_bytes(content)
    check(world, scripted_start(answers(world, COMPLETE)), 1, "onleesbaar")


# --- 3. never save what cannot be read back ---------------------------------------------------


def with_answer(line: str) -> str:
    return COMPLETE.replace("answers:\n", f"answers:\n  {line}\n")


BAD_ANSWERS: dict[str, tuple[str, int, tuple[str, ...]]] = {
    "number-inf": (with_answer("kern.jaren_nog: .inf"), 1, ("kern.jaren_nog", "inf")),
    "number-nan": (with_answer("kern.jaren_nog: .nan"), 1, ("kern.jaren_nog", "nan")),
    "number-minus-inf": (with_answer("kern.jaren_nog: -.inf"), 1, ("kern.jaren_nog",)),
    "retirement-year-3": (
        COMPLETE.replace("role: boekhouder", "role: boekhouder, retirement_year: 3"),
        1,
        ("pensioenjaar",),
    ),
    "retirement-year-minus-5": (
        COMPLETE.replace("role: boekhouder", "role: boekhouder, retirement_year: -5"),
        1,
        ("pensioenjaar",),
    ),
    "retirement-year-long-past": (
        COMPLETE.replace("role: boekhouder", "role: boekhouder, retirement_year: 1990"),
        1,
        ("pensioenjaar",),
    ),
    "retirement-year-far-future": (
        COMPLETE.replace("role: boekhouder", "role: boekhouder, retirement_year: 2099"),
        1,
        ("pensioenjaar",),
    ),
    "service-start-9999": (
        COMPLETE.replace("role: boekhouder", "role: boekhouder, service_start: 9999-01-01"),
        1,
        ("indiensttreding",),
    ),
    "service-start-in-the-future": (
        COMPLETE.replace("role: boekhouder", "role: boekhouder, service_start: 2090-01-01"),
        1,
        ("indiensttreding",),
    ),
    "service-start-1066": (
        COMPLETE.replace("role: boekhouder", "role: boekhouder, service_start: 1066-10-14"),
        1,
        ("indiensttreding",),
    ),
    "followup-9999": (COMPLETE + "followups: [9999-12-31]\n", 2, ("followups",)),
    "next-conversation-9999": (
        COMPLETE + "next_conversation: 9999-12-31\n",
        2,
        ("next_conversation", "2100-12-31"),
    ),
    "agreement-due-9999": (
        COMPLETE + "agreements:\n  - {what: Cursus volgen, due: 9999-12-31}\n",
        2,
        ("due",),
    ),
    "conversation-date-9999": (
        COMPLETE.replace("date: 2026-11-22", "date: 9999-12-31"),
        2,
        ("date",),
    ),
    "answer-too-long": (
        COMPLETE + f"summary: {'a' * (yamlio.MAX_TEXT_CHARS + 1)}\n",
        1,
        ("summary", "te lang", str(yamlio.MAX_TEXT_CHARS)),
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_ANSWERS))
def test_answers_that_would_break_later_are_refused_on_input(world: Path, case: str) -> None:
    text, code, needles = BAD_ANSWERS[case]
    check(world, scripted_start(answers(world, text)), code, "antwoorden.yaml", *needles)


@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01"])
def test_a_date_answer_out_of_range_is_refused_on_input(world: Path, home: Path, day: str) -> None:
    bank = VALID_BANK.replace("text: Wat wil je nog kwijt?", "text: Wanneer?\n        type: date")
    (home / "question_banks" / "eigen.yaml").write_text(bank, encoding="utf-8")
    path = answers(world, with_answer(f"eigen.vraag: {day}"))
    check(world, scripted_start(path), 1, "eigen.vraag", "buiten 1900-2100")


def test_answers_that_would_not_fit_in_a_readable_file_are_not_saved(world: Path) -> None:
    """Each text within the limit, but together (emoji take 10 bytes a piece saved) too big."""
    text = "\U0001f600" * (yamlio.MAX_TEXT_CHARS - 10)
    notes = "".join(f"  kern.{k}: {{text: '{text}'}}\n" for k in ("tevredenheid", "richting"))
    big = COMPLETE + f"summary: '{text}'\nnotes:\n{notes}"
    check(world, scripted_start(answers(world, big)), 1, "niet bewaard", "KB")


def test_answers_from_dev_zero_are_refused_at_once(world: Path) -> None:
    check(world, scripted_start(Path("/dev/zero")), 2, "/dev/zero", "geen gewoon bestand")


def test_answers_from_a_fifo_nobody_writes_to_do_not_hang(world: Path) -> None:
    fifo = world / "in" / "pijp.yaml"
    os.mkfifo(fifo)
    check(world, scripted_start(fifo), 2, "pijp.yaml", "geen gewoon bestand")


def test_answers_file_of_50_mb_is_refused_unread(world: Path) -> None:
    path = world / "in" / "groot.yaml"
    with path.open("wb") as handle:
        handle.write(b"employee: {name: An}\n")
        handle.truncate(50 * MB)
    check(world, scripted_start(path), 2, "groot.yaml", "te groot")


FOLLOWUP = """\
date: 2027-02-22
progress:
  1: {status: klaar, remark: Attest behaald}
next: 2027-05-21
"""
BAD_FOLLOWUPS = {
    "next-9999": (FOLLOWUP.replace("next: 2027-05-21", "next: 9999-12-31"), ("next",)),
    "date-1066": (FOLLOWUP.replace("date: 2027-02-22", "date: 1066-10-14"), ("date",)),
    "changed-due-9999": (
        FOLLOWUP + "changed_agreements:\n  1: {due: 9999-12-31}\n",
        ("changed_agreements", "2100-12-31"),
    ),
    "new-agreement-due-9999": (
        FOLLOWUP + "new_agreements:\n  - {what: Iets nieuws, due: 9999-12-31}\n",
        ("due",),
    ),
}


def test_a_followup_file_with_a_text_too_long_to_keep_is_refused(world: Path) -> None:
    text = FOLLOWUP + f"difficulties: {'x' * (yamlio.MAX_TEXT_CHARS + 1)}\n"
    path = answers(world, text, "opvolging.yaml")
    args = ["followup", SESSION_ID, "--answers", path, "--no-input"]
    check(world, args, 1, "opvolging.yaml:", "difficulties", "te lang")


@pytest.mark.parametrize("case", sorted(BAD_FOLLOWUPS))
def test_a_followup_file_with_dates_that_break_later_is_refused(world: Path, case: str) -> None:
    text, needles = BAD_FOLLOWUPS[case]
    path = answers(world, text, "opvolging.yaml")
    args = ["followup", SESSION_ID, "--answers", path, "--no-input"]
    check(world, args, 2, "opvolging.yaml", *needles)


# --- 3. one bad file never breaks the others; the seal saves time, never safety ----------------


def sealed(home: Path, session_id: str, body: str) -> Path:
    """A file with a seal recomputed over `body`, as someone who read seal.py could make it."""
    path = home / "sessions" / f"{session_id}.yaml"
    path.write_text(seal.seal(body), encoding="utf-8")
    return path


def session_yaml(**changes: object) -> str:
    data = make_session(id="2026-01-01-kapot").model_dump(mode="python")
    data.update(changes)
    return yamlio.dump(data)


SEALED_FORGERIES: dict[str, Callable[[], str]] = {
    "alias-bomb": lambda: session_yaml() + ALIAS_BOMB + "\n",
    "employee-is-a-number": lambda: session_yaml(employee=5),
    "updated-is-text": lambda: session_yaml(updated="gisteren"),
    "followup-9999": lambda: session_yaml(followups=[{"date": dt.date(9999, 12, 31)}]),
    "deep-nesting": lambda: session_yaml() + "extra: " + "[" * 5000 + "]" * 5000 + "\n",
}


@pytest.mark.parametrize("case", sorted(SEALED_FORGERIES))
def test_a_forged_seal_is_read_the_validating_way(world: Path, home: Path, case: str) -> None:
    sealed(home, "2026-01-01-kapot", SEALED_FORGERIES[case]())
    check(world, ["show", "2026-01-01-kapot"], 2, "2026-01-01-kapot.yaml")
    check(world, ["export", "2026-01-01-kapot", "--format", "ics"], 2, "2026-01-01-kapot.yaml")
    listed = invoke("list", "--json")
    assert listed.exit_code == 0 and listed.exception is None, listed.output
    assert {s["id"] for s in json.loads(listed.stdout)} == {SESSION_ID, OTHER_ID}
    assert "2026-01-01-kapot.yaml" in listed.stderr, "the bad file is named, the rest listed"
    agenda = invoke("agenda")
    assert agenda.exit_code == 0 and agenda.exception is None, agenda.output


def test_a_time_zone_on_updated_breaks_no_other_conversation(world: Path, home: Path) -> None:
    """Two conversations on one day: sorting compares their `updated`, one with a zone."""
    same_day = write_session(home, make_session(id=f"{SESSION_ID}-2"))
    text = same_day.read_text(encoding="utf-8")
    assert "updated: 2026-11-22 10:00:00\n" in text
    same_day.write_text(
        text.replace("updated: 2026-11-22 10:00:00\n", "updated: 2026-11-22 10:00:00+02:00\n")
    )
    before = snapshot(home / "sessions")
    for args in (["list", "--json"], ["agenda"], ["export"], ["export", OTHER_ID], ["resume"]):
        result = invoke(*args)
        assert result.exception is None or isinstance(result.exception, SystemExit), args
        assert "Traceback" not in result.output and "+02:00" not in result.output
        if args[0] != "resume":  # resume wants a terminal; it must still get that far
            assert result.exit_code == 0, (args, result.output)
    listed = json.loads(invoke("list", "--json").stdout)
    assert {s["id"] for s in listed} == {SESSION_ID, f"{SESSION_ID}-2", OTHER_ID}
    assert snapshot(home / "sessions") == before


# --- 4. files outside the data folder -----------------------------------------------------------


def test_export_force_never_replaces_a_symbolic_link(world: Path) -> None:
    target = world / "in" / "belangrijk.md"
    target.write_text("niet aankomen\n")
    link = world / "in" / "link.md"
    link.symlink_to(target)
    check(world, ["export", SESSION_ID, "-o", link, "--force"], 1, "link.md", "koppeling")
    assert link.is_symlink()


def test_export_without_force_refuses_a_dangling_link_too(world: Path) -> None:
    """exists() says no for a dangling link; writing would replace the link itself."""
    link = world / "in" / "weg.md"
    link.symlink_to(world / "in" / "bestaat-niet.md")
    check(world, ["export", SESSION_ID, "-o", link], 1, "weg.md", "koppeling")
    assert link.is_symlink() and not (world / "in" / "bestaat-niet.md").exists()


def test_export_data_force_never_replaces_a_symbolic_link(world: Path) -> None:
    target = world / "in" / "belangrijk.json"
    target.write_text("{}\n")
    link = world / "in" / "inzage.json"
    link.symlink_to(target)
    args = ["export-data", "--employee", "An Peeters", "-o", link, "--force"]
    check(world, args, 1, "inzage.json", "koppeling")


def test_export_force_never_replaces_a_dangling_link(world: Path) -> None:
    link = world / "in" / "weg.md"
    link.symlink_to(world / "in" / "bestaat-niet" / "x.md")
    check(world, ["export", SESSION_ID, "-o", link, "--force"], 1, "weg.md", "gewoon bestand")
    assert link.is_symlink()


def test_export_force_never_replaces_a_fifo(world: Path) -> None:
    fifo = world / "in" / "pijp.md"
    os.mkfifo(fifo)
    check(world, ["export", SESSION_ID, "-o", fifo, "--force"], 1, "pijp.md", "pijp")
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


def test_export_force_never_replaces_a_device(world: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Like `-o /dev/null --force` as root, without risking the real /dev/null.

    A stand-in file that lstat reports as a character device: a regression
    would only overwrite the stand-in.
    """
    device = world / "in" / "null"
    device.write_text("apparaat\n")
    real_lstat = Path.lstat

    def as_device(self: Path) -> os.stat_result:
        found = real_lstat(self)
        if self == device:
            fields = list(found)
            fields[0] = stat.S_IFCHR | 0o666
            return os.stat_result(fields)
        return found

    monkeypatch.setattr(Path, "lstat", as_device)
    check(world, ["export", SESSION_ID, "-o", device, "--format", "md", "--force"], 1, "apparaat")


def test_a_template_link_out_of_the_templates_folder_is_refused(world: Path, home: Path) -> None:
    secret = world / "in" / "geheim.txt"
    secret.write_text("WACHTWOORD=hunter2\n")
    (home / "templates" / "lek.j2").symlink_to(secret)
    template = world / "in" / "eigen.md.j2"
    template.write_text("{% include 'lek.j2' %}\n")
    result = check(
        world, ["export", SESSION_ID, "--template", template], 2, "buiten de sjabloonmap"
    )
    assert "hunter2" not in result.output


def test_an_own_template_that_is_a_link_outside_is_refused(world: Path, home: Path) -> None:
    secret = world / "in" / "geheim.md.j2"
    secret.write_text("WACHTWOORD=hunter2 {{ employee.name }}\n")
    (home / "templates" / "agreement.md.j2").symlink_to(secret)
    result = check(world, ["export", SESSION_ID, "--format", "md"], 2, "buiten de sjabloonmap")
    assert "hunter2" not in result.output


TEMPLATE_BOUNDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "too-big": ("x" * (environment.MAX_TEMPLATE_BYTES + 10), ("te groot",)),
    "huge-output": (
        "{% for i in range(100000) %}{{ 'x' * 1000 }}{% endfor %}",
        ("te groot", "miljoen tekens"),
    ),
    "string-times-billions": ("{{ 'x' * 10000000000 }}", ("niet toegestaan",)),
    "power-of-millions": ("{{ 2 ** 100000000 }}", ("niet toegestaan",)),
    "ljust-a-billion": ("{{ 'x'.ljust(1000000000) }}", ("niet toegestaan",)),
    "format-width": ("{{ '{:>999999999}'.format(1) }}", ("niet toegestaan",)),
    "percent-width": ("{{ '%999999999d' % 1 }}", ("niet toegestaan",)),
    "percent-star-width": ("{{ '%*d' % (999999999, 1) }}", ("niet toegestaan",)),
    "center-filter": ("{{ 'x'|center(999999999) }}", ("niet toegestaan",)),
    "format-filter": ("{{ '%999999999s'|format(1) }}", ("niet toegestaan",)),
}


@pytest.mark.parametrize("case", sorted(TEMPLATE_BOUNDS))
def test_an_own_template_is_bounded(world: Path, case: str) -> None:
    source, needles = TEMPLATE_BOUNDS[case]
    template = world / "in" / "eigen.md.j2"
    template.write_text(source)
    check(world, ["export", SESSION_ID, "--template", template], 2, *needles)


def test_a_template_loop_without_output_is_stopped_in_time(
    world: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(environment, "MAX_RENDER_SECONDS", 0.5)
    template = world / "in" / "eigen.md.j2"
    template.write_text(
        "{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}"
    )
    check(world, ["export", SESSION_ID, "--template", template], 2, "seconden")


def test_an_export_to_the_screen_needs_no_writable_cache(
    world: Path, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import jinja2

    def full_disk(self: object, bucket: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(jinja2.FileSystemBytecodeCache, "dump_bytecode", full_disk)
    result = invoke("export", SESSION_ID)
    assert result.exit_code == 0 and result.exception is None, result.output
    assert "An Peeters" in result.stdout


def test_a_symlinked_sessions_folder_keeps_its_own_rights(tmp_path: Path, home: Path) -> None:
    elsewhere = tmp_path / "elders"
    elsewhere.mkdir()
    os.chmod(elsewhere, 0o755)
    home.mkdir(parents=True, exist_ok=True)
    (home / "sessions").symlink_to(elsewhere)
    result = invoke("start", "--answers", answers_outside(tmp_path), "--no-input")
    assert result.exit_code == 0, result.output
    assert stat.S_IMODE(elsewhere.stat().st_mode) == 0o755
    assert list(elsewhere.glob("*.yaml")), "the conversation is kept there all the same"


def answers_outside(tmp_path: Path) -> Path:
    path = tmp_path / "antwoorden.yaml"
    path.write_text(COMPLETE, encoding="utf-8")
    return path


WHEN_BOUNDS = {
    "100-parentheses": ("(" * 100 + "vraag" + ")" * 100, "te diep genest"),
    "3000-nots": ("not " * 3000 + "vraag", "te lang"),
    "long": ("vraag == '" + "x" * 2000 + "'", "te lang"),
    "unary-minus-chain": ("-" * 900 + "1", ""),
}


@pytest.mark.parametrize("case", sorted(WHEN_BOUNDS))
def test_a_monstrous_when_only_skips_its_bank(world: Path, home: Path, case: str) -> None:
    when, needle = WHEN_BOUNDS[case]
    bank = home / "question_banks" / "eigen.yaml"
    bank.write_text(VALID_BANK + f'        when: "{when}"\n', encoding="utf-8")
    check(world, ["banks", "validate"], 2, "eigen.yaml:10:", needle)
    for args in (["banks", "list"], scripted_start(answers(world, COMPLETE))):
        result = invoke(*args)
        assert result.exception is None or isinstance(result.exception, SystemExit), result.output
        assert result.exit_code == 0, result.output
        assert "eigen.yaml:10:" in result.stderr and "Traceback" not in result.output
