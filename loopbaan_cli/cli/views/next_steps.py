"""What to do next, after a conversation and after a preparation: the commands, ready to copy.

Commands are printed unwrapped (console.out), so they can be copied as they are.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from loopbaan_cli.app.export import default_name
from loopbaan_cli.kernel import console
from loopbaan_cli.kernel.shell import command_for

if TYPE_CHECKING:
    from pathlib import Path

    from loopbaan_cli.app.prepare import Prepared
    from loopbaan_cli.app.start import Held


def started(result: Held, *, as_json: bool, no_input: bool) -> None:
    """`loopbaan start` (and resume): what to do with the finished conversation."""
    after_conversation(result)
    if as_json:
        _saved(result.session.id, result.path)
    elif no_input:
        console.success(f"Gesprek {result.session.id} bewaard.")


def prepared(result: Prepared, *, as_json: bool) -> None:
    """`loopbaan prepare`: the file as JSON, or what to do next in words."""
    if as_json:
        _saved(result.session.id, result.path)
    else:
        after_preparation(result)


def _saved(session_id: str, path: Path) -> None:
    console.print_json({"id": session_id, "path": str(path)})


def after_conversation(result: Held) -> None:
    """Once the conversation is finished: how to print the agreement."""
    if not result.finished:
        return  # paused, or saved from a file: that message is said elsewhere
    session_id = result.session.id
    console.success("Het gesprek is afgerond en bewaard.")
    console.say(
        f"Afsprakenblad afdrukken: {command_for('export', session_id, '--format', 'txt')} | lpr"
    )
    console.say(f"Of als bestand: {command_for('export', session_id, '-o', 'afspraken.html')}")


def after_preparation(result: Prepared) -> None:
    """What is still open, how to hand out the invitation, how to start on the day."""
    session = result.session
    if session.stage == "preparation":
        return  # paused: the pause message already said how to go on
    name = session.employee.name
    console.success(f"Voorbereid en bewaard: {session.id} (gesprek met {name}).")
    if result.still_open:
        console.warn("Nog niet ingevuld, en wel belangrijk voor het gesprek:")
        for text in result.still_open:
            console.warn(f"  - {text}")
        console.warn(f"Aanvullen: {command_for('prepare', session.id)}")
    # file names with the id: a second preparation in the same folder pastes without a clash
    invitation = default_name(session.id, "uitnodiging", "md")
    console.say("Geef de medewerker de uitnodiging, met vragen om vooraf over na te denken:")
    console.out(f"  {command_for('export', session.id, '--kind', 'uitnodiging', '-o', invitation)}")
    console.say("Het gesprek in de agenda (uur, plaats en duur), voor jou en voor de medewerker:")
    calendar = default_name(session.id, "uitnodiging", "ics")
    console.out(f"  {command_for('export', session.id, '--format', 'ics', '-o', calendar)}")
    console.say("Je eigen voorbereiding afdrukken:")
    console.out(f"  {command_for('export', session.id, '--kind', 'voorbereiding')}")
    console.say("Op de dag van het gesprek:")
    console.out(f"  {command_for('start', '--employee', name)}")
