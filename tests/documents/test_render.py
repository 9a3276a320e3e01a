"""Rendering the written agreement: golden files, privacy, the sandbox, overrides.

Golden files live in tests/golden/. After an intended change to a template,
rewrite them with `UPDATE_GOLDEN=1 pytest tests/test_render.py` and read the
diff before committing.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from helpers import GOLDEN, ROOT, readable
from hypothesis import given
from hypothesis import strategies as st

from loopbaan_cli.banks.library import Library, load_library
from loopbaan_cli.documents.context import CONTEXT_VARIABLES, Paper, build_context
from loopbaan_cli.documents.filters import date_words as datum
from loopbaan_cli.documents.filters import md, md_cell, shorten, wrap
from loopbaan_cli.documents.kinds import FORMATS, KINDS, template_formats
from loopbaan_cli.documents.render import render
from loopbaan_cli.kernel import paths
from loopbaan_cli.kernel.errors import ConfigError, LoopbaanError, NotFoundError
from loopbaan_cli.kernel.text import columns
from loopbaan_cli.sessions.model import (
    Agreement,
    AnswerRecord,
    ConclusionRecord,
    Employee,
    FollowUp,
    Person,
    Session,
)

TEMPLATE_FORMATS = [f.name for f in template_formats()]
ANNEX = Paper(annex=True)
TODAY = dt.date(2026, 11, 23)
PRIVATE = "Vertrouwelijk: An zorgt thuis voor haar zieke moeder"
PRIVATE_PREP = "Alleen voor mij: budget opleidingen bijna op"
PUBLIC = "An wil dit graag eerst een dag meevolgen bij Jan"
SKIPPED_QUESTION = "Hoeveel jaar wil je nog werken?"
# a sensitive answer the employee did not want on paper, and a score
SENSITIVE = "Mijn rug begint te protesteren bij het heffen"
SCORE_QUESTION = "Hoe graag wil je hier blijven werken?"
SUMMARY = "An wil groeien in offertes; we bekijken samen hoe de woensdagnamiddag kan."


def make_session(**changes: object) -> Session:
    when = dt.datetime(2026, 11, 22, 10, 0)
    data: dict[str, object] = {
        "id": "2026-11-22-an-peeters",
        "status": "completed",
        "stage": "done",
        "created": when,
        "updated": when,
        "employee": Employee(
            name="An Peeters",
            role="administratief medewerker",
            service_start=dt.date(2018, 3, 1),
        ),
        "interviewer": Person(name="Marc Janssens", role="zaakvoerder"),
        "date": dt.date(2026, 11, 22),
        "phase": "spitsuur",
        "phase_title": "Spitsuurjaren",
        "purposes": ["groei_job", "balans"],
        "purpose_titles": ["Groeien in de huidige job", "Evenwicht werk-privé"],
        "preparation": {
            "voorbereiding.sterke_punten": AnswerRecord(
                question="Waar is deze medewerker echt sterk in?",
                section="Talenten van de medewerker",
                value="Nauwkeurig, klantvriendelijk",
                note=PRIVATE_PREP,
                private=True,
            ),
        },
        "answers": {
            "kern.energie": AnswerRecord(
                question="Welke taken geven je de meeste energie?",
                section="Wat je nu doet",
                value=(
                    "Klanten aan de telefoon verder helpen en de facturatie netjes "
                    "op orde houden. Vooral als een klant met een ingewikkelde vraag "
                    "belt en ik die zelf kan oplossen, ga ik met een goed gevoel naar huis."
                ),
                note=PUBLIC,
            ),
            "kern.taken_meer": AnswerRecord(
                question="Welke taken zou je meer willen doen?",
                type="multi_choice",
                section="Wat je nu doet",
                value=["Offertes opmaken", "Contact met leveranciers", "Opleiding geven"],
            ),
            "kern.pensioen": AnswerRecord(
                question=SKIPPED_QUESTION,
                type="number",
                section="Wat je nu doet",
                value=None,
                skipped=True,
            ),
            "kern.thuis": AnswerRecord(
                question="Lukt het om werk en thuis te combineren?",
                type="confirm",
                section="Werk en thuis",
                value=False,
                note=PRIVATE,
                private=True,
            ),
            "kern.gezondheid": AnswerRecord(
                question="Hoe gaat het met je gezondheid op het werk?",
                section="Werk en thuis",
                value=SENSITIVE,
                sensitive=True,
            ),
            "kern.blijven": AnswerRecord(
                question=SCORE_QUESTION,
                type="scale",
                section="Werk en thuis",
                value=2,
                scale={"min": 1, "max": 5},
            ),
            "kern.vrije_woensdag": AnswerRecord(
                question="Vanaf wanneer wil je op woensdagnamiddag vrij nemen?",
                type="date",
                section="Werk en thuis",
                value=dt.date(2027, 1, 6),
            ),
            "kern.wens": AnswerRecord(
                question="Wat wil je hier de komende jaren nog leren?",
                section="Werk en thuis",
                value="{{ 7*7 }} en {% if true %}meer{% endif %}: zelf offertes opmaken",
            ),
        },
        "conclusions": [
            ConclusionRecord(
                id="doorverwijzing",
                title="Doorverwijzing naar loopbaanbegeleiding",
                text=(
                    "An twijfelt of ze op termijn in de administratie wil blijven. Ze "
                    "maakt een afspraak voor loopbaanbegeleiding bij de VDAB en brengt "
                    "het resultaat mee naar het volgende opvolgmoment."
                ),
            ),
            ConclusionRecord(
                id="geen_groei_nu",
                title="Nu geen groei",
                text="Een andere functie is er hier de komende twee jaar niet.",
            ),
        ],
        "summary": SUMMARY,
        "agreements": [
            Agreement(
                action="opleiding",
                action_title="Opleiding",
                what="Opleiding offertes en calculatie volgen (avondschool | Syntra)",
                owner="An Peeters",
                due=dt.date(2027, 6, 30),
                support="Inschrijvingsgeld betaald door de zaak\nhalve dag per week vrij",
                success="An maakt zelfstandig een offerte die Marc enkel nog naleest.",
            ),
            Agreement(
                action="ervaren_collega",
                action_title="Met een ervaren collega",
                what="Een dag per maand meedraaien met Jan bij de leveranciers",
                owner="Marc Janssens",
                due=None,
                support="",
                success="",
            ),
        ],
        "followups": [
            FollowUp(date=dt.date(2027, 3, 15), what="Hoe loopt de opleiding?"),
            FollowUp(date=dt.date(2027, 1, 18), what="Verslag loopbaanbegeleiding bespreken"),
        ],
        "next_conversation": dt.date(2029, 11, 22),
        "reachability": (
            "Marc is elke voormiddag op kantoor en altijd bereikbaar op 0470 12 34 56; "
            "op maandag om 9 uur is er een vast kort overleg."
        ),
    }
    data.update(changes)
    return Session.model_validate(data)


@pytest.fixture
def session() -> Session:
    return make_session()


@pytest.fixture(autouse=True)
def empty_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No test sees the real user folder: home is an empty temporary folder."""
    home = tmp_path / "home"
    monkeypatch.setenv("LOOPBAAN_HOME", str(home))
    paths.set_home(None)
    return home


_library: list[Library] = []


def builtin_library() -> Library:
    """The built-in question banks, loaded once (every test here has an empty home)."""
    if not _library:
        _library.append(load_library())
    return _library[0]


def user_template(home: Path, name: str, text: str) -> Path:
    folder = home / "templates"
    folder.mkdir(parents=True, exist_ok=True)
    file = folder / name
    file.write_text(text, encoding="utf-8")
    return file


# --- golden files ----------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["md", "txt"])
def test_golden(session: Session, fmt: str) -> None:
    out = render(session, "afspraken", fmt, today=TODAY)
    golden = GOLDEN / f"agreement.{fmt}"
    if os.environ.get("UPDATE_GOLDEN") == "1":
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(out, encoding="utf-8")
    assert out == golden.read_text(encoding="utf-8")


def test_summary_content(session: Session) -> None:
    # the answers are printed only in the annex, when the owner asks for it
    out = render(session, fmt="md", today=TODAY, paper=ANNEX)
    assert PUBLIC in out
    assert SKIPPED_QUESTION not in out
    assert "Offertes opmaken, Contact met leveranciers, Opleiding geven" in out
    assert "Nee" in out  # the confirm
    assert "6 januari 2027" in out  # the date answer
    assert "Doorverwijzing naar loopbaanbegeleiding" in out
    # the sections in the order they were answered
    assert out.index("### Wat je nu doet") < out.index("### Werk en thuis")


# --- privacy -----------------------------------------------------------------------


@pytest.mark.parametrize("kind", list(KINDS))
@pytest.mark.parametrize("fmt", list(FORMATS))
def test_private_notes_never_appear(session: Session, kind: str, fmt: str) -> None:
    out = readable(render(session, kind, fmt, today=TODAY, library=builtin_library()))
    assert PRIVATE not in out
    assert PRIVATE_PREP not in out
    assert "zieke moeder" not in out


def test_private_notes_out_of_reach_of_user_templates(session: Session, empty_home: Path) -> None:
    user_template(
        empty_home,
        "agreement.md.j2",
        "{{ session }}\n{{ session.answers }}\n{{ session.preparation }}\n"
        "{% for k, a in session.answers.items() %}{{ a.note }}{% endfor %}\n"
        "{% for k, a in session.preparation.items() %}{{ a.note }}{% endfor %}\n",
    )
    out = render(session, today=TODAY)
    assert PUBLIC in out  # the template did see the answers ...
    assert PRIVATE not in out  # ... but no private note
    assert PRIVATE_PREP not in out


def test_render_leaves_the_session_alone(session: Session) -> None:
    before = session.model_dump()
    render(session, fmt="txt", today=TODAY)
    assert session.model_dump() == before
    assert session.answers["kern.thuis"].note == PRIVATE


# --- layout ------------------------------------------------------------------------


def test_txt_fits_a4(session: Session) -> None:
    long_word = "https://www.vdab.be/loopbaanbegeleiding/" + "x" * 80
    session = make_session(
        employee=Employee(name="Anna-Maria Van den Bossche-Verstraeten " * 3, role="boekhouder"),
        reachability=long_word,
    )
    session.answers["kern.energie"].value = (
        ("Een heel lang antwoord. " * 40)
        + "\n\n"
        + (
            "- een lijstje met een heel lang punt dat zeker over de rand van het blad gaat loopt\n"
            "- kort"
        )
    )
    out = render(session, fmt="txt", today=TODAY)
    for line in out.splitlines():
        assert len(line) <= 78, line
        assert line == line.rstrip(), f"trailing space: {line!r}"


def test_txt_golden_fits_a4(session: Session) -> None:
    for line in render(session, fmt="txt", today=TODAY).splitlines():
        assert len(line) <= 78, line


def test_no_agreements_and_no_conclusion() -> None:
    session = make_session(agreements=[], conclusions=[], followups=[], next_conversation=None)
    for fmt in TEMPLATE_FORMATS:
        out = render(session, fmt=fmt, today=TODAY)
        assert "Er werden geen concrete acties afgesproken." in out
        assert "Nog geen conclusie genoteerd." in out
        assert "| Actie |" not in out


def test_md_table_cells_are_safe(session: Session) -> None:
    out = render(session, fmt="md", today=TODAY)
    rows = [ln for ln in out.splitlines() if ln.startswith("| ")]
    assert len(rows) == 3  # header + two agreements
    # every row has the same number of unescaped cell separators
    counts = {ln.replace("\\|", "").count("|") for ln in rows}
    assert counts == {7}
    assert "avondschool \\| Syntra" in out
    assert "Inschrijvingsgeld betaald door de zaak<br> halve dag per week vrij" in out


# --- answers are data ----------------------------------------------------------------


@pytest.mark.parametrize("fmt", list(TEMPLATE_FORMATS))
def test_answers_are_never_templates(session: Session, fmt: str) -> None:
    out = render(session, fmt=fmt, today=TODAY, paper=ANNEX)  # answers stand in the annex
    if fmt == "md":
        assert "{{ 7\\*7 }}" in out  # Markdown-escaped, so it prints as typed
        out = out.replace("\\*", "*")
    assert "{{ 7*7 }}" in out
    assert "{% if true %}meer{% endif %}" in out
    assert "49" not in out


# --- errors ----------------------------------------------------------------------------


def test_unknown_kind_and_format(session: Session) -> None:
    with pytest.raises(LoopbaanError, match="afspraken, kaart, uitnodiging, voorbereiding"):
        render(session, "contract")
    with pytest.raises(LoopbaanError, match="md, txt, html, ics"):
        render(session, fmt="odt")  # docx is a format now


def test_missing_variable_names_template_and_line(session: Session, empty_home: Path) -> None:
    source = "# Titel\n\n{{ employee.name }}\n{{ werkgever }}\n"
    user_template(empty_home, "agreement.md.j2", source)
    with pytest.raises(ConfigError) as info:
        render(session, today=TODAY)
    err = info.value
    assert err.problems[0].file.endswith("agreement.md.j2")
    assert err.problems[0].line == 4
    assert "agreement.md.j2:4" in err.message
    assert "werkgever" in err.message


def test_syntax_error_names_template_and_line(session: Session, empty_home: Path) -> None:
    user_template(empty_home, "agreement.txt.j2", "regel een\n{% if %}\n")
    with pytest.raises(ConfigError) as info:
        render(session, fmt="txt", today=TODAY)
    assert "agreement.txt.j2:2" in info.value.message


@pytest.mark.parametrize(
    "source",
    [
        "{{ session.__class__.__mro__ }}",
        "{{ ''.__class__ }}",
        "{{ ''.__class__.__mro__[1].__subclasses__() }}",
        "{{ employee.__dict__ }}",
        "{{ datum.__globals__ }}",
    ],
)
def test_sandbox_refuses_internals(session: Session, empty_home: Path, source: str) -> None:
    user_template(empty_home, "agreement.md.j2", f"ok\n{source}\n")
    with pytest.raises(ConfigError) as info:
        render(session, today=TODAY)
    assert "agreement.md.j2:2" in info.value.message


def test_sandbox_refuses_changing_data(session: Session, empty_home: Path) -> None:
    user_template(empty_home, "agreement.md.j2", "{{ session.agreements.clear() }}\n")
    with pytest.raises(ConfigError):
        render(session, today=TODAY)
    assert len(session.agreements) == 2


def test_error_lists_the_variables(session: Session, empty_home: Path) -> None:
    user_template(empty_home, "agreement.md.j2", "{{ employee.naam }}\n")
    with pytest.raises(ConfigError) as info:
        render(session, today=TODAY)
    assert "agreement.md.j2:1:0: fout: onbekende variabele of eigenschap: 'naam' bestaat niet" in (
        info.value.message
    )
    assert "next_conversation" in (info.value.hint or "")


def test_context_variables_are_documented(session: Session) -> None:
    assert tuple(build_context(session, KINDS["afspraken"], today=TODAY)) == CONTEXT_VARIABLES
    docs = (ROOT / "docs" / "sjablonen.md").read_text(encoding="utf-8")
    for name in CONTEXT_VARIABLES:
        assert f"`{name}`" in docs, name
    for kind in KINDS.values():
        extra = kind.variables[len(CONTEXT_VARIABLES) :]
        context = build_context(session, kind, today=TODAY, library=builtin_library())
        assert tuple(context) == kind.variables
        for name in extra:
            assert f"`{name}`" in docs, name
    for kind in KINDS.values():
        assert f"`{kind.name}`" in docs and f"`{kind.stem}`" in docs, kind.name
    for fmt in FORMATS:
        assert f"`{fmt}`" in docs, fmt


# --- render is pure -----------------------------------------------------------------------


def test_render_never_reads_the_store_or_the_banks(
    session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What a document shows beyond the session is passed in: earlier talks and the banks."""
    from loopbaan_cli.banks import library as banks
    from loopbaan_cli.sessions import store

    library = builtin_library()

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("render read the disk")

    monkeypatch.setattr(store, "list_sessions", refuse)
    monkeypatch.setattr(banks, "load_library", refuse)
    for kind in KINDS:
        for fmt in FORMATS:
            render(session, kind, fmt, today=TODAY, library=library)
    previous = [{"id": "x", "date": dt.date(2023, 5, 2), "conclusion": "", "agreements": []}]
    shown = render(session, "afspraken", "md", today=TODAY, previous=previous)
    assert "2 mei 2023" in shown
    assert "2 mei 2023" not in render(session, "kaart", "md", today=TODAY, previous=previous)
    with pytest.raises(TypeError, match="library"):
        render(session, "voorbereiding", "md", today=TODAY)


# --- where templates come from ---------------------------------------------------------


def test_user_template_overrides_builtin(session: Session, empty_home: Path) -> None:
    user_template(empty_home, "agreement.txt.j2", "Eigen sjabloon voor {{ employee.name }}\n")
    assert render(session, fmt="txt") == "Eigen sjabloon voor An Peeters\n"
    # the other format still comes from the built-in templates
    assert render(session, fmt="md", today=TODAY).startswith("# Loopbaangesprek: afspraken")


def test_explicit_template_file(session: Session, tmp_path: Path) -> None:
    file = tmp_path / "mijn.j2"
    file.write_text("{{ phase }} | {{ purposes | join('; ') }} | {{ generated | datum }}\n")
    out = render(session, fmt="txt", template=file, today=TODAY)
    assert out == (
        "Spitsuurjaren | Groeien in de huidige job; Evenwicht werk-privé | 23 november 2026\n"
    )
    with pytest.raises(NotFoundError):
        render(session, template=tmp_path / "bestaat-niet.j2")


# --- filters -----------------------------------------------------------------------------


def test_datum() -> None:
    assert datum(dt.date(2026, 11, 22)) == "22 november 2026"
    assert datum(dt.date(2027, 3, 1), weekday=True) == "maandag 1 maart 2027"
    assert datum(dt.datetime(2026, 5, 9, 14, 30)) == "9 mei 2026"
    assert datum(None) == ""


def test_wrap_keeps_paragraphs_and_hangs() -> None:
    text = "een twee drie vier vijf zes\n\n\nzeven acht"
    assert wrap(text, 14, 4) == "een twee\n    drie vier\n    vijf zes\n\n    zeven acht"


def test_md_escaping() -> None:
    assert md("# geen titel *geen nadruk* [geen link](x) <b>") == (
        "\\# geen titel \\*geen nadruk\\* \\[geen link\\](x) \\<b>"
    )
    assert md("an_peeters@firma.be en _dit_") == "an_peeters@firma.be en \\_dit\\_"
    # a typed list reads as typed, line by line, but is no Markdown list
    assert md("Ik wil:\n- Excel\n* boekhouding") == "Ik wil:\\\n\\- Excel\\\n\\* boekhouding"
    assert md_cell("a | b\nc") == "a \\| b<br> c"
    assert md_cell("") == "—"
    assert md("kost $5 of $6") == "kost \\$5 of \\$6"


@given(st.text(), st.integers(min_value=0, max_value=40))
def test_wrap_always_fits(text: str, indent: int) -> None:
    lines = (" " * indent + wrap(text, 78, indent)).splitlines()
    for line in lines:
        assert columns(line) <= 78 or len(line.strip()) == 0
        assert line == line.rstrip() or not line.strip()


@given(st.text())
def test_md_cell_is_one_cell(text: str) -> None:
    cell = md_cell(text)
    assert "\n" not in cell and "\r" not in cell
    assert "|" not in cell.replace("\\|", "")


def test_shorten() -> None:
    assert shorten("kort genoeg", 20) == "kort genoeg"
    assert shorten("een  twee\ndrie", 40) == "een twee drie"
    assert shorten("een twee drie vier vijf", 12) == "een twee…"
    assert shorten("x" * 30, 10) == "x" * 9 + "…"
    assert shorten(None, 5) == ""


@given(st.text(), st.integers(min_value=2, max_value=120))
def test_shorten_always_fits(text: str, length: int) -> None:
    out = shorten(text, length)
    assert columns(out) <= length
    assert "\n" not in out


def test_a_scale_answer_says_how_high_it_could_go() -> None:
    """On paper a bare '2' means nothing; '2 op 5' does."""
    from loopbaan_cli.banks.model import Scale

    session = Session(
        id="2026-11-22-sofie-maes",
        created=dt.datetime(2026, 11, 22, 10, 0),
        updated=dt.datetime(2026, 11, 22, 11, 0),
        employee={"name": "Sofie Maes"},
        interviewer={"name": "Jan Claes"},
        date=dt.date(2026, 11, 22),
        phase="spitsuur",
        answers={
            "kern.tevredenheid": AnswerRecord(
                question="Hoe tevreden ben je?",
                type="scale",
                value=2,
                scale=Scale(min=1, max=5),
                printed=True,  # a score goes on paper only when someone chose so
            ),
            "kern.energie": AnswerRecord(
                question="Hoeveel energie?",
                type="scale",
                value=7,
                scale=Scale(min=0, max=10),
                printed=True,
            ),
        },
    )
    for fmt in ("md", "txt", "html"):
        text = render(session, "afspraken", fmt, paper=ANNEX)
        assert "2 op 5" in text
        assert "7 (op een schaal van 0 tot 10)" in text
