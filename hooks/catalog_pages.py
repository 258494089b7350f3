"""MkDocs hook: the catalogue pages, generated in memory from data/ (macros/glue/pages.py).

- on_config: the fiche modèle documents (ODT, DOCX) of each format, those not cached yet
  made in a worker process from now on, while MkDocs reads and renders the pages;
- on_files: one page per practice and per format, out of the nav, and the documents;
- on_nav: the practice pages handed to the worker process that converts their Markdown beside
  MkDocs (macros/glue/prerender.py), each page taking the worker's HTML when MkDocs renders it;
  what the build holds so far kept out of the cycle collector's walks until it ends;
- on_page_read_source: a format page's Markdown, with its documents' real sizes;
- on_env: the documents' bytes, before MkDocs copies the files; the theme's templates
  compiled once, in the content-keyed cache of macros/pages/render.py;
- on_page_markdown: the glossary's abbreviations a page uses, so it shows their expansion
  on hover (not on the glossary itself, which defines them).
"""

from __future__ import annotations

from macros.glue import pages
from macros.glue.context import hook
from macros.pages.render import bytecode_cache

on = hook("catalog_pages")


@on
def on_config(config, ctx):
    pages.start_fiches(ctx, config)
    return config


@on
def on_files(files, config, ctx):
    return pages.add_pages(ctx, files, config)


@on
def on_nav(nav, config, files, ctx):
    pages.start_practices(ctx, files, config)
    ctx.keep_heap()
    return nav


@on
def on_page_read_source(page, config, ctx):
    return pages.format_markdown(ctx, page)


@on
def on_env(env, config, files, ctx):
    pages.collect_fiches(ctx)
    env.bytecode_cache = bytecode_cache()
    return env


@on
def on_page_markdown(markdown, page, config, files, ctx):
    return pages.with_glossary(ctx, markdown, page)
