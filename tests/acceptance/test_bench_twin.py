"""The bench's static twin of the site (bench/static.py): the same pages, stock Material, no hooks.

`make bench` compares our build with this twin; if the twin cannot be made from the shipped
tree, the bench stops after minutes of synthesis, and if its pages are not ours, the comparison
says nothing. Checked here on a copy of the real data, in seconds."""

from __future__ import annotations

import subprocess
import sys

from bench.static import capture, export
from tests.support.sitecopy import copy_repo


def test_the_twin_converts_the_pages_our_build_converts_and_builds(tmp_path):
    repo = copy_repo(tmp_path / "repo")
    pages = capture(repo)
    ours = {p.relative_to(repo / "docs").as_posix() for p in (repo / "docs").rglob("*.md")}
    assert ours <= set(pages)  # every hand-written page, and the generated ones
    assert any(uri.startswith("pratiques/") and uri not in ours for uri in pages)
    config = export(repo, tmp_path / "twin", search=True, pages=pages)
    docs = config.parent / "docs"
    assert {p.relative_to(docs).as_posix() for p in docs.rglob("*.md")} == set(pages)
    # Macros expanded as our build expands them: an index, and a « Contribuer » page's fields.
    practices = (docs / "pratiques" / "index.md").read_text(encoding="utf-8")
    assert "{{" not in practices and "pf-catalogue" in practices
    fields = (docs / "contribuer" / "formats.md").read_text(encoding="utf-8")
    assert "{{" not in fields and "data/formats.yaml" in fields
    assert fields.endswith(pages["contribuer/formats.md"]["markdown"])
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(tmp_path / "site")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert (tmp_path / "site" / "search" / "search_index.json").is_file()
    assert (tmp_path / "site" / "contribuer" / "formats" / "index.html").is_file()
