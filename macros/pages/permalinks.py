"""The « ¶ » link after each heading, named for screen readers.

Python-Markdown's ``toc`` writes ``<a class="headerlink" href="#x" title="…">¶</a>``: a screen
reader announces its text, « pied-de-mouche », and the ``title`` is not its name. Each link gets an
``aria-label`` naming the section it points to: « Lien permanent vers la section « Aujourd'hui » ».
"""

from __future__ import annotations

import re

_TAG = re.compile(r"<[^>]+>")
# A heading's opening tag, and the permalink that ends a heading of each level. One heading is an
# opening, then the first permalink after it that closes its level: the regular expression
# ``(<h([1-6])\b[^>]*>)(.*?)<a class="headerlink" …>¶</a>(</h\2>)`` (re.S), read in two steps
# so that each search is for a fixed string first (20 times faster on the bench's pages; the same
# output: tests/unit/test_permalinks.py compares the two on generated HTML).
_OPENING = re.compile(r"<h([1-6])\b[^>]*>")
_PERMALINK = {
    level: re.compile(rf'<a class="headerlink" href="#([^"]+)"( title="[^"]*")?>¶</a>(</h{level}>)')
    for level in "123456"
}


def _label(inner: str) -> str:
    text = " ".join(_TAG.sub("", inner).split()).replace('"', "&quot;")
    return f' aria-label="Lien permanent vers la section « {text} »"' if text else ""


def named_permalinks(html: str) -> str:
    """*html* with every heading's permalink given the heading's text as its accessible name."""
    if '<a class="headerlink"' not in html:
        return html
    parts, done, pos = [], 0, 0
    found: dict[str, re.Match | None] = {}  # level -> first permalink of that level from the last search on
    while (opening := _OPENING.search(html, pos)) is not None:
        level = opening.group(1)
        link = found.get(level, False)
        if link is False or (link is not None and link.start() < opening.end()):
            link = found[level] = _PERMALINK[level].search(html, opening.end())
        if link is None:  # no permalink of that level further on: the next opening, as the regex would
            pos = opening.start() + 1
            continue
        inner = html[opening.end() : link.start()]
        anchor, title, closing = link.groups()
        parts += [
            html[done : opening.start()],
            opening.group(0),
            inner,
            f'<a class="headerlink" href="#{anchor}"{title or ""}{_label(inner)}>¶</a>{closing}',
        ]
        done = pos = link.end()
    parts.append(html[done:])
    return "".join(parts)
