"""The French labels of a closed vocabulary, written in the schema beside its ``enum``.

A field whose values are codes carries, next to its ``enum``, the custom keyword
``x-labels``: one object per code, with the words readers and editors see::

    "enum": ["terrain-professionnel", "formateur", "etudiant"],
    "x-labels": {
      "terrain-professionnel": {"singular": "Terrain professionnel", "plural": "Terrains professionnels"},
      …
    }

* ``singular`` (required): one value chosen or shown on its own — a select of the
  web editor, a choice of ``make new`` or of an issue form, the « Contribuer » pages,
  a badge (« Expérimentation · Évaluée »);
* ``plural``: the group of all entries with that code — a section heading of the
  testimonials page, a search facet (« Départements »). Where the group is one body
  (« État »), it is the singular again. Defaults to ``singular``;
* ``gender``: ``"m"`` or ``"f"``, where a phrase agrees with the value
  (« Remplacée par … » for a « loi »). Defaults to masculine;
* ``short``: the lower-case form inside a sentence, where it differs
  (« Fiabilité : texte officiel »). Defaults to ``singular``.

JSON Schema ignores keywords it does not know: validators, ``check-jsonschema``
and editors' tools read the schemas as before. :func:`label_problems` checks the
keyword's shape and that its codes are exactly the ``enum``'s (the schema reader
reports a mismatch as an error line). These schemas are the only place where
such labels are written (tests/unit/test_labels.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

KEYWORD = "x-labels"
_KEYS = {"singular", "plural", "gender", "short"}


@dataclass(frozen=True)
class Label:
    """The words for one code of a closed vocabulary (see the module docstring)."""

    code: Any
    singular: str
    plural: str
    gender: str = "m"
    short: str = ""

    def __post_init__(self) -> None:
        if not self.short:
            object.__setattr__(self, "short", self.singular)

    @property
    def feminine(self) -> bool:
        return self.gender == "f"

    def matches(self, text: str) -> bool:
        """Whether an editor's *text* names this value (its code or one of its labels, any case)."""
        wanted = text.strip().casefold()
        return wanted in {
            str(self.code).casefold(),
            self.singular.casefold(),
            self.plural.casefold(),
            self.short.casefold(),
        }


def labels_of(schema: Any) -> dict[Any, Label]:
    """Code -> :class:`Label` of a schema node with ``enum`` and ``x-labels`` (empty without)."""
    if not isinstance(schema, dict) or not isinstance(schema.get(KEYWORD), dict):
        return {}
    written = schema[KEYWORD]
    out = {}
    for code in schema.get("enum") or list(written):
        words = written.get(str(code))
        if isinstance(words, dict) and isinstance(words.get("singular"), str):
            out[code] = Label(
                code,
                words["singular"],
                words.get("plural") or words["singular"],
                words.get("gender") or "m",
                words.get("short") or "",
            )
    return out


def label_problems(schema: Any, where: str = "") -> list[str]:
    """What is wrong with the ``x-labels`` of *schema* and its subschemas (French, for the error line)."""
    problems = []
    stack = [(schema, where)]
    while stack:
        node, at = stack.pop()
        if isinstance(node, list):
            stack.extend((v, f"{at}/{i}") for i, v in enumerate(node))
            continue
        if not isinstance(node, dict):
            continue
        stack.extend((v, f"{at}/{k}") for k, v in node.items() if k != KEYWORD)
        if KEYWORD not in node:
            continue
        labels = node[KEYWORD]
        codes = {str(v) for v in node.get("enum") or []}
        if not isinstance(labels, dict) or not codes:
            problems.append(f"{at or '(racine)'} : « {KEYWORD} » accompagne un « enum » et donne un objet par valeur")
            continue
        if set(labels) != codes:
            problems.append(
                f"{at} : les valeurs de « {KEYWORD} » ({', '.join(sorted(labels))}) "
                f"diffèrent de celles de « enum » ({', '.join(sorted(codes))})"
            )
        for code, words in labels.items():
            if (
                not isinstance(words, dict)
                or not isinstance(words.get("singular"), str)
                or set(words) - _KEYS
                or any(not isinstance(words.get(k, ""), str) for k in _KEYS)
                or words.get("gender", "m") not in ("m", "f")
            ):
                problems.append(
                    f"{at} : « {KEYWORD} » de « {code} » : un objet avec « singular » (texte), et au besoin "
                    "« plural », « short » (textes) et « gender » (« m » ou « f »)"
                )
    return sorted(problems)
