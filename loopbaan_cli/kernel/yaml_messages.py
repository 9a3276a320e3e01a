"""YAML's and pydantic's complaints as Dutch messages a bank writer can act on.

yamlio.py reads the files and keeps the positions; this module only words
what went wrong: a table of libyaml/PyYAML phrases (both loaders say it
differently), a closer look when a ':' is refused because of the
indentation, and pydantic's error types per field.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from loopbaan_cli.kernel.errors import Problem

if TYPE_CHECKING:
    import yaml
    from pydantic import BaseModel, ValidationError

    from loopbaan_cli.kernel.yamlio import Loc, Marks

# No loopbaan file nests deeper than a handful of levels. Far deeper nesting
# ("[[[[..." a few tens of thousands deep) would crash libyaml's composer with
# a segmentation fault, so it is refused before composing.
MAX_DEPTH = 100

_YAML_HINTS = {
    # pyyaml says "... here", libyaml (the C loader) "... in this context"
    "mapping values are not allowed": (
        "hier mag geen ':' staan; zet tekst met een dubbelpunt tussen aanhalingstekens"
    ),
    "found character '\\t' that cannot start any token": (
        "een tab is niet toegestaan in YAML; spring in met spaties"
    ),
    "found a tab character": "een tab is niet toegestaan in YAML; spring in met spaties",
    "could not find expected ':'": "hier ontbreekt een ':' na de sleutel",
    "did not find expected '-' indicator": (
        "de inspringing klopt niet (te veel of te weinig spaties)"
    ),
    "expected <block end>, but found": "de inspringing klopt niet (te veel of te weinig spaties)",
    "did not find expected key": "de inspringing klopt niet (te veel of te weinig spaties)",
    "found character that cannot start any token": (
        "dit teken mag hier niet staan: spring in met spaties, niet met een tab; "
        "begint de tekst met @ of `, zet ze dan tussen aanhalingstekens"
    ),
    "found undefined alias": "YAML-verwijzingen (ankers en aliassen) worden niet ondersteund",
    "found unexpected end of stream": "het bestand stopt midden in een waarde (ontbreekt er een aanhalingsteken?)",
    "found unknown escape character": "onbekende escape-code met '\\' tussen dubbele aanhalingstekens",
    "could not determine a constructor for the tag": (
        "YAML-tags zoals !!python/... worden niet ondersteund; schrijf gewone tekst"
    ),
    "but found another document": "hier begint een tweede document (---); één per bestand",
    # libyaml 0.2.6 (PyYAML 6.0.3 and later) stops deep nesting itself
    "exceeded maximum nesting depth": f"te diep genest (meer dan {MAX_DEPTH} niveaus)",
    "control characters are not allowed": (
        "hier staat een onzichtbaar stuurteken (bv. uit een gekopieerde tekst); haal het weg"
    ),
    # the rest of what PyYAML and libyaml can say: never their English to the user
    "escape": "onbekende escape-code met '\\' tussen dubbele aanhalingstekens",
    "expected hexdecimal number": "onbekende escape-code met '\\' tussen dubbele aanhalingstekens",
    "expected ',' or ']'": "hier ontbreekt een ',' of een sluitend ']'",
    "expected ',' or '}'": "hier ontbreekt een ',' of een sluitend '}'",
    "second occurrence": "YAML-verwijzingen (ankers en aliassen) worden niet ondersteund",
    "anchor": "YAML-verwijzingen (ankers en aliassen) worden niet ondersteund",
    "alphabetic or numeric character": (
        "na & of * volgt een naam: YAML-verwijzingen worden niet ondersteund; "
        "zet tekst die zo begint tussen aanhalingstekens"
    ),
    "directive": "een regel die met % begint (een YAML-richtlijn) wordt niet ondersteund",
    "incompatible YAML document": (
        "een regel die met % begint (een YAML-richtlijn) wordt niet ondersteund"
    ),
    "indentation indicator": "na | of > mag alleen + of - of een cijfer van 1 tot 9 staan",
    "chomping": "na | of > mag alleen + of - of een cijfer van 1 tot 9 staan",
    "comment or line break": "na dit teken hoort de regel te stoppen (of een # met commentaar)",
    "unhashable key": "een sleutel moet gewone tekst zijn, geen lijst of reeks sleutels",
    "node content": "hier ontbreekt een waarde",
    "tag": "YAML-tags (iets dat met ! begint) worden niet ondersteund; schrijf gewone tekst",
    "unacceptable character": (
        "hier staat een teken dat YAML niet toelaat (bv. een onzichtbaar stuurteken); haal het weg"
    ),
}
# What no entry above knows: still Dutch, and pointing at the usual suspects.
_UNKNOWN = "dit deel kan niet gelezen worden; kijk aanhalingstekens, haakjes en inspringing na"


def yaml_message(exc: yaml.YAMLError, text: str = "") -> str:
    problem = getattr(exc, "problem", None) or str(exc)
    if "mapping values are not allowed" in problem:
        indented = _indented_differently(text, getattr(exc, "problem_mark", None))
        if indented:
            return f"ongeldige YAML: {indented}"
    for needle, dutch in _YAML_HINTS.items():
        if needle in problem:
            return f"ongeldige YAML: {dutch}"
    return f"ongeldige YAML: {_UNKNOWN}"


_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")  # what YAML counts as a new line
_KEY_LINE = re.compile(r"^[ -]*([\w.-]+):(?:[ ]|$)")  # indentation, "- " markers, a plain key


def _content_column(line: str) -> int:
    """Where the text of a line starts, after its indentation and any "- " list markers."""
    return len(line) - len(line.lstrip(" -"))


def _indented_differently(text: str, mark: Any) -> str | None:
    """Why a ':' is refused when the real cause is the indentation of its line.

    "mapping values are not allowed" is what YAML says about `tip: ...`
    indented one space deeper than the `text: ...` above it (it reads the line
    as more of that text); "put text with a colon in quotes" would mislead.
    It is the indentation when the ':' ends a plain key at the start of its line
    and the nearest key above starts in another column.
    """
    if not text or mark is None:
        return None
    lines = _LINE_BREAK.split(text)
    if mark.line >= len(lines):
        return None
    line = lines[mark.line]
    key = _KEY_LINE.match(line)
    if key is None or key.end(1) != mark.column:
        return None  # the ':' comes after other text on the line: a colon in text
    column = _content_column(line)
    for number in range(mark.line - 1, -1, -1):
        above = _KEY_LINE.match(lines[number])
        if above is None:
            continue  # a blank line, a comment, more of a long text
        other = _content_column(lines[number])
        if other == column:
            return None
        spaces = abs(column - other)
        how = "verder" if column > other else "minder ver"
        return (
            f"deze regel springt {spaces} {'spatie' if spaces == 1 else 'spaties'} {how} in "
            f"dan regel {number + 1} erboven ('{above[1]}'); zet sleutels die bij elkaar "
            "horen even ver in"
        )
    return None


def error_position(exc: yaml.MarkedYAMLError) -> tuple[int, int]:
    """1-based line and column of a YAML error (0, 0 when unknown)."""
    mark = exc.problem_mark or exc.context_mark
    if (
        exc.context_mark is not None
        and "quoted scalar" in (exc.context or "")
        and "end of stream" in (exc.problem or "")
    ):
        # An unclosed quote is only noticed at the end of the file: point at where it opened.
        mark = exc.context_mark
    return (mark.line + 1, mark.column + 1) if mark else (0, 0)


def validation_problems(
    exc: ValidationError, model: type[BaseModel], marks: Marks, name: str, prefix: Loc = ()
) -> list[Problem]:
    """Turn pydantic's errors into Dutch file:line:column problems.

    A value that may take several forms (a date, or a mapping with a date)
    fails once per form; the user gets one line for it, not one per form.
    """
    grouped: dict[Loc, list[Any]] = {}
    for err in exc.errors():
        grouped.setdefault(_data_loc(tuple(err["loc"]), marks, prefix, err["type"]), []).append(err)
    problems = []
    for loc, errs in grouped.items():
        line, col = marks.at((*prefix, *loc))
        if len(errs) == 1:
            message = describe_error({**errs[0], "loc": loc}, model)
        else:
            field = next((str(p) for p in reversed(loc) if isinstance(p, str)), "de waarde")
            forms = sorted(
                {_form(str(e["loc"][len(loc)])) for e in errs if len(e["loc"]) > len(loc)}
            )
            message = f"'{field}' heeft niet de juiste vorm; verwacht: {' of '.join(forms) or 'iets anders'}"
        problems.append(Problem(name, line, col, message))
    return problems


_FORMS = {
    "str": "tekst",
    "int": "een geheel getal",
    "float": "een getal",
    "bool": "true of false",
    "date": "een datum (JJJJ-MM-DD)",
    "datetime": "een datum en tijd",
    "list[str]": "een lijst",
}


def _form(tag: str) -> str:
    if tag in _FORMS:
        return _FORMS[tag]
    return "een reeks sleutels (sleutel: waarde)" if tag[:1].isupper() else "iets anders"


def _data_loc(loc: Loc, marks: Marks, prefix: Loc, kind: str) -> Loc:
    """The path in the file, without pydantic's names for the forms of a union."""
    kept: list[str | int] = []
    for index, part in enumerate(loc):
        last = index == len(loc) - 1
        if (
            isinstance(part, int)
            or (*prefix, *kept, part) in marks.positions
            or (last and kind in ("missing", "extra_forbidden"))
        ):
            kept.append(part)
    return tuple(kept)


def describe_error(err: Any, model: type[BaseModel]) -> str:
    loc = tuple(err["loc"])
    kind = err["type"]
    field = next((str(p) for p in reversed(loc) if isinstance(p, str)), "")
    value = err.get("input")
    if kind == "missing":
        return f"'{field}' ontbreekt"
    if kind == "extra_forbidden":
        return _unknown_key(field, loc[:-1], model)
    if kind == "string_pattern_mismatch":
        return (
            f"'{value}' is geen geldige {field}: gebruik kleine letters, cijfers, _ en -, "
            "zonder spaties of accenten"
        )
    if kind == "string_too_short":
        return f"'{field}' mag niet leeg zijn"
    ctx = err.get("ctx") or {}
    if kind == "string_too_long":
        return f"'{field}' is te lang (hoogstens {ctx.get('max_length')} tekens)"
    if kind == "too_long":
        return f"'{field}' heeft te veel elementen (hoogstens {ctx.get('max_length')})"
    if kind == "too_short":
        return f"'{field}' heeft te weinig elementen (minstens {ctx.get('min_length')})"
    bound = {
        "greater_than": "groter dan",
        "greater_than_equal": "minstens",
        "less_than": "kleiner dan",
        "less_than_equal": "hoogstens",
    }.get(kind)
    if bound is not None:
        limit = next(iter(ctx.values()), "?")
        return f"'{field}' moet {bound} {limit} zijn"
    if kind == "literal_error":
        return f"'{value}' is geen geldige waarde voor '{field}'; kies uit {_choices(err)}"
    if kind == "value_error":
        return str(err["msg"]).removeprefix("Value error, ")
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return f"'{field or 'het bestand'}' moet een reeks sleutels zijn (sleutel: waarde)"
    if kind == "list_type":
        return f"'{field}' moet een lijst zijn (regels die met '- ' beginnen)"
    if kind in ("string_type",):
        return f"'{field}' moet tekst zijn"
    if kind.startswith("bool"):
        return f"'{field}' moet true of false zijn"
    if kind.startswith("int") or kind.startswith("float"):
        return f"'{field}' moet een getal zijn"
    if kind.startswith("date"):
        return f"'{field}' moet een datum zijn (JJJJ-MM-DD)"
    return f"'{field}': {err['msg']}"


def _choices(err: Any) -> str:
    """pydantic's "'text', 'choice' or 'number'" as "'text', 'choice' of 'number'"."""
    expected = str(err.get("ctx", {}).get("expected", ""))
    head, sep, last = expected.rpartition(" or ")
    return f"{head} of {last}" if sep else expected


def _unknown_key(key: str, parent: Loc, model: type[BaseModel]) -> str:
    import difflib

    allowed = _fields_at(model, parent)
    close = difflib.get_close_matches(key, allowed, n=1)
    if close:
        return f"onbekende sleutel '{key}'; bedoelde je '{close[0]}'?"
    if allowed:
        return f"onbekende sleutel '{key}'; toegelaten: {', '.join(allowed)}"
    return f"onbekende sleutel '{key}'"


def _fields_at(model: type[BaseModel], loc: Loc) -> list[str]:
    """The field names allowed at `loc` inside `model` (best effort)."""
    from typing import get_args

    from pydantic import BaseModel

    current: Any = model
    for part in loc:
        if isinstance(part, int) or not (
            isinstance(current, type) and issubclass(current, BaseModel)
        ):
            continue
        info = current.model_fields.get(part)
        if info is None:
            return []
        current = _model_in(info.annotation, get_args, BaseModel)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


def _model_in(annotation: Any, get_args: Any, base: type) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, base):
        return annotation
    for arg in get_args(annotation):
        found = _model_in(arg, get_args, base)
        if found is not None:
            return found
    return None
