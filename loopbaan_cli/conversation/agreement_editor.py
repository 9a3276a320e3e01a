"""The agreements: the menu over them and the editor of one, for the conversation and the check-in.

An agreement is stored as soon as its first field is typed and updated after
every next one, so a stop halfway keeps what was said.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from loopbaan_cli.banks.library import Library
from loopbaan_cli.banks.model import Action
from loopbaan_cli.conversation.asking import (
    ADD,
    DONE,
    FIELD_NAV,
    STEP_NAV,
    Ask,
    AskFn,
    Choice,
    MenuAction,
    MenuChoice,
    Nav,
)
from loopbaan_cli.conversation.form import Field, Form, Skip, ask_step
from loopbaan_cli.kernel.values import add_months, format_value, workday
from loopbaan_cli.sessions.model import Agreement, Session

OWN_ACTION = "eigen"  # the id of "Eigen actie": an action not in the catalogue
OWN_ACTION_TITLE = "Eigen actie"
DUE_AFTER_MONTHS = 3


def default_due(day: dt.date) -> dt.date:
    """The deadline proposed for a new agreement: three months on, a workday."""
    return workday(add_months(day, DUE_AFTER_MONTHS))


def agreements_text(session: Session) -> str:
    if not session.agreements:
        return "Nog geen afspraken."
    lines = []
    for n, a in enumerate(session.agreements, 1):
        due = f" · tegen {format_value(a.due)}" if a.due else ""
        owner = f" · {a.owner}" if a.owner else ""
        lines.append(f"{n}. [{a.action_title or OWN_ACTION_TITLE}] {a.what}{owner}{due}")
    return "\n".join(lines)


# --- the menu -----------------------------------------------------------------------


@dataclass(frozen=True)
class AgreementsMenu:
    """How a menu over the agreements reads: its prompt, and the words of its choices."""

    prompt: Ask  # key, text, section, tip
    add: str  # the label of "add one"
    done: str  # the label of "on"
    can_drop: bool  # the conversation may drop one; a check-in marks it "geschrapt" instead
    add_first: bool  # with no agreements yet, "add one" is the choice Enter takes


def agreements_menu(
    ask: AskFn,
    menu: AgreementsMenu,
    agreements: list[Agreement],
    *,
    display: Callable[[], str],
    edit: Callable[[int | None], None],
    save: Callable[[], None],
) -> bool:
    """Add, change (or drop) agreements until the user goes on (True) or back (False).

    `edit(index)` changes one, `edit(None)` adds one; Ctrl-P pauses.
    """
    while True:
        choices = [Choice(ADD, menu.add)]
        for index in range(len(agreements)):
            choices.append(Choice(MenuChoice.change(index), f"Afspraak {index + 1} wijzigen"))
            if menu.can_drop:
                choices.append(Choice(MenuChoice.drop(index), f"Afspraak {index + 1} schrappen"))
        choices.append(Choice(DONE, menu.done))
        reply = ask_step(
            ask,
            replace(
                menu.prompt,
                choices=tuple(choices),
                default=ADD if menu.add_first and not agreements else DONE,
                display=display(),
                nav=STEP_NAV,
            ),
        )
        if reply is Nav.BACK:
            return False
        if not isinstance(reply, MenuChoice) or reply.action is MenuAction.DONE:
            return True  # Ctrl-O too: on
        if reply.action is MenuAction.ADD:
            edit(None)
        elif reply.action is MenuAction.CHANGE and reply.index is not None:
            edit(reply.index)
        elif reply.action is MenuAction.DROP and reply.index is not None:
            del agreements[reply.index]
            save()


# --- one agreement --------------------------------------------------------------------


def edit_agreement(
    ask: AskFn,
    library: Library,
    agreements: list[Agreement],
    index: int | None,
    *,
    owner: str,
    due: dt.date,
    saved: Callable[[int, bool], None],
    employees: int | None = None,
) -> None:
    """Ask for one agreement; `index` None adds one. Ctrl-P pauses.

    `employees`: the size of the company (config.yaml), for the rules of the
    action's schemes that depend on it; None shows every rule.

    After every field the agreement is put in `agreements` and `saved(index,
    new)` is called, `new` telling whether this edit added it.
    """
    current = agreements[index] if index is not None else None
    catalogue = _ask_action(ask, library, current)
    if catalogue is None:
        return
    action = library.actions.get(catalogue)
    values: dict[str, Any] = current.model_dump() if current else {}
    values["action"] = action.id if action else None
    values["action_title"] = action.title if action else OWN_ACTION_TITLE
    place = {"index": index}

    def store() -> None:
        agreement = Agreement.model_validate(
            {k: v for k, v in values.items() if v is not None or k == "due"}
        )
        at = place["index"]
        if at is None:
            agreements.append(agreement)
            at = place["index"] = len(agreements) - 1
        else:
            agreements[at] = agreement
        saved(at, index is None)

    watch = _watch(library, action, employees) if action else ""
    fields = [
        _field(name, request, values)
        for name, request in _asks(action.examples if action else [], owner, due, watch)
    ]
    # A field of this agreement said before (or just now, before Ctrl-T)
    # shows what was said; only a field never filled in shows a suggestion.
    said = {f"agreement.{name}" for name in values}
    Form(ask, fields, leave_backwards=True, settled=said, changed=store).run()


def _watch(library: Library, action: Action, employees: int | None) -> str:
    """The action's "Let op" line, with the rule of each of its schemes for this company's size."""
    levers = {lever.id: lever for lever in library.levers}
    rules = [
        rule for i in action.levers if i in levers and (rule := levers[i].dated_rule(employees))
    ]
    if not rules:
        return action.watch
    parts = [action.watch.strip().rstrip("."), *(r.rstrip(".") for r in rules)]
    return ". ".join(p for p in parts if p) + "."


def _ask_action(ask: AskFn, library: Library, current: Agreement | None) -> str | None:
    """How they go about it: an action of the catalogue or OWN_ACTION; None when left."""
    actions = [Choice(a.id, a.title, a.description) for a in library.actions.values()]
    actions.append(Choice(OWN_ACTION, OWN_ACTION_TITLE, "Iets wat niet in de lijst staat."))
    action = ask_step(
        ask,
        Ask(
            "agreement.action",
            "Hoe pakken jullie het aan? Kies een actie",
            "choice",
            choices=tuple(actions),
            default=(current.action or OWN_ACTION) if current else None,
            nav=STEP_NAV,
        ),
    )
    if not isinstance(action, str) or action not in {c.value for c in actions}:
        return None
    return action


def _asks(examples: list[str], owner: str, due: dt.date, watch: str = "") -> list[tuple[str, Ask]]:
    tip = f"Maak het concreet. Voorbeelden: {'; '.join(examples)}" if examples else ""
    if watch.strip():  # the catalogue's line on what to mind and who pays
        tip = f"{(tip or 'Maak het concreet en haalbaar').rstrip('.')}. Let op: {watch.strip()}"
    return [
        (
            "what",
            Ask(
                "agreement.what",
                "Wat spreken jullie precies af?",
                "long_text",
                required=True,
                tip=tip or "Maak het concreet en haalbaar.",
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


def _field(name: str, request: Ask, values: dict[str, Any]) -> Field:
    def build(settled: bool) -> Ask:
        return replace(
            request,
            default=values.get(name, request.default),
            suggested=request.suggested and not settled,
            proposal=None if settled else request.proposal,
            nav=FIELD_NAV,
        )

    def apply(reply: Any) -> None:
        values[name] = reply if reply is not None else ("" if name != "due" else None)

    return Field(request.key, build, apply, skip=Skip.CLEAR if name == "due" else Skip.SHOWN)
