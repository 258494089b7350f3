"""The one Jinja environment over templates/, and the filters that keep editor text inert.

Editor text from YAML is Markdown, but never HTML and never template code:
:func:`md` escapes HTML-significant characters and braces before the text is
placed into generated Markdown, so `<script>`, `{: onclick=… }` or `{{ … }}`
typed in a YAML file are shown as text. Templates are compiled once per process.
"""

from __future__ import annotations

import hashlib
import os
import posixpath
import re
from datetime import date
from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined, pass_context, select_autoescape
from markdown import Markdown
from markdown.extensions.abbr import AbbrExtension

from macros.core import clock
from macros.model.catalog import FORMAT_DIR, PRACTICE_DIR
from macros.french.typography import number_fr  # integer quantities: {{ n | number_fr }} -> « 1 164 »

from macros.core.paths import CACHE, TEMPLATES
BYTECODE = CACHE / "jinja"

MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
          "septembre", "octobre", "novembre", "décembre"]

_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "{": "&#123;", "}": "&#125;"}
_ESCAPE_RE = re.compile("[&<>{}]")


# --- Filters -----------------------------------------------------------------


def md(text: str | None) -> str:
    """Editor Markdown made inert: no raw HTML, no attribute lists, no template code."""
    if not text:
        return ""
    return _ESCAPE_RE.sub(lambda m: _ESCAPES[m.group()], str(text).strip())


def inline(text: str | None) -> str:
    """As :func:`md`, on one line (list items, table cells)."""
    return " ".join(md(text).split()).replace("|", "\\|")


# Long listings (every practice in a table, every testimonial) are written as HTML, not
# Markdown: Python-Markdown's inline pass over thousands of table cells and list items
# made each listing page cost up to half a second at 1,000 practices, on every
# `make serve` rebuild. Each editor text is converted once (memoised) by a bare
# converter with the glossary's hover titles, like the rest of the page.
_BLOCK_START = re.compile(r"^(?:[#>]|[-+*](?=\s)|\d+(?=\.\s))")


@lru_cache(maxsize=8)
def _inline_converter(glossary: tuple[tuple[str, str], ...]) -> Markdown:
    return Markdown(extensions=[AbbrExtension(glossary=dict(glossary))])


@lru_cache(maxsize=1 << 16)
def _inline_html(text: str, glossary: tuple[tuple[str, str], ...]) -> str:
    # One line of text, never a block: a leading « # », « > », « - » or « 1. » is escaped.
    start = _BLOCK_START.match(text)
    if start:  # « \# », « \- », « 1\. »: Markdown's escapes
        at = start.end() if start.group()[0].isdigit() else 0
        text = text[:at] + "\\" + text[at:]
    html = _inline_converter(glossary).reset().convert(text)
    return html[3:-4] if html.startswith("<p>") and html.endswith("</p>") else html


@pass_context
def html_inline(context, text: str | None) -> str:
    """Editor inline Markdown as HTML (inert as :func:`md`), for listings written in HTML."""
    if not text:
        return ""
    return _inline_html(" ".join(md(text).split()), context.get("glossary") or ())


# Listing HTML skips Markdown altogether: a template puts it aside ({% filter stash %}),
# Markdown sees a one-line placeholder, and the build hook puts the HTML back into the
# page's HTML (hooks/catalog_pages.py, on_page_content), before the sanitiser (hooks/trust.py)
# and the search hook read it. Python-Markdown parses raw HTML blocks with html.parser:
# 0.5 µs a byte, 0.3 s for the table of 1,000 practices. Entries are keyed by content and
# kept for the process: `make serve` reuses the memoised practice pages' placeholders.
_stashed: dict[str, tuple[str, frozenset[str]]] = {}  # key -> (HTML, its id attributes)
_PLACEHOLDER = re.compile(r'<div data-stash="([0-9a-f]{20})"></div>')
_ID = re.compile(r'<[a-zA-Z][^>]*?\sid="([^"]+)"')


def stash(html: str) -> str:
    key = hashlib.sha1(html.encode("utf-8")).hexdigest()[:20]
    if key not in _stashed:
        _stashed[key] = (html, frozenset(_ID.findall(html)))
    return f'\n\n<div data-stash="{key}"></div>\n\n'


def unstash(text: str, anchors: set[str] | None = None) -> str:
    """*text* with the stashed HTML back in place of its placeholders.

    The ids of the HTML put back are added to *anchors* (the page's
    ``present_anchor_ids``): MkDocs collected them from Markdown, which never
    saw the stashed HTML, and links to them (« temoignages.md#… ») are checked.
    """
    if "data-stash" not in text:
        return text

    def put_back(m: re.Match) -> str:
        stashed = _stashed.get(m.group(1))
        if stashed is None:
            return m.group(0)
        if anchors is not None:
            anchors.update(stashed[1])
        return stashed[0]

    return _PLACEHOLDER.sub(put_back, text)


def glossary_of(catalog) -> tuple[tuple[str, str], ...]:
    """The glossary's sigles, as the listings' converter takes them."""
    return tuple(sorted((term, " ".join(expansion.split())) for term, expansion in catalog.abbreviations().items()))


def page_url(uri: str) -> str:
    """The URL path MkDocs gives the page *uri* (« pratiques/x.md » -> « pratiques/x/ »)."""
    path = uri[:-3] if uri.endswith(".md") else uri
    if path == "index":
        return ""
    if path.endswith("/index"):
        return path[:-5]
    return path + "/"


def date_fr(value: str | None) -> str:
    """'2017-05-04' -> '4 mai 2017'; '2014-12' -> 'décembre 2014'; '2014' -> '2014'."""
    if not value:
        return ""
    parts = [int(p) for p in str(value).split("-")]
    if len(parts) == 3:
        d = date(*parts)
        day = "1er" if d.day == 1 else str(d.day)
        return f"{day} {MONTHS[d.month - 1]} {d.year}"
    if len(parts) == 2:
        return f"{MONTHS[parts[1] - 1]} {parts[0]}"
    return str(parts[0])


def format_uri(entry_id: str) -> str:
    return f"{FORMAT_DIR}/{entry_id}.md"


def practice_uri(entry_id: str) -> str:
    return f"{PRACTICE_DIR}/{entry_id}.md"


# --- Environment -------------------------------------------------------------


@lru_cache(maxsize=1)
def bytecode_cache() -> FileSystemBytecodeCache | None:
    """Compiled templates kept between builds (ours and the theme's: hooks/catalog_pages.py).

    Compiling Material's templates and ours costs about 0.5 s a build, and `make serve`
    makes a new theme environment at each rebuild. Jinja keys each entry by the template's
    source checksum, so an edited template is compiled again. None if .cache/ is not writable.
    """
    try:
        BYTECODE.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return FileSystemBytecodeCache(str(BYTECODE)) if os.access(BYTECODE, os.W_OK) else None


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        bytecode_cache=bytecode_cache(),
        autoescape=select_autoescape(enabled_extensions=("html.j2",), default_for_string=False),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    from macros.model.status import agreement, from_fr, since_fr, status_of  # status imports date_fr from here

    env.filters.update(md=md, inline=inline, date_fr=date_fr, html_inline=html_inline, stash=stash,
                       number_fr=number_fr, thousands=number_fr)
    env.globals.update(
        status_of=status_of,
        agreement=agreement,
        since_fr=since_fr,
        from_fr=from_fr,
        format_uri=format_uri,
        practice_uri=practice_uri,
    )
    return env


@lru_cache(maxsize=1 << 16)
def relative(path: str, base: str) -> str:
    """*path* seen from the folder *base*, both relative to docs/ and normalised
    (« pratiques/x.md » from « formats » is « ../pratiques/x.md »). The result of
    posixpath.relpath, without its two abspath calls: index pages make thousands."""
    parts, folder = path.split("/"), base.split("/") if base else []
    common = 0
    while common < min(len(parts), len(folder)) and parts[common] == folder[common]:
        common += 1
    return "/".join([".."] * (len(folder) - common) + parts[common:]) or "."


def url_relative(url: str, base_url: str) -> str:
    """The page URL *url* (« pratiques/x/ », « » for the home page) seen from the page
    whose URL is *base_url* + « / »."""
    target = url.rstrip("/")
    if not target:
        return "../" * len(base_url.split("/")) if base_url else "./"
    return relative(target, base_url) + "/"


def render(template: str, page_uri: str, **context) -> str:
    """Render *template* for the page at *page_uri* (e.g. 'formats/x.md').

    `rel(target_uri)` in templates gives the relative link MkDocs checks under --strict
    (in Markdown); `href(target_uri)`, the relative URL of the built page (in HTML,
    which MkDocs leaves alone: tests/test_links.py checks those).
    """
    base = posixpath.dirname(page_uri)
    base_url = page_url(page_uri).rstrip("/")

    def rel(target: str) -> str:
        path, _, anchor = target.partition("#")
        link = relative(path, base) if path else ""
        return f"{link}#{anchor}" if anchor else link

    def href(target: str) -> str:
        path, _, anchor = target.partition("#")
        link = url_relative(page_url(path), base_url) if path else ""
        return f"{link}#{anchor}" if anchor else link

    context.setdefault("today", clock.today())  # statuses are computed at the build date (macros/status.py)
    if "catalog" in context and "glossary" not in context:
        context["glossary"] = glossary_of(context["catalog"])
    return environment().get_template(template).render(rel=rel, href=href, page_uri=page_uri, **context)
