"""MkDocs hook: what a reader needs around a page's content (macros/glue/reader.py).

- on_config: the repository (``repo_url``) from GitHub Actions' GITHUB_REPOSITORY when REPO_URL
  is not set (macros/pages/edit_links.py); none: no « Proposer une modification » link;
- on_nav: the navigation's pages by URL, to find each page's section;
- on_page_content: an entry page's sitemap date is its entry's ``updated``; each heading's « ¶ » link
  named for screen readers (macros/pages/permalinks.py, a pass of macros/glue/pagework.py);
- on_page_context, on_post_page: where the page is (its section, breadcrumb), its structured
  data, citation and edit links, for the theme (overrides/main.html);
- on_post_build: assets/adresses.json, for the « Page introuvable » page.
"""

from __future__ import annotations

import os

from macros.glue import reader
from macros.glue.context import hook
from macros.pages.edit_links import repository_url

on = hook("reader")


@on
def on_config(config, ctx):
    config.repo_url = repository_url(config.repo_url, os.environ)
    if not config.repo_url:
        config.edit_uri = None  # no repository, no edit address (MkDocs would warn on every page)


@on
def on_nav(nav, config, files, ctx):
    ctx.nav_pages = {page.url: page for page in nav.pages}
    ctx.home = nav.homepage


@on
def on_page_content(html, page, config, files, ctx):
    reader.entry_date(page)
    ctx.pagework.add(page, "permalinks")


@on
def on_page_context(context, page, config, nav, ctx):
    return reader.page_context(ctx, context, page, config)


@on
def on_post_page(output, page, config, ctx):
    reader.page_done(ctx)


@on
def on_post_build(config, ctx):
    reader.write_manifest(ctx, config.site_dir)
