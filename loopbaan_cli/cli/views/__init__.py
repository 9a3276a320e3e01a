"""What the commands show: each module draws the results of one room's use cases.

Nothing here decides anything: a view gets a result (a dataclass, a session,
plain data) and prints it through kernel.console, as plain data for --json or
as text and tables for people. rich is imported inside the functions that
build a table, so a command that prints nothing does not pay for it.
"""
