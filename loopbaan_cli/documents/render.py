"""Turn a conversation into a document people keep.

`render(session, kind, fmt)` picks the template `<stem>.<fmt>.j2` for the kind
(see KIND_TEMPLATES), first in the user's own template folder
(`<home>/templates/`), then among the built-in templates, and renders it in a
sandboxed Jinja2 environment with StrictUndefined. Everything the user typed is
handed to the template as data; it is never itself read as a template.

The kinds: ``afspraken`` (the written agreement both sign), ``kaart`` (the plan
on a pocket card), ``uitnodiging`` (for the employee, before the conversation)
and ``voorbereiding`` (the manager's preparation). The formats: md, txt, html
(templates) and ics (a calendar made with the icalendar library, see
calendar_export; no template, the kind makes no difference).

The context every template gets (documented for users in docs/sjablonen.md):

``session``
    The Session as it was saved, read-only (see record.py), without any
    private note.
``employee`` / ``interviewer``
    The Employee (name, role, service_start, retirement_year) and the Person
    (name, role) who led the conversation.
``date``
    The date of the conversation (a date).
``phase``
    The life phase's title, or its id when no title was stored.
``purposes``
    The purposes' titles (ids where no title was stored), a list of str.
``sections``
    What was discussed: a list of ``{title, questions}`` in the order the
    sections were first answered; each of the questions is ``{question,
    answer, note}``. ``answer`` is formatted for people (Ja/Nee,
    comma-joined lists, Dutch dates); skipped and empty answers are left out,
    and ``note`` is "" when the note was private. Preparation answers are not
    part of it.
``conclusion``
    ``{id, title, text, referral}``, or None when no conclusion was recorded;
    ``referral`` is the career-guidance info given with a referral (or empty).
``agreements``
    A list of ``{number, action, action_id, what, owner, due, support,
    success}``; ``action`` is the catalogue title (or "Eigen actie"), ``due``
    a date or None.
``followups``
    A list of ``{date, what}``, in date order; ``what`` is "" when it was
    left at the default ("Opvolgmoment").
``next_conversation``
    A date or None.
``reachability``
    How and when the manager can be reached (str, may be empty).
``next_followup``
    The first follow-up on or after ``generated`` (``{date, what}``), or None.
``generated``
    The day the document is made (the ``today`` argument, default today).

Only for ``uitnodiging``: ``reflection``, the questions marked ``reflection:
true`` in the banks of this conversation (core, phase, purposes), as a list of
``{title, questions}`` with questions ``{key, question, type, choices}``.

Only for ``voorbereiding``: ``preparation``, the preparation bank's questions
as a list of ``{title, intro, questions}``; each question is ``{key, question,
type, answer, note, tip, choices, other, scale}`` with ``answer`` "" when
unanswered.

Filters: ``datum`` (a date in Dutch words), ``wrap(width, indent)`` (for txt),
``md`` (escape user text for Markdown), ``md_cel`` (a Markdown table cell),
``antwoord`` (format a raw answer value), ``kort(length)`` (shorten to one
line of at most `length` characters).
"""

from __future__ import annotations

import datetime as dt
import re
import textwrap
import traceback
from pathlib import Path
from typing import TYPE_CHECKING, Any

from loopbaan_cli.kernel import paths
from loopbaan_cli.kernel.errors import ConfigError, LoopbaanError, NotFoundError, Problem
from loopbaan_cli.kernel.record import Record
from loopbaan_cli.kernel.values import DEFAULT_FOLLOWUP, long_date

if TYPE_CHECKING:
    import jinja2

    from loopbaan_cli.banks.library import Library
    from loopbaan_cli.sessions.model import Session

# kind (as the user types it) -> template stem; a template is <stem>.<fmt>.j2
KIND_TEMPLATES: dict[str, str] = {
    "afspraken": "agreement",
    "kaart": "card",
    "uitnodiging": "invitation",
    "voorbereiding": "preparation",
}
# the formats made from a template; autoescaping is on only for those in AUTOESCAPE
TEMPLATE_FORMATS: tuple[str, ...] = ("md", "txt", "html")
# ics is made by calendar_export with the icalendar library, not from a template
FORMATS: tuple[str, ...] = (*TEMPLATE_FORMATS, "ics")
AUTOESCAPE: frozenset[str] = frozenset({"html"})


# what build_context() hands to every template, in the order documented above
CONTEXT_VARIABLES: tuple[str, ...] = (
    "session",
    "employee",
    "interviewer",
    "date",
    "phase",
    "purposes",
    "sections",
    "conclusion",
    "agreements",
    "followups",
    "next_conversation",
    "reachability",
    "next_followup",
    "generated",
    "previous",
)
# what some kinds get on top of CONTEXT_VARIABLES
KIND_VARIABLES: dict[str, tuple[str, ...]] = {
    "uitnodiging": ("reflection",),
    "voorbereiding": ("preparation",),
}

OWN_ACTION = "Eigen actie"
NO_SECTION = "Algemeen"


def render(
    session: Session | Record,
    kind: str = "afspraken",
    fmt: str = "md",
    *,
    template: Path | None = None,
    today: dt.date | None = None,
    library: Library | None = None,
) -> str:
    """Render `session` as a document of `kind` in format `fmt`.

    With `template`, that one file is used instead of the usual lookup.
    `library` (the question banks) is only needed for ``uitnodiging`` and
    ``voorbereiding``; it is loaded when not given.
    Raises LoopbaanError for an unknown kind or format, NotFoundError for a
    missing template, and ConfigError (naming file and line) for a template
    that is broken, uses an unknown variable or reaches past the sandbox.
    """
    stem = _template_stem(kind)
    _check_format(fmt)
    if fmt not in TEMPLATE_FORMATS:
        if template is not None:
            raise LoopbaanError(
                f"Het formaat {fmt} wordt niet met een sjabloon gemaakt.",
                hint="Laat --template weg, of kies " + ", ".join(TEMPLATE_FORMATS) + ".",
            )
        from loopbaan_cli.documents.ics import to_ics

        return to_ics(as_record(session))
    env, name = _environment(stem, fmt, template)
    context = build_context(session, today=today, kind=kind, library=library)

    import jinja2

    try:
        tmpl = env.get_template(name)
    except jinja2.TemplateNotFound as exc:
        raise NotFoundError(
            f"Sjabloon '{exc.name}' niet gevonden.",
            hint=f"Gezocht in: {', '.join(str(p) for p in _search_path(template))}",
        ) from None
    except jinja2.TemplateError as exc:
        raise _template_error(exc, name) from None
    except UnicodeDecodeError:
        raise ConfigError.single(
            name, "geen geldige UTF-8-tekst; bewaar het sjabloon als UTF-8"
        ) from None
    try:
        return tmpl.render(context)
    except Exception as exc:  # UndefinedError, SecurityError, but also 1/0 in a template
        raise _template_error(exc, tmpl.filename or name, tuple(context)) from None


# --- choosing the template ----------------------------------------------------


def _template_stem(kind: str) -> str:
    try:
        return KIND_TEMPLATES[kind]
    except KeyError:
        valid = ", ".join(KIND_TEMPLATES)
        raise LoopbaanError(f"Onbekende soort document '{kind}'. Kies uit: {valid}.") from None


def _check_format(fmt: str) -> None:
    if fmt not in FORMATS:
        raise LoopbaanError(f"Onbekend formaat '{fmt}'. Kies uit: {', '.join(FORMATS)}.")


def _search_path(template: Path | None) -> list[Path]:
    dirs = [paths.user_templates_dir(), paths.builtin_templates_dir()]
    if template is not None:
        dirs.insert(0, template.expanduser().resolve().parent)
    return dirs


def first_name(name: str) -> str:
    """'Sofie Maes' -> 'Sofie', for a greeting; a single name stays whole."""
    parts = str(name).split()
    return parts[0] if parts else ""


def _bytecode_cache(fmt: str) -> jinja2.BytecodeCache | None:
    """Compiled templates kept between runs: compiling costs more than the rest of an export.

    Jinja keys the cache on the template's path and a checksum of its source, so
    an edited template is compiled again. One folder per format, because the
    format decides autoescaping, which changes the compiled code.
    """
    import jinja2

    from loopbaan_cli.kernel import paths

    try:
        folder = paths.ensure_private_dir(paths.home() / "cache" / "sjablonen" / fmt)
    except OSError:
        return None  # a read-only data folder: render without the cache
    return jinja2.FileSystemBytecodeCache(str(folder))


def _environment(stem: str, fmt: str, template: Path | None) -> tuple[jinja2.Environment, str]:
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
        name = f"{stem}.{fmt}.j2"
    # The user's folder comes before the built-in one, so a file there with the
    # same name replaces the built-in template (also for {% include %}).
    loader = jinja2.FileSystemLoader([str(p) for p in _search_path(template)])
    env = ImmutableSandboxedEnvironment(
        loader=loader,
        undefined=jinja2.StrictUndefined,
        autoescape=fmt in AUTOESCAPE,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
        bytecode_cache=_bytecode_cache(fmt) if template is None else None,
    )
    env.filters.update(
        datum=datum,
        wrap=wrap,
        md=md,
        md_cel=md_cell,
        antwoord=format_answer,
        kort=shorten,
        voornaam=first_name,
    )
    return env, name


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


def _template_error(
    exc: Exception, name: str, variables: tuple[str, ...] = CONTEXT_VARIABLES
) -> ConfigError:
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


# --- the context ---------------------------------------------------------------


def as_record(session: Session | Record) -> Record:
    """Documents are made from the data as saved; a model is dumped to it first."""
    return session if isinstance(session, Record) else Record(session.model_dump())


def _without_private_notes(session: Record) -> Record:
    """The session in which no private note survives."""

    def clean(records: Record) -> dict[str, Record]:
        return {
            key: Record({**rec, "note": ""}) if rec.private else rec for key, rec in records.items()
        }

    return Record(
        {**session, "answers": clean(session.answers), "preparation": clean(session.preparation)}
    )


def _summary(answers: Record) -> list[dict[str, Any]]:
    groups: dict[str, list[dict[str, str]]] = {}
    for rec in answers.values():
        if rec.skipped:
            continue
        answer = format_answer(rec.value)
        if not answer:
            continue
        if rec.scale is not None and isinstance(rec.value, int):
            answer = _on_scale(rec.value, rec.scale)
        note = "" if rec.private else rec.note.strip()
        title = rec.section.strip() or NO_SECTION
        groups.setdefault(title, []).append(
            {"question": rec.question, "answer": answer, "note": note}
        )
    return [{"title": title, "questions": items} for title, items in groups.items()]


def build_context(
    session: Session | Record,
    *,
    today: dt.date | None = None,
    kind: str = "afspraken",
    library: Library | None = None,
) -> dict[str, Any]:
    """Everything a template of `kind` can use; see the module docstring."""
    session = as_record(session)
    safe = _without_private_notes(session)
    generated = today or dt.date.today()
    titles = list(safe.purpose_titles)
    purposes = [
        (titles[i] if i < len(titles) and titles[i].strip() else pid)
        for i, pid in enumerate(safe.purposes)
    ]
    conclusion = None
    if safe.conclusion is not None:
        conclusion = {
            "id": safe.conclusion.id,
            "title": safe.conclusion.title.strip() or safe.conclusion.id,
            "text": safe.conclusion.text.strip(),
            "referral": safe.conclusion.referral_info.strip(),
        }
    agreements = [
        {
            "number": n,
            "action": a.action_title.strip() or a.action or OWN_ACTION,
            "action_id": a.action,
            "what": a.what,
            "owner": a.owner.strip(),
            "due": a.due,
            "support": a.support.strip(),
            "success": a.success.strip(),
        }
        for n, a in enumerate(safe.agreements, start=1)
    ]
    # "Opvolgmoment", the default, says nothing next to "follow-up moments:"
    followups: list[dict[str, Any]] = [
        {"date": f.date, "what": "" if f.what.strip() == DEFAULT_FOLLOWUP else f.what.strip()}
        for f in sorted(safe.followups, key=lambda f: f.date)
    ]
    context: dict[str, Any] = {
        "session": safe,
        "employee": safe.employee,
        "interviewer": safe.interviewer,
        "date": safe.date,
        "phase": safe.phase_title.strip() or safe.phase,
        "purposes": purposes,
        "sections": _summary(safe.answers),
        "conclusion": conclusion,
        "agreements": agreements,
        "followups": followups,
        "next_conversation": safe.next_conversation,
        "reachability": safe.reachability.strip(),
        "next_followup": next((f for f in followups if f["date"] >= generated), None),
        "generated": generated,
        "previous": _previous(session) if kind == "afspraken" else [],
    }
    if kind in KIND_VARIABLES:
        if library is None:
            from loopbaan_cli.banks.library import load_library

            library = load_library()
        if kind == "uitnodiging":
            context["reflection"] = _reflection(library, safe)
        elif kind == "voorbereiding":
            context["preparation"] = _preparation(library, safe)
    return context


def _previous(session: Record) -> list[dict[str, Any]]:
    """The employee's earlier conversations and how their agreements went."""
    from loopbaan_cli.cycle.history import previous_agreements

    return previous_agreements(session)


def _reflection(library: Library, session: Record) -> list[dict[str, Any]]:
    """The questions the employee can think about beforehand, grouped by section.

    Every question marked `reflection: true` in the conversation banks of this
    phase and these purposes, also one with a `when` condition: before the
    conversation nobody knows yet whether it will come up.
    """
    from loopbaan_cli.banks.plan import build

    groups: list[dict[str, Any]] = []
    for item in build(library, session.phase, list(session.purposes)):
        q = item.question
        if not q.reflection:
            continue
        entry = {"key": item.key, "question": q.text, "type": q.type, "choices": list(q.choices)}
        if groups and groups[-1]["title"] == item.section.title:
            groups[-1]["questions"].append(entry)
        else:
            groups.append({"title": item.section.title, "questions": [entry]})
    return groups


def _unanswered(record: Record | None) -> bool:
    return record is None or record.skipped or not format_answer(record.value)


def _preparation(library: Library, session: Record) -> list[dict[str, Any]]:
    """The preparation bank's questions with what was answered so far.

    A question with a `when` condition is left out only when the answers it
    depends on are known and say it does not apply; on a blank sheet every
    question is there, so it can be filled in on paper.
    """
    from loopbaan_cli.banks.conditions import GLOBAL_NAMES
    from loopbaan_cli.banks.plan import Applicability, build
    from loopbaan_cli.sessions.answers import answer_values

    plan = build(library, session.phase, list(session.purposes), kind="preparation")
    records = session.preparation
    check = Applicability(plan, answer_values(records), session.phase, list(session.purposes))
    groups: list[dict[str, Any]] = []
    seen: set[str] = set()

    def add(title: str, intro: str, key: str, entry: dict[str, Any]) -> None:
        seen.add(key)
        if groups and groups[-1]["title"] == title:
            groups[-1]["questions"].append(entry)
        else:
            groups.append({"title": title, "intro": intro, "questions": [entry]})

    for item in plan:
        q, rec = item.question, records.get(item.key)
        condition = item.bank.conditions.get(q.id)
        if condition is not None and _unanswered(rec):
            bank_id = item.bank.bank.id
            keys = {f"{bank_id}.{n}" for n in condition.names() - GLOBAL_NAMES}
            keys |= condition.answer_keys()
            undecided = any(_unanswered(records.get(k)) for k in keys)
            if not undecided and not check.applies(item):
                seen.add(item.key)
                continue
        scale = q.scale_or_default if q.type == "scale" else None
        add(
            item.section.title,
            item.section.intro.strip(),
            item.key,
            {
                "key": item.key,
                "question": rec.question if rec is not None else q.text,
                "type": q.type,
                "answer": "" if rec is None or rec.skipped else format_answer(rec.value),
                "note": "" if rec is None or rec.private else rec.note.strip(),
                "tip": q.tip.strip(),
                "choices": list(q.choices),
                "other": q.other,
                "scale": scale.model_dump() if scale is not None else None,
            },
        )
    # answers to questions the banks no longer hold: what was written stays
    for key, rec in records.items():
        if key in seen or rec.skipped or not format_answer(rec.value):
            continue
        add(
            rec.section.strip() or NO_SECTION,
            "",
            key,
            {
                "key": key,
                "question": rec.question,
                "type": rec.type,
                "answer": format_answer(rec.value),
                "note": "" if rec.private else rec.note.strip(),
                "tip": "",
                "choices": [],
                "other": False,
                "scale": None,
            },
        )
    return groups


# --- filters ---------------------------------------------------------------------


def datum(value: Any, weekday: bool = False) -> str:
    """A date as Dutch words: 22 november 2026 (or zondag 22 november 2026)."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value)
        except ValueError:
            return str(value)
    if not isinstance(value, dt.date):
        return str(value)
    return long_date(value, weekday=weekday)


def _number(value: float) -> str:
    if value == int(value):
        return str(int(value))
    return f"{value:g}".replace(".", ",")


def _on_scale(value: int, scale: Record) -> str:
    """'4 op 5' reads on paper; a bare '4' does not say how high it could go."""
    if scale.min == 1:
        return f"{value} op {scale.max}"
    return f"{value} (op een schaal van {scale.min} tot {scale.max})"


def format_answer(value: Any) -> str:
    """An answer as a person reads it; "" for nothing (None, empty)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Ja" if value else "Nee"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return _number(value)
    if isinstance(value, dt.date):
        return datum(value)
    if isinstance(value, (list, tuple)):
        return ", ".join(s for s in (format_answer(v) for v in value) if s)
    return str(value).strip()


_LIST_ITEM = re.compile(r"^(\s*(?:[-*+•]|\d+[.)])\s+)")


def wrap(value: Any, width: int = 78, indent: int = 0) -> str:
    """Wrap text so each line fits in `width` columns, with a hanging indent.

    The first line is assumed to start at column `indent` already (after a
    label, say); the following lines get `indent` spaces. Line breaks the user
    typed are kept; blank lines between paragraphs stay one blank line; list
    items ("- ...", "1. ...") wrap under their own text.
    """
    text = format_answer(value)
    room = max(width - indent, 10)
    pad = " " * indent
    out: list[str] = []
    for raw in text.splitlines():
        line = raw.rstrip()
        if not line.strip():
            if out and out[-1] != "":
                out.append("")
            continue
        bullet = _LIST_ITEM.match(line)
        hang = " " * len(bullet.group(1)) if bullet else ""
        out.extend(
            textwrap.wrap(
                line,
                width=room,
                subsequent_indent=hang,
                break_long_words=True,
                break_on_hyphens=False,
            )
        )
    while out and out[-1] == "":
        out.pop()
    return "\n".join((pad + ln) if (i and ln) else ln for i, ln in enumerate(out))


_MD_INLINE = re.compile(r"([\\`*\[\]<$])|(?<!\w)_|_(?!\w)")
_MD_LINE_START = re.compile(r"^(\s*)([#>=]|-{3,}\s*$|\+(?!\s))")
_MD_BULLET = re.compile(r"^(\s*)[-*+•]\s+")


def md(value: Any) -> str:
    """User text made safe for Markdown: it reads as the user typed it.

    Emphasis, code, links, HTML, TeX math ($) and headings are escaped; list
    items the user typed ("- ..." or "1. ...") stay list items.
    """
    lines = []
    for line in format_answer(value).splitlines():
        bullet = _MD_BULLET.match(line)
        prefix = ""
        if bullet:
            prefix = bullet.group(1) + "- "
            line = line[bullet.end() :]
        line = _MD_INLINE.sub(lambda m: "\\" + m.group(0), line)
        line = _MD_LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), line)
        lines.append((prefix + line).rstrip())
    return "\n".join(lines)


def shorten(value: Any, length: int = 80) -> str:
    """Text on one line of at most `length` characters, cut at a word with "…"."""
    text = " ".join(format_answer(value).split())
    if len(text) <= length:
        return text
    room = max(length - 1, 1)
    cut = text[:room]
    if text[room] != " " and " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:.-") + "…"


def md_cell(value: Any, empty: str = "—") -> str:
    """A value for one Markdown table cell: escaped, with | and line breaks made safe."""
    text = md(value).strip()
    if not text:
        return empty
    text = text.replace("|", "\\|")
    # <br> breaks the line on GitHub; pandoc drops it, and the space keeps words apart
    return re.sub(r"\s*\n\s*", "<br> ", text)
