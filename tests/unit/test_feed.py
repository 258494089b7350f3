"""The Atom feed and « Nouveautés » from the data alone: order, escaping, the latest entries
(on the built site: tests/acceptance/test_feeds_exports.py)."""

from __future__ import annotations

import copy
import xml.etree.ElementTree as ET

from macros.exports.feed import atom, recent
from macros.model.catalog import Catalog, load_catalog
from tests.support import ROOT

A = "{http://www.w3.org/2005/Atom}"
CATALOG = load_catalog(ROOT)


def dated(catalog: Catalog, changes: dict[tuple[str, str], str]) -> Catalog:
    data = copy.deepcopy(catalog.data)
    for (name, entry_id), day in changes.items():
        next(e for e in data[name] if e["id"] == entry_id)["updated"] = day
    return Catalog(catalog.root, data)


def test_recent_orders_by_date_then_catalogue_and_feed_depends_on_data_only():
    practice = CATALOG.list("practices")[-1]["id"]
    term = CATALOG.list("glossary")[-1]["id"]
    cat = dated(CATALOG, {("practices", practice): "2030-01-02", ("glossary", term): "2030-01-03"})
    items = recent(cat, 3)
    assert [i.entry_id for i in items[:2]] == [term, practice]
    assert items[0].url == f"glossaire/#{term}" and items[1].url == f"pratiques/{practice}/"
    feed = atom(cat, "https://exemple.org/site/", "Site")
    assert feed == atom(
        dated(CATALOG, {("practices", practice): "2030-01-02", ("glossary", term): "2030-01-03"}),
        "https://exemple.org/site/",
        "Site",
    )
    root = ET.fromstring(feed)
    assert root.findtext(f"{A}updated") == "2030-01-03T00:00:00Z"
    assert root.find(f"{A}entry/{A}link").get("href") == f"https://exemple.org/site/glossaire/#{term}"


def test_feed_escapes_editor_text():
    cat = copy.deepcopy(CATALOG.data)
    cat["practices"][0]["title"] = "Stage <b>&</b> « ]]> »"
    root = ET.fromstring(atom(Catalog(CATALOG.root, cat), "http://x/", "S"))
    # Escaped by the library, and typographed as pages are (no-break spaces inside « »).
    assert "Stage <b>&</b> «\u00a0]]>\u00a0»" in [e.findtext(f"{A}title") for e in root.findall(f"{A}entry")]


def test_the_latest_entries_are_the_head_of_the_whole_ordered_list():
    from macros.exports.feed import recent_count

    everything = recent(CATALOG)
    assert recent_count(CATALOG) == len(everything)
    for limit in (1, 5, 30, len(everything) + 1):
        assert recent(CATALOG, limit) == everything[:limit]
