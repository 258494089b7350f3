"""MkDocs hook: the site search, a Pagefind index written into the built site (macros/glue/search.py).

- on_files: assets/search-vocabulary.json, the words the search box corrects a query by;
- on_pre_build: Pagefind's binary started as a service, before the pages are rendered;
- on_page_content: the page sent to its passes (macros/glue/pagework.py), last of the hooks that
  name one (asserted); every page whose passes are done gets its facets and hidden search words
  (page.meta["pagefind"], written by overrides/main.html) and is encoded for Pagefind, which
  gets the pages once they are all read (the second core has the passes and the practice
  pages' Markdown to do until then);
- on_env: the pages so far released to Pagefind, which indexes them on another core; every
  page's passes waited for (the build doing the last batches) and the rest indexed, the pages'
  worker ended; then Pagefind writes the index while the theme renders the pages;
- on_post_build: the index waited for and checked; a failure fails the build.
"""

from __future__ import annotations

from macros.glue import search
from macros.glue.context import hook

on = hook("search_index")


@on
def on_files(files, config, ctx):
    files.append(search.vocabulary_file(ctx, config))
    return files


@on
def on_pre_build(config, ctx):
    search.start(ctx, config)


@on
def on_page_content(html, page, config, files, ctx):
    for done, found in ctx.pagework.finished(wait=False):  # pages sent before: MkDocs sets this one's content on return
        search.index_page(ctx, done, found.glossary, config)
    ctx.pagework.submit(page, html, search.prepare(ctx, page))


@on
def on_env(env, config, files, ctx):
    search.release(ctx)  # Pagefind indexes the pages back so far while the last ones are finished
    for done, found in ctx.pagework.finished(wait=True):
        search.index_page(ctx, done, found.glossary, config)
    ctx.pagework.close()  # every page is back: the worker ends before the theme renders them
    search.write_soon(ctx, config.site_dir)


@on
def on_post_build(config, ctx):
    search.finish(ctx, config.site_dir)
