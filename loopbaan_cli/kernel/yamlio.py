"""Read YAML safely, remembering where every value stood in the file.

Every error a user can make in a YAML file must come back as file:line:column,
so we keep the position of each mapping value and list item (its "path")
while loading. Anchors and aliases are refused: no bank needs them, and
refusing them makes an alias bomb harmless. The wording of YAML's and
pydantic's errors in Dutch lives in yaml_messages.py.
"""

from __future__ import annotations

import functools
import os
import re
import stat
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from loopbaan_cli.kernel.errors import ConfigError, Problem, reason
from loopbaan_cli.kernel.yaml_messages import (
    MAX_DEPTH,
    error_position,
    validation_problems,
    yaml_message,
)

if TYPE_CHECKING:
    import yaml
    from pydantic import BaseModel


class _NoAliases:
    """Write the same date twice rather than as an anchor and an alias (&id001 / *id001)."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


@functools.cache
def _classes() -> tuple[Any, Any]:
    """PyYAML's C loader and our dumper, made on first use.

    Importing PyYAML costs ~10 ms; a listing answered from the index reads no YAML.
    """
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    dumper = type("Dumper", (_NoAliases, getattr(yaml, "CSafeDumper", yaml.SafeDumper)), {})
    return loader, dumper


def __getattr__(name: str) -> Any:  # yamlio.Loader and yamlio.Dumper, as before
    if name in ("Loader", "Dumper"):
        return _classes()[name == "Dumper"]
    raise AttributeError(name)


MAX_BYTES = 2 * 1024 * 1024  # a bank of 5,000 questions is well under 2 MB
# The longest text one answer, note or summary may hold, derived from what the
# reader accepts: a character can take up to 10 bytes in a saved file (an emoji
# is written as an escape, \U0001F600), so one text at this limit fills at most
# half a file. Checked when typed, in --answers files, and the whole file again
# before a save (store.save), so nothing is kept that cannot be read back.
MAX_TEXT_CHARS = MAX_BYTES // 20

Loc = tuple[str | int, ...]
M = TypeVar("M", bound="BaseModel")


class Marks:
    """1-based (line, column) of each path in a loaded document."""

    def __init__(self) -> None:
        self.positions: dict[Loc, tuple[int, int]] = {}

    def at(self, loc: Sequence[str | int]) -> tuple[int, int]:
        """Position of the deepest part of `loc` that exists in the file."""
        path = tuple(loc)
        while path:
            if path in self.positions:
                return self.positions[path]
            path = path[:-1]
        return self.positions.get((), (1, 1))


def read_text(path: Path, limit: int = MAX_BYTES) -> str:
    """The file as text, or a ConfigError that says what is wrong with it.

    Only a regular file is read, and never more than `limit` bytes: a device
    (/dev/zero), a pipe nobody writes to or a file that grows while it is read
    gets a message instead of a hang or a full memory.
    """
    return decode(read_bytes(path, limit), str(path))


def read_bytes(path: Path, limit: int = MAX_BYTES) -> bytes:
    """The file's bytes, with the guards of read_text (a regular file, at most `limit`)."""
    name = str(path)
    try:
        with open(path, "rb", opener=_open_without_waiting) as handle:
            info = os.fstat(handle.fileno())
            if stat.S_ISDIR(info.st_mode):
                raise IsADirectoryError
            if not stat.S_ISREG(info.st_mode):
                raise ConfigError.single(
                    name, "dit is geen gewoon bestand (maar een apparaat, pijp of socket)"
                )
            if info.st_size > limit:
                raise ConfigError.single(name, _too_big(info.st_size, limit))
            # As much as stat says (a buffer of `limit` for every read costs time),
            # then the rest, bounded, should it have grown meanwhile.
            raw = handle.read(info.st_size + 1)
            if len(raw) > info.st_size:
                raw += handle.read(max(limit + 1 - len(raw), 0))
    except FileNotFoundError:
        raise ConfigError.single(name, "bestand bestaat niet") from None
    except IsADirectoryError:
        raise ConfigError.single(name, "dit is een map, geen bestand") from None
    except OSError as exc:
        raise ConfigError.single(name, f"kan het bestand niet lezen: {reason(exc)}") from None
    if len(raw) > limit:  # it grew while it was read
        raise ConfigError.single(name, _too_big(len(raw), limit))
    return raw


def _too_big(size: int, limit: int) -> str:
    return f"bestand is te groot ({size // 1024} KB; hoogstens {limit // 1024} KB)"


def _open_without_waiting(file: str, flags: int) -> int:
    # O_NONBLOCK: opening a FIFO nobody writes to would wait forever; a regular
    # file reads the same with or without it.
    return os.open(file, flags | getattr(os, "O_NONBLOCK", 0))


def decode(raw: bytes, name: str) -> str:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):  # the byte order mark of UTF-16 (or UTF-32)
        raise ConfigError.single(name, "dit bestand is bewaard als UTF-16; bewaar het als UTF-8")
    if b"\x00" in raw:
        raise ConfigError.single(name, "dit is geen tekstbestand (het bevat binaire gegevens)")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise ConfigError(
            [Problem(name, line, column, "geen geldige UTF-8-tekst; bewaar het bestand als UTF-8")]
        ) from None


_LINE_START = re.compile(r"^[ \t?:-]*", re.MULTILINE)  # indentation and block indicators
# Fewer brackets than this and no line indented this far: the bound below stays
# within MAX_DEPTH (50 + 2 * 24 + 2), found with one search instead of a walk.
_SAFE_BRACKETS = MAX_DEPTH // 2
_SAFE_INDENT = (MAX_DEPTH - _SAFE_BRACKETS - 2) // 2 + 1
_DEEP_INDENT = re.compile(rf"\n[ \t?:-]{{{_SAFE_INDENT},}}")


def _too_deep(text: str, name: str) -> Problem | None:
    """A problem when the document nests deeper than MAX_DEPTH."""
    import yaml

    # An upper bound first, cheap enough for every file: each level takes a
    # bracket, or indentation or a "- " at the start of its line.
    brackets = text.count("[") + text.count("{")
    if brackets <= _SAFE_BRACKETS and not _DEEP_INDENT.search(text):
        first = _LINE_START.match(text)
        if first is None or len(first.group()) < _SAFE_INDENT:
            return None  # the quick answer for nearly every file: no walk over all lines
    bound = brackets + 2 * max(map(len, _LINE_START.findall(text)), default=0) + 2
    if bound <= MAX_DEPTH:
        return None
    loader = _classes()[0](text)
    depth = 0
    try:
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    mark = event.start_mark
                    line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
                    message = f"te diep genest (meer dan {MAX_DEPTH} niveaus)"
                    return Problem(name, line, col, message)
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                depth -= 1
    except yaml.MarkedYAMLError as exc:
        if "nesting depth" in (exc.problem or ""):  # libyaml's own guard came first
            line, col = error_position(exc)
            return Problem(name, line, col, yaml_message(exc, text))
        return None  # the real load reports it, with its position
    except yaml.YAMLError:
        return None
    finally:
        loader.dispose()
    return None


def load(text: str, name: str) -> tuple[Any, Marks]:
    """Parse one YAML document; raise ConfigError with positions on any problem."""
    import yaml

    deep = _too_deep(text, name)
    if deep is not None:
        raise ConfigError([deep])
    loader = _classes()[0](text)
    try:
        try:
            node = loader.get_single_node()
        except yaml.MarkedYAMLError as exc:
            line, col = error_position(exc)
            raise ConfigError([Problem(name, line, col, yaml_message(exc, text))]) from None
        except yaml.YAMLError as exc:
            # A character the reader refuses comes with its position in the text.
            at = getattr(exc, "position", None)
            if isinstance(at, int) and 0 <= at <= len(text):
                line, col = text.count("\n", 0, at) + 1, at - text.rfind("\n", 0, at)
                raise ConfigError([Problem(name, line, col, yaml_message(exc, text))]) from None
            raise ConfigError.single(name, yaml_message(exc)) from None
        if node is None:
            return None, Marks()
        marks = Marks()
        problems: list[Problem] = []
        _walk(node, (), marks, problems, name, set())
        if problems:
            raise ConfigError(problems)
        try:
            data = loader.construct_document(node)
        except yaml.MarkedYAMLError as exc:
            line, col = error_position(exc)
            raise ConfigError([Problem(name, line, col, yaml_message(exc, text))]) from None
        return data, marks
    finally:
        loader.dispose()


_TIMESTAMP = "tag:yaml.org,2002:timestamp"


_CORE = "tag:yaml.org,2002:"
# Scalars whose building can fail: 2026-13-01 looks like a date, and a typed tag
# (`!!int "x"`, `!!timestamp "x"`, `!!bool x`) builds nothing, with a bare exception.
_BUILT = {f"{_CORE}{kind}" for kind in ("timestamp", "int", "float", "bool")}
# Tags of kinds no file of loopbaan holds: bytes and sets would slip into texts.
_REFUSED = {f"{_CORE}{kind}" for kind in ("binary", "set", "omap", "pairs")}


def _impossible_date(node: yaml.Node, name: str) -> Problem | None:
    """A scalar or tag that can not be built into a value, as a Problem at its place."""
    import yaml

    line, col = node.start_mark.line + 1, node.start_mark.column + 1
    if node.tag in _REFUSED:
        short = "!!" + node.tag.removeprefix(_CORE)
        return Problem(name, line, col, f"de YAML-tag {short} wordt niet ondersteund; laat hem weg")
    if node.tag not in _BUILT or not isinstance(node, yaml.ScalarNode):
        return None
    try:
        yaml.constructor.SafeConstructor().construct_object(node)
    except (ValueError, TypeError, AttributeError, KeyError, OverflowError, yaml.YAMLError):
        if node.tag == _TIMESTAMP:
            return Problem(name, line, col, f"'{node.value}' is geen bestaande datum")
        short = "!!" + node.tag.removeprefix(_CORE)
        return Problem(
            name, line, col, f"'{node.value}' past niet bij de YAML-tag {short}; laat de tag weg"
        )
    return None


def _walk(
    node: yaml.Node, path: Loc, marks: Marks, problems: list[Problem], name: str, seen: set[int]
) -> None:
    import yaml

    marks.positions[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
    impossible = _impossible_date(node, name)
    if impossible is not None:
        problems.append(impossible)
    if isinstance(node, yaml.ScalarNode):
        return
    if id(node) in seen:
        # The composer hands back the same node object for an alias.
        line, col = marks.positions[path]
        problems.append(
            Problem(
                name, line, col, "YAML-verwijzingen (ankers en aliassen) worden niet ondersteund"
            )
        )
        return
    seen.add(id(node))
    if isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(item, (*path, index), marks, problems, name, seen)
    elif isinstance(node, yaml.MappingNode):
        keys: set[str] = set()
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(id(key_node))
            if key in keys:
                problems.append(
                    Problem(
                        name,
                        key_node.start_mark.line + 1,
                        key_node.start_mark.column + 1,
                        f"sleutel '{key}' staat hier twee keer",
                    )
                )
            keys.add(key)
            impossible = _impossible_date(key_node, name)
            if impossible is not None:
                problems.append(impossible)
            _walk(value_node, (*path, key), marks, problems, name, seen)
            # A problem about the key itself (an unknown key) points at the key.
            marks.positions[(*path, key)] = (
                key_node.start_mark.line + 1,
                key_node.start_mark.column + 1,
            )


# Around what could be an anchor (&a) or alias (*a): before it a line start, a
# space or a flow indicator; after it a name.
_BEFORE_ANCHOR = frozenset(" \t\r\n[{,")
_NOT_A_NAME = frozenset(" \t\r\n,[]{}")


def _maybe_anchor(text: str) -> bool:
    """Whether `text` could hold an anchor or alias; text like "zie *dit*" says yes too,
    and then the parser's events decide (_has_anchor). A few finds, no regex: quick."""
    for mark in "&*":
        at = text.find(mark)
        while at != -1:
            before = text[at - 1] if at else "\n"
            after = text[at + 1 : at + 2]
            if before in _BEFORE_ANCHOR and after and after not in _NOT_A_NAME:
                return True
            at = text.find(mark, at + 1)
    return False


def load_quick(text: str, name: str) -> Any:
    """Parse YAML that loopbaan wrote itself, without positions; ConfigError when unsure.

    The same guards as load (size is the caller's read_text, depth, no anchors
    or aliases: loopbaan never writes them, so one means a hand-made file),
    but no walk for positions. Whoever gets a ConfigError here reads the file
    with load instead, which says what is wrong and where.
    """
    import yaml

    deep = _too_deep(text, name)
    if deep is not None:
        raise ConfigError([deep])
    if _maybe_anchor(text) and _has_anchor(text):
        raise ConfigError.single(
            name, "YAML-verwijzingen (ankers en aliassen) worden niet ondersteund"
        )
    try:
        return yaml.load(text, Loader=_classes()[0])
    # ValueError: an impossible date (2026-13-01); the others: a typed tag (`!!int "x"`)
    except (yaml.YAMLError, ValueError, TypeError, AttributeError, KeyError, OverflowError):
        raise ConfigError.single(name, "ongeldige YAML") from None


def _has_anchor(text: str) -> bool:
    """Whether the document really holds an anchor or alias (events only: nothing expands)."""
    import yaml

    loader = _classes()[0](text)
    try:
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                return True
    except yaml.YAMLError:
        return True  # not even parseable: not for the quick path
    finally:
        loader.dispose()
    return False


def load_file(path: Path) -> tuple[Any, Marks]:
    return load(read_text(path), str(path))


def load_model(path: Path, model: type[M], *, text_limit: int | None = None) -> tuple[M, Marks]:
    """One file read into `model`; every problem as file:line:column in a ConfigError.

    With `text_limit` (an input file such as --answers: MAX_TEXT_CHARS), a
    text longer than that is refused too, as a user error (exit 1), after the
    file's shape was found right.
    """
    from pydantic import ValidationError

    from loopbaan_cli.kernel.errors import InvalidAnswersError

    data, marks = load_file(path)
    if data is None:
        raise ConfigError.single(path, "bestand is leeg", 1, 1)
    try:
        found = model.model_validate(data)
    except ValidationError as exc:
        raise ConfigError(validation_problems(exc, model, marks, str(path))) from None
    if text_limit is not None:
        too_long = [
            Problem(
                str(path),
                *marks.at(loc),
                f"{'.'.join(map(str, loc)) or 'de tekst'}: tekst te lang "
                f"({size} tekens; hoogstens {text_limit})",
            )
            for loc, size in _long_texts(data, (), text_limit)
        ]
        if too_long:
            raise InvalidAnswersError(
                too_long, hint="Maak de tekst korter; zo lang kan geen gesprek bewaard worden."
            )
    return found, marks


def _long_texts(value: Any, loc: Loc, limit: int) -> list[tuple[Loc, int]]:
    """(place, length) of every text in `value` longer than `limit`."""
    if isinstance(value, str):
        return [(loc, len(value))] if len(value) > limit else []
    if isinstance(value, dict):
        return [f for k, item in value.items() for f in _long_texts(item, (*loc, str(k)), limit)]
    if isinstance(value, list):
        return [f for i, item in enumerate(value) for f in _long_texts(item, (*loc, i), limit)]
    return []


def dump(data: Any) -> str:
    import yaml

    text: str = yaml.dump(
        data,
        Dumper=_classes()[1],
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=88,
    )
    return text
