"""Listing pages of the built site: the listings' HTML is in every built page (generated pages without
MkDocs: tests/unit/test_pages.py)."""

from __future__ import annotations

from macros.model.catalog import load_catalog
from tests.support import ROOT


def test_listing_html_is_put_back_in_every_built_page(site):
    """The listings' HTML skips Markdown (macros/render.py, stash): no placeholder is left,
    and the practices table and each testimonial are there, as HTML."""
    pages = {p: p.read_text(encoding="utf-8") for p in site.rglob("*.html")}
    assert not [p for p, html in pages.items() if "data-stash" in html]
    practices = (site / "pratiques" / "index.html").read_text(encoding="utf-8")
    for practice in load_catalog(ROOT).list("practices"):
        assert f'href="{practice["id"]}/"' in practices
    testimonials = (site / "temoignages" / "index.html").read_text(encoding="utf-8")
    for testimonial in load_catalog(ROOT).list("testimonials"):
        assert f'<blockquote id="{testimonial["id"]}">' in testimonials
