"""Listing pages of the built site (generated pages without MkDocs: tests/unit/test_pages.py)."""

from __future__ import annotations

from macros.model.catalog import load_catalog
from tests.support import ROOT
from tests.support.site import repeated_ids


def test_every_listing_is_in_the_built_pages(site):
    """The practices table and each testimonial, with its anchor, are in the built pages
    (they go through Markdown like the rest of the page: tests/acceptance/test_listings.py)."""
    practices = (site / "pratiques" / "index.html").read_text(encoding="utf-8")
    for practice in load_catalog(ROOT).list("practices"):
        assert f'href="{practice["id"]}/"' in practices
    testimonials = (site / "temoignages" / "index.html").read_text(encoding="utf-8")
    for testimonial in load_catalog(ROOT).list("testimonials"):
        assert f'<blockquote id="{testimonial["id"]}">' in testimonials


def test_every_id_is_once_on_its_page(site):
    """No page of the site has an id twice: a link, a label or a script would reach the first one only."""
    assert repeated_ids(site) == {}
