"""A session as the YAML text of its file, dumped again only where it changed.

The answers are most of a session file, and a save after an answer changes
one of them. So a Dump keeps the YAML of every answer from the last session it
dumped, and only what changed is dumped again; the text is the same as one
big yamlio.dump. Whoever saves owns the Dump (store.py keeps one).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from loopbaan_cli.kernel import yamlio
from loopbaan_cli.sessions.format import RECORD_PARTS

if TYPE_CHECKING:
    from loopbaan_cli.sessions.model import Session

# (part, key) -> (fingerprint of the answer, its YAML)
_Kept = dict[tuple[str, str], tuple[str, str]]


class Dump:
    """Callable: session -> YAML text, remembering the answers of the last session dumped."""

    def __init__(self) -> None:
        self._session_id = ""
        self._kept: _Kept = {}

    def __call__(self, session: Session) -> str:
        data = session.model_dump(mode="python", exclude_defaults=False)
        cached = self._kept if self._session_id == session.id else {}
        fresh: _Kept = {}
        chunks: list[str] = []
        plain: dict[str, Any] = {}
        for name, value in data.items():
            if name not in RECORD_PARTS or not value:
                plain[name] = value
                continue
            if plain:
                chunks.append(yamlio.dump(plain))
                plain = {}
            chunks.append(f"{name}:\n")
            for key, record in value.items():
                known = _answer_yaml(name, key, record, cached.get((name, key)))
                fresh[(name, key)] = known
                chunks.append(known[1])
        if plain:
            chunks.append(yamlio.dump(plain))
        self._session_id, self._kept = session.id, fresh
        return "".join(chunks)


def _answer_yaml(
    part: str, key: str, record: Any, known: tuple[str, str] | None
) -> tuple[str, str]:
    """(fingerprint, YAML) of one answer: the kept text when the answer is unchanged."""
    fingerprint = repr((key, record))  # repr tells True, 1 and 1.0 apart
    if known is not None and known[0] == fingerprint:
        return known
    # "answers:\n  <key>:\n    question: ..." without its first line
    return fingerprint, yamlio.dump({part: {key: record}}).split("\n", 1)[1]
