"""The rhythm of the career cycle: how far apart conversations, follow-ups and deadlines fall.

The defaults live here, in one place; `<home>/config.yaml` may change the
keys listed in CONFIGURABLE (today only `interval_years`, as the README says),
and `loopbaan agenda --interval` wins over the file. Reading the file is the
only disk access of the cycle room, and only `Settings.load` does it.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from loopbaan_cli.kernel import paths
from loopbaan_cli.kernel.errors import ConfigError, LoopbaanError


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

    @classmethod
    def load(cls, path: Path | None = None) -> Settings:
        """The settings from config.yaml (default: in the data folder); defaults without it."""
        path = path or config_path()
        if not path.is_file():
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
        return dataclasses.replace(defaults, **changes)

    def with_interval(self, years: float | None) -> Settings:
        """These settings with `--interval` (when given) instead of interval_years."""
        if years is None:
            return self
        low, high, _ = CONFIGURABLE["interval_years"]
        if not _within(years, low, high):
            raise LoopbaanError(
                f"--interval {years:g} kan niet: geef een aantal jaren tussen {low} en {high}, bv. 3"
            )
        return dataclasses.replace(self, interval_years=float(years))


# What config.yaml may set: key -> (exclusive low, inclusive high, what it is in words).
CONFIGURABLE: dict[str, tuple[int, int, str]] = {
    "interval_years": (0, 20, "een aantal jaren"),
}


def _within(value: object, low: int, high: int) -> bool:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return False
    return low < value <= high


def config_path() -> Path:
    return paths.home() / "config.yaml"
