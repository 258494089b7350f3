"""Editor Markdown made inert before it reaches a page: no raw HTML, no attribute lists, no template code.

Every text an editor writes in data/ goes through :func:`md` (or :func:`inline` for one line)
before the templates put it into a page; the validator reads links the same way
(:func:`macros.validate.texts.markdown_targets`).
"""

from __future__ import annotations

import re

_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "{": "&#123;", "}": "&#125;"}
_ESCAPE_RE = re.compile("[&<>{}]")


def md(text: str | None) -> str:
    """Editor Markdown made inert: no raw HTML, no attribute lists, no template code."""
    if not text:
        return ""
    return _ESCAPE_RE.sub(lambda m: _ESCAPES[m.group()], str(text).strip())


def inline(text: str | None) -> str:
    """As :func:`md`, on one line (list items, table cells). A text ending in a lone backslash
    keeps it as a character: it would escape what the template writes next (the « ] » of a link)."""
    line = " ".join(md(text).split()).replace("|", "\\|")
    if (len(line) - len(line.rstrip("\\"))) % 2:
        line += "\\"
    return line
