"""Add or change one agreement, field by field: used by the conversation and the follow-up.

The agreement is stored as soon as its first field is typed and updated after
every next one, so a stop halfway keeps what was said.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from loopbaan_cli.banks.library import Library
from loopbaan_cli.conversation.interview import FIELD_NAV, STEP_NAV, Ask, Choice, Nav, NoteReply
from loopbaan_cli.sessions.model import Agreement

OWN_ACTION = "eigen"


def edit_agreement(
    ask: Callable[[Ask], Any],
    library: Library,
    agreements: list[Agreement],
    index: int | None,
    *,
    owner: str,
    due: dt.date,
    saved: Callable[[int, bool], None],
) -> None:
    """Ask for one agreement; `index` None adds one.

    `ask` must deal with Ctrl-P itself (the callers pause differently); after
    every field the agreement is put in `agreements` and `saved(index, new)`
    is called, `new` telling whether this edit added it.
    """
    current = agreements[index] if index is not None else None
    actions = [Choice(a.id, a.title, a.description) for a in library.actions.values()]
    actions.append(Choice(OWN_ACTION, "Eigen actie", "Iets wat niet in de lijst staat."))
    action = ask(
        Ask(
            "agreement.action",
            "Hoe pakken jullie het aan? Kies een actie",
            "choice",
            choices=tuple(actions),
            default=(current.action or OWN_ACTION) if current else None,
            nav=STEP_NAV,
        )
    )
    if not isinstance(action, str) or action not in {c.value for c in actions}:
        return
    catalogue = library.actions.get(action)
    examples = catalogue.examples if catalogue else []
    fields: list[tuple[str, Ask]] = [
        (
            "what",
            Ask(
                "agreement.what",
                "Wat spreken jullie precies af?",
                "long_text",
                required=True,
                tip=f"Maak het concreet. Voorbeelden: {'; '.join(examples)}"
                if examples
                else "Maak het concreet en haalbaar.",
            ),
        ),
        ("owner", Ask("agreement.owner", "Wie doet het?", "text", default=owner, suggested=True)),
        (
            # Proposed beside the field, not in it: a deadline is agreed, not
            # accepted with a hasty Enter (Tab takes the proposal).
            "due",
            Ask("agreement.due", "Tegen wanneer? (geen datum: Ctrl-O)", "date", proposal=due),
        ),
        (
            "support",
            Ask(
                "agreement.support",
                "Welke steun of middelen? (tijd, budget, een peter of meter)",
                "long_text",
            ),
        ),
        ("success", Ask("agreement.success", "Hoe weten jullie dat het gelukt is?", "long_text")),
    ]
    values: dict[str, Any] = current.model_dump() if current else {}
    values["action"] = catalogue.id if catalogue else None
    values["action_title"] = catalogue.title if catalogue else "Eigen actie"
    new = index is None
    step = 0
    while step < len(fields):
        name, request = fields[step]
        # A field of this agreement said before (or just now, before Ctrl-T)
        # shows what was said; only a field never filled in shows a suggestion.
        said = name in values
        default = values[name] if said else request.default
        reply = ask(
            replace(
                request,
                default=default,
                suggested=request.suggested and not said,
                proposal=None if said else request.proposal,
                nav=FIELD_NAV,
            )
        )
        if reply is Nav.BACK:
            if step == 0:
                return
            step -= 1
            continue
        if reply is Nav.SKIP or isinstance(reply, NoteReply):
            if request.required:
                continue
            reply = default if name != "due" else None
        values[name] = reply if reply is not None else ("" if name != "due" else None)
        agreement = Agreement.model_validate(
            {k: v for k, v in values.items() if v is not None or k == "due"}
        )
        if index is None:
            agreements.append(agreement)
            index = len(agreements) - 1
        else:
            agreements[index] = agreement
        saved(index, new)
        step += 1
