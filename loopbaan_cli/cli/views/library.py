"""`loopbaan banks`: the banks and catalogues in use, and what a check of them found."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from loopbaan_cli.cli.views.tables import id_table
from loopbaan_cli.kernel import console

if TYPE_CHECKING:
    from loopbaan_cli.app.plan import ConversationPlan
    from loopbaan_cli.banks.validation import Report


def library_table(data: dict[str, Any]) -> None:
    """The table of `banks list`, from `banks.library.listing_data`."""
    phase_titles = {p["id"]: p["title"] for p in data["phases"]}
    purpose_titles = {p["id"]: p["title"] for p in data["purposes"]}
    rows = []
    for bank in data["banks"]:
        when = []
        if bank["kind"] == "preparation":
            when.append("voorbereiding")
        when += [phase_titles.get(p, p) for p in bank["phases"]]
        when += [purpose_titles.get(p, p) for p in bank["purposes"]]
        rows.append(
            [
                bank["id"],
                bank["title"],
                ", ".join(when) or "altijd",
                str(len(bank["questions"])),
                bank["source"],
            ]
        )
    id_table(["id", "titel", "wanneer", "vragen", "bron"], rows, title="Vragenbanken")
    if data["disabled"]:
        console.say("Uitgezet: " + ", ".join(data["disabled"]))
    console.say("")
    id_table(["id", "levensfase"], [[p["id"], p["title"]] for p in data["phases"]])
    console.say("")
    id_table(["id", "doel"], [[p["id"], p["title"]] for p in data["purposes"]])
    console.say("")
    console.say(
        f"{len(data['actions'])} acties in de catalogus, {len(data['conclusions'])} mogelijke conclusies."
    )


def listing(data: dict[str, Any], as_json: bool) -> None:
    if as_json:
        console.print_json(data)
    else:
        library_table(data)


def validation(report: Report) -> None:
    for problem in report.warnings:
        console.warn(str(problem))
    console.success(report.summary)


def schema_text(text: str) -> None:
    console.data(text)


# Minutes per question, for the estimate under the plan: the seeds' 45 minutes
# for some 18 questions, the conclusion and the agreements included.
MINUTES_PER_QUESTION = 2.5


def conversation_plan(plan: ConversationPlan, as_json: bool) -> None:
    if as_json:
        console.print_json(
            {
                "questions": [
                    {
                        "key": q.key,
                        "text": q.text,
                        "bank": q.bank,
                        "section": q.section,
                        "sensitive": q.sensitive,
                        "follow_up": q.follow_up,
                    }
                    for q in plan.questions
                ]
            }
        )
        return
    number = 0
    section = None
    for q in plan.questions:
        if q.section != section:
            section = q.section
            console.say(f"\n{section}")
        if q.follow_up:
            label = "   ↳"
        else:
            number += 1
            label = f"{number:>3}."
        marks = " (gevoelig)" if q.sensitive else ""
        console.say(f"{label} {q.text}{marks}")
    kind = "kort gesprek" if plan.short else "volledig gesprek"
    language = ", in eenvoudige taal" if plan.plain else ""
    follow_ups = len(plan.questions) - plan.fixed
    console.say("")
    console.say(
        f"{plan.fixed} vragen ({kind}{language}), ongeveer "
        f"{round(plan.fixed * MINUTES_PER_QUESTION / 5) * 5} minuten; "
        f"{follow_ups} vervolgvragen (↳) komen alleen na een bepaald antwoord."
    )
    console.say("Met --json zie je ook de sleutel van elke vraag (voor een antwoordenbestand).")
