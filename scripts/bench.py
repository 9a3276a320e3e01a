"""How fast is loopbaan on this machine? Run by hand: `.venv/bin/python scripts/bench.py`.

Every figure is shown next to a floor measured in the same run on the same
machine (absolute times alone mean little on a shared or slow computer), as a
ratio, with the target from issue 6:

- `loopbaan --help` / `--version` against `python -c "import typer"`: <= 1.3x
- `loopbaan export ID` (md, txt) against `python -c "import typer, yaml, jinja2, pydantic"`: <= 1.3x
  (a file loopbaan saved carries a seal and is read without pydantic; a row
  without target shows a hand-edited file, which is validated in full)
- loading and validating every built-in bank, and a bank of 5,000 questions: < 1 s
  (floor: only parsing the same YAML with the C loader)
- saving after an answer on a session of 200 answers: median < 5 ms
  (floor: writing the same bytes atomically, with fsync)
- `loopbaan list` and `loopbaan agenda` over 200 and 2,000 sessions: < 2 s
  (floor: `python -c "import typer, yaml, pydantic"`), and how time grows
- Enter to the next question drawn, in a pseudo-terminal: < 100 ms
  (floor: the same round trip to a tiny Python program that prints a line)

And the goals of issue 15 (floor: `python -c "import typer"`, measured beside
each size, so the growth column compares like with like):
- `list`, `list --json`, `agenda`, `delete --employee`, `export-data
  --employee` at 20,000 conversations: <= 3x, growth from 2,000 < 1.5x, < 60 MiB
  (beside them, without a target: the floor plus one stat per file, which any
  listing whose index trusts a row only while its file is unchanged pays)
- `show ID`, `banks list`, `banks validate`: <= 2x; `start` to its first
  question: <= 2x with 20 and with 20,000 conversations
- saving after an answer and Enter to the next question at 2,000 answers:
  <= 1.5x the same at none

Everything happens in a temporary LOOPBAAN_HOME; nothing of yours is touched.
Bytecode is written as a user's install has it (PYTHONDONTWRITEBYTECODE is
ignored here). Options: --quick (fewer repetitions), --keep (leave the
temporary folder), --only STEPS, --big (20,000 conversations).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
BIN = Path(PYTHON).parent


def loopbaan_command() -> list[str]:
    script = BIN / "loopbaan"
    if script.exists():
        return [str(script)]
    return [PYTHON, "-m", "loopbaan_cli"]


LOOPBAAN = loopbaan_command()


@dataclass
class Row:
    what: str
    value: float | None  # seconds
    floor: float | None  # seconds
    target: str
    ok: bool | None
    note: str = ""


def median_time(fn: Callable[[], object], repeat: int, warmup: int = 1) -> float:
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def run_quiet(args: Sequence[str], env: dict[str, str], check: bool = True) -> int:
    done = subprocess.run(
        list(args),
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        check=False,
    )
    if check and done.returncode != 0:
        raise SystemExit(
            f"{' '.join(args)} stopte met code {done.returncode}:\n{done.stderr.decode()}"
        )
    return done.returncode


def interleaved(
    commands: dict[str, list[str]], env: dict[str, str], repeat: int
) -> dict[str, float]:
    """Median wall time of each command, the runs interleaved so load spikes hit all alike."""
    times: dict[str, list[float]] = {name: [] for name in commands}
    for args in commands.values():
        run_quiet(args, env)  # warm the disk cache and .pyc files
    for _ in range(repeat):
        for name, args in commands.items():
            start = time.perf_counter()
            run_quiet(args, env)
            times[name].append(time.perf_counter() - start)
    return {name: statistics.median(t) for name, t in times.items()}


# --- test data -------------------------------------------------------------------


def realistic_session(session_id: str, answers: int, day: dt.date) -> object:
    from loopbaan_cli.sessions.model import (
        Agreement,
        AnswerRecord,
        ConclusionRecord,
        Employee,
        FollowUp,
        Person,
        Session,
    )

    records = {}
    for n in range(answers):
        kind = ("long_text", "text", "scale", "choice", "confirm")[n % 5]
        value: object = {
            "long_text": "Ik werk graag met klanten en wil meer verantwoordelijkheid. " * 2,
            "text": f"antwoord {n}",
            "scale": 1 + n % 5,
            "choice": "Ja, graag",
            "confirm": n % 2 == 0,
        }[kind]
        records[f"bank{n // 20}.vraag_{n}"] = AnswerRecord(
            question=f"Vraag {n}: wat wil je de komende jaren leren of doen?",
            type=kind,
            section=f"Deel {n // 20}",
            value=value,
            note="Een notitie bij dit antwoord." if n % 7 == 0 else "",
            private=n % 14 == 0,
        )
    now = dt.datetime(2026, 1, 1, 9, 0)
    return Session(
        id=session_id,
        status="completed" if answers % 2 else "in_progress",
        stage="done" if answers % 2 else "questions",
        created=now,
        updated=now,
        employee=Employee(name=f"Medewerker {session_id[-5:]}", role="bediende"),
        interviewer=Person(name="Marc Janssens", role="zaakvoerder"),
        date=day,
        phase="spitsuur",
        phase_title="Spitsuurjaren",
        purposes=["groei_job"],
        purpose_titles=["Groeien in de huidige job"],
        answers=records,
        conclusions=[ConclusionRecord(id="groei_huidige_job", title="Groei in de huidige job")],
        agreements=[
            Agreement(
                action="opleiding",
                action_title="Opleiding",
                what="Cursus volgen",
                owner="An",
                due=day + dt.timedelta(days=90),
            ),
        ],
        followups=[
            FollowUp(date=day + dt.timedelta(days=90)),
            FollowUp(date=day + dt.timedelta(days=180)),
        ],
        next_conversation=day + dt.timedelta(days=3 * 365),
        reachability="Elke ochtend op de werkvloer.",
    )


def big_bank(path: Path, questions: int) -> None:
    """A valid bank of `questions` questions, every type, one in ten with a `when`."""
    import yaml

    sections = []
    per_section = 50
    for s in range(questions // per_section):
        items = []
        for q in range(per_section):
            n = s * per_section + q
            kind = (
                "long_text",
                "text",
                "scale",
                "choice",
                "multi_choice",
                "confirm",
                "date",
                "number",
            )[n % 8]
            item: dict[str, object] = {
                "id": f"v{n}",
                "text": f"Vraag {n}: wat wil je de komende jaren leren?",
                "tip": "Vraag door naar een concreet voorbeeld.",
                "type": kind,
            }
            if kind in ("choice", "multi_choice"):
                item["choices"] = ["ja", "nee", "misschien"]
            if n % 10 == 9 and q > 0:
                item["when"] = f"v{n - 1} is not none"
            items.append(item)
        sections.append({"id": f"deel{s}", "title": f"Deel {s}", "questions": items})
    bank = {
        "id": "groot",
        "title": "Een grote bank",
        "kind": "conversation",
        "order": 90,
        "sections": sections,
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(bank, allow_unicode=True, sort_keys=False), encoding="utf-8")


PTY_QUESTIONS = 12
EXPORT_ID = "2026-03-03-export-bench"
EDITED_ID = "2026-03-03-export-bench-edited"  # the same, with its seal gone: validated in full


def pty_bank(path: Path) -> None:
    lines = [
        "id: bench",
        "title: Snelheid",
        "order: 99",
        "sections:",
        "  - id: deel",
        "    title: Snelheidsvragen",
        "    questions:",
    ]
    for n in range(1, PTY_QUESTIONS + 1):
        lines += [
            f"      - id: q{n:02d}",
            f"        text: Benchvraag nummer {n:02d} hier",
            "        type: text",
        ]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def dutch_number(n: int) -> str:
    return f"{n:,}".replace(",", ".")


# --- the measurements ---------------------------------------------------------------


def bench_startup(env: dict[str, str], repeat: int) -> list[Row]:
    times = interleaved(
        {
            "floor": [PYTHON, "-c", "import typer"],
            "help": [*LOOPBAAN, "--help"],
            "version": [*LOOPBAAN, "--version"],
        },
        env,
        repeat,
    )
    floor = times["floor"]
    return [
        Row(
            "loopbaan --help",
            times["help"],
            floor,
            "<= 1.3x",
            times["help"] / floor <= 1.3,
            "vloer: python -c 'import typer'",
        ),
        Row(
            "loopbaan --version",
            times["version"],
            floor,
            "<= 1.3x",
            times["version"] / floor <= 1.3,
            "vloer: python -c 'import typer'",
        ),
    ]


# A Typer app with export's options that does nothing: what Typer itself costs.
# The floor, `import typer, yaml, jinja2, pydantic`, loads almost none
# of pydantic: its top-level import is lazy. So a second floor loads what any
# pydantic model needs (BaseModel) and builds a jinja2 Environment.
BARE_TYPER = """
from pathlib import Path
from typing import Any
from typing import Annotated, Optional
import typer
import yaml, jinja2, pydantic
app = typer.Typer()
@app.callback()
def root(home: Annotated[Optional[Path], typer.Option("--home")] = None,
         version: Annotated[bool, typer.Option("--version", is_eager=True)] = False) -> None:
    pass
@app.command()
def export(session_id: Annotated[Optional[str], typer.Argument()] = None,
           fmt: Annotated[str, typer.Option("--format", "-f")] = "md",
           kind: Annotated[str, typer.Option("--kind", "-k")] = "afspraken",
           output: Annotated[Optional[Path], typer.Option("--output", "-o")] = None,
           force: Annotated[bool, typer.Option("--force")] = False,
           template: Annotated[Optional[Path], typer.Option("--template")] = None,
           open_file: Annotated[bool, typer.Option("--open")] = False) -> None:
    print("niets")
@app.command()
def other() -> None:
    pass
app()
"""


REAL_FLOOR = (
    "import typer, yaml, jinja2; from pydantic import BaseModel; "
    "from jinja2.sandbox import ImmutableSandboxedEnvironment; ImmutableSandboxedEnvironment()"
)


def has_typst() -> bool:
    """--format pdf needs the optional extra (pip install '.[pdf]')."""
    import importlib.util

    return importlib.util.find_spec("typst") is not None


def pdf_runs(session_id: str) -> dict[str, list[str]]:
    if not has_typst():
        return {}
    return {
        "pdf_floor": [PYTHON, "-c", "import typer, yaml, jinja2, typst"],
        # stdout is a pipe here, so the pdf may go there
        "pdf": [*LOOPBAAN, "export", session_id, "--format", "pdf"],
    }


def pdf_row(times: dict[str, float]) -> Row:
    what = "loopbaan export ID --format pdf"
    if "pdf" not in times:
        return Row(
            what, None, None, "<= 1.6x", None, "typst niet geïnstalleerd: pip install '.[pdf]'"
        )
    return Row(
        what,
        times["pdf"],
        times["pdf_floor"],
        "<= 1.6x",
        times["pdf"] / times["pdf_floor"] <= 1.6,
        "vloer: import typer, yaml, jinja2, typst; "
        f"{(times['pdf'] - times['md']) * 1000:.0f} ms boven export md: het zetten van de pdf",
    )


def bench_export(env: dict[str, str], session_id: str, repeat: int, tmp: Path) -> list[Row]:
    bare = tmp / "bare_typer.py"
    bare.write_text(BARE_TYPER, encoding="utf-8")
    times = interleaved(
        {
            "floor": [PYTHON, "-c", "import typer, yaml, jinja2, pydantic"],
            "real": [PYTHON, "-c", REAL_FLOOR],
            "bare": [PYTHON, str(bare), "export", session_id, "--format", "md"],
            "md": [*LOOPBAAN, "export", session_id, "--format", "md"],
            "txt": [*LOOPBAAN, "export", session_id, "--format", "txt"],
            "edited": [*LOOPBAAN, "export", EDITED_ID, "--format", "md"],
            **pdf_runs(session_id),
        },
        env,
        repeat,
    )
    floor = times["floor"]
    note = "vloer: import typer, yaml, jinja2, pydantic"
    rows = [
        Row(
            f"loopbaan export ID --format {fmt}",
            times[fmt],
            floor,
            "<= 1.3x",
            times[fmt] / floor <= 1.3,
            note + f"; {(times[fmt] - times['bare']) * 1000:.0f} ms boven een kale Typer-app",
        )
        for fmt in ("md", "txt")
    ]
    rows.append(pdf_row(times))
    rows.append(
        Row(
            "(ter vergelijking) export md, met de hand aangepast",
            times["edited"],
            floor,
            "",
            None,
            "geen zegel meer: pydantic valideert het hele bestand",
        )
    )
    rows.append(
        Row(
            "(ter vergelijking) kale Typer-app, zelfde opties",
            times["bare"],
            floor,
            "",
            None,
            "doet niets; alleen het ontleden van de opties",
        )
    )
    rows.append(
        Row(
            "(ter vergelijking) export md tegen een echte vloer",
            times["md"],
            times["real"],
            "",
            None,
            "vloer: typer, yaml, jinja2-sandbox en pydantic.BaseModel echt geladen",
        )
    )
    return rows


def bench_banks(home: Path, repeat: int) -> list[Row]:
    import yaml

    from loopbaan_cli.banks.library import load_library
    from loopbaan_cli.kernel import paths

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    builtin = sorted(paths.builtin_banks_dir().rglob("*.yaml"))

    def parse(files: list[Path]) -> None:
        for f in files:
            yaml.load(f.read_text(encoding="utf-8"), Loader=loader)

    # loading and validating, not the cache of a later run (bank_cache.py): measured apart
    cache = home / "cache" / "banken"
    shutil.rmtree(cache, ignore_errors=True)
    user_dir = home / "question_banks"
    shutil.rmtree(user_dir, ignore_errors=True)
    builtin_time = median_time(load_library, repeat)
    builtin_floor = median_time(lambda: parse(builtin), repeat)

    big = user_dir / "groot.yaml"
    big_bank(big, 5000)
    library = load_library()
    assert "groot" in library.banks, [str(p) for p in library.errors[:5]]
    big_repeat = max(3, repeat // 4)
    big_time = median_time(load_library, big_repeat)
    big_floor = median_time(lambda: parse([*builtin, big]), big_repeat)
    shutil.rmtree(user_dir)
    size = big.stat().st_size if big.exists() else 0
    rows = []
    try:
        from loopbaan_cli.banks import bank_cache
    except ImportError:
        pass  # a loopbaan without the cache
    else:
        bank_cache.open_folder()
        load_library()
        cached = median_time(load_library, repeat)
        rows.append(
            Row(
                "(ter vergelijking) ingebouwde banken uit de cache",
                cached,
                builtin_time,
                "",
                None,
                "vloer: laden + valideren zonder cache",
            )
        )
    return [
        *rows,
        Row(
            "alle ingebouwde banken laden + valideren",
            builtin_time,
            builtin_floor,
            "< 1 s",
            builtin_time < 1.0,
            "vloer: enkel YAML inlezen (C-lader)",
        ),
        Row(
            "bank van 5.000 vragen (+ ingebouwde)",
            big_time,
            big_floor,
            "< 1 s",
            big_time < 1.0,
            f"vloer: enkel YAML inlezen{f' ({size // 1024} KB)' if size else ''}",
        ),
    ]


def bench_save(repeat: int) -> list[Row]:
    from loopbaan_cli.kernel import paths, yamlio
    from loopbaan_cli.sessions import store
    from loopbaan_cli.sessions.model import AnswerRecord

    session = realistic_session("2026-01-01-groot-gesprek", 200, dt.date(2026, 1, 1))
    store.save(session)  # type: ignore[arg-type]
    counter = iter(range(10**9))

    def answer_and_save() -> None:
        n = next(counter)
        session.answers[f"bank0.vraag_{n % 200}"] = AnswerRecord(  # type: ignore[attr-defined]
            question="Vraag opnieuw beantwoord", value=f"nieuw antwoord {n}"
        )
        store.save(session)  # type: ignore[arg-type]

    text = yamlio.dump(session.model_dump(mode="python"))  # type: ignore[attr-defined]
    path = store.session_path("2026-01-01-groot-gesprek")
    folder = paths.sessions_dir()
    floor = median_time(lambda: store.write_atomic(folder, path, text), repeat * 4, warmup=3)
    value = median_time(answer_and_save, repeat * 4, warmup=3)
    return [
        Row(
            "bewaren na een antwoord (200 antwoorden)",
            value,
            floor,
            "< 5 ms",
            value < 0.005,
            f"vloer: dezelfde {len(text.encode()) // 1024} KB atomair schrijven (fsync)",
        )
    ]


def has_command(name: str, env: dict[str, str]) -> bool:
    return run_quiet([*LOOPBAAN, name, "--help"], env, check=False) == 0


# --- issue 15: scale, as ratios to `python -c "import typer"` ------------------------

FLOOR = [PYTHON, "-c", "import typer"]
SCALE_EMPLOYEE = "Medewerker 00001"  # four conversations at every size


# A small Python that starts the command and reports its time and peak memory: a
# child forked from this bench (pydantic and all loaded) would count the
# bench's memory as its own until it execs.
MEASURER = """
import os, sys, time
start = time.perf_counter()
pid = os.posix_spawnp(sys.argv[2], sys.argv[2:], os.environ)
_, _, usage = os.wait4(pid, 0)
with open(sys.argv[1], "w") as out:
    out.write(f"{time.perf_counter() - start} {usage.ru_maxrss}")
"""


def timed_child(args: Sequence[str], env: dict[str, str]) -> tuple[float, float]:
    """(wall seconds, peak memory in MiB) of one run of `args`, whatever its exit code."""
    with tempfile.NamedTemporaryFile("r", suffix=".txt") as out:
        subprocess.run(
            [PYTHON, "-S", "-c", MEASURER, out.name, *args],
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            check=False,
        )
        seconds, rss = out.read().split()
    kib = int(rss) / (1024 if sys.platform == "darwin" else 1)  # bytes on macOS, KiB on Linux
    return float(seconds), kib / 1024


def interleaved_peak(
    commands: dict[str, list[str]], env: dict[str, str], repeat: int
) -> dict[str, tuple[float, float]]:
    """Median wall time and largest peak memory of each command, runs interleaved."""
    times: dict[str, list[float]] = {name: [] for name in commands}
    peaks: dict[str, float] = dict.fromkeys(commands, 0.0)
    for args in commands.values():
        timed_child(args, env)  # warm the disk cache and .pyc files
    for _ in range(repeat):
        for name, args in commands.items():
            elapsed, peak = timed_child(args, env)
            times[name].append(elapsed)
            peaks[name] = max(peaks[name], peak)
    return {name: (statistics.median(t), peaks[name]) for name, t in times.items()}


def _scale_templates(variants: int = 50) -> list[str]:
    """Sealed session texts with MARKERID/MARKERNAME in place of the id and name."""
    from loopbaan_cli.kernel import yamlio

    texts = []
    base = dt.date(2020, 1, 1)
    for n in range(variants):
        day = base + dt.timedelta(days=n * 37)
        session = realistic_session(f"{day.isoformat()}-markerid", 30, day)
        session.employee.name = "MARKERNAME"  # type: ignore[attr-defined]
        if hasattr(session.employee, "id"):  # type: ignore[attr-defined]  # the register
            session.employee.id = "mw-pmarkerpid"  # type: ignore[attr-defined]
        session.status = ("completed", "in_progress", "prepared")[n % 3]  # type: ignore[attr-defined]
        texts.append(yamlio.dump(session.model_dump(mode="python")))  # type: ignore[attr-defined]
    return texts


def make_scale_sessions(folder: Path, start: int, stop: int, templates: list[str]) -> None:
    """Session files written as text (a store.save each would take minutes at 20,000)."""
    from loopbaan_cli.kernel import paths
    from loopbaan_cli.sessions.seal import seal

    paths.ensure_private_dir(folder)
    for n in range(start, stop):
        person = n // 4
        body = templates[n % len(templates)]
        body = body.replace("markerpid", f"{person:05d}")
        body = body.replace("markerid", f"medewerker-{person:05d}")
        body = body.replace("MARKERNAME", f"Medewerker {person:05d}")
        day = body.split("date: ", 1)[1][:10]
        path = folder / f"{day}-medewerker-{person:05d}.yaml"
        path.write_text(seal(body), encoding="utf-8")
        os.chmod(path, 0o600)
    write_register(stop // 4 + 1)


BENCH_EMPLOYEE_ID = "mw-bench1"


def write_register(people: int) -> None:
    """The employee register of the generated conversations, as text (where there is one)."""
    from loopbaan_cli.kernel import paths

    try:
        from loopbaan_cli.sessions.employees import register_path
    except ImportError:
        return  # a loopbaan from before the register
    lines = ["format: 1", "employees:"]
    entries = [(BENCH_EMPLOYEE_ID, "Medewerker bench")]
    entries += [(f"mw-p{n:05d}", f"Medewerker {n:05d}") for n in range(people)]
    for employee_id, name in entries:
        lines += [f"- id: {employee_id}", f"  name: {name}", "  role: bediende"]
    paths.ensure_private_dir(register_path().parent)
    register_path().write_text("\n".join(lines) + "\n", encoding="utf-8")
    os.chmod(register_path(), 0o600)


STAT_FLOOR = "ter vergelijking: vloer + een stat per bestand"


def bench_scale(env: dict[str, str], home: Path, repeat: int, sizes: Sequence[int]) -> list[Row]:
    """list, agenda, delete/export-data --employee and start against 200 / 2,000 / 20,000 files."""
    from loopbaan_cli.kernel import paths

    commands = {
        "list": [*LOOPBAAN, "list"],
        "list --json": [*LOOPBAAN, "list", "--json"],
        "agenda": [*LOOPBAAN, "agenda"],
        "delete --employee (tot de vraag)": [*LOOPBAAN, "delete", "--employee", SCALE_EMPLOYEE],
        "export-data --employee": [*LOOPBAAN, "export-data", "--employee", SCALE_EMPLOYEE],
        "show ID": [*LOOPBAAN, "show", EXPORT_ID],
        # no target of its own: does one export slow down with many conversations around?
        "export ID": [*LOOPBAAN, "export", EXPORT_ID],
    }
    folder = paths.sessions_dir()
    # No target either: what any honest listing pays before it reads a row. Its
    # index counts a row only while the file's size, mtime and inode match,
    # so it looks at every file: the floor and one stat per file.
    commands[STAT_FLOOR] = [
        PYTHON,
        "-c",
        f"import typer, os; [e.stat() for e in os.scandir({str(folder)!r})]",
    ]
    templates = _scale_templates()
    results: dict[int, dict[str, tuple[float, float]]] = {}
    made = 0
    for count in sizes:
        make_scale_sessions(folder, made, count, templates)
        made = count
        # a store.save before measuring: the index (where there is one) is as a user has it
        _touch_one(home)
        runs = max(2, repeat // 7) if count > 2000 else max(3, repeat // 3)
        results[count] = interleaved_peak({"floor": FLOOR, **commands}, env, runs)
    rows = []
    for name in commands:
        previous: tuple[int, float] | None = None
        for count in sizes:
            value, peak = results[count][name]
            floor = results[count]["floor"][0]
            ratio = value / floor
            note = f"piek {peak:.0f} MiB"
            ok: bool | None = None
            target = ""
            growth = ratio / previous[1] if previous is not None else None
            if previous is not None and growth is not None:
                before, now = dutch_number(previous[0]), dutch_number(count)
                note += f"; groei {before} -> {now}: {growth:.2f}x"
            if count == max(sizes) and name not in ("show ID", "export ID", STAT_FLOOR):
                target = "<= 3x, groei < 1.5x, < 60 MiB"
                ok = ratio <= 3 and peak < 60 and (growth is None or growth < 1.5)
            if name == "show ID":
                target, ok = "<= 2x", ratio <= 2
            rows.append(
                Row(f"{name} ({dutch_number(count)} gesprekken)", value, floor, target, ok, note)
            )
            previous = (count, ratio)
    return rows


def _touch_one(home: Path) -> None:
    """Save one conversation through the store, as the last `loopbaan` run would have."""
    from loopbaan_cli.sessions import store

    store.save(store.load(EXPORT_ID))


def bench_banks_cli(env: dict[str, str], repeat: int) -> list[Row]:
    times = interleaved(
        {
            "floor": FLOOR,
            "banks list": [*LOOPBAAN, "banks", "list"],
            "banks validate": [*LOOPBAAN, "banks", "validate"],
        },
        env,
        repeat,
    )
    floor = times["floor"]
    return [
        Row(
            f"loopbaan {name}",
            times[name],
            floor,
            "<= 2x",
            times[name] / floor <= 2,
            "ingebouwde banken; vloer: python -c 'import typer'",
        )
        for name in ("banks list", "banks validate")
    ]


def bench_save_answers(repeat: int) -> list[Row]:
    """Saving after an answer with 0 and 2,000 answers, as the live conversation does."""
    from loopbaan_cli.sessions import store
    from loopbaan_cli.sessions.model import AnswerRecord

    figures = {}
    for answers in (0, 2000):
        session_id = f"2026-01-02-antwoorden-{answers}"
        session = realistic_session(session_id, answers, dt.date(2026, 1, 2))
        session.status, session.stage = "in_progress", "questions"  # type: ignore[attr-defined]
        store.save(session)  # type: ignore[arg-type]
        # what the live conversation saves with (a journal, where there is one), under its lock
        save = store.save

        counter = iter(range(10**9))

        def answer_and_save(
            session: object = session,
            counter: Iterator[int] = counter,
            save: Callable[[Any], object] = save,
        ) -> None:
            n = next(counter)
            session.answers[f"extra.vraag_{n}"] = AnswerRecord(  # type: ignore[attr-defined]
                question="Nog een vraag", type="text", value=f"nieuw antwoord {n}"
            )
            save(session)

        # as a conversation held in a window: under its lock, and journaled where there is a journal
        journaled = getattr(store, "journaled", lambda _id: contextlib.nullcontext())
        with store.locked(session_id), journaled(session_id):
            figures[answers] = median_time(answer_and_save, repeat * 4, warmup=3)
    zero, many = figures[0], figures[2000]
    return [
        Row("bewaren na een antwoord (0 antwoorden)", zero, None, "", None),
        Row(
            "bewaren na een antwoord (2.000 antwoorden)",
            many,
            zero,
            "<= 1.5x",
            many / zero <= 1.5,
            "vloer: hetzelfde bij 0 antwoorden",
        ),
    ]


CPR_REQUEST = "\x1b[6n"


def screen(child: object, text: str) -> None:
    """Wait until `text` is on screen, answering cursor-position requests as a terminal does.

    prompt_toolkit asks the terminal where the cursor is; pexpect is no terminal,
    and without an answer every prompt waits a second for it on the way out.
    """
    import pexpect  # type: ignore[import-untyped]

    assert isinstance(child, pexpect.spawn)
    while child.expect_exact([CPR_REQUEST, text]) == 0:
        child.send("\x1b[1;1R")


def bench_pty(env: dict[str, str], home: Path, repeat: int, answers: int = 0) -> list[Row]:
    try:
        import pexpect
    except ImportError:
        return [
            Row(
                "Enter tot volgende vraag (pty)",
                None,
                None,
                "< 100 ms",
                None,
                "n/a: pexpect ontbreekt",
            )
        ]
    from loopbaan_cli.sessions import store

    pty_bank(home / "question_banks" / "bench.yaml")
    session = realistic_session("2026-02-02-pty-bench", answers, dt.date(2026, 2, 2))
    session.status = "in_progress"  # type: ignore[attr-defined]
    session.stage = "questions"  # type: ignore[attr-defined]
    session.position = "bench.q01"  # type: ignore[attr-defined]
    store.save(session)  # type: ignore[arg-type]

    spawn_env = {**env, "TERM": "xterm-256color", "COLUMNS": "200", "LINES": "50"}
    delays: list[float] = []
    # three runs at least: a median of 11 Enters moves by a millisecond from run to run
    for _ in range(max(3, repeat // 7)):
        child = pexpect.spawn(
            LOOPBAAN[0],
            [*LOOPBAAN[1:], "resume", "2026-02-02-pty-bench"],
            env=spawn_env,
            dimensions=(50, 200),
            encoding="utf-8",
            timeout=20,
        )
        child.delaybeforesend = None  # pexpect waits 50 ms before every send by default
        screen(child, "Benchvraag nummer 01")
        screen(child, "Antwoord")
        for n in range(2, PTY_QUESTIONS + 1):
            child.send(f"antwoord{n}")
            screen(child, f"antwoord{n}")
            time.sleep(0.05)  # let the prompt settle, as a person pauses before Enter
            start = time.perf_counter()
            child.send("\r")
            screen(child, f"Benchvraag nummer {n:02d}")
            delays.append(time.perf_counter() - start)
            screen(child, "Antwoord")
        child.sendcontrol("c")
        child.expect(pexpect.EOF)
        child.close()
        saved = store.load("2026-02-02-pty-bench")
        saved.stage, saved.position = "questions", "bench.q01"
        saved.answers = {k: v for k, v in saved.answers.items() if not k.startswith("bench.")}
        store.save(saved)

    echo = (
        "import sys\n"
        "for n, line in enumerate(sys.stdin):\n"
        "    print(f'Regel-{n}-klaar', flush=True)\n"
    )
    floors: list[float] = []
    child = pexpect.spawn(PYTHON, ["-c", echo], encoding="utf-8", timeout=20)
    child.delaybeforesend = None
    for n in range(len(delays)):
        child.send(f"antwoord{n}")
        time.sleep(0.02)
        start = time.perf_counter()
        child.send("\r")
        child.expect(f"Regel-{n}-klaar")
        floors.append(time.perf_counter() - start)
    child.sendeof()
    child.close()
    shutil.rmtree(home / "question_banks", ignore_errors=True)
    value = statistics.median(delays)
    return [
        Row(
            f"Enter tot volgende vraag (pty, {dutch_number(answers)} antwoorden)",
            value,
            statistics.median(floors),
            "< 100 ms",
            value < 0.1,
            f"{len(delays)} antwoorden; slechtste {max(delays) * 1000:.0f} ms; "
            "vloer: pty-heen-en-terug naar python",
        ),
    ]


TYPED_EARLY = "Qzxw"  # typed the moment the first question shows; on screen once it is read


def _first_question(env: dict[str, str]) -> tuple[float, float]:
    """Seconds from `loopbaan start` to its first prompt on screen, and to the keys being read.

    `start` draws its first question before the prompts are loaded and holds
    the keys typed meanwhile (cli/early.py); the second figure is honest about
    that: a name typed the moment the question shows, until the prompt shows it.
    """
    import pexpect

    start = time.perf_counter()
    child = pexpect.spawn(
        LOOPBAAN[0],
        [*LOOPBAAN[1:], "start"],
        env=env,
        dimensions=(50, 200),
        encoding="utf-8",
        timeout=120,
    )
    child.delaybeforesend = None
    screen(child, "Antwoord")
    shown = time.perf_counter() - start
    child.send(TYPED_EARLY)
    screen(child, TYPED_EARLY)
    taken = time.perf_counter() - start
    child.send("\x15")  # Ctrl-U: an empty field, so Ctrl-C keeps nothing
    child.sendcontrol("c")
    while child.expect_exact([CPR_REQUEST, pexpect.EOF]) == 0:
        child.send("\x1b[1;1R")
    child.close()
    return shown, taken


def bench_start(env: dict[str, str], home: Path, repeat: int, sizes: Sequence[int]) -> list[Row]:
    """`start` to its first question with 20 conversations and with the most the run made."""
    try:
        import pexpect  # noqa: F401
    except ImportError:
        return [
            Row("start tot de eerste vraag", None, None, "<= 2x", None, "n/a: pexpect ontbreekt")
        ]
    from loopbaan_cli.kernel import paths

    spawn_env = {**env, "TERM": "xterm-256color", "COLUMNS": "200", "LINES": "50"}
    folder = paths.sessions_dir()
    rows = []
    for count in (max(sizes), 20):
        made = sorted(folder.glob("*-medewerker-*.yaml"))
        if len(made) < count:
            make_scale_sessions(folder, len(made), count, _scale_templates())
        for extra in made[count:]:
            extra.unlink()
        _touch_one(home)
        runs = max(5, repeat // 2)
        run_quiet(FLOOR, env)
        _first_question(spawn_env)  # the index as a user has it after one run
        floors, figures = [], []
        for _ in range(runs):  # interleaved: a busy moment of the machine hits both alike
            begun = time.perf_counter()
            run_quiet(FLOOR, env)
            floors.append(time.perf_counter() - begun)
            figures.append(_first_question(spawn_env))
        floor = statistics.median(floors)
        value = statistics.median(shown for shown, _ in figures)
        taken = statistics.median(read for _, read in figures)
        size = dutch_number(count)
        rows.append(
            Row(
                f"start tot de eerste vraag ({size} gesprekken)",
                value,
                floor,
                "<= 2x",
                value / floor <= 2,
                "pty; vloer: python -c 'import typer'",
            )
        )
        rows.append(
            Row(
                f"start tot getypte toetsen gelezen ({size} gesprekken)",
                taken,
                floor,
                "",
                None,
                "pty; vraag staat er eerst, toetsen wachten tot de prompt geladen is",
            )
        )
    return rows


def enter_growth(rows: list[Row]) -> list[Row]:
    """Enter to the next question at 2,000 answers against the same at none (issue 15)."""
    enter = {r.what: r.value for r in rows if r.what.startswith("Enter tot volgende vraag")}
    none = enter.get("Enter tot volgende vraag (pty, 0 antwoorden)")
    many = enter.get("Enter tot volgende vraag (pty, 2.000 antwoorden)")
    if none is None or many is None:
        return []
    return [
        Row(
            "Enter tot volgende vraag: 2.000 tegen 0 antwoorden",
            many,
            none,
            "<= 1.5x",
            many / none <= 1.5,
            "vloer: hetzelfde bij 0 antwoorden",
        )
    ]


# --- output -------------------------------------------------------------------------


def fmt_time(seconds: float | None) -> str:
    if seconds is None:
        return "n/a"
    if seconds < 0.1:
        return f"{seconds * 1000:.1f} ms"
    return f"{seconds * 1000:.0f} ms" if seconds < 10 else f"{seconds:.1f} s"


def table(rows: list[Row]) -> str:
    head = ["meting", "mediaan", "vloer", "x vloer", "doel", "ok", "toelichting"]
    body = []
    for r in rows:
        ratio = f"{r.value / r.floor:.2f}x" if r.value is not None and r.floor else "n/a"
        ok = "" if r.ok is None else ("ja" if r.ok else "NEE")
        body.append([r.what, fmt_time(r.value), fmt_time(r.floor), ratio, r.target, ok, r.note])
    widths = [max(len(str(x[i])) for x in [head, *body]) for i in range(len(head))]
    lines = [" | ".join(h.ljust(w) for h, w in zip(head, widths, strict=True))]
    lines.append("-|-".join("-" * w for w in widths))
    lines += [" | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) for row in body]
    return "\n".join(line.rstrip() for line in lines)


def main() -> int:
    parser = argparse.ArgumentParser(description="Meet hoe snel loopbaan is op deze computer.")
    parser.add_argument("--quick", action="store_true", help="minder herhalingen (ruwer)")
    parser.add_argument("--keep", action="store_true", help="laat de tijdelijke map staan")
    parser.add_argument(
        "--only",
        help="enkel deze metingen, bv. startup,export,banks,save,list,pty,scale,bankscli,"
        "answers,pty2000",
    )
    parser.add_argument(
        "--big", action="store_true", help="schaal ook met 20.000 gesprekken (minuten)"
    )
    args = parser.parse_args()
    repeat = 7 if args.quick else 21
    only = set(args.only.split(",")) if args.only else None

    tmp = Path(tempfile.mkdtemp(prefix="loopbaan-bench-"))
    home = tmp / "home"
    os.environ["LOOPBAAN_HOME"] = str(home)
    # Measure what a user has: bytecode written once and reused. With
    # PYTHONDONTWRITEBYTECODE set (some shells and CI images set it), every
    # run would compile the whole package again (+6 to +18 %).
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    sys.dont_write_bytecode = False
    env = {**os.environ, "LOOPBAAN_HOME": str(home)}
    sys.path.insert(0, str(ROOT))
    from loopbaan_cli.sessions import store

    write_register(0)
    export_session = realistic_session(EXPORT_ID, 45, dt.date(2026, 3, 3))
    if hasattr(export_session.employee, "id"):  # type: ignore[attr-defined]
        export_session.employee.id = BENCH_EMPLOYEE_ID  # type: ignore[attr-defined]
    store.save(export_session)  # type: ignore[arg-type]
    edited = realistic_session(EDITED_ID, 45, dt.date(2026, 3, 3))
    edited_path = store.save(edited)  # type: ignore[arg-type]
    text = edited_path.read_text(encoding="utf-8")
    edited_path.write_text(text[: text.rstrip("\n").rfind("\n") + 1], encoding="utf-8")

    sizes = (200, 2000, 20000) if args.big else (200, 2000)
    rows: list[Row] = []
    steps: list[tuple[str, Callable[[], list[Row]]]] = [
        ("startup", lambda: bench_startup(env, repeat)),
        ("export", lambda: bench_export(env, EXPORT_ID, repeat, tmp)),
        ("banks", lambda: bench_banks(home, repeat)),
        ("save", lambda: bench_save(repeat)),
        ("pty", lambda: bench_pty(env, home, repeat)),
        ("bankscli", lambda: bench_banks_cli(env, repeat)),
        ("answers", lambda: bench_save_answers(repeat)),
        ("pty2000", lambda: bench_pty(env, home, repeat, answers=2000)),
        ("scale", lambda: bench_scale(env, home, repeat, sizes)),
        ("start", lambda: bench_start(env, home, repeat, sizes)),
    ]
    print(f"loopbaan-meting in {tmp} ({repeat} herhalingen, mediaan)", file=sys.stderr)
    try:
        for name, step in steps:
            if only and name not in only:
                continue
            print(f"  bezig: {name} ...", file=sys.stderr, flush=True)
            rows.extend(step())
    finally:
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)
    rows += enter_growth(rows)
    print(table(rows))
    return 0 if all(r.ok is not False for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
