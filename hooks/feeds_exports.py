"""MkDocs hook: the Atom feed and the open-data exports, generated in memory from data/.

- on_files: /feed.xml (macros.exports.feed) and /donnees/*.json, *.csv and /donnees/schemas/*.json
  (macros.exports.open_data), as generated files, so links to them are checked under --strict
  and `mkdocs serve` serves them; the exports are kept in the context for the « Données » page;
- on_post_page: the feed announced in every page's <head>, for feed readers.
"""

from __future__ import annotations

from html import escape

from mkdocs.structure.files import File, InclusionLevel
from mkdocs.utils import get_relative_url

from macros.exports.feed import FEED_PATH, atom
from macros.exports.open_data import exports
from macros.french.typography import text
from macros.glue.context import hook

on = hook("feeds_exports")


@on
def on_files(files, config, ctx):
    ctx.exports = exports(ctx.root, ctx.catalog)
    generated = [(FEED_PATH, atom(ctx.catalog, config.site_url or "", config.site_name))]
    generated += [(e.path, e.content) for e in ctx.exports]
    for src_uri, content in generated:
        files.append(File.generated(config, src_uri, content=content, inclusion=InclusionLevel.NOT_IN_NAV))
    return files


@on
def on_post_page(output, page, config, ctx):
    href = get_relative_url(FEED_PATH, page.url or ".")
    title = escape(text(f"{config.site_name} : nouveautés"))
    link = f'<link rel="alternate" type="application/atom+xml" title="{title}" href="{escape(href)}">'
    return output.replace("</head>", f"  {link}\n  </head>", 1)
