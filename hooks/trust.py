"""MkDocs hook: what readers and schools can rely on over the years (macros/glue/trust.py).

- on_config, on_pre_page: pages dated by data/'s newest `updated` (macros/pages/dates.py);
- on_files: the pages' addresses, where a redirect may point;
- on_page_content: the nh3 pass over every page's HTML named first of its passes, which run in
  a worker (macros/glue/pagework.py); what it removes fails the strict build;
- on_page_context: the content checked to be its passes' result, never raw HTML; inert titles;
- on_post_page, on_post_template: Material's markup fixed (macros/glue/theme.py);
- on_post_build: one redirect page per entry of data/redirects.yaml.
"""

from __future__ import annotations

from macros.glue import theme, trust
from macros.glue.context import hook

on = hook("trust")


@on
def on_config(config, ctx):
    trust.start(ctx)


@on
def on_files(files, config, ctx):
    ctx.page_urls = [trust.page_key(file.url) for file in files.documentation_pages()]


@on
def on_pre_page(page, config, files, ctx):
    if ctx.data_date:
        page.update_date = ctx.data_date


@on
def on_page_content(html, page, config, files, ctx):
    ctx.pagework.add(page, "sanitize")


@on
def on_page_context(context, page, config, nav, ctx):
    ctx.pagework.check(page)
    trust.inert_titles(page)


@on
def on_post_page(output, page, config, ctx):
    trust.note_title(ctx, page, config.site_name)
    return theme.fixed(output)


@on
def on_post_template(output_content, template_name, config, ctx):
    return theme.fixed(output_content)  # 404.html and the other theme templates


@on
def on_post_build(config, ctx):
    trust.write_redirects(ctx, config)
