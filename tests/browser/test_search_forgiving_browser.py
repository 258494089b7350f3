"""A search that forgives, in the header's dialog, at a phone's and a desk's width
(docs/assets/search-query.js): a mistyped word is corrected from the site's vocabulary
and said so, a phrase brings the page that holds it first, a feminine form finds the
masculine one, weak results suggest « Essayez : … », and the vocabulary stays small."""

from __future__ import annotations

import gzip
import json

import pytest
from playwright.sync_api import expect

from macros.model.catalog import load_catalog
from macros.search.metadata import vocabulary
from tests.support import ROOT
from tests.support.browser import recorded_page

WIDTHS = (390, 1280)
DIALOG = "#pf-dialog"
STATUS = f"{DIALOG} [data-pf-status]"
NOTE = f"{DIALOG} .pf-note"
FIRST = f"{DIALOG} .pf-result__link >> nth=0"


@pytest.fixture(params=WIDTHS, ids=lambda w: f"{w}px")
def dialog(request, browser, site_url):
    page = recorded_page(browser, request.param, 844)
    page.goto(site_url + "reforme/")
    page.locator("[data-pf-open]").click()
    expect(page.locator(DIALOG)).to_have_attribute("open", "")
    yield page
    assert page.errors == [] and page.offsite == []
    page.context.close()


def _search(page, query: str) -> None:
    page.locator(f"{DIALOG} [data-pf-query]").fill(query)
    expect(page.locator(STATUS)).to_contain_text(f"«\u00a0{query}\u00a0»")


def _first(page) -> str:
    return page.locator(FIRST).get_attribute("href")


def _links(page) -> list[str]:
    return page.locator(f"{DIALOG} .pf-result__link").evaluate_all("links => links.map(a => a.getAttribute('href'))")


def test_the_search_forgives(dialog):
    """One dialog per width: Pagefind is loaded once, each case is a new query."""
    page = dialog

    # A mistyped word is corrected from the vocabulary, and the dialog says so: the
    # results are those of the word spelled right.
    _search(page, "gratification")
    right = _links(page)
    assert any(link.endswith("/glossaire/") for link in right[:3])
    _search(page, "gratfication")
    expect(page.locator(NOTE)).to_have_text(
        "Aucune page ne contient «\u00a0gratfication\u00a0»\u00a0: recherche faite avec «\u00a0gratification\u00a0»."
    )
    assert _links(page) == right
    expect(page.locator(f"{DIALOG} .pf-result__excerpt mark").first).to_contain_text("gratification", ignore_case=True)
    box = page.locator(NOTE).bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= page.width
    _search(page, "protocle régional")  # one wrong word among right ones
    expect(page.locator(NOTE)).to_contain_text("«\u00a0protocle\u00a0»")
    assert _first(page).endswith("/protocole/")
    _search(page, "protocole régional")  # spelled right: no note
    expect(page.locator(NOTE)).to_be_hidden()

    # The page holding the phrase comes first (« la formation dure trois ans »); on
    # other pages both words are far apart.
    _search(page, "formation dure")
    assert _first(page).endswith("/references/")

    # A feminine form finds the masculine one (the glossary says « moniteur éducateur », « tuteur »).
    _search(page, "monitrice éducatrice")
    assert _first(page).endswith("/glossaire/")
    _search(page, "tutrice")
    assert _first(page).endswith("/glossaire/")

    # Weak results suggest what to try: « erasme » is a word of one page, two letters
    # from the keyword « Erasmus ».
    _search(page, "erasme")
    note = page.locator(NOTE)
    expect(note).to_have_text("Essayez\u00a0: erasmus")
    note.get_by_role("button", name="erasmus").click()
    expect(page.locator(f"{DIALOG} [data-pf-query]")).to_have_value("erasmus")
    expect(page.locator(STATUS)).to_contain_text("«\u00a0erasmus\u00a0»")
    assert page.evaluate("document.activeElement.matches('#pf-dialog [data-pf-query]')")
    assert _first(page).endswith("/formats/dimension-internationale/")


def test_the_vocabulary_is_small_and_the_sites_own(site):
    data = (site / "assets" / "search-vocabulary.json").read_bytes()
    words = json.loads(data)
    assert words == vocabulary(load_catalog(ROOT), words) == sorted(set(words))
    for word in ("gratification", "protocole", "moniteur", "tuteur", "erasmus", "glossaire", "témoignages"):
        assert word in words, word
    assert not [w for w in words if len(w) < 4 or w != w.lower()]
    assert "contribuer" not in words  # the contributors' pages are not searched
    assert len(gzip.compress(data)) < 4096  # it counts in the bytes of a first search
