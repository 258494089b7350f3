"""MkDocs hook: French typography (macros/french/typography.py) over everything a page shows.

- on_config: the site's name and description (<title>, <meta name="description">);
- on_nav: the titles of the navigation's sections;
- on_page_content: the page's front-matter title and description; its HTML, its own title
  (navigation, <title>, header, previous and next links) and its table of contents go through
  the typography pass (macros/glue/pagework.py), named after the sanitiser's (hooks/trust.py),
  before the search index reads the page (hooks/search_index.py): asserted by the context;
- on_post_template: the theme's pages that belong to no page (404.html).
"""

from __future__ import annotations

from macros.french import typography
from macros.glue.context import hook

on = hook("typography")


@on
def on_config(config, ctx):
    for key in ("site_name", "site_description"):
        if config.get(key):
            config[key] = typography.text(config[key])


@on
def on_nav(nav, config, files, ctx):
    def walk(items):
        for item in items:
            if item.is_section:
                item.title = typography.text(item.title)
                walk(item.children)

    walk(nav.items)


@on
def on_page_content(html, page, config, files, ctx):
    for key in ("title", "description"):
        if isinstance(page.meta.get(key), str):
            page.meta[key] = typography.text(page.meta[key])
    ctx.pagework.add(page, "typography")  # the HTML, the heading's title and the table of contents


@on
def on_post_template(output_content, template_name, config, ctx):
    return typography.html(output_content) if template_name.endswith(".html") else output_content
