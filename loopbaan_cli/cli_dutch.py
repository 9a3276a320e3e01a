"""Dutch for the few texts the command-line parser writes itself.

Typer's copy of click writes its help headings and usage errors in English;
these are translated on their way out, so every word the user reads is Dutch.
"""

from __future__ import annotations

import re

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

_ERRORS = [
    (r"^No such command '(.+)'\.$", r"onbekende opdracht '\1'"),
    (r"^No such option: (\S+)\s*Did you mean (\S+)\?$", r"onbekende optie \1; bedoelde je \2?"),
    (r"^No such option: (\S+)(?: \(Possible options: (.+)\))?$", r"onbekende optie \1"),
    (r"^Missing argument '(.+)'\.$", r"het argument \1 ontbreekt"),
    (r"^Missing option '(.+)'\.$", r"de optie \1 ontbreekt"),
    (r"^Option '(.+)' requires an argument\.$", r"de optie \1 heeft een waarde nodig"),
    (r"^Got unexpected extra argument\(s\) \((.+)\)$", r"te veel argumenten: \1"),
    (r"^Invalid value for '(.+?)': (.+)$", r"ongeldige waarde voor \1: \2"),
]


def help_text(text: str) -> str:
    for english, dutch in _HELP.items():
        text = text.replace(english, dutch)
    return text


def error_text(message: str) -> str:
    message = message.strip()
    for pattern, dutch in _ERRORS:
        if re.match(pattern, message, flags=re.S):
            return re.sub(pattern, dutch, message, flags=re.S)
    return message


class DutchContext(typer.Context):
    def get_help(self) -> str:
        return help_text(super().get_help())
