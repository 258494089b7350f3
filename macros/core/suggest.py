"""What the validator proposes when a value is wrong: the closest allowed value, a valid identifier.

Shared by the schema messages (« vouliez-vous dire … ? », « proposition : … »),
the cross-file checks and the entry-writing scripts, so that every tool makes
the same proposal for the same mistake.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from typing import Any


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
        # difflib compares case-sensitively: retry in lower case so « STAGE-FIL » finds « stage-file »
        match = difflib.get_close_matches(value.lower(), [c.lower() for c in choices], n=1, cutoff=0.6)
        if match:
            return next(c for c in choices if c.lower() == match[0])
    return match[0] if match else None
