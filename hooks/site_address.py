"""MkDocs hook: the site's public address (macros/model/site_address.py).

- on_config: says, once per build, which address the build used (one INFO line in French).
  `mkdocs serve` sets `site_url` to its own loopback address, which is no public address: it
  is cleared, so that `make serve` serves the very pages of `make build` (the development build);
- on_pre_page: without SITE_URL, mkdocs.yml leaves `site_url` empty and MkDocs writes no
  canonical link, and no page in the sitemap: each page's `abs_url` is then its path from
  the site's root, which the sitemap lists instead (never a development address).
"""

from __future__ import annotations

import logging

from macros.glue.context import hook
from macros.model.site_address import describe, public_url

log = logging.getLogger("mkdocs.hooks.site_address")
on = hook("site_address")


@on
def on_config(config, ctx):
    log.info(describe(config.site_url))
    if config.site_url and not public_url(config.site_url):
        config.site_url = ""


@on
def on_pre_page(page, config, files, ctx):
    if page.abs_url is None and not config.site_url:
        page.abs_url = "/" + page.url
