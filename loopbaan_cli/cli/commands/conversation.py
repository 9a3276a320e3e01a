"""The conversation and what comes before and after it: start, resume, prepare, followup."""

# No `from __future__ import annotations` (see commands/__init__.py).
from typing import Annotated

import typer

from loopbaan_cli.cli.options import (
    AnswersOption,
    EmployeeOption,
    JsonFlag,
    NoInputFlag,
    SessionId,
    TakeOverFlag,
)


def _allow_take_over(take_over: bool) -> None:
    from loopbaan_cli.sessions import locks

    locks.take_over_elsewhere(take_over)


def start(
    answers: AnswersOption = None,
    no_input: NoInputFlag = False,
    as_json: JsonFlag = False,
    employee: Annotated[
        str | None,
        typer.Option(
            "--employee",
            "-e",
            help="Naam van de medewerker: neemt diens voorbereide gesprek over (loopbaan "
            "prepare), of vult de naam al in.",
            show_default=False,
        ),
    ] = None,
    take_over: TakeOverFlag = False,
) -> None:
    """Begin een nieuw loopbaangesprek (of vul het aan uit een bestand).

    Staat er een voorbereid gesprek klaar voor de medewerker, dan gaat het daar
    verder (na de naam wordt het gevraagd; met --employee meteen).
    """
    from loopbaan_cli.app import start
    from loopbaan_cli.cli import early, terminal

    _allow_take_over(take_over)
    keyboard = terminal.keyboard("dit gesprek", "start")
    try:
        # at a terminal the first question is drawn as soon as it is known (cli/early.py)
        result = start.start(
            answers,
            no_input,
            keyboard=keyboard,
            employee=employee,
            early=early.draw if terminal.interactive() else None,
        )
    finally:
        early.release()  # stopped before the first prompt took the keys: the terminal as it was
    from loopbaan_cli.cli.views.next_steps import started

    started(result, as_json=as_json, no_input=no_input)


def resume(session_id: SessionId = None, take_over: TakeOverFlag = False) -> None:
    """Ga verder met een onderbroken gesprek, precies bij de vraag waar je was."""
    from loopbaan_cli.app import lookup, start
    from loopbaan_cli.cli import terminal
    from loopbaan_cli.cli.views.next_steps import after_conversation

    _allow_take_over(take_over)
    keyboard = terminal.keyboard("dit gesprek", "start")
    after_conversation(start.resume(lookup.find(session_id, "resume"), keyboard=keyboard))


def prepare(
    session_id: Annotated[
        str | None,
        typer.Argument(
            help="Werk verder aan deze voorbereiding: de id, het begin van de id of de naam van "
            "de medewerker (standaard: een nieuwe).",
            show_default=False,
            metavar="ID",
        ),
    ] = None,
    employee: EmployeeOption = None,
    answers: AnswersOption = None,
    no_input: NoInputFlag = False,
    as_json: JsonFlag = False,
    take_over: TakeOverFlag = False,
) -> None:
    """Bereid een loopbaangesprek voor: wie, wanneer, en jouw voorbereiding als leidinggevende.

    Het gesprek krijgt de status 'voorbereid'. Met --employee vul je de gegevens
    van een gekende medewerker al in (of werk je verder aan diens voorbereiding).
    Op de dag zelf neemt `loopbaan start --employee NAAM` het voorbereide gesprek over.
    """
    from loopbaan_cli.app import lookup, prepare
    from loopbaan_cli.cli import terminal
    from loopbaan_cli.cli.views.next_steps import prepared

    _allow_take_over(take_over)
    result = prepare.prepare(
        lookup.find(session_id, "prepare"),
        employee,
        answers,
        no_input,
        keyboard=terminal.keyboard("de voorbereiding", "prepare"),
    )
    prepared(result, as_json=as_json)


def followup(
    session_id: Annotated[
        str | None,
        typer.Argument(
            help="Het gesprek: de id, het begin van de id of de naam van de medewerker "
            "(standaard: een onafgewerkte opvolging, anders het meest recente afgeronde gesprek).",
            show_default=False,
            metavar="ID",
        ),
    ] = None,
    answers: AnswersOption = None,
    no_input: NoInputFlag = False,
    take_over: TakeOverFlag = False,
) -> None:
    """Houd een opvolgmoment: hoe staan de afspraken ervoor, wat liep moeilijk, wat lukte.

    Per afspraak: klaar, loopt, zit vast of geschrapt, met een opmerking; dan de
    moeilijkheden, wat gelukt is, nieuwe of gewijzigde afspraken en het volgende
    moment. Het wordt bij het gesprek bewaard, na elk antwoord. Het bestand voor
    --answers: date, progress (per nummer: status en remark), difficulties,
    successes, new_agreements, changed_agreements en next (zie de README).
    """
    from loopbaan_cli.app import followup, lookup
    from loopbaan_cli.cli import terminal
    from loopbaan_cli.cli.views.followup import summary

    _allow_take_over(take_over)
    result = followup.followup(
        lookup.find(session_id, "followup"),
        answers,
        no_input,
        keyboard=terminal.keyboard("de opvolging", "followup ID"),
    )
    summary(result)
