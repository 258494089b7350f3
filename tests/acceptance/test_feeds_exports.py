"""Freshness and open data: dates and statuses on pages, the Atom feed, « Nouveautés », the exports."""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from macros.exports.feed import FEED_LIMIT, recent
from macros.exports.open_data import exports
from macros.french.dates import date_fr
from macros.model.catalog import load_catalog
from macros.schema.fields import catalogue_names, entry_schema
from tests.support import ROOT
from tests.support.site import normalise, page_text

A = "{http://www.w3.org/2005/Atom}"
CATALOG = load_catalog(ROOT)


def read(site: Path, url: str) -> str:
    return (site / url.strip("/") / "index.html").read_text(encoding="utf-8")


def test_entry_pages_show_their_update_date_and_practice_status(site):
    for f in CATALOG.list("formats"):
        assert f"mis à jour le {normalise(date_fr(f['updated']))}" in page_text(read(site, f"/formats/{f['id']}/"))
    for p in CATALOG.list("practices"):
        text = page_text(read(site, f"/pratiques/{p['id']}/"))
        assert f"mis à jour le {normalise(date_fr(p['updated']))}" in text
        assert normalise(CATALOG.label("practices", "status", p["status"])) in text


def test_feed_is_atom_newest_first_and_links_to_pages(site):
    root = ET.parse(site / "feed.xml").getroot()
    assert root.tag == f"{A}feed"
    entries = root.findall(f"{A}entry")
    assert len(entries) == min(FEED_LIMIT, len(recent(CATALOG)))
    dates = [e.findtext(f"{A}updated") for e in entries]
    assert dates == sorted(dates, reverse=True) and root.findtext(f"{A}updated") == dates[0]
    for needed in ("title", "id", "updated"):
        assert all(e.findtext(f"{A}{needed}") for e in entries)
    assert root.find(f"{A}author/{A}name").text
    for e in entries:
        href = e.find(f"{A}link").get("href")
        assert href.startswith("/"), href  # a development build: paths from the site's root, no address
        path, _, anchor = href[1:].partition("#")
        html = read(site, "/" + path)
        if anchor:
            assert f'id="{anchor}"' in html, href


def test_every_page_announces_the_feed(site):
    pages = [p for p in site.rglob("index.html") if "admin" not in p.relative_to(site).parts]  # /admin/: the editor
    missing = [p for p in pages if 'type="application/atom+xml"' not in p.read_text(encoding="utf-8")]
    assert not missing
    assert (
        '<link rel="alternate" type="application/atom+xml" title="Alternance en travail social\u00a0: nouveautés" href="../../feed.xml">'
        in read(site, "/pratiques/stage-collectif-de-territoire-ass/")
    )


def test_news_page_lists_the_latest_entries_by_day(site):
    html = read(site, "/nouveautes/")
    text = page_text(html)
    latest = recent(CATALOG, 30)
    assert normalise(date_fr(latest[0].updated)) in text
    for item in latest[:10]:
        assert normalise(item.name)[:50] in text
    assert 'href="../feed.xml"' in html


def test_open_data_page_lists_every_file_with_its_real_size_and_the_licence(site):
    html = read(site, "/donnees/")
    text = page_text(html)
    assert "licence ouverte" in text and "etalab" in text
    files = exports(ROOT, CATALOG)
    for e in files:
        built = site / e.path
        assert built.read_bytes() == e.content, e.path
        if e.format != "schema" or e.catalogue.startswith("_"):
            link = e.path.split("/", 1)[1]
            assert f'href="{link}"' in html, link
            assert normalise(e.size) in text
    assert {e.catalogue for e in files if e.format == "json"} == set(catalogue_names(ROOT / "schemas"))


def test_json_exports_are_the_data_and_validate_against_the_exported_schemas(site):
    schemas = {p.name: json.loads(p.read_text(encoding="utf-8")) for p in (site / "donnees" / "schemas").glob("*.json")}
    registry = Registry().with_resources((name, Resource.from_contents(s)) for name, s in schemas.items())
    from macros.pages.addresses import site_beside
    from macros.validate.dataset import check_data_dir

    data, errors = check_data_dir(ROOT / "data", ROOT / "schemas", site=site_beside(ROOT / "schemas"))
    assert not errors
    for name in catalogue_names(ROOT / "schemas"):
        exported = json.loads((site / "donnees" / f"{name}.json").read_text(encoding="utf-8"))
        assert exported == {name: data[name]}
        validator = Draft202012Validator(schemas[f"{name}.schema.json"], registry=registry)
        assert not list(validator.iter_errors(exported)), name


def test_csv_exports_have_one_row_per_entry_and_lists_joined(site):
    practices = list(csv.DictReader(io.StringIO((site / "donnees" / "practices.csv").read_text(encoding="utf-8"))))
    assert len(practices) == len(CATALOG.list("practices"))
    assert list(practices[0]) == entry_schema(ROOT / "schemas", "practices").entry_order()
    first = CATALOG.list("practices")[0]
    assert practices[0]["stakeholders"] == " ; ".join(first["stakeholders"])
    assert practices[0]["year"] == str(first["year"])
    formats = list(csv.DictReader(io.StringIO((site / "donnees" / "formats.csv").read_text(encoding="utf-8"))))
    assert json.loads(formats[0]["form"]) == CATALOG.list("formats")[0]["form"]  # nested: JSON in the cell


@pytest.mark.parametrize("path", ["feed.xml", "donnees/practices.json", "donnees/practices.csv"])
def test_outputs_depend_on_data_not_on_the_clock(site, path):
    expected = {"feed.xml": None, **{e.path: e.content for e in exports(ROOT, CATALOG)}}
    content = (site / path).read_bytes()
    if path == "feed.xml":
        assert (
            re.findall(rb"<updated>([^<]+)</updated>", content)[0] == f"{recent(CATALOG)[0].updated}T00:00:00Z".encode()
        )
    else:
        assert content == expected[path]
