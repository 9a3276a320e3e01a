"""End to end: the real `loopbaan` console script in a pseudo-terminal, typed at like a person.

These tests start the installed `loopbaan` (the console script next to the
interpreter running pytest) in a pty of 40x120 and answer what is on screen:
they read the header ("Deel 1/3 · vraag 4/21 · 0 min"), the question and the
prompt label, and press the keys a person would (letters and Enter, the arrow
keys, space in a checkbox, j/n in a yes/no list, Ctrl-N/O/T/P/C).

Two things differ from a person at a real terminal, both on purpose:
- PROMPT_TOOLKIT_NO_CPR=1: pexpect is no terminal emulator and cannot answer
  prompt_toolkit's cursor-position request; without this every prompt would
  wait for an answer that never comes and print a warning.
- The conversation uses the real built-in banks, but the test's data folder
  holds tiny user banks (`id: ...` + `enabled: false`) that switch off the
  banks the chosen life phase and purpose add. What is left are the banks
  asked in every conversation (the core bank: some 15-20 questions with text,
  scale, number, yes/no, choice and multi-choice prompts; the who/when,
  agreement and follow-up steps add the dates), so a whole conversation is
  typed in seconds, and a phase bank growing does not make the test slower.
  It exercises the documented way to switch a bank off, too.

Every wait is bounded; a whole test stays well under a minute. On a failure
the assertion message shows the end of the screen as text.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pexpect
import pytest
import yaml

from loopbaan_cli.kernel.text import long_date

pytestmark = pytest.mark.skipif(
    sys.platform == "win32", reason="pseudo-terminals need a POSIX system"
)

LOOPBAAN = Path(sys.executable).parent / "loopbaan"
BUDGET = 50.0  # seconds for one whole test, every process included
WAIT = 15.0  # seconds for one thing to appear on screen

EMPLOYEE = "An Peeters"
INTERVIEWER = "Marc Janssens"
PRIVATE_NOTE = "GEHEIM-notitie alleen voor Marc"
HALF_TYPED = "Half getypt antwoord"
AGREEMENT_WHAT = "Cursus Excel voor gevorderden volgen bij Syntra"
REACHABILITY = "Elke ochtend op de werkvloer of via een bericht"
SUMMARY = "We spraken over meer uitdaging en een cursus"

# Keys, as a terminal sends them.
ENTER, DOWN, SPACE, TAB = "\r", "\x1b[B", " ", "\t"
CTRL_C, CTRL_N, CTRL_O, CTRL_P, CTRL_T = "\x03", "\x0e", "\x0f", "\x10", "\x14"

_ANSI = re.compile(
    r"\x1b(?:\[[0-9;?<=>]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[()][0-9A-Za-z]|[=>78DEHMNOc])"
)
# A follow-up question has no number of its own: "vraag 7/23 · vervolgvraag".
HEADER = re.compile(r"Deel (\d+)/(\d+) · vraag (\d+)/(\d+)(?: · vervolgvraag)? · \d+ min")
SKIPPED = "Overgeslagen — je komt er in het overzicht op terug."
TAKE_PROPOSAL = (
    "Nog geen datum: typ er een, of Tab / ↑ neemt het voorstel over. Geen datum: Ctrl-O."
)
PROPOSAL = r"\(voorstel: (\d\d-\d\d-\d{4}), Tab neemt het over\)"
ALL_KEYS_HINT = "Ctrl-T terug · Ctrl-O overslaan · Ctrl-N notitie · Ctrl-P pauze"


class Deadline:
    def __init__(self, seconds: float) -> None:
        self.end = time.monotonic() + seconds

    def left(self) -> float:
        return self.end - time.monotonic()


class Term:
    """One `loopbaan` process in a pty, and everything it printed so far, as plain text."""

    def __init__(self, home: Path, *args: str, deadline: Deadline) -> None:
        # A missing console script is a broken install: fail, never skip.
        assert LOOPBAAN.exists(), f"{LOOPBAAN} is missing: pip install -e '.[test]'"
        self.deadline = deadline
        self.child = pexpect.spawn(
            str(LOOPBAAN),
            list(args),
            env=_env(home),
            dimensions=(40, 120),
            encoding="utf-8",
            codec_errors="replace",
            timeout=WAIT,
        )
        self.raw = ""
        self.pos = 0  # how far the text has been read by `wait`

    # --- reading ---------------------------------------------------------

    @property
    def text(self) -> str:
        return _ANSI.sub("", self.raw).replace("\r", "")

    def _read(self, timeout: float) -> bool:
        """Read what is there (up to `timeout`); False once the process closed the pty."""
        try:
            self.raw += self.child.read_nonblocking(65536, timeout=max(0.01, timeout))
        except pexpect.TIMEOUT:
            pass
        except pexpect.EOF:
            return False
        return True

    def wait(self, pattern: str, timeout: float = WAIT) -> re.Match[str]:
        """Wait until `pattern` shows up after what was read before; move past it."""
        rx = re.compile(pattern)
        end = time.monotonic() + min(timeout, self.deadline.left())
        alive = True
        while True:
            text = self.text
            match = rx.search(text, self.pos)
            if match:
                self.pos = match.end()
                return match
            left = end - time.monotonic()
            if left <= 0 or not alive:
                why = "the process ended" if not alive else f"{timeout:.0f} s passed"
                raise AssertionError(
                    f"{why} before {pattern!r} appeared on screen; its last lines:\n"
                    + "\n".join(text.splitlines()[-40:])
                )
            alive = self._read(min(left, 0.5))

    def settle(self, quiet: float = 0.15) -> str:
        """Read until the screen has been still for `quiet` s; the unread text since `wait`."""
        end = time.monotonic() + min(WAIT, self.deadline.left())
        while time.monotonic() < end:
            before = len(self.raw)
            if not self._read(quiet) or len(self.raw) == before:
                break
        return self.text[self.pos :]

    # --- writing ---------------------------------------------------------

    def send(self, keys: str) -> None:
        self.child.send(keys)

    def finish(self, timeout: float = WAIT) -> int:
        """Wait for the process to end; its exit code."""
        end = time.monotonic() + min(timeout, self.deadline.left())
        while self._read(min(0.5, max(0.01, end - time.monotonic()))):
            if time.monotonic() > end:
                self.child.kill(signal.SIGKILL)
                raise AssertionError(
                    "loopbaan did not stop; last lines:\n" + "\n".join(self.text.splitlines()[-30:])
                )
        self.child.close()
        assert self.child.exitstatus is not None, f"killed by signal {self.child.signalstatus}"
        return int(self.child.exitstatus)

    def close(self) -> None:
        if self.child.isalive():
            self.child.kill(signal.SIGKILL)
        self.child.close(force=True)


def _env(home: Path) -> dict[str, str]:
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("LOOPBAAN_", "COLUMNS", "LINES"))
    }
    env.update(
        LOOPBAAN_HOME=str(home),
        TERM="xterm",
        NO_COLOR="1",
        PROMPT_TOOLKIT_NO_CPR="1",
        LANG="C.UTF-8",
        # as after the README's install: the venv is active, so `loopbaan` is
        # on PATH and the hints it prints say plain `loopbaan ...`
        PATH=os.pathsep.join([str(LOOPBAAN.parent), env.get("PATH", "")]),
    )
    return env


def _long(shown: str) -> str:
    """A date as the prompt shows it (02-03-2027), as the sheet prints it (2 maart 2027)."""
    return long_date(dt.datetime.strptime(shown, "%d-%m-%Y").date())


def run(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """`loopbaan ARGS` without a terminal, as a script or a pipe would run it."""
    return subprocess.run(
        [str(LOOPBAAN), *args],
        env=_env(home),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=30,
    )


@pytest.fixture
def library(home: Path) -> dict[str, Any]:
    """The built-in catalogues, as the installed program reports them."""
    result = run(home, "banks", "list", "--json")
    assert result.returncode == 0, result.stderr
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def switch_off(home: Path, *bank_ids: str) -> None:
    """User banks with `enabled: false`: the documented way to leave a built-in bank out."""
    folder = home / "question_banks"
    folder.mkdir(parents=True, exist_ok=True)
    for bank_id in bank_ids:
        (folder / f"{bank_id}.yaml").write_text(
            f"id: {bank_id}\nenabled: false\n", encoding="utf-8"
        )


def banks_for(library: dict[str, Any], phase: str, purpose: str) -> list[str]:
    """The banks that a phase or a purpose adds (not those asked in every conversation)."""
    return [b["id"] for b in library["banks"] if phase in b["phases"] or purpose in b["purposes"]]


# --- what a person does ------------------------------------------------------


@dataclass
class Question:
    number: int  # "vraag 7/23": 7
    total: int
    text: str  # the question as shown (its first line)
    kind: str  # text, scale, date, number, confirm, choice, multi_choice
    screen: str  # what the prompt shows, from the header to the prompt


PROMPTS = [
    ("scale", r"Score van (\d+) \("),
    ("date", r"Datum \(JJJJ-MM-DD"),
    ("number", r"Getal:"),
    ("confirm", r"Antwoord: *\(j/n of pijltjes"),
    ("multi_choice", r"Kies: *\(pijltjes, spatie kiest"),
    ("choice", r"Kies: *\(pijltjes, Enter\)"),
    ("text", r"Antwoord:"),
]


def read_question(term: Term) -> Question:
    """Wait for the next question of the interview and recognise what it asks."""
    header = term.wait(HEADER.pattern)
    start = header.end()
    hint = term.wait(re.escape(ALL_KEYS_HINT))
    shown = [line.strip() for line in term.text[start : hint.start()].splitlines() if line.strip()]
    shown = [line for line in shown if line != "Dit is de eerste vraag."]
    assert shown, "a question without text"
    # The prompt is drawn by prompt_toolkit after the hint; wait until it is complete.
    term.wait(r"Score van|Datum \(|Getal:|Antwoord:|Kies:")
    term.settle()
    text = term.text
    kind = next(kind for kind, pattern in PROMPTS if re.search(pattern, text[hint.end() :]))
    return Question(
        number=int(header.group(3)),
        total=int(header.group(4)),
        text=shown[0],
        kind=kind,
        screen=text[start:],
    )


def answer(term: Term, question: Question) -> str | None:
    """Answer as a person would; the text typed for an open question, else None."""
    if question.kind == "text":
        typed = f"Publiek antwoord {question.number}"
        term.send(typed + ENTER)
        return typed
    keys = {
        "scale": "4" + ENTER,  # above 2: the follow-up about dissatisfaction stays away
        "date": ENTER,  # the offered date
        "number": "12" + ENTER,
        "confirm": "j" + ENTER,  # j moves the pointer to Ja, Enter confirms
        "multi_choice": SPACE + ENTER,  # tick the first, confirm
        "choice": ENTER,  # the first choice
    }[question.kind]
    term.send(keys)
    return None


def fill_meta(term: Term, library: dict[str, Any]) -> None:
    """Who, when, which phase (arrow down once: the second), which purpose (the first)."""
    for label, typed in (
        ("Naam van de medewerker", EMPLOYEE),
        ("Functie van de medewerker", "boekhouder"),
    ):
        term.wait(label)
        term.wait("Antwoord:")
        term.send(typed + ENTER)
    no_service_start(term)
    for label, typed in (("Jouw naam", INTERVIEWER), ("Jouw functie", "zaakvoerder")):
        term.wait(label)
        term.wait("Antwoord:")
        term.send(typed + ENTER)
    term.wait("Datum van het gesprek")
    term.wait(r"Datum \(JJJJ-MM-DD of D/M/JJJJ\): *\d{4}-\d\d-\d\d")  # today is offered
    term.send(ENTER)
    term.wait("In welke levensfase")
    term.wait(r"Kies: *\(pijltjes, Enter\)")
    term.settle()
    term.send(DOWN + ENTER)  # a new conversation's list starts at the first phase
    term.wait(re.escape(f"Kies: {library['phases'][1]['title']}"))
    term.wait("Waarover gaat dit gesprek")
    term.wait(r"Kies: *\(pijltjes, spatie kiest")
    term.settle()
    term.send(SPACE + ENTER)
    term.wait(re.escape(f"Gekozen: {library['purposes'][0]['title']}"))
    usual_language_full_length(term)


def no_service_start(term: Term) -> None:
    """A new employee: `start` asks since when they work here (issue 12); Enter leaves it open."""
    term.wait("In dienst sinds")
    term.wait(r"Datum \(JJJJ-MM-DD of D/M/JJJJ\):")
    term.settle()
    term.send(ENTER)


def usual_language_full_length(term: Term) -> None:
    """The two last steps of who-and-when (issue 14): Enter takes the usual words, the full set."""
    term.wait("in eenvoudige taal")
    term.wait(r"\(j/n of pijltjes, Enter\)")
    term.settle()
    term.send(ENTER)
    term.wait("Kort of volledig gesprek")
    term.wait(r"Kies: *\(pijltjes, Enter\)")
    term.settle()
    term.send(ENTER)


def decline_preparation(term: Term) -> None:
    term.wait("Wil je nu eerst de voorbereiding")
    term.wait(r"\(j/n of pijltjes, Enter\)")
    term.settle()
    term.send("n" + ENTER)


# --- the whole conversation ----------------------------------------------------


@pytest.mark.slow
def test_whole_conversation_with_ctrl_c_and_resume(home: Path, library: dict[str, Any]) -> None:
    deadline = Deadline(BUDGET)
    phase, purpose = library["phases"][1], library["purposes"][0]
    switch_off(home, *banks_for(library, phase["id"], purpose["id"]))
    public: dict[int, str] = {}  # question number -> what was typed

    # --- first sitting: up to Ctrl-C halfway ---------------------------------
    term = Term(home, "start", deadline=deadline)
    try:
        fill_meta(term, library)
        decline_preparation(term)

        texts_seen = 0
        interrupted: Question | None = None
        skipped: Question | None = None
        noted: Question | None = None
        while interrupted is None:
            q = read_question(term)
            if q.kind != "text":
                answer(term, q)
                continue
            texts_seen += 1
            if texts_seen == 1:
                # A note, marked private: Ctrl-N, type, Enter, j (Ja), Enter.
                term.send(CTRL_N)
                term.wait("Notitie:")
                term.send(PRIVATE_NOTE + ENTER)
                term.wait(r"Alleen voor jou\?")
                term.wait(r"\(j/n of pijltjes, Enter\)")
                term.settle()
                term.send("j" + ENTER)
                again = read_question(term)
                assert (again.number, again.text) == (q.number, q.text), (
                    "after a note the same question returns"
                )
                assert f"Notitie (privé): {PRIVATE_NOTE}" in again.screen
                noted = q
                public[q.number] = answer(term, again) or ""
            elif texts_seen == 3:
                # Back: Ctrl-T shows the previous question with its answer; Enter keeps it.
                term.send(CTRL_T)
                previous = read_question(term)
                assert previous.number == q.number - 1
                if previous.number in public:
                    assert f"Antwoord: {public[previous.number]}" in previous.screen
                term.send(ENTER)
                again = read_question(term)
                assert (again.number, again.text) == (q.number, q.text)
                public[q.number] = answer(term, again) or ""
            elif texts_seen == 4:
                term.send(CTRL_O)  # skip: the next question comes, this one waits for the review
                term.wait(re.escape(SKIPPED))  # and a word says so
                skipped = q
            elif q.number > q.total // 2:
                # Halfway, in the middle of typing an answer: Ctrl-C.
                term.send(HALF_TYPED)
                term.wait(re.escape(HALF_TYPED))
                term.send(CTRL_C)
                interrupted = q
            else:
                public[q.number] = answer(term, q) or ""
        term.wait("Onderbroken. Alles tot nu toe is bewaard.")
        hint = term.wait(r"Verder met: loopbaan resume (\S+)")
        session_id = hint.group(1)
        assert term.finish() == 130
    finally:
        term.close()
    assert noted is not None and skipped is not None
    assert session_id.endswith("-an-peeters")
    assert "Traceback" not in term.text

    # --- second sitting: resume at that very question, with the words typed ----------
    term = Term(home, "resume", deadline=deadline)
    try:
        term.wait(re.escape(f"Verder met het gesprek met {EMPLOYEE}"))
        q = read_question(term)
        assert (q.number, q.text) == (interrupted.number, interrupted.text), (
            "resume at the exact question"
        )
        assert f"Antwoord: {HALF_TYPED}" in q.screen, "the half-typed answer is offered again"
        term.send(" en afgemaakt" + ENTER)
        public[q.number] = f"{HALF_TYPED} en afgemaakt"
        while True:
            m = term.wait(HEADER.pattern + "|Overzicht van de antwoorden")
            if m.group(0) == "Overzicht van de antwoorden":
                break
            term.pos = m.start()  # let read_question read the header itself
            q = read_question(term)
            public[q.number] = answer(term, q) or ""

        # The review: the skipped question stands out; the last line goes on.
        term.wait("Alles nagekeken: verder naar de conclusie")
        term.settle()
        review = term.text[m.end() :]
        # Skipped ones say so first, so a long line cut at the screen's edge still shows it.
        assert re.search(
            rf"{skipped.number}\. \[OVERGESLAGEN\] {re.escape(skipped.text)}", review
        ), review
        noted_line = re.search(rf"{noted.number}\. {re.escape(noted.text)} — .*", review)
        assert noted_line and "notitie (privé)" in noted_line.group(0), review
        term.send(ENTER)

        # Each answer to a sensitive question: may it go on paper? Enter keeps "Nee".
        while True:
            m = term.wait(r"Mag dit op het afsprakenblad\?|Wat is de conclusie van dit gesprek\?")
            if m.group(0).startswith("Wat is"):
                break
            term.wait(r"\(j/n of pijltjes, Enter\)")
            term.settle()
            term.send(ENTER)

        # The conclusion: the second one in the list (more can be ticked), a word on it,
        # and no referral info this time.
        conclusion = library["conclusions"][1]
        term.wait(r"Kies: *\(pijltjes, spatie kiest")
        term.settle()
        term.send(DOWN + SPACE + ENTER)
        term.wait("Licht de conclusie kort toe")
        term.wait("Antwoord:")
        term.send("We zoeken samen naar meer uitdaging." + ENTER)
        if not conclusion.get("referral"):
            term.wait("terecht kan voor loopbaanbegeleiding")
            term.wait(r"\(j/n of pijltjes, Enter\)")
            term.settle()
            term.send(ENTER)

        # One agreement from the catalogue: coaching, with every field.
        actions = [a["id"] for a in library["actions"]]
        action = library["actions"][actions.index("coaching")]
        term.wait(r"Kies: *\(pijltjes, Enter\)")
        term.wait("» Een afspraak toevoegen")  # the pointer starts there
        term.settle()
        term.send(ENTER)
        term.wait("Hoe pakken jullie het aan\\? Kies een actie")
        term.wait(r"Kies: *\(pijltjes, Enter\)")
        term.settle()
        term.send(DOWN * actions.index("coaching") + ENTER)
        term.wait(re.escape(f"Kies: {action['title']}"))
        term.wait("Wat spreken jullie precies af")
        term.wait("Antwoord:")
        term.send(AGREEMENT_WHAT + ENTER)
        term.wait("Wie doet het")
        term.wait(re.escape(f"Antwoord: {EMPLOYEE}"))  # the employee is offered
        term.send(ENTER)
        # The deadline is proposed beside the empty field: Enter alone does not take it.
        term.wait("Tegen wanneer")
        proposed = term.wait(r"Datum \(JJJJ-MM-DD of D/M/JJJJ\): *" + PROPOSAL).group(1)
        term.settle()
        term.send(ENTER)
        term.wait(re.escape(TAKE_PROPOSAL))
        term.settle()
        term.send(TAB + ENTER)  # Tab takes the proposal into the field; Enter confirms it
        term.wait("Welke steun of middelen")
        term.wait("Antwoord:")
        term.send("Twee halve dagen vrij en de zaak betaalt" + ENTER)
        term.wait("Hoe weten jullie dat het gelukt is")
        term.wait("Antwoord:")
        term.send("An maakt zelf de maandrapporten" + ENTER)
        term.wait(re.escape(AGREEMENT_WHAT[:30]))  # the list of agreements above the menu
        term.wait("» Klaar met de afspraken")  # once there is an agreement, the pointer is here
        term.settle()
        term.send(ENTER)

        # Follow-up: a proposal taken with Tab, a date typed over one, and none.
        term.wait("Eerste opvolgmoment")
        first_followup = term.wait(PROPOSAL).group(1)
        term.settle()
        term.send(TAB + ENTER)
        term.wait("Tweede opvolgmoment")
        term.wait(PROPOSAL)
        term.settle()
        term.send("1/6/2027" + ENTER)
        term.wait("Volgende loopbaangesprek")
        term.wait(PROPOSAL)
        term.settle()
        term.send(CTRL_O)
        term.wait("Hoe en wanneer kan de medewerker jou bereiken")
        term.wait("Antwoord:")
        term.send(REACHABILITY + ENTER)
        term.wait("Wat we besproken hebben: schrijf samen")
        term.wait("Antwoord:")
        term.send(SUMMARY + ENTER)

        # The preview: a short summary on one screen, the whole sheet in a pager.
        term.wait("Wat er op het afsprakenblad komt")
        term.wait(r"Klopt dit\?")
        term.wait("Eerst het hele afsprakenblad lezen")
        preview = term.text.split("Wat er op het afsprakenblad komt")[-1]
        assert AGREEMENT_WHAT in preview and PRIVATE_NOTE not in preview
        term.settle()
        term.send(DOWN + ENTER)  # read the whole sheet
        term.wait("LOOPBAANGESPREK: AFSPRAKEN")  # the sheet's first page, in less
        term.settle()
        term.send("q")  # leave the pager: back at the same question
        term.wait("Eerst het hele afsprakenblad lezen")
        term.settle()
        term.send(ENTER)
        term.wait("Het gesprek is afgerond en bewaard.")
        term.wait(re.escape(f"loopbaan export {session_id}"))
        assert term.finish() == 0
    finally:
        term.close()
    assert "Traceback" not in term.text

    # --- the printed agreement -------------------------------------------------------
    # The answers are printed only in the annex (--annex); the life phase and the
    # purposes are the manager's, not on the employee's sheet (issue 13).
    result = run(home, "export", "--format", "txt")
    assert result.returncode == 0, result.stderr
    assert "Publiek antwoord" not in result.stdout and HALF_TYPED not in result.stdout
    result = run(home, "export", "--format", "txt", "--annex")
    assert result.returncode == 0, result.stderr
    sheet = result.stdout
    assert EMPLOYEE in sheet and INTERVIEWER in sheet
    assert phase["title"] not in sheet and purpose["title"] not in sheet
    assert SUMMARY in sheet
    assert AGREEMENT_WHAT in sheet
    assert action["title"] in sheet
    assert conclusion["title"] in sheet
    assert REACHABILITY in sheet
    assert f"Tegen wanneer:  {_long(proposed)}" in sheet, "the deadline taken with Tab"
    assert _long(first_followup) in sheet and "1 juni 2027" in sheet
    assert "Volgend loopbaangesprek:  nog niet gepland" in sheet, "Ctrl-O: no date"
    assert PRIVATE_NOTE not in sheet, "a private note is never printed"
    assert "GEHEIM" not in sheet
    assert "HANDTEKENINGEN" in sheet and "voor gezien" in sheet and "akkoord" in sheet

    # The note was kept (for the interviewer's eyes) in the session file.
    saved = yaml.safe_load((home / "sessions" / f"{session_id}.yaml").read_text(encoding="utf-8"))
    # Every typed answer is in the annex, but a sensitive one only with consent (none given).
    typed_answers = [r for r in saved["answers"].values() if r.get("value") in public.values()]
    assert {r["value"] for r in typed_answers} == {t for t in public.values() if t}
    for record in typed_answers:
        shown = re.search(rf"{re.escape(record['value'])}(?!\d)", sheet) is not None
        assert shown == record["printed"] == (not record["sensitive"]), record
    notes = [r for r in saved["answers"].values() if r.get("note") == PRIVATE_NOTE]
    assert len(notes) == 1 and notes[0]["private"] is True
    assert saved["status"] == "completed"
    assert not (home / "sessions" / f"{session_id}.lock").exists()


# --- who and when: suggestions, and Ctrl-C before the conversation begins ---------------


def test_typing_over_a_suggestion_replaces_it(home: Path) -> None:
    """A prefilled name or date is a suggestion: what is typed takes its place."""
    deadline = Deadline(BUDGET)
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    term = Term(home, "start", "--employee", "Koen Verbeke", deadline=deadline)
    try:
        term.wait("Naam van de medewerker")
        term.wait(re.escape("Ctrl-T terug · typen vervangt het voorstel"))
        term.wait("Antwoord: Koen Verbeke")
        term.settle()
        term.send("Els Janssens" + ENTER)
        term.wait("Functie van de medewerker")
        term.wait("Antwoord:")
        term.send(ENTER)
        no_service_start(term)
        term.wait("Jouw naam")
        term.wait("Antwoord:")
        term.send(INTERVIEWER + ENTER)
        term.wait("Jouw functie")
        term.wait("Antwoord:")
        term.send(ENTER)
        term.wait("Datum van het gesprek")
        term.wait(r"Datum \(JJJJ-MM-DD of D/M/JJJJ\): *\d{4}-\d\d-\d\d")  # today stands there
        term.settle()
        # Typed over it: a valid date, not today's with more digits after it.
        term.send(f"{tomorrow.day}/{tomorrow.month}/{tomorrow.year}" + ENTER)
        term.wait("In welke levensfase")
        term.wait(r"Kies: *\(pijltjes, Enter\)")
        term.settle()
        term.send(CTRL_C)
        term.wait("Onderbroken. Alles tot nu toe is bewaard.")
        hint = term.wait(r"Verder met: loopbaan resume (\S+)")
        assert term.finish() == 130
    finally:
        term.close()
    assert "Koen VerbekeEls" not in term.text
    assert "geen geldige datum" not in term.text
    assert hint.group(1) == f"{tomorrow.isoformat()}-els-janssens"
    saved = yaml.safe_load(
        (home / "sessions" / f"{hint.group(1)}.yaml").read_text(encoding="utf-8")
    )
    assert saved["employee"]["name"] == "Els Janssens"
    assert saved["date"] == tomorrow


@pytest.mark.slow
def test_ctrl_c_in_the_first_step_keeps_what_was_typed_and_resume_goes_on(
    home: Path, library: dict[str, Any]
) -> None:
    deadline = Deadline(BUDGET)
    # Nothing typed yet: nothing to keep, and the screen does not claim otherwise.
    term = Term(home, "start", deadline=deadline)
    try:
        term.wait("Naam van de medewerker")
        term.wait("Antwoord:")
        term.settle()
        term.send(CTRL_C)
        term.wait("er is nog niets bewaard")
        assert term.finish() == 130
    finally:
        term.close()
    assert "Alles tot nu toe is bewaard" not in term.text
    assert not (home / "sessions").exists() or not list((home / "sessions").glob("*.yaml"))

    # A name, and half a job title: Ctrl-C keeps both.
    term = Term(home, "start", deadline=deadline)
    try:
        term.wait("Naam van de medewerker")
        term.wait("Antwoord:")
        term.send(EMPLOYEE + ENTER)
        term.wait("Functie van de medewerker")
        term.wait("Antwoord:")
        term.send("boekh")
        term.wait("boekh")
        term.send(CTRL_C)
        term.wait("Onderbroken. Alles tot nu toe is bewaard.")
        hint = term.wait(r"Verder met: (loopbaan resume (\S+))")
        assert term.finish() == 130
    finally:
        term.close()
    assert "Traceback" not in term.text
    session_id = hint.group(2)

    # The printed hint, as typed: back at the job title, with what was typed.
    term = Term(home, *hint.group(1).split()[1:], deadline=deadline)
    try:
        term.wait(re.escape(f"Verder met het gesprek met {EMPLOYEE}"))
        term.wait("Functie van de medewerker")
        term.wait(re.escape("Ctrl-T terug · Ctrl-U wissen"))  # typed before: to finish
        term.wait("Antwoord: boekh")
        term.settle()
        term.send("ouder" + ENTER)
        no_service_start(term)
        for label, typed in (("Jouw naam", INTERVIEWER), ("Jouw functie", "zaakvoerder")):
            term.wait(label)
            term.wait("Antwoord:")
            term.send(typed + ENTER)
        term.wait("Datum van het gesprek")
        term.wait(r"Datum \(JJJJ-MM-DD of D/M/JJJJ\): *\d{4}-\d\d-\d\d")
        term.send(ENTER)
        term.wait("In welke levensfase")
        term.wait(r"Kies: *\(pijltjes, Enter\)")
        term.settle()
        term.send(DOWN + ENTER)
        term.wait("Waarover gaat dit gesprek")
        term.wait(r"Kies: *\(pijltjes, spatie kiest")
        term.settle()
        term.send(SPACE + ENTER)
        usual_language_full_length(term)
        decline_preparation(term)
        read_question(term)  # the conversation itself has begun
        term.send(CTRL_P)
        term.wait(re.escape(f"Gepauzeerd en bewaard. Verder met: loopbaan resume {session_id}"))
        assert term.finish() == 0
    finally:
        term.close()
    assert "Traceback" not in term.text
    saved = yaml.safe_load((home / "sessions" / f"{session_id}.yaml").read_text(encoding="utf-8"))
    assert (saved["employee"]["name"], saved["employee"]["role"]) == (EMPLOYEE, "boekhouder")
    assert saved["interviewer"]["name"] == INTERVIEWER
    assert saved["phase"] == library["phases"][1]["id"]
    assert saved["purposes"] == [library["purposes"][0]["id"]]
    assert (saved["status"], saved["stage"]) == ("in_progress", "questions")


# --- one session, one window ------------------------------------------------------


def _session_id(home: Path) -> str:
    result = run(home, "list", "--json")
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert len(rows) == 1, rows
    return str(rows[0]["id"])


@pytest.mark.slow
def test_resume_of_a_session_open_elsewhere_is_refused(home: Path, library: dict[str, Any]) -> None:
    deadline = Deadline(BUDGET)
    first = Term(home, "start", deadline=deadline)
    try:
        fill_meta(first, library)
        decline_preparation(first)
        q = read_question(first)  # the conversation is under way: its lock is held
        session_id = _session_id(home)
        assert (home / "sessions" / f"{session_id}.lock").exists()

        second = Term(home, "resume", deadline=deadline)
        try:
            second.wait(re.escape(f"gesprek '{session_id}' is al open in een ander venster"))
            second.wait("Werk daar verder, of sluit dat venster eerst.")
            assert second.finish() == 1
        finally:
            second.close()
        assert "Traceback" not in second.text
        assert "Deel " not in second.text, "the second window must not start asking questions"

        # The first window did not notice: it goes on, then pauses cleanly (Ctrl-P).
        answer(first, q)
        following = read_question(first)
        assert following.number == q.number + 1
        first.send(CTRL_P)
        first.wait(re.escape(f"Gepauzeerd en bewaard. Verder met: loopbaan resume {session_id}"))
        assert first.finish() == 0
    finally:
        first.close()
    assert not (home / "sessions" / f"{session_id}.lock").exists(), "a clean exit releases the lock"


def test_interactive_commands_without_a_terminal_point_to_answers_file(home: Path) -> None:
    result = run(home, "start")
    assert result.returncode == 1, (result.stdout, result.stderr)
    assert "terminal" in result.stderr and "--answers" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert not (home / "sessions").exists() or not any((home / "sessions").iterdir()), (
        "nothing half-made"
    )

    # Piped input is no terminal either (`echo | loopbaan start`).
    piped = subprocess.run(
        [str(LOOPBAAN), "start"],
        env=_env(home),
        input="An\n",
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert piped.returncode == 1 and "--answers" in piped.stderr


# --- a killed process -------------------------------------------------------------


@pytest.mark.slow
def test_killed_process_loses_only_the_answer_being_typed(
    home: Path, library: dict[str, Any]
) -> None:
    deadline = Deadline(BUDGET)
    switch_off(home, *banks_for(library, library["phases"][1]["id"], library["purposes"][0]["id"]))
    confirmed: dict[int, tuple[str, str | None]] = {}
    term = Term(home, "start", deadline=deadline)
    try:
        fill_meta(term, library)
        decline_preparation(term)
        while True:
            q = read_question(term)
            if q.kind == "text" and len(confirmed) >= 3:
                break
            confirmed[q.number] = (q.text, answer(term, q))
        # Typing, not confirmed yet, when the power goes (or the terminal is closed).
        term.send("Dit was nog niet bevestigd")
        term.wait("Dit was nog niet bevestigd")
        term.child.kill(signal.SIGKILL)
        term.child.wait()
    finally:
        term.close()
    session_id = _session_id(home)
    assert (home / "sessions" / f"{session_id}.lock").exists(), "a killed process leaves its lock"

    term = Term(home, "resume", deadline=deadline)
    try:
        term.wait("niet netjes afgesloten; het slot is vrijgegeven")
        again = read_question(term)
        assert (again.number, again.text) == (q.number, q.text), (
            "resume at the question that was open"
        )
        assert "Dit was nog niet bevestigd" not in again.screen
        term.send(CTRL_P)
        term.wait("Gepauzeerd en bewaard")
        assert term.finish() == 0
    finally:
        term.close()
    assert "Traceback" not in term.text

    saved = yaml.safe_load((home / "sessions" / f"{session_id}.yaml").read_text(encoding="utf-8"))
    answers = {record["question"]: record for record in saved["answers"].values()}
    for text, typed in confirmed.values():
        assert text in answers, f"the confirmed answer to {text!r} was lost"
        assert not answers[text]["skipped"]
        if typed is not None:
            assert answers[text]["value"] == typed
    assert all(r["value"] != "Dit was nog niet bevestigd" for r in answers.values())
    assert not (home / "sessions" / f"{session_id}.lock").exists()


# --- the first question, drawn before the prompts load (cli/early.py) ---------------------


def _after_a_first_conversation(home: Path, *prepared: tuple[str, bool]) -> None:
    """The register, the index and the banks' cache, as a first saved conversation leaves them.

    Each (name, indexed) is a prepared conversation; one not indexed was copied in by hand.
    """
    from helpers import make_session, write_session

    from loopbaan_cli.sessions import store
    from loopbaan_cli.sessions.model import Employee

    for n, (name, indexed) in enumerate(prepared):
        day = dt.date(2026, 12, 20) + dt.timedelta(days=n)
        session = make_session(
            id=f"{day.isoformat()}-{name.split()[0].lower()}",
            status="prepared",
            stage="questions",
            date=day,
            employee=Employee(name=name),
        )
        write_session(home, session)
        if indexed:
            store.save(store.load(session.id))


@pytest.mark.slow
def test_a_name_typed_the_moment_the_first_question_shows_is_kept(home: Path) -> None:
    """The keys typed while the prompts still load wait for the prompt: none is lost."""
    _after_a_first_conversation(home, ("Els Peeters", True))
    term = Term(home, "start", deadline=Deadline(BUDGET))
    try:
        term.wait(re.escape("Al voorbereid: Els Peeters. Typ die naam"))
        term.wait("Antwoord:")
        term.send("Sofie Maes" + ENTER)  # at once, as a person who knows the question
        term.wait("Functie van de medewerker")
        term.wait("Antwoord:")
        term.settle()
        term.send(CTRL_C)
        term.wait("Onderbroken. Alles tot nu toe is bewaard.")
        hint = term.wait(r"Verder met: loopbaan resume (\S+)")
        assert term.finish() == 130
    finally:
        term.close()
    assert "Traceback" not in term.text
    assert term.text.count("Naam van de medewerker") == 1  # drawn once, taken over in place
    saved = yaml.safe_load(
        (home / "sessions" / f"{hint.group(1)}.yaml").read_text(encoding="utf-8")
    )
    assert saved["employee"]["name"] == "Sofie Maes"


@pytest.mark.slow
def test_ctrl_c_the_moment_the_first_question_shows_keeps_nothing(home: Path) -> None:
    _after_a_first_conversation(home, ("Els Peeters", True))
    term = Term(home, "start", deadline=Deadline(BUDGET))
    try:
        term.wait("Antwoord:")
        term.send(CTRL_C)
        term.wait("Gestopt voor het gesprek begon; er is nog niets bewaard.")
        assert term.finish() == 130
    finally:
        term.close()
    assert "Traceback" not in term.text
    assert [p.name for p in (home / "sessions").glob("*.yaml")] == ["2026-12-20-els.yaml"]


@pytest.mark.slow
def test_a_preparation_the_index_did_not_know_yet_is_named_before_a_key_is_read(
    home: Path,
) -> None:
    """The first screen is the index's; the checked files word the prompt that reads the keys."""
    _after_a_first_conversation(home, ("Els Peeters", True), ("Bart Maes", False))
    term = Term(home, "start", deadline=Deadline(BUDGET))
    try:
        term.wait("Antwoord:")
        term.send("Bart Maes" + ENTER)  # at once
        term.wait(re.escape("Al voorbereid: Els Peeters, Bart Maes. Typ die naam"))
        term.wait(re.escape("Er staat een voorbereid gesprek klaar voor Bart Maes"))
        term.settle()
        term.send(CTRL_C)
        assert term.finish() == 130
    finally:
        term.close()
    assert "Traceback" not in term.text
    assert term.text.count("Al voorbereid: Els Peeters. Typ die naam") == 1
