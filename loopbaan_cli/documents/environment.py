"""The Jinja policy for documents: where templates come from, the sandbox, errors in Dutch.

Named once here, like the `when` sandbox in banks/conditions.py, so every
document is rendered under the same rules:

- templates are looked up first in the user's own folder (`<home>/templates/`),
  then among the built-in ones; with `--template FILE`, next to that file first;
- an immutable sandbox with StrictUndefined: a template cannot reach Python's
  insides, cannot change the data, and an unknown variable is an error, not
  an empty spot;
- everything the user typed is data handed to the template, never a template;
- a broken template, an unknown variable or a sandbox refusal becomes a
  ConfigError naming the template's file and line, in Dutch.

jinja2 is imported inside the functions: it costs more to import than the
rest of an export, and `loopbaan --help` needs none of it.
"""

from __future__ import annotations

import contextlib
import re
import traceback
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from loopbaan_cli.documents.context import CONTEXT_VARIABLES
from loopbaan_cli.documents.filters import FILTERS, shown
from loopbaan_cli.documents.plain import AGREEMENT, FOLLOWUP, INVITATION, plain_privacy
from loopbaan_cli.kernel import paths
from loopbaan_cli.kernel.errors import ConfigError, NotFoundError, Problem

if TYPE_CHECKING:
    import jinja2

    from loopbaan_cli.documents.kinds import Format


def search_path(template: Path | None) -> list[Path]:
    """The template folders, in the order they are searched."""
    dirs = [paths.user_templates_dir(), paths.builtin_templates_dir()]
    if template is not None:
        dirs.insert(0, template.expanduser().resolve().parent)
    return dirs


# Bounds on own templates (docs/sjablonen.md): a template is a page of text, a
# document a few pages; a loop that runs for minutes or a document of gigabytes
# is a mistake in a template, stopped with a message.
MAX_TEMPLATE_BYTES = 256 * 1024
MAX_OUTPUT_CHARS = 20 * 1024 * 1024
MAX_RENDER_SECONDS = 20.0
COMPILED = "begrensd3"


def _bytecode_cache(fmt: Format) -> jinja2.BytecodeCache | None:
    """Compiled templates kept between runs: compiling costs more than the rest of an export.

    Jinja keys the cache on the template's path and a checksum of its source, so
    an edited template is compiled again. One folder per format, because the
    format decides autoescaping, which changes the compiled code. The cache only
    saves time: a folder that cannot be made or written (read-only, a full disk)
    means rendering without it, never a failed export.
    """
    try:
        # COMPILED names the sandbox's compiled form: code cached by a loopbaan
        # without the bounds on * and **, or without the finalize step that makes
        # every {{ }} printable (filters.shown), must not be reused.
        folder = paths.home() / "cache" / "sjablonen" / f"{fmt.name}-{COMPILED}"
        folder = paths.ensure_private_dir(folder)
    except OSError:
        return None  # a read-only data folder: render without the cache
    return _cache_class()(str(folder))


@cache
def _cache_class() -> type[jinja2.FileSystemBytecodeCache]:
    import jinja2

    class QuietCache(jinja2.FileSystemBytecodeCache):
        def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
            with contextlib.suppress(OSError, EOFError, ValueError):
                super().load_bytecode(bucket)

        def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
            with contextlib.suppress(OSError):
                super().dump_bytecode(bucket)

    return QuietCache


@cache
def _loader_class() -> Callable[[list[Path]], jinja2.BaseLoader]:
    import jinja2
    from jinja2.exceptions import SecurityError
    from jinja2.loaders import split_template_path

    class FolderLoader(jinja2.BaseLoader):
        """Jinja's FileSystemLoader, but a template must really be inside its folder.

        A symbolic link in a templates folder that points outside it (to
        ~/.ssh, /etc) is refused, and so is a template over MAX_TEMPLATE_BYTES.
        """

        def __init__(self, folders: list[Path]) -> None:
            self.folders = folders

        def get_source(
            self, environment: jinja2.Environment, template: str
        ) -> tuple[str, str, Callable[[], bool]]:
            from loopbaan_cli.kernel.yamlio import read_text

            pieces = split_template_path(template)  # refuses '..'
            for folder in self.folders:
                file = folder.joinpath(*pieces)
                if not file.is_file():
                    continue
                real, root = file.resolve(), folder.resolve()
                if not real.is_relative_to(root):
                    raise SecurityError(
                        f"'{template}' wijst naar een bestand buiten de sjabloonmap {folder}"
                    )
                source = read_text(real, limit=MAX_TEMPLATE_BYTES)  # binary, UTF-16, too big
                mtime = real.stat().st_mtime

                def uptodate(real: Path = real, mtime: float = mtime) -> bool:
                    try:
                        return real.stat().st_mtime == mtime
                    except OSError:
                        return False

                return source, str(file), uptodate
            raise jinja2.TemplateNotFound(template)

    return FolderLoader


@cache
def _sandbox_class() -> type[jinja2.sandbox.ImmutableSandboxedEnvironment]:
    from jinja2.exceptions import SecurityError
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    class BoundedSandbox(ImmutableSandboxedEnvironment):
        """The sandbox, and `'x' * 10**10` or `9 ** 9 ** 9` refused before they take the memory."""

        intercepted_binops = frozenset({"*", "**", "%"})

        def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
            # 'x'.ljust(10**9): a text method that takes a size (other calls take values)
            sized = getattr(__obj, "__name__", "") in _SIZED_METHODS
            if (
                sized
                and isinstance(getattr(__obj, "__self__", None), str)
                and any(_too_large(v) for v in (*args, *kwargs.values()))
            ):
                raise SecurityError(
                    "een te groot getal als maat (tekst van meer dan 20 miljoen tekens)"
                )
            return super().call(__context, __obj, *args, **kwargs)

        def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
            # '{:>999999999}'.format(1): Jinja wraps str.format when it is looked up
            wrapped = super().wrap_str_format(value)
            if wrapped is not None and _huge_format(value.__self__):

                def refused(*args: Any, **kwargs: Any) -> str:
                    raise SecurityError("een te grote breedte in een opmaak")

                return refused
            return wrapped

        def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
            if operator == "%" and _huge_format(left):  # '%999999999d' % 1, '%*d' % (10**9, 1)
                raise SecurityError("een te grote breedte in een opmaak")
            if operator == "**" and _is_number(left) and _is_number(right):
                digits = abs(right) * max(len(str(int(abs(left)))), 1)
                if abs(right) > 1000 or digits > 100_000:
                    raise SecurityError(f"machtsverheffing {left} ** {right} is te groot")
            if operator == "*":
                for many, times in ((left, right), (right, left)):
                    sized = hasattr(many, "__len__") and isinstance(times, int)
                    if sized and len(many) * times > MAX_OUTPUT_CHARS:
                        raise SecurityError("deze vermenigvuldiging maakt een te grote tekst")
            return super().call_binop(context, operator, left, right)

    return BoundedSandbox


# A width of 8 digits or more in a format, '%99999999s' or '{:>99999999}' (a phone
# number in the text around it is no width), or one given as an argument: '%*s'.
_HUGE_WIDTH = re.compile(r"%[-+ #0]*(?:\d{8,}|\*)|\{[^{}]*:[^{}]*\d{8,}[^{}]*\}")
_SIZED_METHODS = frozenset({"ljust", "rjust", "center", "zfill", "expandtabs"})


def _too_large(value: Any) -> bool:
    """A size (a number, or a tuple of them for '%*s') that would make a text too long."""
    if isinstance(value, tuple):
        return any(_too_large(item) for item in value)
    return _is_number(value) and abs(value) > MAX_OUTPUT_CHARS


def _huge_format(value: Any) -> bool:
    return isinstance(value, str) and bool(_HUGE_WIDTH.search(value))


def _bounded_filter(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    """A built-in filter that takes a size (center, indent, format, batch, slice), refusing a
    huge one. The filtered value itself is not looked at: an answer is text, not a size."""
    import functools

    from jinja2.exceptions import SecurityError

    # jinja_pass_arg (kept by functools.wraps): the context or environment comes first
    value_at = 1 if getattr(function, "jinja_pass_arg", None) else 0

    @functools.wraps(function)
    def bounded(*args: Any, **kwargs: Any) -> Any:
        if name == "format":  # its arguments are values; the format holds the widths
            refused = _huge_format(args[value_at] if args else None)
        else:
            refused = any(_too_large(size) for size in (*args[value_at + 1 :], *kwargs.values()))
        if refused:
            raise SecurityError(
                "een te groot getal als maat (tekst van meer dan 20 miljoen tekens)"
            )
        return function(*args, **kwargs)

    return bounded


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def environment(stem: str, fmt: Format, template: Path | None) -> tuple[jinja2.Environment, str]:
    """The sandbox for documents in `fmt`, and the name of the template to render in it.

    The name is `<stem>.<fmt>.j2`, or the file name of `template` when one is given.
    """
    import jinja2

    if template is not None:
        file = template.expanduser().resolve()
        if not file.is_file():
            raise NotFoundError(f"Sjabloon '{template}' niet gevonden.")
        from loopbaan_cli.kernel.yamlio import read_text

        read_text(file, limit=MAX_TEMPLATE_BYTES)  # too big, binary or not UTF-8: a ConfigError
        name = file.name
    else:
        name = f"{stem}.{fmt.name}.j2"
    # The user's folder comes before the built-in one, so a file there with the
    # same name replaces the built-in template (also for {% include %}).
    loader = _loader_class()(search_path(template))
    env = _sandbox_class()(
        loader=loader,
        undefined=jinja2.StrictUndefined,
        autoescape=fmt.autoescape,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
        bytecode_cache=_bytecode_cache(fmt) if template is None else None,
        finalize=shown,  # no control sequence or bidi override reaches a document
    )
    # wordwrap and truncate make nothing longer than what they get: no bound needed
    for sized in ("center", "indent", "format", "batch", "slice"):
        env.filters[sized] = _bounded_filter(sized, env.filters[sized])
    env.filters.update(FILTERS)
    # plain wording (session.plain), shared with the Word writers: documents/plain.py
    env.globals["plain_words"] = {
        "invitation": INVITATION,
        "agreement": AGREEMENT,
        "followup": FOLLOWUP,
        "privacy": plain_privacy,
    }
    return env, name


def fill(env: jinja2.Environment, name: str, context: dict[str, Any], template: Path | None) -> str:
    """Render the template `name` with `context`; every failure as a Dutch ConfigError."""
    import jinja2

    try:
        tmpl = env.get_template(name)
    except jinja2.TemplateNotFound as exc:
        raise NotFoundError(
            f"Sjabloon '{exc.name}' niet gevonden.",
            hint=f"Gezocht in: {', '.join(str(p) for p in search_path(template))}",
        ) from None
    except jinja2.TemplateError as exc:
        raise template_error(exc, name) from None
    except UnicodeDecodeError:
        raise ConfigError.single(
            name, "geen geldige UTF-8-tekst; bewaar het sjabloon als UTF-8"
        ) from None
    try:
        with _time_limit(MAX_RENDER_SECONDS):
            return _bounded(tmpl.generate(context))
    except _TooLong as exc:
        raise ConfigError(
            [Problem(tmpl.filename or name, 0, 0, str(exc))],
            hint="Kijk de lussen in het sjabloon na (docs/sjablonen.md).",
        ) from None
    except Exception as exc:  # UndefinedError, SecurityError, but also 1/0 in a template
        raise template_error(exc, tmpl.filename or name, tuple(context)) from None


class _TooLong(Exception):
    """Rendering went past MAX_OUTPUT_CHARS or MAX_RENDER_SECONDS."""


def _bounded(parts: Iterator[str]) -> str:
    """The rendered text, stopped once it passes MAX_OUTPUT_CHARS."""
    chunks, size = [], 0
    for part in parts:
        size += len(part)
        if size > MAX_OUTPUT_CHARS:
            raise _TooLong(
                f"het document wordt te groot (meer dan {MAX_OUTPUT_CHARS // (1024 * 1024)} "
                "miljoen tekens)"
            )
        chunks.append(part)
    return "".join(chunks)


@contextlib.contextmanager
def _time_limit(seconds: float) -> Iterator[None]:
    """Stop rendering after `seconds` (a loop without output never returns otherwise).

    With a timer signal, so only in the main thread of a system that has one
    (not Windows); elsewhere the output bound is the only one.
    """
    import signal
    import threading

    if (
        not hasattr(signal, "setitimer")
        or threading.current_thread() is not threading.main_thread()
    ):
        yield
        return

    def stop(signum: int, frame: object) -> None:
        raise _TooLong(f"het invullen van het sjabloon duurt langer dan {seconds:g} seconden")

    if signal.getitimer(signal.ITIMER_REAL)[0]:
        yield  # someone else's timer runs (a test runner's timeout): leave it be
        return
    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds, 0.1)  # again and again, should one be swallowed
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


_JINJA_MESSAGES = (
    (re.compile(r"^'(?P<a>[^']+)' is undefined$"), "'{a}' bestaat niet"),
    (
        re.compile(r"^'(?P<a>.+?)' has no attribute '(?P<b>[^']+)'$"),
        "een {a}-object heeft geen eigenschap '{b}'",
    ),
    (
        re.compile(r"^access to attribute '(?P<a>[^']+)' of '(?P<b>[^']+)' object is unsafe\.?$"),
        "'{a}' van een {b}-object is afgeschermd",
    ),
)


def _dutch(detail: str) -> str:
    """Jinja's most common messages in Dutch; others as Jinja words them."""
    for pattern, text in _JINJA_MESSAGES:
        m = pattern.match(detail)
        if m:
            # "loopbaan_cli.banks.model.Employee object" -> "Employee"
            parts = {
                k: v.rsplit(".", 1)[-1].removesuffix(" object") for k, v in m.groupdict().items()
            }
            if parts.get("a") == "Record":  # saved data (record.py) has no type name to show
                return f"'{parts['b']}' bestaat niet"
            return text.format(**parts)
    return detail


def template_error(
    exc: Exception, name: str, variables: tuple[str, ...] = CONTEXT_VARIABLES
) -> ConfigError:
    """`exc` from Jinja as a ConfigError at the template's file and line."""
    import jinja2
    from jinja2.exceptions import SecurityError

    file = getattr(exc, "filename", None) or name
    line = getattr(exc, "lineno", None) or 0
    if not line:
        # Runtime errors: Jinja rewrites the traceback so template frames
        # carry the template's file name and line.
        for frame in reversed(traceback.extract_tb(exc.__traceback__)):
            if frame.filename.endswith(".j2") or frame.filename == name:
                file, line = frame.filename, frame.lineno or 0
                break
    detail = _dutch(getattr(exc, "message", None) or str(exc))
    if isinstance(exc, SecurityError):
        message = f"niet toegestaan in een sjabloon: {detail}"
    elif isinstance(exc, jinja2.UndefinedError):
        message = f"onbekende variabele of eigenschap: {detail}"
    elif isinstance(exc, jinja2.TemplateSyntaxError):
        message = f"fout in de sjabloonsyntaxis: {detail}"
    elif isinstance(exc, jinja2.TemplateNotFound):  # {% include %} of a file that is not there
        message = f"sjabloon '{exc.name}' niet gevonden (alleen sjablonen uit de sjabloonmappen)"
    else:
        message = f"het sjabloon kon niet worden ingevuld: {detail}"
    return ConfigError(
        [Problem(str(file), line, 0, message)],
        hint=(
            "Beschikbare variabelen: " + ", ".join(variables) + ". "
            "Meer uitleg in docs/sjablonen.md."
        ),
    )
