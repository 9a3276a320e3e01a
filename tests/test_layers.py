"""The rooms of loopbaan_cli import one way only (ARCHITECTURE.md).

An AST walk over the package: every `import` of a loopbaan_cli module, at the
top of a file or inside a function, must go from a room to the same room or
one below it; and the heavy or terminal libraries stay in the rooms that own
them. Imports under `if TYPE_CHECKING:` cost nothing at run time and are
allowed to point at any room below cli (for type hints only).
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "loopbaan_cli"

# Each room may import the rooms listed for it (and itself).
ALLOWED: dict[str, set[str]] = {
    "kernel": set(),
    "banks": {"kernel"},
    "sessions": {"kernel", "banks"},
    "cycle": {"kernel", "banks", "sessions"},
    "documents": {"kernel", "banks", "sessions", "cycle"},
    "conversation": {"kernel", "banks", "sessions", "cycle"},
    "app": {"kernel", "banks", "sessions", "cycle", "documents", "conversation"},
    "cli": {"kernel", "banks", "sessions", "cycle", "documents", "conversation", "app"},
    "": {"cli"},  # __main__
}
# Modules that some rooms may not use although their room is below: the pure
# rooms never print and never read the disk behind the caller's back (what
# they need from the store is passed in).
PURE = {"banks", "sessions", "cycle", "documents", "conversation"}
NOT_FOR: dict[str, set[str]] = {
    "kernel.console": PURE,
    "sessions.store": {"cycle", "documents", "conversation"},
}
# Third-party libraries and the only rooms (or modules) that may import them.
OWNERS: dict[str, set[str]] = {
    "typer": {"cli"},
    "click": {"cli"},
    "questionary": {"cli.prompts"},
    "prompt_toolkit": {"cli.prompts"},
    "rich": {"cli", "kernel.console"},
    "icalendar": {"documents"},
    "typst": {"documents.pdf"},
    "docx": {"documents.docx", "documents.docx_blocks"},
}


def _modules() -> Iterator[tuple[str, Path]]:
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE).with_suffix("").parts
        yield ".".join(p for p in parts if p != "__init__"), path


def _imports(path: Path) -> Iterator[tuple[int, str]]:
    """(line, imported module) for every run-time import in the file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    typing_only = {
        id(inner)
        for node in ast.walk(tree)
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)
        for inner in ast.walk(node)
    }
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                raise AssertionError(f"{path}:{node.lineno}: use absolute imports")
            module = node.module or ""
            for alias in node.names:  # `from loopbaan_cli.kernel import console` is a module
                inner = f"{module}.{alias.name}".removeprefix("loopbaan_cli").lstrip(".")
                is_module = module.startswith("loopbaan_cli") and _is_module(inner)
                yield node.lineno, f"{module}.{alias.name}" if is_module else module


def _is_module(dotted: str) -> bool:
    base = PACKAGE.joinpath(*dotted.split("."))
    return base.with_suffix(".py").is_file() or (base / "__init__.py").is_file()


def _room(module: str) -> str:
    return module.split(".")[0] if "." in module or module in ALLOWED else ""


def _violations() -> list[str]:
    found = []
    for name, path in _modules():
        room = _room(name)
        where = f"loopbaan_cli/{path.relative_to(PACKAGE)}"
        for line, target in _imports(path):
            top = target.split(".")[0]
            if top == "loopbaan_cli":
                inner = target.removeprefix("loopbaan_cli").lstrip(".")
                other = inner.split(".")[0]
                if other and other != room and other not in ALLOWED.get(room, set()):
                    if other in ALLOWED:
                        found.append(f"{where}:{line}: {room or name} imports {inner}")
                elif room in NOT_FOR.get(inner, set()):
                    found.append(f"{where}:{line}: {room} may not use {inner}")
            elif top in OWNERS:
                owners = OWNERS[top]
                if not any(name == o or name.startswith(o + ".") or room == o for o in owners):
                    found.append(f"{where}:{line}: {name} imports {top}")
    return found


# What the move into rooms left to untangle, as "file: room imports what"
# (no line numbers, so editing around them does not break this list). It may
# only shrink: a new violation fails, and so does a fixed one still listed.
KNOWN: set[str] = set()
KNOWN_CIRCLES: list[list[str]] = []


def test_rooms_import_only_downwards() -> None:
    found = {re.sub(r":\d+:", ":", problem) for problem in _violations()}
    new = sorted(found - KNOWN)
    assert not new, "imports against the rules of ARCHITECTURE.md:\n" + "\n".join(new)
    fixed = sorted(KNOWN - found)
    assert not fixed, "fixed, so take them off KNOWN:\n" + "\n".join(fixed)


def test_the_walk_sees_a_wrong_import(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The rule check itself works: a kernel module that imports the cli is caught."""
    fake = tmp_path / "loopbaan_cli"
    (fake / "kernel").mkdir(parents=True)
    (fake / "kernel" / "bad.py").write_text(
        "def f():\n    from loopbaan_cli.cli import app\n", encoding="utf-8"
    )
    (fake / "banks").mkdir()
    (fake / "banks" / "fine.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from loopbaan_cli.app import x\n"
        "from loopbaan_cli.kernel import errors\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(__import__(__name__), "PACKAGE", fake)
    assert _violations() == ["loopbaan_cli/kernel/bad.py:2: kernel imports cli"]


def _graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for name, path in _modules():
        targets = graph.setdefault(name, set())
        for _, target in _imports(path):
            inner = target.removeprefix("loopbaan_cli").lstrip(".")
            if target.startswith("loopbaan_cli") and inner and inner != name and _is_module(inner):
                targets.add(inner)
    return graph


def _circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in graph.get(node, ()):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                top = stack.pop()
                group.append(top)
                if top == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_no_import_circles() -> None:
    """Not even through an import inside a function (that only hides a circle)."""
    assert sorted(_circles(_graph())) == sorted(KNOWN_CIRCLES)


def test_the_circle_check_finds_a_circle() -> None:
    assert _circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
