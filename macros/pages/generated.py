"""Catalogue entries -> generated Markdown pages (src_uri, text).

Pure functions of the Catalog: no MkDocs import, so they are tested alone.
Each generated page carries front matter for the theme (page type, facets) and
`render_macros: false`, so that editor text is never evaluated as a template.
"""

from __future__ import annotations

from collections.abc import Iterator

import yaml

from macros.model.catalog import Catalog
from macros.pages.render import format_uri, practice_uri, render
from macros.search.metadata import entry_actors

PAGE_TEMPLATES = {"formats": "pages/format.md.j2", "practices": "pages/practice.md.j2"}  # an entry's own page
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml: the pure-Python dumper costs ~3 ms a page


def _front_matter(meta: dict) -> str:
    dumped = yaml.dump(meta, Dumper=_DUMPER, allow_unicode=True, sort_keys=False)
    return "---\n" + dumped + "---\n\n"


def format_page(catalog: Catalog, fmt: dict, fiche=None) -> tuple[str, str]:
    """*fiche*: the form's documents (macros.documents.site.Fiche), when the build made them."""
    uri = format_uri(fmt["id"])
    meta = {
        "title": fmt["title"],
        "description": fmt["summary"],
        "render_macros": False,
        "page_type": "format",
        "entry_id": fmt["id"],
        "diplomas": list(fmt.get("diplomas") or []),
        "actors": entry_actors(catalog, fmt, "format"),
        "keywords": list(fmt.get("keywords") or []),
        "updated": fmt["updated"],
    }
    body = render(
        PAGE_TEMPLATES["formats"],
        uri,
        f=fmt,
        entry=fmt,
        practices=catalog.practices_by_format.get(fmt["id"], []),
        testimonials=catalog.testimonials_by_format.get(fmt["id"], []),
        references=[catalog.get("references", r) for r in fmt.get("references") or []],
        sections=catalog.form_sections(fmt),
        fiche=fiche,
        diplomas=catalog.diplomas_by_code,
        source=catalog.get("sources", fmt["source"]),
        sources=catalog.by_id.get("sources", {}),
        catalog=catalog,
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
        "diplomas": list(practice.get("diplomas") or []),
        "formats": [f["id"] for f in formats],
        "territory": practice.get("territory"),
        "year": practice.get("year"),
        "actors": entry_actors(catalog, practice, "pratique"),
        "keywords": list(practice.get("keywords") or []),
        "updated": practice["updated"],
    }
    body = render(
        PAGE_TEMPLATES["practices"],
        uri,
        catalog=catalog,  # its labels (kind, status, actors): the schemas' x-labels
        p=practice,
        entry=practice,
        formats=formats,
        parent=catalog.get("practices", practice["part_of"]) if practice.get("part_of") else None,
        examples=catalog.examples_of.get(practice["id"], []),
        partners=[catalog.get("partners", x) for x in practice.get("partners") or []],
        testimonials=catalog.testimonials_by_practice.get(practice["id"], []),
        related=_related(catalog, practice),
        diplomas=catalog.diplomas_by_code,
        source=catalog.get("sources", practice["source"]),
        sources=catalog.by_id.get("sources", {}),
    )
    return uri, _front_matter(meta) + body


def abbreviation_definitions(catalog: Catalog) -> list[tuple[str, str]]:
    """(sigle, Markdown `*[SIGLE]: expansion` line) for every glossary sigle."""
    return [
        (term, f"*[{term}]: {' '.join(expansion.split())}")
        for term, expansion in sorted(catalog.abbreviations().items())
    ]


def with_abbreviations(markdown: str, definitions: list[tuple[str, str]]) -> str:
    """*markdown* followed by the definitions of the sigles it contains.

    Each definition costs Python-Markdown one inline pattern per page, so only the
    sigles a page uses are appended (appending all of them doubled the build time).
    """
    used = [line for term, line in definitions if term in markdown]
    return markdown + "\n\n" + "\n".join(used) + "\n" if used else markdown


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


def generated_pages(catalog: Catalog, fiches: dict | None = None) -> Iterator[tuple[str, str]]:
    """Every generated page of the site (*fiches*: format id -> its form's documents)."""
    for fmt in catalog.formats:
        yield format_page(catalog, fmt, (fiches or {}).get(fmt["id"]))
    yield from practice_pages(catalog)


def practice_pages(catalog: Catalog) -> Iterator[tuple[str, str]]:
    """Every practice page."""
    for practice in catalog.list("practices"):
        yield practice_page(catalog, practice)
