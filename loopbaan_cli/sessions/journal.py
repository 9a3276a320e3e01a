"""Saving an answer without rewriting the whole conversation: a journal beside the file.

While a conversation is held (the session's lock taken, `store.journaled`),
a save after an answer appends one JSON line to `<id>.journal` and fsyncs it:
the answers and preparation records that changed (a record is replaced, never
changed in place, so `is` tells which), the ones removed, and the other fields
that differ from the line before. That costs the same with 2,000 answers as
with none. The YAML file is written whole ("folded") at the first save, when
the stage or status changes, every FOLD_EVERY lines and when the conversation
is left; a fold removes the journal.

Whoever loads the file reads the journal over it (`replay`), so a process
killed between two folds loses nothing it had saved; a line cut off by the
kill is skipped, and with it at most the answer being written. The journal
holds personal data like the file: `delete` and `export-data` treat it as part
of the conversation.
"""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from loopbaan_cli.kernel import paths
from loopbaan_cli.sessions.format import RECORD_PARTS

if TYPE_CHECKING:
    from loopbaan_cli.sessions.model import Session

SUFFIX = ".journal"
FOLD_EVERY = 100  # lines: keeps a journal short to read back, at one whole write per 100 answers


def journal_path(path: Path) -> Path:
    """The journal beside the session file `path`."""
    return path.with_suffix(SUFFIX)


def replay(data: dict[str, Any], path: Path) -> bool:
    """Apply the journal beside `path` to the file's `data`; False when there is none.

    Lines are applied in order up to the first one that is not a whole JSON
    line (cut off by a kill, or damaged): nothing after it is trusted.
    """
    try:
        raw = journal_path(path).read_bytes()
    except FileNotFoundError:
        return False
    for line in raw.split(b"\n")[:-1]:  # the last piece lacks its newline: unfinished
        try:
            entry = json.loads(line)
        except ValueError:
            break
        if not isinstance(entry, dict):
            break
        _apply(data, entry)
    return True


def _apply(data: dict[str, Any], entry: dict[str, Any]) -> None:
    for part in RECORD_PARTS:
        changed = entry.get(part) or {}
        dropped = (entry.get("drop") or {}).get(part) or []
        if not changed and not dropped:
            continue
        records = data.get(part)
        if not isinstance(records, dict):
            data[part] = records = {}
        records.update(changed)
        for key in dropped:
            records.pop(key, None)
    data.update(entry.get("fields") or {})


class Journal:
    """The journal of one session held in this process; `store.save` asks it first."""

    def __init__(self, path: Path) -> None:
        self.path = journal_path(path)
        self.lines = 0
        self._kept: dict[str, dict[str, object]] = {}
        self._fields: dict[str, Any] = {}
        self._stage = ""
        self._status = ""
        self.pending: Session | None = None  # saved in the journal, not yet folded

    def append(self, session: Session) -> bool:
        """Write what changed as one line; False when the file must be written whole instead."""
        if (
            not self._stage
            or session.stage != self._stage
            or session.status != self._status
            or self.lines >= FOLD_EVERY
        ):
            return False
        entry: dict[str, Any] = {}
        for part in RECORD_PARTS:
            records: dict[str, Any] = getattr(session, part)
            kept = self._kept[part]
            fresh = {key: record for key, record in records.items() if kept.get(key) is not record}
            if fresh:
                entry[part] = {key: record.model_dump(mode="json") for key, record in fresh.items()}
                kept.update(fresh)
            # every key of `records` is in `kept` now: the same number means nothing was removed
            dropped = sorted(kept.keys() - records.keys()) if len(kept) != len(records) else []
            if dropped:
                entry.setdefault("drop", {})[part] = dropped
                for key in dropped:
                    del kept[key]
        fields = session.model_dump(mode="json", exclude=set(RECORD_PARTS))
        differ = {k: v for k, v in fields.items() if self._fields.get(k) != v}
        if differ:
            entry["fields"] = differ
        self._fields = fields
        if entry:
            self._write(json.dumps(entry, ensure_ascii=False, separators=(",", ":")) + "\n")
        self.pending = session
        return True

    def folded(self, session: Session) -> None:
        """The file was just written whole from `session`: the journal starts afresh."""
        self.remove()
        self._kept = {part: dict(getattr(session, part)) for part in RECORD_PARTS}
        self._fields = session.model_dump(mode="json", exclude=set(RECORD_PARTS))
        self._stage, self._status = session.stage, session.status
        self.pending = None

    def remove(self) -> None:
        with contextlib.suppress(FileNotFoundError):
            self.path.unlink()
        self.lines = 0

    def _write(self, line: str) -> None:
        fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, paths.PRIVATE_FILE)
        try:
            data = line.encode("utf-8")
            while data:
                data = data[os.write(fd, data) :]
            os.fsync(fd)
        finally:
            os.close(fd)
        self.lines += 1
