"""An index of the session files, so a listing of 20,000 does not parse 20,000 YAML files.

The YAML files stay the truth. In the data folder, `index.sqlite3` (SQLite, 0600)
holds one row per file: what a listing reads (id, status, dates, the employee,
the interviewer, ... and the whole summary without answers as JSON), keyed by
the file's name, size, mtime and inode. A reader lists the folder (one
directory read and a stat per file), takes the rows whose key still matches
and reads only the other files again: new ones, files edited by hand, files
with a journal beside them (journal.py). A file that is gone loses its row.

Who writes the index:
- `store.save` and `store.delete` keep it current, and create it;
- a reader refreshes rows only in an index that already exists, so a
  read-only or refused command never creates a file;
- an index that cannot be written (a read-only folder, a second process
  holding it) is read as it is, and what is stale in it is read from the files;
- a corrupt index, or one of an older layout (its `user_version`), is
  replaced by an empty one and filled from the files again.

The rooms of this package: `rows` (what a row holds, and its checks), `db`
(the SQLite file), `fresh` (the freshness check every listing makes),
`listing` (`list`'s rows) and `narrow` (one employee, the newest, one status).

Deleting it is always safe: the next save starts a new one, the next listing
fills it. It holds personal data (names, dates), like the files; a deleted
conversation's row goes with it.
"""

from loopbaan_cli.sessions.index.db import (
    forget,
    keep_register,
    register_copy,
    register_digest,
    saved,
)
from loopbaan_cli.sessions.index.fresh import ALL, Reader, Wanted, scan, summaries
from loopbaan_cli.sessions.index.listing import LISTED_COLUMNS, listed
from loopbaan_cli.sessions.index.narrow import (
    StatusAndNewest,
    glance_names,
    in_status_and_newest,
    scan_employee,
)
from loopbaan_cli.sessions.index.rows import (
    INDEX_NAME,
    LAYOUT,
    Found,
    Key,
    dumps,
    index_path,
    loads,
)

__all__ = [
    "ALL",
    "INDEX_NAME",
    "LAYOUT",
    "LISTED_COLUMNS",
    "Found",
    "Key",
    "Reader",
    "StatusAndNewest",
    "Wanted",
    "dumps",
    "forget",
    "glance_names",
    "in_status_and_newest",
    "index_path",
    "keep_register",
    "listed",
    "loads",
    "register_copy",
    "register_digest",
    "saved",
    "scan",
    "scan_employee",
    "summaries",
]
