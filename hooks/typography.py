"""MkDocs hook: French typography (macros/typography.py) over everything a page shows.

Events handled:
- on_config: the site's name and description (<title>, <meta name="description">);
- on_nav: the titles of the navigation's sections;
- on_page_content: the page's HTML, its title (navigation, <title>, header, previous
  and next links), its table of contents and its description. It runs after the
  sanitiser (hooks/trust.py) and before the search index is sent the page
  (hooks/search_index.py), so search excerpts are typographed too;
- on_post_template: the theme's pages that belong to no page (404.html).

The rules and what they never touch are in macros/typography.py.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # hooks are loaded with only their own folder on sys.path
    sys.path.insert(0, str(ROOT))

from macros.french import typography  # noqa: E402


def on_config(config):
    for key in ("site_name", "site_description"):
        if config.get(key):
            config[key] = typography.text(config[key])
    return config


def on_nav(nav, config, files):
    def walk(items):
        for item in items:
            if item.is_section:
                item.title = typography.text(item.title)
                walk(item.children)

    walk(nav.items)
    return nav


def on_page_content(html, page, config, files):
    meta = page.meta
    for key in ("title", "description"):
        if isinstance(meta.get(key), str):
            meta[key] = typography.text(meta[key])
    if "title" not in meta and page.title:
        title = typography.html(page.title)  # a heading's text, as HTML (entities kept)
        if title != page.title:
            page.title = title
    _toc(page.toc)
    return typography.html(html)


def _toc(items) -> None:
    for item in items:
        item.title = typography.html(item.title)
        _toc(item.children)


def on_post_template(output_content, template_name, config):
    return typography.html(output_content) if template_name.endswith(".html") else output_content
