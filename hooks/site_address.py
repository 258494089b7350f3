"""MkDocs hook: the site's public address (macros/site_address.py).

- on_config: says, once per build, which address the build used (one INFO line in French);
- on_pre_page: without SITE_URL, mkdocs.yml leaves `site_url` empty and MkDocs writes no
  canonical link, and no page in the sitemap: each page's `abs_url` is then its path from
  the site's root, which the sitemap lists instead (never a development address).
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # hooks are loaded with only their own folder on sys.path
    sys.path.insert(0, str(ROOT))

from macros.model.site_address import describe  # noqa: E402

log = logging.getLogger("mkdocs.hooks.site_address")


def on_config(config):
    log.info(describe(config.site_url))
    return config


def on_pre_page(page, config, files):
    if page.abs_url is None and not config.site_url:
        page.abs_url = "/" + page.url
    return page
