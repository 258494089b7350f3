"""What the search index knows beyond a page's text (macros/search.py), tested alone."""

from __future__ import annotations

import pytest

from macros.model.catalog import load_catalog
from macros.search.metadata import (
    glossary_terms,
    index_exclusions,
    listed_catalogue,
    page_filters,
    page_keywords,
)


@pytest.fixture(scope="module")
def catalog(root):
    return load_catalog(root)


def test_glossary_terms_go_both_ways(catalog):
    assert "éducateur de jeunes enfants" in glossary_terms(catalog, "Un stage EJE à l'école.")
    assert "EJE" in glossary_terms(catalog, "Les éducatrices de jeunes enfants en stage.")
    assert "ASS" in glossary_terms(catalog, "Une assistante de service social à temps partiel.")
    assert "ES" in glossary_terms(catalog, "des éducateurs spécialisés")
    # Present together: nothing to add; a lower-case word is not a sigle.
    assert glossary_terms(catalog, "EJE, éducateur de jeunes enfants") == []
    assert glossary_terms(catalog, "tu es là, ass") == []
    # A sigle stands alone: not inside a longer word or a hyphenated compound.
    assert "éducateur de jeunes enfants" not in glossary_terms(catalog, "EJES, EJE-stage, pré-EJE")
    assert "éducateur de jeunes enfants" in glossary_terms(catalog, "(EJE) ; EJE.")
    # At either end of the text, or after occurrences inside longer words.
    assert "éducateur de jeunes enfants" in glossary_terms(catalog, "EJE")
    assert "éducateur de jeunes enfants" in glossary_terms(catalog, "EJES, EJE_x, puis EJE")


def test_practice_facets_come_from_its_entry(catalog):
    practice = next(p for p in catalog.list("practices") if p["diplomas"])
    meta = {
        "page_type": "pratique",
        "entry_id": practice["id"],
        "diplomas": practice["diplomas"],
        "formats": practice["formats"],
        "territory": practice["territory"],
        "year": practice["year"],
        "actors": ["formation", "etudiant"],
        "keywords": practice["keywords"],
    }
    filters = page_filters(catalog, meta, None)
    assert filters["type"] == ["Pratique"]
    assert filters["diplome"] == practice["diplomas"]
    assert filters["format"] == [catalog.get("formats", f)["title"] for f in practice["formats"]]
    assert filters["acteur"] == ["Établissements de formation", "Étudiants"]
    assert filters["territoire"] == [practice["territory"]] and filters["annee"] == [str(practice["year"])]
    assert page_keywords(catalog, meta, None) == practice["keywords"]


def test_index_pages_carry_their_type(catalog):
    assert listed_catalogue('# Témoignages\n\n{{ index("testimonials") }}') == "testimonials"
    assert listed_catalogue("{{ index('protocol') }}") == "protocols"
    assert listed_catalogue("# La réforme") is None
    assert page_filters(catalog, {}, "testimonials")["type"] == ["Témoignage"]
    assert page_filters(catalog, {}, "references") == {"type": ["Texte de référence"]}
    kinds = catalog.labels("partners", "kind")
    assert set(page_filters(catalog, {}, "partners")["acteur"]) == {
        kinds[p["kind"]].plural for p in catalog.list("partners")
    }
    assert page_filters(catalog, {}, "glossary") == {}
    assert page_keywords(catalog, {}, "practices") == []  # the catalogue page: keywords belong to each practice


def test_actor_facet_labels_are_the_schemas_plurals(catalog):
    """The « acteur » facet names groups: « Départements », « Étudiants » (one body: « État »)."""
    from macros.search.metadata import actor_labels

    labels = actor_labels(catalog)
    assert list(labels) == [
        "etat",
        "region",
        "departement",
        "formation",
        "employeur",
        "terrain-professionnel",
        "formateur",
        "etudiant",
    ]
    assert labels["departement"] == "Départements" and labels["terrain-professionnel"] == "Terrains professionnels"
    assert labels["etat"] == "État"


def test_shared_form_blocks_are_not_indexed(catalog):
    excluded = index_exclusions(catalog)
    assert ".headerlink" in excluded
    for block in catalog.list("form_blocks"):
        assert f'.fiche-section[data-section="{block["id"]}"]' in excluded
