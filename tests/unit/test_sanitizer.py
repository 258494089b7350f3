"""The sanitiser's allow-list (macros/pages/sanitize.py): what it removes and what it keeps
(the built site full of payloads: tests/acceptance/test_injection.py, tests/browser/test_injection_browser.py)."""

from __future__ import annotations

import pytest

from macros.pages.sanitize import clean


@pytest.mark.parametrize(
    "html, kept",
    [
        ('<a href="javascript:__xss(1)">x</a>', "<a>x</a>"),
        ('<a href="JAVASCRIPT:__xss(1)">x</a>', "<a>x</a>"),
        ('<a href="vbscript:msgbox(1)">x</a>', "<a>x</a>"),
        ('<img src="data:image/svg+xml,&lt;svg onload=__xss(1)&gt;" alt="a">', '<img alt="a">'),
        ('<img src="https://evil.example/p.png" alt="a">', '<img alt="a">'),  # no third-party request
        ('<img src="//evil.example/p.png" alt="a">', '<img alt="a">'),
        ('<img src="../assets/medias/p.png" alt="a">', '<img src="../assets/medias/p.png" alt="a">'),
        ('<p onclick="__xss(1)">x</p>', "<p>x</p>"),
        ('<div style="background:url(javascript:__xss(1))">x</div>', "<div>x</div>"),
        ("<script>__xss(1)</script>x", "x"),
        ('<a href="https://example.org/">x</a>', '<a href="https://example.org/">x</a>'),
        ('<a href="mailto:contact@example.org">x</a>', '<a href="mailto:contact@example.org">x</a>'),
        (
            '<a href="../formats/x/#fiche-modele" class="headerlink" title="t">¶</a>',
            '<a href="../formats/x/#fiche-modele" class="headerlink" title="t">¶</a>',
        ),
        (
            '<div class="fiche-zone" style="--lines: 5" aria-hidden="true" data-field="a"></div>',
            '<div class="fiche-zone" style="--lines: 5" aria-hidden="true" data-field="a"></div>',
        ),
    ],
)
def test_sanitizer_allow_list(html, kept):
    assert clean(html) == kept
