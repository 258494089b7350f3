"""The reader's site in Chromium, at 390 px (a phone) and 1280 px (a desk): the home page reaches
every section, every page says where it is and fits a phone, the references filter, copying a
section's link and a citation, the « Page introuvable » page (under a sub-path too), and the
light and dark schemes. axe in both schemes: test_accessibility.py."""

from __future__ import annotations

import json
import os
from contextlib import contextmanager
from unittest import mock

import pytest

from macros.model.catalog import load_catalog
from scripts.build_site import build
from tests.support import ROOT
from tests.support.browser import serve
from tests.support.pages import kinds_of_page, reader_pages

WIDTHS = [390, 1280]
CATALOG = load_catalog(ROOT)
PRACTICE = CATALOG.list("practices")[0]


@contextmanager
def opened(browser, width: int, scheme: str = "light", **options):
    context = browser.new_context(
        locale="fr-FR", viewport={"width": width, "height": 900}, color_scheme=scheme, **options
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.errors = []
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    try:
        yield page
    finally:
        context.close()


# --- 1. Navigation ---------------------------------------------------------------------------


@pytest.mark.parametrize("width", WIDTHS)
def test_home_page_reaches_every_readers_section(browser, site_url, width):
    with opened(browser, width) as page:
        page.goto(site_url)
        visible = set(page.locator("article a").filter(visible=True).evaluate_all("links => links.map(a => a.href)"))
        unreachable = [url for url in reader_pages() if site_url + url not in visible]
        assert not unreachable, unreachable
        tabs = page.locator(".md-tabs").filter(visible=True)
        if width >= 1220:
            assert tabs.get_by_role("link").all_inner_texts() == [
                "Accueil",
                "Comprendre la réforme",
                "Mettre en œuvre",
                "Repères",
                "Contribuer",
            ]
        else:
            assert not tabs.count()  # on a phone: the menu button, and the list in the page
        assert not page.errors


@pytest.mark.parametrize("width", WIDTHS)
def test_a_practice_page_shows_its_path_and_its_section(browser, site_url, width):
    with opened(browser, width) as page:
        page.goto(site_url + f"pratiques/{PRACTICE['id']}/")
        path = page.get_by_role("navigation", name="Fil d'Ariane")
        assert path.is_visible()
        assert [t.strip() for t in path.get_by_role("link").all_inner_texts()] == [
            "Accueil",
            "Mettre en œuvre",
            "Pratiques et expérimentations",
        ]
        box = path.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width  # wraps, never cut
        path.get_by_role("link", name="Pratiques et expérimentations").click()
        page.wait_for_url("**/pratiques/")
        page.go_back()
        page.wait_for_url(f"**/pratiques/{PRACTICE['id']}/")
        if width >= 1220:
            assert page.locator(".md-tabs__item--active").inner_text().strip() == "Mettre en œuvre"
            active = page.locator(".md-sidebar--primary .md-nav__item--active > a.md-nav__link").filter(visible=True)
            assert active.inner_text().strip() == "Pratiques et expérimentations"
            assert active.evaluate("a => getComputedStyle(a).fontWeight") == "700"
        else:  # the menu opens on the section, its page marked
            page.locator(".md-header label[for=__drawer]").click()
            page.wait_for_function("document.getElementById('__drawer').checked")
            active = page.locator(".md-sidebar--primary .md-nav__item--active > a.md-nav__link").filter(visible=True)
            active.wait_for()
            assert active.inner_text().strip() == "Pratiques et expérimentations"


# --- 2. Pages that fit -----------------------------------------------------------------------------


@pytest.mark.parametrize("width", WIDTHS)
def test_no_page_is_wider_than_the_screen(browser, site, site_url, width):
    wide = {}
    with opened(browser, width) as page:
        for path in kinds_of_page(site) + ["adresse/qui/n-existe-pas/", "admin/"]:
            page.goto(site_url + path)
            scroll = page.evaluate("document.documentElement.scrollWidth")
            if scroll > width:
                wide[path or "/"] = scroll
    assert not wide, wide


@pytest.mark.parametrize("width", WIDTHS)
def test_references_filter_by_kind_and_period(browser, site_url, width):
    references = CATALOG.list("references")
    decrees = [r for r in references if r["kind"] == "decret"]
    since_2015 = [r for r in references if r.get("date") and int(str(r["date"])[:4]) >= 2015]
    assert decrees and 0 < len(since_2015) < len(references)
    with opened(browser, width) as page:
        page.goto(site_url + "references/")
        form = page.get_by_role("search", name="Filtrer les textes de référence")
        status = form.get_by_role("status")
        assert status.inner_text() == f"{len(references)}\u00a0textes"
        shown = "() => [...document.querySelectorAll('section.texte-reference')].filter(s => !s.hidden).map(s => s.querySelector('h2').id)"
        form.get_by_label("Nature").select_option("decret")
        assert sorted(page.evaluate(shown)) == sorted(r["id"] for r in decrees)
        assert (
            status.inner_text() == f"{len(decrees)}\u00a0texte{'s' if len(decrees) > 1 else ''} sur {len(references)}"
        )
        form.get_by_label("Nature").select_option("")
        form.get_by_label("Depuis").select_option("2015")
        assert sorted(page.evaluate(shown)) == sorted(r["id"] for r in since_2015)
        form.get_by_role("button", name="Tout afficher").click()
        assert len(page.evaluate(shown)) == len(references)
        assert page.evaluate("document.documentElement.scrollWidth") <= width


def test_references_page_without_javascript_shows_every_text(browser, site_url):
    with opened(browser, 390, java_script_enabled=False) as page:
        page.goto(site_url + "references/")
        assert not page.locator(".filtre-references").count()
        assert page.locator("section.texte-reference:visible").count() == len(CATALOG.list("references"))
        assert not page.get_by_role("button", name="Copier la citation").is_visible()


# --- 3. Copy a section's link, a citation ------------------------------------------------------------


@pytest.mark.parametrize("width", WIDTHS)
def test_section_link_and_citation_are_copied(browser, site_url, width):
    with opened(browser, width) as page:
        page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url.rstrip("/"))
        url = site_url + f"pratiques/{PRACTICE['id']}/"
        page.goto(url)
        heading = page.locator("article h2#description")
        heading.hover()
        heading.locator("a.headerlink").click()
        page.wait_for_function("location.hash === '#description'")
        page.get_by_role("status").filter(has_text="Lien de la section copié").wait_for()  # once copied
        assert page.evaluate("navigator.clipboard.readText()") == url + "#description"
        page.get_by_text("Citer cette page").click()
        page.get_by_role("button", name="Copier la citation").click()
        page.get_by_role("status").filter(has_text="Citation copiée").wait_for()
        copied = page.evaluate("navigator.clipboard.readText()")
        assert copied.startswith(f"«\u00a0{PRACTICE['title']}\u00a0». Alternance en travail social [en ligne].")
        # the permanent address: a path from the site's root in this development build (with
        # SITE_URL, the address: tests/acceptance/test_reader.py); never a development address
        assert copied.endswith("\u00a0: /pratiques/" + PRACTICE["id"] + "/") and "127.0.0.1" not in copied
        assert not page.errors


# --- 4. Correction --------------------------------------------------------------------------------


@pytest.mark.parametrize("width", WIDTHS)
def test_correction_links_and_the_editors_intro_page(browser, site_url, width):
    with opened(browser, width) as page:
        page.goto(site_url + f"pratiques/{PRACTICE['id']}/")
        edit = page.get_by_role("link", name="Proposer une modification")
        assert edit.is_visible() and "/edit/main/data/practices.yaml#L" in edit.get_attribute("href")
        assert page.get_by_role("link", name="Signaler une erreur à l'équipe du site").is_visible()
        page.goto(site_url + "admin/")
        assert page.get_by_role("heading", level=1).inner_text() == "Éditeur en ligne"
        for heading in ("Qui peut modifier\u00a0?", "Comment se connecter\u00a0?"):
            assert page.get_by_role("heading", name=heading).is_visible()
        assert page.get_by_role("link", name="Ouvrir l'éditeur").get_attribute("href") == "#/"
        # opening the editor from it: tests/browser/test_admin_browser.py; here, its bundle fails to load
        page.route("**/admin/decap-cms.js", lambda route: route.abort())
        page.get_by_role("link", name="Ouvrir l'éditeur").click()
        alert = page.get_by_role("alert")
        alert.wait_for()
        assert alert.inner_text().startswith("L'éditeur n'a pas pu se charger\u00a0: vérifiez votre connexion")
        assert page.get_by_role("heading", level=1).is_visible()  # the intro is back, with the message
        assert page.locator("[data-chargement]").is_hidden()


# --- 5. Page introuvable ---------------------------------------------------------------------------


def _suggestions(page) -> list[str]:
    box = page.locator("[data-introuvable]")
    box.wait_for()
    return box.get_by_role("link").evaluate_all("links => links.map(a => a.getAttribute('href'))")


@pytest.mark.parametrize("width", WIDTHS)
def test_404_page_offers_the_nearest_addresses_and_the_search(browser, site_url, width):
    with opened(browser, width) as page:
        response = page.goto(site_url + "pratique/stage-collectif-territoire-ass")
        assert response.status == 404
        assert page.locator("html").get_attribute("lang") == "fr"
        assert page.get_by_role("heading", level=1).inner_text() == "Page introuvable"
        assert _suggestions(page)[0] == "/pratiques/stage-collectif-de-territoire-ass/"  # waits for them
        assert page.get_by_role("heading", name="Vouliez-vous dire\u00a0?").is_visible()
        box = page.get_by_role("searchbox", name="Rechercher sur le site")
        assert box.input_value() == "stage collectif territoire ass"  # the words of its last part
        # an old link from a school's intranet, any depth, any case, any typo
        page.goto(site_url + "ecole/intranet/ressources/Glosaire.html")
        assert _suggestions(page)[0] == "/glossaire/"
        page.goto(site_url + "x/y/z/formats/projet-collectif")
        first = page.locator("[data-introuvable] a").first
        assert first.get_attribute("href") == "/formats/projets-collectifs/"
        first.click()
        page.wait_for_url("**/formats/projets-collectifs/")
        assert page.get_by_role("heading", level=1).inner_text().startswith("Projets collectifs")
        assert page.evaluate("document.documentElement.scrollWidth") <= width


def test_404_page_follows_the_redirects_and_searches(browser, site_url):
    manifest = {
        "pages": [["glossaire/", "Glossaire"], [f"pratiques/{PRACTICE['id']}/", PRACTICE["title"]]],
        "redirections": [["pratiques/ancien-nom-de-la-pratique/", f"pratiques/{PRACTICE['id']}/"]],
    }
    with opened(browser, 1280) as page:
        page.route("**/assets/adresses.json", lambda route: route.fulfill(json=manifest))
        page.goto(site_url + "pratiques/ancien-nom-de-la-pratique/")
        links = page.locator("[data-introuvable] a")
        links.first.wait_for()
        assert links.count() == 1 and links.first.get_attribute("href") == f"/pratiques/{PRACTICE['id']}/"
        assert links.first.inner_text() == PRACTICE["title"]
        page.unroute("**/assets/adresses.json")
        page.goto(site_url + "rien-du-tout-qui-ressemble")
        page.locator("[data-introuvable][data-calcule='0']").wait_for(state="attached")
        assert page.locator("[data-introuvable]").is_hidden()  # nothing near: no empty « Vouliez-vous dire »
        box = page.get_by_role("searchbox", name="Rechercher sur le site")
        box.fill("gratification")
        box.press("Enter")
        page.wait_for_url("**/?q=gratification")
        page.wait_for_function("document.querySelector('[data-pf-dialog]').open")  # the site search, with the words
        assert page.get_by_role("searchbox", name="Rechercher sur le site").input_value() == "gratification"
        assert not page.errors


@pytest.fixture(scope="module")
def subpath_site(tmp_path_factory):
    """The site built for an address under a sub-path, as a project's GitHub Pages site is."""
    dest = tmp_path_factory.mktemp("subpath") / "site"
    with mock.patch.dict(os.environ, {"SITE_URL": "https://exemple.org/alternance/"}):
        assert build(dest) == 0
    return dest


@pytest.mark.parametrize("width", WIDTHS)
def test_404_page_under_a_sub_path(browser, subpath_site, width):
    with serve(subpath_site, prefix="alternance") as base, opened(browser, width) as page:
        page.goto(base + "un/deux/trois/quatre/temoignage")
        assert page.get_by_role("heading", level=1).inner_text() == "Page introuvable"
        first = page.locator("[data-introuvable] a").first
        first.wait_for()
        assert first.get_attribute("href") == "/alternance/temoignages/"
        for link in page.locator("article a").evaluate_all("links => links.map(a => a.href)"):
            assert link.startswith(base), link  # under the sub-path, whatever the depth of the wrong address
        assert page.locator("form[role=search]").get_attribute("action") == "/alternance/"
        first.click()
        page.wait_for_url("**/alternance/temoignages/")
        assert not page.errors
    manifest = json.loads((subpath_site / "assets" / "adresses.json").read_text(encoding="utf-8"))
    assert ["temoignages/", "Témoignages"] in manifest["pages"]
    html = (subpath_site / "temoignages" / "index.html").read_text(encoding="utf-8")
    assert '<meta property="og:url" content="https://exemple.org/alternance/temoignages/">' in html


# --- 6. Dark scheme ---------------------------------------------------------------------------------


@pytest.mark.parametrize("width", WIDTHS)
def test_scheme_follows_the_system_and_the_toggle_is_kept(browser, site_url, width):
    scheme = "() => document.body.getAttribute('data-md-color-scheme')"
    with opened(browser, width, "dark") as page:
        page.goto(site_url + "glossaire/")
        assert page.evaluate(scheme) == "slate"
        background = page.evaluate("getComputedStyle(document.body).backgroundColor")
        page.locator("label[title='Passer au thème clair']").filter(visible=True).click()
        page.wait_for_function(f"({scheme})() === 'default'")
        assert page.evaluate("getComputedStyle(document.body).backgroundColor") != background
        page.reload()
        assert page.evaluate(scheme) == "default"  # the reader's choice, kept in the browser
        toggle = page.locator("label[for^=__palette]").filter(visible=True)
        assert toggle.get_attribute("title") == "Passer au thème sombre"
        assert page.evaluate("document.documentElement.scrollWidth") <= width
    with opened(browser, width, "light") as page:
        page.goto(site_url + "glossaire/")
        assert page.evaluate(scheme) == "default"
