"""`loopbaan followup`: what the check-in recorded, once it is done."""

from __future__ import annotations

from typing import TYPE_CHECKING

from loopbaan_cli.cli.views.history import checkin
from loopbaan_cli.kernel import console
from loopbaan_cli.kernel.shell import command_for
from loopbaan_cli.kernel.values import format_value

if TYPE_CHECKING:
    from loopbaan_cli.app.followup import Result


def summary(result: Result) -> None:
    if result.paused:
        return  # the pause message already said how to go on
    session, held = result.session, result.checkin
    console.success(
        f"Opvolging van {format_value(held.date)} bewaard bij het gesprek met "
        f"{session.employee.name} ({session.id})."
    )
    checkin(session, held)
    # html needs no extra package; a .pdf or .docx file works the same with its extra
    export = command_for(
        "export", session.id, "--kind", "opvolging", "-o", f"opvolging-{session.id}.html"
    )
    console.say(f"Voor de medewerker, om af te drukken: {export}")
    console.say(f"Alles bekijken: {command_for('show', session.id)}", style="dim")
