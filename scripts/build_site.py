"""Build the static site without ever leaving a half-published site/.

MkDocs writes into a scratch directory; only when the strict build succeeds is
the result swapped into place, so a failed build keeps the previous site/.
Warnings and errors are shown, MkDocs' progress lines (INFO) are not. Dates in
the output come from the data (hooks/trust.py sets SOURCE_DATE_EPOCH).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def build(dest: Path = ROOT / "site") -> int:
    """Strict build into a scratch folder beside *dest*, then swap; 0 on success."""
    scratch = dest.parent / f".{dest.name}-build"
    shutil.rmtree(scratch, ignore_errors=True)
    scratch.mkdir()
    fresh = scratch / "site"
    env = dict(os.environ, SITE_DIR=str(fresh), PYTHONPATH=str(ROOT))
    # Not --quiet: it silences warnings, and then --strict has nothing to count.
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(ROOT / "mkdocs.yml")]
    result = subprocess.run(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    shown = [line for line in result.stdout.splitlines() if not line.startswith(("INFO ", "  - ")) and line.strip()]
    if shown:
        print("\n".join(shown), file=sys.stderr)
    if result.returncode != 0:
        print("La construction du site a échoué : le site précédent (site/) est conservé.", file=sys.stderr)
        return 1
    old = scratch / "previous"
    if dest.exists():
        dest.rename(old)
    fresh.rename(dest)
    shutil.rmtree(scratch, ignore_errors=True)
    pages = sum(1 for _ in dest.rglob("index.html"))
    print(f"Site construit dans {dest} : {pages} pages.")
    return 0


if __name__ == "__main__":
    sys.exit(build())
