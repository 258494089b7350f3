"""The functions behind the reader's site, alone: JSON-LD made inert, the publisher and the
legislation identifiers of the structured data, the sitemap date of an entry page, and the
« Proposer une modification » links when no repository is configured (macros/pages/sharing.py,
macros/pages/edit_links.py, macros/glue/reader.py). The built site: test_reader.py."""

from __future__ import annotations

import json
from types import SimpleNamespace

from macros.glue import reader
from macros.model.catalog import load_catalog
from macros.pages.edit_links import data_edit_url, issue_url, repository_url
from macros.pages.sharing import entry_article, json_ld, reference_item
from tests.support import ROOT

CATALOG = load_catalog(ROOT)
PRACTICE = CATALOG.list("practices")[0]


def test_json_ld_is_inert_inside_its_script():
    text = "Titre </script><script>alert(1)</script> <!-- & « »"
    out = json_ld({"name": text})
    assert "<" not in out and ">" not in out and "&" not in out
    assert json.loads(out) == {"name": text}


def test_publisher_comes_from_configuration_or_is_left_out():
    entry = dict(PRACTICE)
    assert "publisher" not in entry_article(entry, "u", "Site", "s", "", "a")
    assert entry_article(entry, "u", "Site", "s", "  ", "a").get("publisher") is None
    assert entry_article(entry, "u", "Site", "s", "Région Bretagne", "a")["publisher"] == {
        "@type": "Organization",
        "name": "Région Bretagne",
    }


def test_eli_address_is_an_identifier_when_there_is_no_nor():
    base = {"id": "x", "title": "Loi", "kind": "loi", "date": "2014-07-10"}
    eli = "https://www.legifrance.gouv.fr/eli/loi/2014/7/10/AFSX1408358L/jo/texte"
    assert reference_item(dict(base, url=eli), "p", {})["legislationIdentifier"] == eli
    assert reference_item(dict(base, nor="AFSX1408358L", url=eli), "p", {})["legislationIdentifier"] == "AFSX1408358L"
    assert "legislationIdentifier" not in reference_item(
        dict(base, url="https://www.legifrance.gouv.fr/jorf/id/X"), "p", {}
    )
    assert reference_item(dict(base, kind="rapport"), "p", {})["@type"] == "Report"


def test_sitemap_date_of_an_entry_page_is_its_entry_updated_date():
    page = SimpleNamespace(meta={"page_type": "pratique", "updated": "2025-03-04"}, update_date="2026-11-23")
    reader.entry_date(page)
    assert page.update_date == "2025-03-04"
    other = SimpleNamespace(meta={"title": "x"}, update_date="2026-11-23")
    reader.entry_date(other)
    assert other.update_date == "2026-11-23"


def test_without_a_repository_there_is_no_link():
    assert repository_url("", {}) == ""
    assert repository_url(None, {"GITHUB_REPOSITORY": "org/site"}) == "https://github.com/org/site"
    assert (
        repository_url("", {"GITHUB_REPOSITORY": "org/site", "GITHUB_SERVER_URL": "https://ghe.example"})
        == "https://ghe.example/org/site"
    )
    assert repository_url("https://gitlab.example/x", {"GITHUB_REPOSITORY": "org/site"}) == "https://gitlab.example/x"
    assert data_edit_url("", "edit/main/docs/", "practices.yaml", 4) is None
    assert issue_url(None, "T", "https://x/") is None
    assert (
        data_edit_url("https://github.com/o/r/", "edit/dev/docs/", "practices.yaml", 4)
        == "https://github.com/o/r/edit/dev/data/practices.yaml#L4"
    )
    config = SimpleNamespace(repo_url="", edit_uri="edit/main/docs/")
    page = SimpleNamespace(edit_url=None, file=SimpleNamespace(src_uri="reforme.md"), meta={})
    assert reader.edit_links(page, config, CATALOG, None, None, "u", "t") == {
        "issue": None,
        "page": None,
        "data": None,
        "file": None,
    }
