"""Which fields are unique and which fields name entries of another catalogue: the relations between catalogues.

Two declarative tables (docs-dev/data-model.md, « Cross-file checks »), read by the
validator (:mod:`macros.validate.cross_refs`, which checks them against the loaded data),
by the schema fields (:mod:`macros.schema.fields`: which catalogue a field points to) and
by the web editor's configuration (selects whose options are another catalogue's ids).

Path patterns are relative to one entry: ``"source"``, ``"formats[]"`` (each item of the
list), ``"form.sections[].include"``.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Unique:
    catalogue: str  # "*": every catalogue
    field: str
    what: str  # how the message calls the value


@dataclass(frozen=True)
class Ref:
    catalogue: str  # "*": every catalogue whose entries have this field
    field: str  # path pattern inside an entry
    target: str  # catalogue that holds the valid values
    key: str  # field of the target entries
    noun: str  # « n'est pas {noun} »
    only: tuple[str, str] | None = None  # targets restricted to entries where field == value


UNIQUE = (
    Unique("*", "id", "identifiant"),
    Unique("diplomas", "code", "sigle"),
)

REFERENCES = (
    Ref("*", "source", "sources", "id", "une source connue"),
    Ref("*", "formats[]", "formats", "id", "un format connu"),
    Ref("*", "practices[]", "practices", "id", "une pratique connue"),
    Ref("practices", "part_of", "practices", "id", "une expérimentation connue", only=("kind", "experimentation")),
    Ref("*", "partners[]", "partners", "id", "un partenaire connu"),
    Ref("*", "references[]", "references", "id", "une référence connue"),
    Ref("*", "replaced_by", "references", "id", "une référence connue"),
    Ref("diplomas", "training[].reference", "references", "id", "une référence connue"),
    Ref("diplomas", "training[].replaced_by", "references", "id", "une référence connue"),
    Ref("*", "protocol", "protocols", "id", "un protocole connu"),
    Ref("formats", "form.sections[].include", "form_blocks", "id", "une rubrique commune connue"),
    Ref("*", "diplomas[]", "diplomas", "code", "un diplôme connu"),
    Ref("glossary", "diploma", "diplomas", "code", "un diplôme connu"),
)
