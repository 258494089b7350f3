"""The site search: a Pagefind index written into the built site (hooks/search_index.py).

- :func:`vocabulary_file`: assets/search-vocabulary.json, the words of the titles, glossary
  terms and keywords (macros/search/metadata.py) that the search box corrects a query by;
- :func:`start`: Pagefind's bundled binary, started as a service (macros/search/pagefind_service.py)
  before the pages are rendered;
- :func:`index_page`: what the index knows of a page beyond its visible text — its facets
  (Pagefind filters) and hidden search words, kept in ``page.meta["pagefind"]`` for
  overrides/main.html to write as data-pagefind-* marks (the pages of :data:`NOT_INDEXED`
  get no data-pagefind-body) — and the page itself, encoded for the service as soon as its
  content is final, marked as the theme marks it (overrides/partials/pagefind-body.html);
- :func:`write_soon`, :func:`finish`: once every page is read (on_env), the pages go to Pagefind
  in one write, and Pagefind indexes them and writes <site>/pagefind/ on another core while the
  theme renders the pages (while MkDocs reads them, that core has the pages' passes and the
  practice pages' Markdown to do); a failure fails the build.

Only what overrides/main.html wraps in `data-pagefind-body` is indexed: the page content,
never the header, navigation, table of contents or footer.
"""

from __future__ import annotations

import html as htmllib
import json
import logging
import re
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

from macros.glue.context import BuildContext
from macros.pages.finish import SearchWords
from macros.search.metadata import (
    fold,
    index_exclusions,
    listed_catalogue,
    page_filters,
    page_keywords,
    vocabulary,
)
from macros.search.pagefind_service import PagefindError, PagefindService

log = logging.getLogger("mkdocs.hooks.search_index")

_TAGS = re.compile(r"<[^>]+>")
_H1 = re.compile(r"<h1[^>]*>(.*?)</h1>", re.S)
# Pages kept out of the visitors' search (source paths, prefixes): the editors'
# documentation, whose titles (« Témoignages : les champs ») would come before the
# pages visitors look for, and the news feed, which repeats other pages' summaries.
# A page can also say it in its front matter, as Material documents:
# `search: {exclude: true}`, or weigh its words less: `search: {boost: 0.5}`.
NOT_INDEXED = ("contribuer/", "nouveautes.md")
VOCABULARY = "assets/search-vocabulary.json"


@dataclass
class Session:
    """One build's Pagefind service, the theme's marking partial and the index being written."""

    service: PagefindService
    marks: object  # the Jinja template partials/pagefind-body.html
    written: object = None  # the future of the index's writing

    def close(self) -> None:
        messages = self.service.messages()
        self.service.close()
        if messages:  # warnings (e.g. a malformed data-pagefind-* mark)
            log.warning("Pagefind : %s", messages)


def _nav_titles(nav) -> list[str]:
    """Titles of the navigation's sections and pages, but those kept out of the search."""
    titles = []
    for item in nav or []:
        for title, target in item.items() if isinstance(item, dict) else [(None, item)]:
            if isinstance(target, list):
                inner = _nav_titles(target)  # a section of pages kept out of the index adds nothing
                titles += [title, *inner] if title and inner else inner
            elif title and not str(target).startswith(NOT_INDEXED):
                titles.append(title)
    return titles


def vocabulary_file(ctx: BuildContext, config) -> File:
    words = vocabulary(ctx.catalog, _nav_titles(config["nav"]))
    return File.generated(config, VOCABULARY, content=json.dumps(words, ensure_ascii=False, separators=(",", ":")))


def start(ctx: BuildContext, config) -> None:
    marks = config.theme.get_env().get_template("partials/pagefind-body.html")
    try:
        # Pages held back until on_env: Pagefind indexes them while MkDocs renders the theme, the
        # second core's quiet time, rather than beside the pages' passes and Markdown.
        service = PagefindService({"exclude_selectors": index_exclusions(ctx.catalog)}, hold=True)
    except (OSError, PagefindError) as exc:
        raise PluginError(f"L'index de recherche (Pagefind) n'a pas pu démarrer : {exc}") from None
    ctx.search = Session(service, marks)
    ctx.closing(ctx.search.close)


def prepare(ctx: BuildContext, page) -> SearchWords:
    """*page*'s facets and keywords, written into ``page.meta["pagefind"]`` (for the theme and
    :func:`index_page`), and the words the pages' worker adds to its text to find the glossary
    terms it lacks (macros/pages/finish.py)."""
    catalog = ctx.catalog
    meta = page.meta or {}
    listed = listed_catalogue(page.file.content_string) if not page.file.generated_by else None
    keywords = page_keywords(catalog, meta, listed)
    page.meta["pagefind"] = {
        "exclude": page.file.src_uri.startswith(NOT_INDEXED),
        "filters": page_filters(catalog, meta, listed),
        "keywords": ", ".join(dict.fromkeys(keywords)),
    }
    blocks = tuple(block["id"] for block in catalog.list("form_blocks"))
    return SearchWords(tuple(keywords), catalog.abbreviations(), blocks)


def index_page(ctx: BuildContext, page, glossary: list[str], config) -> None:
    """*page*, its passes done (its content final), with the glossary terms it lacks: sent to Pagefind."""
    html = page.content
    h1 = _H1.search(html)
    named = page.title and h1 and fold(page.title).strip() in fold(htmllib.unescape(_TAGS.sub(" ", h1.group(1))))
    search = page.meta["pagefind"]
    # A page whose heading does not say its name in the navigation (« Qu'en disent les
    # acteurs ? » for « Témoignages ») is found and shown under that name.
    page.meta["pagefind"] = {
        "title": None if named or not h1 else page.title,
        **search,
        "glossary": ", ".join(glossary),
    }
    _send(ctx.search, html, page, config)


def _send(session: Session, html: str, page, config) -> None:
    """Send Pagefind the page now, as the theme will mark it (partials/pagefind-body.html):
    its indexing, and the writing of the index, then overlap the theme's rendering of
    every page instead of following it."""
    material = page.meta.get("search") if isinstance(page.meta.get("search"), dict) else {}
    if material.get("exclude") or page.meta["pagefind"]["exclude"]:
        return
    title = page.title or config.site_name
    heading = "" if "<h1" in html else f"<h1>{htmllib.escape(str(title))}</h1>"  # as Material's content.html
    marked = session.marks.render(
        body=Markup(heading + html),  # noqa: S704 (the page's HTML as MkDocs made it, its title escaped)
        boost=material.get("boost"),
        search=page.meta["pagefind"],
        description=page.meta.get("description"),
    )
    document = (
        f'<!doctype html><html lang="{htmllib.escape(config.theme["language"])}"><head><meta charset="utf-8">'
        f"<title>{htmllib.escape(str(title))}</title></head><body>{marked}</body></html>"
    )
    session.service.add("/" + page.url, document)  # page.url: "" (home), "pratiques/x/"


def release(ctx: BuildContext) -> None:
    """Every page is read: the pages held back go to Pagefind, which indexes them while the last
    pages' passes are done and the theme renders (macros/search/pagefind_service.py)."""
    ctx.search.service.release()


def write_soon(ctx: BuildContext, site_dir: str) -> None:
    """Every page's content is final: Pagefind writes the index while MkDocs renders the theme."""
    try:
        ctx.search.written = ctx.search.service.write_soon(str(Path(site_dir) / "pagefind"))
    except PagefindError as exc:
        raise PluginError(f"L'index de recherche (Pagefind) n'a pas pu être construit : {exc}") from None


def finish(ctx: BuildContext, site_dir: str) -> None:
    """Wait for the index, stop the service, check the index is there."""
    session = ctx.search
    try:
        session.written.result()
    except PagefindError as exc:
        raise PluginError(
            f"L'index de recherche (Pagefind) n'a pas pu être construit : {exc}\n{session.service.messages()}"
        ) from None
    finally:
        ctx.close()
    if not (Path(site_dir) / "pagefind" / "pagefind.js").exists():
        raise PluginError("L'index de recherche (Pagefind) n'a pas été écrit.")
