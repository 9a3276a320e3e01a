"""`loopbaan export`: render a session and send it to stdout or a file, and open it."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from loopbaan_cli.documents.context import Paper
from loopbaan_cli.documents.kinds import (
    DEFAULT_FORMAT,
    FORMATS,
    format_for_ending,
    format_named,
    kind_named,
)
from loopbaan_cli.documents.render import render
from loopbaan_cli.kernel import paths
from loopbaan_cli.kernel.errors import LoopbaanError, reason
from loopbaan_cli.sessions import store

if TYPE_CHECKING:
    from loopbaan_cli.banks.library import Library
    from loopbaan_cli.kernel.record import Record
    from loopbaan_cli.sessions.model import Session

# how long to wait for the opener to report a failure before assuming it worked
OPEN_WAIT_SECONDS = 5.0


@dataclass(frozen=True)
class ExportResult:
    text: str | bytes  # bytes: a pdf or docx
    path: Path | None  # None: the text goes to stdout
    open_problem: str | None = None  # why --open did not work, in Dutch


def default_name(session_id: str, kind: str, fmt: str) -> str:
    """The file name used with --open and without -o: afspraken-<id>.html, agenda-<id>.ics.

    A format that ignores the kind (the calendar) names the file after itself.
    """
    form = format_named(fmt)
    return f"{form.document or kind}-{session_id}{form.suffix}"


def choose_format(fmt: str | None, output: Path | None) -> str:
    """The format: --format, else the ending of -o FILE, else md.

    A file whose ending says one format and --format another would open as
    gibberish (Markdown in a .html file shows a wall of asterisks), so that
    mismatch is refused, and so is an ending loopbaan cannot write.
    """
    if fmt is not None and fmt not in FORMATS:
        raise LoopbaanError(f"onbekend formaat '{fmt}'", hint=f"Kies uit: {', '.join(FORMATS)}.")
    if output is None or str(output) == "-":
        return fmt or DEFAULT_FORMAT
    ending = output.suffix.lower().lstrip(".")
    if not ending:
        if fmt is not None:
            return fmt  # said out loud, so a name without an ending is fine
        raise LoopbaanError(
            f"{output} heeft geen extensie, dus het formaat is niet duidelijk",
            hint=f"Geef de naam een extensie ({_endings()}) of kies --format.",
        )
    found = format_for_ending(ending)
    if found is None:
        raise LoopbaanError(
            f"loopbaan kan geen .{ending}-bestand maken ({output})",
            hint=f"Kies een naam op {_endings()}.",
        )
    if fmt is not None and fmt != found.name:
        raise LoopbaanError(
            f"--format {fmt} past niet bij de extensie van {output} (.{ending})",
            hint=f"Laat --format weg (dan wordt het {found.name}), of noem het bestand "
            f"{output.with_suffix(FORMATS[fmt].suffix).name}.",
        )
    return found.name


def _endings() -> str:
    return ", ".join(f.suffix for f in FORMATS.values())


def export(
    session_id: str | None,
    kind: str,
    fmt: str | None,
    output: Path | None,
    force: bool,
    template: Path | None = None,
    open_file: bool = False,
    annex: bool = False,
) -> ExportResult:
    """Render, write when asked (never over an existing file without `force`), open when asked.

    With `annex`, the agreement gets the answers that may go on paper as an
    annex; without it, they stay in the data folder only.
    """
    to_stdout = output is not None and str(output) == "-"
    if open_file and to_stdout:
        raise LoopbaanError(
            "--open heeft een bestand nodig, geen scherm",
            hint="Laat -o - weg (dan komt er een bestand in deze map) of geef een bestandsnaam.",
        )
    fmt = choose_format(fmt, output)
    chosen, form = kind_named(kind), format_named(fmt)
    # sealed files are read without pydantic; the newest from the index's rows
    session = store.view(session_id) if session_id else store.newest_view()
    if output is None and open_file:
        output = Path.cwd() / default_name(session.id, kind, fmt)
    if output is not None and not to_stdout:
        check_destination(output, force)  # before rendering: a refusal costs nothing
    elif form.binary:
        refuse_binary_on_screen(fmt, kind)
    # only what this document shows is gathered: each costs a read of the disk
    templated = form.templated or form.binary  # binary formats show the kind's content too
    text = render(
        session,
        kind,
        fmt,
        library=_library() if templated and chosen.needs_library else None,
        previous=previous_for(session) if templated and chosen.shows_previous else (),
        template=template,
        paper=paper_settings(annex=annex),
    )
    if output is None or to_stdout:
        return ExportResult(text, None)
    write_private(output, text, force)
    written = output.resolve()
    problem = open_with_default_program(written) if open_file else None
    return ExportResult(text, written, problem)


def previous_for(session: Session | Record) -> list[dict[str, Any]]:
    """The employee's earlier conversations and how their agreements went, for `previous`.

    Also what the interview's preview passes to `render` to show the whole
    agreement as it will be exported.
    """
    from loopbaan_cli.cycle import history  # only for a kind that shows earlier agreements
    from loopbaan_cli.cycle.people import employee_id

    # By the register's id: another person with a look-alike name is never "earlier".
    # Not registered yet (stopped before the name was given): no one is known to be.
    who = employee_id(session.employee)
    mine = store.sessions_of(who) if who else []  # a stat of their files only
    return history.previous_agreements(mine, session)


def paper_settings(*, annex: bool = False) -> Paper:
    """What config.yaml says about paper (the organisation, the retention), with its logo read."""
    from loopbaan_cli.cycle.settings import Settings

    settings = Settings.load()
    organisation = settings.organisation
    logo, logo_file = "", ""
    if organisation.logo is not None:
        logo, logo_file = _logo(organisation.logo), str(organisation.logo)
    return Paper(
        annex=annex,
        organisation_name=organisation.name,
        organisation_address=organisation.address,
        logo=logo,
        logo_file=logo_file,
        retention_years=settings.retention_years,
    )


LOGO_TYPES = {
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".svg": "image/svg+xml",
    ".webp": "image/webp",
}
LOGO_MAX_BYTES = 2_000_000


def _logo(path: Path) -> str:
    """The logo as a data: URI, so the html document stays one file."""
    import base64

    where = "organisation.logo in config.yaml"
    kind = LOGO_TYPES.get(path.suffix.lower())
    if kind is None:
        raise LoopbaanError(
            f"het logo {path} is geen afbeelding die loopbaan kent ({where})",
            hint=f"Gebruik een bestand op {', '.join(LOGO_TYPES)}.",
        )
    try:
        # never waiting on a pipe, never more than the limit: a logo is a small regular file
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                raise LoopbaanError(
                    f"het logo {path} is geen gewoon bestand ({where})",
                    hint="Zet het pad van een afbeelding in config.yaml, of laat logo weg.",
                )
            data = handle.read(LOGO_MAX_BYTES + 1)
    except OSError as exc:
        raise LoopbaanError(
            f"het logo {path} kan niet gelezen worden: {reason(exc)} ({where})",
            hint="Zet het juiste pad in config.yaml, of laat logo weg.",
        ) from None
    if len(data) > LOGO_MAX_BYTES:
        raise LoopbaanError(
            f"het logo {path} is groter dan 2 MB ({where})",
            hint="Gebruik een kleinere afbeelding: op papier is 300 pixels breed genoeg.",
        )
    return f"data:{kind};base64,{base64.b64encode(data).decode('ascii')}"


def _library() -> Library:
    from loopbaan_cli.banks.library import load_library

    return load_library()


def refuse_binary_on_screen(fmt: str, kind: str) -> None:
    """A pdf or docx is bytes: fine into a pipe or a file, gibberish on a terminal."""
    if stdout_is_terminal():
        name = f"{kind}{FORMATS[fmt].suffix}"
        raise LoopbaanError(
            f"een {fmt}-bestand kan niet op het scherm getoond worden",
            hint=f"Geef een bestandsnaam, bv. -o {name}, of gebruik --open.",
        )


def stdout_is_terminal() -> bool:
    return sys.stdout is not None and sys.stdout.isatty()


def write_private(output: Path, text: str | bytes, force: bool) -> Path:
    """Write a file only the user can read; never over an existing file without `force`."""
    check_destination(output, force)
    folder = output.parent if str(output.parent) else Path(".")
    store.write_atomic(folder, output, text)
    os.chmod(output, paths.PRIVATE_FILE)  # an agreement is personal data too
    return output.resolve()


def check_destination(output: Path, force: bool) -> None:
    """Refuse what may not be written: an existing file without `force`, anything but a regular file.

    Only a regular file is ever replaced, with --force too: a symbolic link
    (even a dangling one), a device such as /dev/null, a pipe or a socket is
    refused, because the write would replace that thing itself by a file.
    """
    _refuse_own_file(output)
    try:
        found = output.lstat()  # lstat: the link itself, not what it points to
    except FileNotFoundError:
        found = None
    except OSError as exc:
        raise LoopbaanError(f"kan {output} niet nakijken: {reason(exc)}") from None
    if found is not None:
        if stat.S_ISDIR(found.st_mode):
            raise LoopbaanError(f"{output} is een map; geef een bestandsnaam op")
        if not stat.S_ISREG(found.st_mode):
            raise LoopbaanError(
                f"{output} is geen gewoon bestand ({_kind_of(found.st_mode)}); "
                "loopbaan overschrijft alleen gewone bestanden",
                hint="Geef de naam van een nieuw of gewoon bestand; naar het scherm: -o -.",
            )
        if not force:
            raise LoopbaanError(
                f"{output} bestaat al",
                hint="Kies een andere naam, of gebruik --force om het te overschrijven.",
            )
    folder = output.parent if str(output.parent) else Path(".")
    if not folder.is_dir():
        raise LoopbaanError(f"de map {folder} bestaat niet")


# What loopbaan keeps in the data folder itself: a document written there (with
# --force over the register, say) would take every conversation's people with it.
_OWN_FILES = ("employees.yaml", "config.yaml", "index.sqlite3", "employees.lock", "migration.lock")
_OWN_FOLDERS = ("sessions", "question_banks", "templates", "cache", "sessions.backup-v1")


def _refuse_own_file(output: Path) -> None:
    try:
        home, target = paths.home().resolve(), output.resolve()
    except (OSError, RuntimeError):
        return  # not resolvable: the checks after this say what is wrong
    if (target.parent == home and target.name in _OWN_FILES) or any(
        target.is_relative_to(home / folder) for folder in _OWN_FOLDERS
    ):
        raise LoopbaanError(
            f"{output} is een bestand of map van loopbaan zelf in de gegevensmap; "
            "daar schrijft een export nooit, ook niet met --force",
            hint="Kies een naam buiten de gegevensmap, bv. in je map Documenten.",
        )


def _kind_of(mode: int) -> str:
    if stat.S_ISLNK(mode):
        return "een symbolische koppeling"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "een apparaat"
    if stat.S_ISFIFO(mode):
        return "een pijp"
    return "een socket of iets anders"


def open_with_default_program(path: Path) -> str | None:
    """Open `path` with the system's default program.

    None when that worked as far as we can tell; otherwise what went wrong, in
    Dutch, for a warning. Never raises: the file is written either way.
    """
    advice = f"Open het bestand zelf: {path}"
    try:
        if sys.platform == "win32":
            os.startfile(path)
            return None
        command = "open" if sys.platform == "darwin" else "xdg-open"
        program = shutil.which(command)
        if program is None:
            return (
                f"Geen programma gevonden om bestanden mee te openen ({command} ontbreekt). "
                + advice
            )
        # its own session, so the viewer stays open after loopbaan stops
        process = subprocess.Popen(
            [program, str(path)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        try:
            code = process.wait(timeout=OPEN_WAIT_SECONDS)
        except subprocess.TimeoutExpired:
            return None  # still busy: it found a program and is showing the file
        if code != 0:
            return (
                f"Het bestand kon niet geopend worden ({command} stopte met foutcode {code}). "
                + advice
            )
    except OSError as exc:
        return f"Het bestand kon niet geopend worden ({reason(exc)}). {advice}"
    return None
