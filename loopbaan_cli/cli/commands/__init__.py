"""The commands, one module per room; cli/app.py registers them, in the order `--help` lists them.

One convention for every command: it parses (what was typed as a conversation
goes through app.lookup.find, the one rule for which conversation is meant),
calls one use case in app/, and hands the result to a view in cli/views/.
A command that asks questions passes the keyboard (cli/terminal.py) in.

The app and view modules are imported inside each command, so a start of
loopbaan loads only the command that runs. No `from __future__ import
annotations` in these modules: typer reads every command's annotations at
each start, and string annotations cost a compile() apiece.
"""
