"""The fast pre-check: a predicate compiled from a catalogue schema, answering « valid? » only.

Why: jsonschema walks the schema for every value and builds error objects on
the way; on 10,000 practices that is seconds. The predicate compiled here from
the same schema (keywords grouped by the type they apply to, one closure per
group, see :mod:`.schemapredicates`) is ten to thirty times faster. A valid catalogue — the usual case —
never reaches jsonschema; when only some entries fail, only those go to it.

Safety rule: the predicate never accepts what jsonschema refuses. A keyword
not implemented exactly (not in :attr:`_Compiler.SUPPORTED`) disables the
predicate for that schema; an inexact branch answers « invalid » and lets
jsonschema decide. Formats use the very checker jsonschema is given
(:data:`~macros.schema.formats.FORMAT_CHECKER`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable

from jsonschema import Draft202012Validator
from referencing.jsonschema import DRAFT202012

from macros.schema.patterns import ecma
from macros.validate.predicates import (
    TYPE_TESTS,
    all_of,
    always,
    array_check,
    js_equal,
    js_uniq,
    never,
    object_check,
    string_check,
)

VALIDATING = set(Draft202012Validator.VALIDATORS)  # any other keyword is an annotation


class _Unsupported(Exception):
    """A keyword the fast path does not implement exactly: use jsonschema only."""


_NUMBER_BOUNDS = (("minimum", lambda a, b: a >= b), ("maximum", lambda a, b: a <= b),
                  ("exclusiveMinimum", lambda a, b: a > b), ("exclusiveMaximum", lambda a, b: a < b))


@dataclass
class _Parts:
    """The predicates of one schema being compiled, and whether they are all exact."""

    preds: list = field(default_factory=list)
    exact: bool = True

    def add(self, pred: Callable, exact: bool = True) -> None:
        self.preds.append(pred)
        self.exact = self.exact and exact


class _Compiler:
    """Compile a schema into (predicate, exact).

    *exact*: the predicate gives jsonschema's verdict for every JSON value;
    otherwise it may only be stricter (say « invalid » where jsonschema says
    « valid »), never looser.
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
            return always, True
        if schema is False:
            return never, True
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
        unknown = (set(s) & VALIDATING) - self.SUPPORTED
        if unknown:
            raise _Unsupported(", ".join(sorted(unknown)))
        parts = _Parts()
        typ = s.get("type")
        types = set(typ) if isinstance(typ, list) else {typ} if typ is not None else None
        if "$ref" in s:
            resolved = resolver.lookup(s["$ref"])
            parts.add(*self.compile(resolved.contents, resolved.resolver))
        str_enum = self._enum(s, parts)
        # a type tested inside its group's closure needs no separate test
        types = self._strings(s, types, str_enum, parts)
        types = self._objects(s, types, resolver, parts)
        types = self._arrays(s, types, resolver, parts)
        if types is not None:
            tests = tuple(TYPE_TESTS[t] for t in types)
            parts.add(tests[0] if len(tests) == 1 else (lambda x, tests=tests: any(t(x) for t in tests)))
        self._bounds(s, parts)
        self._combinators(s, resolver, parts)
        return all_of(parts.preds), parts.exact

    @staticmethod
    def _enum(s: dict, parts: _Parts) -> frozenset | None:
        """Enum/const: the allowed strings (checked in the string closure), or a predicate added."""
        if "enum" not in s and "const" not in s:
            return None
        values = list(s["enum"]) if "enum" in s else [s["const"]]
        if all(isinstance(v, str) for v in values):
            return frozenset(values)
        if js_equal is None:
            raise _Unsupported("enum")
        parts.add(lambda x, values=values: any(js_equal(x, v) for v in values))
        return None

    def _strings(self, s: dict, types, str_enum, parts: _Parts):
        """Type, length, pattern, format and enum of strings, in one closure."""
        must_str = types == {"string"} or str_enum is not None
        if must_str or any(k in s for k in ("pattern", "format", "minLength", "maxLength")):
            parts.add(string_check(
                must_str, s.get("minLength", 0), s.get("maxLength"),
                ecma(s["pattern"]).search if "pattern" in s else None,
                s.get("format"), str_enum))
            if types == {"string"}:
                return None
        return types

    def _objects(self, s: dict, types, resolver, parts: _Parts):
        """Type, required, properties, patternProperties, additionalProperties, in one closure."""
        if types != {"object"} and not any(k in s for k in ("properties", "patternProperties", "additionalProperties", "required")):
            return types
        props = {}
        for name, sub in (s.get("properties") or {}).items():
            props[name], e = self.compile(sub, resolver)
            parts.exact = parts.exact and e
        patterns = []
        for rx_text, sub in (s.get("patternProperties") or {}).items():
            p, e = self.compile(sub, resolver)
            patterns.append((re.compile(rx_text).search, p))
            parts.exact = parts.exact and e
        extra = None
        if "additionalProperties" in s:
            extra, e = self.compile(s["additionalProperties"], resolver)
            parts.exact = parts.exact and e
        parts.add(object_check(types == {"object"}, tuple(s.get("required", ())), props, tuple(patterns), extra))
        return None if types == {"object"} else types

    def _arrays(self, s: dict, types, resolver, parts: _Parts):
        """Type, items, minItems, maxItems and uniqueItems, in one closure."""
        if types != {"array"} and not any(k in s for k in ("items", "minItems", "maxItems", "uniqueItems")):
            return types
        item = None
        if "items" in s:
            item, e = self.compile(s["items"], resolver)
            parts.exact = parts.exact and e
        if s.get("uniqueItems") and js_uniq is None:
            raise _Unsupported("uniqueItems")
        parts.add(array_check(types == {"array"}, item, s.get("minItems", 0), s.get("maxItems"), bool(s.get("uniqueItems"))))
        return None if types == {"array"} else types

    @staticmethod
    def _bounds(s: dict, parts: _Parts) -> None:
        """Number bounds, number of properties, dependentRequired (each ignores other types)."""
        for kw, cmp in _NUMBER_BOUNDS:
            if kw in s:
                parts.add(lambda x, n=s[kw], cmp=cmp: not (type(x) is int or type(x) is float) or cmp(x, n))
        if "minProperties" in s:
            parts.add(lambda x, n=s["minProperties"]: not isinstance(x, dict) or len(x) >= n)
        if "maxProperties" in s:
            parts.add(lambda x, n=s["maxProperties"]: not isinstance(x, dict) or len(x) <= n)
        if "dependentRequired" in s:
            deps = {k: tuple(v) for k, v in s["dependentRequired"].items()}
            parts.add(lambda x, deps=deps: not isinstance(x, dict) or all(all(d in x for d in v) for k, v in deps.items() if k in x))

    def _combinators(self, s: dict, resolver, parts: _Parts) -> None:
        """propertyNames, allOf, anyOf, oneOf, not, if/then/else."""
        if "propertyNames" in s:
            p, e = self.compile(s["propertyNames"], resolver)
            parts.add(lambda x, p=p: not isinstance(x, dict) or all(p(k) for k in x), e)
        for sub in s.get("allOf", ()):
            parts.add(*self.compile(sub, resolver))
        if "anyOf" in s:
            branches = [self.compile(sub, resolver) for sub in s["anyOf"]]
            ps = tuple(p for p, _ in branches)
            parts.add(lambda x, ps=ps: any(p(x) for p in ps), all(e for _, e in branches))
        # oneOf, not and if count on exact answers (a stricter one would flip them):
        # without one, answer « invalid » and let jsonschema decide
        if "oneOf" in s:
            branches = [self.compile(sub, resolver) for sub in s["oneOf"]]
            ps = tuple(p for p, _ in branches)
            exact = all(e for _, e in branches)
            parts.add((lambda x, ps=ps: sum(1 for p in ps if p(x)) == 1) if exact else never, exact)
        if "not" in s:
            p, e = self.compile(s["not"], resolver)
            parts.add((lambda x, p=p: not p(x)) if e else never, e)
        if "if" in s:
            cond, e = self.compile(s["if"], resolver)
            then, e1 = self.compile(s.get("then", True), resolver)
            other, e2 = self.compile(s.get("else", True), resolver)
            parts.exact = parts.exact and e1 and e2
            parts.add((lambda x, c=cond, t=then, o=other: t(x) if c(x) else o(x)) if e else never, e)


# --- Entry point ------------------------------------------------------------------


def compile_fast(name: str, schema: dict, resolver) -> tuple[Callable | None, Callable | None, str]:
    """(whole-document predicate, one-entry predicate, note) for catalogue *name*; None when unsupported."""
    compiler = _Compiler()
    try:
        fast, _ = compiler.compile(schema, resolver)
    except _Unsupported as exc:
        return None, None, f"jsonschema seul ({exc})"
    except Exception as exc:  # noqa: BLE001 - e.g. unresolvable $ref: jsonschema will say it
        return None, None, f"jsonschema seul ({type(exc).__name__})"
    # Entries can be checked one by one when the document is {name: [entries]}
    # with no rule on the list as a whole (minItems, uniqueItems…).
    item_fast = None
    if set(schema) & VALIDATING <= {"type", "properties", "required", "additionalProperties"}:
        lst = schema.get("properties", {}).get(name)
        if isinstance(lst, dict) and set(lst) & VALIDATING <= {"type", "items"} and isinstance(lst.get("items"), dict):
            try:
                item_fast, _ = compiler.compile(lst["items"], resolver)
            except Exception:  # noqa: BLE001 - then the whole document goes to jsonschema
                item_fast = None
    return fast, item_fast, "prédicat compilé"
