"""`loopbaan init`: editable copies of the built-in banks and templates.

Copies question_banks/ (the banks, the catalogues and the JSON Schemas) and
templates/ into the user's folder. Every YAML file gets a first line that
tells an editor with the YAML language server which schema checks it. A file
that is already there is never overwritten unless `force` is given: it may
hold the user's own edits.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from loopbaan_cli.banks import schema
from loopbaan_cli.kernel import paths
from loopbaan_cli.kernel.errors import LoopbaanError, reason

MODELINE = "# yaml-language-server: $schema="


@dataclass
class InitReport:
    banks_dir: Path
    templates_dir: Path
    written: list[Path] = field(default_factory=list)  # new files
    replaced: list[Path] = field(default_factory=list)  # differed; overwritten (--force)
    kept: list[Path] = field(default_factory=list)  # differed; left alone (no --force)
    unchanged: list[Path] = field(default_factory=list)  # already identical


def with_modeline(text: str, schema_uri: str) -> str:
    """The YAML text with our schema line on top (replacing one that is there)."""
    lines = text.splitlines(keepends=True)
    if lines and lines[0].startswith(MODELINE):
        lines = lines[1:]
    return f"{MODELINE}{schema_uri}\n" + "".join(lines)


def _files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(
        p
        for p in folder.rglob("*")
        if p.is_file() and not any(_hidden(part) for part in p.relative_to(folder).parts)
    )


def _hidden(part: str) -> bool:
    return part.startswith(".") or part == "__pycache__"


def planned() -> list[tuple[Path, bytes]]:
    """Every file `init` writes, with its content: (destination, bytes)."""
    builtin_banks, builtin_templates = paths.builtin_banks_dir(), paths.builtin_templates_dir()
    user_banks, user_templates = paths.user_banks_dir(), paths.user_templates_dir()
    schema_folder = user_banks.absolute() / schema.SCHEMA_DIR
    plan: list[tuple[Path, bytes]] = []
    for source in _files(builtin_banks):
        relative = source.relative_to(builtin_banks)
        content = source.read_bytes()
        if source.suffix == ".yaml":
            uri = (schema_folder / schema.file_name(schema.schema_for_file(relative))).as_uri()
            content = with_modeline(content.decode("utf-8-sig"), uri).encode("utf-8")
        plan.append((user_banks / relative, content))
    for source in _files(builtin_templates):
        plan.append((user_templates / source.relative_to(builtin_templates), source.read_bytes()))
    return plan


def _write(path: Path, content: bytes) -> None:
    """Write atomically, readable only by the user."""
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(content)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temp, paths.PRIVATE_FILE)
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


def init(force: bool = False) -> InitReport:
    """Copy the built-in banks and templates into the user's folder; see the module doc."""
    report = InitReport(paths.user_banks_dir(), paths.user_templates_dir())
    try:
        for folder in (report.banks_dir, report.templates_dir):
            paths.ensure_private_dir(folder)
        for path, content in planned():
            paths.ensure_private_dir(path.parent)
            if path.is_dir():
                raise LoopbaanError(f"{path} is een map; daar hoort een bestand te staan")
            if path.exists():
                if path.read_bytes() == content:
                    report.unchanged.append(path)
                    continue
                if not force:
                    report.kept.append(path)
                    continue
                report.replaced.append(path)
            else:
                report.written.append(path)
            _write(path, content)
    except OSError as exc:
        where = f" ({exc.filename})" if exc.filename else ""
        raise LoopbaanError(f"kan de kopieën niet schrijven{where}: {reason(exc)}") from None
    return report
