"""The format checker of the schemas: JSON Schema 2020-12 formats plus « partial-date ».

``format: date`` (jsonschema's own) refuses 2023-02-30, which a pattern alone
cannot do. ``partial_date`` (schemas/_defs.schema.json) is a year, a year and
month, or a full date, and needs the same calendar check: it is the custom
format « partial-date », registered here. jsonschema uses :data:`FORMAT_CHECKER`;
jsonschema-rs gets :func:`format_functions`, the same checks for every format
the schemas name, so the two always agree (jsonschema-rs's own « date » accepts
year 0000; its « uri » checks what jsonschema, without rfc3987, does not).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from functools import partial
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker

_PARTIAL_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", re.ASCII)


def first_day(value: object) -> dt.date | None:
    """The first day a partial date names ('2027' -> 2027-01-01, '2026-09' -> 2026-09-01), or None
    when *value* is no partial date of a real year, month or day."""
    m = _PARTIAL_DATE.fullmatch(value) if isinstance(value, str) else None
    if m is None:
        return None
    year, month, day = (int(g) if g else 1 for g in m.groups())
    try:
        return dt.date(year, month, day)  # year 0, month 13, 30 February… raise
    except ValueError:
        return None


def is_partial_date(value: object) -> bool:
    """AAAA, AAAA-MM or AAAA-MM-JJ naming a real year, month or day (non-texts: not ours to judge)."""
    if not isinstance(value, str):
        return True  # formats only apply to strings (JSON Schema); « type » reports the rest
    return first_day(value) is not None


# A copy: registering on jsonschema's shared draft checker would change it for every user of the library.
FORMAT_CHECKER = FormatChecker(formats=())
FORMAT_CHECKER.checkers.update(Draft202012Validator.FORMAT_CHECKER.checkers)
FORMAT_CHECKER.checks("partial-date")(is_partial_date)


def _conforms(name: str, value: object) -> bool:
    return FORMAT_CHECKER.conforms(value, name)


def _anything(value: object) -> bool:
    return True


def format_functions(schemas: Iterable[Any]) -> dict[str, Callable[[object], bool]]:
    """Format name -> the check jsonschema makes, for every ``format`` named in *schemas*
    (one jsonschema does not check accepts anything): what jsonschema-rs is given."""
    names: set[str] = set()
    stack = list(schemas)
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            if isinstance(node.get("format"), str):
                names.add(node["format"])
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return {n: partial(_conforms, n) if n in FORMAT_CHECKER.checkers else _anything for n in sorted(names)}
