"""What is new: entries of every catalogue by their `updated` date, newest first.

:func:`recent` feeds the « Nouveautés » page (:func:`news_page`) and the Atom
feed (:func:`atom`, written to /feed.xml by hooks/feeds_exports.py). Dates come
from the data only, so two builds of the same data give the same bytes.
The XML is built with :mod:`xml.etree.ElementTree` (escaping done by the library);
every text a feed reader shows goes through the site's French typography
(macros/french/typography.py), as the pages do.
"""

from __future__ import annotations

import heapq
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from itertools import groupby
from operator import itemgetter

from macros.french.typography import text as typographed
from macros.model.catalog import Catalog
from macros.model.kinds import KINDS, entry_name
from macros.model.site_address import public_url
from macros.pages.render import render

FEED_PATH = "feed.xml"
ATOM = "http://www.w3.org/2005/Atom"
FEED_LIMIT = 50  # entries in the feed
PAGE_LIMIT = 30  # entries on the « Nouveautés » page
_READ = {"title", "subtitle", "name", "summary"}  # the elements a feed reader shows (not ids, dates)
_SUMMARY_FIELDS = ("summary", "expansion", "definition", "description", "profession", "quote")


@dataclass(frozen=True)
class Item:
    updated: str  # AAAA-MM-JJ
    catalogue: str
    label: str  # « pratique »
    entry_id: str
    name: str
    doc_uri: str  # "pratiques/x.md", "partenaires.md#x"
    url: str  # site path: "pratiques/x/", "partenaires/#x"
    summary: str


def _plain(text: str, limit: int = 280) -> str:
    """Markdown reduced to one line of plain text, cut at a word."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", str(text))
    text = " ".join(re.sub(r"[*_`#>]", "", text).split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def recent(catalog: Catalog, limit: int | None = None) -> list[Item]:
    """Entries that have a page or an anchor, newest `updated` first (ties: catalogue order, name)."""
    keyed = []
    for rank, k in enumerate(KINDS):
        if not k.page:
            continue
        for e in catalog.list(k.catalogue):
            name = entry_name(k.catalogue, e)
            keyed.append(((-int(str(e["updated"]).replace("-", "")), rank, name.lower(), e["id"]), k, e, name))
    chosen = heapq.nsmallest(limit, keyed, key=itemgetter(0)) if limit else sorted(keyed, key=itemgetter(0))
    return [
        Item(
            str(e["updated"]),
            k.catalogue,
            k.label,
            e["id"],
            name,
            k.doc_uri(e["id"]),
            k.url(e["id"]),
            _plain(next((e[f] for f in _SUMMARY_FIELDS if e.get(f)), "")),
        )  # only for the items kept
        for _, k, e, name in chosen
    ]


def recent_count(catalog: Catalog) -> int:
    """How many entries :func:`recent` orders."""
    return sum(len(catalog.list(k.catalogue)) for k in KINDS if k.page)


def atom(catalog: Catalog, site_url: str, site_name: str, limit: int = FEED_LIMIT) -> bytes:
    """The Atom 1.0 feed of the latest entries (absolute links on *site_url*; paths from the
    site's root in a development build, macros/model/site_address.py)."""
    base = public_url(site_url) or "/"
    items = recent(catalog, limit)
    ET.register_namespace("", ATOM)

    def sub(parent, tag, text=None, **attrs):
        if "label" in attrs:
            attrs["label"] = typographed(attrs["label"])
        el = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
        if text is not None:
            el.text = typographed(text) if tag in _READ else text
        return el

    feed = ET.Element(f"{{{ATOM}}}feed", {"xml:lang": "fr"})
    sub(feed, "title", f"{site_name} : nouveautés")
    sub(feed, "subtitle", "Les entrées ajoutées ou mises à jour : formats, pratiques, témoignages, textes…")
    sub(feed, "id", base + FEED_PATH)
    sub(feed, "link", href=base + FEED_PATH, rel="self", type="application/atom+xml")
    sub(feed, "link", href=base + "nouveautes/", rel="alternate", type="text/html")
    sub(feed, "updated", f"{items[0].updated if items else '1970-01-01'}T00:00:00Z")
    author = sub(feed, "author")
    sub(author, "name", site_name)
    for item in items:
        entry = sub(feed, "entry")
        sub(entry, "title", item.name)
        sub(entry, "id", base + item.url)
        sub(entry, "link", href=base + item.url, rel="alternate", type="text/html")
        sub(entry, "updated", f"{item.updated}T00:00:00Z")
        sub(entry, "category", term=item.catalogue, label=item.label)
        if item.summary:
            sub(entry, "summary", item.summary, type="text")
    ET.indent(feed)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"


def news_page(catalog: Catalog, page_uri: str, limit: int = PAGE_LIMIT) -> str:
    """The « Nouveautés » list (docs/nouveautes.md), grouped by date."""
    items = recent(catalog, limit)
    days = [(day, list(group)) for day, group in groupby(items, key=lambda i: i.updated)]
    return render(
        "indexes/news.md.j2", page_uri, days=days, total=recent_count(catalog), shown=len(items), feed=FEED_PATH
    )
