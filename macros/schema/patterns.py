"""What a schema's ``pattern`` or ``format`` asks of a text, and the French message when it does not fit.

The kind of a pattern is recognised from what the regex accepts
(:func:`pattern_kind`), not from the field name, so a new slug or URL field
gets the right message without code. Dates get two messages: a wrong shape
(« 04/05/2017 ») and a day that is not in the calendar (« 2023-02-30 »,
refused by the formats ``date`` and ``partial-date``,
:mod:`.schemaformats`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from jsonschema.exceptions import ValidationError

from macros.core.errors import quote
from macros.core.suggest import slugify

# ECMA-262's white space and line terminators (« \s »): not Python's (which adds \x1c-\x1f and \x85, lacks \ufeff)
ECMA_SPACE = "\t\n\x0b\x0c\r \xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"


@lru_cache(maxsize=512)
def ecma(pattern: str) -> re.Pattern:
    r"""*pattern* compiled as JSON Schema means it (ECMA-262 without flags), not as Python reads it.

    The differences that matter: Python's ``$`` also matches before a final line
    feed (``"stage\n"`` would pass ``^[a-z]+$``: an id with a trailing newline),
    ECMA's only at the very end; Python's ``\d`` and ``\w`` are Unicode (« ٢٠١٧ »,
    « é »), ECMA's ASCII; and the two ``\s`` differ. Outside character classes
    ``$`` becomes ``\Z``; ``\s`` becomes ECMA's set (:data:`ECMA_SPACE`); the
    pattern is compiled with ``re.ASCII`` (``\d \w \b`` as ECMA reads them).
    jsonschema-rs reads patterns as ECMA-262 itself: both validators agree.
    """
    out, i, in_class = [], 0, False
    while i < len(pattern):
        c = pattern[i]
        if c == "\\" and i + 1 < len(pattern):
            nxt = pattern[i + 1]
            if nxt == "s":
                out.append(ECMA_SPACE if in_class else f"[{ECMA_SPACE}]")
            elif nxt == "S" and not in_class:
                out.append(f"[^{ECMA_SPACE}]")
            else:
                out.append(c + nxt)
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
            if pattern[i + 1 : i + 2] == "]":  # « []…] »: a literal bracket first
                out.append("[]")
                i += 2
                continue
        elif c == "$":
            c = r"\Z"
        out.append(c)
        i += 1
    return re.compile("".join(out), re.ASCII)


def pattern_keyword(validator, pattern, instance, schema):
    """jsonschema's « pattern » with :func:`ecma`'s reading (the schemas' own dialect)."""
    if validator.is_type(instance, "string") and not ecma(pattern).search(instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


# partial_date of schemas/_defs.schema.json: a real month (01-12) and a day of 01 to 31
_PARTIAL_SHAPE = re.compile(r"(\d{4})(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?", re.ASCII)


@lru_cache(maxsize=256)
def pattern_kind(pattern: str) -> str | None:
    """'url', 'date', 'partial-date', 'slug', 'upper', 'one-line' or None, probing the regex."""
    try:
        rx = ecma(pattern)
    except re.error:
        return None

    def ok(s: str) -> bool:
        return rx.search(s) is not None

    if (
        ok("https://example.org/page")
        and ok("http://example.org")
        and not ok("javascript:alert(1)")
        and not ok("ftp://example.org")
    ):
        return "url"
    if ok("2024-03-15") and not ok("15/03/2024") and not ok("texte"):
        return "partial-date" if ok("2024") else "date"
    if (
        ok("stage-file")
        and ok("a1")
        and not ok("Stage")
        and not ok("stage file")
        and not ok("stage_file")
        and not ok("-stage")
    ):
        return "slug"
    if ok("ASS") and not ok("ass") and not ok("A S"):
        return "upper"
    if ok("Un texte : « cité », 2017 !") and not ok("a\nb") and not ok("a\tb"):
        return "one-line"
    return None


def pattern_message(v: str, pattern: str, field: str, describe: Callable[[], str]) -> str:
    """Why text *v* does not fit *pattern* of *field*; *describe* gives the field's description."""
    if not v.strip():  # spaces only, no-break ones included: the text and markdown types want a visible sign
        return f"{field} est vide (des espaces seulement) : écrivez un texte"
    kind = pattern_kind(pattern)
    if kind == "url":
        return (
            f"{quote(v)} n'est pas une adresse web acceptée pour {field} : une adresse commence par http:// ou "
            "https://, suivi du nom du site, sans espace, ni « @ », ni « < > \" ' ` \\ { } | ^ »"
        )
    if kind == "date":
        return f"{quote(v)} n'est pas une date au format AAAA-MM-JJ pour {field} (ex. 2024-03-15)"
    if kind == "partial-date":
        return _partial_date_shape(v, field)
    if kind == "slug":
        proposal = slugify(v)
        tip = f" ; proposition : « {proposal} »" if proposal and proposal != v else ""
        return (
            f"{quote(v)} n'est pas un identifiant valide pour {field} : lettres minuscules sans accent, "
            f"chiffres et tirets seulement, sans espace ni tiret au début ou à la fin (ex. « stage-file »){tip}"
        )
    if kind == "one-line":
        return (
            f"{field} tient sur une seule ligne : retirez les retours à la ligne et les tabulations "
            "(dans le fichier, un texte replié avec « >- » reste sur une ligne tant qu'il n'a pas de ligne vide)"
        )
    desc = describe().rstrip(". ")
    if kind == "upper":
        tip = f" ; écrivez « {v.upper()} »" if ecma(pattern).search(v.upper() or "") else ""
        return f"{quote(v)} n'est pas valide pour {field} : {desc or 'lettres majuscules attendues'}{tip}"
    return f"{quote(v)} ne respecte pas le format attendu pour {field}" + (
        f" : {desc}" if desc else f" (motif : {pattern})"
    )


def format_message(v: Any, fmt: str, field: str) -> str:
    """Why value *v* is not of format *fmt* for *field*."""
    if fmt == "date" and isinstance(v, str):
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", v):
            return (
                f"{quote(v)} n'est pas une date réelle pour {field} : ce jour n'existe pas dans le calendrier "
                "(format AAAA-MM-JJ, ex. 2024-02-29)"
            )
        return f"{quote(v)} n'est pas une date au format AAAA-MM-JJ pour {field} (ex. 2024-03-15)"
    if fmt == "partial-date" and isinstance(v, str):
        m = _PARTIAL_SHAPE.fullmatch(v)
        if m and m.group(1) == "0000":
            return f"{quote(v)} n'est pas une date réelle pour {field} : l'année 0000 n'existe pas (ex. \"2014\", 2014-12, 2014-12-15)"
        if m and m.group(5):  # the shape is right: the day is not in that month
            return (
                f"{quote(v)} n'est pas une date réelle pour {field} : ce jour n'existe pas dans le calendrier "
                "(AAAA, AAAA-MM ou AAAA-MM-JJ, ex. 2024-02-29)"
            )
        # a wrong shape or month: the pattern fails too, and this message wins (schemamessages._PRIORITY)
        return _partial_date_shape(v, field)
    return f"{quote(v)} n'est pas au format « {fmt} » attendu pour {field}"


def _partial_date_shape(v: str, field: str) -> str:
    return (
        f"{quote(v)} n'est pas une date valide pour {field} : AAAA, AAAA-MM ou AAAA-MM-JJ "
        'avec un mois de 01 à 12 (ex. "2014", 2014-12, 2014-12-15)'
    )
