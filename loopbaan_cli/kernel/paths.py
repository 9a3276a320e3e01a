"""Where loopbaan finds its built-in data and keeps the user's data."""

from __future__ import annotations

import errno
import os
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent.parent  # loopbaan_cli/, above kernel/
_home_override: Path | None = None

PRIVATE_DIR = 0o700
PRIVATE_FILE = 0o600


def set_home(path: Path | None) -> None:
    """The --home option: wins over $LOOPBAAN_HOME and the platform default."""
    global _home_override
    _home_override = path


def home() -> Path:
    if _home_override is not None:
        return _home_override.expanduser()
    env = os.environ.get("LOOPBAAN_HOME")
    if env:
        return Path(env).expanduser()
    import platformdirs  # only when needed: it is not free to import

    return Path(platformdirs.user_data_dir("loopbaan", appauthor=False))


def ensure_private_dir(path: Path) -> Path:
    """Create a folder (and its missing parents) readable only by the user.

    Parents that loopbaan creates (the data folder itself, say) are private
    too; folders that were already there are left as they are.
    """
    missing = []
    folder = path
    while not folder.exists() and folder.parent != folder:
        missing.append(folder)
        folder = folder.parent
    for new in reversed(missing):
        new.mkdir(mode=PRIVATE_DIR, exist_ok=True)
        _make_private(new)  # mkdir's mode passes through the umask
    if not path.is_dir():
        raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), str(path))
    _make_private(path)
    return path


def _make_private(folder: Path) -> None:
    """chmod 0700 on `folder` itself; a symbolic link is left alone.

    A `sessions/` that is a link to a folder elsewhere (an encrypted volume,
    say) is used, but its rights are its owner's business: chmod would follow
    the link and change a folder outside the data folder. O_NOFOLLOW makes the
    check and the change one step, so the link cannot be swapped in between.
    """
    flags = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0)
    nofollow = getattr(os, "O_NOFOLLOW", 0)
    if not nofollow:  # Windows: no links to speak of, and chmod only sets read-only
        if not folder.is_symlink():
            os.chmod(folder, PRIVATE_DIR)
        return
    try:
        fd = os.open(folder, flags | nofollow)
    except OSError as exc:
        if exc.errno in (errno.ELOOP, errno.ENOTDIR):  # a symbolic link: leave it
            return
        raise
    try:
        os.fchmod(fd, PRIVATE_DIR)
    finally:
        os.close(fd)


def sessions_dir() -> Path:
    return home() / "sessions"


def user_banks_dir() -> Path:
    return _inside_home(home() / "question_banks", "je eigen vragenbanken")


def user_templates_dir() -> Path:
    return _inside_home(home() / "templates", "je eigen sjablonen")


def _inside_home(folder: Path, what: str) -> Path:
    """`folder`, unless it is a link that leads out of the data folder: then a ConfigError.

    A link there would let a template include, or `init --force` overwrite,
    any file the user can reach (~/.ssh, /etc).
    """
    from loopbaan_cli.kernel.errors import ConfigError

    try:
        real, root = folder.resolve(), home().resolve()
    except (OSError, RuntimeError):  # a loop of links
        real, root = Path("/"), home()
    if real != root and not real.is_relative_to(root):
        raise ConfigError.single(
            str(folder),
            f"de map voor {what} is een link naar {real}, buiten de gegevensmap; "
            "loopbaan volgt die niet. Maak er een gewone map van (of haal de link weg)",
        )
    return folder


def _builtin(name: str) -> Path:
    # An installed wheel carries the data inside the package; a source checkout
    # or editable install keeps it beside the package.
    inside = _PACKAGE_DIR / name
    if inside.is_dir():
        return inside
    return _PACKAGE_DIR.parent / name


def builtin_banks_dir() -> Path:
    return _builtin("question_banks")


def builtin_templates_dir() -> Path:
    return _builtin("templates")
