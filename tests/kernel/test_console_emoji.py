"""Typed text is shown as typed: rich's emoji codes (":rocket:") are not replaced by pictures."""

from __future__ import annotations

from pathlib import Path

from helpers import CliRun, make_session

from loopbaan_cli.sessions import store


def test_show_leaves_emoji_codes_as_they_were_typed(run: CliRun, home: Path) -> None:
    session = make_session(summary="Klaar :smile: en :thumbs_up:")
    session.answers["kern.wat_graag"].value = "Klanten :rocket: helpen"
    store.save(session)
    result = run("show", session.id, env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.stderr
    assert "Klanten :rocket: helpen" in result.stdout
    assert "Klaar :smile: en :thumbs_up:" in result.stdout
    assert "🚀" not in result.stdout and "😄" not in result.stdout


def test_a_message_with_an_emoji_code_in_a_name_stays_text(run: CliRun, home: Path) -> None:
    result = run("show", ":rocket:")
    assert result.exit_code == 1
    assert ":rocket:" in result.stderr and "🚀" not in result.stderr
