"""`loopbaan delete`, `export-data` and `paths`: what was removed, handed over, or where it lives."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from loopbaan_cli.kernel import console

if TYPE_CHECKING:
    from loopbaan_cli.app.privacy import DataExport, Deletion


def deletion(result: Deletion) -> None:
    if result.cancelled:
        console.say("Niets verwijderd.")
        return
    count = len(result.ids)
    what = "1 gesprek" if count == 1 else f"{count} gesprekken"
    whose = f" met {result.employee}" if result.employee else f" ({', '.join(result.ids)})"
    console.success(f"Verwijderd: {what}{whose}, met alles wat erbij hoorde.")
    console.say(
        "Bestanden die je zelf exporteerde (afsprakenbladen, agenda's) staan buiten de "
        "gegevensmap: verwijder die zelf.",
        style="dim",
    )


def data_export(result: DataExport) -> None:
    for problem in result.unreadable:
        console.warn(f"Niet te lezen, als ruwe tekst meegegeven: {problem}")
    if result.path is None:
        assert isinstance(result.text, str)  # a pdf is always written to a file
        console.data(result.text)
    else:
        console.out(f"Geschreven: {result.path}")


def locations(data: dict[str, Any], as_json: bool) -> None:
    """The folders and files loopbaan uses, and how many conversations they hold."""
    if as_json:
        console.print_json(data)
        return
    from rich.table import Table

    conversations, employees = data["conversations"], data["employees"]
    counted = (
        f"{conversations} {'gesprek' if conversations == 1 else 'gesprekken'}, "
        f"{employees} {'medewerker' if employees == 1 else 'medewerkers'}"
    )
    table = Table(title="Waar loopbaan bewaart", show_header=False)
    table.add_column(style="bold")
    table.add_column()
    for label, value in (
        ("gegevensmap", data["home"]),
        ("gesprekken", f"{data['sessions']}  ({counted})"),
        ("medewerkersregister", data["register"]),
        ("eigen vragenbanken", data["question_banks"]),
        ("eigen sjablonen", data["templates"]),
        ("instellingen", data["config"]),
        ("index (een kopie, mag weg)", data["index"]),
        ("cache (mag weg)", data["cache"]),
    ):
        table.add_row(label, console.escape(value))
    console.show(table)
    console.say(
        "De map met gesprekken is 0700 en elk gespreksbestand 0600: alleen jij kan ze lezen. "
        "Niets wordt verstuurd. Een andere map: --home MAP of LOOPBAAN_HOME.",
        style="dim",
    )
