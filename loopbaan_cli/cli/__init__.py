"""The only room that knows typer, questionary and the terminal layout."""
