"""`loopbaan employees`: the register as a table or JSON, and what an edit or merge did."""

from __future__ import annotations

from typing import TYPE_CHECKING

from loopbaan_cli.cli.views.tables import id_table
from loopbaan_cli.kernel import console
from loopbaan_cli.kernel.shell import command_for
from loopbaan_cli.kernel.text import short_date

if TYPE_CHECKING:
    from loopbaan_cli.app.employees import Merged, Roster
    from loopbaan_cli.sessions.employees import Entry


def roster(result: Roster, as_json: bool) -> None:
    if as_json:
        console.print_json(
            {
                "employees": [
                    {
                        "id": row.entry.id,
                        "name": row.entry.name,
                        "role": row.entry.role,
                        "service_start": row.entry.service_start.isoformat()
                        if row.entry.service_start
                        else None,
                        "retirement_year": row.entry.retirement_year,
                        "conversations": row.conversations,
                    }
                    for row in result.rows
                ],
                "unregistered": [s.id for s in result.unregistered],
            }
        )
        return
    if not result.rows:
        console.say(
            f"Er staat nog niemand in het medewerkersregister. Begin met `{command_for('start')}`."
        )
    else:
        id_table(
            ["id", "naam", "functie", "in dienst sinds", "pensioen", "gesprekken"],
            [
                [
                    row.entry.id,
                    row.entry.name,
                    row.entry.role,
                    short_date(row.entry.service_start) if row.entry.service_start else "",
                    str(row.entry.retirement_year or ""),
                    str(row.conversations),
                ]
                for row in result.rows
            ],
        )
    for session in result.unregistered:
        console.warn(
            f"Gesprek {session.id} ({session.employee.name}) hoort bij geen medewerker uit "
            "het register."
        )


def edited(entry: Entry) -> None:
    start = short_date(entry.service_start) if entry.service_start else "onbekend"
    console.success(
        f"Bewaard: {entry.id} {entry.name}"
        + (f" ({entry.role})" if entry.role else "")
        + f", in dienst sinds {start}"
        + (f", pensioen {entry.retirement_year}" if entry.retirement_year else "")
        + "."
    )


def merged(result: Merged) -> None:
    count = len(result.moved)
    what = "1 gesprek" if count == 1 else f"{count} gesprekken"
    console.success(
        f"Samengevoegd: {result.gone.name} ({result.gone.id}) is nu {result.kept.name} "
        f"({result.kept.id}); {what} verhuisd."
    )
