"""What goes on paper (issue 13): consent, the annex, the organisation, the privacy line.

The agreement is no transcript: it holds who, when, the conclusions, the
agreements, the follow-up and what both wrote together. Answers stand only in
an annex the owner asks for (`export --annex`), and only those that may go on
paper: a sensitive answer with the employee's consent, a score only on request,
a private note never.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml
from helpers import CliRun, assert_fails, write_session
from test_render import PRIVATE, PRIVATE_PREP, SCORE_QUESTION, SENSITIVE, SUMMARY, make_session

from loopbaan_cli.cycle.settings import Settings
from loopbaan_cli.documents.context import Paper
from loopbaan_cli.documents.render import render
from loopbaan_cli.kernel.errors import ConfigError
from loopbaan_cli.sessions import store

TODAY = dt.date(2026, 11, 23)
FORMATS = ("md", "txt", "html")
EMPLOYEE_KINDS = ("afspraken", "kaart", "uitnodiging")
ORGANISATION = Paper(
    organisation_name="Bakkerij Peeters",
    organisation_address="Kerkstraat 12\n2000 Antwerpen",
    logo="data:image/png;base64,iVBORw0KGgo=",
)


def sheet(fmt: str, annex: bool = False, **changes: object) -> str:
    return render(make_session(**changes), "afspraken", fmt, today=TODAY, paper=Paper(annex=annex))


def consented() -> dict[str, object]:
    """The sample's answers, with the employee's consent for the sensitive one."""
    answers = dict(make_session().answers)
    answers["kern.gezondheid"] = answers["kern.gezondheid"].model_copy(update={"printed": True})
    return {"answers": answers}


# --- what may go on paper --------------------------------------------------------------


@pytest.mark.parametrize("annex", [False, True])
@pytest.mark.parametrize("fmt", FORMATS)
def test_no_unconsented_sensitive_answer_and_no_private_note(fmt: str, annex: bool) -> None:
    out = sheet(fmt, annex)
    assert SENSITIVE not in out
    assert PRIVATE not in out and PRIVATE_PREP not in out
    assert SCORE_QUESTION not in out, "a score is not printed by default"


@pytest.mark.parametrize("fmt", FORMATS)
def test_answers_only_in_the_annex(fmt: str) -> None:
    without = sheet(fmt)
    assert "Klanten aan de telefoon" not in without
    assert "Bijlage" not in without and "BIJLAGE" not in without
    assert "staan niet op dit blad" in without
    with_annex = sheet(fmt, annex=True)
    start = with_annex.lower().index("bijlage: antwoorden")
    assert with_annex.index("Klanten aan de telefoon") > start


@pytest.mark.parametrize("fmt", FORMATS)
def test_with_consent_a_sensitive_answer_stands_only_in_the_annex(fmt: str) -> None:
    assert SENSITIVE not in sheet(fmt, **consented())
    out = sheet(fmt, annex=True, **consented())
    assert out.index(SENSITIVE) > out.lower().index("bijlage: antwoorden")
    assert PRIVATE not in out


def test_a_template_cannot_reach_what_may_not_go_on_paper(home: Path) -> None:
    folder = home / "templates"
    folder.mkdir(parents=True)
    (folder / "agreement.md.j2").write_text(
        "{% for k, a in session.answers.items() %}{{ a.value }}|{{ a.note }}\n{% endfor %}",
        encoding="utf-8",
    )
    out = render(make_session(), today=TODAY)
    assert "Klanten aan de telefoon" in out  # the template did see the answers ...
    assert SENSITIVE not in out and PRIVATE not in out  # ... but not these


# --- the page: conclusions, summary, signatures, privacy ----------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_page_one_starts_with_the_conclusions_and_the_agreements(fmt: str) -> None:
    out = sheet(fmt)
    order = [
        "An Peeters",
        "Doorverwijzing naar loopbaanbegeleiding",
        "Nu geen groei",
        "Opleiding offertes",
        "18 januari 2027",
        "0470 12 34 56",
        SUMMARY,
        "voor gezien",
    ]
    places = [out.index(text) for text in order]
    assert places == sorted(places), list(zip(order, places, strict=True))
    assert "Conclusies" in out or "CONCLUSIES" in out


@pytest.mark.parametrize("fmt", FORMATS)
def test_signatures_explain_seen_and_agreed(fmt: str) -> None:
    out = " ".join(sheet(fmt).split())
    assert "Voor gezien:" in out and "gelezen; daarmee ga je nog niet akkoord" in out
    assert "Akkoord:" in out and "akkoord met de conclusies en de afspraken" in out
    assert "Opmerking" in out


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_privacy_line(fmt: str) -> None:
    out = " ".join(sheet(fmt).split())
    assert "De werkgever bewaart dit blad vertrouwelijk" in out
    assert "nog 5 jaar daarna" in out
    assert "inkijken en laten verbeteren" in out
    assert "niet om de medewerker te beoordelen" in out
    paper = Paper(organisation_name="Bakkerij Peeters", retention_years=7)
    out = " ".join(render(make_session(), "afspraken", fmt, paper=paper).split())
    assert "Bakkerij Peeters bewaart dit blad" in out and "nog 7 jaar daarna" in out


@pytest.mark.parametrize("kind", EMPLOYEE_KINDS)
@pytest.mark.parametrize("fmt", FORMATS)
def test_no_phase_or_purpose_label_for_the_employee(kind: str, fmt: str) -> None:
    from loopbaan_cli.banks.library import load_library

    session = make_session(
        phase="laatste_fase",
        phase_title="Laatste loopbaanfase",
        purposes=["drempel"],
        purpose_titles=["Drempelverlagend gesprek"],
    )
    out = render(session, kind, fmt, today=TODAY, library=load_library())
    assert "Drempelverlagend" not in out
    assert "Laatste loopbaanfase" not in out


@pytest.mark.parametrize("kind", EMPLOYEE_KINDS)
@pytest.mark.parametrize("fmt", FORMATS)
def test_the_organisation_stands_on_every_document(kind: str, fmt: str) -> None:
    from loopbaan_cli.banks.library import load_library

    out = render(make_session(), kind, fmt, today=TODAY, library=load_library(), paper=ORGANISATION)
    assert "Bakkerij Peeters" in out
    if fmt == "html" and kind != "kaart":
        assert '<img class="logo" src="data:image/png;base64,iVBORw0KGgo="' in out
        assert "Kerkstraat 12" in out


def test_html_pages_carry_name_date_page_and_initials() -> None:
    out = sheet("html")
    css = out[out.index("<style>") : out.index("</style>")]
    assert 'content: "An Peeters \\b7  loopbaangesprek van 22 november 2026";' in css
    assert '"blad " counter(page) " van " counter(pages)' in css
    assert "paraaf" in css and "string(paraaf)" in css
    assert '.signatures { string-set: paraaf ""; }' in css  # none on the signed page
    assert "hyphens: auto;" in css and "overflow-wrap: anywhere" not in css
    assert '<html lang="nl-BE">' in out


def test_typed_text_cannot_break_out_of_the_page_footer() -> None:
    from loopbaan_cli.sessions.model import Employee

    name = 'An "}</style><script>x</script>'
    out = sheet("html", employee=Employee(name=name))
    css = out[out.index("<style>") : out.index("</style>")]
    assert "<script>" not in css and '"}' not in css
    assert out.count("</style>") == 1


# --- settings and the command line -----------------------------------------------------


def test_organisation_and_retention_from_config(home: Path) -> None:
    home.mkdir(parents=True, exist_ok=True)
    (home / "config.yaml").write_text(
        "retention_years: 10\norganisation:\n  name: Bakkerij Peeters\n"
        "  address: Kerkstraat 12\n  logo: logo.png\n",
        encoding="utf-8",
    )
    settings = Settings.load()
    assert settings.retention_years == 10
    assert settings.organisation.name == "Bakkerij Peeters"
    assert settings.organisation.logo == home / "logo.png"


def test_a_wrong_organisation_key_is_named_with_its_line(home: Path) -> None:
    home.mkdir(parents=True, exist_ok=True)
    (home / "config.yaml").write_text(
        "interval_years: 3\norganisation:\n  name: X\n  adres: Kerkstraat\n", encoding="utf-8"
    )
    with pytest.raises(ConfigError) as info:
        Settings.load()
    assert "config.yaml:4" in info.value.message
    assert "onbekende sleutel 'adres' onder organisation" in info.value.message


def test_export_with_organisation_logo_and_annex(run: CliRun, home: Path, tmp_path: Path) -> None:
    write_session(home, make_session(**consented()))
    (home / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\nlogo")
    (home / "config.yaml").write_text(
        "organisation: {name: Bakkerij Peeters, logo: logo.png}\n", encoding="utf-8"
    )
    plain = run("export", "--format", "html")
    assert plain.exit_code == 0, plain.output
    assert "Bakkerij Peeters" in plain.stdout and 'src="data:image/png;base64,' in plain.stdout
    assert SENSITIVE not in plain.stdout
    annexed = run("export", "--format", "txt", "--annex")
    assert annexed.exit_code == 0, annexed.output
    assert SENSITIVE in annexed.stdout and PRIVATE not in annexed.stdout
    assert "--annex" in run("export", "--help").stdout


def test_a_missing_logo_is_a_clear_error(run: CliRun, home: Path) -> None:
    write_session(home, make_session())
    (home / "config.yaml").write_text("organisation: {logo: weg.png}\n", encoding="utf-8")
    assert_fails(run("export"), 1, "weg.png", "organisation.logo in config.yaml")


def test_an_old_file_with_one_conclusion_still_loads_and_prints(run: CliRun, home: Path) -> None:
    path = write_session(home, make_session())
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["conclusion"] = data.pop("conclusions")[0]
    del data["summary"]
    for record in data["answers"].values():
        del record["printed"], record["sensitive"]
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    session = store.load(data["id"])
    assert [c.id for c in session.conclusions] == ["doorverwijzing"]
    assert session.answers["kern.blijven"].printed is False  # a score
    assert session.answers["kern.energie"].printed is True
    result = run("export", "--format", "txt")
    assert result.exit_code == 0, result.output
    assert "Doorverwijzing naar loopbaanbegeleiding" in result.stdout
