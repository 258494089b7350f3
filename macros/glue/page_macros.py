"""The mkdocs-macros functions hand-written pages in docs/ may call (entry: macros/__init__.py).

Each reads the build's context (macros/glue/context.py) from the configuration mkdocs-macros
holds: the catalogue the build validated and loaded once, the exports it made.

- ``{{ index("practices") }}``: an index page's body, from templates/indexes/<name>.md.j2;
- ``{{ schema_doc("practices") }}``, ``{{ schema_doc_index() }}``: the « Contribuer » pages'
  fields of a catalogue, from its schema (macros/pages/schema_doc.py), and their list;
- ``{{ news() }}``: the latest added or updated entries (macros/exports/feed.py);
- ``{{ open_data() }}``: the open-data files and their sizes (macros/exports/open_data.py);
- ``{{ fiabilite("H") }}``: the confidence badge of a hand-written statement;
- ``{{ build_date() }}``: the date the site is built (statuses are computed at it);
- ``publisher_sentence``, ``publisher_declared``: macros/pages/publisher.py.
"""

from __future__ import annotations

from macros.core import clock
from macros.exports.feed import news_page
from macros.exports.open_data import open_data_page
from macros.french.dates import date_fr
from macros.glue.context import context_of
from macros.pages.publisher import register as register_publisher
from macros.pages.render import render
from macros.pages.schema_doc import schema_doc as _schema_doc
from macros.pages.schema_doc import schema_doc_index as _schema_doc_index
from macros.search.metadata import practice_facets


def register(env) -> None:
    def ctx():
        return context_of(env.conf)

    def uri() -> str:
        return env.page.file.src_uri

    @env.macro
    def index(name: str) -> str:
        """An index page's body, from templates/indexes/<name>.md.j2."""
        return render(f"indexes/{name}.md.j2", uri(), catalog=ctx().catalog, search_facets=practice_facets)

    @env.macro
    def schema_doc(name: str) -> str:
        """Every field of catalogue *name*, from its schema."""
        return _schema_doc(ctx().root, ctx().catalog, name, uri())

    @env.macro
    def schema_doc_index() -> str:
        return _schema_doc_index(ctx().root, ctx().catalog, uri())

    @env.macro
    def news() -> str:
        return news_page(ctx().catalog, uri())

    @env.macro
    def open_data() -> str:
        return open_data_page(ctx().root, ctx().catalog, uri(), ctx().exports)

    @env.macro
    def fiabilite(level: str) -> str:
        """The confidence badge (« Fiabilité : source secondaire sérieuse ») for a hand-written statement."""
        return render("partials/badge.md.j2", uri(), level=level, catalog=ctx().catalog).strip()

    @env.macro
    def build_date() -> str:
        """The date the site is built, in French (« 4 décembre 2026 »): the date statuses are computed at."""
        return date_fr(clock.today().isoformat())

    register_publisher(env)  # publisher_sentence, publisher_declared (from extra.publisher)
