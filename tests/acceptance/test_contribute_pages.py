"""The « Contribuer » pages of the built site, generated from the schemas: every field with its type,
requirement and example (schema help and editor settings: tests/unit/test_contribute_docs.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from macros.model.kinds import BY_CATALOGUE
from macros.schema.fields import catalogue_names, entry_schema
from tests.support import ROOT
from tests.support.site import normalise, page_text

CATALOGUES = catalogue_names(ROOT / "schemas")


def read(site: Path, url: str) -> str:
    return (site / url.strip("/") / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", CATALOGUES)
def test_contribute_page_lists_every_field_with_type_requirement_and_example(site, name):
    kind = BY_CATALOGUE[name]
    html = read(site, f"/contribuer/{kind.doc_slug}/")
    text = page_text(html)
    schema = entry_schema(ROOT / "schemas", name)
    for f in schema.fields:
        assert f'id="champ-{f.name.replace("_", "-")}"' in html, f.name
        assert normalise(f.title) in text and normalise(f.type_label()) in text
        for value in (f.item.enum if f.is_list and f.item else f.enum) or []:
            assert f"<code>{value}</code>" in html
    required = [f for f in schema.fields if f.required]
    assert len(re.findall(r"<td>oui</td>", html)) >= len(required)
    if any(f.schema.get("examples") for f in schema.fields) or (ROOT / "data" / f"{name}.yaml").read_text(
        encoding="utf-8"
    ).count("\n  - id:"):
        assert "exemple :" in text
        assert 'class="language-yaml' in html or "highlight" in html


def test_practice_page_shows_required_conditions_and_current_choices(site):
    html = read(site, "/contribuer/pratiques/")
    text = page_text(html)
    assert "obligatoire quand « kind » vaut « exemple »" in text
    assert "<code>stages-pluri-institutionnels</code>" in html  # formats offered come from the data
    assert "<code>ASS</code>" in html
    assert 'href="../../donnees/schemas/practices.schema.json"' in html


def test_contribute_index_links_every_catalogue_page(site):
    html = read(site, "/contribuer/")
    for name in CATALOGUES:
        assert f'href="{BY_CATALOGUE[name].doc_slug}/"' in html, name
    text = page_text(html)
    for needed in (
        "make validate",
        "make test",
        "proposer une pratique",
        "nous l'avons mis en œuvre",
        "autre personne que l'auteur",
    ):
        assert normalise(needed) in text, needed
