"""The fields of a catalogue entry, read from schemas/*.json (never listed by hand).

Used by everything that explains or asks for fields: the « Contribuer » pages
(:mod:`.schemadoc`), ``make new`` (:mod:`macros.authoring.new_entry`), the GitHub issue
forms (:mod:`macros.authoring.issue_forms`) and the CSV exports (:mod:`.exports`).

    schema = entry_schema(Path("schemas"), "practices")
    for f in schema.fields: f.name, f.title, f.required, f.enum, f.ref …

A field's ``$ref`` chain (``_defs.schema.json#/$defs/markdown``…) is merged by
the schema reader (:meth:`macros.schema.store.SchemaStore.merged`), the field's
own keywords winning, and the names of the shared definitions it uses are kept
(``refs``) so that the kind of value (Markdown, date…) is known. The French
labels of an enum's values are the schema's ``x-labels`` (:attr:`Field.labels`).
Which catalogue a field points to comes from :data:`macros.schema.relations.REFERENCES`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from macros.french.nouns import Noun, noun_of
from macros.schema.labels import Label, labels_of
from macros.schema.relations import REFERENCES
from macros.schema.store import SchemaStore, load_schemas

# Fields every entry shares, listed last in a new entry (as in data/*.yaml).
COMMON_LAST = ("keywords", "source", "source_detail", "updated")

_TYPE_LABELS = {
    "slug": "identifiant (minuscules, chiffres, tirets)",
    "source_id": "identifiant d'une source",
    "text": "texte court",
    "markdown": "texte mis en forme (Markdown)",
    "date": "date AAAA-MM-JJ",
    "updated": "date AAAA-MM-JJ",
    "partial_date": "date AAAA, AAAA-MM ou AAAA-MM-JJ",
    "url": "adresse web (http:// ou https://)",
    "diploma_code": "sigle de diplôme (majuscules)",
    "source_detail": "texte court",
    "form_field": "champ de fiche modèle",
    "form_section": "rubrique de fiche modèle",
    "form_include": "rubrique commune incluse",
}
_JSON_TYPES = {
    "string": "texte",
    "integer": "nombre entier",
    "number": "nombre",
    "boolean": "oui / non (true / false)",
    "object": "ensemble de champs",
    "array": "liste",
}


@dataclass(frozen=True)
class Target:
    """The catalogue whose entries a field names (``formats[]`` -> formats ids)."""

    catalogue: str
    key: str  # "id" or "code"
    only: tuple[str, str] | None = None  # (field, value) the target entries must have


@dataclass
class Field:
    name: str
    schema: dict  # merged keywords of the field
    required: bool = False
    condition: str = ""  # « obligatoire quand « kind » vaut « exemple » »
    refs: tuple[str, ...] = ()  # shared definitions used, e.g. ("markdown",)
    item: Field | None = None  # the items of a list
    children: list[Field] = field(default_factory=list)  # sub-fields of an object
    alternatives: list[Field] = field(default_factory=list)  # oneOf/anyOf branches
    target: Target | None = None

    @property
    def title(self) -> str:
        return self.schema.get("title", self.name)

    @property
    def description(self) -> str:
        return self.schema.get("description", "")

    @property
    def type(self) -> str:
        t = self.schema.get("type")
        if t is None and self.alternatives:
            return "object"
        return t if isinstance(t, str) else "string"

    @property
    def enum(self) -> list | None:
        return self.schema.get("enum")

    @property
    def labels(self) -> dict:
        """Code -> :class:`~macros.schema.labels.Label` of the enum's values (the schema's ``x-labels``)."""
        return labels_of(self.schema)

    def label(self, value) -> str:
        """The French label of one value (singular; the value itself when the schema gives none)."""
        found: Label | None = self.labels.get(value)
        return found.singular if found else str(value)

    @property
    def is_list(self) -> bool:
        return self.type == "array"

    @property
    def min_items(self) -> int:
        return int(self.schema.get("minItems", 0))

    @property
    def markdown(self) -> bool:
        return "markdown" in self.refs

    @property
    def is_date(self) -> bool:
        return self.schema.get("format") == "date"

    def type_label(self) -> str:
        """The kind of value, in French (« liste de textes courts »…)."""
        if self.is_list and self.item is not None:
            return f"liste, un élément par tiret : {self.item.type_label()}"
        if self.target is not None:
            return (
                f"identifiant d'une entrée de data/{self.target.catalogue}.yaml"
                if self.target.key == "id"
                else f"sigle d'une entrée de data/{self.target.catalogue}.yaml"
            )
        if self.enum:
            return "une valeur de la liste"
        for ref in self.refs:
            if ref in _TYPE_LABELS:
                return _TYPE_LABELS[ref]
        return _JSON_TYPES.get(self.type, self.type)


@dataclass
class Condition:
    """``if <field> in values then required/forbidden`` from an entry's allOf."""

    field: str
    values: tuple
    required: tuple[str, ...] = ()
    forbidden: tuple[str, ...] = ()

    def applies(self, entry: dict) -> bool:
        return entry.get(self.field) in self.values


@dataclass
class EntrySchema:
    catalogue: str
    title: str  # of the file (« Pratiques et expérimentations »)
    description: str
    entry_title: str  # of one entry (« Pratique »)
    entry_description: str
    fields: list[Field]
    conditions: list[Condition]
    file: str  # schemas/<name>.schema.json
    noun: Noun | None = None  # what one entry is called (« diplôme », masculine): the schema's x-entry

    def field(self, name: str) -> Field:
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(name)

    def names(self) -> list[str]:
        return [f.name for f in self.fields]

    def entry_order(self) -> list[str]:
        """Field order of an entry as written in data/: id, own fields, then the common ones."""
        own = [n for n in self.names() if n not in COMMON_LAST and n != "id"]
        return ["id"] + own + [n for n in COMMON_LAST if n in self.names()]

    def required_for(self, entry: dict) -> list[str]:
        """Required field names given the values already in *entry* (conditions applied)."""
        names = [f.name for f in self.fields if f.required]
        for cond in self.conditions:
            if cond.applies(entry):
                names += [n for n in cond.required if n not in names]
        return [n for n in self.entry_order() if n in names]

    def forbidden_for(self, entry: dict) -> set[str]:
        return {n for c in self.conditions if c.applies(entry) for n in c.forbidden}


# --- Loading -------------------------------------------------------------------


class _Reader:
    def __init__(self, store: SchemaStore) -> None:
        self.store = store

    def field(self, catalogue: str, name: str, node: dict, resolver, path: str, depth: int = 0) -> Field:
        merged = self.store.merged(node, resolver)
        schema = merged.schema
        f = Field(name, schema, refs=merged.refs, target=_target(catalogue, path))
        if depth > 6:
            return f
        items = schema.get("items")
        if isinstance(items, dict):
            f.item = self.field(catalogue, name, items, merged.resolver, path + "[]", depth + 1)
        for kw in ("oneOf", "anyOf"):
            for alt in schema.get(kw) or []:
                f.alternatives.append(self.field(catalogue, name, alt, merged.resolver, path, depth + 1))
        required = set(schema.get("required") or [])
        for sub, sub_node in (schema.get("properties") or {}).items():
            child = self.field(catalogue, sub, sub_node, merged.resolver, f"{path}.{sub}", depth + 1)
            child.required = sub in required
            f.children.append(child)
        return f


def _target(catalogue: str, path: str) -> Target | None:
    for rule in REFERENCES:
        if rule.catalogue in ("*", catalogue) and rule.field == path:
            return Target(rule.target, rule.key, rule.only)
    return None


def _conditions(entry: dict) -> list[Condition]:
    out = []
    for branch in entry.get("allOf") or []:
        cond = branch.get("if", {}).get("properties", {})
        if len(cond) != 1:
            continue
        ((name, test),) = cond.items()
        values = (test["const"],) if "const" in test else tuple(test.get("enum") or ())
        then = branch.get("then", {})
        out.append(
            Condition(
                name, values, tuple(then.get("required") or ()), tuple((then.get("not") or {}).get("required") or ())
            )
        )
    return out


def catalogue_names(schema_dir: Path) -> list[str]:
    """Every catalogue that has a schema (files starting with « _ » hold shared definitions)."""
    return list(load_schemas(schema_dir).catalogues)


def entry_schema(schema_dir: Path, catalogue: str) -> EntrySchema:
    return entry_schema_of(load_schemas(schema_dir), catalogue)


@lru_cache(maxsize=64)
def entry_schema_of(store: SchemaStore, catalogue: str) -> EntrySchema:
    """The fields of one entry of *catalogue* (computed once per store: the store is immutable)."""
    file = f"{catalogue}.schema.json"
    doc = store.doc(catalogue)
    merged = store.entry(catalogue)
    entry = merged.schema
    reader = _Reader(store)
    required = set(entry.get("required") or [])
    conditions = _conditions(entry)
    fields = []
    for name, node in entry["properties"].items():
        f = reader.field(catalogue, name, node, merged.resolver, name)
        f.required = name in required
        when = [c for c in conditions if name in c.required]
        if when:
            f.condition = " ; ".join(
                f"obligatoire quand « {c.field} » vaut " + " ou ".join(f"« {v} »" for v in c.values) for c in when
            )
        forbid = [c for c in conditions if name in c.forbidden]
        if forbid:
            f.condition = " ; ".join(
                filter(
                    None,
                    [f.condition]
                    + [f"absent quand « {c.field} » vaut " + " ou ".join(f"« {v} »" for v in c.values) for c in forbid],
                )
            )
        fields.append(f)
    return EntrySchema(
        catalogue,
        doc.get("title", catalogue),
        doc.get("description", ""),
        entry.get("title", catalogue),
        entry.get("description", ""),
        fields,
        conditions,
        f"schemas/{file}",
        noun_of(doc),
    )
