"""The « ¶ » link of each heading is named for screen readers (macros/pages/permalinks.py)."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from macros.pages.permalinks import named_permalinks


def test_the_permalink_is_named_by_its_heading():
    html = (
        '<h2 id="aujourdhui">Aujourd\'hui <em>« en vigueur »</em>'
        '<a class="headerlink" href="#aujourdhui" title="Lien permanent vers cette section">¶</a></h2>'
    )
    out = named_permalinks(html)
    assert 'aria-label="Lien permanent vers la section « Aujourd\'hui « en vigueur » »"' in out
    assert out.replace(' aria-label="Lien permanent vers la section « Aujourd\'hui « en vigueur » »"', "") == html


def test_a_quote_in_the_heading_cannot_end_the_attribute():
    html = '<h3 id="x">Dire "non"<a class="headerlink" href="#x">¶</a></h3>'
    assert 'aria-label="Lien permanent vers la section « Dire &quot;non&quot; »"' in named_permalinks(html)


def test_other_links_are_left_alone():
    html = '<p><a class="headerlink" href="#x">¶</a></p><h2 id="y">Titre</h2>'
    assert named_permalinks(html) == html


# The reading this module replaced (one regular expression over the page), kept as the reference.
_HEADING = re.compile(
    r'(<h([1-6])\b[^>]*>)(.*?)<a class="headerlink" href="#([^"]+)"( title="[^"]*")?>¶</a>(</h\2>)', re.S
)


def _reference(html: str) -> str:
    def name(m: re.Match) -> str:
        opening, _, inner, anchor, title, closing = m.groups()
        text = " ".join(re.sub(r"<[^>]+>", "", inner).split()).replace('"', "&quot;")
        label = f' aria-label="Lien permanent vers la section « {text} »"' if text else ""
        return f'{opening}{inner}<a class="headerlink" href="#{anchor}"{title or ""}{label}>¶</a>{closing}'

    return _HEADING.sub(name, html)


PIECES = ["<h1>", '<h2 id="x">', "</h1>", "</h2>", "<h3>", "</h3>", "<h6 class='y'>", "</h6>", "<hr>", "<h1x>"]
PIECES += ['<a class="headerlink" href="#a">¶</a>', '<a class="headerlink" href="#b" title="t">¶</a>', "<b>g</b>"]
PIECES += ["texte", " « x » ", '"', "\n", "<", ">", "¶", '<a class="headerlink" href="#">¶</a>', "<h2", "<h1 "]


@settings(max_examples=3000, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from(PIECES), max_size=14).map("".join))
def test_headings_are_read_as_the_single_regular_expression_read_them(html):
    """Headings without a permalink, a permalink closing another level, nested or unclosed tags:
    the same output as the regular expression the two-step reading replaced."""
    assert named_permalinks(html) == _reference(html)
