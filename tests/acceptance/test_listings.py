"""Listings go through the normal page path (issue 15, item 4): the practices table, the
testimonials, the diplomas' and formats' lists are Markdown (inside HTML marked `markdown`), so
MkDocs' own link check sees their links and knows their ids as anchors; nothing is put aside
and put back into the page's HTML.

Each test renders a listing as the build does (the template, then MkDocs' Page.render with the
site's Markdown configuration), in process, against a set of pages in which one linked page is
missing: MkDocs must say so, as a strict build would stop on it."""

from __future__ import annotations

import logging
import re

import pytest
from mkdocs.config import load_config
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from macros.model.catalog import load_catalog
from macros.pages.generated import format_page
from macros.pages.render import render
from macros.search.metadata import practice_facets
from tests.support import ROOT

CATALOG = load_catalog(ROOT)


@pytest.fixture(scope="module")
def config():
    return load_config(str(ROOT / "mkdocs.yml"), site_dir="/tmp/unused-site")


def _pages(config, missing: str = "") -> Files:
    """Every page of the site (hand-written and generated), but *missing*."""
    uris = [p.relative_to(ROOT / "docs").as_posix() for p in (ROOT / "docs").rglob("*.md")]
    uris += [f"pratiques/{p['id']}.md" for p in CATALOG.list("practices")]
    uris += [f"formats/{f['id']}.md" for f in CATALOG.list("formats")]
    return Files(
        [File(uri, config.docs_dir, config.site_dir, config.use_directory_urls) for uri in uris if uri != missing]
    )


def _render(config, uri: str, markdown: str, files: Files) -> Page:
    page = Page(None, File(uri, config.docs_dir, config.site_dir, config.use_directory_urls), config)
    page.markdown = markdown
    page.render(config, files)
    return page


def _link_warnings(caplog) -> list[str]:
    return [
        r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING and "contains a link" in r.getMessage()
    ]


def test_the_testimonials_links_and_ids_are_mkdocs_own(config, caplog):
    text = render("indexes/testimonials.md.j2", "temoignages.md", catalog=CATALOG)
    page = _render(config, "temoignages.md", text, _pages(config))
    assert not _link_warnings(caplog)
    ids = {t["id"] for t in CATALOG.list("testimonials")}
    assert ids <= page.present_anchor_ids  # « temoignages.md#temoignage-… » links are checked against them
    assert all(f'<blockquote id="{i}">' in page.content for i in ids)
    linked = next(t for t in CATALOG.list("testimonials") if t.get("practices"))["practices"][0]
    _render(config, "temoignages.md", text, _pages(config, missing=f"pratiques/{linked}.md"))
    assert any(f"pratiques/{linked}.md" in w for w in _link_warnings(caplog)), "MkDocs did not check the listing's link"


def test_the_practices_table_links_are_mkdocs_own(config, caplog):
    text = render("indexes/practices.md.j2", "pratiques/index.md", catalog=CATALOG, search_facets=practice_facets)
    page = _render(config, "pratiques/index.md", text, _pages(config))
    assert not _link_warnings(caplog)
    for practice in CATALOG.list("practices"):
        assert f'<a href="{practice["id"]}/">' in page.content
    assert '<td data-label="Type">' in page.content  # each row a card on phones (search.css)
    gone = CATALOG.list("practices")[0]["id"]
    _render(config, "pratiques/index.md", text, _pages(config, missing=f"pratiques/{gone}.md"))
    assert any(f"{gone}.md" in w for w in _link_warnings(caplog))


def test_a_format_page_lists_its_practices_with_links_mkdocs_checks(config, caplog):
    fmt = next(f for f in CATALOG.formats if CATALOG.practices_by_format.get(f["id"]))
    uri, text = format_page(CATALOG, fmt)
    page = _render(config, uri, text, _pages(config))
    assert not _link_warnings(caplog)
    assert '<ul class="liste-pratiques">' in page.content
    gone = CATALOG.practices_by_format[fmt["id"]][0]["id"]
    _render(config, uri, text, _pages(config, missing=f"pratiques/{gone}.md"))
    assert any(f"{gone}.md" in w for w in _link_warnings(caplog))


def test_no_template_puts_html_aside_or_writes_a_link_markdown_cannot_see():
    """Raw `href()` links are left only where Markdown cannot write the markup: the confidence
    badge (a class before its href) and the home page's key figure, both to fixed hand-written pages."""
    templates = {
        p.relative_to(ROOT / "templates").as_posix(): p.read_text(encoding="utf-8")
        for p in (ROOT / "templates").rglob("*.j2")
    }
    assert not [name for name, text in templates.items() if re.search(r"filter\s+stash|unstash|html_inline", text)]
    raw = sorted(name for name, text in templates.items() if "href(" in text)
    assert raw == ["indexes/home.md.j2", "partials/confidence.md.j2"]
