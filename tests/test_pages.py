"""Generated pages, without MkDocs: mirrors macros/pages.py."""

from __future__ import annotations

import copy

import yaml

from macros.model.catalog import Catalog, _complete, load_catalog
from macros.pages.generated import abbreviation_definitions, generated_pages, practice_page, with_abbreviations

from .conftest import ROOT


def test_every_generated_page_turns_macros_off():
    for uri, text in generated_pages(load_catalog(ROOT)):
        meta = yaml.safe_load(text.split("---\n")[1])
        assert meta["render_macros"] is False, uri
        assert uri.startswith(("formats/", "pratiques/")) and uri.endswith(".md")


def test_practice_with_only_required_fields_renders():
    real = load_catalog(ROOT)
    data = copy.deepcopy(real.data)
    practice = next(p for p in data["practices"] if p["kind"] == "experimentation")
    for optional in ("partners", "outcomes", "keywords", "source_detail", "part_of"):
        practice.pop(optional, None)
    catalog = Catalog(root=ROOT, data=_complete(data, ROOT / "schemas"))
    uri, text = practice_page(catalog, catalog.get("practices", practice["id"]))
    assert practice["title"].split("«")[0].strip() in text
    assert "## Partenaires du protocole" not in text


def test_only_the_sigles_a_page_uses_are_defined_on_it():
    definitions = abbreviation_definitions(load_catalog(ROOT))
    text = with_abbreviations("Un stage EJE.", definitions)
    assert "*[EJE]: éducateur de jeunes enfants" in text
    assert "*[ASS]:" not in text
    assert with_abbreviations("Aucun sigle ici.", definitions) == "Aucun sigle ici."


def test_every_listing_is_in_the_built_pages(site):
    """The practices table and each testimonial, with its anchor, are in the built pages
    (they go through Markdown like the rest of the page: tests/test_listings.py)."""
    practices = (site / "pratiques" / "index.html").read_text(encoding="utf-8")
    for practice in load_catalog(ROOT).list("practices"):
        assert f'href="{practice["id"]}/"' in practices
    testimonials = (site / "temoignages" / "index.html").read_text(encoding="utf-8")
    for testimonial in load_catalog(ROOT).list("testimonials"):
        assert f'<blockquote id="{testimonial["id"]}">' in testimonials
