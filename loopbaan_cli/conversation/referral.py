"""Where to find career guidance, as the conversation shows it and the sheet prints it.

Two copies: the manager reads the whole text while explaining the
conclusion; the employee's copy (on the signed sheet) leaves out the
introduction and the note meant for the manager.
"""

from __future__ import annotations

from loopbaan_cli.banks.library import Library
from loopbaan_cli.kernel.values import format_value


def referral_for_manager(library: Library) -> str:
    referral = library.referral
    checked = f"Gecontroleerd op {format_value(referral.checked_on)}."
    lines = [referral.intro, "", *_providers(library), "", f"{checked} {referral.note}".strip()]
    return "\n".join(lines)


def referral_for_employee(library: Library) -> str:
    checked = f"Gecontroleerd op {format_value(library.referral.checked_on)}."
    return "\n".join([*_providers(library), "", checked])


def _providers(library: Library) -> list[str]:
    lines = []
    for provider in library.referral.providers:
        contact = f" ({provider.contact})" if provider.contact else ""
        lines.append(f"• {provider.name}: {provider.what} {provider.how}{contact}")
    return lines
