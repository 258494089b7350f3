"""Generated pages, without MkDocs: mirrors macros/pages.py."""

from __future__ import annotations

import copy
import re

import yaml

from macros.model.catalog import Catalog, _complete, load_catalog
from macros.pages.addresses import theme_anchors
from macros.pages.generated import (
    abbreviation_definitions,
    generated_pages,
    practice_page,
    with_abbreviations,
)
from tests.support import ROOT


def test_every_generated_page_turns_macros_off():
    for uri, text in generated_pages(load_catalog(ROOT)):
        meta = yaml.safe_load(text.split("---\n")[1])
        assert meta["render_macros"] is False, uri
        assert uri.startswith(("formats/", "pratiques/")) and uri.endswith(".md")


def test_every_heading_of_a_generated_page_has_a_fixed_id_the_theme_does_not_write():
    """An entry's title is its page's first heading: given an id of its own, it cannot take one the
    theme writes on every page (a practice titled « Citation texte » would otherwise have the
    citation tool's id), and its address (#titre) stays when the title changes."""
    theme = theme_anchors(ROOT)
    assert {"citation-texte", "pf-dialog"} <= theme
    for uri, text in generated_pages(load_catalog(ROOT)):
        headings = re.findall(r"^#{1,6} .*$", text.split("\n---\n", 1)[1], re.M)
        assert headings[0].startswith("# ") and headings[0].endswith(" {: #titre}"), uri
        for heading in headings:
            explicit = re.search(r" \{: #([a-z0-9-]+)\}$", heading)
            assert explicit and explicit.group(1) not in theme, (uri, heading)


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
