"""Printing a format page gives a clean A4 form (headless Chromium: print media, page.pdf, pdftotext).

The PNG pages (pdftoppm -png -r 70) were looked at by hand; these tests hold what was seen:
the form alone, writing room, whole fields, the version date and URL at the foot of every page.
"""

from __future__ import annotations

import pytest

from macros.french.dates import date_fr
from macros.model.catalog import load_catalog
from tests.support import ROOT
from tests.support.browser import flat, print_to_pdf, serve
from tests.support.site import PUBLISHED_URL

CATALOG = load_catalog(ROOT)
FORMAT = "stages-pluri-institutionnels"  # the longest form: several printed pages
PERMANENT_URL = f"{PUBLISHED_URL}formats/{FORMAT}/"  # the published build's (SITE_URL)
MM = 96 / 25.4  # CSS pixels per millimetre

# Text of the site around the form, and of the page around the form: none of it prints.
NOT_PRINTED = (
    "Rechercher",
    "Table des matières",
    "La réforme",
    "Partenaires et engagements",
    "Retour en haut",
    "Remplir en ligne",
    "Imprimer la fiche",
    "Imprimer la page entière",
    "Jeux de réponses",
    "Télécharger la fiche",
    "Qui est impliqué",
    "Points d'attention",
    "Conditions de mise en œuvre",
    "Pratiques et expérimentations",
    "Mis à jour le",
)


@pytest.fixture
def printed(page, site_url, tmp_path):
    page.goto(site_url + f"formats/{FORMAT}/")
    page.locator("#section-convention").scroll_into_view_if_needed()  # printing does not start at the top
    pages = print_to_pdf(page, tmp_path / "fiche.pdf")
    return page, pages


def test_format_page_prints_the_form_and_nothing_else(printed):
    page, pages = printed
    fmt = CATALOG.get("formats", FORMAT)
    text = " ".join(pages)
    assert 3 <= len(pages) <= 12
    assert f"{fmt['title']} FORMAT DE PROFESSIONNALISATION" in pages[0]  # the title opens page 1
    assert flat(fmt["summary"]) in text
    for section in CATALOG.form_sections(fmt):
        assert flat(section["title"]) in text
        for field in section["fields"]:
            assert flat(field["label"]) in text, field["id"]
            for option in field.get("options") or []:
                assert flat(option) in text, option
    for absent in NOT_PRINTED:
        assert absent not in text, absent
    assert page.errors == [] and page.offsite == []


def test_every_printed_page_shows_the_version_date_and_page_number(printed):
    _, pages = printed
    version = date_fr(CATALOG.get("formats", FORMAT)["updated"])
    for number, text in enumerate(pages, start=1):
        assert f"version du {version}" in text, number
        assert "127.0.0.1" not in text  # a development build prints no address
        assert f"page {number} / {len(pages)}" in text, number


def test_a_published_form_prints_its_permanent_url_on_every_page(browser, published_site, tmp_path):
    with serve(published_site) as url:
        context = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.goto(url + f"formats/{FORMAT}/")
        pages = print_to_pdf(page, tmp_path / "publiee.pdf")
        context.close()
    version = date_fr(CATALOG.get("formats", FORMAT)["updated"])
    assert len(pages) >= 3
    for number, text in enumerate(pages, start=1):
        assert f"version du {version} — {PERMANENT_URL}" in text, number


def test_printed_fields_keep_room_to_write_and_stay_whole(page, site_url):
    page.goto(site_url + f"formats/{FORMAT}/")
    page.emulate_media(media="print")
    fields = page.evaluate("""() => Array.from(document.querySelectorAll('.fiche-champ'), node => {
        const zone = node.querySelector('.fiche-zone, .fiche-signature td');
        return {id: node.dataset.field, lines: Number(node.dataset.lines), kind: node.dataset.kind,
                breakInside: getComputedStyle(node).breakInside,
                room: zone ? zone.getBoundingClientRect().height : null,
                shown: node.getBoundingClientRect().height > 0};
    })""")
    assert len(fields) == sum(len(s["fields"]) for s in CATALOG.form_sections(CATALOG.get("formats", FORMAT)))
    for field in fields:
        assert field["shown"] and field["breakInside"] == "avoid", field
        if field["kind"] in ("choice", "checklist"):
            continue
        needed = 20 * MM if field["kind"] == "signature" else field["lines"] * 8 * MM - 1
        assert field["room"] >= needed, field
