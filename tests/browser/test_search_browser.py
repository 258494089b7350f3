"""The site search in real Chromium: the header dialog, its facets, the state kept in
the URL, keyboard use, Material's instant navigation, a sub-path, a phone screen, and
the practices catalogue block. Every test also checks: no console error, no request
leaving 127.0.0.1."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlparse

from playwright.sync_api import expect

from macros.model.catalog import load_catalog
from tests.support.browser import enable_instant_navigation, serve

DIALOG = "#pf-dialog"
STATUS = f"{DIALOG} [data-pf-status]"
RESULT_LINKS = f"{DIALOG} .pf-result__link"
COUNTED = re.compile(r"^(\d+|Aucune?)\s")
FACETS = {"type", "diplome", "format", "acteur", "territoire", "annee"}


def _count(page, status=STATUS) -> int:
    """Number of results the status line announces (waits until it announces one)."""
    expect(page.locator(status)).to_have_text(COUNTED)
    first = page.locator(status).inner_text().split()[0]
    return 0 if first.startswith("Aucun") else int(first)


def _search(page, query: str) -> int:
    page.keyboard.press("/")
    expect(page.locator(DIALOG)).to_have_attribute("open", "")
    page.keyboard.type(query)
    expect(page.locator(STATUS)).to_contain_text(f"«\u00a0{query}\u00a0»")
    return _count(page)


def _clean(page):
    assert page.errors == []
    assert page.offsite == []


def _practice_urls(root, **wanted) -> set[str]:
    practices = load_catalog(root).list("practices")
    return {
        f"pratiques/{p['id']}/"
        for p in practices
        if all(v in (p.get(k) if isinstance(p.get(k), list) else [p.get(k)]) for k, v in wanted.items())
    }


def test_index_holds_page_content_only(page, site_url, site):
    assert (site / "pagefind" / "pagefind.js").exists()
    assert not (site / "search" / "search_index.json").exists(), "Material's lunr index must not be built"
    page.goto(site_url + "reforme/")
    data = page.evaluate("""async () => {
      const pf = await window.siteSearch.pagefind();
      const found = await pf.search("réforme");
      for (const r of found.results) { const d = await r.data(); if (d.url.endsWith("/reforme/")) return d; }
      return null;
    }""")
    assert data, "/reforme/ is not in the index"
    h1 = page.locator("article h1").first.inner_text().rstrip("¶").strip()
    # Pagefind folds every white space of the content, French no-break spaces too, into a plain one.
    assert data["content"].startswith(h1.replace("\u00a0", " "))
    assert data["meta"]["title"] == h1
    for outside in ("Table des matières", "Précédent", "Suivant", "¶", "Rechercher"):  # TOC, footer, permalinks, header
        assert outside not in data["content"], outside
    _clean(page)


def test_typing_in_the_header_box_shows_results(page, site_url):
    requested = []
    page.on("request", lambda r: requested.append(r.url))
    page.goto(site_url + "reforme/")
    assert not [u for u in requested if "/pagefind/" in u], "the index must load only when the search is used"
    count = _search(page, "stage sur deux sites")
    assert count > 0
    assert page.evaluate("document.activeElement.matches('#pf-dialog .pf-input')")
    status = page.locator(STATUS)
    assert status.get_attribute("role") == "status" and status.get_attribute("aria-live") == "polite"
    expect(status).to_have_text(re.compile(r"^\d+\u00a0résultats? pour «\u00a0stage sur deux sites\u00a0»$"))
    first = page.locator(f"{DIALOG} .pf-result").first
    assert first.locator(".pf-result__link").get_attribute("href").endswith("formats/stages-pluri-institutionnels/")
    assert first.locator(".pf-result__type").inner_text().lower() == "format"
    assert first.locator(".pf-result__excerpt mark").count() > 0, "matched words are highlighted"
    assert first.locator(".pf-section__link").count() > 0, "sections of the page are sub-results"
    assert "#" in first.locator(".pf-section__link").first.get_attribute("href")
    _clean(page)


def test_each_facet_narrows_the_results(page, site_url):
    page.goto(site_url + "reforme/")
    total = _search(page, "stage")
    legends = page.locator(f"{DIALOG} .pf-facet")
    keys = {legends.nth(i).locator("input").first.get_attribute("name") for i in range(legends.count())}
    assert keys == FACETS
    for key in sorted(FACETS):
        options = page.locator(f"{DIALOG} input[name='{key}']")
        counts = [
            int(options.nth(i).locator("xpath=..").locator(".pf-option__count").inner_text().strip("()"))
            for i in range(options.count())
        ]
        smallest = counts.index(min(counts))
        value = options.nth(smallest).get_attribute("value")
        options.nth(smallest).click()
        expect(page.locator(STATUS)).to_contain_text("avec 1\u00a0filtre")
        narrowed = _count(page)
        assert narrowed == counts[smallest] < total, (key, value)
        assert parse_qs(urlparse(page.url).query) == {"q": ["stage"], key: [value]}
        page.locator(f"{DIALOG} input[name='{key}'][value='{value}']").click()
        expect(page.locator(STATUS)).not_to_contain_text("filtre")
        assert _count(page) == total
    _clean(page)


def test_a_filtered_url_restores_its_state(page, site_url, root):
    page.goto(site_url + "glossaire/?q=stage&type=Pratique&diplome=EJE")
    expect(page.locator(DIALOG)).to_have_attribute("open", "")
    assert page.locator(f"{DIALOG} .pf-input").input_value() == "stage"
    assert page.locator(f"{DIALOG} input[name='type'][value='Pratique']").is_checked()
    assert page.locator(f"{DIALOG} input[name='diplome'][value='EJE']").is_checked()
    count = _count(page)
    hrefs = {
        h.removeprefix(urlparse(site_url).path)
        for h in page.locator(RESULT_LINKS).evaluate_all("links => links.map(a => a.getAttribute('href'))")
    }
    assert count == len(hrefs) > 0
    assert hrefs <= _practice_urls(root, diplomas="EJE")
    _clean(page)


def test_practices_catalogue_offers_facets_kept_in_the_url(page, site_url, root):
    page.goto(site_url + "pratiques/?diplome=EJE&territoire=Bretagne")
    block = page.locator("[data-pf-catalogue]")
    expect(block).to_be_visible()
    status = "[data-pf-catalogue] [data-pf-status]"
    expected = _practice_urls(root, diplomas="EJE", territory="Bretagne")
    assert _count(page, status) == len(expected) > 0
    assert block.locator("input[name='diplome'][value='EJE']").is_checked()
    assert block.locator("input[name='territoire'][value='Bretagne']").is_checked()
    assert block.locator("input[name='type']").count() == 0, "the catalogue lists practices only"
    for legend in ("Diplôme", "Territoire"):  # chosen: kept, though the one result has them
        expect(block.locator(".pf-facet__legend", has_text=legend)).to_have_count(1)
    # Format, Année: one value, which the one result has: choosing it would filter nothing.
    for legend in ("Format", "Année"):
        expect(block.locator(".pf-facet__legend", has_text=legend)).to_have_count(0)
    hrefs = block.locator(".pf-result__link").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert {h.removeprefix(urlparse(site_url).path) for h in hrefs} == expected
    expect(page.locator(".pf-catalogue-static")).to_be_hidden()
    block.get_by_role("button", name="Tout afficher").click()
    expect(page.locator(".pf-catalogue-static")).to_be_visible()
    assert urlparse(page.url).query == ""
    everything = _count(page, status)
    assert everything == len(load_catalog(root).list("practices"))
    block.locator("input[name='diplome'][value='ASS']").click()
    expect(page.locator(status)).to_contain_text("avec 1\u00a0filtre")
    assert _count(page, status) == len(_practice_urls(root, diplomas="ASS")) < everything
    assert parse_qs(urlparse(page.url).query) == {"diplome": ["ASS"]}
    _clean(page)


def test_keyboard_only(page, site_url):
    page.goto(site_url + "reforme/")
    for _ in range(40):  # Tab from the top of the page to the header's search button
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('[data-pf-open]')"):
            break
    else:
        raise AssertionError("the search button cannot be reached with Tab")
    page.keyboard.press("Enter")
    expect(page.locator(DIALOG)).to_have_attribute("open", "")
    page.keyboard.type("gratification")
    expect(page.locator(STATUS)).to_contain_text("«\u00a0gratification\u00a0»")
    assert _count(page) > 1
    links = page.locator(RESULT_LINKS)
    focused = "document.activeElement.getAttribute('href')"
    page.keyboard.press("ArrowDown")
    assert page.evaluate(focused) == links.nth(0).get_attribute("href")
    page.keyboard.press("ArrowDown")
    second = page.evaluate(focused)
    assert second and second != links.nth(0).get_attribute("href")
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")
    assert page.evaluate("document.activeElement.matches('#pf-dialog .pf-input')")
    for _ in range(60):  # focus stays in the dialog
        page.keyboard.press("Tab")
        assert page.evaluate("document.getElementById('pf-dialog').contains(document.activeElement)")
    page.keyboard.press("Escape")
    expect(page.locator(DIALOG)).not_to_have_attribute("open", "")
    # The dialog's « close » event (which clears the address) is dispatched after close():
    # wait for it rather than reading the URL at once.
    page.wait_for_function("location.search === ''", timeout=5000)
    assert urlparse(page.url).query == "", "closing the search clears it from the address"
    page.keyboard.press("/")
    assert page.locator(f"{DIALOG} .pf-input").input_value() == "gratification"
    _count(page)
    page.keyboard.press("ArrowDown")
    target = page.evaluate("document.activeElement.href")
    page.keyboard.press("Enter")
    page.wait_for_url(target)
    expect(page.locator(DIALOG)).not_to_have_attribute("open", "")
    _clean(page)


def test_search_keeps_working_after_instant_navigation(page, site_url):
    enable_instant_navigation(page, site_url)
    page.goto(site_url + "glossaire/")
    page.evaluate("window.__same_document = true")
    assert _search(page, "loi 2014") > 0
    link = page.locator(RESULT_LINKS).first
    target = link.get_attribute("href")
    assert not target.endswith("/glossaire/")
    link.click()
    page.wait_for_url(re.compile(re.escape(target) + "$"))
    expect(page.locator(DIALOG)).not_to_have_attribute("open", "")
    assert page.evaluate("window.__same_document") is True, "Material's instant navigation was not used"
    assert _search(page, "gratification") > 0
    page.keyboard.press("Escape")
    page.go_back()  # the results page before the navigation comes back with its query
    expect(page.locator(DIALOG)).to_have_attribute("open", "")
    assert page.locator(f"{DIALOG} .pf-input").input_value() == "loi 2014"
    assert page.evaluate("window.__same_document") is True
    _clean(page)


def test_served_under_a_sub_path(browser, site):
    with serve(site, prefix="alternance") as url:
        context = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.errors, page.offsite, fetched = [], [], []
        page.on("console", lambda m: page.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: page.errors.append(str(e)))
        page.on("request", lambda r: fetched.append(r.url))
        page.on("requestfailed", lambda r: page.errors.append(f"{r.url}: {r.failure}"))
        page.on("response", lambda r: page.errors.append(f"{r.status} {r.url}") if r.status >= 400 else None)
        page.goto(url + "reforme/")
        assert _search(page, "gratification") > 0
        hrefs = page.locator(RESULT_LINKS).evaluate_all("links => links.map(a => a.getAttribute('href'))")
        assert all(h.startswith("/alternance/") for h in hrefs), hrefs
        assert [u for u in fetched if "/pagefind/" in u]
        assert all("/alternance/pagefind/" in u for u in fetched if "/pagefind/" in u)
        page.locator(RESULT_LINKS).first.click()
        page.wait_for_url(re.compile(r"/alternance/(?!reforme/)"))
        expect(page.locator("article h1").first).to_be_visible()
        assert page.errors == []
        assert not [u for u in fetched if not u.startswith("http://127.0.0.1")]
        context.close()


def test_phone_screen(browser, site_url):
    context = browser.new_context(locale="fr-FR", viewport={"width": 390, "height": 844}, has_touch=True)
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    page.on("console", lambda m: page.errors.append(m.text) if m.type == "error" else None)
    page.goto(site_url + "reforme/")
    page.locator("[data-pf-open]").click()
    expect(page.locator(DIALOG)).to_have_attribute("open", "")
    page.locator(f"{DIALOG} .pf-input").fill("stage")
    total = _count(page)
    box = page.locator(DIALOG).bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390
    assert page.evaluate(
        "(() => { const d = document.querySelector('#pf-dialog .pf-dialog__inner');"
        " return d.scrollWidth <= d.clientWidth; })()"
    ), "no sideways scrolling"
    facets = page.locator(f"{DIALOG} [data-pf-facets-box]")
    assert facets.get_attribute("open") is None, "facets start folded on a phone"
    facets.locator("summary").click()
    page.locator(f"{DIALOG} input[name='diplome'][value='EJE']").click()
    expect(page.locator(STATUS)).to_contain_text("avec 1\u00a0filtre")
    narrowed = _count(page)
    assert narrowed < total
    show = page.locator(f"{DIALOG} [data-pf-show]")
    expect(show).to_have_text(f"Voir les résultats ({narrowed})")
    show.click()
    assert facets.get_attribute("open") is None
    assert page.evaluate("document.activeElement.matches('#pf-dialog .pf-result__link')")
    assert page.errors == []
    context.close()
