"""The catalogue model: validated YAML data plus the cross-links computed once.

:func:`load_catalog` validates data/ and builds the model; a build calls it once, at
on_config (macros/glue/context.py), and every hook and macro reads the build's context.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from macros.core.errors import DataErrors
from macros.schema.labels import Label
from macros.schema.store import SchemaStore, load_schemas
from macros.validate.dataset import check_data_dir
from macros.validate.site import Site

# --- Data --------------------------------------------------------------------

# URL prefixes of generated pages: part of the permanent URLs, never change them.
FORMAT_DIR = "formats"
PRACTICE_DIR = "pratiques"


# --- Classes -----------------------------------------------------------------


@dataclass
class Catalog:
    """All catalogues, indexed by id, with the reverse links pages need."""

    root: Path
    data: dict[str, list[dict]]
    by_id: dict[str, dict[str, dict]] = field(default_factory=dict)
    diplomas_by_code: dict[str, dict] = field(default_factory=dict)
    practices_by_format: dict[str, list[dict]] = field(default_factory=dict)
    practices_by_diploma: dict[str, list[dict]] = field(default_factory=dict)
    testimonials_by_format: dict[str, list[dict]] = field(default_factory=dict)
    testimonials_by_practice: dict[str, list[dict]] = field(default_factory=dict)
    examples_of: dict[str, list[dict]] = field(default_factory=dict)
    formats_referencing: dict[str, list[dict]] = field(default_factory=dict)
    lines: dict[str, dict[str, int]] = field(default_factory=dict)  # catalogue -> id -> line of its entry
    schemas: SchemaStore | None = field(default=None, repr=False)  # the schemas the data was checked against
    _abbreviations: dict[str, str] | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        self.by_id = {name: {e["id"]: e for e in entries} for name, entries in self.data.items()}
        self.diplomas_by_code = {d["code"]: d for d in self.list("diplomas")}
        self.practices_by_format = _group(self.list("practices"), "formats")
        self.practices_by_diploma = _group(self.list("practices"), "diplomas")
        self.testimonials_by_format = _group(self.list("testimonials"), "formats")
        self.testimonials_by_practice = _group(self.list("testimonials"), "practices")
        self.formats_referencing = _group(self.list("formats"), "references")
        examples: dict[str, list[dict]] = defaultdict(list)
        for p in self.list("practices"):
            if p.get("part_of"):
                examples[p["part_of"]].append(p)
        self.examples_of = dict(examples)

    def list(self, name: str) -> list[dict]:
        return self.data.get(name, [])

    def get(self, name: str, entry_id: str) -> dict:
        return self.by_id[name][entry_id]

    def schema_store(self) -> SchemaStore:
        """The schemas the data was checked against (read from root/schemas if not given)."""
        if self.schemas is None:
            self.schemas = load_schemas(self.root / "schemas")
        return self.schemas

    def labels(self, name: str, field_path: str) -> dict[str, Label]:
        """Code -> French :class:`~macros.schema.labels.Label` of a closed vocabulary, from the schemas'
        ``x-labels``: ``catalog.labels("practices", "status")["evaluee"].singular`` is « Évaluée »."""
        return self.schema_store().labels(name, field_path)

    def label(self, name: str, field_path: str, code, form: str = "singular") -> str:
        """The French label of one *code* (*form*: singular, plural or short), for templates:
        ``{{ catalog.label("practices", "status", p.status) }}``."""
        return getattr(self.labels(name, field_path)[code], form)

    def line_of(self, name: str, entry_id: str) -> int | None:
        """The line of data/<name>.yaml where entry *entry_id* starts (« - id: … »), if known."""
        return self.lines.get(name, {}).get(entry_id)

    @property
    def formats(self) -> list[dict]:
        return sorted(self.list("formats"), key=lambda f: (f.get("order") or 999, f["title"]))

    def form_sections(self, fmt: dict) -> list[dict]:
        """The format's model form with shared blocks expanded in place."""
        blocks = self.by_id.get("form_blocks", {})
        sections = []
        for section in (fmt.get("form") or {}).get("sections") or []:
            if "include" in section:
                block = blocks[section["include"]]
                sections.append(
                    {
                        "id": block["id"],
                        "title": block["title"],
                        "help": block.get("help"),
                        "fields": block["fields"],
                        "shared": True,
                    }
                )
            else:
                sections.append(section)
        return sections

    def training_groups(self) -> list[dict]:
        """The diplomas' training conditions as side-by-side tables: one group per year of the
        texts that set them, newest first: {"year", "references": [texts], "by_code": {code: conditions}}."""
        groups: dict[str, dict] = {}
        for diploma in self.list("diplomas"):
            for conditions in diploma.get("training") or []:
                ref = self.get("references", conditions["reference"])
                group = groups.setdefault(str(ref["date"])[:4], {"references": [], "by_code": {}})
                if ref not in group["references"]:
                    group["references"].append(ref)
                group["by_code"].setdefault(diploma["code"], conditions)
        return [dict(year=year, **groups[year]) for year in sorted(groups, reverse=True)]

    def abbreviations(self) -> dict[str, str]:
        """Sigle -> expansion, for the hover titles and search terms of every page (computed once)."""
        if self._abbreviations is None:
            self._abbreviations = {
                g["term"]: g["expansion"]
                for g in self.list("glossary")
                if g.get("kind") == "sigle" and g.get("expansion")
            }
        return self._abbreviations


# --- Helper functions --------------------------------------------------------


def _group(entries: list[dict], key: str) -> dict[str, list[dict]]:
    grouped: dict[str, list[dict]] = defaultdict(list)
    for entry in entries:
        for target in entry.get(key) or []:
            grouped[target].append(entry)
    return dict(grouped)


def _complete(data: dict[str, list[dict]], schema_dir: Path) -> dict[str, list[dict]]:
    """Give every entry all its schema's fields (None when absent), so templates
    can test optional fields while still failing on a misspelt one."""
    store = load_schemas(schema_dir)
    for name, entries in data.items():
        fields = list(store.entry(name).schema.get("properties", {}))
        for entry in entries:
            for key in fields:
                entry.setdefault(key, None)
    return data


def _entry_lines(data: dict[str, list[dict]], positions: dict) -> dict[str, dict[str, int]]:
    """catalogue -> entry id -> the line where the entry starts, from the loader's marks."""
    lines = {}
    for name, entries in data.items():
        where = positions.get(name)
        if where is not None:
            lines[name] = {
                e["id"]: where.key((name, i))[0] for i, e in enumerate(entries) if isinstance(e, dict) and "id" in e
            }
    return lines


def load_catalog(root: Path, site: Site | None = None) -> Catalog:
    """Validate data/ under *root* and return the model; raise DataErrors if invalid.

    Nothing is cached here: a build loads the catalogue once, into its context
    (macros/glue/context.py), and hands it to whatever needs it. *site* (the build
    passes :func:`macros.pages.addresses.site_beside`) has the addresses checked too.
    """
    root = Path(root).resolve()
    positions: dict = {}
    data, errors = check_data_dir(root / "data", root / "schemas", root=root, positions=positions, site=site)
    if errors:
        raise DataErrors(errors)
    lines = _entry_lines(data, positions)  # before _complete adds keys; the marks are not kept
    return Catalog(
        root=root, data=_complete(data, root / "schemas"), lines=lines, schemas=load_schemas(root / "schemas")
    )
