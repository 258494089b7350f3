"""mkdocs-macros module: what hand-written pages in docs/ may call.

`{{ index("practices") }}` renders templates/indexes/practices.md.j2 with the
catalogue; the catalogue is the one the build hook already validated and loaded
(load_catalog caches it per build), so data is read once.
"""

from pathlib import Path

from . import incremental
from .catalog import load_catalog
from .contribute import register as register_contribute
from .render import render
from .search import practice_facets


def define_env(env):
    root = Path(env.conf["config_file_path"]).resolve().parent

    @env.macro
    def index(name: str) -> str:
        """An index page's body, from templates/indexes/<name>.md.j2."""
        uri = env.page.file.src_uri
        return render(f"indexes/{name}.md.j2", uri, catalog=incremental.traced(load_catalog(root), uri),
                      search_facets=practice_facets)

    register_contribute(env, root)  # schema_doc, schema_doc_index, news, open_data
