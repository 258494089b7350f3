"""MkDocs hook: the site search, a Pagefind index written into the built site.

Events handled:
- on_page_content: what the index knows beyond the visible text (macros/search.py):
  the page's facets (Pagefind filters) and its hidden search words (the entries'
  `keywords` and the glossary's missing sigles or expansions), kept in
  `page.meta["pagefind"]` for overrides/main.html to write as data-pagefind-* marks
  (and, for the pages of NOT_INDEXED, no data-pagefind-body: they stay out of the index);
- on_post_build: run Pagefind's bundled binary over the site directory (the
  scratch directory of `make build`, the temporary one of `mkdocs serve`), last,
  so every page is in place; it writes <site>/pagefind/. A failure fails the build.

Only what overrides/main.html wraps in `data-pagefind-body` is indexed: the
page content, never the header, navigation, table of contents or footer.
"""

from __future__ import annotations

import html as htmllib
import logging
import re
import subprocess
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # hooks are loaded with only their own folder on sys.path
    sys.path.insert(0, str(ROOT))

from macros.catalog import load_catalog  # noqa: E402
from macros.search import fold, glossary_terms, index_exclusions, listed_catalogue, page_filters, page_keywords  # noqa: E402

log = logging.getLogger("mkdocs.hooks.search_index")

_TAGS = re.compile(r"<[^>]+>")
_H1 = re.compile(r"<h1[^>]*>(.*?)</h1>", re.S)
# Pages kept out of the visitors' search (source paths, prefixes): the editors'
# documentation, whose titles (« Témoignages : les champs ») would come before the
# pages visitors look for, and the news feed, which repeats other pages' summaries.
# A page can also say it in its front matter, as Material documents:
# `search: {exclude: true}`, or weigh its words less: `search: {boost: 0.5}`.
NOT_INDEXED = ("contribuer/", "nouveautes.md")


def on_page_content(html, page, config, files):
    catalog = load_catalog(ROOT)  # cached: validated once per build by hooks/catalog_pages.py
    meta = page.meta or {}
    listed = listed_catalogue(page.file.content_string) if not page.file.generated_by else None
    keywords = page_keywords(catalog, meta, listed)
    text = htmllib.unescape(_TAGS.sub(" ", html))
    text += " " + " ".join(keywords)
    h1 = _H1.search(html)
    named = page.title and h1 and fold(page.title).strip() in fold(htmllib.unescape(_TAGS.sub(" ", h1.group(1))))
    page.meta["pagefind"] = {
        # A page whose heading does not say its name in the navigation (« Qu'en disent les
        # acteurs ? » for « Témoignages ») is found and shown under that name.
        "title": None if named or not h1 else page.title,
        "exclude": page.file.src_uri.startswith(NOT_INDEXED),
        "filters": page_filters(catalog, meta, listed),
        "keywords": ", ".join(dict.fromkeys(keywords)),
        "glossary": ", ".join(glossary_terms(catalog, text)),
    }
    return html


def on_post_build(config):
    site = Path(config.site_dir)
    excluded = index_exclusions(load_catalog(ROOT))
    cmd = [sys.executable, "-m", "pagefind", "--site", str(site), "--exclude-selectors", excluded, "--quiet"]
    done = subprocess.run(cmd, capture_output=True, text=True)
    if done.returncode != 0 or not (site / "pagefind" / "pagefind.js").exists():
        raise PluginError(f"L'index de recherche (Pagefind) n'a pas pu être construit :\n{done.stdout}{done.stderr}")
    if done.stdout.strip() or done.stderr.strip():  # warnings (e.g. a malformed data-pagefind-* mark)
        log.warning("Pagefind : %s", (done.stdout + done.stderr).strip())
