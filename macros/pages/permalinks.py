"""The « ¶ » link after each heading, named for screen readers.

Python-Markdown's ``toc`` writes ``<a class="headerlink" href="#x" title="…">¶</a>``: a screen
reader announces its text, « pied-de-mouche », and the ``title`` is not its name. Each link gets an
``aria-label`` naming the section it points to: « Lien permanent vers la section « Aujourd'hui » ».
"""

from __future__ import annotations

import re

_HEADING = re.compile(
    r'(<h([1-6])\b[^>]*>)(.*?)<a class="headerlink" href="#([^"]+)"( title="[^"]*")?>¶</a>(</h\2>)', re.S
)
_TAG = re.compile(r"<[^>]+>")


def named_permalinks(html: str) -> str:
    """*html* with every heading's permalink given the heading's text as its accessible name."""

    def name(m: re.Match) -> str:
        opening, _, inner, anchor, title, closing = m.groups()
        text = " ".join(_TAG.sub("", inner).split()).replace('"', "&quot;")
        label = f' aria-label="Lien permanent vers la section « {text} »"' if text else ""
        return f'{opening}{inner}<a class="headerlink" href="#{anchor}"{title or ""}{label}>¶</a>{closing}'

    return _HEADING.sub(name, html)
