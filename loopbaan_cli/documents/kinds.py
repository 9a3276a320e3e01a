"""What `loopbaan export` can make: the kinds of document and the formats, as registries.

A kind is what the document is for (the agreement both sign, the pocket card,
...); a format is how it is written (md, txt, html from a template; ics made
by ics.py; pdf and docx, as bytes, by pdf.py and docx.py). The built-ins are registered below through the same
`register_kind` / `register_format` any new one would use, and everything
else follows from these tables: the `--kind` and `--format` help, the file
names, the check of a file's ending, and tests/test_registries.py, which
asks every kind for its templates, its docs row and its golden files.

Adding a kind: one `register_kind(Kind(...))` below, plus
templates/<stem>.{md,txt,html}.j2, a row in docs/sjablonen.md and the golden
files; the registry test names whatever is missing.

Kind names are Dutch because people type them (`--kind kaart`); the stems are
the English names of the template files.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from loopbaan_cli.documents import followup, sheets
from loopbaan_cli.documents.context import CONTEXT_VARIABLES, Paper
from loopbaan_cli.kernel.errors import LoopbaanError

if TYPE_CHECKING:
    from loopbaan_cli.banks.library import Library
    from loopbaan_cli.kernel.record import Record

# what a kind adds to the context: variable name -> how it is made from the banks
ExtraContext = tuple[tuple[str, Callable[["Library", "Record"], Any]], ...]
# what a kind adds that the session alone makes: no banks to load
SessionContext = tuple[tuple[str, Callable[["Record"], Any]], ...]


@dataclass(frozen=True)
class Kind:
    """One kind of document (`--kind`)."""

    name: str  # as the user types it: afspraken
    stem: str  # templates/<stem>.<fmt>.j2 and tests/golden/<stem>.<fmt>
    help: str  # Dutch, for --kind: who it is for
    width: int = 78  # the longest line of its txt document (A4 at 10 pt)
    lines: int | None = None  # the most lines of its txt document, when it must fit a card
    extra: ExtraContext = ()  # variables only this kind gets (they need the question banks)
    extra_optional: bool = False  # without the banks its extra variables are "" (the card's goal)
    shows_previous: bool = False  # whether `previous` (earlier conversations) is filled in
    from_session: SessionContext = ()  # variables only this kind gets, from the session alone

    @property
    def variables(self) -> tuple[str, ...]:
        """Every variable its templates get, in order."""
        own = [name for name, _ in self.from_session] + [name for name, _ in self.extra]
        return CONTEXT_VARIABLES + tuple(own)

    @property
    def needs_library(self) -> bool:
        return bool(self.extra)


@dataclass(frozen=True)
class Request:
    """Everything one document is made from; the caller gathered it, nothing is read here."""

    session: Record
    kind: Kind
    fmt: Format
    library: Library | None
    previous: Sequence[Mapping[str, Any]]
    today: dt.date | None
    template: Path | None
    paper: Paper | None = None  # the annex, the organisation, the retention (context.py)

    def context(self) -> dict[str, Any]:
        """What a template (or any maker that shows the same content) gets to see."""
        from loopbaan_cli.documents.context import build_context

        return build_context(
            self.session,
            self.kind,
            library=self.library,
            previous=self.previous,
            today=self.today,
            paper=self.paper,
        )


def from_template(request: Request) -> str:
    """Make the document from `<stem>.<fmt>.j2` (or the given template file)."""
    # jinja2 only when a document is made: the registry is read by --help too
    from loopbaan_cli.documents.environment import environment, fill

    env, name = environment(request.kind.stem, request.fmt, request.template)
    return fill(env, name, request.context(), request.template)


def calendar(request: Request) -> str:
    """The calendar holds the same events whatever the kind (see ics.py)."""
    from loopbaan_cli.documents.ics import to_ics

    return to_ics(request.session)


@dataclass(frozen=True)
class Format:
    """One format (`--format`), also the file ending that picks it."""

    name: str  # as the user types it: html
    suffix: str  # the file ending it writes: .html
    help: str  # Dutch, for --format
    make: Callable[[Request], str | bytes] = from_template
    autoescape: bool = False  # html: everything inserted is escaped
    binary: bool = False  # make gives bytes (pdf, docx): for a file or a pipe, not a terminal
    endings: tuple[str, ...] = ()  # other file endings people use for it: htm
    # The kind makes no difference to this format: the file is called this
    # instead of after the kind, and `about` says what it always holds.
    document: str | None = None
    about: str = ""
    # A binary format typeset from a template of another language (pdf: Typst,
    # <stem>.typ.j2): --template takes such a file. None: no template at all (docx).
    template_language: str | None = None

    @property
    def templated(self) -> bool:
        """Made from a template in its own format (md, txt, html)."""
        return self.make is from_template

    @property
    def takes_template(self) -> bool:
        """Whether --template FILE applies to it."""
        return self.templated or self.template_language is not None


KINDS: dict[str, Kind] = {}
FORMATS: dict[str, Format] = {}
DEFAULT_KIND = "afspraken"
DEFAULT_FORMAT = "md"


def register_kind(kind: Kind) -> Kind:
    """Add a kind; the built-ins below are added this way too."""
    if kind.name in KINDS:
        raise ValueError(f"kind {kind.name!r} is registered twice")
    KINDS[kind.name] = kind
    return kind


def register_format(fmt: Format) -> Format:
    """Add a format; the built-ins below are added this way too."""
    if fmt.name in FORMATS:
        raise ValueError(f"format {fmt.name!r} is registered twice")
    FORMATS[fmt.name] = fmt
    return fmt


register_kind(Kind("afspraken", "agreement", "het blad dat jullie tekenen", shows_previous=True))
# The card runs as long as its agreements need (never cut); "Mijn doel" needs the banks.
register_kind(
    Kind(
        "kaart",
        "card",
        "het plan op een zakkaart",
        width=60,
        extra=(("goal", sheets.goal),),
        extra_optional=True,
    )
)
register_kind(
    Kind(
        "uitnodiging",
        "invitation",
        "voor de medewerker, vóór het gesprek",
        extra=(("reflection", sheets.reflection),),
    )
)
register_kind(
    Kind(
        "voorbereiding",
        "preparation",
        "jouw voorbereiding",
        extra=(("preparation", sheets.preparation),),
    )
)

register_kind(
    Kind(
        "opvolging",
        "followup",
        "voor de medewerker, na een opvolging: hoe elke afspraak loopt",
        from_session=(("checkin", followup.latest_checkin),),
    )
)

register_format(Format("md", ".md", "Markdown, om verder te bewerken", endings=("markdown",)))
register_format(Format("txt", ".txt", "platte tekst", endings=("text",)))
register_format(
    Format("html", ".html", "om af te drukken: A4, de kaart A6", autoescape=True, endings=("htm",))
)
register_format(
    Format(
        "ics",
        ".ics",
        "agenda voor Outlook of Google Agenda",
        make=calendar,
        document="agenda",
        about="de agenda bevat altijd de opvolgmomenten, de data van de afspraken en het "
        "volgende gesprek",
    )
)


def _pdf(request: Request) -> bytes:
    from loopbaan_cli.documents.pdf import make_pdf  # typst, an optional extra

    return make_pdf(request)


def _docx(request: Request) -> bytes:
    from loopbaan_cli.documents.docx import make_docx  # python-docx, an optional extra

    return make_docx(request)


# Binary formats: made by a maker from the same context, not by a --template.
register_format(
    Format(
        "pdf",
        ".pdf",
        "om af te drukken zonder browser; extra pakket loopbaan[pdf]",
        make=_pdf,
        binary=True,
        template_language="typ",
    )
)
register_format(
    Format(
        "docx",
        ".docx",
        "om in Word te bewerken; extra pakket loopbaan[docx]",
        make=_docx,
        binary=True,
    )
)


def kind_named(name: str) -> Kind:
    try:
        return KINDS[name]
    except KeyError:
        valid = ", ".join(KINDS)
        raise LoopbaanError(f"Onbekende soort document '{name}'. Kies uit: {valid}.") from None


def format_named(name: str) -> Format:
    try:
        return FORMATS[name]
    except KeyError:
        valid = ", ".join(FORMATS)
        raise LoopbaanError(f"Onbekend formaat '{name}'. Kies uit: {valid}.") from None


def format_for_ending(ending: str) -> Format | None:
    """The format a file ending (with or without the dot, any case) stands for; None if none."""
    ending = ending.lower().lstrip(".")
    for fmt in FORMATS.values():
        if ending == fmt.suffix.lstrip(".") or ending in fmt.endings:
            return fmt
    return None


def template_formats() -> tuple[Format, ...]:
    """The formats made from a template, in registry order."""
    return tuple(f for f in FORMATS.values() if f.templated)


def template_ending(fmt: Format) -> str:
    """How a template file for `fmt` ends: .html.j2, and for pdf .typ.j2."""
    return f".{fmt.template_language or fmt.name}.j2"


def _spoken_list(items: Sequence[str]) -> str:
    """'a, b of c': how a Dutch sentence lists the choices."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " of " + items[-1]


def kind_help() -> str:
    """The help of `--kind`, in Dutch, from the registries."""
    text = "Wat je maakt: " + _spoken_list([f"{k.name} ({k.help})" for k in KINDS.values()]) + "."
    for fmt in FORMATS.values():
        if fmt.document is not None:
            text += f" Bij --format {fmt.name} maakt dit niet uit: {fmt.about}."
    return text


def format_help() -> str:
    """The help of `--format`, in Dutch, from the registry."""
    listed = _spoken_list([f"{f.name} ({f.help})" for f in FORMATS.values()])
    return f"{listed}. Standaard: de extensie van -o, anders {DEFAULT_FORMAT}."
