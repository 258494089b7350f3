"""What an editor types, turned into a field's value and checked against the schema.

* :func:`parse_value` gives the field's type (lists: comma-separated), or raises
  :class:`InputError` with a French message;
* :func:`field_problems` checks one field of an entry with the schemas (French
  messages from :mod:`macros.validate.messages`), before anything is written.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from macros.core.errors import fr
from macros.load.scalars import MAX_DIGITS
from macros.schema.fields import Field
from macros.validate.schema_check import schema_set


class InputError(ValueError):
    """A value typed by an editor that does not fit the field (message in French)."""


def parse_value(f: Field, text: str):
    """The value of *f* from one line of text (lists: separated by commas, or by
    semicolons when an item itself contains a comma)."""
    if f.is_list:
        text = str(text)
        items = [t.strip() for t in text.split(";" if ";" in text else ",")]
        return [parse_scalar(f.item or f, t) for t in items if t]
    return parse_scalar(f, str(text))


def parse_scalar(f: Field, text: str):
    text = text.strip()
    t = f.type
    if f.enum:
        for value in f.enum:
            if text.lower() == str(value).lower():
                return value
        for value, label in f.labels.items():
            if label.matches(text):
                return value
        raise InputError(
            fr(f"« {text} » n'est pas une valeur permise : choisissez parmi {', '.join(map(str, f.enum))}")
        )
    if t == "integer":
        if not re.fullmatch(r"[0-9]{1,%d}" % MAX_DIGITS, text):
            shown = text if len(text) <= 20 else text[:19] + "…"
            raise InputError(
                fr(
                    f"« {shown} » n'est pas un nombre entier : écrivez seulement des chiffres, "
                    f"{MAX_DIGITS} au plus (ex. 2017)"
                )
            )
        return int(text)
    if t == "boolean":
        if text.lower() in ("oui", "o", "true", "vrai"):
            return True
        if text.lower() in ("non", "n", "false", "faux"):
            return False
        raise InputError(fr(f"« {text} » : répondez « oui » ou « non »"))
    if f.is_date:
        try:
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
                raise ValueError
            return dt.date.fromisoformat(text)
        except ValueError:
            raise InputError(
                fr(f"« {text} » n'est pas une date valide : écrivez-la au format AAAA-MM-JJ (ex. 2026-11-23)")
            ) from None
    return text


def plain(value):
    """*value* as the validator sees it (dates as AAAA-MM-JJ strings)."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


class _Nowhere:
    """Positions for a document that has no file yet."""

    def value(self, path):
        return (1, 1)

    key = value


def field_problems(root: Path, catalogue: str, entry: dict, name: str) -> list[str]:
    """French messages about field *name* of *entry* (other fields ignored)."""
    schemas = schema_set(Path(root) / "schemas")  # compiled once per content: copies share one
    doc = {catalogue: [plain(dict(entry))]}
    prefix = f"{catalogue}[0].{name}"
    return [
        e.message
        for e in schemas.check(catalogue, doc, _Nowhere(), "")
        if e.path == prefix or e.path.startswith((prefix + ".", prefix + "["))
    ]
