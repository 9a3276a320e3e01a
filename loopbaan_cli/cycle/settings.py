"""The rhythm of the career cycle: how far apart conversations, follow-ups and deadlines fall.

The defaults live here, in one place; `<home>/config.yaml` may change the
keys listed in CONFIGURABLE (`interval_years`, `retention_years`, as the README
says), name the organisation that stands on every document
(`organisation: {name, address, logo}`) and say how many people work there
(`employees`, for the rules that depend on the size of the company);
`loopbaan agenda --interval` wins over the file. Reading the file is the only disk access of the cycle room,
and only `Settings.load` does it (the logo itself is read by app/export.py).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from loopbaan_cli.kernel import paths
from loopbaan_cli.kernel.errors import ConfigError, LoopbaanError


@dataclass(frozen=True)
class Organisation:
    """Who the documents come from: config.yaml's `organisation`."""

    name: str = ""
    address: str = ""
    logo: Path | None = None  # an image file; relative to the data folder


# how long an agreement is kept when config.yaml does not say: the employment plus this
RETENTION_YEARS = 5


@dataclass(frozen=True)
class Settings:
    # years between two career conversations, when none was agreed
    interval_years: float = 3.0
    # what the conversation proposes: a deadline and two follow-up moments
    # after the conversation, and the next career conversation
    agreement_due_months: int = 3
    first_followup_months: int = 3
    second_followup_months: int = 6
    next_conversation_months: int = 36
    # the next follow-up moment a check-in proposes
    next_checkin_months: int = 3
    # a prepared conversation is planned a week ahead: time for the employee
    # to think the invitation's questions over
    planned_after_days: int = 7
    # a check-in this many days before a follow-up moment (or later) holds it
    held_early_days: int = 30
    # a conversation this many days before a fixed moment (5 years of service,
    # 5 years before retirement) makes that moment's conversation unneeded
    fixed_early_days: int = 183
    # what `loopbaan agenda` shows without --all: late, and the coming days
    window_days: int = 90
    # how many years after the employment ends a signed agreement is kept
    retention_years: int = RETENTION_YEARS
    organisation: Organisation = Organisation()
    # how many people work in the company: the rules of some schemes depend on it
    # (levers.yaml `by_size`); None: not said, the tips show every rule
    employees: int | None = None

    @classmethod
    def load(cls, path: Path | None = None) -> Settings:
        """The settings from config.yaml (default: in the data folder); defaults without it."""
        path = path or config_path()
        # only a config.yaml that is not there at all means the defaults: a folder
        # or a dangling link in its place gets a message, not silently other rules
        if not path.exists() and not path.is_symlink():
            return cls()
        from loopbaan_cli.kernel import yamlio

        data, marks = yamlio.load_file(path)
        if data is None:
            return cls()
        if not isinstance(data, dict):
            raise ConfigError.single(path, "verwacht sleutel: waarde, bv. interval_years: 3", 1, 1)
        defaults = cls()
        changes: dict[str, Any] = {}
        for key, (low, high, what) in CONFIGURABLE.items():
            value = data.get(key)
            if value is None:
                continue
            if not _within(value, low, high):
                line, col = marks.at((key,))
                raise ConfigError.single(
                    path,
                    f"{key} moet {what} zijn tussen {low} en {high}, niet '{value}'",
                    line,
                    col,
                )
            changes[key] = type(getattr(defaults, key))(value)  # 2 years: 2.0
        if data.get("organisation") is not None:
            changes["organisation"] = _organisation(data["organisation"], path, marks)
        if data.get("employees") is not None:
            changes["employees"] = _employees(data["employees"], path, marks)
        return dataclasses.replace(defaults, **changes)

    def with_interval(self, years: float | None) -> Settings:
        """These settings with `--interval` (when given) instead of interval_years."""
        if years is None:
            return self
        low, high, _ = CONFIGURABLE["interval_years"]
        if not _within(years, low, high):
            raise LoopbaanError(
                f"--interval {years:.12g} kan niet: geef een aantal jaren tussen {low} en {high}, bv. 3"
            )
        return dataclasses.replace(self, interval_years=float(years))


# What config.yaml may set: key -> (exclusive low, inclusive high, what it is in words).
CONFIGURABLE: dict[str, tuple[int, int, str]] = {
    "interval_years": (0, 20, "een aantal jaren"),
    "retention_years": (0, 50, "een aantal jaren"),
}
ORGANISATION_KEYS = ("name", "address", "logo")


def _organisation(value: object, path: Path, marks: Any) -> Organisation:
    """config.yaml's `organisation: {name, address, logo}`, or a ConfigError at its line."""
    if not isinstance(value, dict):
        line, col = marks.at(("organisation",))
        raise ConfigError.single(
            path,
            "organisation verwacht name, address en logo, bv. name: Bakkerij Peeters",
            line,
            col,
        )
    for key, text in value.items():
        line, col = marks.at(("organisation", key))
        if key not in ORGANISATION_KEYS:
            raise ConfigError.single(
                path,
                f"onbekende sleutel '{key}' onder organisation; kies uit {', '.join(ORGANISATION_KEYS)}",
                line,
                col,
            )
        if text is not None and not isinstance(text, str):
            raise ConfigError.single(path, f"organisation.{key} moet tekst zijn", line, col)
    logo = (value.get("logo") or "").strip()
    return Organisation(
        name=(value.get("name") or "").strip(),
        address=(value.get("address") or "").strip(),
        logo=(path.parent / Path(logo).expanduser()) if logo else None,
    )


MAX_EMPLOYEES = 100_000


def _employees(value: object, path: Path, marks: Any) -> int:
    """config.yaml's `employees`: a whole number of people, or a ConfigError at its line."""
    if isinstance(value, bool) or not isinstance(value, int) or not 0 < value <= MAX_EMPLOYEES:
        line, col = marks.at(("employees",))
        raise ConfigError.single(
            path,
            f"employees moet het aantal werknemers van je zaak zijn, een heel getal vanaf 1, "
            f"bv. employees: 12, niet '{value}'",
            line,
            col,
        )
    return value


def _within(value: object, low: int, high: int) -> bool:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return False
    return low < value <= high


def config_path() -> Path:
    return paths.home() / "config.yaml"
