"""Valid HTML (RGAA criterion 8.2): the W3C Nu HTML Checker finds no error on any page.

vnu.jar comes from the npm package vnu-jar (package.json); /admin/ (the web
editor, a JavaScript application) is not checked.
"""

from __future__ import annotations

import json
import subprocess

from macros.pages.redirects import redirect_page
from tests.support.tools import VNU, require, require_java


def test_every_page_is_valid_html(site, tmp_path):
    vnu, java = require(VNU), require_java()
    pages = sorted(p for p in site.rglob("*.html") if not p.relative_to(site).as_posix().startswith("admin/"))
    assert len(pages) > 20
    redirect = tmp_path / "redirect.html"  # what data/redirects.yaml would generate
    redirect.write_text(
        redirect_page(
            {"from": "pratiques/ancien/", "to": "pratiques/nouveau/#a"},
            "Alternance en travail social",
            "https://example.org/",
            "Nouveau « titre » & co",
        ),
        encoding="utf-8",
    )
    result = subprocess.run(
        [java, "-jar", str(vnu), "--errors-only", "--format", "json", *map(str, pages), str(redirect)],
        capture_output=True,
        text=True,
    )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    errors = [
        f"{m.get('url', '').split(str(site))[-1]}:{m.get('lastLine')}: {m['message']}"
        for m in messages
        if m.get("type") in ("error", "non-document-error")
    ]
    assert not errors, f"{len(errors)} erreur(s) HTML :\n" + "\n".join(errors[:40])
