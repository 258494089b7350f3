"""The format checker of the schemas: JSON Schema 2020-12 formats plus « partial-date ».

``format: date`` (jsonschema's own) refuses 2023-02-30, which a pattern alone
cannot do. ``partial_date`` (schemas/_defs.schema.json) is a year, a year and
month, or a full date, and needs the same calendar check: it is the custom
format « partial-date », registered here. The schema check and its compiled
fast predicate both use :data:`FORMAT_CHECKER`, so they always agree.
"""

from __future__ import annotations

import datetime as dt
import re

from jsonschema import Draft202012Validator, FormatChecker

_PARTIAL_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", re.ASCII)


def is_partial_date(value: object) -> bool:
    """AAAA, AAAA-MM or AAAA-MM-JJ naming a real year, month or day (non-texts: not ours to judge)."""
    if not isinstance(value, str):
        return True  # formats only apply to strings (JSON Schema); « type » reports the rest
    m = _PARTIAL_DATE.fullmatch(value)
    if m is None:
        return False
    year, month, day = (int(g) if g else 1 for g in m.groups())
    try:
        dt.date(year, month, day)  # year 0, month 13, 30 February… raise
    except ValueError:
        return False
    return True


# A copy: registering on jsonschema's shared draft checker would change it for every user of the library.
FORMAT_CHECKER = FormatChecker(formats=())
FORMAT_CHECKER.checkers.update(Draft202012Validator.FORMAT_CHECKER.checkers)
FORMAT_CHECKER.checks("partial-date")(is_partial_date)
