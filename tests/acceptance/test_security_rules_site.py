"""Issue 14's rules on a real build and through the command line (the rules one by one: tests/unit/test_security_rules.py).

* addresses: a real build writes nothing the validator does not know of (:mod:`macros.pages.addresses`),
  and every anchor of an index page is known to it;
* at most 50 errors per file, then a count, also through `python -m scripts.validate_data`;
* the exports and the feed of the real site neutralise what a spreadsheet would run."""

from __future__ import annotations

import csv
import io
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest

from macros.core.errors import MAX_ERRORS_PER_FILE
from macros.exports.open_data import FORMULA_START
from macros.pages.addresses import site_beside, site_layout
from macros.validate.dataset import check_data_dir
from macros.validate.site import TOOL_FOLDERS
from tests.support import ROOT
from tests.support.broken_catalogue import write_tree
from tests.support.trees import SCHEMAS, norm


@pytest.fixture(scope="module")
def layout():
    catalogues, errors = check_data_dir(ROOT / "data", ROOT / "schemas", root=ROOT, site=site_beside(ROOT / "schemas"))
    assert not errors
    return site_layout(ROOT, catalogues)


def test_every_file_the_build_writes_is_known_to_the_validator(site, layout):
    """Derived, not hand-kept: each file of a real build is a page, a file or inside a tool's folder of the layout."""
    pages = {url + "index.html" for url in layout.pages}
    unknown = []
    for path in site.rglob("*"):
        rel = path.relative_to(site).as_posix()
        if path.is_file() and rel not in pages and rel not in layout.files and not rel.startswith(TOOL_FOLDERS):
            unknown.append(rel)
    assert unknown == [], "the build writes files macros/pages/addresses.py does not know of"


def test_every_anchor_of_an_index_page_is_known_to_the_validator(site, layout):
    """The ids of each index page are its entries' ids, the anchors the layout reserves, and those of the
    page rendered by its template as the validator renders it: nothing the validator would not see."""
    from macros.model.kinds import KINDS

    catalogues, _ = check_data_dir(ROOT / "data", ROOT / "schemas", root=ROOT, site=site_beside(ROOT / "schemas"))
    rendered = site_beside(ROOT / "schemas").rendered_ids(catalogues, layout)
    for kind in KINDS:
        if not kind.page or "#" not in kind.page:
            continue
        src = kind.page.split("#", 1)[0]
        html = (site / src.removesuffix(".md") / "index.html").read_text(encoding="utf-8")
        article = html[html.index("<article") : html.index("</article>")]
        ids = set(re.findall(r'\sid="([a-z0-9][a-z0-9-]*)"', article))
        entries = {e["id"] for e in catalogues[kind.catalogue]}
        unknown = sorted(i for i in ids - entries if not layout.anchor_taken(src, i) and i not in rendered[src])
        assert unknown == [], (src, unknown)
        assert not [e for e in entries if layout.anchor_taken(src, e)], src


def test_every_anchor_of_an_index_or_entry_page_can_be_linked_to(site, layout):
    """A link or a redirect to an anchor the built page has is never refused (it would block an editor
    for nothing): every id of the content of each index page and of each practice and format page,
    the theme's tools aside (the citation's text box is no place to send a reader)."""
    from macros.model.kinds import KINDS

    pages = [kind.page.split("#", 1)[0] for kind in KINDS if kind.page and "#" in kind.page]
    pages += [p.relative_to(site).parent.as_posix() + ".md" for p in (site / "pratiques").glob("*/index.html")]
    pages += [p.relative_to(site).parent.as_posix() + ".md" for p in (site / "formats").glob("*/index.html")]
    assert len(pages) == 7 + 6 + 7  # the index pages, the practices, the formats
    for src in pages:
        html = (site / src.removesuffix(".md") / "index.html").read_text(encoding="utf-8")
        article = html[html.index("<article") : html.index("</article>")]
        ids = set(re.findall(r'\sid="([a-z0-9][a-z0-9-]*)"', article)) - layout.theme_ids  # the page tools'
        assert ids, src
        assert [i for i in sorted(ids) if layout.has_anchor(src, i) is not True] == [], src


# --- Rule 5: bounded errors -------------------------------------------------------------------


def test_at_most_50_errors_per_file_then_a_count(tmp_path):
    """Same shape as the README's 200,000-line measure (tests/support/broken_catalogue.py), 3,000 lines here."""
    data = write_tree(tmp_path, 3000)
    entries = (data / "practices.yaml").read_text(encoding="utf-8").count("\n  - id: ")
    _, errors = check_data_dir(data, SCHEMAS, root=tmp_path, site=site_beside(SCHEMAS))
    mine = [e for e in errors if e.file == "data/practices.yaml"]
    assert len(mine) == MAX_ERRORS_PER_FILE + 1
    assert re.fullmatch(r"… et au moins [\d ]+ autres erreurs dans ce fichier", norm(mine[-1].message)), mine[-1]
    count = int("".join(c for c in mine[-1].message if c.isdigit()))
    # each copy has at least three errors (id, kind, year): every entry past the 50 listed errors is counted
    assert entries - MAX_ERRORS_PER_FILE <= count <= 4 * entries
    assert [e.line for e in mine[:-1]] == sorted(e.line for e in mine[:-1])
    result = subprocess.run(
        [sys.executable, "-m", "scripts.validate_data", "--data", str(data)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert result.returncode == 1 and "Traceback" not in result.stderr
    files = {line.split(":", 1)[0] for line in result.stdout.splitlines()[:-1]}
    assert len(result.stdout.splitlines()) <= len(files) * (MAX_ERRORS_PER_FILE + 1) + 1
    assert norm(result.stdout.splitlines()[-1]).startswith("Au moins ")


# --- Rule 7: outputs ---------------------------------------------------------------------------


def test_exports_and_feed_of_the_real_site(site):
    ET.fromstring((site / "feed.xml").read_bytes())
    for path in (site / "donnees").glob("*.csv"):
        for row in csv.reader(io.StringIO(path.read_text(encoding="utf-8"))):
            assert not any(c.startswith(FORMULA_START) for c in row), (path.name, row)
