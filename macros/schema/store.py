"""The one reader of ``schemas/``: every schema file read once, every ``$ref`` resolved by ``referencing``.

    store = load_schemas(ROOT / "schemas")          # the same object while the files' content is the same
    store.catalogues                                 # ["diplomas", "formats", …]
    store.entry("practices")                         # one entry's schema, its $ref chain merged
    store.title("practices", ("practices", 0, "status"))   # « Statut »
    store.labels("practices", "status")["evaluee"].singular  # « Évaluée »

* Every ``*.json`` of the folder is read and checked against the JSON Schema
  2020-12 meta-schema; a broken file becomes an error line (:attr:`SchemaStore.errors`),
  never a traceback. ``<name>.schema.json`` describes ``data/<name>.yaml``;
  files starting with ``_`` hold shared definitions.
* All are put in one :class:`referencing.Registry` under their file name, their
  ``$id`` and their file name relative to every ``$id``: ``_defs.schema.json#/$defs/slug``
  resolves from anywhere. Nothing else in the code base follows a ``$ref``.
* The French words of the model live in the schemas: ``title`` and ``description``
  of each field, ``x-entry`` (what one entry is called, :mod:`macros.french.nouns`)
  and ``x-labels`` beside each ``enum``, read by :mod:`.labels`.

:func:`load_schemas` reads the files' bytes on every call (a dozen small files)
and parses them only when they changed: the key is their content, so a long
``mkdocs serve`` never sees stale schemas and a build parses them once.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from jsonschema import Draft202012Validator
from jsonschema.exceptions import SchemaError
from referencing import Registry, Resource
from referencing.exceptions import Unresolvable
from referencing.jsonschema import DRAFT202012

from macros.core.errors import DataError, fr, path_str
from macros.schema.labels import Label, label_problems, labels_of

SUFFIX = ".schema.json"


@dataclass(frozen=True)
class Merged:
    """A schema node with its ``$ref`` chain merged under it (the node's own keywords win)."""

    schema: dict
    refs: tuple[str, ...]  # the names of the definitions followed, nearest first: ("markdown",)
    resolver: Any  # referencing resolver for the $refs inside *schema*
    file: str  # the schema file the last definition came from
    sources: tuple[str, ...] = ()  # the $refs followed, as written: ("_defs.schema.json#/$defs/markdown",)

    def shared(self, file: str = "_defs.schema.json") -> str | None:
        """The name of the first definition of *file* followed (« markdown »), if any."""
        for ref, name in zip(self.sources, self.refs):
            if ref.partition("#")[0] == file:
                return name
        return None


class SchemaStore:
    """Every schema of one folder (see the module docstring). Read-only once built."""

    def __init__(self, files: tuple[tuple[str, str, bytes | str], ...]) -> None:
        self.errors: list[DataError] = []
        self.docs: dict[str, dict] = {}  # file name -> schema, valid ones only
        self.shown: dict[str, str] = {}  # file name -> path shown in messages
        for name, shown, raw in files:
            schema = self._read(raw, shown)
            if schema is not None:
                self.docs[name], self.shown[name] = schema, shown
        self.registry = _registry(self.docs)
        self.catalogues = sorted(n[: -len(SUFFIX)] for n in self.docs if n.endswith(SUFFIX) and not n.startswith("_"))
        self._compiled: Any = None
        self._labels: dict[tuple[str, str], dict[Any, Label]] = {}

    def compiled(self, build: Callable[[SchemaStore], Any]) -> Any:
        """What *build* makes of these schemas (the validators: :func:`.sets.schema_set`), made once."""
        if self._compiled is None:
            self._compiled = build(self)
        return self._compiled

    def _read(self, raw: bytes | str, shown: str) -> dict | None:
        """The schema in *raw* (a text: why the file could not be read), or None with an error recorded."""
        if isinstance(raw, str):
            self.errors.append(DataError(shown, 1, 1, "", fr(f"schéma illisible : {raw}")))
            return None
        schema, problems = _decoded(raw)
        for line, col, problem in problems:
            self.errors.append(DataError(shown, line, col, "", fr(problem)))
        return None if problems else schema

    # -- resolution ---------------------------------------------------------------

    def doc(self, catalogue: str) -> dict:
        """The whole schema of ``data/<catalogue>.yaml``."""
        return self.docs[catalogue + SUFFIX]

    def resolver(self, file: str):
        schema = self.docs.get(file, {})
        return self.registry.resolver(base_uri=schema.get("$id", file) if isinstance(schema.get("$id"), str) else file)

    def merged(self, node: Any, resolver, file: str = "", depth: int = 0) -> Merged:
        """*node* with what its ``$ref`` names merged under it, recursively (referring keys win)."""
        if not isinstance(node, dict):
            return Merged({}, (), resolver, file)
        if "$ref" not in node or depth > 20:
            return Merged(node, (), resolver, file)
        ref = node["$ref"]
        resolved = resolver.lookup(ref)
        target = ref.partition("#")[0]
        inner = self.merged(resolved.contents, resolved.resolver, target or file, depth + 1)
        out = dict(inner.schema)
        out.update((k, v) for k, v in node.items() if k != "$ref")
        name = ref.rstrip("/").rsplit("/", 1)[-1]
        return Merged(out, (name,) + inner.refs, inner.resolver, inner.file, (ref,) + inner.sources)

    def definition(self, file: str, name: str) -> dict:
        """A shared definition as written (``definition("_defs.schema.json", "slug")``)."""
        return self.docs.get(file, {}).get("$defs", {}).get(name, {})

    def entry(self, catalogue: str) -> Merged:
        """The schema of one entry of *catalogue* (the items of its list)."""
        file = catalogue + SUFFIX
        items = self.doc(catalogue)["properties"][catalogue]["items"]
        return self.merged(items, self.resolver(file), file)

    # -- navigation along a data path -------------------------------------------------

    def schemas_at(self, catalogue: str, path) -> list[dict]:
        """Every subschema that applies to the value at *path* of catalogue *catalogue*."""
        if catalogue not in self.catalogues:
            return []
        file = catalogue + SUFFIX
        cands = self._expand(self.docs[file], self.resolver(file))
        for step in path:
            cands = [found for s, r in cands for found in self._step(s, r, step)]
        return [s for s, _ in cands]

    def title(self, catalogue: str, path, item_fallback: bool = True) -> str:
        """The French title of the field at *path* (the list's title for untitled items)."""
        for s in self.schemas_at(catalogue, path):
            if isinstance(s.get("title"), str):
                return s["title"]
        if path and isinstance(path[-1], int) and item_fallback:
            return self.title(catalogue, path[:-1])
        return str(path[-1]) if path else catalogue

    def description(self, catalogue: str, path) -> str:
        for s in self.schemas_at(catalogue, path):
            if isinstance(s.get("description"), str):
                return s["description"]
        return ""

    def labels(self, catalogue: str, field: str) -> dict[Any, Label]:
        """The French labels of the values of an entry's *field* (``"status"``, ``"in_force.confidence"``)."""
        key = (catalogue, field)
        if key not in self._labels:  # asked for every page: walked once
            path = (catalogue, 0, *field.split("."))
            found = [labels_of(s) for s in self.schemas_at(catalogue, path)]
            self._labels[key] = next((f for f in found if f), {})
        return self._labels[key]

    @cached_property
    def _parents(self) -> dict[int, dict]:
        parents: dict[int, dict] = {}
        stack: list = list(self.docs.values())
        while stack:
            cur = stack.pop()
            for child in cur.values() if isinstance(cur, dict) else cur:
                if isinstance(child, (dict, list)):
                    if isinstance(child, dict) and isinstance(cur, dict):
                        parents[id(child)] = cur
                    stack.append(child)
        return parents

    def parent_of(self, schema) -> dict | None:
        """The schema object holding *schema* (for a then-clause: the one with its « if »)."""
        return self._parents.get(id(schema))

    def _expand(self, schema, resolver, depth: int = 0) -> list[tuple[dict, Any]]:
        """*schema* followed by what it refers to and its allOf/anyOf/oneOf branches."""
        if not isinstance(schema, dict) or depth > 20:
            return []
        out = [(schema, resolver)]
        if isinstance(schema.get("$ref"), str):
            try:
                resolved = resolver.lookup(schema["$ref"])
            except Unresolvable:
                resolved = None
            if resolved is not None:
                out += self._expand(resolved.contents, resolved.resolver, depth + 1)
        for kw in ("allOf", "anyOf", "oneOf"):
            for sub in schema.get(kw, []) if isinstance(schema.get(kw), list) else []:
                out += self._expand(sub, resolver, depth + 1)
        return out

    def _step(self, s: dict, r, step) -> list[tuple[dict, Any]]:
        """The subschemas (with their resolvers) of *s* for the key or index *step*."""
        if isinstance(step, str):
            out = []
            props = s.get("properties")
            if isinstance(props, dict) and step in props:
                out += self._expand(props[step], r)
            for rx, sub in (s.get("patternProperties") or {}).items():
                if re.search(rx, step):
                    out += self._expand(sub, r)
            if isinstance(s.get("additionalProperties"), dict) and not (isinstance(props, dict) and step in props):
                out += self._expand(s["additionalProperties"], r)
            return out
        prefix = s.get("prefixItems")
        if isinstance(prefix, list) and step < len(prefix):
            return self._expand(prefix[step], r)
        if isinstance(s.get("items"), dict):
            return self._expand(s["items"], r)
        return []


def load_schemas(schema_dir: Path, rel: Callable[[Path], str] = str) -> SchemaStore:
    """The schemas of *schema_dir*, parsed once per content (*rel* gives the paths shown in errors)."""
    files = []
    for path in sorted(Path(schema_dir).glob("*.json")):
        try:
            raw = path.read_bytes()
        except OSError as exc:
            raw = str(exc.strerror)  # reported by the store
        files.append((path.name, rel(path), raw))
    return _parse(tuple(files))


@lru_cache(maxsize=64)
def _decoded(raw: bytes) -> tuple[Any, tuple[tuple[int, int, str], ...]]:
    """The schema file *raw* decoded and checked against JSON Schema 2020-12 and the labels' rules:
    (schema, problems as (line, column, French text)). Once per content: the validator and the
    pages name the files differently (:func:`load_schemas`' *rel*), and the check is the costly part."""
    try:
        schema = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        return None, ((1, 1, "schéma illisible : le fichier n'est pas en UTF-8"),)
    except json.JSONDecodeError as exc:
        return None, ((exc.lineno, exc.colno, f"schéma JSON invalide : {exc.msg}"),)
    try:
        Draft202012Validator.check_schema(schema)
    except SchemaError as exc:
        where = path_str(exc.absolute_path) or "(racine)"
        return None, ((1, 1, f"schéma non conforme à JSON Schema 2020-12 en {where} : {exc.message}"),)
    if not isinstance(schema, dict):
        return None, ((1, 1, "schéma invalide : un objet JSON est attendu"),)
    return schema, tuple((1, 1, f"schéma invalide en {problem}") for problem in label_problems(schema))


@lru_cache(maxsize=4)
def _parse(files: tuple[tuple[str, str, bytes | str], ...]) -> SchemaStore:
    return SchemaStore(files)


def _registry(contents: dict[str, dict]) -> Registry:
    """Every schema under its file name, its ``$id``, and its file name relative to every ``$id``."""
    resources = []
    bases = {s["$id"] for s in contents.values() if isinstance(s.get("$id"), str)}
    for fname, schema in contents.items():
        resource = Resource.from_contents(schema, default_specification=DRAFT202012)
        uris = {fname} | {urljoin(base, fname) for base in bases}
        if isinstance(schema.get("$id"), str):
            uris.add(schema["$id"])
        resources.extend((uri, resource) for uri in uris)
    return Registry().with_resources(resources)
