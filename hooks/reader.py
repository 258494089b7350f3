"""MkDocs hook: what a reader needs around a page's content (macros/glue/reader.py).

- on_config: ``repo_url`` from GitHub Actions' GITHUB_REPOSITORY when REPO_URL is not set
  (macros/pages/edit_links.py); none: no « Proposer une modification » link;
- on_nav, on_env: the navigation's pages by URL (each page's section); ``nav_once``, the sidebar
  and tabs of the pages outside the navigation rendered once (macros/glue/navcache.py);
- on_page_content: an entry page's sitemap date is its entry's ``updated``; each « ¶ » link named
  for screen readers (macros/pages/permalinks.py, a pass of macros/glue/pagework.py);
- on_page_context, on_post_page: the page's section, breadcrumb, structured data, citation and
  edit links, for the theme (overrides/main.html); on_post_build: assets/adresses.json (404).
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
    reader.navigation(ctx, nav)


@on
def on_env(env, config, files, ctx):
    env.globals["nav_once"] = ctx.nav_once  # overrides/partials/nav.html, tabs.html
    return env


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
