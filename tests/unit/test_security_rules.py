"""Issue 14, rules 2 to 7, one by one (the fixtures of tests/fixtures/invalid/ show each refusal in place).

* addresses: what the validator reserves is derived from what the build writes, and a
  real build writes nothing it does not know of (:mod:`macros.model.addresses`);
* ids and patterns matched whole, as JSON Schema means them;
* numbers, booleans and texts YAML readers disagree on;
* at most 50 errors per file, then a count (a big broken file gets a short answer);
* CSV cells a spreadsheet would run are neutralised; the feed of valid data is XML.
"""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest

from macros.model.addresses import TOOL_FOLDERS, site_layout
from macros.core.errors import MAX_ERRORS_PER_FILE, quote
from macros.exports.open_data import FORMULA_START, to_csv
from macros.schema.patterns import ecma
from macros.validate.dataset import check_data_dir
from macros.load.reader import load_yaml
from macros.load.scalars import Ambiguous, plain_value

from .broken_catalogue import write_tree
from .conftest import ROOT
from .test_validation import SCHEMAS, make_tree, norm

# --- Rule 2: reserved addresses -------------------------------------------------------------


@pytest.fixture(scope="module")
def layout():
    catalogues, errors = check_data_dir(ROOT / "data", ROOT / "schemas", root=ROOT)
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
    assert unknown == [], "the build writes files macros/addresses.py does not know of"


def test_every_anchor_of_an_index_page_is_known_to_the_validator(site, layout):
    """The ids of each index page are its entries' ids, the anchors the layout reserves, and those of the
    page rendered by its template as the validator renders it: nothing the validator would not see."""
    from macros.validate.cross_addresses import rendered_ids
    from macros.model.kinds import KINDS

    catalogues, _ = check_data_dir(ROOT / "data", ROOT / "schemas", root=ROOT)
    rendered = rendered_ids(catalogues, layout, ROOT / "schemas")
    for kind in KINDS:
        if not kind.page or "#" not in kind.page:
            continue
        src = kind.page.split("#", 1)[0]
        html = (site / src.removesuffix(".md") / "index.html").read_text(encoding="utf-8")
        article = html[html.index("<article"):html.index("</article>")]
        ids = set(re.findall(r'\sid="([a-z0-9][a-z0-9-]*)"', article))
        entries = {e["id"] for e in catalogues[kind.catalogue]}
        unknown = sorted(i for i in ids - entries if not layout.anchor_taken(src, i) and i not in rendered[src])
        assert unknown == [], (src, unknown)
        assert not [e for e in entries if layout.anchor_taken(src, e)], src


def test_redirect_to_the_home_page_is_accepted(tmp_path):
    data = make_tree(tmp_path)
    (data / "redirects.yaml").write_text(
        "redirects:\n  - id: accueil\n    from: ancienne-accueil/\n    to: /\n    reason: essai\n    updated: 2024-03-15\n",
        encoding="utf-8")
    _, errors = check_data_dir(data, SCHEMAS, root=tmp_path)
    assert [e.format() for e in errors] == []


def test_ids_and_patterns_are_matched_whole():
    slug = ecma("^[a-z0-9]+(-[a-z0-9]+)*$")
    assert slug.search("stage-file") and not slug.search("stage-file\n") and not slug.search("index\n")
    assert not ecma(r"^\d{4}$").search("٢٠١٧")  # ECMA's \d is 0-9 only
    assert ecma("^[$]a$").search("$a")  # a « $ » inside a class stays a character


# --- Rules 3 and 4: texts, numbers, booleans --------------------------------------------------


@pytest.mark.parametrize("text, value", [
    ("2017", 2017), ("0", 0), ("true", True), ("False", False), ("~", None), ("2026-11-23", "2026-11-23"), ("Bretagne", "Bretagne"),
])
def test_what_every_yaml_reader_agrees_on_is_kept(text, value):
    got = plain_value(text)
    assert got == value and type(got) is type(value)


@pytest.mark.parametrize("text, reading", [
    ("0x7e1", 2017), ("03741", 2017), ("33:37", 2017), ("2_017", 2017), ("+2017", 2017), ("2017.0", 2017.0),
    ("NO", False), ("on", True), ("y", True), ("12:30", 750), ("1e3", 1000.0), ("0o17", 15), (".inf", float("inf")),
])
def test_what_yaml_readers_disagree_on_is_ambiguous(text, reading):
    got = plain_value(text)
    assert type(got) is Ambiguous and got == text and got.reading == reading


def test_a_huge_number_is_refused_not_crashed():
    got = load_yaml("year: " + "9" * 5000, "x.yaml").data["year"]
    assert type(got) is Ambiguous and got.reading is None


def test_messages_never_echo_invisible_characters():
    assert quote("a\u202eb\x1bc") == "« a‹U+202E›b‹U+001B›c »"


# --- Rule 5: bounded errors -------------------------------------------------------------------


def test_at_most_50_errors_per_file_then_a_count(tmp_path):
    """Same shape as the README's 200,000-line measure (tests/broken_catalogue.py), 3,000 lines here."""
    data = write_tree(tmp_path, 3000)
    entries = (data / "practices.yaml").read_text(encoding="utf-8").count("\n  - id: ")
    _, errors = check_data_dir(data, SCHEMAS, root=tmp_path)
    mine = [e for e in errors if e.file == "data/practices.yaml"]
    assert len(mine) == MAX_ERRORS_PER_FILE + 1
    assert re.fullmatch(r"… et au moins [\d ]+ autres erreurs dans ce fichier", norm(mine[-1].message)), mine[-1]
    count = int("".join(c for c in mine[-1].message if c.isdigit()))
    # each copy has at least three errors (id, kind, year): every entry past the 50 listed errors is counted
    assert entries - MAX_ERRORS_PER_FILE <= count <= 4 * entries
    assert [e.line for e in mine[:-1]] == sorted(e.line for e in mine[:-1])
    result = subprocess.run([sys.executable, "-m", "scripts.validate_data", "--data", str(data)], cwd=ROOT,
                            capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert result.returncode == 1 and "Traceback" not in result.stderr
    files = {line.split(":", 1)[0] for line in result.stdout.splitlines()[:-1]}
    assert len(result.stdout.splitlines()) <= len(files) * (MAX_ERRORS_PER_FILE + 1) + 1
    assert norm(result.stdout.splitlines()[-1]).startswith("Au moins ")


def test_texts_past_the_limit_are_not_examined_and_it_is_said(tmp_path):
    data = make_tree(tmp_path)
    (data / "glossary.yaml").write_text("glossary:\n" + "".join(
        f"  - id: g-{i}\n    term: T{i}\n    kind: notion\n    definition: Voir [ici](javascript:{i}).\n"
        f"    source: askoria-2017\n    updated: 2024-03-15\n" for i in range(120)), encoding="utf-8")
    _, errors = check_data_dir(data, SCHEMAS, root=tmp_path)
    mine = [e for e in errors if e.file == "data/glossary.yaml"]
    assert len(mine) == MAX_ERRORS_PER_FILE + 1 and mine[0].path == "glossary[0].definition"
    assert norm(mine[-1].message).startswith("… et peut-être d'autres erreurs dans ce fichier")


def test_the_loader_also_stops_listing_at_50(tmp_path):
    lines = "practices:\n  - id: a\n" + "".join(f"    cle: {i}\n" for i in range(200))  # 199 duplicate keys
    with pytest.raises(Exception) as exc:
        load_yaml(lines, "x.yaml")
    errors = exc.value.errors
    assert len(errors) == MAX_ERRORS_PER_FILE + 1
    assert norm(errors[-1].message) == "… et 149 autres erreurs dans ce fichier"


# --- Rule 7: outputs ---------------------------------------------------------------------------


@pytest.mark.parametrize("cell", ["=HYPERLINK(\"http://evil.example\")", "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx", "＝1+1"])
def test_csv_cells_that_would_run_are_neutralised(cell):
    rows = list(csv.reader(io.StringIO(to_csv(["a", "b"], [{"a": cell, "b": [cell, "x"]}]).decode("utf-8"))))
    assert rows[1][0] == "'" + cell and rows[1][1].startswith("'" + cell)
    assert not any(c.startswith(FORMULA_START) for row in rows for c in row)


def test_exports_and_feed_of_the_real_site(site):
    ET.fromstring((site / "feed.xml").read_bytes())
    for path in (site / "donnees").glob("*.csv"):
        for row in csv.reader(io.StringIO(path.read_text(encoding="utf-8"))):
            assert not any(c.startswith(FORMULA_START) for c in row), (path.name, row)


def test_control_characters_cannot_reach_the_feed(tmp_path):
    """The feed would stop being XML with one control character: the validator refuses them all, escaped or not."""
    data = make_tree(tmp_path)
    path = data / "practices.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("title: Un stage sur deux sites", 'title: "Un stage\\x0c sur deux sites"'),
                    encoding="utf-8")
    _, errors = check_data_dir(data, SCHEMAS, root=tmp_path)
    assert [e.format() for e in errors if "U+000C" in e.message]


def test_site_root_without_docs_still_validates(tmp_path):
    """Schemas copied without their site (tests, scripts): the address rules need a site and are skipped."""
    shutil.copytree(SCHEMAS, tmp_path / "schemas")
    data = make_tree(tmp_path)
    _, errors = check_data_dir(data, tmp_path / "schemas", root=tmp_path)
    assert errors == []
