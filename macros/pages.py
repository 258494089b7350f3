"""Catalogue entries -> generated Markdown pages (src_uri, text).

Pure functions of the Catalog: no MkDocs import, so they are tested alone.
Each generated page carries front matter for the theme (page type, facets) and
`render_macros: false`, so that editor text is never evaluated as a template.
"""

from __future__ import annotations

from collections.abc import Iterator

import yaml

from .catalog import Catalog
from .render import format_uri, practice_uri, render


def _front_matter(meta: dict) -> str:
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n\n"


def format_page(catalog: Catalog, fmt: dict) -> tuple[str, str]:
    uri = format_uri(fmt["id"])
    meta = {
        "title": fmt["title"],
        "description": fmt["summary"],
        "render_macros": False,
        "page_type": "format",
        "entry_id": fmt["id"],
        "diplomas": list(fmt.get("diplomas", [])),
        "updated": fmt["updated"],
    }
    body = render(
        "pages/format.md.j2",
        uri,
        f=fmt,
        entry=fmt,
        practices=catalog.practices_by_format.get(fmt["id"], []),
        testimonials=catalog.testimonials_by_format.get(fmt["id"], []),
        references=[catalog.get("references", r) for r in fmt.get("references", [])],
        sections=catalog.form_sections(fmt),
        diplomas=catalog.diplomas_by_code,
        source=catalog.get("sources", fmt["source"]),
    )
    return uri, _front_matter(meta) + body


def practice_page(catalog: Catalog, practice: dict) -> tuple[str, str]:
    uri = practice_uri(practice["id"])
    formats = [catalog.get("formats", f) for f in practice["formats"]]
    meta = {
        "title": practice["title"],
        "description": practice["summary"],
        "render_macros": False,
        "page_type": "pratique",
        "entry_id": practice["id"],
        "diplomas": list(practice.get("diplomas", [])),
        "formats": [f["id"] for f in formats],
        "territory": practice.get("territory"),
        "year": practice.get("year"),
        "updated": practice["updated"],
    }
    body = render(
        "pages/practice.md.j2",
        uri,
        p=practice,
        entry=practice,
        formats=formats,
        parent=catalog.get("practices", practice["part_of"]) if practice.get("part_of") else None,
        examples=catalog.examples_of.get(practice["id"], []),
        partners=[catalog.get("partners", x) for x in practice.get("partners", [])],
        testimonials=catalog.testimonials_by_practice.get(practice["id"], []),
        related=_related(catalog, practice),
        diplomas=catalog.diplomas_by_code,
        source=catalog.get("sources", practice["source"]),
    )
    return uri, _front_matter(meta) + body


def _related(catalog: Catalog, practice: dict, limit: int = 6) -> list[dict]:
    """A few other practices of the same formats (bounded: no page lists all N)."""
    seen = {practice["id"]}
    related = []
    for format_id in practice["formats"]:
        for other in catalog.practices_by_format.get(format_id, [])[: limit + 1]:
            if other["id"] not in seen and len(related) < limit:
                seen.add(other["id"])
                related.append(other)
    return related


def generated_pages(catalog: Catalog) -> Iterator[tuple[str, str]]:
    """Every generated page of the site."""
    for fmt in catalog.formats:
        yield format_page(catalog, fmt)
    for practice in catalog.list("practices"):
        yield practice_page(catalog, practice)
