"""Open-data exports of every catalogue (JSON, CSV) and of the schemas, built from data/.

:func:`exports` gives the files (site path, bytes) that the build hook
(hooks/feeds_exports.py) adds to the site under ``donnees/`` and that the
« Données » page lists with their sizes. Output depends only on data/ and
schemas/ (no clock, stable order), under Licence Ouverte 2.0.

* ``<catalogue>.json``: ``{"<catalogue>": [entries]}`` exactly as in the YAML
  file, so it validates against ``schemas/<catalogue>.schema.json``;
* ``<catalogue>.csv``: one row per entry, one column per top-level field (schema
  order); lists of texts joined with « ; », nested structures as JSON text; a
  cell that a spreadsheet would run as a formula (it begins with ``=``, ``+``,
  ``-``, ``@``, a tab or a carriage return) starts with an apostrophe instead,
  as OWASP's « CSV Injection » guidance recommends: the text shows, nothing runs;
* ``schemas/*.json``: the schemas, byte for byte.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from pathlib import Path

from macros.model.catalog import Catalog
from macros.model.kinds import KINDS
from macros.pages.render import render
from macros.schema.fields import catalogue_names, entry_schema

EXPORT_DIR = "donnees"
LICENCE = "Licence Ouverte / Open Licence version 2.0 (Etalab)"
LICENCE_URL = "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"
LIST_SEPARATOR = " ; "
# What makes a spreadsheet read a cell as a formula (OWASP, CSV Injection), with the
# full-width signs some spreadsheets also accept and a line feed for good measure.
FORMULA_START = tuple("=+-@\t\r\n\uff1d\uff0b\uff0d\uff20")


@dataclass(frozen=True)
class Export:
    path: str  # site path, e.g. "donnees/practices.csv"
    content: bytes
    catalogue: str
    format: str  # "json", "csv", "schema"

    @property
    def size(self) -> str:
        """Size in French units (« 12,4 Ko »)."""
        n = len(self.content)
        if n < 1024:
            return f"{n}\u00a0o"
        return f"{n / 1024:.1f}\u00a0Ko".replace(".", ",")


def entries(catalog: Catalog, schema_dir: Path, name: str) -> list[dict]:
    """The entries as written in data/ (fields the model filled with None left out)."""
    fields = set(entry_schema(schema_dir, name).names())
    return [{k: v for k, v in e.items() if v is not None and k in fields} for e in catalog.list(name)]


def to_json(name: str, rows: list[dict]) -> bytes:
    """`{"name": [entry, …]}` with one entry per line: readable and diffable, and written
    by json's C encoder (indent= makes json use its pure-Python one, 5 times slower)."""
    lines = ",\n".join(json.dumps(row, ensure_ascii=False) for row in rows)
    return f"{{{json.dumps(name)}: [{chr(10) + lines + chr(10) if rows else ''}]}}\n".encode()


def _cell(value) -> str:
    text = _text(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list) and all(isinstance(v, (str, int, float)) for v in value):
        return LIST_SEPARATOR.join(str(v) for v in value)
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def to_csv(columns: list[str], rows: list[dict]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row.get(c)) for c in columns])
    return out.getvalue().encode("utf-8")


def exports(root: Path, catalog: Catalog) -> list[Export]:
    """Every export file (the build makes them once and keeps them in its context)."""
    schema_dir = Path(root) / "schemas"
    out = []
    for name in catalogue_names(schema_dir):
        rows = entries(catalog, schema_dir, name)
        out.append(Export(f"{EXPORT_DIR}/{name}.json", to_json(name, rows), name, "json"))
        columns = entry_schema(schema_dir, name).entry_order()
        out.append(Export(f"{EXPORT_DIR}/{name}.csv", to_csv(columns, rows), name, "csv"))
    for path in sorted(schema_dir.glob("*.json")):
        out.append(Export(f"{EXPORT_DIR}/schemas/{path.name}", path.read_bytes(), path.name.split(".")[0], "schema"))
    return out


def open_data_page(root: Path, catalog: Catalog, page_uri: str, files: list[Export]) -> str:
    """The table of the « Données » page (docs/donnees.md), listing the export *files*."""
    by = {(e.catalogue, e.format): e for e in files}
    order = [k.catalogue for k in KINDS] + sorted({e.catalogue for e in files} - {k.catalogue for k in KINDS})
    rows = []
    for name in order:
        if (name, "json") not in by:
            continue
        s = entry_schema(Path(root) / "schemas", name)
        rows.append(
            {
                "name": name,
                "title": s.title,
                "count": len(catalog.list(name)),
                "json": by[(name, "json")],
                "csv": by[(name, "csv")],
                "schema": by[(name, "schema")],
                "doc": next((k.doc_slug for k in KINDS if k.catalogue == name), None),
            }
        )
    shared = [e for e in files if e.format == "schema" and e.catalogue.startswith("_")]
    return render(
        "indexes/open-data.md.j2",
        page_uri,
        rows=rows,
        shared=shared,
        licence=LICENCE,
        licence_url=LICENCE_URL,
        separator=LIST_SEPARATOR.strip(),
    )
