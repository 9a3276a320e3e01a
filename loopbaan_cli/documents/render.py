"""Turn a conversation into a document people keep: the one entry point.

`render(session, kind, fmt, ...)` looks the kind and the format up in the
registries (kinds.py) and lets the format make the document: md, txt and html
from the template `<stem>.<fmt>.j2` in the Jinja sandbox (environment.py,
with the context of context.py), ics with the icalendar library (ics.py).

Rendering is pure: it never reads the store or the question banks. What a
document shows beyond the session itself comes from the caller:

- `previous`, the earlier conversations with this employee and how their
  agreements went (cycle/history.py), shown only by the kinds that show them
  (the agreement); without it that part stays empty;
- `library`, the question banks, needed only by the kinds with extra
  variables (the invitation and the preparation sheet).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from loopbaan_cli.documents.context import Paper, as_record
from loopbaan_cli.documents.kinds import (
    DEFAULT_FORMAT,
    DEFAULT_KIND,
    FORMATS,
    Format,
    Request,
    format_named,
    kind_named,
    template_ending,
)
from loopbaan_cli.kernel.errors import LoopbaanError

if TYPE_CHECKING:
    from loopbaan_cli.banks.library import Library
    from loopbaan_cli.kernel.record import Record
    from loopbaan_cli.sessions.model import Session


def render(
    session: Session | Record,
    kind: str = DEFAULT_KIND,
    fmt: str = DEFAULT_FORMAT,
    *,
    library: Library | None = None,
    previous: Sequence[Mapping[str, Any]] = (),
    today: dt.date | None = None,
    template: Path | None = None,
    paper: Paper | None = None,
) -> str | bytes:
    """Render `session` as a document of `kind` in format `fmt`: text, or bytes (pdf, docx).

    `library` must be given for a kind that needs the question banks
    (Kind.needs_library); `previous` is what cycle.history says about the
    earlier conversations, default none. `today` is the day the document is
    made (default today). With `template`, that one file is used instead of
    the usual lookup. `paper`: the annex, the organisation and the
    retention (documents/context.py Paper); default none of them.
    Raises LoopbaanError for an unknown kind or format, NotFoundError for a
    missing template, and ConfigError (naming file and line) for a template
    that is broken, uses an unknown variable or reaches past the sandbox.
    """
    chosen = kind_named(kind)
    form = format_named(fmt)
    if template is not None:
        check_template(template, form)
    return form.make(
        Request(as_record(session), chosen, form, library, previous, today, template, paper)
    )


def check_template(template: Path, form: Format) -> None:
    """Refuse, in Dutch, a --template the format cannot take or a template of another format.

    docx is written by python-docx, not from a template. A pdf is typeset from a
    Typst template (.typ.j2): an html or md template would only give Typst
    errors, so the ending that says so is refused up front.
    """
    takers = [f for f in FORMATS.values() if f.takes_template]
    choices = ", ".join(f"{f.name} ({template_ending(f)})" for f in takers)
    if not form.takes_template:
        raise LoopbaanError(
            f"--template werkt niet voor {form.name}: loopbaan maakt dat bestand zelf, "
            "zonder sjabloon",
            hint=f"Laat --template weg, of kies een formaat met sjabloon: {choices}.",
        )
    name = template.name.lower()
    for other in takers:
        ending = template_ending(other)
        if other is not form and name.endswith(ending) and ending != template_ending(form):
            raise LoopbaanError(
                f"{template} is een sjabloon voor {other.name} ({ending}), niet voor {form.name}",
                hint=f"Een sjabloon voor {form.name} eindigt op {template_ending(form)}; "
                f"of kies --format {other.name}.",
            )
