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

import re
import traceback
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


def _bytecode_cache(fmt: Format) -> jinja2.BytecodeCache | None:
    """Compiled templates kept between runs: compiling costs more than the rest of an export.

    Jinja keys the cache on the template's path and a checksum of its source, so
    an edited template is compiled again. One folder per format, because the
    format decides autoescaping, which changes the compiled code.
    """
    import jinja2

    try:
        folder = paths.ensure_private_dir(paths.home() / "cache" / "sjablonen" / fmt.name)
    except OSError:
        return None  # a read-only data folder: render without the cache
    # The finalize step (filters.shown) is compiled into the code too: the "v2"
    # leaves templates compiled by a release without it behind.
    return jinja2.FileSystemBytecodeCache(str(folder), pattern="__jinja2_v2_%s.cache")


def environment(stem: str, fmt: Format, template: Path | None) -> tuple[jinja2.Environment, str]:
    """The sandbox for documents in `fmt`, and the name of the template to render in it.

    The name is `<stem>.<fmt>.j2`, or the file name of `template` when one is given.
    """
    import jinja2
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    if template is not None:
        file = template.expanduser().resolve()
        if not file.is_file():
            raise NotFoundError(f"Sjabloon '{template}' niet gevonden.")
        from loopbaan_cli.kernel.yamlio import read_text

        read_text(file)  # too big, binary or not UTF-8: a clear ConfigError
        name = file.name
    else:
        name = f"{stem}.{fmt.name}.j2"
    # The user's folder comes before the built-in one, so a file there with the
    # same name replaces the built-in template (also for {% include %}).
    loader = jinja2.FileSystemLoader([str(p) for p in search_path(template)])
    env = ImmutableSandboxedEnvironment(
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
        return tmpl.render(context)
    except Exception as exc:  # UndefinedError, SecurityError, but also 1/0 in a template
        raise template_error(exc, tmpl.filename or name, tuple(context)) from None


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
