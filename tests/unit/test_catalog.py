"""The catalogue model: labels match the schemas, cross-links are computed once and right."""

from __future__ import annotations

import json

import pytest

from macros.model.catalog import load_catalog
from tests.support import ROOT


def enum(schema: str, field: str) -> set[str]:
    data = json.loads((ROOT / "schemas" / f"{schema}.schema.json").read_text(encoding="utf-8"))
    return set(data["$defs"]["entry"]["properties"][field]["enum"])


@pytest.mark.parametrize(
    "schema, field",
    [
        ("testimonials", "actor"),
        ("practices", "status"),
        ("practices", "kind"),
        ("references", "kind"),
        ("partners", "kind"),
        ("glossary", "kind"),
    ],
)
def test_every_schema_value_has_a_french_label(schema, field):
    labels = load_catalog(ROOT).labels(schema, field)
    assert set(labels) == enum(schema, field)
    assert all(label.singular and label.plural for label in labels.values())


def test_the_catalogue_is_never_kept_between_calls():
    """A build loads it once, into its context (macros/glue/context.py); nothing is cached here
    that a `make serve` rebuild could find stale (tests/acceptance/test_content_keyed_caches.py)."""
    first, second = load_catalog(ROOT), load_catalog(ROOT)
    assert first is not second and first.data == second.data


def test_reverse_links():
    catalog = load_catalog(ROOT)
    for practice in catalog.list("practices"):
        for format_id in practice["formats"]:
            assert practice in catalog.practices_by_format[format_id]
    for testimonial in catalog.list("testimonials"):
        for format_id in testimonial["formats"] or []:
            assert testimonial in catalog.testimonials_by_format[format_id]


def test_shared_form_blocks_are_expanded_in_place():
    catalog = load_catalog(ROOT)
    blocks = catalog.by_id["form_blocks"]
    for fmt in catalog.formats:
        included = [s["include"] for s in fmt["form"]["sections"] if "include" in s]
        sections = {s["id"]: s for s in catalog.form_sections(fmt)}
        for block_id in included:
            assert sections[block_id]["fields"] == blocks[block_id]["fields"]
