"""The few error types loopbaan raises; each carries its exit code.

The CLI maps a LoopbaanError to its message on stderr and its exit code, so no
user ever sees a traceback for something they can fix themselves.
"""

from __future__ import annotations

import errno
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

EXIT_USER = 1
EXIT_CONFIG = 2
EXIT_INTERRUPTED = 130


class LoopbaanError(Exception):
    """Something the user can act on: bad input, a missing session, ..."""

    exit_code = EXIT_USER

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class NotFoundError(LoopbaanError):
    """A session, employee or file that does not exist."""


class SessionLockedError(LoopbaanError):
    """The session is open in another loopbaan process."""


class Severity(str, Enum):
    """How bad a Problem is; the value is the Dutch word printed before the message."""

    ERROR = "fout"  # the file can not be used
    WARNING = "waarschuwing"  # the file works, but probably not as its writer meant

    def __str__(self) -> str:
        # Python 3.11 formats a mixed-in Enum as "Severity.ERROR"; people read the word.
        return self.value


@dataclass(frozen=True)
class Problem:
    """One finding in a YAML file, pointing at file:line:column."""

    file: str
    line: int
    column: int
    message: str
    severity: Severity = Severity.ERROR

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}" if self.line else self.file
        return f"{where}: {self.severity}: {self.message}"


class ConfigError(LoopbaanError):
    """Invalid YAML or configuration; lists every problem found, not just the first."""

    exit_code = EXIT_CONFIG

    def __init__(self, problems: list[Problem], *, hint: str | None = None) -> None:
        self.problems = problems
        lines = "\n".join(str(p) for p in problems)
        count = len([p for p in problems if p.severity == Severity.ERROR])
        head = "1 fout gevonden:" if count == 1 else f"{count} fouten gevonden:"
        super().__init__(f"{head}\n{lines}", hint=hint)

    @classmethod
    def single(cls, file: str | Path, message: str, line: int = 0, column: int = 0) -> ConfigError:
        return cls([Problem(str(file), line, column, message)])


class Interrupted(LoopbaanError):
    """Ctrl-C: the work was saved; the message says how to go on."""

    exit_code = EXIT_INTERRUPTED


class InvalidAnswersError(ConfigError):
    """An answers file that parses but holds wrong or missing answers: a user error."""

    exit_code = EXIT_USER


_OS_ERRORS = {
    errno.EACCES: "je hebt geen toestemming",
    errno.EPERM: "je hebt geen toestemming",
    errno.ENOTDIR: "een deel van het pad is een bestand, geen map",
    errno.EISDIR: "dit is een map, geen bestand",
    errno.ENOENT: "dit bestaat niet",
    errno.ENOSPC: "de schijf is vol",
    errno.EROFS: "de schijf is alleen-lezen",
    errno.ENAMETOOLONG: "de naam is te lang",
    errno.ELOOP: "een koppeling (symlink) verwijst in een kring naar zichzelf",
    errno.EIO: "de schijf gaf een leesfout",
    errno.EBUSY: "het bestand is in gebruik",
    errno.ENOTEMPTY: "de map is niet leeg",
    errno.EEXIST: "dit bestaat al",
    errno.ENXIO: "er is niets aan de andere kant (een apparaat of pijp zonder lezer)",
    errno.EDQUOT: "je schijfruimte is op",
    errno.EMFILE: "er staan te veel bestanden tegelijk open",
}


def reason(exc: OSError) -> str:
    """Why a file could not be used, in Dutch (the system's words only for a rare case)."""
    return _OS_ERRORS.get(exc.errno or 0, exc.strerror or str(exc))


def os_error(exc: OSError, home: Path | None = None) -> LoopbaanError:
    """A file or folder that can not be used (no permission, a full disk, ...), in Dutch.

    In the data folder `home` the hint says how to choose another one.
    """
    why = reason(exc)
    # a rename (an atomic save) fails on its target, not on the hidden temporary file
    filename = exc.filename2 or exc.filename
    where = f" {filename}" if filename else ""
    in_home = home is not None and bool(filename) and str(filename).startswith(str(home))
    hint = "Kies met --home of $LOOPBAAN_HOME een map waarin je mag schrijven." if in_home else None
    return LoopbaanError(f"kan{where} niet gebruiken: {why}", hint=hint)
