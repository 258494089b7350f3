"""The « ¶ » link of each heading is named for screen readers (macros/pages/permalinks.py)."""

from __future__ import annotations

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
