"""What is shown: typed text never acts on a terminal or a document, and fits on paper.

A name, an answer, a note, a bank text or a file name may hold a terminal
control sequence (clear the screen, retitle the window, hide text), a bidi
override that turns a line around, or a zero-width character that makes two
names look alike. Every place that shows such text shows it as text: the
listings, `show`, the agenda, `banks list`, the live prompts, error messages
and every document format. The data on disk stays exactly as typed.

Markdown documents show typed text literally (checked with a real Markdown
parser), and plain-text documents wrap by screen columns, so Chinese fits too.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import html
import io
import json
import re
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from helpers import CliRun, make_session, readable, write_session
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from loopbaan_cli.conversation.asking import ALL_NAV, Ask, Choice
from loopbaan_cli.sessions.model import (
    Agreement,
    AnswerRecord,
    ConclusionRecord,
    Employee,
    FollowUp,
    Person,
)

SESSION_ID = "2026-11-22-an-peeters"

# clear the screen and the scroll-back, retitle the window, a colour that
# never ends, hidden text, a CSI written as one C1 byte
CLEAR = "\x1b[2J\x1b[3J"
TITLE = "\x1b]0;gehackt\x07"
HIDE = "\x1b[8m"
C1_CSI = "\x9b31m"
RTL = "\u202e"  # right-to-left override: "ztiw" reads as "wotz"
ISOLATE = "\u2067"  # right-to-left isolate
ZERO_WIDTH = "\u200b"
EVIL = f"An{CLEAR}{TITLE} {RTL}Peeters{ZERO_WIDTH}{HIDE}{C1_CSI}"

# what must never reach a terminal or a document
FORBIDDEN = [
    "\x1b",
    "\x07",
    "\x9b",
    "\u202a",
    "\u202b",
    "\u202c",
    "\u202d",
    "\u202e",
    "\u2066",
    "\u2067",
    "\u2068",
    "\u2069",
    "\u200b",
    "\u200c",
    "\u200d",
    "\u200e",
    "\u200f",
    "\u2060",
    "\ufeff",
]

CJK = "我们讨论了明年的培训计划和新的工作任务，希望能够继续在会计部门发展。" * 4


def assert_shown_safely(text: str, *readable_words: str) -> None:
    """No control character, bidi override or zero-width character; the words still there."""
    found = sorted({repr(c) for c in FORBIDDEN if c in text})
    assert not found, f"reaches the terminal raw: {found}"
    for word in readable_words:
        assert word in text, (word, text)


def evil_session(**changes: Any) -> Any:
    data: dict[str, Any] = {
        "employee": Employee(name=EVIL, role=f"boek{HIDE}houder"),
        "summary": f"Samen{CLEAR} besproken {RTL}kwaad",
        "answers": {
            "kern.wat_graag": AnswerRecord(
                question=f"Welk werk doe je {TITLE}het liefst?",
                section=f"Hoe het {ISOLATE}vandaag gaat",
                value=f"Klanten {CLEAR}helpen",
                note=f"Notitie {HIDE}verborgen",
                printed=True,
            )
        },
        "agreements": [
            Agreement(
                action="opleiding",
                action_title="Opleiding",
                what=f"Cursus {TITLE}boekhouden",
                owner=EVIL,
                due=dt.date(2027, 2, 1),
            )
        ],
        "followups": [FollowUp(date=dt.date(2027, 2, 22), what=f"Hoe {CLEAR}loopt het?")],
    }
    data.update(changes)
    return make_session(**data)


@pytest.fixture
def evil(home: Path) -> Path:
    """A conversation full of control sequences, on disk; its path."""
    return write_session(home, evil_session())


# --- the screens ---------------------------------------------------------------------


def test_list_shows_a_name_with_control_sequences_as_text(run: CliRun, evil: Path) -> None:
    before = evil.read_bytes()
    result = run("list")
    assert result.exit_code == 0, result.output
    assert_shown_safely(result.stdout, SESSION_ID, "Peeters", "␛[2J")
    assert evil.read_bytes() == before  # shown safely, stored as typed


def test_list_json_keeps_the_data_exact_but_escapes_what_a_terminal_would_obey(
    run: CliRun, evil: Path
) -> None:
    result = run("list", "--json")
    assert result.exit_code == 0, result.output
    assert_shown_safely(result.stdout)
    assert json.loads(result.stdout)[0]["employee"] == EVIL


def test_show_neutralises_names_answers_notes_and_bank_texts(run: CliRun, evil: Path) -> None:
    result = run("show", SESSION_ID)
    assert result.exit_code == 0, result.output
    assert_shown_safely(result.stdout, "Klanten", "helpen", "verborgen", "liefst", "Peeters")


def test_agenda_neutralises_names_and_follow_ups(run: CliRun, evil: Path) -> None:
    result = run("agenda", "--all")
    assert result.exit_code == 0, result.output
    assert_shown_safely(result.stdout, "Peeters", "boekhouden")


def test_the_employee_register_shows_names_as_text(run: CliRun, evil: Path) -> None:
    result = run("employees", "list")
    assert result.exit_code == 0, result.output
    assert_shown_safely(result.stdout + result.stderr, "Peeters")
    as_json = run("employees", "list", "--json")
    assert_shown_safely(as_json.stdout)
    assert json.loads(as_json.stdout)["employees"][0]["name"] == EVIL


def test_a_long_listing_in_plain_columns_is_neutralised_too(run: CliRun, home: Path) -> None:
    for n in range(205):  # more than a rich table draws: plain padded columns
        write_session(home, evil_session(id=f"2026-11-22-an-peeters-{n}"))
    result = run("list")
    assert result.exit_code == 0, result.output
    assert_shown_safely(result.stdout, "Peeters")


BANK = """\
id: eigen
title: "Eigen \\e[2J\\e]0;gehackt\\a vragen \\u202Ekwaad"
order: 95
sections:
  - id: deel
    title: "Deel \\e[31mrood"
    questions:
      - id: vraag
        text: "Wat wil je \\e[8mverborgen\\e[0m nog kwijt?"
"""


def test_banks_list_neutralises_bank_titles(run: CliRun, home: Path) -> None:
    folder = home / "question_banks"
    folder.mkdir(parents=True)
    (folder / "eigen.yaml").write_text(BANK, encoding="utf-8")
    result = run("banks", "list")
    assert result.exit_code == 0, result.output
    assert_shown_safely(result.stdout, "eigen", "vragen", "kwaad")
    as_json = run("banks", "list", "--json")
    assert_shown_safely(as_json.stdout)
    titles = [b["title"] for b in json.loads(as_json.stdout)["banks"]]
    assert "Eigen \x1b[2J\x1b]0;gehackt\x07 vragen \u202ekwaad" in titles


def test_an_error_quoting_typed_input_shows_it_as_text(run: CliRun, evil: Path) -> None:
    result = run("show", f"onbekend{TITLE}{CLEAR}")
    assert result.exit_code == 1
    assert_shown_safely(result.stderr, "onbekend")
    assert "Traceback" not in result.output


def test_an_error_naming_a_file_shows_its_name_as_text(run: CliRun, tmp_path: Path) -> None:
    missing = tmp_path / f"antwoorden{CLEAR}{RTL}.yaml"
    result = run("banks", "validate", missing)
    assert result.exit_code in (1, 2)
    assert_shown_safely(result.stderr, "antwoorden")
    assert "Traceback" not in result.output


def test_a_written_file_name_is_shown_as_text(run: CliRun, evil: Path, tmp_path: Path) -> None:
    target = tmp_path / f"blad{TITLE}.txt"
    result = run("export", SESSION_ID, "-o", target)
    assert result.exit_code == 0, result.output
    assert target.exists()  # the file has the name that was asked for
    assert_shown_safely(result.stdout, "Geschreven", "blad")


# --- the documents -------------------------------------------------------------------


DOCUMENTS = [
    *(
        ("--kind", kind, "--format", fmt, "--annex" if kind == "afspraken" else "")
        for kind in ("afspraken", "kaart", "opvolging")
        for fmt in ("txt", "md", "html")
    ),
    ("--format", "ics"),
]


@pytest.mark.parametrize("args", DOCUMENTS, ids=lambda a: "-".join(x for x in a if x[:1] != "-"))
def test_documents_show_typed_control_sequences_as_text(
    run: CliRun, evil: Path, args: tuple[str, ...]
) -> None:
    result = run("export", SESSION_ID, *(a for a in args if a))
    assert result.exit_code == 0, result.output
    assert_shown_safely(result.stdout, "Peeters")


@pytest.mark.parametrize("fmt", ["md", "txt", "html", "docx"])
def test_the_access_copy_shows_typed_control_sequences_as_text(
    run: CliRun, evil: Path, tmp_path: Path, fmt: str
) -> None:
    if fmt == "docx":
        pytest.importorskip("docx")
    employee = json.loads(run("employees", "list", "--json").stdout)["employees"][0]["id"]
    target = tmp_path / f"inzage.{fmt}"
    result = run("export-data", "--employee", employee, "--format", fmt, "-o", target)
    assert result.exit_code == 0, result.output  # Word refuses an ESC: no crash either
    assert_shown_safely(readable(target.read_bytes()) if fmt == "docx" else target.read_text())


def test_the_running_footer_of_html_shows_the_name_as_text(run: CliRun, evil: Path) -> None:
    """The name in the page footer is a CSS string: no escaped ESC or bidi override in it."""
    result = run("export", SESSION_ID, "--format", "html")
    footer = re.findall(r"content: (\"[^\"]*\")", result.stdout)
    assert footer and any("Peeters" in f for f in footer)
    escaped = {int(code, 16) for f in footer for code in re.findall(r"\\([0-9a-f]+) ", f)}
    assert not {chr(code) for code in escaped} & set(FORBIDDEN), footer


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_word_and_pdf_take_control_sequences_as_text(
    run: CliRun, evil: Path, tmp_path: Path, fmt: str
) -> None:
    pytest.importorskip("docx" if fmt == "docx" else "typst")
    target = tmp_path / f"blad.{fmt}"
    result = run("export", SESSION_ID, "--annex", "-o", target)
    assert result.exit_code == 0, result.output  # Word refuses an ESC: no crash either
    text = readable(target.read_bytes())
    assert_shown_safely(text, "Peeters", "boekhouden")


CONFIG = """\
organisation:
  name: "Bakkerij \\e[2J\\e]0;gehackt\\a Peeters \\u202Ekwaad"
  address: "Kerkstraat 1\\e[8m, 2000 Antwerpen"
"""


@pytest.mark.parametrize("fmt", ["txt", "md", "html"])
def test_the_organisation_from_the_config_is_shown_as_text(
    run: CliRun, evil: Path, home: Path, fmt: str
) -> None:
    (home / "config.yaml").write_text(CONFIG, encoding="utf-8")
    result = run("export", SESSION_ID, "--format", fmt)
    assert result.exit_code == 0, result.output
    assert_shown_safely(result.stdout, "Bakkerij", "Kerkstraat")


def test_a_broken_bank_whose_file_name_holds_an_escape_is_named_as_text(
    run: CliRun, home: Path
) -> None:
    folder = home / "question_banks"
    folder.mkdir(parents=True)
    (folder / f"kapot{CLEAR}{TITLE}.yaml").write_text("id: [niet af\n", encoding="utf-8")
    result = run("banks", "list")
    assert_shown_safely(result.stdout + result.stderr, "kapot")
    assert "Traceback" not in result.output


def test_an_own_template_gets_neutralised_values_too(
    run: CliRun, evil: Path, tmp_path: Path
) -> None:
    template = tmp_path / "eigen.txt.j2"
    template.write_text("{{ employee.name }} / {{ summary }}\n", encoding="utf-8")
    result = run("export", SESSION_ID, "--template", template, "--format", "txt")
    assert result.exit_code == 0, result.output
    assert_shown_safely(result.stdout, "Peeters", "besproken")


# Markdown parsed as GitHub shows it: CommonMark with tables and strikethrough
def _markdown_to_html(source: str) -> str:
    from markdown_it import MarkdownIt

    rendered: str = MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(source)
    return rendered


def _visible_text(rendered: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", rendered))


def test_md_strikethrough_in_an_answer_does_not_strike_the_word_niet(
    run: CliRun, home: Path
) -> None:
    write_session(home, evil_session(summary="Ik ben ~~niet~~ akkoord."))
    result = run("export", SESSION_ID, "--format", "md")
    rendered = _markdown_to_html(result.stdout)
    assert "<del>" not in rendered and "<s>" not in rendered
    assert "Ik ben ~~niet~~ akkoord." in _visible_text(rendered)


def test_md_a_typed_table_heading_and_list_stay_text(run: CliRun, home: Path) -> None:
    typed = "| a | b |\n|---|---|\n| c | d |\n# geen kop\n1. geen lijst\n- ook niet\n> geen citaat"
    write_session(home, evil_session(summary=typed))
    result = run("export", SESSION_ID, "--format", "md")
    rendered = _markdown_to_html(result.stdout)
    section = rendered.split("Wat we besproken hebben", 1)[1].split("<h2>", 1)[0]
    for tag in ("<table", "<h1", "<ol", "<li", "<blockquote", "<hr"):
        assert tag not in section, (tag, section)
    shown = _visible_text(section)
    for line in typed.splitlines():
        assert line in shown, (line, shown)


@pytest.mark.parametrize(
    "typed",
    [
        "*nadruk* en __sterk__ en `code`",
        "[een link](https://example.com) en ![beeld](x.png)",
        "<b>vet</b> &amp; &#169;",
        "tekst\n---",
        "tekst\n===",
        "    ingesprongen ~~niet~~",
        "$x^2$ en a\\b",
    ],
)
def test_md_answers_render_exactly_as_typed(run: CliRun, home: Path, typed: str) -> None:
    session = evil_session(
        answers={
            "kern.wat_graag": AnswerRecord(
                question="Welk werk doe je het liefst?",
                section="Hoe het vandaag gaat",
                value=typed,
                printed=True,
            )
        }
    )
    write_session(home, session)
    result = run("export", SESSION_ID, "--format", "md", "--annex")
    assert result.exit_code == 0, result.output
    rendered = _markdown_to_html(result.stdout)
    annex = rendered.split("Welk werk doe je het liefst?", 1)[1]
    answer = annex.split("<p>", 1)[1].split("</p>", 1)[0]
    assert not re.search(r"<(?!br)", answer), answer  # no markup at all
    shown = [line.strip() for line in _visible_text(answer).splitlines()]
    assert shown == [line.strip() for line in typed.splitlines()]


# Every Markdown construct at once, as someone could type it into any field
MARKDOWN = (
    "Ik ben ~~niet~~ akkoord | a | b |\n|---|---|\n| c | d |\n# kop\n- lijst\n1. nummer\n"
    "> citaat\n*nadruk* _ook_ `code` [link](x) ![beeld](y) <b>html</b> &amp; $x$\n---\n===\n"
    "    ingesprongen"
)


def _every_text_field(value: str) -> Any:
    return make_session(
        employee=Employee(name=value, role=value),
        interviewer=Person(name=value, role=value),
        summary=value,
        reachability=value,
        agreements=[
            Agreement(
                action="opleiding",
                action_title="Opleiding",
                what=value,
                owner=value,
                support=value,
                success=value,
                due=dt.date(2027, 1, 1),
            )
        ],
        followups=[FollowUp(date=dt.date(2027, 2, 22), what=value)],
        answers={
            "kern.wat_graag": AnswerRecord(
                question="Welk werk doe je het liefst?",
                section="Hoe het vandaag gaat",
                value=value,
                note=value,
                printed=True,
            )
        },
        conclusion=ConclusionRecord(id="groei_huidige_job", title=value, text=value),
    )


def _structure(markdown: str) -> list[str]:
    """The html elements a Markdown document becomes (line breaks aside)."""
    return [tag for tag in re.findall(r"<(/?\w+)", _markdown_to_html(markdown)) if tag != "br"]


@pytest.mark.parametrize(
    "kind", ["afspraken", "kaart", "uitnodiging", "voorbereiding", "opvolging", "inzage"]
)
def test_md_typed_markdown_in_any_field_adds_no_structure(kind: str) -> None:
    """The same document with plain words and with Markdown in every field: the same elements."""
    from loopbaan_cli.banks.library import load_library
    from loopbaan_cli.documents.access import access_context, render_access
    from loopbaan_cli.documents.render import render

    library = load_library()

    def document(value: str) -> str:
        session = _every_text_field(value)
        if kind == "inzage":
            context = access_context(
                [session], value, generated=dt.datetime(2026, 12, 1), data_folder=value
            )
            return str(render_access(context, "md"))
        return str(render(session, kind, "md", library=library, today=dt.date(2026, 12, 1)))

    assert _structure(document(MARKDOWN)) == _structure(document("gewone tekst"))


def _screen_width(line: str) -> int:
    return sum(
        0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1
        for c in line
    )


@pytest.mark.parametrize(("kind", "width"), [("afspraken", 78), ("kaart", 60), ("opvolging", 78)])
def test_txt_documents_wrap_chinese_by_screen_columns(
    run: CliRun, home: Path, kind: str, width: int
) -> None:
    session = evil_session(
        employee=Employee(name="李明" * 8, role="会计"),
        summary=CJK,
        agreements=[
            Agreement(action="opleiding", action_title="Opleiding", what=CJK, owner="李明")
        ],
        followups=[FollowUp(date=dt.date(2027, 2, 22), what=CJK)],
    )
    write_session(home, session)
    result = run("export", SESSION_ID, "--kind", kind, "--format", "txt")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    too_wide = [line for line in lines if _screen_width(line) > width]
    assert not too_wide, too_wide
    assert any("李明" in line for line in lines)
    if kind != "opvolging":  # which shows an agreement only once it was followed up
        # nothing lost: every character of the agreement is still there, in order
        assert "".join(CJK.split()) in "".join("".join(lines).split()).replace("Wat:", "")


def test_txt_underlines_a_chinese_title_as_wide_as_it_is_shown(
    run: CliRun, home: Path, tmp_path: Path
) -> None:
    template = tmp_path / "eigen.txt.j2"
    template.write_text("{{ employee.name }}\n{{ '=' * (employee.name | breedte) }}\n")
    write_session(home, evil_session(employee=Employee(name="李明", role="")))
    result = run("export", SESSION_ID, "--template", template, "--format", "txt")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[:2] == ["李明", "===="]


# --- any text at all ----------------------------------------------------------------

# text with every kind of character a hostile or careless paste could hold
ANY_TEXT = st.text(
    alphabet=st.one_of(
        st.characters(codec="utf-8"),
        st.sampled_from([*FORBIDDEN, "\r", "\x7f", "\u2028", "~", "|", "#", "[", "*"]),
    ),
    min_size=1,
    max_size=40,
).filter(lambda text: text.strip() != "")


@settings(max_examples=25, deadline=None)
@given(name=ANY_TEXT, answer=ANY_TEXT)
def test_any_name_and_answer_is_shown_safely_in_every_text_document(name: str, answer: str) -> None:
    from loopbaan_cli.documents.render import render

    session = evil_session(
        employee=Employee(name=name, role=answer), summary=answer, reachability=answer
    )
    for kind in ("afspraken", "kaart"):
        for fmt in ("txt", "md", "html"):
            assert_shown_safely(str(render(session, kind, fmt, today=dt.date(2026, 12, 1))))
    assert_shown_safely(str(render(session, "afspraken", "ics", today=dt.date(2026, 12, 1))))


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(name=ANY_TEXT, answer=ANY_TEXT)
def test_any_name_and_answer_is_shown_safely_on_screen(
    run: CliRun, home: Path, name: str, answer: str
) -> None:
    session = evil_session(employee=Employee(name=name, role=""), summary=answer)
    write_session(home, session)
    for args in (("list",), ("show", SESSION_ID), ("agenda", "--all"), ("list", "--json")):
        result = run(*args)
        assert result.exit_code == 0, (args, result.output)
        assert_shown_safely(result.stdout + result.stderr)


# --- the live prompts ----------------------------------------------------------------


def _draw(request: Ask, typed: str) -> tuple[Any, str]:
    """Draw `request` on a real vt100 terminal (into memory), type `typed`; reply and screen."""
    from prompt_toolkit.application import create_app_session
    from prompt_toolkit.data_structures import Size
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output.vt100 import Vt100_Output

    from loopbaan_cli.cli import prompts

    screen = io.StringIO()
    messages = io.StringIO()  # what rich prints above the prompt (stdout)
    output = Vt100_Output(screen, lambda: Size(rows=24, columns=80), term="xterm")
    with contextlib.redirect_stdout(messages), create_pipe_input() as pipe:
        pipe.send_text(typed)
        with create_app_session(input=pipe, output=output):
            reply = prompts.ask(request)
    return reply, messages.getvalue() + screen.getvalue()


def _without_our_own_escapes(screen: str) -> str:
    """The screen minus the control sequences prompt_toolkit itself sends (colours, cursor)."""
    return re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", screen)


def test_a_prompt_shows_question_tip_note_and_earlier_answer_as_text() -> None:
    stored = f"eerder {TITLE}{CLEAR}{RTL}antwoord"
    request = Ask(
        key="kern.vraag",
        text=f"Wat doe je {TITLE}graag?",
        type="text",
        tip=f"Denk {HIDE}aan",
        section=f"Deel {ISOLATE}een",
        note=f"Notitie {ZERO_WIDTH}erbij",
        default=stored,
        nav=ALL_NAV,
    )
    reply, screen = _draw(request, "\r")
    assert reply == stored  # taken back unchanged: the answer stays exactly as stored
    assert "gehackt" in screen and "graag" in screen and "antwoord" in screen
    assert_shown_safely(_without_our_own_escapes(screen))
    assert "\x1b]" not in screen and "\x1b[2J" not in screen


def test_a_choice_prompt_shows_typed_choices_as_text() -> None:
    request = Ask(
        key="kern.keuze",
        text="Kies er een",
        type="choice",
        choices=(
            Choice(value="a", label=f"Eerste {CLEAR}keuze"),
            Choice(value="b", label=f"Tweede {RTL}keuze", description=f"uitleg {TITLE}erbij"),
        ),
    )
    reply, screen = _draw(request, "\r")
    assert reply == "a"
    assert "Eerste" in screen and "Tweede" in screen and "uitleg" in screen
    assert_shown_safely(_without_our_own_escapes(screen))


def test_ctrl_c_at_an_earlier_answer_hands_it_back_as_stored() -> None:
    """Leaving a prompt with Ctrl-C keeps the earlier answer exactly, not its printable form."""
    from loopbaan_cli.conversation.asking import Interrupt

    stored = f"eerder {TITLE}antwoord{ZERO_WIDTH}"
    request = Ask(key="kern.vraag", text="Vraag", type="text", default=stored, nav=ALL_NAV)
    with pytest.raises(Interrupt) as left:
        _draw(request, "\x03")
    assert left.value.draft == stored


def test_an_edited_earlier_answer_is_what_was_typed() -> None:
    stored = f"eerder{CLEAR}"
    request = Ask(key="kern.vraag", text="Vraag", type="text", default=stored, nav=ALL_NAV)
    reply, _ = _draw(request, "\x7f" * 20 + "nieuw\r")  # Backspace over it all, then type
    assert reply == "nieuw"
