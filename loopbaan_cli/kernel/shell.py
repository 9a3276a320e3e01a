"""Commands as the user can paste them back into the same shell.

Every hint loopbaan prints ("Verder met: loopbaan resume ...") must work when
pasted. After the README's install, `loopbaan` may live only in `.venv/bin`,
so a bare `loopbaan` would be "command not found": the hint then names the
program the way it was started (`.venv/bin/loopbaan`, or `python -m
loopbaan_cli`).
"""

from __future__ import annotations

import os
import shlex
import shutil
import sys
from functools import cache

from loopbaan_cli.kernel.text import NOT_PRINTABLE

NAME = "loopbaan"


@cache
def program() -> tuple[str, ...]:
    """The words that start this loopbaan again from the user's shell."""
    started_as = sys.argv[0] if sys.argv else ""
    if os.path.basename(started_as) == "__main__.py":  # python -m loopbaan_cli
        return (sys.executable, "-m", "loopbaan_cli")
    if os.path.basename(started_as) != NAME:
        return (NAME,)  # embedded (tests, another program): the name is all we know
    on_path = shutil.which(NAME)
    if on_path and os.path.realpath(on_path) == os.path.realpath(started_as):
        return (NAME,)
    return (started_as,)  # as typed: the same shell in the same folder finds it again


def install_extra(extra: str) -> str:
    """The command that installs an optional extra into the Python running loopbaan.

    loopbaan is installed from its folder, not from a package index, so
    "pip install 'loopbaan[pdf]'" would find nothing: this installs what the
    extra holds (read from the installed metadata, so the version ranges of
    pyproject.toml are the only ones) into the same environment.
    """
    from importlib import metadata

    markers = (f'extra == "{extra}"', f"extra == '{extra}'")  # the quotes vary by backend
    try:
        wanted = [
            r.split(";")[0].strip()
            for r in metadata.requires(NAME) or ()
            if any(m in r for m in markers)
        ]
    except metadata.PackageNotFoundError:
        wanted = []
    words = (sys.executable, "-m", "pip", "install", *(wanted or [f".[{extra}]"]))
    return " ".join(shlex.quote(w) for w in words)


def command_for(*words: str) -> str:
    """`loopbaan WORDS...` quoted for a POSIX shell, started the way this run was."""
    return " ".join((_quoted(program()), *(quote(w) for w in words)))


@cache
def _quoted(words: tuple[str, ...]) -> str:  # an agenda of 20,000 rows quotes it once
    return " ".join(quote(w) for w in words)


def quote(word: str) -> str:
    """`word` for the shell, as shlex.quote; with control or invisible characters as $'...'.

    A name with an ESC or a zero-width space in it must neither reach the
    terminal raw nor lose the character (the pasted command would then name
    someone else): bash and zsh read `$'So\\u200bfie'` back as exactly that name.
    """
    if NOT_PRINTABLE.search(word) is None:
        return shlex.quote(word)
    return "$'" + "".join(_ansi_c(char) for char in word) + "'"


def _ansi_c(char: str) -> str:
    if char in "\\'":
        return "\\" + char
    code = ord(char)
    if NOT_PRINTABLE.match(char) is None and char not in "\t\n":
        return char
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was no UTF-8 (surrogateescape): that byte
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x80 else f"\\u{code:04x}"
