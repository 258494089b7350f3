"""Check catalogues against schemas/*.json and explain each problem in French.

The schemas are the single source of the rules: field names, titles, allowed
values and formats all come from them; nothing here lists fields.

* All ``schemas/*.json`` are loaded once into a :class:`referencing.Registry`
  (each under its file name and its ``$id``), so ``_defs.schema.json#/$defs/slug``
  resolves. ``<name>.schema.json`` describes the whole file ``data/<name>.yaml``;
  files starting with ``_`` hold shared definitions.
* Each catalogue is validated with ``Draft202012Validator`` and the format
  checker (``format: date`` rejects 2023-02-30); ``iter_errors`` gives every
  error, translated by keyword into one French line located at the value.
* Speed: a valid catalogue is first checked by a predicate compiled from the
  same schema (:func:`_compile`), ten to thirty times faster than jsonschema.
  It never accepts what jsonschema refuses (keywords it does not implement
  exactly make it answer « invalid », or disable it), so jsonschema still
  produces every message; when only some entries fail, only those entries are
  given to jsonschema.
"""

from __future__ import annotations

import difflib
import json
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable
from urllib.parse import urljoin

from jsonschema import Draft202012Validator
from jsonschema.exceptions import SchemaError, ValidationError, best_match
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from .errors import DataError, fr, quote

try:  # jsonschema's own equality and uniqueness: the fast path must agree exactly
    from jsonschema._utils import equal as _js_equal
    from jsonschema._utils import uniq as _js_uniq
except ImportError:  # pragma: no cover - then enum/const/uniqueItems use jsonschema only
    _js_equal = _js_uniq = None

FORMAT_CHECKER = Draft202012Validator.FORMAT_CHECKER

# --- Paths -------------------------------------------------------------------


def path_str(path) -> str:
    """('practices', 3, 'diplomas', 0) -> 'practices[3].diplomas[0]'."""
    out = ""
    for step in path:
        if isinstance(step, int):
            out += f"[{step}]"
        else:
            out += ("." if out else "") + str(step)
    return out


def slugify(text: str) -> str:
    """A valid identifier close to *text* (suggested to editors)."""
    text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")[:80].strip("-")


def closest(value: Any, choices) -> str | None:
    """The choice closest to *value* (same letters in another case first), or None."""
    if not isinstance(value, str):
        return None
    choices = [str(c) for c in choices]
    for c in choices:
        if c.lower() == value.lower() or slugify(c) == slugify(value) != "":
            return c
    match = difflib.get_close_matches(value, choices, n=1, cutoff=0.6)
    if not match:
        match = difflib.get_close_matches(value.lower(), [c.lower() for c in choices], n=1, cutoff=0.6)
        if match:
            return next(c for c in choices if c.lower() == match[0])
    return match[0] if match else None


# --- Pattern kinds (recognised by what the pattern accepts, not by field) -----


@lru_cache(maxsize=256)
def pattern_kind(pattern: str) -> str | None:
    """'url', 'date', 'partial-date', 'slug', 'upper' or None, probing the regex."""
    try:
        rx = re.compile(pattern)
    except re.error:
        return None

    def ok(s: str) -> bool:
        return rx.search(s) is not None

    if ok("https://example.org/page") and ok("http://example.org") and not ok("javascript:alert(1)") and not ok("ftp://example.org"):
        return "url"
    if ok("2024-03-15") and not ok("15/03/2024") and not ok("texte"):
        return "partial-date" if ok("2024") else "date"
    if ok("stage-file") and ok("a1") and not ok("Stage") and not ok("stage file") and not ok("stage_file") and not ok("-stage"):
        return "slug"
    if ok("ASS") and not ok("ass") and not ok("A S"):
        return "upper"
    return None


# --- Fast compiled predicate ---------------------------------------------------


class _Unsupported(Exception):
    """A keyword the fast path does not implement exactly: use jsonschema only."""


_VALIDATING = set(Draft202012Validator.VALIDATORS)  # any other keyword is an annotation


def _true(x):
    return True


def _false(x):
    return False


def _all(preds: list[Callable]) -> Callable:
    if not preds:
        return _true
    if len(preds) == 1:
        return preds[0]

    def check(x, preds=tuple(preds)):
        for p in preds:
            if not p(x):
                return False
        return True

    return check


_TYPE_TESTS = {
    "string": lambda x: isinstance(x, str),
    "integer": lambda x: (type(x) is int) or (type(x) is float and x.is_integer()),
    "number": lambda x: type(x) is int or type(x) is float,
    "boolean": lambda x: type(x) is bool,
    "null": lambda x: x is None,
    "array": lambda x: isinstance(x, list),
    "object": lambda x: isinstance(x, dict),
}


class _Compiler:
    """Compile a schema into (predicate, exact).

    *exact*: the predicate gives jsonschema's verdict for every JSON value;
    otherwise it may only be stricter (say « invalid » where jsonschema says
    « valid »), never looser. Keywords are grouped by the type they apply to
    into one closure each, which is what makes the predicate fast.
    """

    SUPPORTED = {
        "$ref", "type", "enum", "const", "pattern", "format", "minLength", "maxLength",
        "minItems", "maxItems", "uniqueItems", "minimum", "maximum", "exclusiveMinimum",
        "exclusiveMaximum", "required", "dependentRequired", "properties", "patternProperties",
        "additionalProperties", "propertyNames", "items", "allOf", "anyOf", "oneOf", "not",
        "if", "minProperties", "maxProperties",
    }

    def __init__(self) -> None:
        self.done: dict[int, tuple[Callable, bool]] = {}
        self.active: set[int] = set()
        self.keep: list = []  # compiled schemas stay alive: their id() stays theirs

    def compile(self, schema, resolver) -> tuple[Callable, bool]:
        if schema is True:
            return _true, True
        if schema is False:
            return _false, True
        if not isinstance(schema, dict):
            raise _Unsupported("schéma non objet")
        key = id(schema)
        if key in self.done:
            return self.done[key]
        if key in self.active:
            raise _Unsupported("référence récursive")
        self.active.add(key)
        self.keep.append(schema)
        try:
            if "$id" in schema:
                resolver = resolver.in_subresource(DRAFT202012.create_resource(schema))
            result = self._compile(schema, resolver)
        finally:
            self.active.discard(key)
        self.done[key] = result
        return result

    def _compile(self, s: dict, resolver) -> tuple[Callable, bool]:
        unknown = (set(s) & _VALIDATING) - self.SUPPORTED
        if unknown:
            raise _Unsupported(", ".join(sorted(unknown)))
        preds: list[Callable] = []
        exact = True
        typ = s.get("type")
        types = set(typ) if isinstance(typ, list) else {typ} if typ is not None else None

        if "$ref" in s:
            resolved = resolver.lookup(s["$ref"])
            p, e = self.compile(resolved.contents, resolved.resolver)
            preds.append(p)
            exact &= e

        # enum / const
        str_enum = None
        if "enum" in s or "const" in s:
            values = list(s["enum"]) if "enum" in s else [s["const"]]
            if all(isinstance(v, str) for v in values):
                str_enum = frozenset(values)
            elif _js_equal is None:
                raise _Unsupported("enum")
            else:
                preds.append(lambda x, values=values: any(_js_equal(x, v) for v in values))

        # strings: type, length, pattern, format, enum of strings, in one closure
        must_str = types == {"string"} or str_enum is not None
        if must_str or any(k in s for k in ("pattern", "format", "minLength", "maxLength")):
            preds.append(self._string(
                must_str, s.get("minLength", 0), s.get("maxLength"),
                re.compile(s["pattern"]).search if "pattern" in s else None,
                s.get("format"), str_enum))
            if types == {"string"}:
                types = None

        # objects: type, required, properties, additionalProperties… in one closure
        obj_kw = ("properties", "patternProperties", "additionalProperties", "required")
        if types == {"object"} or any(k in s for k in obj_kw):
            props = {}
            for name, sub in (s.get("properties") or {}).items():
                p, e = self.compile(sub, resolver)
                props[name] = p
                exact &= e
            patterns = []
            for rx_text, sub in (s.get("patternProperties") or {}).items():
                p, e = self.compile(sub, resolver)
                patterns.append((re.compile(rx_text).search, p))
                exact &= e
            extra = None
            if "additionalProperties" in s:
                extra, e = self.compile(s["additionalProperties"], resolver)
                exact &= e
            preds.append(self._object(types == {"object"}, tuple(s.get("required", ())), props, tuple(patterns), extra))
            if types == {"object"}:
                types = None

        # arrays: type, items, min/maxItems, uniqueItems in one closure
        if types == {"array"} or any(k in s for k in ("items", "minItems", "maxItems", "uniqueItems")):
            item = None
            if "items" in s:
                item, e = self.compile(s["items"], resolver)
                exact &= e
            if s.get("uniqueItems") and _js_uniq is None:
                raise _Unsupported("uniqueItems")
            preds.append(self._array(types == {"array"}, item, s.get("minItems", 0), s.get("maxItems"), bool(s.get("uniqueItems"))))
            if types == {"array"}:
                types = None

        if types is not None:
            tests = tuple(_TYPE_TESTS[t] for t in types)
            preds.append(tests[0] if len(tests) == 1 else (lambda x, tests=tests: any(t(x) for t in tests)))

        for kw, cmp in (("minimum", lambda a, b: a >= b), ("maximum", lambda a, b: a <= b),
                        ("exclusiveMinimum", lambda a, b: a > b), ("exclusiveMaximum", lambda a, b: a < b)):
            if kw in s:
                n = s[kw]
                preds.append(lambda x, n=n, cmp=cmp: not (type(x) is int or type(x) is float) or cmp(x, n))
        if "minProperties" in s:
            n = s["minProperties"]
            preds.append(lambda x, n=n: not isinstance(x, dict) or len(x) >= n)
        if "maxProperties" in s:
            n = s["maxProperties"]
            preds.append(lambda x, n=n: not isinstance(x, dict) or len(x) <= n)
        if "dependentRequired" in s:
            deps = {k: tuple(v) for k, v in s["dependentRequired"].items()}
            preds.append(lambda x, deps=deps: not isinstance(x, dict) or all(all(d in x for d in v) for k, v in deps.items() if k in x))
        if "propertyNames" in s:
            p, e = self.compile(s["propertyNames"], resolver)
            exact &= e
            preds.append(lambda x, p=p: not isinstance(x, dict) or all(p(k) for k in x))
        if "allOf" in s:
            for sub in s["allOf"]:
                p, e = self.compile(sub, resolver)
                preds.append(p)
                exact &= e
        if "anyOf" in s:
            branches = [self.compile(sub, resolver) for sub in s["anyOf"]]
            ps = tuple(p for p, _ in branches)
            preds.append(lambda x, ps=ps: any(p(x) for p in ps))
            exact &= all(e for _, e in branches)
        if "oneOf" in s:
            branches = [self.compile(sub, resolver) for sub in s["oneOf"]]
            if all(e for _, e in branches):
                ps = tuple(p for p, _ in branches)
                preds.append(lambda x, ps=ps: sum(1 for p in ps if p(x)) == 1)
            else:  # cannot decide exactly: let jsonschema decide
                preds.append(_false)
                exact = False
        if "not" in s:
            p, e = self.compile(s["not"], resolver)
            if e:
                preds.append(lambda x, p=p: not p(x))
            else:
                preds.append(_false)
                exact = False
        if "if" in s:
            cond, e = self.compile(s["if"], resolver)
            then, e1 = self.compile(s.get("then", True), resolver)
            other, e2 = self.compile(s.get("else", True), resolver)
            exact &= e1 and e2
            if e:
                preds.append(lambda x, c=cond, t=then, o=other: t(x) if c(x) else o(x))
            else:
                preds.append(_false)
                exact = False
        return _all(preds), exact

    @staticmethod
    def _string(must: bool, lo: int, hi, search, fmt, allowed) -> Callable:
        conforms = FORMAT_CHECKER.conforms

        def check(x):
            if not isinstance(x, str):
                return not must
            n = len(x)
            if n < lo or (hi is not None and n > hi):
                return False
            if search is not None and search(x) is None:
                return False
            if allowed is not None and x not in allowed:
                return False
            if fmt is not None and not conforms(x, fmt):
                return False
            return True

        return check

    @staticmethod
    def _object(must: bool, required: tuple, props: dict, patterns: tuple, extra) -> Callable:
        get = props.get
        needed = frozenset(required)
        closed = extra is _false

        if patterns:
            def check(x):
                if not isinstance(x, dict):
                    return not must
                if not needed <= x.keys():
                    return False
                for k, v in x.items():
                    p = get(k)
                    matched = p is not None
                    if matched and not p(v):
                        return False
                    for search, pp in patterns:
                        if search(k):
                            matched = True
                            if not pp(v):
                                return False
                    if not matched and extra is not None and not extra(v):
                        return False
                return True

            return check

        def check(x):
            if not isinstance(x, dict):
                return not must
            if not needed <= x.keys():
                return False
            for k, v in x.items():
                p = get(k)
                if p is None:
                    if closed or (extra is not None and not extra(v)):
                        return False
                elif not p(v):
                    return False
            return True

        return check

    @staticmethod
    def _array(must: bool, item, lo: int, hi, unique: bool) -> Callable:
        def check(x):
            if not isinstance(x, list):
                return not must
            n = len(x)
            if n < lo or (hi is not None and n > hi):
                return False
            if item is not None:
                for i in x:
                    if not item(i):
                        return False
            if unique and n > 1:
                try:
                    if len(set(x)) == n:  # distinct for Python => distinct for JSON Schema
                        return True
                except TypeError:  # lists or mappings as items
                    pass
                return _js_uniq(x)
            return True

        return check


# --- Messages ----------------------------------------------------------------

_EXPECTED = {
    "string": "un texte",
    "integer": "un nombre entier (ex. 2017, sans guillemets)",
    "number": "un nombre",
    "boolean": "true ou false",
    "array": "une liste (un élément par ligne commençant par « - », ou [a, b])",
    "object": "un ensemble de champs (lignes « champ: valeur »)",
    "null": "une valeur vide",
}

_PRIORITY = {
    "type": 0, "const": 1, "enum": 1, "format": 2, "pattern": 3, "not": 4, "minLength": 5,
    "maxLength": 6, "minItems": 7, "maxItems": 7, "uniqueItems": 8, "minimum": 9, "maximum": 9,
    "exclusiveMinimum": 9, "exclusiveMaximum": 9,
}


def _got(x: Any) -> str:
    if x is None:
        return "vide"
    if isinstance(x, bool):
        return "lue comme oui/non (true/false)"
    if isinstance(x, (int, float)):
        return "lue comme un nombre"
    if isinstance(x, str):
        return "un texte"
    if isinstance(x, list):
        return "une liste"
    if isinstance(x, dict):
        return "un ensemble de champs"
    return type(x).__name__


@dataclass
class _Issue:
    path: tuple  # where the problem is (for the path text)
    at_key: bool  # locate at the key rather than the value
    rank: int  # lower wins among problems of the same path
    message: str
    group: str = ""  # issues with different groups at one path are all kept
    missing: str | None = None  # the missing field, for required
    suggestion: str | None = None  # the suggested field, for unknown keys
    depends: tuple = ()  # paths of the values a condition (if/then) looked at


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
            try:
                text = path.read_text(encoding="utf-8")
                schema = json.loads(text)
            except UnicodeDecodeError:
                self.errors.append(DataError(shown, 1, 1, "", fr("schéma illisible : le fichier n'est pas en UTF-8")))
                continue
            except json.JSONDecodeError as exc:
                self.errors.append(DataError(shown, exc.lineno, exc.colno, "", fr(f"schéma JSON invalide : {exc.msg}")))
                continue
            except OSError as exc:
                self.errors.append(DataError(shown, 1, 1, "", fr(f"schéma illisible : {exc.strerror}")))
                continue
            try:
                Draft202012Validator.check_schema(schema)
            except SchemaError as exc:
                where = path_str(exc.absolute_path) or "(racine)"
                self.errors.append(DataError(shown, 1, 1, "", fr(f"schéma non conforme à JSON Schema 2020-12 en {where} : {exc.message}")))
                continue
            if not isinstance(schema, dict):
                self.errors.append(DataError(shown, 1, 1, "", fr("schéma invalide : un objet JSON est attendu")))
                continue
            contents[path.name] = schema
            files[path.name] = shown

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
        self.registry = Registry().with_resources(resources)
        for schema in contents.values():
            self._index_parents(schema)

        for fname, schema in contents.items():
            if fname.startswith("_") or not fname.endswith(".schema.json"):
                continue
            name = fname[: -len(".schema.json")]
            validator = Draft202012Validator(schema, registry=self.registry, format_checker=FORMAT_CHECKER)
            fast, item_fast, note = self._compile_fast(name, schema)
            self.catalogues[name] = CatalogueSchema(name, files[fname], schema, validator, fast, item_fast, note)

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

    def _resolver(self, schema: dict):
        base = schema.get("$id", "") if isinstance(schema, dict) else ""
        return self.registry.resolver(base_uri=base)

    def _expand(self, schema, resolver, depth: int = 0) -> list[tuple[dict, Any]]:
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
                out += self._expand(resolved.contents, resolved.resolver, depth + 1)
        for kw in ("allOf", "anyOf", "oneOf"):
            for sub in schema.get(kw, []) if isinstance(schema.get(kw), list) else []:
                out += self._expand(sub, resolver, depth + 1)
        return out

    def schemas_at(self, name: str, path) -> list[dict]:
        """Every subschema that applies to the value at *path* of catalogue *name*."""
        cat = self.catalogues.get(name)
        if cat is None:
            return []
        cands = self._expand(cat.schema, self._resolver(cat.schema))
        for step in path:
            nxt = []
            for s, r in cands:
                if isinstance(step, str):
                    props = s.get("properties")
                    if isinstance(props, dict) and step in props:
                        nxt += self._expand(props[step], r)
                    for rx, sub in (s.get("patternProperties") or {}).items():
                        if re.search(rx, step):
                            nxt += self._expand(sub, r)
                    if isinstance(s.get("additionalProperties"), dict) and not (isinstance(props, dict) and step in props):
                        nxt += self._expand(s["additionalProperties"], r)
                else:
                    prefix = s.get("prefixItems")
                    if isinstance(prefix, list) and step < len(prefix):
                        nxt += self._expand(prefix[step], r)
                    elif isinstance(s.get("items"), dict):
                        nxt += self._expand(s["items"], r)
            cands = nxt
        return [s for s, _ in cands]

    def title(self, name: str, path, item_fallback: bool = True) -> str:
        """The French title of the field at *path* (the list's title for untitled items)."""
        for s in self.schemas_at(name, path):
            if isinstance(s.get("title"), str):
                return s["title"]
        if path and isinstance(path[-1], int) and item_fallback:
            return self.title(name, path[:-1])
        return str(path[-1]) if path else name

    def _field(self, name: str, path) -> str:
        """« Title » of the field at path, for messages."""
        return f"« {self.title(name, path)} »"

    def description(self, name: str, path) -> str:
        for s in self.schemas_at(name, path):
            if isinstance(s.get("description"), str):
                return s["description"]
        return ""

    # -- fast path --------------------------------------------------------------

    def _compile_fast(self, name: str, schema: dict):
        compiler = _Compiler()
        resolver = self._resolver(schema)
        try:
            fast, _ = compiler.compile(schema, resolver)
        except _Unsupported as exc:
            return None, None, f"jsonschema seul ({exc})"
        except Exception as exc:  # noqa: BLE001 - e.g. unresolvable $ref: jsonschema will say it
            return None, None, f"jsonschema seul ({type(exc).__name__})"
        # Entries can be checked one by one when the document is {name: [entries]}
        # with no rule on the list as a whole (minItems, uniqueItems…).
        item_fast = None
        if set(schema) & _VALIDATING <= {"type", "properties", "required", "additionalProperties"}:
            lst = schema.get("properties", {}).get(name)
            if isinstance(lst, dict) and set(lst) & _VALIDATING <= {"type", "items"} and isinstance(lst.get("items"), dict):
                try:
                    item_fast, _ = compiler.compile(lst["items"], resolver)
                except Exception:  # noqa: BLE001
                    item_fast = None
        return fast, item_fast, "prédicat compilé"

    # -- checking ---------------------------------------------------------------

    def check(self, name: str, doc: Any, positions, file: str) -> list[DataError]:
        """Every schema error of catalogue *name* (document *doc* loaded from *file*)."""
        cat = self.catalogues[name]
        if cat.fast is not None and cat.fast(doc):
            return []
        index_map = None
        instance = doc
        entries = doc.get(name) if isinstance(doc, dict) else None
        if cat.item_fast is not None and isinstance(entries, list) and len(entries) > 20:
            failing = [i for i, e in enumerate(entries) if not cat.item_fast(e)]
            if len(failing) < len(entries):
                instance = dict(doc)
                instance[name] = [entries[i] for i in failing]
                index_map = failing
        issues: list[_Issue] = []
        for error in cat.validator.iter_errors(instance):
            for leaf in _leaves(error):
                issues.extend(self._translate(name, leaf))
        if index_map is not None:  # back to the indexes of the whole list

            def remap(p: tuple) -> tuple:
                if len(p) >= 2 and p[0] == name and isinstance(p[1], int):
                    return (p[0], index_map[p[1]]) + tuple(p[2:])
                return p

            for issue in issues:
                issue.path = remap(issue.path)
                issue.depends = tuple(remap(d) for d in issue.depends)
        out = []
        for issue in _select(issues):
            line, col = positions.key(issue.path) if issue.at_key else positions.value(issue.path)
            out.append(DataError(file, line, col, path_str(issue.path), issue.message))
        return out

    # -- translation --------------------------------------------------------------

    def _condition(self, error: ValidationError) -> tuple[str, tuple]:
        """(' quand « kind » vaut « exemple »', paths the condition read) for errors of then/else."""
        sp = list(error.relative_schema_path)
        if len(sp) < 2 or sp[-2] not in ("then", "else"):
            return "", ()
        parent = self._parents.get(id(error.schema))
        if not parent or not isinstance(parent.get("if"), dict):
            return "", ()
        base = tuple(error.absolute_path)
        depends = tuple(base + (prop,) for prop in (parent["if"].get("properties") or {}))
        parts = []
        for prop, sub in (parent["if"].get("properties") or {}).items():
            if isinstance(sub, dict) and "const" in sub:
                parts.append(f"« {prop} » vaut « {sub['const']} »")
            elif isinstance(sub, dict) and isinstance(sub.get("enum"), list):
                parts.append(f"« {prop} » vaut " + " ou ".join(f"« {v} »" for v in sub["enum"]))
        if not parts:
            return "", depends
        return (" quand " if sp[-2] == "then" else " sauf quand ") + " et ".join(parts), depends

    def _translate(self, name: str, e: ValidationError) -> list[_Issue]:
        path = tuple(e.absolute_path)
        kw = e.validator
        v = e.instance
        val = e.validator_value
        field = self._field(name, path)
        rank = _PRIORITY.get(kw, 10)

        if kw == "required":
            cond, depends = self._condition(e)
            out = []
            for missing in val:
                if isinstance(v, dict) and missing not in v:
                    t = self.title(name, path + (missing,), item_fallback=False)
                    label = f" ({t})" if t and t != missing else ""
                    out.append(_Issue(path, False, 0, fr(
                        f"champ obligatoire « {missing} » manquant{label}{cond} : ajoutez une ligne « {missing}: … »"),
                        group="required:" + missing, missing=missing, depends=depends))
            return out

        if kw in ("additionalProperties", "unevaluatedProperties") and isinstance(v, dict):
            props = e.schema.get("properties", {}) if isinstance(e.schema, dict) else {}
            patterns = list((e.schema.get("patternProperties") or {}) if isinstance(e.schema, dict) else {})
            if kw == "additionalProperties":
                extras = [k for k in v if k not in props and not any(re.search(p, k) for p in patterns)]
            else:
                extras = [k for k in re.findall(r"'([^']*)'", e.message) if k in v] or list(v)
            allowed = list(props)
            out = []
            for key in extras:
                guess = closest(key, allowed)
                hint = f" (vouliez-vous dire « {guess} » ?)" if guess else ""
                listing = f" ; champs autorisés : {', '.join(allowed)}" if allowed else " ; aucun champ n'est attendu ici"
                out.append(_Issue(path + (key,), True, 0, fr(
                    f"champ inconnu {quote(key)} : vérifiez l'orthographe{hint}{listing}"),
                    group="unknown", suggestion=guess))
            return out

        if kw == "type":
            expected = val if isinstance(val, list) else [val]
            want = " ou ".join(_EXPECTED.get(t, t) for t in expected)
            key = next((p for p in reversed(path) if isinstance(p, str)), "")
            if v is None and path and isinstance(path[-1], int):
                msg = f"élément vide (un tiret « - » seul) dans la liste : complétez-le ou supprimez la ligne ; attendu : {want}"
            elif v is None:
                msg = f"{field} est vide : écrivez {want} après « {key}: »" if key else f"{field} est vide : {want} est attendu"
            elif "string" in expected and isinstance(v, (bool, int, float)):
                msg = (f"{field} : un texte est attendu, mais la valeur est {_got(v)} ; "
                       "mettez-la entre guillemets (\"…\")")
            elif "array" in expected and isinstance(v, str):
                msg = (f"{field} : une liste est attendue, pas un texte ; écrivez chaque élément sur une ligne "
                       "commençant par « - » (ou entre crochets : [a, b])")
            else:
                msg = f"{field} doit être {want}, mais la valeur est {_got(v)}"
            return [_Issue(path, False, rank, fr(msg))]

        if kw in ("enum", "const"):
            values = val if kw == "enum" else [val]
            guess = closest(v, values)
            hint = f" ; vouliez-vous dire « {guess} » ?" if guess and guess != v else ""
            if kw == "const":
                msg = f"{field} doit valoir « {val} »"
            else:
                msg = f"{quote(v)} n'est pas une valeur possible pour {field} (attendus : {', '.join(map(str, values))}){hint}"
            return [_Issue(path, False, rank, fr(msg))]

        if kw == "pattern" and isinstance(v, str):
            kind = pattern_kind(val)
            desc = ((e.schema.get("description") if isinstance(e.schema, dict) else "") or self.description(name, path)).rstrip(". ")
            if kind == "url":
                msg = f"{quote(v)} n'est pas une adresse web acceptée pour {field} : seules les adresses http:// ou https:// sont acceptées"
            elif kind == "date":
                msg = f"{quote(v)} n'est pas une date au format AAAA-MM-JJ pour {field} (ex. 2024-03-15)"
            elif kind == "partial-date":
                msg = (f"{quote(v)} n'est pas une date valide pour {field} : AAAA, AAAA-MM ou AAAA-MM-JJ "
                       "avec un mois de 01 à 12 (ex. \"2014\", 2014-12, 2014-12-15)")
            elif kind == "slug":
                proposal = slugify(v)
                tip = f" ; proposition : « {proposal} »" if proposal and proposal != v else ""
                msg = (f"{quote(v)} n'est pas un identifiant valide pour {field} : lettres minuscules sans accent, "
                       f"chiffres et tirets seulement, sans espace ni tiret au début ou à la fin (ex. « stage-file »){tip}")
            elif kind == "upper":
                tip = f" ; écrivez « {v.upper()} »" if re.fullmatch(val, v.upper() or "") else ""
                msg = f"{quote(v)} n'est pas valide pour {field} : {desc or 'lettres majuscules attendues'}{tip}"
            else:
                msg = f"{quote(v)} ne respecte pas le format attendu pour {field}" + (f" : {desc}" if desc else f" (motif : {val})")
            return [_Issue(path, False, rank, fr(msg))]

        if kw == "format":
            if val == "date" and isinstance(v, str):
                if re.fullmatch(r"\d{4}-\d{2}-\d{2}", v):
                    msg = (f"{quote(v)} n'est pas une date réelle pour {field} : ce jour n'existe pas dans le calendrier "
                           "(format AAAA-MM-JJ, ex. 2024-02-29)")
                else:
                    msg = f"{quote(v)} n'est pas une date au format AAAA-MM-JJ pour {field} (ex. 2024-03-15)"
            else:
                msg = f"{quote(v)} n'est pas au format « {val} » attendu pour {field}"
            return [_Issue(path, False, rank, fr(msg))]

        if kw == "not" and isinstance(val, dict):
            cond, depends = self._condition(e)
            if isinstance(val.get("required"), list) and isinstance(v, dict):
                out = []
                for k in val["required"]:
                    if k in v:
                        t = self.title(name, path + (k,), item_fallback=False)
                        label = f" ({t})" if t and t != k else ""
                        out.append(_Issue(path + (k,), True, 0, fr(
                            f"champ « {k} »{label} non accepté{cond} : supprimez-le"), group="forbidden:" + k, depends=depends))
                if out:
                    return out
            if isinstance(val.get("pattern"), str) and isinstance(v, str):
                m = re.search(val["pattern"], v)
                found = f"contient {quote(m.group(0))}" if m else "contient un élément refusé"
                desc = (e.schema.get("description") if isinstance(e.schema, dict) else "") or ""
                msg = f"{field} {found}, ce qui n'est pas accepté ici" + (f" : {desc.rstrip('. ')}" if desc else "")
                return [_Issue(path, False, rank, fr(msg))]
            return [_Issue(path, False, rank, fr(f"valeur refusée pour {field}{cond}"), depends=depends)]

        if kw == "minLength" and isinstance(v, str):
            if len(v.strip()) == 0 or val <= 1:
                msg = f"{field} est vide : écrivez un texte"
            else:
                msg = f"{field} est trop court : au moins {val} caractères (ici {len(v)})"
            return [_Issue(path, False, rank, fr(msg))]
        if kw == "maxLength" and isinstance(v, str):
            return [_Issue(path, False, rank, fr(f"{field} est trop long : {len(v)} caractères pour {val} au maximum"))]
        if kw == "minItems" and isinstance(v, list):
            if not v:
                msg = f"la liste {field} est vide : au moins {val} élément{'s' if val > 1 else ''} attendu{'s' if val > 1 else ''}"
            else:
                msg = f"la liste {field} doit contenir au moins {val} éléments (ici {len(v)})"
            return [_Issue(path, False, rank, fr(msg))]
        if kw == "maxItems" and isinstance(v, list):
            return [_Issue(path, False, rank, fr(f"la liste {field} contient {len(v)} éléments pour {val} au maximum"))]
        if kw == "uniqueItems" and isinstance(v, list):
            seen: list = []
            for i, item in enumerate(v):
                if any(_same(item, s) for s in seen):
                    return [_Issue(path + (i,), False, rank, fr(
                        f"{quote(item)} figure deux fois dans la liste {field} : supprimez le doublon"))]
                seen.append(item)
            return [_Issue(path, False, rank, fr(f"la liste {field} contient des doublons"))]
        if kw in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
            small = kw in ("minimum", "exclusiveMinimum")
            bound = {"minimum": "minimum", "maximum": "maximum", "exclusiveMinimum": "strictement plus de", "exclusiveMaximum": "strictement moins de"}[kw]
            return [_Issue(path, False, rank, fr(f"{v} est trop {'petit' if small else 'grand'} pour {field} : {bound} {val}"))]
        if kw == "oneOf" and not e.context:
            return [_Issue(path, False, rank, fr(f"{field} correspond à plusieurs formes possibles à la fois : précisez la valeur"))]
        if kw == "dependentRequired" and isinstance(v, dict):
            out = []
            for k, deps in val.items():
                if k in v:
                    for d in deps:
                        if d not in v:
                            out.append(_Issue(path, False, 0, fr(f"le champ « {k} » demande aussi le champ « {d} » : ajoutez-le"), group="dep:" + d))
            return out
        if kw == "minProperties" or kw == "maxProperties":
            return [_Issue(path, False, rank, fr(f"{field} : nombre de champs incorrect ({kw} {val})"))]
        if kw is None or kw is False:
            return [_Issue(path, False, rank, fr(f"{field} n'est pas accepté ici"))]
        return [_Issue(path, False, rank, fr(f"valeur non conforme pour {field} (détail technique : {e.message})"))]


def _same(a, b) -> bool:
    if _js_equal is not None:
        return _js_equal(a, b)
    return type(a) is type(b) and a == b  # pragma: no cover


def _leaves(error: ValidationError) -> list[ValidationError]:
    """The errors worth showing: inside oneOf/anyOf, those of the branch that fits best."""
    if error.validator not in ("oneOf", "anyOf") or not error.context:
        return [error]
    branches: dict[Any, list[ValidationError]] = defaultdict(list)
    for sub in error.context:
        branches[sub.relative_schema_path[0] if sub.relative_schema_path else 0].append(sub)

    def weight(x: ValidationError) -> int:
        if x.validator == "additionalProperties" and isinstance(x.instance, dict) and isinstance(x.schema, dict):
            return max(1, len(set(x.instance) - set(x.schema.get("properties") or {})))
        return 1

    def score(idx):
        # a branch whose problems are all deeper fits the shape of the value: prefer it
        errs = branches[idx]
        wrong_type = any(x.validator == "type" and not x.relative_path for x in errs)
        shallow = sum(weight(x) for x in errs if not x.relative_path)
        return (wrong_type, shallow, sum(weight(x) for x in errs))

    ranked = sorted(branches, key=score)
    tied = [b for b in ranked if score(b) == score(ranked[0])]
    chosen = tied[0]
    if len(tied) > 1:
        best = best_match([x for b in tied for x in branches[b]])
        for b in tied:
            if best in branches[b]:
                chosen = b
                break
    return [leaf for sub in branches[chosen] for leaf in _leaves(sub)]


def _select(issues: list[_Issue]) -> list[_Issue]:
    """One problem per value (the most telling), every missing or unknown field, no echo."""
    # an unknown key that looks like a missing required field explains it
    unknown_for = {(i.path[:-1], i.suggestion) for i in issues if i.group == "unknown" and i.suggestion}
    missing = {(j.path, j.missing) for j in issues if j.missing}
    for i in issues:
        if i.group == "unknown" and i.suggestion and (i.path[:-1], i.suggestion) in missing:
            i.message = i.message.replace(
                " (vouliez-vous dire", " (champ obligatoire manquant\u00a0: vouliez-vous dire", 1)
    kept: dict[tuple, _Issue] = {}
    for i in issues:
        if i.missing and (i.path, i.missing) in unknown_for:
            continue
        key = (i.path, i.group)  # value problems share the group "": the best rank wins
        if key not in kept or i.rank < kept[key].rank:
            kept[key] = i
    # a rule that depends on an invalid value (« kind » misspelt) would only echo it
    wrong = {i.path for i in kept.values()}
    return [i for i in kept.values() if not any(d in wrong for d in i.depends)]
