"""Making the banks your own: `loopbaan init`, user banks over built-in ones, and the
warnings of `loopbaan banks validate` for what loads but is likely wrong."""

from __future__ import annotations

import json
import re
import stat
from pathlib import Path
from typing import Any

import pytest
from helpers import BUILTIN_BANKS, CliRun, assert_fails

from loopbaan_cli.app import init
from loopbaan_cli.banks import schema
from loopbaan_cli.kernel import paths

BUILTIN_TEMPLATES = Path(paths.builtin_templates_dir())


def banks_json(run: CliRun) -> dict[str, Any]:
    result = run("banks", "list", "--json")
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def warnings_of(stderr: str, name: str) -> list[tuple[int, int, str]]:
    """(line, column, message) of every `<...>/name:line:col: waarschuwing: message`."""
    pattern = re.compile(rf"^.*{re.escape(name)}:(\d+):(\d+): waarschuwing: (.*)$", re.MULTILINE)
    return [(int(m[1]), int(m[2]), m[3]) for m in pattern.finditer(stderr)]


# --- loopbaan init -------------------------------------------------------------------


def test_init_copies_banks_catalogues_schemas_and_templates(run: CliRun, home: Path) -> None:
    result = run("init")
    assert result.exit_code == 0, result.output
    banks, templates = home / "question_banks", home / "templates"
    assert str(banks) in result.stdout and str(templates) in result.stdout
    assert "loopbaan banks validate" in result.stdout
    for source in BUILTIN_BANKS.rglob("*"):
        if source.is_file():
            assert (banks / source.relative_to(BUILTIN_BANKS)).is_file(), source
    for source in BUILTIN_TEMPLATES.rglob("*"):
        if source.is_file():
            copy = templates / source.relative_to(BUILTIN_TEMPLATES)
            assert copy.read_bytes() == source.read_bytes()


def test_init_files_are_private(run: CliRun, home: Path) -> None:
    assert run("init").exit_code == 0
    for path in [home / "question_banks", home / "templates", *home.rglob("*")]:
        mode = stat.S_IMODE(path.stat().st_mode)
        assert mode == (paths.PRIVATE_DIR if path.is_dir() else paths.PRIVATE_FILE), path


def test_every_yaml_init_writes_names_its_schema(run: CliRun, home: Path) -> None:
    assert run("init").exit_code == 0
    copies = sorted((home / "question_banks").rglob("*.yaml"))
    assert len(copies) == len(list(BUILTIN_BANKS.rglob("*.yaml")))
    for path in copies:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema=file://"), path
        uri = first.split("$schema=", 1)[1]
        relative = path.relative_to(home / "question_banks")
        expected = schema.file_name(schema.schema_for_file(relative))
        target = home / "question_banks" / "schema" / expected
        assert uri == target.absolute().as_uri(), path
        assert target.is_file()
    kern = (home / "question_banks" / "banks" / "kern.yaml").read_text(encoding="utf-8")
    assert "vragenbank.schema.json" in kern.splitlines()[0]
    assert kern.count("yaml-language-server") == 1  # the built-in relative line was replaced


def test_schema_line_survives_a_home_with_spaces(run: CliRun, tmp_path: Path) -> None:
    home = tmp_path / "Application Support" / "loopbaan"
    assert run("--home", home, "init").exit_code == 0
    first = (home / "question_banks" / "banks" / "kern.yaml").read_text().splitlines()[0]
    uri = first.split("$schema=", 1)[1]
    assert " " not in uri and "%20" in uri  # editors read the schema up to the first space


def test_after_init_the_copies_replace_the_builtins_and_validate(run: CliRun) -> None:
    builtin = {b["id"] for b in banks_json(run)["banks"]}
    assert run("init").exit_code == 0
    data = banks_json(run)
    assert {b["id"] for b in data["banks"]} == builtin
    assert {b["source"] for b in data["banks"]} == {"eigen"}
    result = run("banks", "validate")
    assert result.exit_code == 0, result.output
    assert "waarschuwing" not in result.stderr


def test_init_never_overwrites_an_edited_file(run: CliRun, home: Path) -> None:
    assert run("init").exit_code == 0
    kern = home / "question_banks" / "banks" / "kern.yaml"
    template = home / "templates" / "agreement.txt.j2"
    edited_kern = kern.read_text(encoding="utf-8").replace("title: Kernvragen", "title: Eigen")
    kern.write_text(edited_kern, encoding="utf-8")
    template.write_text("Mijn eigen sjabloon\n", encoding="utf-8")

    again = run("init")
    assert again.exit_code == 0, again.output
    assert kern.read_text(encoding="utf-8") == edited_kern
    assert template.read_text(encoding="utf-8") == "Mijn eigen sjabloon\n"
    assert "2 bestand(en) niet overschreven" in again.stdout
    assert str(kern) in again.stdout and str(template) in again.stdout
    assert "--force" in again.stdout
    # identical files are not worth a word
    assert str(home / "question_banks" / "banks" / "fase_starter.yaml") not in again.stdout

    forced = run("init", "--force")
    assert forced.exit_code == 0, forced.output
    assert "title: Kernvragen" in kern.read_text(encoding="utf-8")
    assert template.read_bytes() == (BUILTIN_TEMPLATES / "agreement.txt.j2").read_bytes()
    assert "2 bestand(en) vervangen" in forced.stdout


def test_init_twice_says_nothing_changed(run: CliRun) -> None:
    assert run("init").exit_code == 0
    again = run("init")
    assert again.exit_code == 0
    assert "niets veranderd" in again.stdout
    assert "niet overschreven" not in again.stdout


def test_init_restores_a_deleted_file_and_keeps_own_banks(run: CliRun, home: Path) -> None:
    assert run("init").exit_code == 0
    (home / "question_banks" / "banks" / "fase_starter.yaml").unlink()
    own = write(home / "question_banks" / "eigen.yaml", "id: eigen\nenabled: false\n")
    result = run("init")
    assert "1 bestand(en) gekopieerd" in result.stdout
    assert (home / "question_banks" / "banks" / "fase_starter.yaml").is_file()
    assert own.read_text() == "id: eigen\nenabled: false\n"


def test_init_reports_a_folder_in_the_way(run: CliRun, home: Path) -> None:
    (home / "question_banks" / "banks" / "kern.yaml").mkdir(parents=True)
    assert_fails(run("init"), 1, "kern.yaml", "map")


def test_with_modeline_replaces_an_existing_line() -> None:
    text = "# yaml-language-server: $schema=../oud.json\nid: x\n"
    assert init.with_modeline(text, "file:///nieuw.json") == (
        "# yaml-language-server: $schema=file:///nieuw.json\nid: x\n"
    )
    assert init.with_modeline("id: x\n", "u").startswith("# yaml-language-server: $schema=u\nid")


# --- loopbaan banks schema -------------------------------------------------------------


def test_banks_schema_prints_the_bank_schema(run: CliRun) -> None:
    result = run("banks", "schema")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == schema.build()


def test_banks_schema_of_a_catalogue(run: CliRun) -> None:
    result = run("banks", "schema", "doorverwijzing")
    assert result.exit_code == 0
    assert "checked_on" in json.loads(result.stdout)["$defs"]["Referral"]["properties"]


def test_banks_schema_unknown_name(run: CliRun) -> None:
    assert_fails(run("banks", "schema", "vragen"), 1, "onbekend schema", "vragenbank")


# --- user banks over built-in ones -------------------------------------------------------

OWN_KERN = """\
id: kern
title: Onze kernvragen
sections:
  - id: vandaag
    title: Vandaag
    questions:
      - id: koffie
        text: Hoe drink je je koffie?
        tip: Gewoon om te beginnen.
"""


def test_override_addition_and_switch_off_together(run: CliRun, home: Path) -> None:
    write(home / "question_banks" / "kern.yaml", OWN_KERN)
    write(
        home / "question_banks" / "nieuw" / "fietsers.yaml",
        OWN_KERN.replace("id: kern", "id: fietsers").replace("Onze kernvragen", "Fietsers"),
    )
    write(home / "question_banks" / "uit.yaml", "id: doel_balans\nenabled: false\n")
    data = banks_json(run)
    banks = {b["id"]: b for b in data["banks"]}
    assert banks["kern"]["source"] == "eigen" and banks["kern"]["title"] == "Onze kernvragen"
    assert [q["key"] for q in banks["kern"]["questions"]] == ["kern.koffie"]
    assert banks["fietsers"]["source"] == "eigen"
    assert "doel_balans" not in banks and data["disabled"] == ["doel_balans"]
    assert banks["fase_starter"]["source"] == "ingebouwd"
    result = run("banks", "validate")
    assert result.exit_code == 0, result.output


def test_switching_off_an_unknown_bank_is_harmless(run: CliRun, home: Path) -> None:
    write(home / "question_banks" / "uit.yaml", "id: bestaat_niet\nenabled: false\n")
    assert run("banks", "validate").exit_code == 0
    assert "bestaat_niet" not in {b["id"] for b in banks_json(run)["banks"]}


def test_broken_user_copy_after_init_keeps_the_builtin_bank(run: CliRun, home: Path) -> None:
    assert run("init").exit_code == 0
    kern = home / "question_banks" / "banks" / "kern.yaml"
    lines = kern.read_text(encoding="utf-8").splitlines()
    title = next(i for i, line in enumerate(lines) if line.startswith("title:"))
    lines[title] = "title: Kernvragen: onze versie"  # an unquoted colon
    kern.write_text("\n".join(lines) + "\n", encoding="utf-8")

    validate = run("banks", "validate")
    assert_fails(validate, 2, f"{kern}:{title + 1}:", "dubbelpunt")
    assert re.search(rf"{re.escape(str(kern))}:{title + 1}:\d+: fout: ", validate.stderr)

    listing = run("banks", "list", "--json")
    assert listing.exit_code == 0, listing.output
    assert "kern.yaml" in listing.stderr and "Traceback" not in listing.output
    banks = {b["id"]: b for b in json.loads(listing.stdout)["banks"]}
    assert banks["kern"]["source"] == "ingebouwd"  # the built-in bank steps in
    assert banks["fase_starter"]["source"] == "eigen"  # the other copies still count
    assert run("banks", "list").exit_code == 0


def test_broken_user_bank_lists_every_error_with_its_place(run: CliRun, home: Path) -> None:
    path = write(
        home / "question_banks" / "kapot.yaml",
        """\
id: kapot
title: Kapot
sections:
  - id: deel
    title: Deel
    questions:
      - id: een
        txt: Tikfout
      - id: twee
        text: Twee?
        type: keuze
""",
    )
    result = run("banks", "validate")
    assert_fails(result, 2, "3 fouten", f"{path}:7:9", f"{path}:8:9", f"{path}:11:9")
    assert "'text' ontbreekt" in result.stderr
    assert "bedoelde je 'text'" in result.stderr
    assert "'keuze' is geen geldige waarde voor 'type'" in result.stderr
    assert run("banks", "list").exit_code == 0


def test_a_bad_condition_in_a_user_bank_is_an_error(run: CliRun, home: Path) -> None:
    path = write(
        home / "question_banks" / "kapot.yaml",
        OWN_KERN.replace("id: kern", "id: kapot") + '        when: "koffie =="\n',
    )
    result = run("banks", "validate")
    assert_fails(result, 2, f"{path}:10:9", "ongeldige voorwaarde")
    listing = run("banks", "list", "--json")
    assert listing.exit_code == 0 and "kapot.yaml" in listing.stderr


# --- the warnings: it loads, but it is probably not what you meant --------------------

WARNINGS = """\
id: proef
title: Proef
purposes: [groei_job]
sections:
  - id: leeg
    title: Leeg
    questions: []
  - id: deel
    title: Deel
    questions:
      - id: wil_meer
        text: Wil je meer verantwoordelijkheid?
        type: choice
        choices: [Ja, Nee, Ja]
      - id: welke
        text: Welke?
        when: "wil_meer == 'ja'"
      - id: eerder
        text: Eerder?
        when: "later == 'x'"
      - id: later
        text: Later?
        type: choice
        choices: [x, y]
      - id: onbekend
        text: Onbekend?
        when: "bestaat_niet"
      - id: fiets
        text: Kom je met de fiets?
        type: confirm
      - id: geen_fiets
        text: Waarom niet?
        when: "not fiets"
      - id: nooit
        text: Nooit?
        when: "false"
      - id: score
        text: Hoe tevreden?
        type: scale
        scale: {min: 1, max: 5, min_label: niet, max_label: heel}
      - id: onmogelijk
        text: Onmogelijk?
        when: "score is not none and score > 5"
      - id: daarna
        text: Daarna?
        when: "onmogelijk == 'x'"
      - id: fase
        text: Fase?
        when: "phase == 'tiener'"
      - id: doel
        text: Doel?
        when: "'vliegen' in purposes"
      - id: ander_doel
        text: Ander doel?
        when: "'balans' in purposes and 'groei_job' not in purposes"
      - id: wensen
        text: Wensen?
        type: multi_choice
        choices: [Opleiding, Uren]
      - id: wens_fout
        text: Wens?
        when: "wensen == 'Opleiding'"
      - id: wens_tikfout
        text: Wens?
        when: "'opleidingen' in (wensen or [])"
      - id: fiets_tekst
        text: Fiets?
        when: "fiets == 'Ja'"
      - id: kern_ref
        text: Kern?
        when: "answers['kern.richting'] == 'Iets anders'"
      - id: goed
        text: Dit klopt allemaal.
        when: "fiets == false and wil_meer in ['Ja', 'Nee'] and 'Uren' in (wensen or [])"
"""

EXPECTED_WARNINGS = [
    (5, 5, "deel 'leeg' heeft geen vragen"),
    (14, 28, "keuze 'Ja' staat er twee keer"),
    (17, 9, "vergelijkt 'wil_meer' met 'ja', maar dat is geen keuze van die vraag"),
    (20, 9, "verwijst naar 'later', maar die vraag komt pas later"),
    (27, 9, "verwijst naar 'bestaat_niet', maar die vraag bestaat niet in deze bank"),
    (33, 9, "'not fiets' is ook waar als 'fiets' overgeslagen"),
    (36, 9, "vraag 'nooit' wordt nooit gesteld"),
    (43, 9, "vraag 'onmogelijk' wordt nooit gesteld: de voorwaarde is in geen enkel gesprek waar"),
    (46, 9, "vraag 'daarna' wordt nooit gesteld: ze hangt af van 'onmogelijk'"),
    (49, 9, "'tiener' is geen levensfase"),
    (52, 9, "'vliegen' is geen doel"),
    (55, 9, "vraag 'ander_doel' wordt nooit gesteld"),
    (62, 9, "'wensen' is een meerkeuzevraag: het antwoord is een lijst; schrijf 'Opleiding' in"),
    (65, 9, "vergelijkt 'wensen' met 'opleidingen'"),
    (68, 9, "'fiets' is een ja/nee-vraag: vergelijk met true of false, niet met 'Ja'"),
    (71, 9, "vergelijkt 'kern.richting' met 'Iets anders'"),
]


def test_every_warning_at_its_place(run: CliRun, tmp_path: Path) -> None:
    path = write(tmp_path / "proef.yaml", WARNINGS)
    result = run("banks", "validate", path)
    assert result.exit_code == 0, result.output  # warnings only: still in order
    assert "In orde" in result.stdout
    found = warnings_of(result.stderr, "proef.yaml")
    for line, column, words in EXPECTED_WARNINGS:
        assert any((ln, col) == (line, column) and words in msg for ln, col, msg in found), (
            line,
            column,
            words,
            found,
        )
    assert len(found) == len(EXPECTED_WARNINGS), found
    assert all(ln != 74 for ln, _, _ in found), "a correct condition gives no warning"


def test_warning_suggests_the_fix(run: CliRun, tmp_path: Path) -> None:
    path = write(tmp_path / "proef.yaml", WARNINGS)
    stderr = run("banks", "validate", path).stderr
    assert "schrijf 'fiets == false'" in stderr
    assert "bedoelde je 'Iets helemaal anders'?" in stderr
    assert "bedoelde je 'Opleiding'?" in stderr


def test_warnings_in_a_user_bank_show_in_a_full_validate(run: CliRun, home: Path) -> None:
    path = write(home / "question_banks" / "proef.yaml", WARNINGS)
    result = run("banks", "validate")
    assert result.exit_code == 0, result.output
    assert {ln for ln, _, _ in warnings_of(result.stderr, "proef.yaml")} == {
        line for line, _, _ in EXPECTED_WARNINGS
    }
    assert str(path) in result.stderr
    assert "waarschuwing(en)" in result.stdout


def test_banks_that_never_meet(run: CliRun, tmp_path: Path) -> None:
    path = write(
        tmp_path / "starter.yaml",
        """\
id: alleen_starters
title: Alleen starters
phases: [starter]
sections:
  - id: deel
    title: Deel
    questions:
      - id: pensioen
        text: Pensioen?
        when: "answers['fase_laatste.invulling'] == 'Rustig afbouwen'"
""",
    )
    result = run("banks", "validate", path)
    assert result.exit_code == 0
    assert [(ln, col) for ln, col, msg in warnings_of(result.stderr, "starter.yaml")] == [(10, 9)]
    assert "komen nooit in hetzelfde gesprek" in result.stderr


@pytest.mark.parametrize(
    "when",
    [
        "richting == 'Ja'",
        "richting != 'Ja'",
        "richting in ['Ja', 'Nee']",
        "'Ja' == richting",
        "richting|default('') == 'Nee'",
    ],
)
def test_choice_comparisons_in_every_spelling(run: CliRun, tmp_path: Path, when: str) -> None:
    path = write(
        tmp_path / "proef.yaml",
        f"""\
id: proef
title: Proef
sections:
  - id: deel
    title: Deel
    questions:
      - id: richting
        text: Richting?
        type: choice
        choices: [ja, nee]
      - id: vervolg
        text: Vervolg?
        when: "{when}"
""",
    )
    result = run("banks", "validate", path)
    assert result.exit_code == 0
    assert "bedoelde je 'ja'?" in result.stderr or "bedoelde je 'nee'?" in result.stderr, when
