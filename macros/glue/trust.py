"""What readers can rely on, made where MkDocs hands it over (hooks/trust.py).

- what the sanitiser removes from a page is reported by macros/glue/pagework.py, as a warning
  that fails the strict build (the validator refuses such links first: macros/validate/texts.py);
- :func:`inert_titles`: page titles and descriptions (YAML text), which Material writes into
  <head> and the header as they are, made Markup: escaped once;
- :func:`write_redirects`: one page per entry of data/redirects.yaml (macros/pages/redirects.py),
  after checking again that each `to` is a published page (`/`: the home page) and each
  `from` is not (the validator checks it first: macros/validate/cross_addresses.py).
"""

from __future__ import annotations

import html
import os
from pathlib import Path

from markupsafe import Markup, escape
from mkdocs.exceptions import PluginError

from macros.core.errors import DataError, fr
from macros.glue.context import BuildContext
from macros.pages.dates import newest_update
from macros.pages.redirects import page_url, problems, redirect_page

REDIRECTS_FILE = "data/redirects.yaml"


def start(ctx: BuildContext) -> None:
    """The redirects, and the date every page says it was updated: the data's newest (a caller
    that sets SOURCE_DATE_EPOCH keeps MkDocs' own dates)."""
    newest = newest_update(ctx.catalog.data)
    ctx.data_date = newest.isoformat() if newest and "SOURCE_DATE_EPOCH" not in os.environ else None
    ctx.redirects = [dict(r) for r in ctx.catalog.list("redirects")]


def inert_titles(page) -> None:
    for key in ("title", "description"):
        value = page.meta.get(key)
        if isinstance(value, str) and not isinstance(value, Markup):
            page.meta[key] = escape(value)


def page_key(url: str) -> str:
    """A page's URL as Page.url gives it and macros/pages/redirects.py reads it (« » for the home
    page, whose File.url is « ./ »)."""
    return "" if url in ("./", ".") else url


def note_title(ctx: BuildContext, page, site_name: str) -> None:
    ctx.titles[page.url] = html.unescape(str(page.title or site_name))


def write_redirects(ctx: BuildContext, config) -> None:
    if not ctx.redirects:
        return
    pages = {url: ctx.titles[url] for url in ctx.page_urls if url in ctx.titles}
    found = problems(ctx.redirects, pages)
    if found:
        lines = "\n".join(_located(ctx.root, i, field, message) for i, field, message in found)
        raise PluginError("Redirections impossibles :\n" + lines)
    site_dir = Path(config.site_dir)
    favicon = config.theme.get("favicon") or "assets/images/favicon.png"
    for redirect in ctx.redirects:
        target = pages[page_url(redirect["to"])]
        out = site_dir / redirect["from"].strip("/") / "index.html"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(
            redirect_page(redirect, config.site_name, config.site_url or "", target, favicon), encoding="utf-8"
        )


def _located(root: Path, index: int, field: str, message: str) -> str:
    """One FILE:LINE:COL line, as the validator writes them."""
    from macros.load.reader import load_catalogue

    path = ("redirects", index, field)
    try:
        doc = load_catalogue((root / REDIRECTS_FILE).read_bytes(), REDIRECTS_FILE, "redirects")
        line, col = doc.positions.value(path)
    except Exception:  # noqa: BLE001 - a position is a comfort, the message is what matters
        line, col = 1, 1
    return DataError(REDIRECTS_FILE, line, col, f"redirects[{index}].{field}", fr(message)).format()
