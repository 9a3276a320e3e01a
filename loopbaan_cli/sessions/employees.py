"""The employee register: who is who, one entry per person (`<data>/employees.yaml`).

A conversation names its employee by id (`employee.id`); the id is random
(`mw-` and 6 letters or digits), never made from the name, so 李明 and 王芳,
or two long names that start alike, are never one person. The register keeps
what belongs to the person rather than to one conversation: name, role,
service start and expected retirement year.

The file is YAML a person can read (`format: 1`), 0600 like the sessions,
written atomically under its own lock (`employees.lock`). Every change reads
the register again under that lock, so two windows never lose each other's
new employee.

Two names are the same name when they are equal after NFC, casefold and
collapsing the spaces (`name_key`): "An  Peeters" and "an peeters" are, but
"Chloé Dubois" and "Chloe Dubois" are not (stripping accents or scripts
loses what tells people apart). Which names merely look alike is
cycle/people.py's business.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from loopbaan_cli.kernel import paths, yamlio
from loopbaan_cli.kernel.errors import ConfigError, NotFoundError, Problem
from loopbaan_cli.kernel.shell import command_for

FORMAT = 1
ID_PREFIX = "mw-"
# Letters and digits that are not mistaken for each other when typed over (no l/1, o/0).
_ID_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789"
_ID_LENGTH = 6
EMPLOYEE_ID_PATTERN = r"^mw-[a-z0-9]{4,16}$"
_EMPLOYEE_ID = re.compile(EMPLOYEE_ID_PATTERN)
FIRST_YEAR, LAST_YEAR = 1950, 2100  # a plausible service start or retirement year
# The register is read whole at every look-up: about 110 bytes a person, so room
# for some 250,000 people; a save that would make it bigger is refused, never
# written (the reader would refuse it after, and with it every command).
MAX_BYTES = 32 * 1024 * 1024


def service_start_problem(value: object) -> str:
    """Why `value` can not be a service start (Dutch), or "" when it can (None: not known)."""
    if value is None:
        return ""
    if type(value) is not dt.date or not FIRST_YEAR <= value.year <= dt.date.today().year + 1:
        return (
            f"de datum van indiensttreding moet een datum tussen {FIRST_YEAR} en volgend jaar zijn"
        )
    return ""


def retirement_year_problem(value: object) -> str:
    """Why `value` can not be a retirement year (Dutch), or "" when it can (None: not known)."""
    if value is None:
        return ""
    if type(value) is not int or not FIRST_YEAR <= value <= LAST_YEAR:
        return f"het pensioenjaar moet een jaartal tussen {FIRST_YEAR} en {LAST_YEAR} zijn"
    return ""


def name_key(name: str) -> str:
    """The name as it counts for "the same name": NFC, casefolded, single spaces."""
    folded = unicodedata.normalize("NFC", unicodedata.normalize("NFC", name).casefold())
    return " ".join(folded.split())


def is_employee_id(text: str) -> bool:
    return bool(_EMPLOYEE_ID.match(text))


def register_path() -> Path:
    return paths.home() / "employees.yaml"


def lock_path() -> Path:
    return paths.home() / "employees.lock"


@dataclass(frozen=True)
class Entry:
    """One employee in the register."""

    id: str
    name: str
    role: str = ""
    service_start: dt.date | None = None
    retirement_year: int | None = None
    created: dt.datetime | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "role": self.role,
            "service_start": self.service_start,
            "retirement_year": self.retirement_year,
            "created": self.created,
        }

    @property
    def label(self) -> str:
        """Name, and role when known: "Sofie Claes (verkoopster)"."""
        return f"{self.name} ({self.role})" if self.role.strip() else self.name


@dataclass
class Register:
    entries: dict[str, Entry]  # by id, in the order of the file

    def get(self, employee_id: str) -> Entry | None:
        return self.entries.get(employee_id)

    def named(self, name: str) -> list[Entry]:
        """Everyone whose name is this name (same after NFC, casefold and spaces)."""
        key = name_key(name)
        return [e for e in self.entries.values() if name_key(e.name) == key]

    def __iter__(self) -> Iterator[Entry]:
        return iter(list(self.entries.values()))

    def __len__(self) -> int:
        return len(self.entries)

    def new_id(self) -> str:
        """A random id no one in the register has."""
        import secrets  # ~4 ms, and only a new employee needs it

        while True:
            candidate = ID_PREFIX + "".join(secrets.choice(_ID_ALPHABET) for _ in range(_ID_LENGTH))
            if candidate not in self.entries:
                return candidate

    def add(
        self,
        name: str,
        role: str = "",
        service_start: dt.date | None = None,
        retirement_year: int | None = None,
    ) -> Entry:
        _check(service_start=service_start, retirement_year=retirement_year)
        entry = Entry(
            id=self.new_id(),
            name=" ".join(name.split()),
            role=role.strip(),
            service_start=service_start,
            retirement_year=retirement_year,
            created=dt.datetime.now().replace(microsecond=0),
        )
        self.entries[entry.id] = entry
        return entry

    def update(self, employee_id: str, **changes: Any) -> Entry:
        _check(**changes)
        entry = replace(self.require(employee_id), **changes)
        self.entries[employee_id] = entry
        return entry

    def merge(self, keep: str, gone: str) -> Entry:
        """`gone` is `keep` after all: one entry, with what either knew (`keep` first)."""
        kept, removed = self.require(keep), self.require(gone)
        del self.entries[gone]
        return self.update(
            keep,
            role=kept.role or removed.role,
            service_start=kept.service_start or removed.service_start,
            retirement_year=kept.retirement_year or removed.retirement_year,
        )

    def require(self, employee_id: str) -> Entry:
        entry = self.entries.get(employee_id)
        if entry is None:
            raise NotFoundError(
                f"geen medewerker met id '{employee_id}' in het medewerkersregister",
                hint=f"`{command_for('employees', 'list')}` toont alle medewerkers en hun id.",
            )
        return entry


def _check(**facts: Any) -> None:
    """Nothing the register could not read back is ever written to it."""
    from loopbaan_cli.kernel.errors import LoopbaanError

    found = [
        service_start_problem(facts.get("service_start")),
        retirement_year_problem(facts.get("retirement_year")),
    ]
    if "name" in facts and not str(facts["name"] or "").strip():
        found.append("de naam mag niet leeg zijn")
    problems = [p for p in found if p]
    if problems:
        raise LoopbaanError("; ".join(problems) + "; er is niets bewaard")


# --- reading --------------------------------------------------------------------------


def read() -> Register:
    """The register as it is on disk; an empty one when there is none yet."""
    from loopbaan_cli.sessions import index

    path = register_path()
    # only "no such name at all" is an empty register: a folder, a device or a
    # dangling link in its place is an error (else the next save would start afresh)
    if not path.exists() and not path.is_symlink():
        return Register({})
    text = yamlio.read_text(path, MAX_BYTES)
    digest = index.register_digest(text)
    kept = _kept(path.parent, digest)  # this very text, checked before
    if kept is not None:
        return kept
    data, marks = yamlio.load(text, str(path))
    register = _parse(data, marks, str(path))
    index.keep_register(path.parent, digest, [entry.as_dict() for entry in register])
    return register


def _kept(folder: Path, digest: str) -> Register | None:
    """The index's copy of the register, through the same checks as the file; None when
    there is none or it was edited by hand (the copy saves time, never safety)."""
    from loopbaan_cli.sessions import index

    def refused(_key: object, _message: str) -> Exception:
        return ValueError(_message)

    try:
        rows = index.register_copy(folder, digest)
        if rows is None:
            return None
        entries = [_entry(row, refused) for row in rows]
    except (ValueError, TypeError, KeyError, AttributeError):
        return None
    return Register({entry.id: entry for entry in entries})


def _parse(data: Any, marks: yamlio.Marks, name: str) -> Register:
    def problem(loc: tuple[str | int, ...], message: str) -> ConfigError:
        line, col = marks.at(loc)
        return ConfigError(
            [Problem(name, line, col, message)],
            hint="Herstel het bestand, of zet de vorige versie terug; "
            "de gesprekken zelf zijn niet aangeraakt.",
        )

    if not isinstance(data, dict):
        raise problem((), "dit is geen medewerkersregister (verwacht `format: 1` en `employees:`)")
    version = data.get("format")
    if not isinstance(version, int) or isinstance(version, bool):
        raise problem(("format",), "`format` ontbreekt of is geen getal")
    if version > FORMAT:
        raise problem(
            ("format",),
            f"dit register werd bewaard door een nieuwere versie van loopbaan (formaat {version}, "
            f"deze versie kent {FORMAT}); werk loopbaan bij",
        )
    unknown = sorted(str(k) for k in data if k not in ("format", "employees"))
    if unknown:
        raise problem((unknown[0],), f"onbekende sleutel '{unknown[0]}' (bedoeld: employees?)")
    rows = data.get("employees") or []
    if not isinstance(rows, list):
        raise problem(("employees",), "`employees` moet een lijst van medewerkers zijn")
    entries: dict[str, Entry] = {}
    for index, row in enumerate(rows):
        entry = _entry(row, lambda key, msg, i=index: problem(("employees", i, *key), msg))
        if entry.id in entries:
            first = marks.at(("employees", list(entries).index(entry.id), "id"))[0]
            raise problem(
                ("employees", index, "id"),
                f"de id '{entry.id}' staat twee keer in het register (ook op regel {first}); "
                "elke medewerker heeft een eigen id",
            )
        entries[entry.id] = entry
    return Register(entries)


def _entry(row: Any, problem: Any) -> Entry:
    if not isinstance(row, dict):
        raise problem((), "een medewerker is een reeks sleutels (id, name, role, ...)")
    unknown = sorted(
        str(k)
        for k in row
        if k not in ("id", "name", "role", "service_start", "retirement_year", "created")
    )
    if unknown:
        raise problem((unknown[0],), f"onbekende sleutel '{unknown[0]}' bij een medewerker")
    employee_id = row.get("id")
    if not isinstance(employee_id, str) or not is_employee_id(employee_id):
        raise problem(("id",), "de id ontbreekt of ziet er niet uit als mw-abc234")
    name = row.get("name")
    if not isinstance(name, str) or not name.strip():
        raise problem(("name",), f"de naam van medewerker {employee_id} ontbreekt")
    role = row.get("role") or ""
    if not isinstance(role, str):
        raise problem(("role",), "de functie moet tekst zijn")
    start, year = row.get("service_start"), row.get("retirement_year")
    if service_start_problem(start):
        raise problem(("service_start",), service_start_problem(start))
    if retirement_year_problem(year):
        raise problem(("retirement_year",), retirement_year_problem(year))
    created = row.get("created")
    if created is not None and type(created) is not dt.datetime:
        raise problem(("created",), "`created` is geen tijdstip")
    return Entry(employee_id, name.strip(), role.strip(), start, year, created)


# --- writing --------------------------------------------------------------------------


def write(register: Register) -> None:
    """The register on disk, all at once (the caller holds the lock: `editing`)."""
    from loopbaan_cli.sessions.files import write_atomic

    path = register_path()
    folder = paths.ensure_private_dir(path.parent)
    header = (
        "# Het medewerkersregister van loopbaan: wie is wie (docs/bestandsformaten.md).\n"
        "# Met de hand aanpassen mag; `loopbaan employees edit` doet het veiliger.\n"
    )
    entries = [entry.as_dict() for entry in register]
    text = header + yamlio.dump({"format": FORMAT, "employees": entries})
    if len(text.encode("utf-8")) > MAX_BYTES:
        from loopbaan_cli.kernel.errors import LoopbaanError

        raise LoopbaanError(
            f"het medewerkersregister zou te groot worden (meer dan {MAX_BYTES // 1024} KB, "
            "wat loopbaan nog kan lezen); er is niets bewaard",
            hint="Verwijder wie niet meer bij je werkt: "
            f"`{command_for('delete', '--employee', 'ID')}`.",
        )
    write_atomic(folder, path, text)
    from loopbaan_cli.sessions import index  # its copy follows: no removed name stays in it

    index.keep_register(folder, index.register_digest(text), entries)


# The register's lock is held for milliseconds: wait for it, up to this long.
LOCK_PATIENCE = 10.0


@contextlib.contextmanager
def waiting_for(lock: Path, what: str, patience: float | None = None) -> Iterator[None]:
    """Hold `lock` (locks.hold), waiting while another process holds it briefly.

    Twenty scripted starts at once each add their employee: they take turns
    instead of failing. Still held after `patience` seconds: the usual error.
    """
    import time

    from loopbaan_cli.kernel.errors import SessionLockedError
    from loopbaan_cli.sessions.locks import hold

    deadline = time.monotonic() + (LOCK_PATIENCE if patience is None else patience)
    with contextlib.ExitStack() as stack:
        while True:
            try:
                stack.enter_context(hold(lock, what))
                break
            except SessionLockedError:
                if time.monotonic() >= deadline:
                    raise
                time.sleep(0.02)
        yield


@contextlib.contextmanager
def editing() -> Iterator[Register]:
    """The register, read under its lock; written back when the block ends without error."""
    with waiting_for(lock_path(), "het medewerkersregister"):
        register = read()
        before = dict(register.entries)
        yield register
        if register.entries != before or not register_path().exists():
            write(register)


def add(
    name: str,
    role: str = "",
    service_start: dt.date | None = None,
    retirement_year: int | None = None,
) -> Entry:
    """A new employee, with a fresh id, saved at once."""
    with editing() as register:
        return register.add(name, role, service_start, retirement_year)


def update(employee_id: str, **changes: Any) -> Entry:
    """Change name, role, service start or retirement year of one employee."""
    with editing() as register:
        return register.update(employee_id, **changes)


def by_id(employee_id: str) -> Entry:
    """The employee with this id, or a NotFoundError that says how to find it."""
    return read().require(employee_id)
