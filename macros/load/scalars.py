"""What a plain YAML scalar means, read as every tool that opens the catalogues would read it.

The same file is read by our loader (YAML 1.1, as PyYAML), by the web editor
and VS Code (YAML 1.2), and by whoever downloads it. A value two of them read
differently is a trap: ``NO`` is the text « NO » for one and « false » for the
other, ``0x7e1``, ``03741``, ``33:37``, ``2_017`` and ``+2017`` are all 2017
for YAML 1.1 and mostly text for YAML 1.2, ``2017.0`` shows as « 2017.0 ».

:func:`plain_value` therefore keeps only the forms every reader agrees on:
``true``/``false``, integers written as plain decimal digits, null. Any other
scalar that some reader would take for a boolean or a number becomes an
:class:`Ambiguous` text, which the validator refuses with the way to write it
(:func:`ambiguous_message`): between quotes for a text, in digits for a number.
Dates (``2026-11-23``) stay text, as the schemas expect.

:data:`FORBIDDEN` is the set of characters no value may hold: control
characters (C0 but tab and line feed, DEL, C1), the bidirectional controls
that reorder what a reader sees (U+202E…), and invisible format characters.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from yaml.resolver import Resolver

from macros.core.errors import DataError, fr, quote

_TAG = "tag:yaml.org,2002:"
STR, INT, FLOAT, BOOL, NULL = (_TAG + t for t in ("str", "int", "float", "bool", "null"))
TIMESTAMP, MERGE, VALUE = _TAG + "timestamp", _TAG + "merge", _TAG + "value"
IMPLICIT = Resolver.yaml_implicit_resolvers  # first character -> [(tag, regexp)] (YAML 1.1, PyYAML)

MAX_DIGITS = 18  # far above any count or year; int() of 5,000 digits raises, and nothing needs them

_CANONICAL_INT = re.compile(r"0|[1-9][0-9]*", re.ASCII)
_CANONICAL_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
# YAML 1.1 booleans PyYAML leaves as text but the specification (and other readers) do not
_SPEC_BOOL = {"y": True, "Y": True, "n": False, "N": False}
# YAML 1.2 core schema: what the web editor (yaml, JavaScript) and VS Code read
_CORE_INT = re.compile(r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+", re.ASCII)
_CORE_FLOAT = re.compile(
    r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)", re.ASCII
)

_resolved: dict[str, str] = {}  # field names and short values repeat: resolve each once


class Ambiguous(str):
    """A plain scalar some YAML reader takes for a boolean or a number: kept as its text.

    *reading* is what such a reader makes of it (True, 2017, 750.0…), or None
    when it is too large to say.
    """

    reading: Any = None


def resolve_11(value: str) -> str:
    """The implicit tag YAML 1.1 (PyYAML's table) gives the plain scalar *value*."""
    tag = _resolved.get(value)
    if tag is not None:
        return tag
    tag = STR
    for candidate, regexp in IMPLICIT.get(value[:1], ()):
        if regexp.match(value):
            tag = candidate
            break
    if len(value) <= 40:
        if len(_resolved) > 50_000:
            _resolved.clear()
        _resolved[value] = tag
    return tag


def _ambiguous(text: str, reading: Any) -> Ambiguous:
    out = Ambiguous(text)
    out.reading = reading
    return out


def _number_11(text: str, tag: str) -> Any:
    """YAML 1.1's reading of a number scalar (None when too long to compute safely)."""
    digits = sum(c.isdigit() for c in text)
    if digits > MAX_DIGITS:
        return None
    from yaml.constructor import SafeConstructor
    from yaml.nodes import ScalarNode

    constructor = SafeConstructor()
    try:
        node = ScalarNode(tag, text)
        return constructor.construct_yaml_int(node) if tag == INT else constructor.construct_yaml_float(node)
    except (ValueError, ArithmeticError):
        return None


def _number_12(text: str) -> Any:
    if sum(c.isdigit() for c in text) > MAX_DIGITS:
        return None
    try:
        if _CORE_INT.fullmatch(text):
            return int(text, 0) if text[:2] in ("0o", "0x") else int(text)
        return float(text.replace("inf", "Infinity").replace("Inf", "Infinity").replace("INF", "Infinity"))
    except ValueError:
        return None


def plain_value(text: str, tag: str | None = None) -> Any:
    """The value of the plain (unquoted) scalar *text*: str, int, bool, None or :class:`Ambiguous`."""
    tag = tag or resolve_11(text)
    if tag == NULL:
        return None
    if tag == BOOL:
        if text in _CANONICAL_BOOL:
            return _CANONICAL_BOOL[text]
        return _ambiguous(text, text.lower() in ("yes", "on", "true"))
    if tag == INT:
        if len(text) <= MAX_DIGITS and _CANONICAL_INT.fullmatch(text):
            return int(text)
        return _ambiguous(text, _number_11(text, INT))
    if tag == FLOAT:
        return _ambiguous(text, _number_11(text, FLOAT))
    # Text for YAML 1.1 (timestamps included): does YAML 1.2 or the 1.1 specification disagree?
    if text in _SPEC_BOOL:
        return _ambiguous(text, _SPEC_BOOL[text])
    if text[:1] in "-+.0123456789" and (_CORE_INT.fullmatch(text) or _CORE_FLOAT.fullmatch(text)) and tag != TIMESTAMP:
        return _ambiguous(text, _number_12(text))
    return text


def _shown(reading: Any) -> str:
    if isinstance(reading, bool):
        return "« oui »" if reading else "« non »"
    if isinstance(reading, float) and reading.is_integer() and abs(reading) < 1e18:
        return f"le nombre {int(reading)}"
    if isinstance(reading, (int, float)):
        return f"le nombre {reading}"
    return "un nombre"


def ambiguous_message(value: Ambiguous, field: str, expected: str = "string") -> str:
    """Why *value* is refused for *field*, and how to write it, in plain French.

    *expected*: the JSON type the schema wants there (``string``, ``integer``, ``boolean``).
    """
    reading = value.reading
    if expected == "integer":
        if (
            isinstance(reading, (int, float))
            and not isinstance(reading, bool)
            and float(reading).is_integer()
            and abs(reading) < 10**MAX_DIGITS
        ):
            return (
                f"{quote(value)} n'est pas écrit comme un nombre simple pour {field} : écrivez {int(reading)}, "
                "en chiffres seulement (sans zéro au début, signe, « _ », « : » ni décimales)"
            )
        return f"{quote(value)} n'est pas un nombre entier pour {field} : écrivez un nombre en chiffres seulement (ex. 2017)"
    if expected == "boolean":
        return f"{quote(value)} n'est pas accepté pour {field} : écrivez true (oui) ou false (non)"
    what = "une réponse oui/non" if isinstance(reading, bool) else "un nombre"
    return (
        f"{quote(value)} serait lu comme {what} ({_shown(reading)}) par certains logiciels, et non comme un texte : "
        f'écrivez-le entre guillemets : "{value}"'
    )


# --- Forbidden characters -------------------------------------------------------------

_FORBIDDEN_CLASS = (
    "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"  # control characters (tab, line feed and carriage return apart)
    "\u061c\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\u2066-\u206f"  # bidi, zero-width, separators
    "\u180e\ufeff\ufff9-\ufffb\ud800-\udfff\U000e0000-\U000e007f"  # invisible format characters, lone surrogates, tags
    "\u034f\u115f\u1160\u3164\uffa0"  # grapheme joiner and Hangul fillers: letters that show nothing
)
FORBIDDEN_RAW = re.compile(f"[{_FORBIDDEN_CLASS}]")  # in the file's text (CR: Windows line ends)
FORBIDDEN = re.compile(f"[{_FORBIDDEN_CLASS}\r]")  # in a value (a CR only comes from an escape)

_KINDS = (
    (
        "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c",
        "contrôle de direction du texte, qui change l'ordre des lettres affichées",
    ),
    ("\u200b\u200c\u200d\u2060\u2061\u2062\u2063\u2064\ufeff\u180e", "caractère invisible"),
    ("\u2028\u2029", "séparateur de ligne invisible"),
)


def forbidden_message(char: str) -> str:
    """The French message for a forbidden character *char*."""
    code = ord(char)
    kind = next((label for chars, label in _KINDS if char in chars), None)
    if kind is None:
        kind = "caractère de contrôle" if unicodedata.category(char) == "Cc" else "caractère invisible"
    name = unicodedata.name(char, "")
    named = f" {name}" if name else ""
    return (
        f"caractère interdit U+{code:04X}{named} ({kind}) : supprimez-le ; "
        "il vient souvent d'un copier-coller, retapez le passage au besoin"
    )


def tagged_value(tag: str, value: str) -> Any:
    """The value of a scalar written with an explicit tag (``!!str 12``, ``!!int "3"``)."""
    if tag in (STR, TIMESTAMP, "!", MERGE, VALUE):
        return value  # dates stay strings; a lone « << » or « = » value is text
    if tag in (INT, FLOAT, BOOL, NULL):
        found = plain_value(value, resolve_11(value))  # what the text says, read as a plain scalar
        if tag == NULL and found is None:
            return None
        if tag == BOOL and isinstance(found, bool):
            return found
        if tag == INT and type(found) is int:
            return found
        raise ValueError(value)  # e.g. « !!int 0x1F », « !!float 1.5 »: written plainly or not at all
    return None


def forbidden_chars(text: str, file: str, limit: int) -> list[DataError]:
    """Errors for the forbidden characters written as they are in the file's *text* (at most *limit*)."""
    out = []
    for m in FORBIDDEN_RAW.finditer(text):
        if len(out) >= limit:
            break
        line, col = _line_col(text, m.start())
        out.append(DataError(file, line, col, "", fr(forbidden_message(m.group()))))
    return out


def _line_col(text: str, index: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, index) + 1
    return text.count("\n", 0, index) + 1, index - start + 1
