"""The strict build of the shipped data: one page per entry, full model forms, every seed fact."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from macros.model.catalog import load_catalog
from tests.support import ROOT
from tests.support.site import normalise, page_text

CATALOG = load_catalog(ROOT)


def read(site: Path, url: str) -> str:
    path = site / url.strip("/") / "index.html"
    assert path.is_file(), f"page {url} missing from the built site"
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize("fmt", CATALOG.formats, ids=lambda f: f["id"])
def test_format_page_shows_format_and_full_model_form(site, fmt):
    text = page_text(read(site, f"/formats/{fmt['id']}/"))
    assert normalise(fmt["title"]) in text
    assert normalise(fmt["summary"]) in text
    for item in fmt["conditions"] + fmt["attention_points"]:
        assert normalise(re.sub(r"[*_`]", "", item))[:60] in text
    sections = CATALOG.form_sections(fmt)
    assert sections, "a format without a model form"
    for section in sections:
        assert normalise(section["title"]) in text
        for field in section["fields"]:
            assert normalise(field["label"]) in text, field["id"]
            assert normalise(field["help"]) in text, field["id"]


@pytest.mark.parametrize("practice", CATALOG.list("practices"), ids=lambda p: p["id"])
def test_practice_page_shows_content_and_links(site, practice):
    html = read(site, f"/pratiques/{practice['id']}/")
    text = page_text(html)
    assert normalise(practice["title"]) in text
    assert normalise(practice["theme"]) in text
    for format_id in practice["formats"]:
        assert f'href="../../formats/{format_id}/"' in html
    assert 'href="../../sources/#' in html
    for code in practice["diplomas"]:
        assert code in html
    facts = html[html.index('class="fiche-pratique"') :]
    facts = facts[: facts.index("</dl>")]
    assert facts.count("<dl>") == 1, "key facts must be one flat definition list"
    for label in ("Format", "Diplômes", "Thème", "Organisation", "Territoire", "Année", "Statut"):
        assert re.search(rf"<dt>{label}s?</dt>\s*<dd>", facts), label


def test_entry_pages_stay_out_of_the_sidebar(site):
    """A sidebar listing every entry would make the build quadratic."""
    html = read(site, "/pratiques/")
    nav_links = re.findall(r'<a href="([^"]*)"[^>]*class="md-nav__link', html)
    assert any("protocole" in link for link in nav_links), "sidebar not found"
    entry_links = [link for link in nav_links if re.search(r"(pratiques|formats)/[a-z0-9-]+/", link)]
    assert not entry_links


def test_every_seed_fact_is_on_the_site(site):
    corpus = " ".join(page_text(p.read_text(encoding="utf-8")) for p in site.rglob("index.html"))
    facts = [
        line.strip()
        for line in (ROOT / "tests" / "seed_facts.txt").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert len(facts) >= 50
    missing = [fact for fact in facts if normalise(fact) not in corpus]
    assert not missing, f"{len(missing)} seed facts missing from the site: {missing}"


def test_glossary_abbreviations_expand_on_hover(site):
    html = read(site, "/protocole/")
    assert re.search(r'<abbr title="[^"]*assistant[^"]*service social[^"]*">ASS</abbr>', html)


def test_no_page_loads_anything_from_another_host(site):
    offenders = []
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        for tag in re.findall(
            r'(<(?:script|link|img|iframe|source|video|audio)\b[^>]*?\b(?:src|href)="(?:https?:)?//[^"]*"[^>]*>)', html
        ):
            if not re.search(r'rel="(canonical|alternate)"', tag):
                offenders.append(f"{page.relative_to(site)}: {tag}")
        if "fonts.googleapis" in html or "fonts.gstatic" in html:
            offenders.append(f"{page.relative_to(site)}: Google Fonts")
    assert not offenders, offenders


def test_the_contact_is_a_role_not_a_person(site):
    corpus = " ".join(p.read_text(encoding="utf-8") for p in site.rglob("*.html"))
    assert "DUPUIS" not in corpus.upper()
    assert "drjscs.gouv.fr" not in corpus.replace("bretagne.drjscs.gouv.fr", "")
