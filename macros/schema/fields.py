"""The fields of a catalogue entry, read from schemas/*.json (never listed by hand).

Used by everything that explains or asks for fields: the « Contribuer » pages
(:mod:`.schemadoc`), ``make new`` (:mod:`macros.authoring.new_entry`), the GitHub issue
forms (:mod:`macros.authoring.issue_forms`) and the CSV exports (:mod:`.exports`).

    schema = entry_schema(Path("schemas"), "practices")
    for f in schema.fields: f.name, f.title, f.required, f.enum, f.ref …

A field's ``$ref`` chain (``_defs.schema.json#/$defs/markdown``…) is merged,
the field's own keywords winning, and the names of the shared definitions it
uses are kept (``refs``) so that the kind of value (Markdown, date…) is known.
Which catalogue a field points to comes from :data:`macros.validate.cross_refs.REFERENCES`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from macros.validate.cross_refs import REFERENCES
from macros.french.nouns import Noun, noun_of

# Display labels of closed vocabularies, where the model has them (macros/catalog.py).
from macros.model.catalog import ACTORS, PRACTICE_KINDS, REFERENCE_KINDS, STATUSES

ENUM_LABELS = {
    ("testimonials", "actor"): ACTORS,
    ("practices", "status"): STATUSES,
    ("practices", "kind"): PRACTICE_KINDS,
    ("references", "kind"): REFERENCE_KINDS,
}
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
    "string": "texte", "integer": "nombre entier", "number": "nombre", "boolean": "oui / non (true / false)",
    "object": "ensemble de champs", "array": "liste",
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
    item: "Field | None" = None  # the items of a list
    children: list["Field"] = field(default_factory=list)  # sub-fields of an object
    alternatives: list["Field"] = field(default_factory=list)  # oneOf/anyOf branches
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
            return f"identifiant d'une entrée de data/{self.target.catalogue}.yaml" if self.target.key == "id" else \
                f"sigle d'une entrée de data/{self.target.catalogue}.yaml"
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


class _Resolver:
    def __init__(self, schema_dir: Path) -> None:
        self.docs = {p.name: json.loads(p.read_text(encoding="utf-8")) for p in sorted(schema_dir.glob("*.json"))}

    def merged(self, node: dict, file: str, depth: int = 0) -> tuple[dict, tuple[str, ...], str]:
        """(*node* with its $ref chain merged under it, names of the $defs used, file of the last ref)."""
        if not isinstance(node, dict) or "$ref" not in node or depth > 10:
            return (node if isinstance(node, dict) else {}), (), file
        ref_file, _, pointer = node["$ref"].partition("#")
        ref_file = ref_file or file
        target = self.docs[ref_file]
        for part in pointer.strip("/").split("/"):
            if part:
                target = target[part]
        base, refs, last = self.merged(target, ref_file, depth + 1)
        name = pointer.rstrip("/").rsplit("/", 1)[-1]
        out = dict(base)
        out.update({k: v for k, v in node.items() if k != "$ref"})
        return out, (name,) + refs, last

    def field(self, catalogue: str, name: str, node: dict, file: str, path: str, depth: int = 0) -> Field:
        schema, refs, file = self.merged(node, file)
        f = Field(name, schema, refs=refs, target=_target(catalogue, path))
        if depth > 6:
            return f
        items = schema.get("items")
        if isinstance(items, dict):
            f.item = self.field(catalogue, name, items, file, path + "[]", depth + 1)
        for kw in ("oneOf", "anyOf"):
            for alt in schema.get(kw) or []:
                f.alternatives.append(self.field(catalogue, name, alt, file, path, depth + 1))
        required = set(schema.get("required") or [])
        for sub, sub_node in (schema.get("properties") or {}).items():
            child = self.field(catalogue, sub, sub_node, file, f"{path}.{sub}", depth + 1)
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
        (name, test), = cond.items()
        values = (test["const"],) if "const" in test else tuple(test.get("enum") or ())
        then = branch.get("then", {})
        out.append(Condition(name, values, tuple(then.get("required") or ()),
                             tuple((then.get("not") or {}).get("required") or ())))
    return out


def catalogue_names(schema_dir: Path) -> list[str]:
    """Every catalogue that has a schema (files starting with « _ » hold shared definitions)."""
    return sorted(p.name[: -len(".schema.json")] for p in Path(schema_dir).glob("*.schema.json") if not p.name.startswith("_"))


def entry_schema(schema_dir: Path, catalogue: str) -> EntrySchema:
    schema_dir = Path(schema_dir).resolve()
    stamp = tuple((p.name, p.read_bytes()) for p in sorted(schema_dir.glob("*.json")))  # keyed by content
    return _entry_schema(schema_dir, catalogue, stamp)


@lru_cache(maxsize=64)
def _entry_schema(schema_dir: Path, catalogue: str, _stamp: tuple) -> EntrySchema:
    resolver = _Resolver(schema_dir)
    file = f"{catalogue}.schema.json"
    doc = resolver.docs[file]
    entry, _, entry_file = resolver.merged(doc["properties"][catalogue]["items"], file)
    required = set(entry.get("required") or [])
    conditions = _conditions(entry)
    fields = []
    for name, node in entry["properties"].items():
        f = resolver.field(catalogue, name, node, entry_file, name)
        f.required = name in required
        when = [c for c in conditions if name in c.required]
        if when:
            f.condition = " ; ".join(
                f"obligatoire quand « {c.field} » vaut " + " ou ".join(f"« {v} »" for v in c.values) for c in when)
        forbid = [c for c in conditions if name in c.forbidden]
        if forbid:
            f.condition = " ; ".join(filter(None, [f.condition] + [
                f"absent quand « {c.field} » vaut " + " ou ".join(f"« {v} »" for v in c.values) for c in forbid]))
        fields.append(f)
    return EntrySchema(catalogue, doc.get("title", catalogue), doc.get("description", ""),
                       entry.get("title", catalogue), entry.get("description", ""), fields, conditions,
                       f"schemas/{file}", noun_of(doc))


def enum_label(catalogue: str, field_name: str, value) -> str:
    """French label of an enum value (the value itself when the model has none)."""
    return ENUM_LABELS.get((catalogue, field_name), {}).get(value, str(value))
