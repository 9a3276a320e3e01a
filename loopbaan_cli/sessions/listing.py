"""Listing many sessions quickly: their files without the answers, and the newest one.

Answers and preparation are most of a file, so a listing cuts them out of the
text before it is parsed (`without_answers`), which keeps a listing of
thousands quick. Which files are read at all is the index's business (index/).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from loopbaan_cli.kernel.errors import NotFoundError, Problem
from loopbaan_cli.kernel.record import Record
from loopbaan_cli.kernel.shell import command_for
from loopbaan_cli.sessions.format import RECORD_PARTS

Found = list[tuple[Path, Record]]


@dataclass(frozen=True)
class Listing:
    sessions: list[Record]  # without answers and preparation
    broken: list[Problem]


def newest(found: Found, broken: list[Problem], *, unfinished: bool) -> Path:
    """The file of the most recently updated (unfinished) session, or a NotFoundError that says why."""
    candidates = [(p, s) for p, s in found if not unfinished or s.status != "completed"]
    if not candidates:
        what = "onafgewerkt gesprek" if unfinished else "gesprek"
        if broken:  # "no conversation yet" would be wrong: there are files, unreadable ones
            raise NotFoundError(
                f"geen leesbaar {what} gevonden; niet te lezen: {broken[0]}",
                hint=f"`{command_for('list')}` toont alle bestanden die niet te lezen zijn.",
            )
        raise NotFoundError(
            f"er is nog geen {what}", hint=f"Begin er een met `{command_for('start')}`."
        )
    path, _ = max(candidates, key=lambda one: (one[1].updated, one[1].date))
    return path


_TOP_LEVEL_KEY = re.compile(r"([A-Za-z_][A-Za-z0-9_]*):(?:[ \t]|$)")


def without_answers(text: str) -> str | None:
    """The file with `preparation:` and `answers:` emptied; None when its layout is unusual."""
    out: list[str] = []
    skipping = False
    for line in text.split("\n"):
        if line[:1] in ("", " ", "\t", "\r", "#") or line.startswith("- "):
            if not skipping:
                out.append(line)
            continue
        match = _TOP_LEVEL_KEY.match(line)
        if match is None:
            return None  # a document marker, a quoted key, ...: read it all
        skipping = match.group(1) in RECORD_PARTS
        out.append(f"{match.group(1)}: {{}}" if skipping else line)
    return "\n".join(out)
