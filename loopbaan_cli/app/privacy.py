"""Personal data: where it lives, everything about one person, and deleting it.

- `delete`: one conversation, or every conversation of one employee, with
  everything beside them (lock files, half-written temp files). There are no
  backups to forget: a session is one file, rewritten in place.
- `export_data`: everything stored about one employee in one YAML or JSON
  file (the right of access), private notes included: they are about that
  person too; or the same as a document to read (md, html, pdf).
- `locations`: the folders loopbaan uses, for `loopbaan paths`.

An employee is found by the slug of the name (case, accents and spacing do
not matter), exactly: deleting "An" never touches "An Peeters".
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from loopbaan_cli.app.running import Keyboard
from loopbaan_cli.conversation.asking import Ask
from loopbaan_cli.cycle.people import of_employee, person_key, similar_names
from loopbaan_cli.cycle.settings import config_path
from loopbaan_cli.kernel import console, paths
from loopbaan_cli.kernel.errors import (
    ConfigError,
    Interrupted,
    LoopbaanError,
    NotFoundError,
    Problem,
)
from loopbaan_cli.kernel.record import Record
from loopbaan_cli.kernel.shell import command_for
from loopbaan_cli.kernel.text import short_date
from loopbaan_cli.sessions import store

if TYPE_CHECKING:
    from loopbaan_cli.sessions.model import Session

FORMATS = ("yaml", "json", "md", "html", "pdf")
# the machine-readable copy, complete; the others are the access copy to read (documents/access.py)
MACHINE_FORMATS = ("yaml", "json")


def sessions_of(name: str) -> list[Record]:
    """Every conversation of this employee (without answers), oldest first.

    NotFoundError, with names that look alike, when there is none.
    """
    everyone = store.list_sessions().sessions
    found = of_employee(everyone, name)
    if not found:
        close = similar_names(everyone, name)
        raise NotFoundError(
            f"geen gesprekken gevonden met medewerker '{name}'",
            hint=f"Bedoel je: {', '.join(close)}?"
            if close
            else f"`{command_for('list')}` toont alle gesprekken.",
        )
    return sorted(found, key=lambda s: (s.date, s.created))


# --- delete ------------------------------------------------------------------------


@dataclass(frozen=True)
class Deletion:
    ids: list[str]
    employee: str
    cancelled: bool = False


def _file_of(name: str) -> re.Pattern[str]:
    """File names of this employee's sessions (with their locks and temp files)."""
    return re.compile(
        r"^\.?\d{4}-\d{2}-\d{2}-"
        + re.escape(store.slugify(name))
        + r"(-\d+)?\.(yaml|lock|journal)(\..*)?$"
    )


def _leftovers(name: str) -> list[Path]:
    """Lock and temp files of this employee's sessions whose session file is gone."""
    folder = paths.sessions_dir()
    if not folder.is_dir():
        return []
    pattern = _file_of(name)
    return [p for p in folder.iterdir() if p.is_file() and pattern.match(p.name)]


def _unreadable_of(name: str) -> list[Problem]:
    """This employee's session files that can not be read: the name in the file name tells."""
    pattern = _file_of(name)
    broken = store.list_sessions(employee=name).broken
    return [p for p in broken if pattern.match(Path(p.file).name)]


def _unreadable_line(problem: Problem) -> str:
    where = f"regel {problem.line}: " if problem.line else ""
    return f"  {Path(problem.file).stem}  (niet te lezen, {where}{problem.message})"


def _confirm(question: str, keyboard: Keyboard) -> bool:
    ask = keyboard()  # without a terminal: the cli says to add --yes
    try:
        reply = ask(
            Ask(
                "delete.confirm",
                question,
                "confirm",
                default=False,
                tip="Dit kan niet ongedaan gemaakt worden.",
            )
        )
    except KeyboardInterrupt:
        raise Interrupted("Onderbroken: er is niets verwijderd.") from None
    return reply is True


def delete(
    session_id: str | None, employee: str | None, yes: bool = False, *, keyboard: Keyboard
) -> Deletion:
    """Delete one conversation or all of one employee, after asking (unless `yes`).

    A file that can not be read is personal data too: it is listed and deleted
    with the rest (for --employee, when the file name carries the name).
    """
    if bool(session_id) == bool(employee):
        raise LoopbaanError(
            "geef een gespreks-id of --employee NAAM (één van de twee)",
            hint=f"Bv. `{command_for('delete', '2026-11-22-an-peeters')}` of "
            f"`{command_for('delete', '--employee', 'An Peeters')}`.",
        )
    doomed = _one(session_id) if session_id else _all_of(employee or "")
    console.say("Dit wordt verwijderd:")
    for session in doomed.sessions:
        console.say(f"  {session.id}  ({session.employee.name}, {short_date(session.date)})")
    for problem in doomed.unreadable:
        console.say(_unreadable_line(problem))
    if not yes and not _confirm(doomed.question, keyboard):
        return Deletion([], doomed.name, cancelled=True)
    deleted = []
    for target in [s.id for s in doomed.sessions] + [Path(p.file).stem for p in doomed.unreadable]:
        with store.locked(target):
            store.delete(target)
        deleted.append(target)
    if employee:
        for leftover in _leftovers(employee):
            with contextlib.suppress(FileNotFoundError):
                leftover.unlink()
    return Deletion(deleted, doomed.name)


@dataclass(frozen=True)
class _Doomed:
    """What a delete would remove, and the question that asks whether to."""

    sessions: list[Record]
    unreadable: list[Problem]
    name: str
    question: str


def _one(session_id: str) -> _Doomed:
    try:
        sessions, unreadable = [store.view(session_id)], []
    except ConfigError as exc:
        sessions, unreadable = [], exc.problems[:1]
    name = sessions[0].employee.name if sessions else ""
    whose = f" met {name}" if name else " (niet te lezen)"
    return _Doomed(
        sessions, unreadable, name, f"Het gesprek {session_id}{whose} definitief verwijderen?"
    )


def _all_of(employee: str) -> _Doomed:
    unreadable = _unreadable_of(employee)
    sessions: list[Record] = []
    if unreadable:
        with contextlib.suppress(NotFoundError):
            sessions = sessions_of(employee)
    else:
        sessions = sessions_of(employee)  # NotFoundError, with look-alike names
    name = sessions[0].employee.name if sessions else employee.strip()
    count = len(sessions) + len(unreadable)
    what = "het enige gesprek" if count == 1 else f"alle {count} gesprekken"
    question = f"{what[0].upper()}{what[1:]} met {name} definitief verwijderen, met de opvolging?"
    return _Doomed(sessions, unreadable, name, question)


# --- everything about one person ----------------------------------------------------


@dataclass(frozen=True)
class DataExport:
    text: str | bytes  # bytes: the pdf, always written to a file
    path: Path | None  # where it was written; None: the text goes to stdout
    unreadable: list[Problem] = field(default_factory=list)  # handed over as raw text


def export_data(
    employee: str, fmt: str | None = None, output: Path | None = None, force: bool = False
) -> DataExport:
    """Everything stored about one employee; written to `output` when given.

    yaml and json: the complete machine-readable copy. md, html and pdf: the
    same content as a document to read (the access copy, nothing left out).
    """
    fmt = fmt or _format_of(output)
    if fmt not in FORMATS:
        raise LoopbaanError(f"onbekend formaat '{fmt}'; kies uit {', '.join(FORMATS)}")
    if fmt == "pdf" and output is None:
        raise LoopbaanError(
            "een pdf schrijf je naar een bestand",
            hint=f"Bv. `{command_for('export-data', '--employee', employee, '--format', 'pdf', '-o', 'inzage.pdf')}`.",
        )
    sessions, unreadable = _everything_of(employee)
    name = sessions[-1].employee.name if sessions else employee.strip()
    if fmt not in MACHINE_FORMATS:
        readable = _access_copy(sessions, unreadable, name, fmt)
        if output is None:
            return DataExport(readable, None, unreadable)
        from loopbaan_cli.app.export import write_private

        return DataExport(readable, write_private(output, readable, force), unreadable)
    data: dict[str, Any] = {
        "about": (
            f"Alles wat loopbaan op deze computer bewaart over {name}: elk gesprek, met de "
            "voorbereiding, de antwoorden, alle notities (ook de privénotities), de afspraken "
            "en de opvolging. Niets hiervan werd ooit naar elders verstuurd."
        ),
        "employee": name,
        "generated": dt.datetime.now().replace(microsecond=0),
        "data_folder": str(paths.sessions_dir()),
        "files": [str(store.session_path(s.id)) for s in sessions],
        "sessions": [s.model_dump(mode="python") for s in sessions],
    }
    if unreadable:
        # still their data: handed over as it stands on disk
        data["unreadable_files"] = [
            {"file": p.file, "problem": str(p), "text": _raw_text(Path(p.file))} for p in unreadable
        ]
    text = _as_text(data, fmt)
    if output is None:
        return DataExport(text, None, unreadable)
    from loopbaan_cli.app.export import write_private

    return DataExport(text, write_private(output, text, force), unreadable)


def _format_of(output: Path | None) -> str:
    """The format a file name asks for (inzage.html: html); yaml when it says none we make."""
    ending = output.suffix.lower().lstrip(".") if output is not None else ""
    ending = {"yml": "yaml", "htm": "html", "markdown": "md"}.get(ending, ending)
    return ending if ending in FORMATS else "yaml"


def _access_copy(
    sessions: list[Session], unreadable: list[Problem], name: str, fmt: str
) -> str | bytes:
    """The access copy (documents/access.py): everything, as a document a person reads."""
    from loopbaan_cli.documents.access import access_context, render_access

    context = access_context(
        sessions,
        name,
        generated=dt.datetime.now().replace(microsecond=0),
        data_folder=str(paths.sessions_dir()),
        unreadable=[{"file": p.file, "problem": str(p)} for p in unreadable],
    )
    return render_access(context, fmt)


def _as_text(data: dict[str, Any], fmt: str) -> str:
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=2, default=_json_default) + "\n"
    from loopbaan_cli.kernel import yamlio

    return yamlio.dump(data)


def _everything_of(employee: str) -> tuple[list[Session], list[Problem]]:
    """Every conversation of this employee, whole, and the files of theirs that can not be read.

    NotFoundError (with look-alike names) only when there is neither.
    """
    unreadable = _unreadable_of(employee)
    try:
        summaries = sessions_of(employee)
    except NotFoundError:
        if not unreadable:
            raise
        summaries = []
    sessions = []
    for summary in summaries:
        try:
            sessions.append(store.load(summary.id))
        except ConfigError as exc:  # readable at the top, broken in the answers
            unreadable += exc.problems[:1]
    return sessions, unreadable


def _raw_text(path: Path) -> str | None:
    from loopbaan_cli.kernel import yamlio

    try:
        return yamlio.read_text(path)
    except ConfigError:  # binary or not UTF-8: the file itself is the only copy
        return None


def _json_default(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    raise TypeError(type(value).__name__)


# --- where --------------------------------------------------------------------------


def locations() -> dict[str, Any]:
    """The folders and files loopbaan uses, and what is in them."""
    sessions = store.list_sessions().sessions
    return {
        "home": str(paths.home()),
        "sessions": str(paths.sessions_dir()),
        "question_banks": str(paths.user_banks_dir()),
        "templates": str(paths.user_templates_dir()),
        "config": str(config_path()),
        "conversations": len(sessions),
        "employees": len({person_key(s.employee.name) for s in sessions}),
    }
