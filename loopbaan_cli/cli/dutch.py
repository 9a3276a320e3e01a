"""Dutch for the few texts the command-line parser writes itself.

Typer's copy of click writes its help headings and usage errors in English;
these are translated on their way out, so every word the user reads is Dutch.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import typer

_HELP = {
    "Usage:": "Gebruik:",
    "Options:": "Opties:",
    "Arguments:": "Argumenten:",
    "Commands:": "Opdrachten:",
    "Show this message and exit.": "Toon deze hulp.",
    "[default:": "[standaard:",
    "[required]": "[verplicht]",
    "COMMAND [ARGS]...": "OPDRACHT [ARGUMENTEN]...",
    "[OPTIONS]": "[OPTIES]",
}

# A rule: a pattern for click's English message, and the Dutch as a template or a function.
_Rule = tuple[str, str | Callable[[re.Match[str]], str]]

# What a parameter type says about a value it cannot read (after "Invalid value for ...").
_VALUES: list[_Rule] = [
    (r"^(.+) is not a valid float( range)?\.$", r"\1 is geen getal (schrijf bv. 2 of 2.5)"),
    (r"^(.+) is not a valid int(eger)?( range)?\.$", r"\1 is geen geheel getal"),
    (r"^(.+) is not a valid boolean\..*$", r"\1 is geen ja of nee (schrijf true of false)"),
    (r"^(.+) is not in the range (.+)\.$", r"\1 ligt buiten het bereik \2"),
    (r"^(.+) does not match the formats? (.+)\.$", r"\1 heeft niet de vorm \2"),
    (r"^(.+) is not one of (.+)\.$", lambda m: f"{m[1]} is geen {_or(m[2])}"),
    (r"^(.+) is not a valid (.+)\.$", r"\1 is geen geldige \2"),
]

_ERRORS: list[_Rule] = [
    (
        r"^No such command '(.+)'\.\s*Did you mean (.+)\?$",
        lambda m: f"onbekende opdracht '{m[1]}'; bedoelde je {_or(m[2])}?",
    ),
    (r"^No such command '(.+)'\.$", r"onbekende opdracht '\1'"),
    (r"^No such option: (\S+)\s*Did you mean (\S+)\?$", r"onbekende optie \1; bedoelde je \2?"),
    (
        r"^No such option: (\S+) \(Possible options: (.+)\)$",
        lambda m: f"onbekende optie {m[1]}; bedoelde je {_or(m[2])}?",
    ),
    (r"^No such option: (\S+)$", r"onbekende optie \1"),
    (r"^Missing argument '(.+)'\.$", r"het argument \1 ontbreekt"),
    (r"^Missing option '(.+)'\.$", r"de optie \1 ontbreekt"),
    (r"^Option '(.+)' requires an argument\.$", r"de optie \1 heeft een waarde nodig"),
    (r"^Option '(.+)' requires (\d+) arguments\.$", r"de optie \1 heeft \2 waarden nodig"),
    (r"^Option '(.+)' does not take a value\.$", r"de optie \1 neemt geen waarde"),
    (r"^Got unexpected extra argument\(s\) \((.+)\)$", r"te veel argumenten: \1"),
    (
        r"^Invalid value for '(.+?)': (.+)$",
        lambda m: f"ongeldige waarde voor {m[1]}: {_translate(m[2], _VALUES)}",
    ),
    (r"^Invalid value: (.+)$", lambda m: f"ongeldige waarde: {_translate(m[1], _VALUES)}"),
]


def _or(names: str) -> str:
    """ "'start', 'show'" -> "'start' of 'show'": the last choice joined with 'of'."""
    head, sep, last = names.rpartition(", ")
    return f"{head} of {last}" if sep else names


def _translate(message: str, rules: list[_Rule]) -> str:
    for pattern, dutch in rules:
        match = re.match(pattern, message, flags=re.S)
        if match:
            return match.expand(dutch) if isinstance(dutch, str) else dutch(match)
    return message


def help_text(text: str) -> str:
    for english, dutch in _HELP.items():
        text = text.replace(english, dutch)
    return text


def error_text(message: str) -> str:
    return _translate(message.strip(), _ERRORS)


class DutchContext(typer.Context):
    def get_help(self) -> str:
        return help_text(super().get_help())
