"""The practices catalogue (/pratiques/), at a phone's and a desk's width: nothing jumps
while it loads, its facets filter (one value that every practice has is not offered),
its counts are those of the data, « Aucune pratique » reads right, and on a phone the
practices are cards, never a table cut on the right."""

from __future__ import annotations

from collections import Counter

import pytest
from playwright.sync_api import expect

from macros.model.catalog import load_catalog
from macros.search.metadata import practice_facets
from tests.support import ROOT
from tests.support.browser import recorded_page

CATALOG = load_catalog(ROOT)
WIDTHS = (390, 1280)
BLOCK = "[data-pf-catalogue]"
STATUS = f"{BLOCK} [data-pf-status]"
# Layout shifts of the page, as Chromium reports them to the page (CLS without the
# windows: their plain sum, which can only be larger).
SHIFTS = """() => new Promise((done) => {
  let sum = 0;
  new PerformanceObserver((list) => { for (const e of list.getEntries()) if (!e.hadRecentInput) sum += e.value; })
    .observe({ type: 'layout-shift', buffered: true });
  setTimeout(() => done(sum), 1500);
})"""


@pytest.fixture(params=WIDTHS, ids=lambda w: f"{w}px")
def phone_or_desk(request, browser, site_url):
    page = recorded_page(browser, request.param, 844)
    page.base = site_url
    yield page
    assert page.errors == [] and page.offsite == []
    page.context.close()


def _facets(page) -> dict[str, dict[str, int]]:
    return page.locator(
        f"{BLOCK} .pf-facet"
    ).evaluate_all("""sets => Object.fromEntries(sets.map(s => [
        s.querySelector('legend').textContent,
        Object.fromEntries([...s.querySelectorAll('.pf-option')].map(o => [
            o.querySelector('input').value, Number(o.querySelector('.pf-option__count').textContent.slice(1, -1))]))]))""")


def test_nothing_jumps_while_the_catalogue_loads(phone_or_desk):
    page = phone_or_desk
    requested = []
    page.on("request", lambda r: requested.append(r.url))
    page.goto(page.base + "pratiques/")
    page.wait_for_load_state("networkidle")
    assert page.evaluate(SHIFTS) < 0.05
    assert not [u for u in requested if "/pagefind/" in u], "the index loads only once the reader searches"
    expect(page.locator(f"{BLOCK} [data-pf-query]")).to_be_enabled()  # the script took the block over


def test_facets_filter_and_counts_are_the_data_s(phone_or_desk):
    page = phone_or_desk
    practices = CATALOG.list("practices")
    page.goto(page.base + "pratiques/")
    expect(page.locator(STATUS)).to_have_text(f"{len(practices)}\u00a0pratiques")
    built = _facets(page)
    expected = {label: dict(values) for _, label, values in practice_facets(CATALOG)}
    assert built == expected
    diplomas = Counter(d for p in practices for d in p.get("diplomas") or [])
    assert built.get("Diplôme", {}) == dict(diplomas)
    for key, values in (
        ("Territoire", {p.get("territory") for p in practices}),
        ("Année", {p.get("year") for p in practices}),
    ):
        assert (key in built) == (len(values) > 1), key  # one value for every practice: nothing to filter

    # Once Pagefind takes over, its counts are the same as the build's.
    box = page.locator(f"{BLOCK} [data-pf-query]")
    box.fill("stage")
    expect(page.locator(STATUS)).to_contain_text("«\u00a0stage\u00a0»")
    box.fill("")
    expect(page.locator(STATUS)).to_have_text(f"{len(practices)}\u00a0pratiques")
    assert _facets(page) == built

    box.fill("xyzzyq")
    expect(page.locator(STATUS)).to_have_text("Aucune pratique pour «\u00a0xyzzyq\u00a0»")


def test_practices_are_cards_on_a_phone_and_a_table_on_a_desk(phone_or_desk):
    page = phone_or_desk
    page.goto(page.base + "pratiques/")
    rows = page.locator(".pf-catalogue-static tbody tr")
    expect(rows).to_have_count(len(CATALOG.list("practices")))
    assert page.evaluate("document.documentElement.scrollWidth") <= page.width
    shape = rows.evaluate_all("""rows => rows.map(r => ({display: getComputedStyle(r).display,
        width: r.getBoundingClientRect().width, right: r.getBoundingClientRect().right,
        title: r.querySelector('td').getBoundingClientRect().width,
        labels: [...r.querySelectorAll('td[data-label]')].map(td => getComputedStyle(td, '::before').content)}))""")
    for row in shape:
        assert row["right"] <= page.width
        if page.width < 600:
            assert row["display"] == "block", row
            assert row["title"] > 250, row  # the title has the card's width, not a squeezed column
            assert row["labels"] == [
                '"Type\u00a0: "',
                '"Diplômes\u00a0: "',
                '"Territoire\u00a0: "',
                '"Année\u00a0: "',
            ], row
        else:
            assert row["display"] == "table-row", row
            assert row["labels"] == ["none"] * 4, row
