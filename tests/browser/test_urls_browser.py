"""A renamed id needs a declared redirect, and the redirect page leads the reader to the new address in
Chromium (the URL rules: tests/acceptance/test_urls.py)."""

from __future__ import annotations

import re

from macros.model.catalog import load_catalog
from scripts import url_manifest
from tests.support import ROOT
from tests.support.sitecopy import copy_repo, mkdocs_build

CATALOG = load_catalog(ROOT)
OLD_ID = "projet-education-therapeutique-ars"
NEW_ID = "projet-education-therapeutique-sante"


# --- Renaming an id ------------------------------------------------------------


def _rename(repo, old: str, new: str) -> None:
    for path in list((repo / "data").glob("*.yaml")) + list((repo / "docs").rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        if old in text:
            path.write_text(text.replace(old, new), encoding="utf-8")


def test_renamed_id_needs_a_declared_redirect(tmp_path, browser):
    assert OLD_ID in CATALOG.by_id["practices"]
    repo = copy_repo(tmp_path / "repo")
    _rename(repo, OLD_ID, NEW_ID)
    old_url = f"/pratiques/{OLD_ID}/"

    # Without a redirect, the old address is reported gone.
    bare = tmp_path / "bare"
    result = mkdocs_build(repo, bare)
    assert result.returncode == 0, result.stderr
    assert url_manifest.gone(url_manifest.read_manifest(), bare) == [old_url]

    # Declared in data/redirects.yaml, it is served again by a redirect page.
    redirects = repo / "data" / "redirects.yaml"
    redirects.write_text(
        redirects.read_text(encoding="utf-8").replace("redirects: []", "redirects:")
        + f"  - id: {OLD_ID}\n    from: pratiques/{OLD_ID}/\n    to: pratiques/{NEW_ID}/\n"
        "    reason: identifiant plus précis\n    updated: 2026-11-23\n",
        encoding="utf-8",
    )
    site = tmp_path / "site"
    result = mkdocs_build(repo, site)
    assert result.returncode == 0, result.stderr
    assert url_manifest.gone(url_manifest.read_manifest(), site) == []
    page_html = (site / "pratiques" / OLD_ID / "index.html").read_text(encoding="utf-8")
    assert f'<meta http-equiv="refresh" content="0; url=../{NEW_ID}/">' in page_html
    assert re.search(rf'<link rel="canonical" href="[^"]*/pratiques/{NEW_ID}/">', page_html)
    assert '<meta name="robots" content="noindex">' in page_html
    title = CATALOG.get("practices", OLD_ID)["title"]
    assert f'<a href="../{NEW_ID}/">' in page_html and "a changé d'adresse" in page_html
    assert title.split("«")[0].strip()[:20] in page_html.replace("&#x27;", "'")

    from tests.support.browser import serve

    with serve(site) as base:
        context = browser.new_context(locale="fr-FR")
        page = context.new_page()
        page.goto(base + old_url.lstrip("/"))
        page.wait_for_url(f"**/pratiques/{NEW_ID}/")
        assert page.locator("h1").first.inner_text().rstrip("¶ \n") == title.strip()
        context.close()
