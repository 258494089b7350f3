"""The one Jinja environment over templates/, and the filters that keep editor text inert.

Editor text from YAML is Markdown, but never HTML and never template code:
:func:`md` escapes HTML-significant characters and braces before the text is
placed into generated Markdown, so `<script>`, `{: onclick=… }` or `{{ … }}`
typed in a YAML file are shown as text. Templates are compiled once per process.
"""

from __future__ import annotations

import posixpath
import re
from datetime import date
from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from .catalog import ACTORS, FORMAT_DIR, PRACTICE_DIR, PRACTICE_KINDS, REFERENCE_KINDS, STATUSES

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"

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
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=select_autoescape(enabled_extensions=("html.j2",), default_for_string=False),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(md=md, inline=inline, date_fr=date_fr)
    env.globals.update(
        format_uri=format_uri,
        practice_uri=practice_uri,
        ACTORS=ACTORS,
        STATUSES=STATUSES,
        PRACTICE_KINDS=PRACTICE_KINDS,
        REFERENCE_KINDS=REFERENCE_KINDS,
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


def render(template: str, page_uri: str, **context) -> str:
    """Render *template* for the page at *page_uri* (e.g. 'formats/x.md').

    `rel(target_uri)` in templates gives the relative link MkDocs checks under --strict.
    """
    base = posixpath.dirname(page_uri)

    def rel(target: str) -> str:
        path, _, anchor = target.partition("#")
        link = relative(path, base) if path else ""
        return f"{link}#{anchor}" if anchor else link

    return environment().get_template(template).render(rel=rel, page_uri=page_uri, **context)
