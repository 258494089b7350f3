"""The check of one catalogue against its schema: jsonschema-rs says « valid? », jsonschema explains why not.

    schemas = schema_set(ROOT / "schemas")      # compiled once per content of the schema files
    errors = schemas.check("practices", doc, positions, "data/practices.yaml")

* The schemas come from the one reader, :mod:`.store` (``$ref`` resolution,
  titles, descriptions and labels are its business; :class:`SchemaSet` passes
  those questions on, for :mod:`macros.validate.messages`).
* :meth:`SchemaSet.check`: jsonschema-rs (compiled, fast) first; a valid
  catalogue — the usual case — never reaches jsonschema. When it refuses, only
  the entries it refuses go to ``Draft202012Validator``, which lists every error,
  translated into French (:mod:`macros.validate.messages`) and thinned out
  (:mod:`macros.validate.issues`).
* Both validators get the very same formats (:mod:`.formats`: the functions
  jsonschema's checker uses, « partial-date » included; a format jsonschema does
  not check is not checked by jsonschema-rs either) and read ``pattern`` as
  ECMA-262 (jsonschema-rs natively, jsonschema through :func:`.patterns.ecma`),
  so they give the same verdict on every value (tests/unit/test_schema_agreement.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jsonschema_rs
from jsonschema import Draft202012Validator, validators

from macros.core.errors import DataError, path_str
from macros.schema.formats import FORMAT_CHECKER, format_functions
from macros.schema.patterns import pattern_keyword
from macros.schema.store import SUFFIX, SchemaStore, load_schemas
from macros.validate.issues import Issue, leaves, remap, select
from macros.validate.messages import translate

# Draft 2020-12 with « pattern » read as JSON Schema means it (ECMA-262: « $ » is the very end).
Validator = validators.extend(Draft202012Validator, {"pattern": pattern_keyword})
# Keywords that constrain a value (any other is an annotation: title, x-labels…).
VALIDATING = set(Draft202012Validator.VALIDATORS)


@dataclass
class CatalogueSchema:
    name: str
    file: str  # schema file, as shown in messages
    schema: dict
    validator: Draft202012Validator  # explains
    fast: Callable[[Any], bool] | None  # the whole document valid? (jsonschema-rs); None: jsonschema only
    item_fast: Callable[[Any], bool] | None  # one entry valid?, when entries may be checked apart


class SchemaSet:
    """The catalogue schemas of a :class:`~.store.SchemaStore`, compiled; :meth:`check` validates one catalogue."""

    def __init__(self, store: SchemaStore) -> None:
        self.store = store
        self.errors: list[DataError] = store.errors
        self.registry = store.registry
        formats = format_functions(store.docs.values())
        rs_registry = jsonschema_rs.Registry(list(store.docs.items()))
        self.catalogues: dict[str, CatalogueSchema] = {}
        for name in store.catalogues:
            file = name + SUFFIX
            schema = store.docs[file]
            validator = Validator(schema, registry=store.registry, format_checker=FORMAT_CHECKER)
            fast, item_fast = _compiled(name, schema, file, rs_registry, formats)
            self.catalogues[name] = CatalogueSchema(name, store.shown[file], schema, validator, fast, item_fast)

    # -- what the messages ask (the store answers) ------------------------------------

    def schemas_at(self, name: str, path) -> list[dict]:
        return self.store.schemas_at(name, path)

    def title(self, name: str, path, item_fallback: bool = True) -> str:
        return self.store.title(name, path, item_fallback)

    def description(self, name: str, path) -> str:
        return self.store.description(name, path)

    def parent_of(self, schema) -> dict | None:
        return self.store.parent_of(schema)

    # -- checking ---------------------------------------------------------------

    def check(self, name: str, doc: Any, positions, file: str, limit: int | None = None) -> list[DataError]:
        """Every schema error of catalogue *name* (document *doc* loaded from *file*).

        With *limit*, at most that many failing entries are explained (each has at
        least one error); the others are counted on one line, « … et au moins N
        autres erreurs dans ce fichier »: a broken file of any size costs bounded time.
        """
        cat = self.catalogues[name]
        if cat.fast is not None and _verdict(cat.fast, doc):
            return []
        index_map = None
        instance = doc
        entries = doc.get(name) if isinstance(doc, dict) else None
        unexplained = 0
        # many entries, a few failing: jsonschema (slow) only sees those jsonschema-rs refuses
        if cat.item_fast is not None and isinstance(entries, list) and len(entries) > 20:
            failing = [i for i, e in enumerate(entries) if not _verdict(cat.item_fast, e)]
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


def _verdict(fast: Callable[[Any], bool], value: Any) -> bool:
    """jsonschema-rs's verdict. It takes exact JSON types only: texts the loader marked (a str
    subclass, :class:`macros.load.scalars.Ambiguous`) are passed as plain texts; anything else
    it cannot take counts as refused, and jsonschema decides."""
    try:
        return fast(value)
    except ValueError:
        pass
    try:
        return fast(_plain(value))
    except (ValueError, TypeError, OverflowError, RecursionError):
        return False


def _plain(value: Any) -> Any:
    """*value* with every text a plain ``str`` (what JSON would give)."""
    if isinstance(value, str):
        return str(value)
    if isinstance(value, dict):
        return {_plain(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _compiled(name: str, schema: dict, file: str, registry, formats: dict) -> tuple[Callable | None, Callable | None]:
    """jsonschema-rs's (whole document, one entry) predicates for catalogue *name*.

    Entries can be checked one by one when the document is ``{name: [entries]}``
    with no rule on the list as a whole (minItems, uniqueItems…)."""
    try:
        compiled = jsonschema_rs.validator_map_for(
            schema,
            registry=registry,
            base_uri=file,
            formats=formats,
            validate_formats=True,
            ignore_unknown_formats=True,
        )
    except (ValueError, jsonschema_rs.ReferencingError):  # jsonschema will say what is wrong
        return None, None
    item = None
    lst = schema.get("properties", {}).get(name)
    if (
        set(schema) & VALIDATING <= {"type", "properties", "required", "additionalProperties"}
        and isinstance(lst, dict)
        and set(lst) & VALIDATING <= {"type", "items"}
        and isinstance(lst.get("items"), dict)
    ):
        item = compiled.get(f"#/properties/{name}/items")
    return compiled["#"].is_valid, item.is_valid if item is not None else None


def schema_set(schema_dir: Path, rel: Callable[[Path], str] = str) -> SchemaSet:
    """The compiled schemas of *schema_dir*, once per content (the store carries them)."""
    return load_schemas(schema_dir, rel).compiled(SchemaSet)
