"""The main kinds of page, opened in real headless Chromium."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    "path, heading",
    [
        ("", "L'alternance en travail social se réinvente"),
        ("formats/stages-pluri-institutionnels/", "Stages pluri-institutionnels"),
        ("pratiques/projet-education-therapeutique-ars/", None),
        ("protocole/", "Le protocole régional de l'alternance de 2012 (Bretagne)"),
    ],
)
def test_page_opens_without_error_or_offsite_request(page, site_url, path, heading):
    response = page.goto(site_url + path)
    assert response.status == 200
    h1 = page.locator("article h1").first.inner_text().rstrip("¶").strip()
    if heading:
        assert h1.strip() == heading
    assert page.evaluate("document.documentElement.lang") == "fr"
    assert page.errors == []
    assert page.offsite == []


def test_abbreviation_shows_its_expansion(page, site_url):
    page.goto(site_url + "protocole/")
    title = page.locator("article abbr", has_text="ASS").first.get_attribute("title")
    assert "service social" in title
