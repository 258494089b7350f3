"""The « Contribuer » pages: every field of every catalogue, written from schemas/.

``{{ schema_doc("practices") }}`` in docs/contribuer/pratiques.md renders
templates/indexes/schema-doc.md.j2 with the catalogue's fields (title,
description, type, required or not, allowed values, an example taken from the
data or the schema's ``examples``). Nothing is written by hand, so the page
cannot drift from the rules the validator applies.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from macros.core.errors import enumerate_fr, fr
from macros.model.catalog import Catalog
from macros.model.kinds import KINDS, kind
from macros.pages.render import render
from macros.schema.fields import Field, catalogue_names, entry_schema

EXAMPLE_LINES = 14  # longer examples are cut, with a pointer to the file


def fence(text: str) -> str:
    """A code fence longer than any run of backticks in *text*."""
    runs = [len(m) for m in re.findall(r"`+", text)]
    return "`" * max(3, max(runs, default=0) + 1)


def yaml_block(value, name: str | None = None, limit: int = EXAMPLE_LINES, file: str = "") -> str:
    """*value* (as ``name: value`` when *name*) in YAML, at most *limit* lines."""
    doc = {name: value} if name is not None else value
    text = yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=88, default_flow_style=None)
    lines = text.rstrip("\n").split("\n")
    if len(lines) > limit:
        lines = lines[:limit] + [f"# … (suite dans {file})" if file else "# …"]
    return "\n".join(lines)


def _values(field: Field, catalogue: str, catalog: Catalog) -> str:
    """Allowed values in words: the enum, or the ids a reference may name today."""
    item = field.item if field.is_list and field.item else field
    if item.enum:
        return ", ".join(f"`{v}` ({item.label(v)})" if item.label(v) != str(v) else f"`{v}`" for v in item.enum)
    if item.target:
        t = item.target
        ids = [str(e.get(t.key)) for e in catalog.list(t.catalogue) if t.only is None or e.get(t.only[0]) == t.only[1]]
        what = "un identifiant" if t.key == "id" else "un sigle"
        which = f" dont « {t.only[0]} » vaut « {t.only[1]} »" if t.only else ""
        return f"{what} d'une entrée de `data/{t.catalogue}.yaml`{which} : " + enumerate_fr([f"`{i}`" for i in ids], 12)
    return ""


def _example(field: Field, catalogue: str, catalog: Catalog):
    for entry in catalog.list(catalogue):
        value = entry.get(field.name)
        if value not in (None, [], {}):
            return value
    examples = field.schema.get("examples")
    return examples[0] if isinstance(examples, list) and examples else None


def _rows(field: Field, catalogue: str, catalog: Catalog, prefix: str = "", depth: int = 0) -> list[dict]:
    """Sub-fields of an object field (and of its list items, alternatives), flattened with paths."""
    rows = []
    node = field.item if field.is_list and field.item else field
    branches = node.alternatives or [node]
    for branch in branches:
        for child in branch.children:
            path = f"{prefix}{child.name}"
            rows.append({"path": path, "field": child, "allowed": _values(child, catalogue, catalog)})
            if depth < 3:
                rows += _rows(child, catalogue, catalog, path + ("[]." if child.is_list else "."), depth + 1)
    return rows


def schema_doc(root: Path, catalog: Catalog, catalogue: str, page_uri: str) -> str:
    schema = entry_schema(root / "schemas", catalogue)
    file = f"data/{catalogue}.yaml"
    fields = []
    for f in schema.entry_order():
        field = schema.field(f)
        example = _example(field, catalogue, catalog)
        fields.append(
            {
                "field": field,
                "allowed": _values(field, catalogue, catalog),
                "example": yaml_block(example, field.name, file=file) if example is not None else "",
                "rows": _rows(field, catalogue, catalog, field.name + ("[]." if field.is_list else ".")),
            }
        )
    first = catalog.list(catalogue)[0] if catalog.list(catalogue) else None
    full = (
        yaml_block([{k: v for k, v in first.items() if v is not None}], catalogue, limit=60, file=file) if first else ""
    )
    k = kind(catalogue)
    return render(
        "indexes/schema-doc.md.j2",
        page_uri,
        schema=schema,
        kind=k,
        fields=fields,
        file=file,
        count=len(catalog.list(catalogue)),
        full_example=full,
        fence=fence,
        fr=fr,
        first_id=first.get("id") if first else None,
    )


def schema_doc_index(root: Path, catalog: Catalog, page_uri: str) -> str:
    """The list of « Contribuer » catalogue pages (docs/contribuer/index.md)."""
    known = set(catalogue_names(root / "schemas"))
    rows = []
    for k in KINDS:
        if k.catalogue in known:
            s = entry_schema(root / "schemas", k.catalogue)
            rows.append(
                {
                    "kind": k,
                    "schema": s,
                    "count": len(catalog.list(k.catalogue)),
                    "required": len([f for f in s.fields if f.required]),
                    "total": len(s.fields),
                }
            )
    return render("indexes/schema-doc-index.md.j2", page_uri, rows=rows)
