"""MkDocs hook: the Atom feed and the open-data exports, generated in memory from data/.

Events handled:
- on_files: add /feed.xml (macros.exports.feed) and /donnees/*.json, *.csv and
  /donnees/schemas/*.json (macros.exports.open_data) as generated files, so links to
  them are checked under --strict and `mkdocs serve` serves them;
- on_post_page: announce the feed in every page's <head>
  (<link rel="alternate" type="application/atom+xml">), for feed readers.
"""

from __future__ import annotations

import sys
from html import escape
from pathlib import Path

from mkdocs.structure.files import File, InclusionLevel
from mkdocs.utils import get_relative_url

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # hooks are loaded with only their own folder on sys.path
    sys.path.insert(0, str(ROOT))

from macros.model.catalog import load_catalog  # noqa: E402
from macros.exports.open_data import exports  # noqa: E402
from macros.exports.feed import FEED_PATH, atom  # noqa: E402
from macros.french.typography import text  # noqa: E402


def on_files(files, config):
    catalog = load_catalog(ROOT)
    generated = [(FEED_PATH, atom(catalog, config["site_url"] or "", config["site_name"]))]
    generated += [(e.path, e.content) for e in exports(ROOT, catalog)]
    for src_uri, content in generated:
        files.append(File.generated(config, src_uri, content=content, inclusion=InclusionLevel.NOT_IN_NAV))
    return files


def on_post_page(output, page, config):
    href = get_relative_url(FEED_PATH, page.url or ".")
    title = escape(text(f"{config['site_name']} : nouveautés"))
    link = f'<link rel="alternate" type="application/atom+xml" title="{title}" href="{escape(href)}">'
    return output.replace("</head>", f"  {link}\n  </head>", 1)
