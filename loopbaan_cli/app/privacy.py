"""Personal data: where it lives, everything about one person, and deleting it.

- `delete`: one conversation, or every conversation of one employee, with
  everything beside them (lock files, half-written temp files). There are no
  backups to forget: a session is one file, rewritten in place.
- `export_data`: everything stored about one employee in one YAML or JSON
  file (the right of access), private notes included: they are about that
  person too; or the same as a document to read (md, txt, html, pdf, docx).
- `locations`: the folders loopbaan uses, for `loopbaan paths`.

An employee is found in the register (sessions/employees.py) by id or by
their exact name (case and spacing do not matter; accents and scripts do),
and their conversations by that id: deleting "An" never touches "An
Peeters", and 李明 never touches 王芳. A name several employees share is
refused with their ids. Deleting everyone's conversations of an employee
removes their register entry too.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from loopbaan_cli.kernel import console, paths
from loopbaan_cli.kernel.errors import (
    ConfigError,
    Interrupted,
    LoopbaanError,
    Problem,
)
from loopbaan_cli.kernel.record import Record
from loopbaan_cli.kernel.shell import command_for
from loopbaan_cli.kernel.text import short_date
from loopbaan_cli.sessions import store

if TYPE_CHECKING:
    from loopbaan_cli.app.running import Keyboard
    from loopbaan_cli.sessions.employees import Entry

FORMATS = ("yaml", "json", "md", "txt", "html", "pdf", "docx")
# the machine-readable copy, complete; the others are the access copy to read (documents/access.py)
MACHINE_FORMATS = ("yaml", "json")


def person(text: str, command: tuple[str, ...]) -> Entry:
    """The employee `text` names (an id, or a name only they have); errors name the ids."""
    from loopbaan_cli.app.employees import find

    return find(text, command=command)


def _theirs(entry: Entry) -> tuple[list[Record], list[Problem]]:
    """This employee's conversations (oldest first) and their files that can not be read.

    One scan by their id: the index's employee_id column for files it knows
    unchanged, the first lines of every other file (store.list_sessions).
    """
    found = store.list_sessions(employee=entry.id)
    sessions = sorted(found.sessions, key=lambda s: (s.date, s.created))
    return sessions, [p for p in found.broken if _owner(Path(p.file)) == entry.id]


# --- delete ------------------------------------------------------------------------


@dataclass(frozen=True)
class Deletion:
    ids: list[str]
    employee: str
    cancelled: bool = False


# `employee:` and, in its block, `id: mw-...`: whose a file is that does not read as a session
_OWNER = re.compile(r"^employee:[ \t]*\n(?:[ \t]+.*\n)*?[ \t]+id:[ \t]*['\"]?(mw-[a-z0-9]+)", re.M)


def _owner(path: Path) -> str | None:
    try:
        text = path.read_text(encoding="utf-8", errors="replace")[: 2 * 1024 * 1024]
    except OSError:
        return None
    found = _OWNER.search(text.replace("\r\n", "\n"))
    return found.group(1) if found else None


def _leftovers(entry: Entry) -> list[Path]:
    """Lock and temp files of sessions that are gone, left by a killed process, that were theirs.

    An orphan lock holds no more than a process id: its name is enough. A
    temp file holds a conversation: only one whose text names this employee.
    """
    folder = paths.sessions_dir()
    if not folder.is_dir():
        return []
    slug = re.escape(store.slugify(entry.name))
    pattern = re.compile(r"^(\.?)(\d{4}-\d{2}-\d{2}-" + slug + r"(?:-\d+)?)\.(yaml|lock)(\..*)?$")
    found = []
    for path in folder.iterdir():
        match = pattern.match(path.name)
        if not match or not path.is_file() or (folder / f"{match.group(2)}.yaml").exists():
            continue
        if match.group(1) and not _names(path, entry):  # a temp file: whose text is it?
            continue
        found.append(path)
    return found


def _names(path: Path, entry: Entry) -> bool:
    """Whether the text of a half-written file is about this employee (their id, else their name)."""
    try:
        text = path.read_text(encoding="utf-8", errors="replace")[: 2 * 1024 * 1024]
    except OSError:
        return False
    owner = _owner(path)
    return owner == entry.id if owner else entry.name in text


def _unreadable_line(problem: Problem) -> str:
    where = f"regel {problem.line}: " if problem.line else ""
    return f"  {Path(problem.file).stem}  (niet te lezen, {where}{problem.message})"


def _confirm(question: str, keyboard: Keyboard) -> bool:
    ask = keyboard()  # without a terminal: the cli says to add --yes
    from loopbaan_cli.conversation.asking import Ask  # only once someone will really answer

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
    if doomed.entry is not None:
        console.say(f"  {doomed.entry.id}  ({doomed.entry.name}, in het medewerkersregister)")
    if not yes and not _confirm(doomed.question, keyboard):
        return Deletion([], doomed.name, cancelled=True)
    deleted = []
    targets = [s.id for s in doomed.sessions] + [Path(p.file).stem for p in doomed.unreadable]
    with contextlib.ExitStack() as held:
        # every lock first: one conversation open in another window stops the
        # delete before any file is gone, not half-way through
        for target in targets:
            held.enter_context(store.locked(target))
        for target in targets:
            store.delete(target)
            deleted.append(target)
    if doomed.entry is not None:  # every conversation is gone: so is the person
        from loopbaan_cli.app.employees import forget

        for leftover in _leftovers(doomed.entry):
            with contextlib.suppress(FileNotFoundError):
                leftover.unlink()
        forget(doomed.entry.id)
    return Deletion(deleted, doomed.name)


@dataclass(frozen=True)
class _Doomed:
    """What a delete would remove, and the question that asks whether to."""

    sessions: list[Record]
    unreadable: list[Problem]
    name: str
    question: str
    entry: Entry | None = None  # with --employee: the register entry, removed too


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
    entry = person(employee, ("delete", "--employee"))
    # a file that can not be read is theirs when its text names the id (the file
    # name is no proof: 李明 and 王芳 once shared one)
    sessions, unreadable = _theirs(entry)
    count = len(sessions) + len(unreadable)
    what = "het enige gesprek" if count == 1 else f"alle {count} gesprekken"
    if count == 0:
        question = f"{entry.name} ({entry.id}) heeft geen gesprekken; uit het register verwijderen?"
    else:
        question = (
            f"{what[0].upper()}{what[1:]} met {entry.name} ({entry.id}) definitief verwijderen, "
            "met de opvolging?"
        )
    return _Doomed(sessions, unreadable, entry.name, question, entry)


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

    yaml and json: the complete machine-readable copy. md, txt, html, pdf and docx: the
    same content as a document to read (the access copy, nothing left out).
    """
    fmt = fmt or _format_of(output)
    if fmt not in FORMATS:
        raise LoopbaanError(f"onbekend formaat '{fmt}'; kies uit {', '.join(FORMATS)}")
    if fmt in ("pdf", "docx") and output is None:
        raise LoopbaanError(
            f"een {fmt}-bestand schrijf je naar een bestand",
            hint=f"Bv. `{command_for('export-data', '--employee', employee, '--format', fmt, '-o', 'inzage.' + fmt)}`.",
        )
    entry = person(employee, ("export-data", "--employee"))
    sessions, unreadable = _everything_of(entry)
    name = entry.name
    if fmt not in MACHINE_FORMATS:
        readable = _access_copy(sessions, unreadable, name, fmt, entry.as_dict())
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
        "employee_id": entry.id,
        "register": entry.as_dict(),
        "generated": dt.datetime.now().replace(microsecond=0),
        "data_folder": str(paths.sessions_dir()),
        "files": [str(store.session_path(s.id)) for s in sessions],
        "sessions": [_as_saved(s) for s in sessions],
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
    sessions: list[Record],
    unreadable: list[Problem],
    name: str,
    fmt: str,
    register: dict[str, Any] | None = None,
) -> str | bytes:
    """The access copy (documents/access.py): everything, as a document a person reads."""
    from loopbaan_cli.documents.access import access_context, render_access

    context = access_context(
        sessions,
        name,
        generated=dt.datetime.now().replace(microsecond=0),
        data_folder=str(paths.sessions_dir()),
        unreadable=[{"file": p.file, "problem": str(p)} for p in unreadable],
        register=register,
    )
    return render_access(context, fmt)


def _as_text(data: dict[str, Any], fmt: str) -> str:
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=2, default=_json_default) + "\n"
    from loopbaan_cli.kernel import yamlio

    return yamlio.dump(data)


def _everything_of(entry: Entry) -> tuple[list[Record], list[Problem]]:
    """Every conversation of this employee, whole, and the files of theirs that can not be read.

    Read as `export` and `show` read them (store.view): a sealed file without
    pydantic, through the loader's guards and the shape check; any other file
    validated, with the same errors as a load.
    """
    summaries, unreadable = _theirs(entry)
    sessions = []
    for summary in summaries:
        try:
            sessions.append(store.view(summary.id))
        except ConfigError as exc:  # readable at the top, broken in the answers
            unreadable += exc.problems[:1]
    return sessions, unreadable


def _as_saved(session: Record) -> dict[str, Any]:
    """A session as its model would dump it: plain dicts and lists, the minutes a float.

    A sealed file is read as it stands; `minutes: 0` in it (a seal made over a
    file written by hand) is what the model makes 0.0.
    """
    data: dict[str, Any] = _plain(session)
    if type(data.get("minutes")) is int:
        data["minutes"] = float(data["minutes"])
    return data


def _plain(value: Any) -> Any:
    """A Record as the plain dicts and lists it was read from (what model_dump gives)."""
    if isinstance(value, Mapping):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


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
    from loopbaan_cli.banks import bank_cache
    from loopbaan_cli.cycle.people import employee_key
    from loopbaan_cli.cycle.settings import config_path
    from loopbaan_cli.sessions.employees import register_path as employees_file
    from loopbaan_cli.sessions.index import index_path

    sessions = store.list_sessions().sessions
    return {
        "home": str(paths.home()),
        "sessions": str(paths.sessions_dir()),
        "register": str(employees_file()),
        "question_banks": str(paths.user_banks_dir()),
        "templates": str(paths.user_templates_dir()),
        "config": str(config_path()),
        "index": str(index_path()),  # names and dates: personal data, but a copy
        "cache": str(bank_cache.folder().parent),  # parsed banks: no personal data
        "conversations": len(sessions),
        "employees": len({employee_key(s.employee) for s in sessions}),
    }
