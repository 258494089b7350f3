"""The schemas of schemas/*.json, loaded once, and the check of one catalogue against its schema.

* Every ``schemas/*.json`` is read and checked against the JSON Schema 2020-12
  meta-schema; a broken schema becomes an error line, never a traceback.
* All are put in one :class:`referencing.Registry`, each under its file name
  and its ``$id``, so ``_defs.schema.json#/$defs/slug`` resolves.
  ``<name>.schema.json`` describes the whole file ``data/<name>.yaml``; files
  starting with ``_`` hold shared definitions.
* :meth:`SchemaSet.check`: the fast predicate first (:mod:`.schemafast`);
  only when it refuses, ``Draft202012Validator`` with the format checker
  (:mod:`.schemaformats`) lists every error, translated into French
  (:mod:`.schemamessages`) and thinned out (:mod:`.schemaissues`).
* Titles and descriptions of fields are looked up here (:meth:`SchemaSet.title`)
  by walking the schema along a data path, ``$ref`` and ``allOf`` included.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable
from urllib.parse import urljoin

from jsonschema import Draft202012Validator, validators
from jsonschema.exceptions import SchemaError
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from macros.core.errors import DataError, fr, path_str
from macros.validate.fast import compile_fast
from macros.schema.formats import FORMAT_CHECKER
from macros.validate.issues import Issue, leaves, remap, select
from macros.validate.messages import translate
from macros.schema.patterns import pattern_keyword

# Draft 2020-12 with « pattern » read as JSON Schema means it (ECMA-262: « $ » is the very end).
Validator = validators.extend(Draft202012Validator, {"pattern": pattern_keyword})


@dataclass
class CatalogueSchema:
    name: str
    file: str  # schema file, relative to root
    schema: dict
    validator: Draft202012Validator
    fast: Callable | None  # whole-document predicate, or None
    item_fast: Callable | None  # predicate for one entry, when entries may be checked apart
    fast_note: str = ""


class SchemaSet:
    """All schemas of a folder, loaded once; :meth:`check` validates one catalogue."""

    def __init__(self, schema_dir: Path, rel: Callable[[Path], str] = str) -> None:
        self.errors: list[DataError] = []
        self.catalogues: dict[str, CatalogueSchema] = {}
        self._parents: dict[int, dict] = {}
        contents: dict[str, dict] = {}
        files: dict[str, str] = {}
        for path in sorted(Path(schema_dir).glob("*.json")):
            shown = rel(path)
            schema = self._read(path, shown)
            if schema is not None:
                contents[path.name] = schema
                files[path.name] = shown
        self.registry = _registry(contents)
        for schema in contents.values():
            self._index_parents(schema)
        for fname, schema in contents.items():
            if fname.startswith("_") or not fname.endswith(".schema.json"):
                continue
            name = fname[: -len(".schema.json")]
            validator = Validator(schema, registry=self.registry, format_checker=FORMAT_CHECKER)
            fast, item_fast, note = compile_fast(name, schema, self._resolver(schema))
            self.catalogues[name] = CatalogueSchema(name, files[fname], schema, validator, fast, item_fast, note)

    def _read(self, path: Path, shown: str) -> dict | None:
        """The schema in *path*, or None with an error recorded (not UTF-8, not JSON, not 2020-12)."""
        try:
            schema = json.loads(path.read_text(encoding="utf-8"))
        except UnicodeDecodeError:
            self.errors.append(DataError(shown, 1, 1, "", fr("schéma illisible : le fichier n'est pas en UTF-8")))
            return None
        except json.JSONDecodeError as exc:
            self.errors.append(DataError(shown, exc.lineno, exc.colno, "", fr(f"schéma JSON invalide : {exc.msg}")))
            return None
        except OSError as exc:
            self.errors.append(DataError(shown, 1, 1, "", fr(f"schéma illisible : {exc.strerror}")))
            return None
        try:
            Draft202012Validator.check_schema(schema)
        except SchemaError as exc:
            where = path_str(exc.absolute_path) or "(racine)"
            self.errors.append(DataError(shown, 1, 1, "", fr(f"schéma non conforme à JSON Schema 2020-12 en {where} : {exc.message}")))
            return None
        if not isinstance(schema, dict):
            self.errors.append(DataError(shown, 1, 1, "", fr("schéma invalide : un objet JSON est attendu")))
            return None
        return schema

    # -- schema navigation ----------------------------------------------------

    def _index_parents(self, node) -> None:
        stack = [node]
        while stack:
            cur = stack.pop()
            children = cur.values() if isinstance(cur, dict) else cur
            for child in children:
                if isinstance(child, (dict, list)):
                    if isinstance(child, dict) and isinstance(cur, dict):
                        self._parents[id(child)] = cur
                    stack.append(child)

    def parent_of(self, schema) -> dict | None:
        """The schema object holding *schema* (for a then-clause: the one with its « if »)."""
        return self._parents.get(id(schema))

    def _resolver(self, schema: dict):
        base = schema.get("$id", "") if isinstance(schema, dict) else ""
        return self.registry.resolver(base_uri=base)

    def schemas_at(self, name: str, path) -> list[dict]:
        """Every subschema that applies to the value at *path* of catalogue *name*."""
        cat = self.catalogues.get(name)
        if cat is None:
            return []
        cands = _expand(cat.schema, self._resolver(cat.schema))
        for step in path:
            cands = [found for s, r in cands for found in _step(s, r, step)]
        return [s for s, _ in cands]

    def title(self, name: str, path, item_fallback: bool = True) -> str:
        """The French title of the field at *path* (the list's title for untitled items)."""
        for s in self.schemas_at(name, path):
            if isinstance(s.get("title"), str):
                return s["title"]
        if path and isinstance(path[-1], int) and item_fallback:
            return self.title(name, path[:-1])
        return str(path[-1]) if path else name

    def description(self, name: str, path) -> str:
        for s in self.schemas_at(name, path):
            if isinstance(s.get("description"), str):
                return s["description"]
        return ""

    # -- checking ---------------------------------------------------------------

    def check(self, name: str, doc: Any, positions, file: str, limit: int | None = None) -> list[DataError]:
        """Every schema error of catalogue *name* (document *doc* loaded from *file*).

        With *limit*, at most that many failing entries are explained (each has at
        least one error); the others are counted on one line, « … et au moins N
        autres erreurs dans ce fichier »: a broken file of any size costs bounded time.
        """
        cat = self.catalogues[name]
        if cat.fast is not None and cat.fast(doc):
            return []
        index_map = None
        instance = doc
        entries = doc.get(name) if isinstance(doc, dict) else None
        unexplained = 0
        # many entries, a few failing: jsonschema (slow) only sees those the entry predicate refuses
        if cat.item_fast is not None and isinstance(entries, list) and len(entries) > 20:
            failing = [i for i, e in enumerate(entries) if not cat.item_fast(e)]
            if limit is not None and len(failing) > limit:
                failing, unexplained = failing[:limit], len(failing) - limit
            if len(failing) < len(entries):
                instance = dict(doc)
                instance[name] = [entries[i] for i in failing]
                index_map = failing
        issues: list[Issue] = []
        for error in cat.validator.iter_errors(instance):
            for leaf in leaves(error):
                issues.extend(translate(self, name, leaf))
        if index_map is not None:
            remap(issues, name, index_map)
        out = []
        for issue in select(issues):
            line, col = positions.key(issue.path) if issue.at_key else positions.value(issue.path)
            out.append(DataError(file, line, col, path_str(issue.path), issue.message))
        if unexplained:
            line, col = positions.value((name, len(entries) - 1))
            out.append(DataError(file, line, col, "", f"… et au moins {unexplained} autres erreurs dans ce fichier"))
        return out


def _registry(contents: dict[str, dict]) -> Registry:
    """Every schema under its file name, its ``$id``, and its file name relative to every ``$id``."""
    resources = []
    bases = {""} | {s["$id"] for s in contents.values() if isinstance(s.get("$id"), str)}
    for fname, schema in contents.items():
        resource = Resource.from_contents(schema, default_specification=DRAFT202012)
        uris = {fname}
        if isinstance(schema.get("$id"), str):
            uris.add(schema["$id"])
        for base in bases:
            if base:
                uris.add(urljoin(base, fname))
        resources.extend((uri, resource) for uri in uris)
    return Registry().with_resources(resources)


def _expand(schema, resolver, depth: int = 0) -> list[tuple[dict, Any]]:
    """*schema* followed by what it refers to and its allOf/anyOf/oneOf branches."""
    if not isinstance(schema, dict) or depth > 20:
        return []
    out = [(schema, resolver)]
    if "$ref" in schema:
        try:
            resolved = resolver.lookup(schema["$ref"])
        except Exception:  # noqa: BLE001 - unresolvable: nothing more to say
            resolved = None
        if resolved is not None:
            out += _expand(resolved.contents, resolved.resolver, depth + 1)
    for kw in ("allOf", "anyOf", "oneOf"):
        for sub in schema.get(kw, []) if isinstance(schema.get(kw), list) else []:
            out += _expand(sub, resolver, depth + 1)
    return out


def _step(s: dict, r, step) -> list[tuple[dict, Any]]:
    """The subschemas (with their resolvers) of *s* for the key or index *step*."""
    if isinstance(step, str):
        out = []
        props = s.get("properties")
        if isinstance(props, dict) and step in props:
            out += _expand(props[step], r)
        for rx, sub in (s.get("patternProperties") or {}).items():
            if re.search(rx, step):
                out += _expand(sub, r)
        if isinstance(s.get("additionalProperties"), dict) and not (isinstance(props, dict) and step in props):
            out += _expand(s["additionalProperties"], r)
        return out
    prefix = s.get("prefixItems")
    if isinstance(prefix, list) and step < len(prefix):
        return _expand(prefix[step], r)
    if isinstance(s.get("items"), dict):
        return _expand(s["items"], r)
    return []
