"""MkDocs hook: what readers and schools can rely on over the years.

Events handled:
- on_config: reproducible builds — SOURCE_DATE_EPOCH is set from the newest
  `updated` date of data/ (sitemap dates and the gzip header come from the data,
  never from the clock), unless the caller set it;
- on_page_context: inert titles — page titles and descriptions (YAML text) escaped
  for the theme, which writes them into <head> and the header as they are;
- on_page_content: inert content — an nh3 pass (macros/sanitize.py) over every
  page's HTML; whatever it removes is reported as a warning naming the page, so
  a strict build fails instead of silently dropping an editor's link (the
  validator refuses such links first: macros/textcheck.py). Links to a page
  written from the site's root (« /reforme.md ») in the listings' HTML, which
  MkDocs does not see, are made relative to the page as MkDocs does in Markdown;
- on_post_page, on_post_template: valid HTML — Material's stock markup fixed where
  the W3C checker objects (RGAA 8.2), see :func:`_valid_markup`;
- on_post_build: permanent URLs — one redirect page per entry of
  data/redirects.yaml (macros/redirects.py), after checking again that each `to`
  is a published page (`/`: the home page) and each `from` is not (the validator
  checks it first, against everything the build writes: macros/crossaddresses.py).
"""

from __future__ import annotations

import html
import logging
import os
import re
import sys
from datetime import date, datetime, timezone
from pathlib import Path

from markupsafe import Markup, escape
from mkdocs.exceptions import PluginError
from mkdocs.utils import get_relative_url

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # hooks are loaded with only their own folder on sys.path
    sys.path.insert(0, str(ROOT))

from macros.glue import incremental  # noqa: E402
from macros.model.catalog import load_catalog  # noqa: E402
from macros.core.errors import DataError, fr  # noqa: E402
from macros.pages.redirects import page_url, problems, redirect_page  # noqa: E402
from macros.pages.sanitize import clean, removed  # noqa: E402

log = logging.getLogger("mkdocs.hooks.trust")
REDIRECTS_FILE = "data/redirects.yaml"
_build: dict = {"epoch_is_ours": False}


def newest_update(data: dict) -> date | None:
    """The newest `updated` date of any entry of any catalogue."""
    dates = [
        entry["updated"]
        for entries in data.values()
        for entry in entries
        if isinstance(entry, dict) and isinstance(entry.get("updated"), str)
    ]
    return date.fromisoformat(max(dates)) if dates else None


def on_config(config):
    catalog = load_catalog(ROOT)  # cached: hooks/catalog_pages.py validated it already
    newest = newest_update(catalog.data)
    if newest and (_build["epoch_is_ours"] or "SOURCE_DATE_EPOCH" not in os.environ):
        epoch = int(datetime(newest.year, newest.month, newest.day, tzinfo=timezone.utc).timestamp())
        os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
        _build["epoch_is_ours"] = True
    _build["redirects"] = [dict(r) for r in catalog.list("redirects")]
    return config


def _key(url: str) -> str:
    """A page's URL as Page.url gives it and macros/redirects.py reads it (« » for the home page, whose
    File.url is « ./ »)."""
    return "" if url in ("./", ".") else url


def on_files(files, config):
    _build["urls"] = [_key(file.url) for file in files.documentation_pages()]
    return files


_ROOT_LINK = re.compile(r'(\s(?:href|src)=")/([^"#?]+)([^"]*)"')


def _root_links(text: str, page, files) -> str:
    """« /reforme.md », « /assets/x.png » in HTML that MkDocs did not see, made relative to *page*."""
    if '="/' not in text:
        return text

    def relative(m: re.Match) -> str:
        target = files.get_file_from_path(html.unescape(m.group(2)))
        if target is None:
            return m.group(0)
        return f'{m.group(1)}{escape(get_relative_url(target.url, page.url))}{m.group(3)}"'

    return _ROOT_LINK.sub(relative, text)


def on_page_content(html, page, config, files):
    html = _root_links(html, page, files)
    safe = clean(html)
    lost = removed(html, safe)
    if lost:
        log.warning(
            "Page %s : contenu retiré car non autorisé (seuls les liens http(s), mailto et vers les pages du "
            "site sont permis, jamais de script) : %s", page.file.src_uri, ", ".join(lost))
    return safe


def on_page_context(context, page, config, nav):
    # Material writes page.meta.title and .description into <title>, the header and
    # <meta content="…"> without escaping them; they come from YAML titles and summaries.
    # As Markup, they are escaped once, and templates that escape (`| e`) leave them so.
    for key in ("title", "description"):
        value = page.meta.get(key)
        if isinstance(value, str) and not isinstance(value, Markup):
            page.meta[key] = escape(value)
    return context


# Material's base.html puts autocomplete="off" on its hidden checkbox toggles, an
# attribute HTML allows only on text-like inputs.
_TOGGLE_AUTOCOMPLETE = re.compile(r'(<input class="md-toggle"[^>]*type="checkbox"[^>]*?) autocomplete="off"')


def _valid_markup(output: str) -> str:
    return _TOGGLE_AUTOCOMPLETE.sub(r"\1", output)


def on_post_page(output, page, config):
    # Kept across the rebuilds of `make serve`, which only rebuild what an edit changed.
    incremental.titles[page.url] = html.unescape(str(page.title or config.site_name))
    return _valid_markup(output)


def on_post_template(output_content, template_name, config):
    return _valid_markup(output_content)  # 404.html and the other theme templates


def on_post_build(config):
    redirects = _build.get("redirects") or []
    if not redirects:
        return
    pages = {url: incremental.titles[url] for url in _build["urls"] if url in incremental.titles}
    found = problems(redirects, pages)
    if found:
        raise PluginError("Redirections impossibles :\n" + "\n".join(_located(i, field, message) for i, field, message in found))
    site_dir = Path(config.site_dir)
    for redirect in redirects:
        target = pages[page_url(redirect["to"])]
        out = site_dir / redirect["from"].strip("/") / "index.html"
        out.parent.mkdir(parents=True, exist_ok=True)
        favicon = config.theme.get("favicon") or "assets/images/favicon.png"
        out.write_text(redirect_page(redirect, config.site_name, config.site_url or "", target, favicon), encoding="utf-8")


def _located(index: int, field: str, message: str) -> str:
    """One FILE:LINE:COL line, as the validator writes them."""
    from macros.load.reader import load_catalogue

    path = ("redirects", index, field)
    try:
        doc = load_catalogue((ROOT / REDIRECTS_FILE).read_bytes(), REDIRECTS_FILE, "redirects")
        line, col = doc.positions.value(path)
    except Exception:  # noqa: BLE001 - a position is a comfort, the message is what matters
        line, col = 1, 1
    return DataError(REDIRECTS_FILE, line, col, f"redirects[{index}].{field}", fr(message)).format()
