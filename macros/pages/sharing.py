"""What a page says about itself to other sites: schema.org JSON-LD and the citation.

Pure functions of the catalogue and of plain values (no MkDocs import): hooks/reader.py
calls them for each page and hands the results to the theme (overrides/partials/
share-meta.html, page-tools.html), which puts them in the page. The JSON-LD is made
by :func:`json_ld` with json.dumps, then made inert for a <script> element: editor
text can never close the script (« </script> ») or open a comment.

Kinds of page and their types:
- a practice or a format page: ``Article`` with ``dateModified`` (the entry's
  ``updated``) and the publisher from configuration (omitted when not declared);
- the reference texts page: one ``Legislation`` per law, decree, order, circular,
  instruction or code (``legislationIdentifier``: its NOR, or its ELI address),
  ``Report`` for reports and studies, ``CreativeWork`` for the rest;
- the partners page: one ``Organization`` per partner;
- the home page: ``WebSite``; every other page: ``WebPage``;
and on every page with a breadcrumb, its ``BreadcrumbList``.
"""

from __future__ import annotations

import json
import re
from datetime import date

from markupsafe import Markup

from macros.french.dates import MONTHS

LEGISLATION = {"loi", "decret", "arrete", "circulaire", "instruction", "code"}
REPORTS = {"rapport", "etude"}
_ELI = re.compile(r"^https?://[^/]+/eli/", re.I)
_INERT = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def json_ld(data: dict) -> Markup:
    """*data* as JSON safe inside <script type="application/ld+json">: no « < », « > » or « & »
    left as such (escaped as JSON \\u escapes, which parse back to the same text)."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    inert = re.sub("[<>&\u2028\u2029]", lambda m: _INERT[m.group()], text)
    return Markup(inert)  # noqa: S704 (JSON whose < > & are escaped: inert inside a script element)


def publisher(name: str | None) -> dict | None:
    return {"@type": "Organization", "name": name} if name and str(name).strip() else None


def _plain(text: str | None) -> str:
    """Editor Markdown as plain text for a description: links' labels kept, marks dropped."""
    if not text:
        return ""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", str(text))
    return " ".join(re.sub(r"[*_`]", "", text).split())


def _website(site_name: str, site_url: str) -> dict:
    return {"@type": "WebSite", "name": site_name, "url": site_url}


def _without_empty(data: dict) -> dict:
    return {k: v for k, v in data.items() if v not in (None, "", [], {})}


def entry_article(entry: dict, url: str, site_name: str, site_url: str, publisher_name: str | None, about: str) -> dict:
    """A practice's or a format's page."""
    return _without_empty(
        {
            "@type": "Article",
            "@id": url,
            "url": url,
            "headline": _plain(entry.get("title")),
            "name": _plain(entry.get("title")),
            "description": _plain(entry.get("summary")),
            "about": about,
            "inLanguage": "fr",
            "dateModified": entry.get("updated"),
            "keywords": ", ".join(entry.get("keywords") or []),
            "publisher": publisher(publisher_name),
            "isPartOf": _website(site_name, site_url),
        }
    )


def reference_item(entry: dict, page_url: str, kinds: dict[str, str]) -> dict:
    """One reference text, with its NOR or ELI as identifier when it has one."""
    kind = entry.get("kind")
    item = {
        "@type": "Legislation" if kind in LEGISLATION else "Report" if kind in REPORTS else "CreativeWork",
        "@id": f"{page_url}#{entry['id']}",
        "name": _plain(entry.get("title")),
        "description": _plain(entry.get("summary")),
        "inLanguage": "fr",
        "sameAs": entry.get("url"),
        "dateModified": entry.get("updated"),
    }
    when = str(entry["date"]) if entry.get("date") else None
    if kind in LEGISLATION:
        url = entry.get("url") or ""
        item.update(
            {
                "legislationType": kinds.get(kind, kind),
                "legislationIdentifier": entry.get("nor") or (url if _ELI.match(url) else None),
                "legislationDate": when,
                "datePublished": when,
                "legislationPassedBy": publisher(entry.get("issuer")),
            }
        )
    else:
        item.update({"datePublished": when, "author": publisher(entry.get("issuer"))})
    return _without_empty(item)


def partner_item(entry: dict, page_url: str) -> dict:
    missions = "; ".join(_plain(m) for m in entry.get("missions") or [])
    return _without_empty(
        {
            "@type": "Organization",
            "@id": f"{page_url}#{entry['id']}",
            "name": _plain(entry.get("title")),
            "description": missions,
        }
    )


def web_page(title: str, url: str, site_name: str, site_url: str, modified: str | None, home: bool) -> dict:
    if home:
        return _without_empty(
            {"@type": "WebSite", "@id": site_url, "name": site_name, "url": site_url, "inLanguage": "fr"}
        )
    return _without_empty(
        {
            "@type": "WebPage",
            "@id": url,
            "url": url,
            "name": title,
            "inLanguage": "fr",
            "dateModified": modified,
            "isPartOf": _website(site_name, site_url),
        }
    )


def breadcrumb(trail: list[tuple[str, str]], title: str, url: str) -> dict | None:
    """*trail*: (title, absolute URL) from the home page down to the page's section."""
    if not trail:
        return None
    items = [*trail, (title, url)]
    return {
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": i, "name": name, "item": link} for i, (name, link) in enumerate(items, 1)
        ],
    }


def graph(*nodes: dict | None, items: list[dict] | None = None) -> dict:
    """One JSON-LD document: the page's nodes, then the items it lists."""
    found = [n for n in nodes if n] + list(items or [])
    return {"@context": "https://schema.org", "@graph": found}


# --- Citation -----------------------------------------------------------------


def date_long(value: str | date | None) -> str:
    """'2026-11-23' -> '23 novembre 2026' (1er for the first day)."""
    if not value:
        return ""
    d = value if isinstance(value, date) else date.fromisoformat(str(value)[:10])
    return f"{'1er' if d.day == 1 else d.day}\u00a0{MONTHS[d.month - 1]} {d.year}"


def citation(title: str, site_name: str, url: str, version: str | date | None, publisher_name: str | None) -> dict:
    """The « Citer cette page » block's parts and its one-line text (ISO 690 style, in French)."""
    version_fr = date_long(version)
    parts = [f"«\u00a0{title}\u00a0»", f"{site_name} [en ligne]"]
    if publisher_name and publisher_name.strip():
        parts.append(publisher_name.strip())
    if version_fr:
        parts.append(f"Version du {version_fr}")
    text = ". ".join(parts) + f". Disponible à l'adresse\u00a0: {url}"
    return {
        "title": title,
        "site": site_name,
        "publisher": (publisher_name or "").strip(),
        "version": version_fr,
        "version_iso": str(version)[:10] if version else "",
        "url": url,
        "text": text,
    }
