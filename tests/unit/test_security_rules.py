"""Issue 14, rules 2 to 7, one by one (the fixtures of tests/fixtures/invalid/ show each refusal in place).

* addresses: what the validator reserves is derived from what the build writes, and a
  real build writes nothing it does not know of (:mod:`macros.pages.addresses`);
* ids and patterns matched whole, as JSON Schema means them;
* numbers, booleans and texts YAML readers disagree on;
* at most 50 errors per file, then a count (a big broken file gets a short answer);
* CSV cells a spreadsheet would run are neutralised; the feed of valid data is XML.
"""

from __future__ import annotations

import csv
import io
import shutil

import pytest

from macros.core.errors import MAX_ERRORS_PER_FILE, quote
from macros.exports.open_data import FORMULA_START, to_csv
from macros.load.reader import load_yaml
from macros.load.scalars import Ambiguous, plain_value
from macros.pages.addresses import site_beside
from macros.schema.patterns import ecma
from macros.validate.dataset import check_data_dir
from tests.support.trees import SCHEMAS, make_tree, norm


def test_redirect_to_the_home_page_is_accepted(tmp_path):
    data = make_tree(tmp_path)
    (data / "redirects.yaml").write_text(
        "redirects:\n  - id: accueil\n    from: ancienne-accueil/\n    to: /\n    reason: essai\n    updated: 2024-03-15\n",
        encoding="utf-8",
    )
    _, errors = check_data_dir(data, SCHEMAS, root=tmp_path, site=site_beside(SCHEMAS))
    assert [e.format() for e in errors] == []


def test_ids_and_patterns_are_matched_whole():
    slug = ecma("^[a-z0-9]+(-[a-z0-9]+)*$")
    assert slug.search("stage-file") and not slug.search("stage-file\n") and not slug.search("index\n")
    assert not ecma(r"^\d{4}$").search("٢٠١٧")  # ECMA's \d is 0-9 only
    assert ecma("^[$]a$").search("$a")  # a « $ » inside a class stays a character


# --- Rules 3 and 4: texts, numbers, booleans --------------------------------------------------


@pytest.mark.parametrize(
    "text, value",
    [
        ("2017", 2017),
        ("0", 0),
        ("true", True),
        ("False", False),
        ("~", None),
        ("2026-11-23", "2026-11-23"),
        ("Bretagne", "Bretagne"),
    ],
)
def test_what_every_yaml_reader_agrees_on_is_kept(text, value):
    got = plain_value(text)
    assert got == value and type(got) is type(value)


@pytest.mark.parametrize(
    "text, reading",
    [
        ("0x7e1", 2017),
        ("03741", 2017),
        ("33:37", 2017),
        ("2_017", 2017),
        ("+2017", 2017),
        ("2017.0", 2017.0),
        ("NO", False),
        ("on", True),
        ("y", True),
        ("12:30", 750),
        ("1e3", 1000.0),
        ("0o17", 15),
        (".inf", float("inf")),
    ],
)
def test_what_yaml_readers_disagree_on_is_ambiguous(text, reading):
    got = plain_value(text)
    assert type(got) is Ambiguous and got == text and got.reading == reading


def test_a_huge_number_is_refused_not_crashed():
    got = load_yaml("year: " + "9" * 5000, "x.yaml").data["year"]
    assert type(got) is Ambiguous and got.reading is None


def test_messages_never_echo_invisible_characters():
    assert quote("a\u202eb\x1bc") == "« a‹U+202E›b‹U+001B›c »"


# --- Rule 5: bounded errors -------------------------------------------------------------------


def test_texts_past_the_limit_are_not_examined_and_it_is_said(tmp_path):
    data = make_tree(tmp_path)
    (data / "glossary.yaml").write_text(
        "glossary:\n"
        + "".join(
            f"  - id: g-{i}\n    term: T{i}\n    kind: notion\n    definition: Voir [ici](javascript:{i}).\n"
            f"    source: askoria-2017\n    updated: 2024-03-15\n"
            for i in range(120)
        ),
        encoding="utf-8",
    )
    _, errors = check_data_dir(data, SCHEMAS, root=tmp_path, site=site_beside(SCHEMAS))
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


@pytest.mark.parametrize(
    "cell", ['=HYPERLINK("http://evil.example")', "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx", "＝1+1"]
)
def test_csv_cells_that_would_run_are_neutralised(cell):
    rows = list(csv.reader(io.StringIO(to_csv(["a", "b"], [{"a": cell, "b": [cell, "x"]}]).decode("utf-8"))))
    assert rows[1][0] == "'" + cell and rows[1][1].startswith("'" + cell)
    assert not any(c.startswith(FORMULA_START) for row in rows for c in row)


def test_control_characters_cannot_reach_the_feed(tmp_path):
    """The feed would stop being XML with one control character: the validator refuses them all, escaped or not."""
    data = make_tree(tmp_path)
    path = data / "practices.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "title: Un stage sur deux sites", 'title: "Un stage\\x0c sur deux sites"'
        ),
        encoding="utf-8",
    )
    _, errors = check_data_dir(data, SCHEMAS, root=tmp_path, site=site_beside(SCHEMAS))
    assert [e.format() for e in errors if "U+000C" in e.message]


def test_site_root_without_docs_still_validates(tmp_path):
    """Schemas copied without their site (tests, scripts): the address rules need a site and are skipped."""
    shutil.copytree(SCHEMAS, tmp_path / "schemas")
    data = make_tree(tmp_path)
    _, errors = check_data_dir(data, tmp_path / "schemas", root=tmp_path, site=site_beside(tmp_path / "schemas"))
    assert errors == []
