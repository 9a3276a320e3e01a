"""The command line: the root, the table of commands, and where errors become messages.

The commands themselves are in commands/ (one module per room); what they
show, in views/. Heavy modules (pydantic, jinja2, questionary) are imported
inside the commands that need them, so `loopbaan --help` stays quick.
"""

# No `from __future__ import annotations` here: typer reads every command's
# annotations at each start, and string annotations cost a compile() apiece.
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Annotated, Any

import typer

# typer >= 0.26 carries its own copy of click; its exceptions live here.
from typer._click.core import Context as ClickContext
from typer._click.exceptions import ClickException, NoArgsIsHelpError, UsageError
from typer.core import TyperCommand, TyperGroup

from loopbaan_cli import __version__
from loopbaan_cli.cli.commands import (
    banks,
    conversation,
    cycle,
    documents,
    employees,
    privacy,
    sessions,
    setup,
)
from loopbaan_cli.cli.dutch import DutchContext, error_text, help_text
from loopbaan_cli.kernel import console, paths
from loopbaan_cli.kernel.errors import EXIT_INTERRUPTED, EXIT_USER, LoopbaanError, os_error


class _Group(TyperGroup):
    """Maps every LoopbaanError to its message and exit code, in one place."""

    context_class = DutchContext

    def get_command(self, ctx: ClickContext, cmd_name: str) -> Any:
        command = super().get_command(ctx, cmd_name)
        if command is not None:
            command.context_class = DutchContext  # help pages in Dutch, sub-commands too
        return command

    # The words of this run (`loopbaan` left out), for a hint that repeats the command.
    _args: tuple[str, ...] = ()

    def invoke(self, ctx: ClickContext) -> Any:
        try:
            return super().invoke(ctx)
        except LoopbaanError as exc:
            console.error(exc.message, _take_over_hint(self, ctx, exc) or exc.hint)
            raise typer.Exit(exc.exit_code) from None
        except BrokenPipeError:
            raise  # the reader of our output is gone: not a problem to explain (see main)
        except OSError as exc:  # a home that is a file, no permission, a full disk
            problem = os_error(exc, paths.home())
            console.error(problem.message, problem.hint)
            raise typer.Exit(problem.exit_code) from None
        finally:
            # Ids reserved for a conversation that was never saved (a refused file).
            locks = sys.modules.get("loopbaan_cli.sessions.locks")
            if locks is not None:
                locks.release_reserved()
                locks.take_over_elsewhere(False)  # one command's --take-over, not the next's
            _upgrade_report()

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
        _Group._args = tuple(sys.argv[1:] if args is None else args)
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


def _take_over_hint(group: TyperGroup, ctx: ClickContext, exc: LoopbaanError) -> str | None:
    """A lock of another computer: the exact command that takes it over, when it has --take-over."""
    locks = sys.modules.get("loopbaan_cli.sessions.locks")
    if locks is None or not isinstance(exc, locks.LockedElsewhereError):
        return None
    command = group.get_command(ctx, ctx.invoked_subcommand or "")
    if command is None or not any(p.name == "take_over" for p in command.params):
        return None
    from loopbaan_cli.kernel.shell import command_for

    words = [w for w in _Group._args if w != "--take-over"]
    return (
        f"Sluit het daar eerst af. Staat het daar zeker niet meer open (of is die computer "
        f"stuk), neem het slot dan bewust over: `{command_for(*words, '--take-over')}`"
    )


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
employees_app = typer.Typer(
    cls=_Group,
    help="Het medewerkersregister: wie is wie, met id, functie en data.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(employees_app, name="employees")


def _upgrade_report() -> None:
    """What a first upgrade of the data folder kept apart (names the old rule merged), once."""
    # Only an upgrade in this process fills `pending`, and it imported the module:
    # importing it (and yaml) just to look costs every other command ~13 ms.
    migrate = sys.modules.get("loopbaan_cli.sessions.migrate")
    if migrate is not None and migrate.pending:
        from loopbaan_cli.app.employees import upgrade_report

        for line in upgrade_report():
            console.warn(line)


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
        paths.set_home(home)


# Every command, in the order `loopbaan --help` lists them; `banks` comes last.
COMMANDS: tuple[tuple[str, Callable[..., None]], ...] = (
    ("start", conversation.start),
    ("resume", conversation.resume),
    ("export", documents.export),
    ("list", sessions.list_),
    ("show", sessions.show),
    ("init", setup.init),
    ("prepare", conversation.prepare),
    ("followup", conversation.followup),
    ("agenda", cycle.agenda),
    ("delete", privacy.delete),
    ("export-data", privacy.export_data),
    ("paths", privacy.paths),
)
BANKS_COMMANDS: tuple[tuple[str, Callable[..., None]], ...] = (
    ("list", banks.listing),
    ("plan", banks.plan),
    ("validate", banks.validate),
    ("schema", banks.schema),
)
# commands whose help is written when it is shown (from a registry too dear to load at start)
COMMAND_CLASSES: dict[str, type[TyperCommand]] = {"export": documents.ExportCommand}

for _name, _command in COMMANDS:
    app.command(name=_name, cls=COMMAND_CLASSES.get(_name))(_command)
for _name, _command in BANKS_COMMANDS:
    banks_app.command(name=_name)(_command)
EMPLOYEES_COMMANDS: tuple[tuple[str, Callable[..., None]], ...] = (
    ("list", employees.listing),
    ("edit", employees.edit),
    ("merge", employees.merge),
)
for _name, _command in EMPLOYEES_COMMANDS:
    employees_app.command(name=_name)(_command)


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
