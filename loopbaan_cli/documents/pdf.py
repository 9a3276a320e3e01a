"""`--format pdf`: every kind as a print-ready PDF (A4, the card A6), made with Typst.

The `typst` package carries the Typst compiler inside its wheel: no browser,
no system packages. The PDF is typeset from `templates/<stem>.typ.j2`, filled
in by Jinja with the same context as the md, txt and html templates (the same
sandbox and template folders, environment.py), so the content is the same.
Only the fonts inside Typst are used (Libertinus Serif), embedded in the PDF,
so a document looks the same on every computer; Dutch words are hyphenated.
Why Typst and not fpdf2: docs/sjablonen.md, "PDF: waarom Typst".

Every value a template inserts with `{{ }}` is escaped for Typst markup
(`escape`), so what people typed stays text: a `#`, `*` or `$` in an answer
cannot become Typst code. The templates therefore insert values in markup
(plain text or inside `[...]`), never inside a Typst string or code.

typst is an optional extra (`pip install 'loopbaan[pdf]'`); without it the
format says so in Dutch instead of failing on the import.
"""

from __future__ import annotations

import base64
import dataclasses
import re
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from loopbaan_cli.kernel.errors import ConfigError, LoopbaanError, Problem
from loopbaan_cli.kernel.shell import install_extra
from loopbaan_cli.kernel.text import caret_form, printable

if TYPE_CHECKING:
    from loopbaan_cli.documents.kinds import Request

# The templates' own format, made from the pdf format at hand: it names the
# templates (<stem>.typ.j2) and the compiled-template cache of environment.py.
SOURCE_NAME = "typ"

# what the user installs to get the format

# Characters with a meaning in Typst markup: # code, * _ ` emphasis and raw,
# $ maths, < > @ labels and references, [ ] { } content and code blocks,
# = - + / . headings, lists and enumerations at the start of a line, ~ a
# non-breaking space, : after a URL scheme, \ escapes. Quotes stay: in markup
# they are typographic quotes, nothing more.
_SPECIAL = re.compile(r"([\\#*_`$<>@\[\]{}=\-+/~.:])")

# the image types Typst can place, and the ending its file gets
LOGO_TYPES = {
    "image/png": ".png",
    "image/jpeg": ".jpg",
    "image/gif": ".gif",
    "image/svg+xml": ".svg",
    "image/webp": ".webp",
}
_DATA_URI = re.compile(r"^data:(?P<type>[\w.+/-]+);base64,(?P<data>[A-Za-z0-9+/=\s]+)$")


def escape(value: Any) -> str:
    """`value` as Typst markup that shows exactly this text; a line break stays one."""
    if value is None:
        return ""
    # printable first, as in every other format: no control character reaches Typst;
    # in caret notation ("^["), because the fonts inside Typst have no "␛"
    text = _SPECIAL.sub(r"\\\1", caret_form(printable(str(value))))
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return " \\\n".join(line.strip() for line in lines)


def typst_source(request: Request, context: dict[str, Any] | None = None) -> str:
    """The Typst source of the document: `<stem>.typ.j2` filled in with the kind's context."""
    from loopbaan_cli.documents.environment import environment, fill

    source = dataclasses.replace(request.fmt, name=SOURCE_NAME, suffix=".typ", autoescape=False)
    env, name = environment(request.kind.stem, source, None)
    env.finalize = escape  # before any template is compiled: it is part of the compiled code
    return fill(env, name, context or request.context(), None)


def make_pdf(request: Request) -> bytes:
    """The PDF of `request`'s kind, as bytes."""
    context = request.context()
    source = typst_source(request, context)
    return compile_source(source, logo_image(context), name=f"{request.kind.stem}.typ.j2")


def compile_source(
    source: str, logo: tuple[str, bytes] | None = None, *, name: str = "pdf"
) -> bytes:
    """Typeset Typst `source` into PDF bytes, in a folder of its own.

    Typst reads files only below its root: the root is an empty temporary
    folder that holds nothing but a copy of the logo, so a template cannot
    reach any other file. System fonts are ignored: the same PDF everywhere.
    """
    typst = _typst()
    with tempfile.TemporaryDirectory(prefix="loopbaan-pdf-") as root:
        inputs = {}
        if logo is not None:
            ending, image = logo
            (Path(root) / f"logo{ending}").write_bytes(image)
            inputs["logo"] = f"logo{ending}"
        try:
            made = typst.compile(
                source.encode("utf-8"),
                root=root,
                ignore_system_fonts=True,
                sys_inputs=inputs,
            )
        except typst.TypstError as exc:
            raise ConfigError(
                [Problem(name, 0, 0, f"Typst kon de pdf niet maken: {_first_line(exc)}")],
                hint=(
                    "Is het logo (organisation.logo in config.yaml) een geldige afbeelding? "
                    if logo is not None
                    else ""
                )
                + "Klopt je eigen .typ.j2-sjabloon? Zie docs/sjablonen.md.",
            ) from None
    if not isinstance(made, bytes):  # one document in, one PDF out
        raise TypeError(f"typst.compile returned {type(made).__name__}, not bytes")
    return made


def _typst() -> Any:
    try:
        import typst
    except ImportError:
        raise LoopbaanError(
            "pdf heeft een extra pakket nodig: typst",
            hint=f"Installeer het met: {install_extra('pdf')}. Of kies --format html en druk af als pdf.",
        ) from None
    return typst


def logo_image(context: dict[str, Any]) -> tuple[str, bytes] | None:
    """The organisation's logo (config.yaml) as (file ending, image), when Typst can place it.

    docx_blocks.py places it too (Word takes the same types but svg and webp).

    The caller read it already, as a data: URI (documents never read the disk).
    """
    organisation = context.get("organisation") or {}
    found = _DATA_URI.match(str(organisation.get("logo") or ""))
    if found is None or found["type"] not in LOGO_TYPES:
        return None
    try:
        return LOGO_TYPES[found["type"]], base64.b64decode(found["data"], validate=True)
    except ValueError:
        return None


def _first_line(exc: Exception) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
