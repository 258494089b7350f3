"""Relevance of the site search: each query of tests/search_queries.yaml, run through
the site's own search (window.siteSearch.searcher: Pagefind as the search box configures
it, with search-query.js's corrections and phrase ranking) in Chromium, must have its
page in the first three results."""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import urlparse

import yaml

from tests.support.site import page_text

TOP = 3
RANK = (
    """async (queries) => {
  const site = await window.siteSearch.searcher();
  const out = [];
  for (const q of queries) {
    const search = await site.search(q, {});
    const data = await Promise.all(search.results.slice(0, %d).map((r) => r.data()));
    out.push(data.map((d) => d.url));
  }
  return out;
}"""
    % TOP
)


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.lower().replace("\u2019", "'"))
    return "".join(c for c in text if not unicodedata.combining(c))


def _queries(root):
    return yaml.safe_load((root / "tests" / "search_queries.yaml").read_text(encoding="utf-8"))["requetes"]


def test_the_set_covers_what_users_type(root, site):
    queries = _queries(root)
    assert len(queries) >= 30
    kinds = " ".join(q["cas"] for q in queries)
    for kind in (
        "sans accent",
        "sigle",
        "pluriel",
        "deux mots",
        "trois mots",
        "keywords seulement",
        "faute de frappe",
        "expression exacte",
        "féminin",
    ):
        assert kind in kinds, f"aucune requête « {kind} »"
    for q in queries:
        assert (site / q["attendu"] / "index.html").exists(), f"{q['attendu']} n'est pas une page du site"
        text = _fold(page_text((site / q["attendu"] / "index.html").read_text(encoding="utf-8")))
        if "keywords seulement" in q["cas"]:  # the word must really be missing from the page's text
            assert _fold(q["q"]) not in text, f"« {q['q']} » figure déjà dans le texte de {q['attendu']}"
        if "expression exacte" in q["cas"]:  # the page holds the words side by side
            assert f" {_fold(q['q'])} " in f" {' '.join(re.findall(r'[a-z0-9]+', text))} ", q["q"]
        if "faute de frappe" in q["cas"]:  # a real typo: some word of it is on no page of the site
            assert any(w not in text for w in re.findall(r"[a-z]{4,}", _fold(q["q"]))), q["q"]


def test_each_query_finds_its_page_in_the_top_3(root, page, site_url):
    queries = _queries(root)
    page.goto(site_url)
    ranked = page.evaluate(RANK, [q["q"] for q in queries])
    base = urlparse(site_url).path
    misses, known, found_now = [], [], []
    for q, urls in zip(queries, ranked):
        line = f"« {q['q']} » ({q['cas']}) : attendu {q['attendu']}, obtenu {urls or 'aucun résultat'}"
        hit = base + q["attendu"] in urls
        if not hit:
            (known if q.get("limite") else misses).append(line)
        elif q.get("limite"):
            found_now.append(f"« {q['q']} » est maintenant trouvée : retirez sa marque « limite »")
    hits = len(queries) - len(misses) - len(known)
    print(
        f"\nPertinence : {hits}/{len(queries)} requêtes ont leur page dans les {TOP} premiers résultats "
        f"({100 * hits / len(queries):.0f} %)"
    )
    for miss in misses + known:
        print("  raté :", miss)
    assert not misses, "\n".join(misses)
    assert not found_now, "\n".join(found_now)
    assert hits >= 0.95 * len(queries)
    assert page.errors == []
    assert page.offsite == []
