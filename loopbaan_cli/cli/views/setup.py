"""`loopbaan init`: what was copied where, and how to go on with the copies."""

from __future__ import annotations

from typing import TYPE_CHECKING

from loopbaan_cli.kernel import console
from loopbaan_cli.kernel.shell import command_for

if TYPE_CHECKING:
    from loopbaan_cli.app.init import InitReport


def init_report(report: InitReport) -> None:
    # plain lines: a long path must stay whole to be copied
    console.out("\n".join(_lines(report)))


def _lines(report: InitReport) -> list[str]:
    lines = [
        f"Je eigen vragenbanken: {report.banks_dir}",
        f"Je eigen sjablonen:    {report.templates_dir}",
        "",
    ]
    if report.written:
        lines.append(f"{len(report.written)} bestand(en) gekopieerd.")
    if report.replaced:
        lines.append(
            f"{len(report.replaced)} bestand(en) vervangen door de ingebouwde versie (--force):"
        )
        lines += [f"  {p}" for p in report.replaced]
    if report.kept:
        lines.append(
            f"{len(report.kept)} bestand(en) niet overschreven, want ze verschillen van de "
            "ingebouwde versie (misschien heb je ze aangepast):"
        )
        lines += [f"  {p}" for p in report.kept]
        lines.append(
            f"Wil je die toch terug zoals ze ingebouwd zijn: {command_for('init', '--force')}"
        )
    if not (report.written or report.replaced or report.kept):
        lines.append("Alles stond er al; er is niets veranderd.")
    lines += [
        "",
        "Zo ga je verder:",
        f"  1. Open een vragenbank in {report.banks_dir / 'banks'} met een teksteditor",
        "     (bv. kern.yaml) en pas de vragen aan. Een bank die je niet nodig hebt,",
        "     zet je uit met 'enabled: false'.",
        f"  2. Controleer je werk: {command_for('banks', 'validate')}",
        f"  3. Kijk of alles er staat: {command_for('banks', 'list')}",
        "Je eigen bestanden vervangen de ingebouwde met dezelfde id of naam.",
    ]
    return lines
