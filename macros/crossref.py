"""Checks across files, derived from the data itself (never from hard-coded ids).

The rules are the two declarative tables below (data-model.md, « Cross-file
checks »): which fields must be unique, and which fields name entries of
which catalogue. Valid values are always read from the loaded data, so adding
a diploma to data/diplomas.yaml is enough to make its code valid everywhere.

Path patterns are relative to one entry: ``"source"``, ``"formats[]"`` (each
item of the list), ``"form.sections[].include"``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .errors import DataError, enumerate_fr, fr, quote
from .schemacheck import closest, path_str


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
    Ref("*", "protocol", "protocols", "id", "un protocole connu"),
    Ref("formats", "form.sections[].include", "form_blocks", "id", "une rubrique commune connue"),
    Ref("*", "diplomas[]", "diplomas", "code", "un diplôme connu"),
    Ref("glossary", "diploma", "diplomas", "code", "un diplôme connu"),
)

# Forms: field ids (and section ids) unique inside one format's form, shared blocks included.
FORM = ("formats", "form.sections", "include", "form_blocks")  # catalogue, sections, include key, blocks


def _steps(pattern: str) -> list[str]:
    out = []
    for part in pattern.split("."):
        if part.endswith("[]"):
            out += [part[:-2], "[]"]
        else:
            out.append(part)
    return out


def values_at(entry: Any, pattern: str) -> list[tuple[tuple, Any]]:
    """(relative path, value) of every value matching *pattern* in *entry* (wrong types skipped)."""
    return _getter(pattern)(entry)


@lru_cache(maxsize=None)
def _getter(pattern: str):
    """A fast function entry -> [(relative path, value)] for *pattern*."""
    steps = _steps(pattern)
    if len(steps) == 1:
        (key,) = steps

        def get(entry):
            if isinstance(entry, dict) and key in entry:
                return [((key,), entry[key])]
            return []

        return get
    if len(steps) == 2 and steps[1] == "[]":
        key = steps[0]

        def get(entry):
            if isinstance(entry, dict):
                items = entry.get(key)
                if isinstance(items, list):
                    return [((key, i), item) for i, item in enumerate(items)]
            return []

        return get
    return lambda entry: _walk(entry, steps)


def _walk(entry: Any, steps: list[str]) -> list[tuple[tuple, Any]]:
    nodes: list[tuple[tuple, Any]] = [((), entry)]
    for step in steps:
        nxt = []
        for path, node in nodes:
            if step == "[]":
                if isinstance(node, list):
                    nxt += [(path + (i,), item) for i, item in enumerate(node)]
            elif isinstance(node, dict) and step in node:
                nxt.append((path + (step,), node[step]))
        nodes = nxt
    return nodes


class _Locator:
    def __init__(self, positions: dict, files: dict) -> None:
        self.positions = positions
        self.files = files

    def error(self, name: str, path: tuple, message: str) -> DataError:
        line, col = self.positions[name].value(path)
        return DataError(self.files[name], line, col, path_str(path), message)

    def line(self, name: str, path: tuple) -> int:
        return self.positions[name].value(path)[0]


def _applies(rule_catalogue: str, name: str) -> bool:
    return rule_catalogue in ("*", name)


def check_references(catalogues: dict[str, list], positions: dict, files: dict, flagged: dict | None = None) -> list[DataError]:
    """Uniqueness, references and forms across the loaded catalogues.

    *catalogues*: {name: entries}; *positions*: {name: Positions of the whole
    document}; *files*: {name: file shown in messages}. Only catalogues present
    in all three are checked; a rule whose target is absent is skipped (its file
    has its own errors). *flagged*: {name: {field path text}} of values that
    already have a schema error: a reference that probably means one of those
    (« stage-file » for an invalid id « Stage filé ») is not reported again.
    """
    flagged = flagged or {}
    names = [n for n in catalogues if n in positions and n in files]
    loc = _Locator(positions, files)
    errors: list[DataError] = []

    def entries(name: str):
        for i, entry in enumerate(catalogues.get(name) or []):
            if isinstance(entry, dict):
                yield i, entry

    # Uniqueness.
    for rule in UNIQUE:
        for name in names:
            if not _applies(rule.catalogue, name):
                continue
            first: dict[str, tuple] = {}
            for i, entry in entries(name):
                value = entry.get(rule.field)
                if not isinstance(value, str):
                    continue
                path = (name, i, rule.field)
                if value in first:
                    prev = first[value]
                    errors.append(loc.error(name, path, fr(
                        f"{rule.what} {quote(value)} déjà utilisé par {path_str(prev[:2])} (ligne {loc.line(name, prev)}) : "
                        f"chaque entrée doit avoir un {rule.what} unique, changez l'un des deux")))
                else:
                    first[value] = path

    # References.
    for rule in REFERENCES:
        if rule.target not in names:
            continue
        valid, suspect = [], []
        other: dict[str, Any] = {}  # existing targets that fail the rule's restriction
        bad = flagged.get(rule.target, ())
        for t, target in entries(rule.target):
            value = target.get(rule.key)
            if not isinstance(value, str):
                continue
            if bad and (path_str((rule.target, t, rule.key)) in bad or (
                rule.only is not None and path_str((rule.target, t, rule.only[0])) in bad
            )):
                suspect.append(value)
            elif rule.only is None or target.get(rule.only[0]) == rule.only[1]:
                valid.append(value)
            else:
                other.setdefault(value, target.get(rule.only[0]))
        valid_set = set(valid)
        shown = enumerate_fr(sorted(valid_set))
        get = _getter(rule.field)
        for name in names:
            if not _applies(rule.catalogue, name):
                continue
            for i, entry in entries(name):
                for rel, value in get(entry):
                    if not isinstance(value, str) or value in valid_set:
                        continue
                    if suspect and (value in suspect or closest(value, suspect)):
                        continue  # the target itself is invalid: already reported there
                    listing = f" (attendus : {shown})" if valid_set else " (aucune valeur possible pour l'instant)"
                    if value in other:
                        field = rule.only[0]
                        errors.append(loc.error(name, (name, i) + rel, fr(
                            f"{quote(value)} n'est pas {rule.noun} : dans {files[rule.target]}, cette entrée a "
                            f"« {field}: {other[value]} » au lieu de « {field}: {rule.only[1]} »{listing}")))
                        continue
                    guess = closest(value, valid)
                    hint = f" ; vouliez-vous dire « {guess} » ?" if guess else ""
                    errors.append(loc.error(name, (name, i) + rel, fr(
                        f"{quote(value)} n'est pas {rule.noun} de {files[rule.target]}{listing}{hint}")))

    errors += _check_forms(catalogues, names, loc)
    return errors


def _check_forms(catalogues: dict, names: list, loc: _Locator) -> list[DataError]:
    name, sections_pattern, include_key, blocks_name = FORM
    if name not in names:
        return []
    blocks = {}
    if blocks_name in names:
        for i, block in enumerate(catalogues[blocks_name] or []):
            if isinstance(block, dict) and isinstance(block.get("id"), str):
                blocks.setdefault(block["id"], (i, block))
    errors = []
    for i, entry in enumerate(catalogues[name] or []):
        if not isinstance(entry, dict):
            continue
        for rel, sections in values_at(entry, sections_pattern):
            if not isinstance(sections, list):
                continue
            base = (name, i) + rel
            field_first: dict[str, str] = {}  # field id -> where it was first seen
            section_first: dict[str, str] = {}
            included: dict[str, int] = {}
            for j, section in enumerate(sections):
                if not isinstance(section, dict):
                    continue
                spath = base + (j,)
                if include_key in section:
                    block_id = section[include_key]
                    ipath = spath + (include_key,)
                    if not isinstance(block_id, str) or block_id not in blocks:
                        continue  # unknown block: reported by the references
                    if block_id in included:
                        errors.append(loc.error(name, ipath, fr(
                            f"la rubrique commune {quote(block_id)} est déjà incluse dans cette fiche "
                            f"(ligne {included[block_id]}) : supprimez l'une des deux lignes")))
                        continue
                    line = loc.line(name, ipath)
                    included[block_id] = line
                    b_index, block = blocks[block_id]
                    where = f"rubrique commune « {block_id} » incluse ligne {line}"
                    errors += _note_section(block_id, ipath, where, section_first, loc, name, f"la rubrique commune {quote(block_id)}")
                    for k, fld in enumerate(block.get("fields") or []):
                        fid = fld.get("id") if isinstance(fld, dict) else None
                        if not isinstance(fid, str):
                            continue
                        if fid in field_first:
                            errors.append(loc.error(name, ipath, fr(
                                f"la rubrique commune {quote(block_id)} contient le champ {quote(fid)}, "
                                f"déjà utilisé dans cette fiche ({field_first[fid]}) : les identifiants de champ "
                                "d'une fiche doivent être uniques, renommez l'un des deux")))
                        else:
                            field_first[fid] = where
                else:
                    sid = section.get("id")
                    if isinstance(sid, str):
                        line = loc.line(name, spath + ("id",))
                        errors += _note_section(sid, spath + ("id",), f"rubrique « {sid} », ligne {line}",
                                                section_first, loc, name, f"l'identifiant de rubrique {quote(sid)}")
                    for k, fld in enumerate(section.get("fields") or [] if isinstance(section.get("fields"), list) else []):
                        fid = fld.get("id") if isinstance(fld, dict) else None
                        if not isinstance(fid, str):
                            continue
                        fpath = spath + ("fields", k, "id")
                        if fid in field_first:
                            errors.append(loc.error(name, fpath, fr(
                                f"identifiant de champ {quote(fid)} déjà utilisé dans cette fiche ({field_first[fid]}) : "
                                "les identifiants de champ d'une fiche doivent être uniques, renommez l'un des deux")))
                        else:
                            field_first[fid] = f"ligne {loc.line(name, fpath)}"
    return errors


def _note_section(sid, path, where, section_first, loc, name, what) -> list[DataError]:
    if sid in section_first:
        return [loc.error(name, path, fr(
            f"{what} est déjà utilisé dans cette fiche ({section_first[sid]}) : chaque rubrique "
            "d'une fiche doit avoir un identifiant unique, rubriques communes comprises"))]
    section_first[sid] = where
    return []
