"""The loaded banks kept between runs, like the compiled templates.

Loading means parsing every bank and catalogue and validating it with
pydantic and the checks: more than `banks list` or `show` cost otherwise. The
result is pickled in <home>/cache/banken/, under a key made of the program's
version (and Python's and pydantic's, and the size and mtime of the banks
room's code), the day (the facts' warnings depend on it) and every bank file's
path, size and mtime: an edited, added or removed file, or another release,
makes a new key, and the old entry is removed. The survey of `banks list`
and `banks validate` is plain data, kept with marshal beside the whole text
of that key (get_plain): reading it needs neither the hash nor pickle.

A cache that cannot be read or written is passed by: the banks are loaded
from their files as before. The folder is made when a conversation is first
saved (open_folder): until then, and in a read-only folder, nothing is cached. Only this user can write the folder (0700), and
only loopbaan writes in it, so unpickling it trusts no one else.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from loopbaan_cli import __version__
from loopbaan_cli.kernel import paths

if TYPE_CHECKING:
    from loopbaan_cli.banks.conditions import Condition

SUFFIX = ".pickle"
KEY_LENGTH = 32


def folder() -> Path:
    return paths.home() / "cache" / "banken"


def key(folders: list[Path], files: list[Path], today: dt.date) -> str:
    """A name for what loading `folders` (every YAML file below) and `files` would give today."""
    import hashlib

    text = key_text(folders, files, today)
    return hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()[:KEY_LENGTH]


def key_text(folders: list[Path], files: list[Path], today: dt.date) -> str:
    """What the key is made of, whole: the versions, the day, every file's path, size and mtime."""
    parts = [__version__, sys.version, _pydantic_stamp(), today.isoformat()]
    # and the code whose objects are pickled: a checkout between releases changes it too
    code = Path(__file__).parent
    found: list[Path] = [*code.glob("*.py"), code.parent / "kernel" / "yamlio.py", *files]
    for where in folders:
        if where.is_dir():
            found.extend(where.rglob("*.yaml"))
    for path in sorted(found):
        try:
            stat = path.stat()
            parts.append(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}")
        except OSError:
            parts.append(f"{path}\0weg")
    return "\n".join(parts)


def _pydantic_stamp() -> str:
    """Which pydantic is installed, without importing it (`banks list` does not need it).

    Another version rewrites pydantic's version.py: its size and mtime change.
    """
    import importlib.util

    with contextlib.suppress(ImportError, ValueError, OSError):
        spec = importlib.util.find_spec("pydantic")
        if spec is not None and spec.origin:
            stat = (Path(spec.origin).parent / "version.py").stat()
            return f"{spec.origin}\0{stat.st_size}\0{stat.st_mtime_ns}"
    return "pydantic?"


def open_folder() -> None:
    """Let later runs keep the banks: called when a conversation is saved.

    A refused or read-only command must add no file to the data folder, so
    the cache is only ever written into a folder that exists already.
    """
    with contextlib.suppress(OSError):
        paths.ensure_private_dir(folder())


def get(name: str) -> object | None:
    """What was put under `name`, or None (none yet, or not readable)."""
    import pickle  # not for the survey (get_plain): `banks list` does without

    try:
        data = (folder() / f"{name}{SUFFIX}").read_bytes()
        value: object = pickle.loads(data)  # our own private cache, see above
    except Exception:  # a damaged or foreign cache is only a miss
        return None
    return value


def put(name: str, value: object) -> None:
    """Keep `value` under `name` and remove older entries; nothing when the folder is read-only."""
    import pickle

    where = folder()
    if not where.is_dir():
        return  # made by a command that keeps something (open); a refused one adds no file
    try:
        buffer = io.BytesIO()
        _pickler(buffer).dump(value)
        _write(where, f"{name}{SUFFIX}", buffer.getvalue())
        # entries made under the same key (the library and its survey) stay
        family = name[:KEY_LENGTH]
        for old in where.glob(f"*{SUFFIX}"):
            if not old.name.startswith(family):
                with contextlib.suppress(OSError):
                    old.unlink()
    except (OSError, pickle.PicklingError, TypeError, AttributeError):
        pass


def _write(where: Path, name: str, data: bytes) -> None:
    """`data` as the file `name` in `where`, whole or not at all."""
    import tempfile  # only when writing: reading the cache is the usual case

    fd, tmp = tempfile.mkstemp(dir=where, prefix=".", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, where / name)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _pickler(buffer: io.BytesIO) -> Any:
    import pickle

    class Pickler(pickle.Pickler):
        def reducer_override(self, obj: Any) -> Any:
            # A `when` condition holds its compiled expression, a function: keep its source.
            if type(obj).__name__ == "Condition" and type(obj).__module__.endswith(".conditions"):
                return (LaterCondition, (obj.source,))
            return NotImplemented

    return Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)


# --- plain data, with its key written out ---------------------------------------------
# `banks list` and `banks validate` need a survey of plain data (dicts, lists,
# text, numbers). It is kept with marshal, beside the whole text of its key
# (key_text): a run that finds that text unchanged needs no hash, no pickle,
# no pydantic and no YAML; any other text is a miss. One such entry per name.

PLAIN_SUFFIX = ".marshal"


def get_plain(name: str, text: str) -> object | None:
    """What put_plain kept under `name` for this key text, or None (another text, or none)."""
    import marshal

    try:
        data = (folder() / f"{name}{PLAIN_SUFFIX}").read_bytes()
        kept, value = marshal.loads(data)  # our own private cache, as the pickles
    except Exception:  # a damaged or foreign cache is only a miss
        return None
    return value if kept == text else None


def put_plain(name: str, text: str, value: Any) -> None:
    """Keep plain `value` under `name` for this key text; nothing when the folder is read-only."""
    import marshal

    where = folder()
    if not where.is_dir():
        return  # made by a command that keeps something (open); a refused one adds no file
    with contextlib.suppress(OSError, ValueError):  # ValueError: not plain data
        _write(where, f"{name}{PLAIN_SUFFIX}", marshal.dumps((text, value)))


class LaterCondition:
    """A `when` condition from the cache, compiled (and jinja2 imported) when first used.

    `banks list` and `show` never evaluate one, and importing jinja2 costs them
    more than unpickling the whole library.
    """

    def __init__(self, source: str) -> None:
        self.source = source
        self._real: Condition | None = None

    def __reduce__(self) -> tuple[Any, tuple[str]]:
        return (LaterCondition, (self.source,))

    def _compiled(self) -> Condition:
        if self._real is None:
            from loopbaan_cli.banks.conditions import Condition

            self._real = Condition(self.source)
        return self._real

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__") or name == "_real":
            raise AttributeError(name)
        return getattr(self._compiled(), name)

    def __call__(self, context: dict[str, Any]) -> bool:
        return self._compiled()(context)
