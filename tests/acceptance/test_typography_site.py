"""French typography of the built site: every HTML page, the Atom feed, one ODT and one DOCX fiche,
proofread by the site walk (tests/support/typocheck.py, written apart from the pass); the pass itself is
tested in tests/unit/test_typography.py."""

from __future__ import annotations

import json
import re
from pathlib import Path

import yaml

from macros.french.typography import NBSP
from macros.model.kinds import KINDS
from tests.support import ROOT
from tests.support.typocheck import document_paragraphs, site_findings

GRAMMAR = re.compile(r"\b(?:de|à) les? \w+", re.I)


# --- Grammar: the nouns of the schemas ------------------------------------------------------------


def test_no_article_is_pasted_in_schemas_forms_or_the_editor_config(site):
    texts = {str(p.relative_to(ROOT)): p.read_text(encoding="utf-8") for p in sorted((ROOT / "schemas").glob("*.json"))}
    texts.update(
        {
            str(p.relative_to(ROOT)): p.read_text(encoding="utf-8")
            for p in sorted((ROOT / ".github" / "ISSUE_TEMPLATE").glob("*.yml"))
        }
    )
    texts["site/admin/config.yml"] = (site / "admin" / "config.yml").read_text(encoding="utf-8")
    texts["make new (types)"] = "\n".join(k.noun.phrase("un") for k in KINDS)
    found = [(name, m.group()) for name, value in texts.items() for m in GRAMMAR.finditer(value)]
    assert not found, found


# --- The built site, proofread -------------------------------------------------------------------


def _figures(root: Path) -> frozenset[str]:
    """Integer quantities of 1 000 or more in the data (not years): pages must show them grouped."""
    found = set()

    def walk(value, key=""):
        if isinstance(value, dict):
            for k, v in value.items():
                walk(v, k)
        elif isinstance(value, list):
            for v in value:
                walk(v, key)
        elif isinstance(value, int) and not isinstance(value, bool) and value >= 1000 and key not in ("year", "order"):
            found.add(str(value))

    for path in (root / "data").glob("*.yaml"):
        walk(yaml.safe_load(path.read_text(encoding="utf-8")))
    return frozenset(found)


def test_the_built_site_feed_and_fiches_have_french_typography(site, root):
    figures = _figures(root)
    assert "1164" in figures  # the home page's figure, an integer of data/protocols.yaml
    found = site_findings(site, figures)
    report = "\n".join(f"{where} — {rule} : {context}" for where, rule, context in found[:80])
    assert not found, f"{len(found)} fautes de typographie :\n{report}"


def test_the_fiches_and_the_feed_are_typographed(site):
    document = next(iter(sorted(site.rglob("fiche-*.odt"))))
    paragraphs = document_paragraphs(document)
    assert any(f"{NBSP}:" in p for p in paragraphs)
    feed = (site / "feed.xml").read_text(encoding="utf-8")
    assert f"{NBSP}: nouveautés" in feed and f"«{NBSP}" in feed


class _Loader(yaml.SafeLoader):
    pass


_Loader.add_constructor("!ENV", lambda loader, node: None)


def test_search_index_receives_the_typographed_page(site):
    # Pagefind folds every white space into a plain one in its excerpts; what it is sent is the
    # typographed page: the doubled « ?. » of the references page never reaches the index.
    import gzip

    contents = []
    for fragment in (site / "pagefind" / "fragment").glob("*.pf_fragment"):
        raw = gzip.decompress(fragment.read_bytes())
        contents.append(json.loads(raw[raw.index(b"{") :])["content"])
    joined = "\n".join(contents)
    assert "comment ?" in joined.lower() and "?." not in joined
