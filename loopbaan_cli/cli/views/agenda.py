"""`loopbaan agenda`: the items as a table, overdue rows in red, each with its command."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from loopbaan_cli.kernel import console
from loopbaan_cli.kernel.shell import command_for
from loopbaan_cli.kernel.text import printable, short_date

if TYPE_CHECKING:
    from loopbaan_cli.app.agenda import Agenda


def _span(days: int) -> str:
    if days <= 60:
        return f"{days} {'dag' if days == 1 else 'dagen'}"
    months = round(days / 30.44)
    if months < 24:
        return f"{months} maanden"
    return f"{round(days / 365.25)} jaar"


def when(day: dt.date, today: dt.date) -> str:
    """How far away, in words: "3 dagen te laat", "vandaag", "over 5 maanden"."""
    days = (day - today).days
    if days < 0:
        return f"{_span(-days)} te laat"
    if days == 0:
        return "vandaag"
    if days == 1:
        return "morgen"
    return f"over {_span(days)}"


def as_json(result: Agenda) -> None:
    console.print_json([item.as_json() for item in result.items])


def show(result: Agenda) -> None:
    """The agenda as a table; overdue rows in red, each with the command to run."""
    for problem in result.broken:
        console.warn(f"Overgeslagen: {problem}")
    window = result.settings.window_days
    if not result.items:
        scope = "" if result.show_all else f" in de komende {window} dagen"
        console.say(f"Niets te doen{scope}, en niets te laat.")
        if not result.show_all:
            console.say(f"Alles, ook wat later komt: {command_for('agenda', '--all')}", style="dim")
        return
    title = "Agenda" if result.show_all else f"Agenda: te laat en de komende {window} dagen"
    if len(result.items) > console.PLAIN_TABLE_ROWS:
        # rich measures every cell: seconds for thousands of rows; plain columns
        # also keep each command whole on its line, ready to copy
        rows = [
            [when(i.date, result.today), short_date(i.date), i.employee, i.what, i.command]
            for i in result.items
        ]
        columns = ["wanneer", "datum", "medewerker", "wat", "opdracht"]
        console.table(columns, rows, title)
        _footer(result)
        return
    # only here: importing rich's table costs a long agenda ~15 ms it never uses
    from rich.table import Table
    from rich.text import Text

    table = Table(title=title, header_style="bold", show_lines=True)
    table.add_column("wanneer", no_wrap=True)
    table.add_column("medewerker")
    table.add_column("wat, en de opdracht om het te doen", ratio=1)
    for item in result.items:
        what = Text(printable(item.what))  # measured as it will be shown
        what.append(f"\n{item.command}", style="cyan")
        table.add_row(
            Text(f"{when(item.date, result.today)}\n{short_date(item.date)}"),
            Text(printable(item.employee)),
            what,
            style="red" if item.overdue else None,
        )
    console.show(table)
    _footer(result)


def _footer(result: Agenda) -> None:
    late = sum(1 for i in result.items if i.overdue)
    if late:
        console.say(f"{late} te laat.", style="bold red")
    if not result.show_all:
        console.say(f"Alles, ook wat later komt: {command_for('agenda', '--all')}", style="dim")
