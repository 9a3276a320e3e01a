"""The command line: parse, call one core function, print through console.

No logic lives here. Heavy modules (pydantic, jinja2, questionary) are
imported inside the commands that need them, so `loopbaan --help` stays quick.
"""

# No `from __future__ import annotations` here: typer reads every command's
# annotations at each start, and string annotations cost a compile() apiece.
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated, Any

import typer

# typer >= 0.26 carries its own copy of click; its exceptions live here.
from typer._click.core import Context as ClickContext
from typer._click.exceptions import ClickException, NoArgsIsHelpError, UsageError
from typer.core import TyperGroup

from loopbaan_cli import __version__
from loopbaan_cli.cli.dutch import DutchContext, error_text, help_text
from loopbaan_cli.kernel import console
from loopbaan_cli.kernel.errors import EXIT_INTERRUPTED, EXIT_USER, LoopbaanError, os_error


class _Group(TyperGroup):
    """Maps every LoopbaanError to its message and exit code, in one place."""

    context_class = DutchContext

    def get_command(self, ctx: ClickContext, cmd_name: str) -> Any:
        command = super().get_command(ctx, cmd_name)
        if command is not None:
            command.context_class = DutchContext  # help pages in Dutch, sub-commands too
        return command

    def invoke(self, ctx: ClickContext) -> Any:
        try:
            return super().invoke(ctx)
        except LoopbaanError as exc:
            console.error(exc.message, exc.hint)
            raise typer.Exit(exc.exit_code) from None
        except BrokenPipeError:
            raise  # the reader of our output is gone: not a problem to explain (see main)
        except OSError as exc:  # a home that is a file, no permission, a full disk
            problem = os_error(exc)
            console.error(problem.message, problem.hint)
            raise typer.Exit(problem.exit_code) from None

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        # Run click in non-standalone mode so every way out passes through here,
        # in Dutch and with our exit codes.
        try:
            result = super().main(
                args, prog_name, complete_var, False, windows_expand_args, **extra
            )
        except NoArgsIsHelpError as exc:
            console.out(help_text(exc.format_message()))
            result = 0
        except UsageError as exc:
            command = exc.ctx.command_path if exc.ctx else "loopbaan"
            console.error(
                f"Fout in de opdracht: {error_text(exc.format_message())}",
                f"Meer uitleg: {command} --help",
            )
            result = EXIT_USER
        except typer.Abort:
            result = EXIT_INTERRUPTED
        except ClickException as exc:
            console.error(exc.format_message())
            result = exc.exit_code
        if not standalone_mode:
            return result
        sys.exit(result if isinstance(result, int) else 0)


app = typer.Typer(
    cls=_Group,
    name="loopbaan",
    help="Begeleidt een loopbaangesprek stap voor stap en drukt de afspraken af.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)
banks_app = typer.Typer(
    cls=_Group,
    help="Vragenbanken bekijken en controleren.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(banks_app, name="banks")


def _version(value: bool) -> None:
    if value:
        console.out(f"loopbaan {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    home: Annotated[
        Path | None,
        typer.Option(
            "--home", help="Map met je gesprekken en eigen vragenbanken (wint van $LOOPBAAN_HOME)."
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Toon de versie."),
    ] = False,
) -> None:
    """Begeleidt een loopbaangesprek stap voor stap en drukt de afspraken af.

    Begin met `loopbaan start`. Alles wat je typt, wordt meteen bewaard op deze
    computer, leesbaar voor jou alleen.
    """
    if home is not None:
        from loopbaan_cli.kernel import paths

        paths.set_home(home)


SessionId = Annotated[
    str | None,
    typer.Argument(
        help="Het gesprek: de id, het begin van de id of de naam van de medewerker "
        "(standaard: het meest recente).",
        show_default=False,
        metavar="ID",
    ),
]
OutputOption = Annotated[
    Path | None,
    typer.Option("--output", "-o", help="Schrijf naar dit bestand in plaats van naar het scherm."),
]
ForceOption = Annotated[bool, typer.Option("--force", help="Overschrijf een bestaand bestand.")]
JsonFlag = Annotated[bool, typer.Option("--json", help="Geef machineleesbare JSON.")]


@app.command()
def start(
    answers: Annotated[
        Path | None,
        typer.Option(
            "--answers",
            help="YAML-bestand met antwoorden; vraag enkel wat ontbreekt.",
            show_default=False,
        ),
    ] = None,
    no_input: Annotated[
        bool,
        typer.Option(
            "--no-input", help="Vraag niets; faal met een lijst van wat ontbreekt of fout is."
        ),
    ] = False,
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
) -> None:
    """Begin een nieuw loopbaangesprek (of vul het aan uit een bestand).

    Staat er een voorbereid gesprek klaar voor de medewerker, dan gaat het daar
    verder (na de naam wordt het gevraagd; met --employee meteen).
    """
    from loopbaan_cli.app import start as conversation
    from loopbaan_cli.sessions import store

    session = conversation.start(answers, no_input, employee=employee)
    if as_json:
        console.print_json({"id": session.id, "path": str(store.session_path(session.id))})
    elif no_input:
        console.success(f"Gesprek {session.id} bewaard.")


@app.command()
def resume(session_id: SessionId = None) -> None:
    """Ga verder met een onderbroken gesprek, precies bij de vraag waar je was."""
    from loopbaan_cli.app import lookup
    from loopbaan_cli.app import start as conversation

    conversation.resume(lookup.find(session_id, "resume"))


@app.command()
def export(
    session_id: SessionId = None,
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            help="md, txt, html (om af te drukken: A4, de kaart A6) of ics "
            "(agenda voor Outlook of Google Agenda). Standaard: de extensie van -o, "
            "anders md.",
            show_default=False,
        ),
    ] = None,
    kind: Annotated[
        str,
        typer.Option(
            "--kind",
            "-k",
            help="Wat je maakt: afspraken (het blad dat jullie tekenen), kaart (het plan op "
            "een zakkaart), uitnodiging (voor de medewerker, vóór het gesprek) of "
            "voorbereiding (jouw voorbereiding). Bij --format ics maakt dit niet uit: de "
            "agenda bevat altijd de opvolgmomenten, de data van de afspraken en het "
            "volgende gesprek.",
        ),
    ] = "afspraken",
    output: OutputOption = None,
    force: ForceOption = False,
    template: Annotated[
        Path | None,
        typer.Option(
            "--template",
            help="Gebruik dit Jinja2-sjabloon (niet voor ics). Zie docs/sjablonen.md.",
            show_default=False,
        ),
    ] = None,
    open_file: Annotated[
        bool,
        typer.Option(
            "--open",
            help="Open het bestand daarna met het standaardprogramma. Zonder -o komt het in "
            "deze map, bv. afspraken-<id>.html.",
        ),
    ] = False,
) -> None:
    """Maak een document van een gesprek: afspraken, zakkaart, uitnodiging, voorbereiding of agenda.

    Standaard verschijnt het op het scherm; met -o of --open komt het in een
    bestand (een bestaand bestand overschrijf je alleen met --force).
    """
    from loopbaan_cli.app import export as exporting
    from loopbaan_cli.app import lookup

    session_id = lookup.find(session_id, "export")
    result = exporting.export(session_id, kind, fmt, output, force, template, open_file)
    if result.path is None:
        console.out(result.text)
        return
    console.out(f"Geschreven: {result.path}")
    if result.open_problem:
        console.warn(result.open_problem)


@app.command(name="list")
def list_(
    as_json: JsonFlag = False,
    employee: Annotated[
        str | None,
        typer.Option(
            "--employee",
            "-e",
            help="Alleen de gesprekken van deze medewerker (hoofdletters en accenten tellen niet).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Toon alle gesprekken, het nieuwste eerst."""
    from loopbaan_cli.cli import views as screens
    from loopbaan_cli.cycle import agenda
    from loopbaan_cli.sessions import store

    listing = store.list_sessions()
    for problem in listing.broken:
        console.warn(f"Overgeslagen: {problem}")
    sessions = agenda.matching(listing.sessions, employee) if employee else listing.sessions
    if as_json:
        console.print_json([screens.session_row(s) for s in sessions])
    else:
        screens.session_table(sessions)


@app.command()
def show(session_id: SessionId = None) -> None:
    """Toon één gesprek volledig, met de privénotities (alleen op je scherm).

    Daarna de opvolging en de eerdere gesprekken met dezelfde medewerker, met
    wat er van hun afspraken terechtkwam.
    """
    from loopbaan_cli.app import lookup
    from loopbaan_cli.cli import views as screens
    from loopbaan_cli.cycle import history
    from loopbaan_cli.sessions import store

    session = store.resolve(lookup.find(session_id, "show"))
    screens.show_session(session)
    history.show_history(session)


@banks_app.command(name="list")
def banks_list(as_json: JsonFlag = False) -> None:
    """Toon de vragenbanken, levensfasen, doelen en waar elke bank vandaan komt."""
    from loopbaan_cli.app import start as conversation
    from loopbaan_cli.cli import views as screens

    library = conversation.library_for_use()
    if as_json:
        console.print_json(screens.library_data(library))
    else:
        screens.library_table(library)


@banks_app.command(name="validate")
def banks_validate(
    files: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Te controleren bestanden (standaard: alle ingebouwde en eigen).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Controleer vragenbanken en meld elke fout als bestand:regel:kolom."""
    from loopbaan_cli.banks import validation

    report = validation.validate(files or [])
    for problem in report.warnings:
        console.warn(str(problem))
    console.success(report.summary)


@banks_app.command(name="schema")
def banks_schema(
    name: Annotated[
        str,
        typer.Argument(
            help="Welk schema: vragenbank, levensfasen, doelen, acties, conclusies of "
            "doorverwijzing."
        ),
    ] = "vragenbank",
) -> None:
    """Toon het JSON-schema van een vragenbank, zodat een editor je YAML kan nakijken."""
    from loopbaan_cli.banks import schema

    console.out(schema.text(name))


@app.command(name="init")
def init_(
    force: Annotated[
        bool, typer.Option("--force", help="Overschrijf ook bestanden die je al aangepast hebt.")
    ] = False,
) -> None:
    """Zet bewerkbare kopieën van de vragenbanken en sjablonen in je eigen map."""
    from loopbaan_cli.app import init

    # plain lines: a long path must stay whole to be copied
    console.out("\n".join(init.summary(init.init(force))))


# --- before and after the conversation (issue 5) ------------------------------------

EmployeeOption = Annotated[
    str | None,
    typer.Option(
        "--employee",
        "-e",
        help="Naam van de medewerker (hoofdletters en accenten tellen niet).",
        show_default=False,
    ),
]
AnswersOption = Annotated[
    Path | None,
    typer.Option(
        "--answers",
        help="YAML-bestand met antwoorden; vraag enkel wat ontbreekt.",
        show_default=False,
    ),
]
NoInputFlag = Annotated[
    bool,
    typer.Option(
        "--no-input", help="Vraag niets; faal met een lijst van wat ontbreekt of fout is."
    ),
]


@app.command()
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
) -> None:
    """Bereid een loopbaangesprek voor: wie, wanneer, en jouw voorbereiding als leidinggevende.

    Het gesprek krijgt de status 'voorbereid'. Met --employee vul je de gegevens
    van een gekende medewerker al in (of werk je verder aan diens voorbereiding).
    Op de dag zelf neemt `loopbaan start --employee NAAM` het voorbereide gesprek over.
    """
    from loopbaan_cli.app import lookup
    from loopbaan_cli.app import prepare as preparing
    from loopbaan_cli.sessions import store

    session_id = lookup.find(session_id, "prepare")
    session = preparing.prepare(session_id, employee, answers, no_input, quiet=as_json)
    if as_json:
        console.print_json({"id": session.id, "path": str(store.session_path(session.id))})


@app.command()
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
) -> None:
    """Houd een opvolgmoment: hoe staan de afspraken ervoor, wat liep moeilijk, wat lukte.

    Per afspraak: klaar, loopt, zit vast of geschrapt, met een opmerking; dan de
    moeilijkheden, wat gelukt is, nieuwe of gewijzigde afspraken en het volgende
    moment. Het wordt bij het gesprek bewaard, na elk antwoord. Het bestand voor
    --answers: date, progress (per nummer: status en remark), difficulties,
    successes, new_agreements, changed_agreements en next (zie de README).
    """
    from loopbaan_cli.app import followup as following
    from loopbaan_cli.app import lookup

    session_id = lookup.find(session_id, "followup")
    following.summary(following.followup(session_id, answers, no_input))


@app.command()
def agenda(
    show_all: Annotated[
        bool, typer.Option("--all", help="Toon alles, ook wat na de komende 90 dagen komt.")
    ] = False,
    interval: Annotated[
        float | None,
        typer.Option(
            "--interval",
            help="Jaren tussen twee loopbaangesprekken als er geen datum werd afgesproken "
            "(standaard interval_years uit config.yaml in je gegevensmap, anders 3).",
            show_default=False,
        ),
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """Wat komt eraan en wat is te laat: opvolgmomenten, afspraken, nieuwe gesprekken.

    Standaard alles wat te laat is en de komende 90 dagen, het eerste eerst, met
    de opdracht om het te doen. Ook wie toe is aan een nieuw loopbaangesprek:
    op de afgesproken datum, anders na het interval, en op de vaste momenten
    (5 jaar in dienst, 5 jaar voor het pensioen) als die gekend zijn.
    """
    from loopbaan_cli.cycle import agenda as planner

    result = planner.agenda(show_all, interval)
    if as_json:
        console.print_json([item.as_json() for item in result.items])
    else:
        planner.show(result)


@app.command()
def delete(
    session_id: Annotated[
        str | None,
        typer.Argument(
            help="Het gesprek dat weg moet: de id, het begin van de id of de naam van de "
            "medewerker (als die maar één gesprek heeft).",
            show_default=False,
            metavar="ID",
        ),
    ] = None,
    employee: EmployeeOption = None,
    yes: Annotated[
        bool, typer.Option("--yes", "-y", help="Niet eerst vragen of je zeker bent.")
    ] = False,
) -> None:
    """Verwijder een gesprek, of met --employee alles over één medewerker.

    Er blijft niets achter: geen kopie, geen slot- of tijdelijk bestand. Eerst
    wordt gevraagd of je zeker bent; zonder terminal moet je --yes geven.
    """
    from loopbaan_cli.app import lookup, privacy

    session_id = session_id if employee else lookup.find(session_id, "delete")
    privacy.report_deletion(privacy.delete(session_id, employee, yes))


@app.command(name="export-data")
def export_data(
    employee: Annotated[
        str, typer.Option("--employee", "-e", help="Naam van de medewerker.", show_default=False)
    ],
    fmt: Annotated[str, typer.Option("--format", "-f", help="yaml of json.")] = "yaml",
    output: OutputOption = None,
    force: ForceOption = False,
) -> None:
    """Alles wat over één medewerker bewaard is, in één bestand (het recht op inzage)."""
    from loopbaan_cli.app import export as exporting
    from loopbaan_cli.app import privacy

    text = privacy.export_data(employee, fmt)
    if output is None:
        console.out(text)
    else:
        console.out(f"Geschreven: {exporting.write_private(output, text, force)}")


@app.command()
def paths(as_json: JsonFlag = False) -> None:
    """Toon waar loopbaan je gesprekken, vragenbanken en instellingen bewaart."""
    from loopbaan_cli.app import privacy

    data = privacy.locations()
    if as_json:
        console.print_json(data)
    else:
        privacy.show_locations(data)


def main() -> None:
    import os

    # loopbaan uses no pydantic plugins; looking for them reads every installed
    # package's metadata (8 ms on each command that loads a file).
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    console.prepare_streams()
    try:
        app()
    except BrokenPipeError:
        # `loopbaan list | head -1`, or stdout closed (`>&-`): nobody reads what we write.
        # Stop without a word and with exit code 1, as click does for --help and as
        # Python's documentation advises; 141 (128 + SIGPIPE) is what a shell reports for
        # a program killed by the signal, which Python ignores.
        console.silence_stdout()
        sys.exit(1)
