"""What people keep: the agreement, card, invitation, preparation sheet and calendar.

The public seams: `render.render(session, kind, fmt, *, library, previous,
today, template)` makes a document and never reads the disk; `kinds.KINDS` and
`kinds.FORMATS` are the registries, with `kinds.kind_help()` and
`kinds.format_help()` for the command line. Nothing is re-exported here
(`render` would shadow its own module), so importing the package stays free.
"""
