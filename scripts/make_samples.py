"""Make the sample documents in docs/voorbeelden/ from the built-in question banks.

Run by hand after a change to the documents: `.venv/bin/python scripts/make_samples.py`.

The sample conversation is docs/voorbeelden/antwoorden.yaml (a bakery, one
employee, answers with the built-in banks, one sensitive answer she did not
want on paper, two agreements). It is held with `loopbaan start --answers
... --no-input` in a temporary LOOPBAAN_HOME (nothing of yours is touched,
with the bakery as organisation in its config.yaml), and then exported:
the agreement (md, html, pdf), the pocket card (pdf) and the invitation (md);
after the follow-up of docs/voorbeelden/opvolging.yaml, the follow-up
document (pdf).
The pdf needs the extra `loopbaan[pdf]` (typst).

tests/documents/test_samples.py checks that the answers file still holds with the
banks, so the samples can always be made again; not that the outputs are
byte for byte the same (they carry the day they were made).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "docs" / "voorbeelden"
ANSWERS = SAMPLES / "antwoorden.yaml"
CHECKIN = SAMPLES / "opvolging.yaml"  # the first follow-up, two months later

CONFIG = """\
organisation:
  name: Bakkerij De Gouden Korst
  address: |
    Marktplein 12
    2800 Mechelen
"""

# (kind, format, file in docs/voorbeelden/)
DOCUMENTS = (
    ("afspraken", "md", "afspraken.md"),
    ("afspraken", "html", "afspraken.html"),
    ("afspraken", "pdf", "afspraken.pdf"),
    ("kaart", "pdf", "kaart.pdf"),
    ("uitnodiging", "md", "uitnodiging.md"),
)
# made after the follow-up (CHECKIN), which adds an agreement: after the others
AFTER_FOLLOWUP = (("opvolging", "pdf", "opvolging.pdf"),)


def loopbaan(home: Path, *args: str) -> str:
    """Run `loopbaan ARGS` with this home; stop with its message when it fails."""
    env = {**os.environ, "LOOPBAAN_HOME": str(home), "NO_COLOR": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "loopbaan_cli", *args],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        sys.exit(f"loopbaan {' '.join(args)} mislukte:\n{done.stderr}{done.stdout}")
    return done.stdout


def hold(home: Path) -> str:
    """The sample conversation, held from the answers file; its id."""
    home.mkdir(parents=True, exist_ok=True)
    (home / "config.yaml").write_text(CONFIG, encoding="utf-8")
    loopbaan(home, "start", "--answers", str(ANSWERS), "--no-input")
    [session] = json.loads(loopbaan(home, "list", "--json"))
    return str(session["id"])


def export(home: Path, session_id: str, documents: tuple[tuple[str, str, str], ...]) -> None:
    for kind, fmt, name in documents:
        target = SAMPLES / name
        args = ("export", session_id, "--kind", kind, "--format", fmt, "-o", str(target))
        loopbaan(home, *args, "--force")
        target.chmod(0o644)  # a sample for everyone, not personal data
        print(f"gemaakt: {target.relative_to(ROOT)}")


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="loopbaan-voorbeelden-") as tmp:
        home = Path(tmp) / "home"
        session_id = hold(home)
        export(home, session_id, DOCUMENTS)
        loopbaan(home, "followup", session_id, "--answers", str(CHECKIN), "--no-input")
        export(home, session_id, AFTER_FOLLOWUP)


if __name__ == "__main__":
    main()
