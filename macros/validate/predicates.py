"""The building blocks of the fast pre-check: small closures that answer « valid? ».

They run for every value of every entry (hot code: about 600,000 values for
10,000 practices), so each one tests a whole group of keywords with local
variables only; :mod:`.schemafast` assembles them from a schema. Equality and
uniqueness are jsonschema's own functions, so that ``1 == 1.0`` and
``True != 1`` are judged exactly as jsonschema judges them.
"""

from __future__ import annotations

from typing import Callable

from macros.schema.formats import FORMAT_CHECKER

try:  # jsonschema's own equality and uniqueness: the fast path must agree exactly
    from jsonschema._utils import equal as js_equal
    from jsonschema._utils import uniq as js_uniq
except ImportError:  # pragma: no cover - then enum/const/uniqueItems use jsonschema only
    js_equal = js_uniq = None


def always(x):
    return True


def never(x):
    return False


def all_of(preds: list[Callable]) -> Callable:
    if not preds:
        return always
    if len(preds) == 1:
        return preds[0]

    def check(x, preds=tuple(preds)):
        for p in preds:
            if not p(x):
                return False
        return True

    return check


TYPE_TESTS = {
    "string": lambda x: isinstance(x, str),
    "integer": lambda x: (type(x) is int) or (type(x) is float and x.is_integer()),
    "number": lambda x: type(x) is int or type(x) is float,
    "boolean": lambda x: type(x) is bool,
    "null": lambda x: x is None,
    "array": lambda x: isinstance(x, list),
    "object": lambda x: isinstance(x, dict),
}


def string_check(must: bool, lo: int, hi, search, fmt, allowed) -> Callable:
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


def object_check(must: bool, required: tuple, props: dict, patterns: tuple, extra) -> Callable:
    get = props.get
    needed = frozenset(required)
    closed = extra is never

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

    # the usual case, without patternProperties: one dict lookup per key
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


def array_check(must: bool, item, lo: int, hi, unique: bool) -> Callable:
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
            return js_uniq(x)
        return True

    return check
