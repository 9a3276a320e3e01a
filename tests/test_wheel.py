"""The built wheel works on its own: built-in banks and templates come with it.

The editable install used for development finds question_banks/ and
templates/ beside the package; an installed wheel must carry them inside the
package (pyproject force-includes them). This test builds the wheel, installs
it into a fresh venv (dependencies from pip's configured index), and runs that
venv's `loopbaan` from a folder far from the source tree:
- `banks list --json` finds every built-in bank, marked "ingebouwd", loaded
  from inside the fresh venv;
- `start --answers FILE --no-input` then `export` in md and txt render the
  agreement through the templates shipped in the wheel.

It takes a while (build + install, usually 15-60 s; up to a few minutes on a
cold cache), so it is marked `slow`: `pytest -m "not slow"` leaves it out
while you work. CI runs everything.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.slow

ANSWERS = """\
employee: {name: Wheel Wouters, role: magazijnier}
interviewer: {name: Marc Janssens, role: zaakvoerder}
date: 2026-11-22
phase: ervaren
purposes: []
answers:
  kern.tevredenheid: 4
  kern.wat_graag: Orde brengen in het magazijn.
notes:
  kern.wat_graag: {text: "GEHEIM-wiel: alleen voor Marc", private: true}
conclusion: {id: groei_huidige_job, text: Wheel groeit verder in het magazijn.}
agreements:
  - action: opleiding
    what: Heftruckattest halen
    owner: Wheel Wouters
    due: 2027-03-01
followups: [2027-02-22]
reachability: Elke ochtend aan de poort.
"""


def _run(
    args: list[str],
    *,
    timeout: float,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    stdin: int | None = None,
) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        args, capture_output=True, text=True, timeout=timeout, cwd=cwd, env=env, stdin=stdin
    )
    assert result.returncode == 0, f"{' '.join(args)} failed:\n{result.stdout}\n{result.stderr}"
    return result


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv with the freshly built wheel installed; its bin folder."""
    work = tmp_path_factory.mktemp("wheel")
    dist = work / "dist"
    _run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(dist), str(ROOT)],
        timeout=300,
    )
    wheels = list(dist.glob("loopbaan-*.whl"))
    assert len(wheels) == 1, wheels
    wheel = wheels[0]

    names = zipfile.ZipFile(wheel).namelist()
    for needed in (
        "loopbaan_cli/cli/app.py",
        "loopbaan_cli/question_banks/phases.yaml",
        "loopbaan_cli/question_banks/banks/kern.yaml",
        "loopbaan_cli/templates/agreement.md.j2",
        "loopbaan_cli/templates/agreement.txt.j2",
    ):
        assert needed in names, f"{needed} is not in {wheel.name}"
    assert not any(n.startswith(("tests/", "question_banks/", "templates/")) for n in names), (
        "data belongs inside the package, not at the top of site-packages"
    )

    env_dir = work / "venv"
    venv.EnvBuilder(with_pip=True, clear=True).create(env_dir)
    bin_dir = env_dir / ("Scripts" if os.name == "nt" else "bin")
    _run(
        [str(bin_dir / "python"), "-m", "pip", "install", "--find-links", str(dist), str(wheel)],
        timeout=300,
        env=_clean_env(),
    )
    return bin_dir


def _clean_env(**extra: str) -> dict[str, str]:
    """No PYTHONPATH, no virtualenv of ours: only the fresh venv may be used."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV") and not k.startswith("LOOPBAAN_")
    }
    env.update(extra)
    return env


def test_the_wheel_carries_its_banks(installed: Path, tmp_path: Path) -> None:
    env_dir = installed.parent
    home = tmp_path / "home"
    where = _run(
        [str(installed / "python"), "-c", "import loopbaan_cli; print(loopbaan_cli.__file__)"],
        timeout=60,
        cwd=tmp_path,
        env=_clean_env(),
    ).stdout.strip()
    assert Path(where).resolve().is_relative_to(env_dir.resolve()), where

    result = _run(
        [str(installed / "loopbaan"), "banks", "list", "--json"],
        timeout=60,
        cwd=tmp_path,
        env=_clean_env(LOOPBAAN_HOME=str(home)),
    )
    data = json.loads(result.stdout)
    shipped = {
        yaml.safe_load(p.read_text(encoding="utf-8"))["id"]
        for p in (ROOT / "question_banks" / "banks").glob("*.yaml")
    }
    found = {bank["id"]: bank for bank in data["banks"]}
    assert set(found) == shipped
    for bank in found.values():
        assert bank["source"] == "ingebouwd", bank
        assert Path(bank["path"]).resolve().is_relative_to(env_dir.resolve()), bank["path"]
        assert bank["questions"], bank["id"]
    shipped_phases = yaml.safe_load((ROOT / "question_banks" / "phases.yaml").read_text("utf-8"))
    shipped_actions = yaml.safe_load((ROOT / "question_banks" / "actions.yaml").read_text("utf-8"))
    assert len(data["phases"]) == len(shipped_phases["phases"])
    assert len(data["actions"]) == len(shipped_actions["actions"])
    assert {"groei_huidige_job", "groei_andere_job", "geen_groei_nu", "doorverwijzing"} <= {
        c["id"] for c in data["conclusions"]
    }

    validated = subprocess.run(
        [str(installed / "loopbaan"), "banks", "validate"],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
        env=_clean_env(LOOPBAAN_HOME=str(home)),
    )
    assert validated.returncode == 0, validated.stdout + validated.stderr


def test_the_wheel_carries_its_templates(installed: Path, tmp_path: Path) -> None:
    home = tmp_path / "home"
    env = _clean_env(LOOPBAAN_HOME=str(home))
    answers = tmp_path / "antwoorden.yaml"
    answers.write_text(ANSWERS, encoding="utf-8")
    loopbaan = str(installed / "loopbaan")

    made = _run(
        [loopbaan, "start", "--answers", str(answers), "--no-input", "--json"],
        timeout=60,
        cwd=tmp_path,
        env=env,
        stdin=subprocess.DEVNULL,
    )
    session_id = json.loads(made.stdout)["id"]

    # --annex: the answers are printed only in the annex (issue 13)
    txt = _run(
        [loopbaan, "export", session_id, "--format", "txt", "--annex"],
        timeout=60,
        cwd=tmp_path,
        env=env,
    )
    md = _run([loopbaan, "export", "--format", "md", "--annex"], timeout=60, cwd=tmp_path, env=env)
    for sheet in (txt.stdout, md.stdout):
        assert "Wheel Wouters" in sheet
        assert "Heftruckattest halen" in sheet
        assert "Orde brengen in het magazijn." in sheet
        assert "Elke ochtend aan de poort." in sheet
        assert "GEHEIM" not in sheet
        assert "akkoord" in sheet
    assert "HANDTEKENINGEN" in txt.stdout
    assert "|" in md.stdout, "the agreements are a Markdown table"


PREPARED = """\
employee: {name: Wheel Wouters, role: magazijnier}
interviewer: {name: Marc Janssens, role: zaakvoerder}
date: 2026-12-15
phase: ervaren
purposes: []
preparation:
  voorbereiding.sterke_punten: Kent elke klant bij naam.
  voorbereiding.mogelijkheden_nu: De nieuwe heftruck.
"""


def test_a_printed_command_works_when_pasted_after_the_readme_install(
    installed: Path, tmp_path: Path
) -> None:
    """The README installs into .venv without putting it on PATH: the hints must still work.

    The program is started as the README says (`.venv/bin/loopbaan`, relative),
    from a shell whose PATH has no loopbaan; each command it prints is then
    pasted into such a shell as it is.
    """
    project = tmp_path / "project"
    project.mkdir()
    (project / ".venv").symlink_to(installed.parent, target_is_directory=True)
    answers = project / "voorbereiding.yaml"
    answers.write_text(PREPARED, encoding="utf-8")
    path = os.pathsep.join(
        p for p in os.environ.get("PATH", "").split(os.pathsep) if p and p != str(installed)
    )
    env = _clean_env(LOOPBAAN_HOME=str(tmp_path / "home"), PATH=path)

    def shell(line: str) -> subprocess.CompletedProcess[str]:
        return _run(
            ["bash", "-c", line], timeout=60, cwd=project, env=env, stdin=subprocess.DEVNULL
        )

    shown = shell(".venv/bin/loopbaan prepare --answers voorbereiding.yaml --no-input").stdout
    printed = [line.strip() for line in shown.splitlines() if line.strip().startswith(".venv/")]
    export = next(line for line in printed if "uitnodiging" in line)
    shell(export)
    [invitation] = project.glob("uitnodiging-*.md")  # named after the conversation's id
    assert "Wheel" in invitation.read_text(encoding="utf-8")
    assert any("start --employee" in line for line in printed), shown
