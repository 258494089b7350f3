"""What a reader needs around a page's content (hooks/reader.py).

- :func:`entry_date`: the sitemap's ``lastmod`` of an entry page is its entry's ``updated``
  (the other pages keep the data's newest date, hooks/trust.py);
- :func:`page_context`: where the page is — a page outside the navigation (a practice, a
  format) takes the section of the nearest page above it in the URL (/pratiques/x/ ->
  « Pratiques et expérimentations »), marked active for the tabs and the sidebar until
  :func:`page_done`, and given to the breadcrumb (overrides/partials/path.html); its
  structured data, citation and « Proposer une modification » links for the theme
  (overrides/main.html);
- :func:`write_manifest`: assets/adresses.json, the current addresses with their titles and
  the redirected ones, from which the « Page introuvable » page proposes the nearest.
"""

from __future__ import annotations

import html
import json
from pathlib import Path
from urllib.parse import urljoin

from macros.glue.context import BuildContext
from macros.glue.navcache import NavOnce
from macros.pages.edit_links import data_edit_url, issue_url
from macros.pages.redirects import page_url
from macros.pages.sharing import (
    breadcrumb,
    citation,
    entry_article,
    graph,
    json_ld,
    partner_item,
    reference_item,
    web_page,
)

MANIFEST = "assets/adresses.json"
SHARE_IMAGE = "assets/partage.png"  # the preview image of every page (1200 × 630)
# Entry pages: their catalogue (the page meta's page_type, macros/pages/generated.py).
ENTRY_PAGES = {
    "pratique": ("practices", "Pratique de professionnalisation"),
    "format": ("formats", "Format de professionnalisation"),
}
# Hand-written pages that list a catalogue: where their entries are edited.
LISTINGS = {
    "references.md": "references",
    "partenaires.md": "partners",
    "glossaire.md": "glossary",
    "temoignages.md": "testimonials",
    "diplomes.md": "diplomas",
    "sources.md": "sources",
    "protocole.md": "protocols",
    "formats/index.md": "formats",
    "pratiques/index.md": "practices",
}


def entry_date(page) -> None:
    updated = page.meta.get("updated") if page.meta.get("page_type") in ENTRY_PAGES else None
    if updated:
        page.update_date = str(updated)[:10]


def section_of(url: str, nav_pages: dict) -> object | None:
    """The navigation page whose URL is the longest strict prefix of *url* (not the home page)."""
    parts = url.rstrip("/").split("/")
    for depth in range(len(parts) - 1, 0, -1):
        found = nav_pages.get("/".join(parts[:depth]) + "/")
        if found is not None:
            return found
    return None


def _trail(page, section, home) -> list:
    """The pages and sections above *page*, from the home page down (the breadcrumb's)."""
    above = list(reversed(section.ancestors)) + [section] if section is not None else list(reversed(page.ancestors))
    if home is not None and page is not home:
        above.insert(0, home)
    return above


def _link_of(item) -> str | None:
    """A breadcrumb item's URL: a page's own, a section's first page's (as Material links it)."""
    while getattr(item, "children", None):
        item = item.children[0]
    return getattr(item, "url", None)


def navigation(ctx: BuildContext, nav) -> None:
    """The navigation's pages by URL (each page's section), and its sidebar and tabs rendered once
    for the pages outside it (:class:`~macros.glue.navcache.NavOnce`)."""
    ctx.nav_pages = {page.url: page for page in nav.pages}
    ctx.home = nav.homepage
    ctx.nav_once = NavOnce(nav)


def page_context(ctx: BuildContext, context: dict, page, config) -> dict:
    section = None if page.url in ctx.nav_pages else section_of(page.url, ctx.nav_pages)
    if section is not None:
        section.active = True  # the tab and the sidebar show the section (until page_done)
        ctx.active_section = section
    context["section_page"] = section
    site_url = config.site_url or "/"  # a development build (no SITE_URL): paths from the site's root
    url = page.canonical_url or urljoin(site_url, page.url)
    title = html.unescape(str(page.title or config.site_name))  # hooks/trust.py made it Markup
    publisher_name = ((config.extra.get("publisher") or {}).get("name") or "").strip() or None
    catalog = ctx.catalog
    entry, catalogue = _entry(page, catalog)
    version = (entry or {}).get("updated") or page.update_date
    trail = [
        (html.unescape(str(item.title)), urljoin(site_url, _link_of(item) or ""))
        for item in _trail(page, section, ctx.home)
    ]
    context["structured_data"] = json_ld(
        _structured(page, entry, catalog, url, title, site_url, config.site_name, publisher_name, version, trail)
    )
    context["citation"] = citation(title, config.site_name, url, version, publisher_name)
    context["edit_links"] = edit_links(page, config, catalog, entry, catalogue, url, title)
    description = html.unescape(str(page.meta.get("description") or config.site_description or ""))
    context["share"] = {
        "title": title,
        "description": " ".join(description.split()),
        "url": url,
        "image": urljoin(site_url, SHARE_IMAGE),
        "type": "article" if entry else "website",
        "modified": str(version)[:10] if entry else None,
    }
    return context


def page_done(ctx: BuildContext) -> None:
    """The section marked active for one page is unmarked."""
    if ctx.active_section is not None:
        ctx.active_section.active = False
        ctx.active_section = None


def _entry(page, catalog) -> tuple[dict | None, str | None]:
    kind = ENTRY_PAGES.get(page.meta.get("page_type"))
    entry_id = page.meta.get("entry_id")
    if kind and entry_id and entry_id in catalog.by_id.get(kind[0], {}):
        return catalog.get(kind[0], entry_id), kind[0]
    return None, None


def _structured(page, entry, catalog, url, title, site_url, site_name, publisher_name, version, trail) -> dict:
    crumbs = breadcrumb(trail, title, url)
    if entry is not None:
        about = ENTRY_PAGES[page.meta["page_type"]][1]
        return graph(entry_article(entry, url, site_name, site_url, publisher_name, about), crumbs)
    node = web_page(title, url, site_name, site_url, str(version)[:10] if version else None, page.is_homepage)
    listed = LISTINGS.get(page.file.src_uri)
    if listed == "references":
        kinds = {code: label.singular for code, label in catalog.labels("references", "kind").items()}
        items = [reference_item(r, url, kinds) for r in catalog.list("references")]
    elif listed == "partners":
        items = [partner_item(p, url) for p in catalog.list("partners")]
    else:
        items = []
    return graph(node, crumbs, items=items)


def edit_links(page, config, catalog, entry, catalogue, url, title) -> dict:
    """The page's « Proposer une modification » links (empty without a repository)."""
    repo, edit_uri = config.repo_url, config.edit_uri
    links: dict = {"issue": None, "page": None, "data": None, "file": None}
    if not repo:
        return links
    if entry is not None:
        file = f"{catalogue}.yaml"
        links["page"] = data_edit_url(repo, edit_uri, file, catalog.line_of(catalogue, entry["id"]))
        links["file"] = f"data/{file}"
        links["issue"] = issue_url(repo, title, url, f"data/{file} : {entry['id']}")
        return links
    if page.edit_url:
        links["page"] = page.edit_url
        links["file"] = f"docs/{page.file.src_uri}"
    listed = LISTINGS.get(page.file.src_uri)
    if listed:
        links["data"] = data_edit_url(repo, edit_uri, f"{listed}.yaml")
        links["data_file"] = f"data/{listed}.yaml"
    links["issue"] = issue_url(repo, title, url)
    return links


def write_manifest(ctx: BuildContext, site_dir: str) -> None:
    """The addresses the « Page introuvable » page compares a wrong address with."""
    pages = [[url, ctx.titles.get(url, "")] for url in sorted(ctx.page_urls)]
    redirects = [[page_url(r["from"]), page_url(r["to"])] for r in ctx.catalog.list("redirects")]
    out = Path(site_dir) / MANIFEST
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(
        json.dumps({"pages": pages, "redirections": redirects}, ensure_ascii=False, separators=(",", ":")),
        encoding="utf-8",
    )
