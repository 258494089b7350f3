"""The search index sent during the build is the index of the built pages (what the index knows
beyond a page's text: tests/unit/test_search_index.py)."""

from __future__ import annotations

import json

import pytest

from macros.model.catalog import load_catalog
from macros.search.metadata import index_exclusions


@pytest.fixture(scope="module")
def catalog(root):
    return load_catalog(root)


def _fragments(folder):
    import gzip

    found = {}
    for path in (folder / "fragment").iterdir():
        raw = gzip.decompress(path.read_bytes())
        data = json.loads(raw[raw.index(b"{") :])
        found[data["url"]] = data
    return found


def test_index_sent_during_the_build_is_the_index_of_the_built_pages(site, tmp_path, catalog):
    """The build sends Pagefind each page before the theme renders it (hooks/search_index.py);
    indexing the finished site afterwards must give the same records, word for word."""
    import subprocess
    import sys

    cmd = [
        sys.executable,
        "-m",
        "pagefind",
        "--site",
        str(site),
        "--output-path",
        str(tmp_path / "after"),
        "--quiet",
        "--exclude-selectors",
        ", ".join(index_exclusions(catalog)),
    ]
    subprocess.run(cmd, check=True, capture_output=True)
    during, after = _fragments(site / "pagefind"), _fragments(tmp_path / "after")
    assert during.keys() == after.keys()
    assert during == after
