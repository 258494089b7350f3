"""Inert content: injection payloads typed into YAML never become markup.

The corpus tests/fixtures/injection/payloads.txt is placed into a copy of the data (the session fixture
``injected``, tests/support/injection.py), validated — the refusals are expected and checked, payload by
payload — and built with --strict (what validates builds). Titles and descriptions stay text, nothing is
removed at build time, and the built site full of payloads passes the W3C HTML checker and its Atom feed
parses as XML (Chromium on the same site: tests/browser/test_injection_browser.py).
"""

from __future__ import annotations

import re

from tests.support.site import repeated_ids


def test_page_titles_and_descriptions_stay_text(injected):
    """<title>, <meta name=description>, the sharing meta and the JSON-LD come from YAML titles and
    summaries: as text in attributes, and as JSON with no « < » (it cannot close its script)."""
    site, _, _ = injected
    for page in site.rglob("index.html"):
        html = page.read_text(encoding="utf-8")
        head = html[: html.find("</head>")]
        text_only = (
            r'<title>[^<]*</title>|<meta name="description" content="[^"<>]*">'
            r'|<meta (?:property="og|name="twitter):[a-z:_]+" content="[^"<>]*">'
            r'|<script type="application/ld\+json">[^<]*</script>'
        )
        assert "__xss" not in re.sub(text_only, "", head), page


def test_nothing_is_removed_at_build_time(injected):
    """The validator refused every link the sanitiser would have to remove: the build removes nothing."""
    _, log, _ = injected
    assert "contenu retiré" not in log, log[-2000:]


def test_html_and_dangerous_links_are_refused_by_the_validator(injected):
    _, _, refused_payloads = injected
    assert "<script>__xss('script')</script>" in refused_payloads
    assert "[lien piégé](javascript:__xss('md-link'))" in refused_payloads
    assert "![image js](javascript:__xss('md-img-js'))" in refused_payloads


def test_site_full_of_payloads_is_valid_html_and_its_feed_is_xml(injected, tmp_path):
    """For any valid data (here: every accepted payload), every page passes the W3C checker."""
    import json
    import subprocess
    import xml.etree.ElementTree as ET

    from tests.support.tools import VNU, require, require_java

    site, _, _ = injected
    ET.fromstring((site / "feed.xml").read_bytes())
    vnu, java = require(VNU), require_java()
    pages = sorted(p for p in site.rglob("*.html") if not p.relative_to(site).as_posix().startswith("admin/"))
    result = subprocess.run(
        [java, "-jar", str(vnu), "--errors-only", "--format", "json", *map(str, pages)], capture_output=True, text=True
    )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    errors = [
        f"{m.get('url', '').split(str(site))[-1]}:{m.get('lastLine')}: {m['message']}"
        for m in messages
        if m.get("type") in ("error", "non-document-error")
    ]
    assert not errors, "\n".join(errors[:30])


def test_titles_never_take_an_id_of_the_theme(injected):
    """A practice titled « Citation texte » and a format titled « PF dialog » (ids of the citation
    tool and of the search dialog, on every page): each page still has every id once, and the two
    tools keep theirs."""
    site, _, _ = injected
    assert repeated_ids(site) == {}
    pages = [*(site / "pratiques").glob("*/index.html"), *(site / "formats").glob("*/index.html")]
    titled = [p.read_text(encoding="utf-8") for p in pages]
    titled = [html for html in titled if ">Citation texte<" in html or ">PF dialog<" in html]
    assert len(titled) == 2
    for html in titled:
        assert '<h1 id="titre">' in html and 'id="citation-texte"' in html and 'id="pf-dialog"' in html
