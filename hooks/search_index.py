"""MkDocs hook: the site search, a Pagefind index written into the built site.

Events handled:
- on_files: assets/search-vocabulary.json, the words of the titles, glossary terms and
  keywords (macros/search.py, vocabulary) that the search box corrects a query by;
- on_page_content: what the index knows beyond the visible text (macros/search.py):
  the page's facets (Pagefind filters) and its hidden search words (the entries'
  `keywords` and the glossary's missing sigles or expansions), kept in
  `page.meta["pagefind"]` for overrides/main.html to write as data-pagefind-* marks
  (and, for the pages of NOT_INDEXED, no data-pagefind-body: they stay out of the index);
- on_pre_build, on_env, on_post_build: Pagefind's bundled binary, started as a service
  (macros/pagefind_service.py) before the pages are rendered, is sent each page
  as soon as its content is final (end of on_page_content), marked as the theme
  marks it (overrides/partials/pagefind-body.html), and indexes it on another
  core while MkDocs goes on; once all pages are read (on_env), it writes
  <site>/pagefind/ while the theme renders them (the scratch
  directory of `make build`, the temporary one of `mkdocs serve`). A failure
  fails the build. With `mkdocs serve --dirty` (`make serve`), where an edit
  rebuilds only the pages it changed, the whole served site is indexed again in
  the background after each build instead.

Only what overrides/main.html wraps in `data-pagefind-body` is indexed: the
page content, never the header, navigation, table of contents or footer.
"""

from __future__ import annotations

import html as htmllib
import json
import logging
import re
import sys
from pathlib import Path

from markupsafe import Markup
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # hooks are loaded with only their own folder on sys.path
    sys.path.insert(0, str(ROOT))

from macros.model.catalog import load_catalog  # noqa: E402
from macros.glue import incremental  # noqa: E402
from macros.search.pagefind_service import PagefindError, PagefindService, index_site_later  # noqa: E402
from macros.search.metadata import (fold, glossary_terms, index_exclusions, listed_catalogue, page_filters,  # noqa: E402
                           page_keywords, vocabulary)

log = logging.getLogger("mkdocs.hooks.search_index")

_TAGS = re.compile(r"<[^>]+>")
_H1 = re.compile(r"<h1[^>]*>(.*?)</h1>", re.S)
# Pages kept out of the visitors' search (source paths, prefixes): the editors'
# documentation, whose titles (« Témoignages : les champs ») would come before the
# pages visitors look for, and the news feed, which repeats other pages' summaries.
# A page can also say it in its front matter, as Material documents:
# `search: {exclude: true}`, or weigh its words less: `search: {boost: 0.5}`.
NOT_INDEXED = ("contribuer/", "nouveautes.md")
_build: dict = {}  # this build's Pagefind service and the theme's marking partial
VOCABULARY = "assets/search-vocabulary.json"


def _nav_titles(nav) -> list[str]:
    """Titles of the navigation's sections and pages, but those kept out of the search."""
    titles = []
    for item in nav or []:
        for title, target in (item.items() if isinstance(item, dict) else [(None, item)]):
            if isinstance(target, list):
                inner = _nav_titles(target)  # a section of pages kept out of the index adds nothing
                titles += [title, *inner] if title and inner else inner
            elif title and not str(target).startswith(NOT_INDEXED):
                titles.append(title)
    return titles


def on_files(files, config):
    words = vocabulary(load_catalog(ROOT), _nav_titles(config["nav"]))
    content = json.dumps(words, ensure_ascii=False, separators=(",", ":"))
    files.append(File.generated(config, VOCABULARY, content=content))
    return files


def on_page_content(html, page, config, files):
    catalog = load_catalog(ROOT)  # cached: validated once per build by hooks/catalog_pages.py
    meta = page.meta or {}
    listed = listed_catalogue(page.file.content_string) if not page.file.generated_by else None
    keywords = page_keywords(catalog, meta, listed)
    text = htmllib.unescape(_TAGS.sub(" ", _without_shared_blocks(html, catalog)))
    text += " " + " ".join(keywords)
    h1 = _H1.search(html)
    named = page.title and h1 and fold(page.title).strip() in fold(htmllib.unescape(_TAGS.sub(" ", h1.group(1))))
    page.meta["pagefind"] = {
        # A page whose heading does not say its name in the navigation (« Qu'en disent les
        # acteurs ? » for « Témoignages ») is found and shown under that name.
        "title": None if named or not h1 else page.title,
        "exclude": page.file.src_uri.startswith(NOT_INDEXED),
        "filters": page_filters(catalog, meta, listed),
        "keywords": ", ".join(dict.fromkeys(keywords)),
        "glossary": ", ".join(glossary_terms(catalog, text)),
    }
    if "service" in _build:
        _send(html, page, config)
    return html


_DIV = re.compile(r"<(/?)div\b")


def _without_shared_blocks(html: str, catalog) -> str:
    """*html* without the model forms' shared blocks, which Pagefind does not index
    (macros/search.py, index_exclusions): the glossary's missing sigles are found in
    the text that is indexed, not in the « Formation suivie » options of every form."""
    for block in catalog.list("form_blocks"):
        start = html.find(f'<div class="fiche-section" data-section="{block["id"]}">')
        if start == -1:
            continue
        depth, end = 0, -1
        for m in _DIV.finditer(html, start):
            depth += -1 if m.group(1) else 1
            if depth == 0:
                end = html.find(">", m.end()) + 1
                break
        if end > 0:
            html = html[:start] + html[end:]
    return html


def _send(html, page, config):
    """Send Pagefind the page now, as the theme will mark it (partials/pagefind-body.html):
    its indexing, and the writing of the index, then overlap the theme's rendering of
    every page instead of following it."""
    material = page.meta.get("search") if isinstance(page.meta.get("search"), dict) else {}
    if material.get("exclude") or page.meta["pagefind"]["exclude"]:
        return
    title = page.title or config.site_name
    heading = "" if "<h1" in html else f"<h1>{htmllib.escape(str(title))}</h1>"  # as Material's content.html
    marked = _build["marks"].render(body=Markup(heading + html), boost=material.get("boost"),
                                    search=page.meta["pagefind"], description=page.meta.get("description"))
    document = (f'<!doctype html><html lang="{htmllib.escape(config.theme["language"])}"><head><meta charset="utf-8">'
                f"<title>{htmllib.escape(str(title))}</title></head><body>{marked}</body></html>")
    _build["service"].add("/" + page.url, document)  # page.url: "" (home), "pratiques/x/"


def on_pre_build(config):
    _stop()  # a previous build of `mkdocs serve` that failed midway
    if incremental.dirty():
        return  # only some pages are rendered: the whole site is indexed after the build
    _build["marks"] = config.theme.get_env().get_template("partials/pagefind-body.html")
    try:
        _build["service"] = PagefindService({"exclude_selectors": index_exclusions(load_catalog(ROOT))})
    except (OSError, PagefindError) as exc:
        raise PluginError(f"L'index de recherche (Pagefind) n'a pas pu démarrer : {exc}") from None


def on_env(env, config, files):
    # Every page's content is final: Pagefind writes the index while MkDocs renders the theme.
    if "service" in _build:
        try:
            _build["written"] = _build["service"].write_soon(str(Path(config.site_dir) / "pagefind"))
        except PagefindError as exc:
            raise PluginError(f"L'index de recherche (Pagefind) n'a pas pu être construit : {exc}") from None
    return env


def on_post_build(config):
    site = Path(config.site_dir)
    if incremental.dirty():
        # `make serve` after an edit: the page is shown at once, the search index follows.
        index_site_later(site, index_exclusions(load_catalog(ROOT)))
        return
    service = _build["service"]
    try:
        _build["written"].result()
    except PagefindError as exc:
        raise PluginError(f"L'index de recherche (Pagefind) n'a pas pu être construit : {exc}\n"
                          f"{service.messages()}") from None
    finally:
        _stop()
    if not (site / "pagefind" / "pagefind.js").exists():
        raise PluginError("L'index de recherche (Pagefind) n'a pas été écrit.")


def on_build_error(error):
    _stop()


def _stop():
    service = _build.pop("service", None)
    if service is not None:
        messages = service.messages()
        service.close()
        if messages:  # warnings (e.g. a malformed data-pagefind-* mark)
            log.warning("Pagefind : %s", messages)
