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
from dataclasses import dataclass
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
    from loopbaan_cli.kernel import yamlio

    journal = journal_path(path)
    if not journal.exists() and not journal.is_symlink():
        return False
    # read as any input is: only a regular file, never waiting on a pipe, bounded
    raw = yamlio.read_bytes(journal, MAX_BYTES)
    for line in raw.split(b"\n")[:-1]:  # the last piece lacks its newline: unfinished
        try:
            entry = json.loads(line)
        except ValueError:
            break
        if not _well_formed(entry):
            break  # written by hand or damaged: nothing from here on is trusted
        _apply(data, entry)
    return True


# A line holds at most a few records of at most a text's limit each; a journal is
# folded every FOLD_EVERY lines. Bigger than this was not written by loopbaan.
MAX_BYTES = 20 * 1024 * 1024


def _well_formed(entry: object) -> bool:
    """Whether a journal line has the shape `Journal.append` writes."""
    if not isinstance(entry, dict):
        return False
    drop = entry.get("drop") or {}
    if not isinstance(drop, dict) or not isinstance(entry.get("fields") or {}, dict):
        return False
    for part in RECORD_PARTS:
        dropped = drop.get(part) or []
        if not isinstance(entry.get(part) or {}, dict) or not isinstance(dropped, list):
            return False
        if not all(isinstance(key, str) for key in dropped):
            return False
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


@dataclass(frozen=True)
class Changes:
    """One save's worth of changes, not yet written."""

    session: Session
    fresh: dict[str, dict[str, Any]]  # part -> key -> record: new or replaced
    dropped: dict[str, list[str]]  # part -> keys removed
    fields: dict[str, Any]  # everything but the answers and preparation, as JSON

    @property
    def records(self) -> list[tuple[str, str, Any]]:
        """(part, key, record) of every record new or replaced."""
        return [(p, k, r) for p, records in self.fresh.items() for k, r in records.items()]


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

    def changes(self, session: Session) -> Changes | None:
        """What changed since the last save; None when the file must be written whole instead.

        Nothing is written or remembered yet: the store checks the changes
        first (`Changes.records`), then `append`s them.
        """
        if (
            not self._stage
            or session.stage != self._stage
            or session.status != self._status
            or self.lines >= FOLD_EVERY
        ):
            return None
        fresh: dict[str, dict[str, Any]] = {}
        dropped: dict[str, list[str]] = {}
        for part in RECORD_PARTS:
            records: dict[str, Any] = getattr(session, part)
            kept = self._kept[part]
            fresh[part] = {k: r for k, r in records.items() if kept.get(k) is not r}
            # every key of `records` is in `kept` once the new ones are added: the same
            # number of keys means nothing was removed (no set of 2,000 keys per answer)
            new = sum(1 for key in fresh[part] if key not in kept)
            if len(kept) + new != len(records):
                dropped[part] = sorted(kept.keys() - records.keys())
        fields = session.model_dump(mode="json", exclude=set(RECORD_PARTS))
        return Changes(session, fresh, dropped, fields)

    def append(self, changes: Changes) -> None:
        """Write `changes` as one line (fsynced), and remember them."""
        entry: dict[str, Any] = {}
        for part, records in changes.fresh.items():
            if records:
                entry[part] = {
                    key: record.model_dump(mode="json") for key, record in records.items()
                }
                self._kept[part].update(records)
        for part, keys in changes.dropped.items():
            if keys:
                entry.setdefault("drop", {})[part] = keys
                for key in keys:
                    self._kept[part].pop(key, None)
        differ = {k: v for k, v in changes.fields.items() if self._fields.get(k) != v}
        if differ:
            entry["fields"] = differ
        self._fields = changes.fields
        if entry:
            self._write(json.dumps(entry, ensure_ascii=False, separators=(",", ":")) + "\n")
        self.pending = changes.session

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
