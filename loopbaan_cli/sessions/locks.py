"""One process at a time works on a session: a lock file beside it says which.

The lock holds the process id and the host name. A lock whose process is gone
(killed, crashed, the laptop shut) is taken over; one held by a live process
on this machine is a clear error, not a wait.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

from loopbaan_cli.kernel import paths
from loopbaan_cli.kernel.errors import LoopbaanError, SessionLockedError
from loopbaan_cli.sessions.ids import lock_path


def locked(session_id: str) -> contextlib.AbstractContextManager[bool]:
    """Hold the session's lock; yields True when a stale lock was taken over."""
    return hold(lock_path(session_id), f"gesprek '{session_id}'")


@contextlib.contextmanager
def hold(lock: Path, what: str) -> Iterator[bool]:
    """Hold the lock file `lock` for `what` (Dutch, e.g. "gesprek 'x'"); True when a stale lock was taken over."""
    import socket  # only here: listing and exporting need no network module

    paths.ensure_private_dir(lock.parent)
    stale = False
    me = f"{os.getpid()} {socket.gethostname()}\n"
    for _ in range(2):
        try:
            fd = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY, paths.PRIVATE_FILE)
        except FileExistsError:
            owner = _read_owner(lock)
            if owner is None and _just_made(lock):
                # created this instant, its owner not written yet: not stale, taken
                raise SessionLockedError(
                    f"{what} wordt op dit moment door een ander proces vergrendeld",
                    hint="Probeer het zo meteen opnieuw.",
                ) from None
            if owner and owner[1] == socket.gethostname() and _pid_alive(owner[0]):
                raise SessionLockedError(
                    f"{what} is al open in een ander venster (proces {owner[0]})",
                    hint="Werk daar verder, of sluit dat venster eerst.",
                ) from None
            # Left behind by a process that was killed: take it over.
            with contextlib.suppress(FileNotFoundError):
                lock.unlink()
            stale = True
            continue
        with os.fdopen(fd, "w") as handle:
            handle.write(me)
        break
    else:
        raise LoopbaanError(f"kan {what} niet vergrendelen")
    try:
        yield stale
    finally:
        with contextlib.suppress(FileNotFoundError):
            lock.unlink()


def _just_made(lock: Path) -> bool:
    """Whether the lock file is less than two seconds old (gone already: no)."""
    import time

    try:
        return time.time() - lock.stat().st_mtime < 2.0
    except FileNotFoundError:
        return False


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _read_owner(lock: Path) -> tuple[int, str] | None:
    try:
        pid_text, _, host = lock.read_text().strip().partition(" ")
        return int(pid_text), host
    except (OSError, ValueError):
        return None
