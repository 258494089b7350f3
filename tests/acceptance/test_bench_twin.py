"""The bench's static twin of the site (bench/static.py): the same pages, stock Material, no hooks.

`make bench` compares our build with this twin; if the twin cannot be made from the shipped
tree (a template needing what only the build's macros give), the bench stops after minutes
of synthesis. Checked here on the real data, in seconds."""

from __future__ import annotations

import subprocess
import sys

from bench.static import export
from tests.support import ROOT


def test_the_twin_of_the_shipped_site_builds(tmp_path):
    config = export(ROOT, tmp_path / "twin", search=True)
    docs = config.parent / "docs"
    practices = (docs / "pratiques" / "index.md").read_text(encoding="utf-8")
    assert "{{" not in practices and "pf-catalogue" in practices  # the index macro was rendered
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(tmp_path / "site")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert (tmp_path / "site" / "search" / "search_index.json").is_file()
