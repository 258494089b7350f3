"""Permanent URLs: no published address disappears without a redirect, anchors come from ids."""

from __future__ import annotations

import copy
import re

import pytest

from macros.model.catalog import Catalog, load_catalog
from macros.pages.generated import format_page, practice_page
from macros.pages.redirects import problems, relative_link
from scripts import url_manifest
from tests.support import ROOT
from tests.support.sitecopy import copy_repo, mkdocs_build

CATALOG = load_catalog(ROOT)


# --- The manifest --------------------------------------------------------------


def test_manifest_is_sorted_and_without_duplicates():
    urls = url_manifest.read_manifest()
    assert urls, "tests/published-urls.txt is empty"
    assert urls == sorted(set(urls))
    assert all(u.startswith("/") for u in urls)


def test_every_recorded_url_is_still_served(site):
    missing = url_manifest.gone(url_manifest.read_manifest(), site)
    assert not missing, url_manifest.explain(missing)


def test_every_published_url_is_recorded(site):
    new = sorted(url_manifest.published(site) - set(url_manifest.read_manifest()))
    assert not new, f"adresses publiées absentes de tests/published-urls.txt (lancez « make urls ») : {new}"


def test_manifest_never_drops_an_address(tmp_path, site):
    manifest = tmp_path / "urls.txt"
    url_manifest.write_manifest(["/une-page-disparue/", "/"], manifest)
    assert url_manifest.main(["--site", str(site), "--write", "--manifest", str(manifest)]) == 1
    assert url_manifest.read_manifest(manifest) == ["/", "/une-page-disparue/"]  # unchanged


# --- Renaming an id ------------------------------------------------------------


def test_impossible_redirects_stop_the_build_with_their_line(tmp_path):
    repo = copy_repo(tmp_path / "repo")
    (repo / "data" / "redirects.yaml").write_text(
        "redirects:\n"
        "  - id: vers-nulle-part\n    from: pratiques/ancienne/\n    to: pratiques/nexiste-pas/\n"
        "    reason: essai\n    updated: 2026-11-23\n"
        "  - id: cache-une-page\n    from: formats/\n    to: /\n    reason: essai\n    updated: 2026-11-23\n",
        encoding="utf-8",
    )
    result = mkdocs_build(repo, tmp_path / "site")
    assert result.returncode != 0
    out = result.stderr.replace("\u00a0", " ")
    assert "data/redirects.yaml:4:9: redirects[0].to : « pratiques/nexiste-pas/ » n'est pas une page du site" in out
    assert (
        "data/redirects.yaml:8:11: redirects[1].from : « formats/ » est déjà écrit par la construction du site" in out
    )


def test_redirect_rules():
    pages = {"": "Accueil", "formats/a/": "A", "pratiques/b/": "B"}
    ok = {"from": "pratiques/old/", "to": "pratiques/b/"}
    assert problems([ok], pages) == []
    assert [p[1] for p in problems([ok, dict(ok)], pages)] == ["from"]  # declared twice
    assert [p[1] for p in problems([{"from": "x/", "to": "y/"}], pages)] == ["to"]
    assert problems([{"from": "x/", "to": "/"}], pages) == []
    assert relative_link("pratiques/old/", "formats/a/#fiche-modele") == "../../formats/a/#fiche-modele"
    assert relative_link("pratiques/old/", "/") == "../../"
    assert relative_link("a/", "b/") == "../b/"


# --- Anchors come from ids, not from titles ------------------------------------

_HEADING = re.compile(r"^(#{2,6}) (.*)$", re.M)
_ANCHOR = re.compile(r'\{: #([A-Za-z0-9_-]+)\}[ \t]*$|\bid="([^"]+)"', re.M)


def _anchors(markdown: str) -> list[str]:
    body = markdown.split("---\n", 2)[2]
    for level, text in _HEADING.findall(body):
        assert re.search(r"\{: #[a-z0-9-]+\}\s*$", text), f"heading without an explicit id: {level} {text}"
    return [a or b for a, b in _ANCHOR.findall(body)]


def _retitled(data: dict) -> dict:
    """Every title, label and term changed: what an editor may do at any time."""
    data = copy.deepcopy(data)

    def walk(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key in ("title", "label", "term", "help") and isinstance(value, str):
                    node[key] = "Nouveau titre — " + value[::-1]
                else:
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(data)
    return data


def test_section_and_field_anchors_are_ids_not_titles():
    retitled = Catalog(root=CATALOG.root, data=_retitled(CATALOG.data))
    for fmt in CATALOG.formats:
        before = _anchors(format_page(CATALOG, fmt)[1])
        after = _anchors(format_page(retitled, retitled.get("formats", fmt["id"]))[1])
        assert before == after, fmt["id"]
        for section in CATALOG.form_sections(fmt):
            assert f"section-{section['id']}" in before
            for field in section["fields"]:
                assert f"champ-{field['id']}" in before
    for practice in CATALOG.list("practices"):
        before = _anchors(practice_page(CATALOG, practice)[1])
        after = _anchors(practice_page(retitled, retitled.get("practices", practice["id"]))[1])
        assert before == after, practice["id"]


@pytest.mark.parametrize("fmt", CATALOG.formats[:2], ids=lambda f: f["id"])
def test_built_format_page_headings_carry_only_explicit_ids(site, fmt):
    html = (site / "formats" / fmt["id"] / "index.html").read_text(encoding="utf-8")
    article = html[html.find("<article") : html.find("</article>")]
    explicit = set(_anchors(format_page(CATALOG, fmt)[1]))
    heading_ids = re.findall(r"<h[2-6] id=\"([^\"]+)\"", article)
    assert heading_ids and set(heading_ids) <= explicit
