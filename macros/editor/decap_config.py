"""The web editor's configuration (Decap CMS, /admin/config.yml), generated from schemas/ and data/.

    config = decap_config(ROOT / "schemas", catalogues, repo="org/depot")
    text = dump(config)

One Decap « files » collection per catalogue: the file ``data/<name>.yaml``
holds the mapping ``{<name>: [entries]}``, so each file has one ``list`` field
named after the catalogue whose ``fields`` are the entry's schema properties.
Labels are the schemas' ``title``, hints their ``description``, ``required``
and choices come from the schema (the choices' labels: the singular of its
``x-labels``, :mod:`macros.schema.labels`); the schemas are read by
:mod:`macros.schema.store`, which resolves every ``$ref``; fields that name entries of another
catalogue (the table of :mod:`macros.validate.cross_refs`) become selects whose options
are read from the data. What Decap cannot express (``not`` patterns, ``if``/
``then`` rules, uniqueness, cross-file rules) is left to the validator, which
runs on every build and pull request.

``python -m scripts.decap_config`` prints the configuration.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import yaml

from macros.core.paths import ROOT
from macros.model.site_address import public_url
from macros.schema.labels import labels_of
from macros.schema.relations import REFERENCES
from macros.schema.store import SchemaStore, load_schemas

# decap-server's port (`make edit`): Decap's default, which `local_backend: {}` reaches on the
# page's own host (http://127.0.0.1:8081/api/v1 when the site is served on 127.0.0.1).
PROXY_PORT = 8081
# Sidebar order of the editor; catalogues not listed follow in alphabetical order.
ORDER = (
    "formats",
    "practices",
    "testimonials",
    "partners",
    "protocols",
    "references",
    "diplomas",
    "glossary",
    "form_blocks",
    "sources",
)
FORMAT = "yaml-catalogue"  # registered by templates/admin/editor.js: rewrites only what changed
DATE_DEFS = ("date", "updated")  # _defs whose values are full YYYY-MM-DD dates
LONG_TEXT = 120  # a text field whose longest value exceeds this is edited in a text area
MARKDOWN = {
    "widget": "markdown",
    "modes": ["rich_text", "raw"],
    "editor_components": [],
    "buttons": ["bold", "italic", "link", "bulleted-list", "numbered-list"],
}
HINT = (
    "Cliquez sur la flèche d'une entrée pour l'ouvrir ; le bouton « Ajouter » en crée une nouvelle "
    "à la fin. Les modifications sont vérifiées à chaque construction du site."
)
SUMMARY_KEYS = ("title", "term", "quote", "label", "include", "text", "id")
COMMIT_MESSAGES = {
    "create": "Ajout dans {{collection}} : « {{slug}} »",
    "update": "Modification de {{collection}} : « {{slug}} »",
    "delete": "Suppression dans {{collection}} : « {{slug}} »",
    "uploadMedia": "Ajout du média « {{path}} »",
    "deleteMedia": "Suppression du média « {{path}} »",
    "openAuthoring": "{{message}}",
}


class _Schemas:
    """The schema reader's answers in the shape the builder needs."""

    def __init__(self, store: SchemaStore) -> None:
        self.store = store

    def catalogues(self) -> list[str]:
        names = self.store.catalogues
        return [n for n in ORDER if n in names] + sorted(n for n in names if n not in ORDER)

    def resolve(self, node: dict, resolver) -> tuple[dict, object, str | None]:
        """*node* with its `$ref` chain merged in (the referring node's keys win); the resolver
        for what it contains; the name of the shared definition (_defs) it uses."""
        merged = self.store.merged(node, resolver)
        return merged.schema, merged.resolver, merged.shared()


def _options(prop: dict) -> list[dict]:
    labels = labels_of(prop)
    return [{"label": labels[v].singular if v in labels else v, "value": v} for v in prop["enum"]]


def _display(entry: dict) -> str:
    for key in ("title", "term", "quote"):
        if isinstance(entry.get(key), str):
            text = " ".join(entry[key].split())
            return text if len(text) <= 70 else text[:69] + "…"
    return str(entry.get("id", ""))


class _Builder:
    def __init__(self, schemas: _Schemas, catalogues: dict[str, list[dict]]) -> None:
        self.schemas = schemas
        self.data = catalogues

    def ref_options(self, catalogue: str, path: str) -> list[dict] | None:
        """Select options for a field naming entries of another catalogue, read from the data."""
        for ref in REFERENCES:
            if ref.catalogue in ("*", catalogue) and ref.field == path:
                entries = self.data.get(ref.target, [])
                if ref.only:
                    entries = [e for e in entries if e.get(ref.only[0]) == ref.only[1]]
                options = [
                    {"label": f"{_display(e)} ({e[ref.key]})", "value": e[ref.key]}
                    for e in entries
                    if isinstance(e.get(ref.key), str)
                ]
                return options or None
        return None

    def values(self, catalogue: str, path: str) -> list[Any]:
        """Every value at *path* (``a.b[].c``, relative to one entry) in the catalogue's entries."""
        nodes: list[Any] = list(self.data.get(catalogue, []))
        for part in filter(None, path.split(".")):
            key, many = part.removesuffix("[]"), part.endswith("[]")
            nodes = [n[key] for n in nodes if isinstance(n, dict) and key in n]
            if many:
                nodes = [item for n in nodes if isinstance(n, list) for item in n]
        return nodes

    def longest(self, catalogue: str, path: str) -> int:
        """Length of the longest text at *path* (a text with a line break counts as long)."""
        return max((len(n) + 1000 * ("\n" in n) for n in self.values(catalogue, path) if isinstance(n, str)), default=0)

    def key_order(self, catalogue: str, prefix: str) -> list[str]:
        """Keys of the objects at *prefix* (``""``: the entries) in the order the data files use them."""
        order: list[str] = []
        for node in self.values(catalogue, prefix.rstrip(".")):
            keys = (
                [k for k, v in node.items() if v is not None] if isinstance(node, dict) else []
            )  # None: model default
            for i, key in enumerate(keys):
                if key not in order:  # right after the key that precedes it in this entry
                    order.insert(order.index(keys[i - 1]) + 1 if i else 0, key)
        return order

    def fields(self, schema: dict, resolver, catalogue: str, prefix: str) -> list[dict]:
        """One Decap field per property, in the data's key order (then the schema's for unused keys)."""
        required = set(schema.get("required", []))
        props = schema.get("properties", {})
        seen = [k for k in self.key_order(catalogue, prefix) if k in props]
        names = seen + [k for k in props if k not in seen]
        return [
            self.field(name, props[name], resolver, catalogue, f"{prefix}{name}", name in required) for name in names
        ]

    def field(self, name: str, prop: dict, resolver, catalogue: str, path: str, required: bool) -> dict:
        prop, resolver, def_name = self.schemas.resolve(prop, resolver)
        out: dict[str, Any] = {"name": name, "label": prop.get("title", name)}
        if prop.get("description"):
            out["hint"] = prop["description"]
        out.update(self.widget(prop, resolver, def_name, catalogue, path))
        is_list = out["widget"] == "list" or out.get("multiple")
        # Decap refuses an empty required list: a list that may be empty is optional in the form,
        # starts empty in a new entry, and yaml-roundtrip.js writes [] when it is emptied.
        out["required"] = bool(required and (not is_list or prop.get("minItems", 0) >= 1))
        if "default" in prop or (required and not out["required"]):
            out["default"] = prop.get("default", [])
        return out

    def widget(self, prop: dict, resolver, def_name: str | None, catalogue: str, path: str) -> dict:
        kind = prop.get("type")
        if kind == "array":
            return self.array(prop, resolver, catalogue, path)
        if kind == "object":
            return {
                "widget": "object",
                "collapsed": False,
                "fields": self.fields(prop, resolver, catalogue, f"{path}."),
            }
        if kind in ("integer", "number"):
            out = {"widget": "number", "value_type": "int" if kind == "integer" else "float"}
            if "minimum" in prop:
                out["min"] = prop["minimum"]
            if "maximum" in prop:
                out["max"] = prop["maximum"]
            return out | ({"step": 1} if kind == "integer" else {})
        if kind == "boolean":
            return {"widget": "boolean"}
        if "enum" in prop:
            return {"widget": "select", "options": _options(prop)}
        options = self.ref_options(catalogue, path)
        if options:
            return {"widget": "select", "options": options}
        if def_name in DATE_DEFS or prop.get("format") == "date":
            return {
                "widget": "datetime",
                "format": "YYYY-MM-DD",
                "date_format": "DD/MM/YYYY",
                "time_format": False,
                "picker_utc": True,
            }
        if def_name == "markdown":
            return dict(MARKDOWN)
        out: dict[str, Any] = {"widget": "text" if self.longest(catalogue, path) > LONG_TEXT else "string"}
        if "pattern" in prop:
            rule = self.schemas.store.definition("_defs.schema.json", def_name) if def_name else prop
            out["pattern"] = [prop["pattern"], f"Format attendu : {rule.get('description', prop['pattern'])}"]
        return out

    def array(self, prop: dict, resolver, catalogue: str, path: str) -> dict:
        items, items_resolver, _ = self.schemas.resolve(prop.get("items", {}), resolver)
        limits = {"min": prop["minItems"]} if prop.get("minItems") else {}
        limits |= {"max": prop["maxItems"]} if "maxItems" in prop else {}
        if "enum" in items:
            return {"widget": "select", "multiple": True, "options": _options(items)} | limits
        options = self.ref_options(catalogue, f"{path}[]")
        if options:
            return {"widget": "select", "multiple": True, "options": options} | limits
        variants = [self.schemas.resolve(v, items_resolver) for v in items.get("oneOf", [])]
        if variants:  # one form with every variant's fields, all optional
            merged: dict[str, Any] = {}
            for variant, _, _ in variants:
                merged.update({k: v for k, v in variant.get("properties", {}).items() if k not in merged})
            items = {"title": items.get("title") or variants[0][0].get("title"), "properties": merged}
            items_resolver = variants[0][1]
        out: dict[str, Any] = {"widget": "list", "collapsed": True}
        if items.get("type") == "object" or variants:
            out["fields"] = self.fields(items, items_resolver, catalogue, f"{path}[].")
            keys = [k for k in SUMMARY_KEYS if k in items.get("properties", {})]
            keys = [k for k in keys if k != "id"] if variants else keys[:1]  # a variant shows its title or include
            if keys:
                out["summary"] = "".join(f"{{{{fields.{k}}}}}" for k in keys)
        else:
            name = items.get("title", "Élément")
            out["field"] = self.field("item", prop.get("items", {}), resolver, catalogue, f"{path}[]", True)
            out["field"]["label"] = name
            out["collapsed"] = False
        if items.get("title"):
            out["label_singular"] = items["title"]
        return out | limits


def decap_config(
    schema_dir: Path,
    catalogues: dict[str, list[dict]],
    *,
    repo: str,
    branch: str = "main",
    base_url: str | None = None,
    site_url: str | None = None,
    proxy_url: str | None = None,
    data_dir: str = "data",
) -> dict:
    """The whole Decap configuration as a dict (see the module docstring)."""
    schemas = _Schemas(load_schemas(Path(schema_dir)))
    builder = _Builder(schemas, catalogues)
    collections = []
    for name in schemas.catalogues():
        top = schemas.store.doc(name)
        entries = top["properties"][name]
        items, items_resolver, _ = schemas.resolve(entries["items"], schemas.store.resolver(f"{name}.schema.json"))
        # paths (for cross-references and lengths) are relative to one entry, as in macros.validate.cross_refs
        singular = items.get("title", name)
        field = {
            "name": name,
            "label": entries.get("title", name),
            "label_singular": singular.lower(),
            "hint": HINT,
            "widget": "list",
            "collapsed": True,
            "add_to_top": False,
            "summary": "{{fields.%s}}" % next(k for k in SUMMARY_KEYS if k in items.get("properties", {})),
            "required": True,
            "fields": builder.fields(items, items_resolver, name, ""),
        }
        collections.append(
            {
                "name": name,
                "label": top.get("title", name),
                "label_singular": items.get("title", name),
                "description": top.get("description", ""),
                "editor": {"preview": False},
                "format": FORMAT,
                "files": [
                    {
                        "name": name,
                        "label": f"{top.get('title', name)} (fichier {data_dir}/{name}.yaml)",
                        "file": f"{data_dir}/{name}.yaml",
                        "fields": [field],
                    }
                ],
            }
        )
    backend: dict[str, Any] = {"name": "github", "repo": repo, "branch": branch, "commit_messages": COMMIT_MESSAGES}
    if base_url:
        backend["base_url"] = base_url
    config: dict[str, Any] = {
        "locale": "fr",
        "backend": backend,
        "publish_mode": "editorial_workflow",
        "media_folder": "docs/assets/medias",
        "public_folder": "/assets/medias",
    }
    public = public_url(site_url)
    if public:  # a published site: its address; the editor works through GitHub only
        config["site_url"] = config["display_url"] = public
    else:  # a development build (`make edit`): decap-server, on the page's host, no address written
        config["local_backend"] = {"url": proxy_url} if proxy_url else {}
    config["collections"] = collections
    return config


def field_order(config: dict) -> dict:
    """{catalogue: {field: sub-order | None}}: the form's key order, for entries written anew."""

    def tree(fields: list[dict]) -> dict:
        return {f["name"]: tree(f["fields"]) if "fields" in f else None for f in fields}

    return {c["name"]: tree(c["files"][0]["fields"][0]["fields"]) for c in config["collections"]}


class _NoAliases(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # libyaml: ten times faster
    def ignore_aliases(self, data: Any) -> bool:
        return True


def dump(config: dict) -> str:
    header = "# Generated by scripts/decap_config.py from schemas/ and data/ at each build: do not edit.\n"
    return header + yaml.dump(config, Dumper=_NoAliases, allow_unicode=True, sort_keys=False, width=1000)


def main() -> int:
    from macros.model.catalog import load_catalog

    catalog = load_catalog(ROOT)
    sys.stdout.write(dump(decap_config(ROOT / "schemas", catalog.data, repo="organisation/depot")))
    return 0
