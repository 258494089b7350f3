"""mkdocs-macros module: what hand-written pages in docs/ may call.

`{{ index("practices") }}` renders templates/indexes/practices.md.j2 with the
catalogue; the catalogue is the one the build hook already validated and loaded
(load_catalog caches it per build), so data is read once.
"""

from pathlib import Path

from macros.core import clock
from macros.glue import incremental
from macros.model.catalog import load_catalog
from macros.pages.macros import register as register_contribute
from macros.pages.publisher import register as register_publisher
from macros.pages.render import date_fr, render
from macros.search.metadata import practice_facets


def define_env(env):
    root = Path(env.conf["config_file_path"]).resolve().parent

    @env.macro
    def index(name: str) -> str:
        """An index page's body, from templates/indexes/<name>.md.j2."""
        uri = env.page.file.src_uri
        return render(f"indexes/{name}.md.j2", uri, catalog=incremental.traced(load_catalog(root), uri),
                      search_facets=practice_facets)

    register_contribute(env, root)  # schema_doc, schema_doc_index, news, open_data
    register_publisher(env)  # publisher_sentence, publisher_declared (from extra.publisher)

    @env.macro
    def fiabilite(level: str) -> str:
        """The confidence badge (« Fiabilité : source secondaire sérieuse ») for a hand-written statement."""
        return render("partials/badge.md.j2", env.page.file.src_uri, level=level, catalog=load_catalog(root)).strip()

    @env.macro
    def build_date() -> str:
        """The date the site is built, in French (« 4 décembre 2026 »): the date statuses are computed at."""
        return date_fr(clock.today().isoformat())
