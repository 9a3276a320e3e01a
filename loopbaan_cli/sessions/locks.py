"""One process at a time works on a session: a lock file beside it says which.

The lock is one line of JSON: the process id, the computer (host name) and
when it was taken, e.g. `{"pid": 4242, "host": "bureau-pc", "since": "2026-11-22T09:30:00+00:00"}`.
Older loopbaans wrote `4242 bureau-pc`; that is read too.

- A lock of a live process on this computer is a clear error, not a wait.
- A lock whose process is gone (killed, crashed, the laptop shut) on this
  computer is taken over, and the caller is told (it yields True).
- A lock of ANOTHER computer (a shared or synced data folder) is respected:
  this computer cannot tell whether that process still runs. The message
  names the computer and the lock's age; only `--take-over` (take_over_elsewhere)
  takes it over.
- A lock that cannot be read (empty, garbage: a full disk, a sync tool) is
  stale once it is older than UNREADABLE_GRACE; younger, it may be a lock
  being written this very moment, so it is refused with "try again".

A lock is written in one go, and removed again when that write fails (a
full disk), so no empty lock is left behind. Within one process a lock is
re-entrant: the conversation's own saves pass through their own lock.

An id is reserved by creating its lock (`reserve`): the new conversation
is locked from birth until its first save (or the end of the command).
"""

from __future__ import annotations

import atexit
import contextlib
import datetime as dt
import functools
import json
import os
import stat
from collections.abc import Iterator
from pathlib import Path

from loopbaan_cli.kernel import paths
from loopbaan_cli.kernel.errors import SessionLockedError
from loopbaan_cli.sessions.ids import lock_path

# An unreadable lock younger than this may be one being written right now.
UNREADABLE_GRACE = dt.timedelta(minutes=1)
MAX_LOCK_BYTES = 4096  # a lock is one short line; anything bigger is not ours

# Locks this process holds: path -> how many holders (re-entrant).
_held: dict[Path, int] = {}
# Ids reserved by this process and not yet saved (released at the end at the latest).
_reserved: set[Path] = set()
_take_over_elsewhere = False


class LockedElsewhereError(SessionLockedError):
    """The lock belongs to a process on another computer; `--take-over` takes it over."""

    def __init__(self, message: str, *, lock: Path, host: str, age: str) -> None:
        super().__init__(
            message,
            hint=f"Sluit het daar eerst af. Staat het daar zeker niet meer open, verwijder dan "
            f"het slot {lock}.",
        )
        self.lock = lock
        self.host = host
        self.age = age


def take_over_elsewhere(allowed: bool) -> None:
    """The `--take-over` flag: take over a lock of another computer (the user said so)."""
    global _take_over_elsewhere
    _take_over_elsewhere = allowed


def locked(session_id: str) -> contextlib.AbstractContextManager[bool]:
    """Hold the session's lock; yields True when a stale lock was taken over."""
    return hold(lock_path(session_id), f"gesprek '{session_id}'")


@contextlib.contextmanager
def hold(lock: Path, what: str) -> Iterator[bool]:
    """Hold the lock file `lock` for `what` (Dutch, e.g. "gesprek 'x'"); True when a stale lock was taken over.

    Holding it twice is refused, in one process too (two flows on one file);
    the reservation of a new id (reserve) is taken over by its own process.
    """
    key = lock.absolute()
    if key in _reserved:
        _reserved.discard(key)
        stale = False
    elif key in _held:
        raise SessionLockedError(
            f"{what} is al open in een ander venster (proces {os.getpid()})",
            hint="Werk daar verder, of sluit dat venster eerst.",
        )
    else:
        stale = _acquire(key, what)
    try:
        yield stale
    finally:
        _release(key)


@contextlib.contextmanager
def held_for_write(lock: Path, what: str) -> Iterator[None]:
    """`lock` for one write: joins the hold this process has, else takes it for the write alone."""
    key = lock.absolute()
    if key in _held:
        _held[key] += 1
    else:
        _acquire(key, what)
    try:
        yield
    finally:
        _release(key)


def reserve(lock: Path) -> bool:
    """Take `lock` for a new id if nobody has it; False when it exists (the id is taken).

    Reserved already by this process and not yet saved: still ours (a flow that
    builds the new conversation in two steps asks twice).
    """
    key = lock.absolute()
    if key in _reserved:
        return True
    if key in _held:
        return False
    paths.ensure_private_dir(key.parent)
    if not _create(key):
        return False
    _held[key] = 1
    _reserved.add(key)
    _release_at_exit()
    return True


@functools.cache
def _release_at_exit() -> None:
    # Once per process: a reservation never saved goes when the process ends, at the latest.
    atexit.register(release_reserved)


def unreserve(lock: Path) -> None:
    """The reservation of `lock` is over (saved, or not used): release that hold."""
    key = lock.absolute()
    if key in _reserved:
        _reserved.discard(key)
        _release(key)


def release_reserved() -> None:
    """Release every reservation of this process that was never saved (a refused file)."""
    for key in list(_reserved):
        unreserve(key)


def _release(key: Path) -> None:
    _held[key] -= 1
    if _held[key] <= 0:
        del _held[key]
        with contextlib.suppress(FileNotFoundError):
            key.unlink()


def _acquire(lock: Path, what: str) -> bool:
    paths.ensure_private_dir(lock.parent)
    stale = False
    for _ in range(3):
        if _create(lock):
            _held[lock] = 1
            return stale
        _refuse_unless_stale(lock, what)
        # Left behind by a process that is gone (or taken over on purpose).
        try:
            lock.unlink()
        except FileNotFoundError:
            pass
        except OSError:  # a folder, or no rights: not something to remove on our own
            raise SessionLockedError(
                f"kan {what} niet vergrendelen: {lock} is geen slot dat loopbaan kan weghalen",
                hint=f"Kijk na wat {lock} is, en haal het weg als het er niet hoort.",
            ) from None
        stale = True
    raise SessionLockedError(
        f"kan {what} niet vergrendelen: een ander proces neemt het slot telkens weer",
        hint="Probeer het zo dadelijk opnieuw.",
    )


def _create(lock: Path) -> bool:
    """Create `lock` with our line, all at once; False when it exists already."""
    import socket  # only here: listing and exporting need no network module

    line = json.dumps(
        {
            "pid": os.getpid(),
            "host": socket.gethostname(),
            "since": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        },
        ensure_ascii=False,
    )
    try:
        fd = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY, paths.PRIVATE_FILE)
    except FileExistsError:
        return False
    try:
        data = (line + "\n").encode("utf-8")
        if os.write(fd, data) != len(data):
            raise OSError(28, "de schijf is vol")  # a short write: as good as a full disk
    except BaseException:
        os.close(fd)
        with contextlib.suppress(OSError):
            lock.unlink()  # never leave an empty lock behind
        raise
    os.close(fd)
    return True


def _refuse_unless_stale(lock: Path, what: str) -> None:
    """Raise when the existing lock must be respected; return when it may be taken over."""
    import socket

    owner = read_owner(lock)
    if owner is None:
        age = _age(lock, None)
        if age is not None and age < UNREADABLE_GRACE:
            raise SessionLockedError(
                f"{what} wordt op dit moment vergrendeld door een ander proces "
                f"(het slot {lock.name} is nog onleesbaar)",
                hint="Probeer het over een minuut opnieuw.",
            )
        return  # unreadable and older than a minute: stale
    pid, host, since = owner
    if host and host != socket.gethostname():
        if _take_over_elsewhere:
            return
        age_text = age_in_words(_age(lock, since))
        raise LockedElsewhereError(
            f"{what} is vergrendeld op computer '{host}' sinds {age_text}: "
            "misschien staat het daar nog open",
            lock=lock,
            host=host,
            age=age_text,
        )
    if _pid_alive(pid):
        raise SessionLockedError(
            f"{what} is al open in een ander venster (proces {pid})",
            hint="Werk daar verder, of sluit dat venster eerst.",
        )


def _age(lock: Path, since: dt.datetime | None) -> dt.timedelta | None:
    now = dt.datetime.now(dt.timezone.utc)
    if since is None:
        try:
            since = dt.datetime.fromtimestamp(lock.lstat().st_mtime, dt.timezone.utc)
        except OSError:
            return None
    return max(now - since, dt.timedelta(0))


def age_in_words(age: dt.timedelta | None) -> str:
    """'5 minuten', '3 uur', '2 dagen': how long a lock has been there, in Dutch."""
    if age is None:
        return "onbekende tijd"
    minutes = int(age.total_seconds() // 60)
    if minutes < 1:
        return "minder dan een minuut"
    if minutes < 60:
        return "1 minuut" if minutes == 1 else f"{minutes} minuten"
    hours = minutes // 60
    if hours < 48:
        return f"{hours} uur"
    return f"{hours // 24} dagen"


def _pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False  # kill(0) or kill(-1) would ask about a whole group
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return pid < 2**31  # PermissionError: it lives; overflow: no such process
    return True


def read_owner(lock: Path) -> tuple[int, str, dt.datetime | None] | None:
    """(pid, host, since) of a lock, or None when it cannot be read (empty, garbage)."""
    # Not through a symbolic link, never waiting on a pipe: a lock is a small regular file.
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(lock, flags)
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                return None
            raw = os.read(fd, MAX_LOCK_BYTES + 1)
        finally:
            os.close(fd)
        if len(raw) > MAX_LOCK_BYTES:
            return None
        text = raw.decode("utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return None
    if text.startswith("{"):
        try:
            data = json.loads(text)
            pid, host = data["pid"], data["host"]
            since = dt.datetime.fromisoformat(data["since"]) if data.get("since") else None
        except (ValueError, KeyError, TypeError):
            return None
        if type(pid) is not int or not isinstance(host, str):
            return None
        if since is not None and since.tzinfo is None:
            since = since.replace(tzinfo=dt.timezone.utc)
        return pid, host, since
    pid_text, _, host = text.partition(" ")  # the format of older loopbaans
    try:
        return int(pid_text), host.strip(), None
    except ValueError:
        return None


__all__ = [
    "LockedElsewhereError",
    "age_in_words",
    "held_for_write",
    "hold",
    "locked",
    "read_owner",
    "release_reserved",
    "reserve",
    "take_over_elsewhere",
    "unreserve",
]
