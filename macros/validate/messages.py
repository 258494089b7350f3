"""French messages for jsonschema errors: one sentence per problem, naming the field by its title.

Each error is translated by keyword (:data:`_BY_KEYWORD`) into :class:`~macros.validate.issues.Issue`
objects. Field names come from the schema titles (« Date du document », not ``date``), and the
message says what to write, because editors fix the file from the message alone. Messages about
a text that does not fit a ``pattern`` or ``format`` are in :mod:`.schemapatterns`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

from macros.core.errors import fr, quote
from macros.core.suggest import closest
from macros.load.scalars import Ambiguous, ambiguous_message
from macros.schema.patterns import format_message, pattern_message
from macros.validate.issues import Issue

# jsonschema's own equality (1 == 1.0, True != 1), through its public API: the duplicate named is
# the first item that makes the list fail « uniqueItems » for jsonschema.
_UNIQUE = Draft202012Validator({"uniqueItems": True})

_EXPECTED = {
    "string": "un texte",
    "integer": "un nombre entier (ex. 2017, sans guillemets)",
    "number": "un nombre",
    "boolean": "true ou false",
    "array": "une liste (un élément par ligne commençant par « - », ou [a, b])",
    "object": "un ensemble de champs (lignes « champ: valeur »)",
    "null": "une valeur vide",
}

# Several keywords fail on one value (« 2023-13 »: format and pattern): the lowest rank is shown.
_PRIORITY = {
    "type": 0,
    "const": 1,
    "enum": 1,
    "format": 2,
    "pattern": 3,
    "not": 4,
    "minLength": 5,
    "maxLength": 6,
    "minItems": 7,
    "maxItems": 7,
    "uniqueItems": 8,
    "minimum": 9,
    "maximum": 9,
    "exclusiveMinimum": 9,
    "exclusiveMaximum": 9,
}


def _got(x: Any) -> str:
    if x is None:
        return "vide"
    if isinstance(x, bool):
        return "lue comme oui/non (true/false)"
    if isinstance(x, (int, float)):
        return "lue comme un nombre"
    if isinstance(x, str):
        return "un texte"
    if isinstance(x, list):
        return "une liste"
    if isinstance(x, dict):
        return "un ensemble de champs"
    return type(x).__name__


@dataclass
class _Error:
    """One jsonschema error being translated, with what every message needs."""

    schemas: Any  # the SchemaSet: titles, descriptions, if/then parents
    name: str  # the catalogue
    e: ValidationError
    path: tuple
    field: str  # « Title » of the field, for messages

    @property
    def v(self) -> Any:  # the value found
        return self.e.instance

    @property
    def val(self) -> Any:  # the keyword's value in the schema
        return self.e.validator_value

    def one(self, message: str, **kw) -> list[Issue]:
        return [Issue(self.path, False, _PRIORITY.get(self.e.validator, 10), fr(message), **kw)]

    def title(self, key: str) -> str:
        """' (Title)' of the field *key* of this value, when it says more than *key*."""
        t = self.schemas.title(self.name, self.path + (key,), item_fallback=False)
        return f" ({t})" if t and t != key else ""

    def description(self) -> str:
        desc = self.e.schema.get("description") if isinstance(self.e.schema, dict) else ""
        return desc or ""


def translate(schemas, name: str, e: ValidationError) -> list[Issue]:
    """The issues of jsonschema error *e* in catalogue *name* (French, at the right path)."""
    path = tuple(e.absolute_path)
    err = _Error(schemas, name, e, path, f"« {schemas.title(name, path)} »")
    if e.validator is None or e.validator is False:
        return err.one(f"{err.field} n'est pas accepté ici")
    out = _BY_KEYWORD[e.validator](err) if e.validator in _BY_KEYWORD else None
    if out is None:
        return err.one(f"valeur non conforme pour {err.field} (détail technique : {e.message})")
    return out


def _condition(err: _Error) -> tuple[str, tuple]:
    """(' quand « kind » vaut « exemple »', paths the condition read) for errors of then/else."""
    sp = list(err.e.relative_schema_path)
    if len(sp) < 2 or sp[-2] not in ("then", "else"):
        return "", ()
    parent = err.schemas.parent_of(err.e.schema)
    if not parent or not isinstance(parent.get("if"), dict):
        return "", ()
    base = tuple(err.e.absolute_path)
    depends = tuple(base + (prop,) for prop in (parent["if"].get("properties") or {}))
    parts = []
    for prop, sub in (parent["if"].get("properties") or {}).items():
        if isinstance(sub, dict) and "const" in sub:
            parts.append(f"« {prop} » vaut « {sub['const']} »")
        elif isinstance(sub, dict) and isinstance(sub.get("enum"), list):
            parts.append(f"« {prop} » vaut " + " ou ".join(f"« {v} »" for v in sub["enum"]))
    if not parts:
        return "", depends
    return (" quand " if sp[-2] == "then" else " sauf quand ") + " et ".join(parts), depends


# --- Fields present or absent --------------------------------------------------------


def _required(err: _Error) -> list[Issue]:
    cond, depends = _condition(err)
    return [
        Issue(
            err.path,
            False,
            0,
            fr(
                f"champ obligatoire « {missing} » manquant{err.title(missing)}{cond} : ajoutez une ligne « {missing}: … »"
            ),
            group="required:" + missing,
            missing=missing,
            depends=depends,
        )
        for missing in err.val
        if isinstance(err.v, dict) and missing not in err.v
    ]


def _unknown_keys(err: _Error) -> list[Issue] | None:
    e, v = err.e, err.v
    if not isinstance(v, dict):
        return None
    props = e.schema.get("properties", {}) if isinstance(e.schema, dict) else {}
    patterns = list((e.schema.get("patternProperties") or {}) if isinstance(e.schema, dict) else {})
    if e.validator == "additionalProperties":
        extras = [k for k in v if k not in props and not any(re.search(p, k) for p in patterns)]
    else:  # unevaluatedProperties names them only in its message
        extras = [k for k in re.findall(r"'([^']*)'", e.message) if k in v] or list(v)
    allowed = list(props)
    out = []
    for key in extras:
        guess = closest(key, allowed)
        hint = f" (vouliez-vous dire « {guess} » ?)" if guess else ""
        listing = f" ; champs autorisés : {', '.join(allowed)}" if allowed else " ; aucun champ n'est attendu ici"
        out.append(
            Issue(
                err.path + (key,),
                True,
                0,
                fr(f"champ inconnu {quote(key)} : vérifiez l'orthographe{hint}{listing}"),
                group="unknown",
                suggestion=guess,
            )
        )
    return out


def _forbidden(err: _Error) -> list[Issue] | None:
    """« not »: a field that must be absent here, a forbidden text, or a refused value."""
    val, v, field = err.val, err.v, err.field
    if not isinstance(val, dict):
        return None
    cond, depends = _condition(err)
    if isinstance(val.get("required"), list) and isinstance(v, dict):
        out = [
            Issue(
                err.path + (k,),
                True,
                0,
                fr(f"champ « {k} »{err.title(k)} non accepté{cond} : supprimez-le"),
                group="forbidden:" + k,
                depends=depends,
            )
            for k in val["required"]
            if k in v
        ]
        if out:
            return out
    if isinstance(val.get("pattern"), str) and isinstance(v, str):
        m = re.search(val["pattern"], v)
        found = f"contient {quote(m.group(0))}" if m else "contient un élément refusé"
        desc = err.description()
        return err.one(f"{field} {found}, ce qui n'est pas accepté ici" + (f" : {desc.rstrip('. ')}" if desc else ""))
    return err.one(f"valeur refusée pour {field}{cond}", depends=depends)


def _dependent(err: _Error) -> list[Issue] | None:
    if not isinstance(err.v, dict):
        return None
    return [
        Issue(err.path, False, 0, fr(f"le champ « {k} » demande aussi le champ « {d} » : ajoutez-le"), group="dep:" + d)
        for k, deps in err.val.items()
        if k in err.v
        for d in deps
        if d not in err.v
    ]


# --- Values ------------------------------------------------------------------------


def _type(err: _Error) -> list[Issue]:
    val, v, field, path = err.val, err.v, err.field, err.path
    expected = val if isinstance(val, list) else [val]
    want = " ou ".join(_EXPECTED.get(t, t) for t in expected)
    key = next((p for p in reversed(path) if isinstance(p, str)), "")
    if type(v) is Ambiguous:  # « 0x7e1 », « 2017.0 », « yes » where a number or true/false is expected
        msg = ambiguous_message(v, field, next((t for t in ("integer", "boolean") if t in expected), "string"))
    elif v is None and path and isinstance(path[-1], int):
        msg = (
            f"élément vide (un tiret « - » seul) dans la liste : complétez-le ou supprimez la ligne ; attendu : {want}"
        )
    elif v is None:
        msg = f"{field} est vide : écrivez {want} après « {key}: »" if key else f"{field} est vide : {want} est attendu"
    elif "string" in expected and isinstance(v, (bool, int, float)):
        written = ("true" if v else "false") if isinstance(v, bool) else str(v)
        msg = (
            f"{field} : un texte est attendu, mais « {written} » est {_got(v)} ; "
            f'écrivez-le entre guillemets : "{written}"'
        )
    elif "array" in expected and isinstance(v, str):
        msg = (
            f"{field} : une liste est attendue, pas un texte ; écrivez chaque élément sur une ligne "
            "commençant par « - » (ou entre crochets : [a, b])"
        )
    else:
        msg = f"{field} doit être {want}, mais la valeur est {_got(v)}"
    return err.one(msg)


def _enum(err: _Error) -> list[Issue]:
    values = err.val if err.e.validator == "enum" else [err.val]
    guess = closest(err.v, values)
    hint = f" ; vouliez-vous dire « {guess} » ?" if guess and guess != err.v else ""
    if err.e.validator == "const":
        return err.one(f"{err.field} doit valoir « {err.val} »")
    return err.one(
        f"{quote(err.v)} n'est pas une valeur possible pour {err.field} (attendus : {', '.join(map(str, values))}){hint}"
    )


def _pattern(err: _Error) -> list[Issue] | None:
    if not isinstance(err.v, str):
        return None

    def describe() -> str:  # only some kinds of pattern need it: the schema walk stays lazy
        return err.description() or err.schemas.description(err.name, err.path)

    return err.one(pattern_message(err.v, err.val, err.field, describe))


def _format(err: _Error) -> list[Issue]:
    return err.one(format_message(err.v, err.val, err.field))


def _length(err: _Error) -> list[Issue] | None:
    v, val, field = err.v, err.val, err.field
    if not isinstance(v, str):
        return None
    if err.e.validator == "maxLength":  # of two limits (the field's, its type's), the stricter is named
        issues = err.one(f"{field} est trop long : {len(v)} caractères pour {val} au maximum")
        issues[0].rank += val / 1e9
        return issues
    if len(v.strip()) == 0 or val <= 1:
        return err.one(f"{field} est vide : écrivez un texte")
    return err.one(f"{field} est trop court : au moins {val} caractères (ici {len(v)})")


def _items(err: _Error) -> list[Issue] | None:
    v, val, field = err.v, err.val, err.field
    if not isinstance(v, list):
        return None
    if err.e.validator == "maxItems":
        return err.one(f"la liste {field} contient {len(v)} éléments pour {val} au maximum")
    if not v:
        s = "s" if val > 1 else ""
        return err.one(f"la liste {field} est vide : au moins {val} élément{s} attendu{s}")
    return err.one(f"la liste {field} doit contenir au moins {val} éléments (ici {len(v)})")


def _unique(err: _Error) -> list[Issue] | None:
    if not isinstance(err.v, list):
        return None
    for i, item in enumerate(err.v):
        if i and not _UNIQUE.is_valid(err.v[: i + 1]):
            return [
                Issue(
                    err.path + (i,),
                    False,
                    _PRIORITY["uniqueItems"],
                    fr(f"{quote(item)} figure deux fois dans la liste {err.field} : supprimez le doublon"),
                )
            ]
    return err.one(f"la liste {err.field} contient des doublons")


_BOUNDS = {
    "minimum": "minimum",
    "maximum": "maximum",
    "exclusiveMinimum": "strictement plus de",
    "exclusiveMaximum": "strictement moins de",
}


def _bound(err: _Error) -> list[Issue]:
    small = err.e.validator in ("minimum", "exclusiveMinimum")
    return err.one(
        f"{err.v} est trop {'petit' if small else 'grand'} pour {err.field} : {_BOUNDS[err.e.validator]} {err.val}"
    )


def _one_of(err: _Error) -> list[Issue] | None:
    if err.e.context:  # no branch fits: their errors were shown instead (schemaissues.leaves)
        return None
    return err.one(f"{err.field} correspond à plusieurs formes possibles à la fois : précisez la valeur")


def _n_properties(err: _Error) -> list[Issue]:
    return err.one(f"{err.field} : nombre de champs incorrect ({err.e.validator} {err.val})")


# keyword -> translator; a translator answering None leaves the generic message
_BY_KEYWORD = {
    "required": _required,
    "additionalProperties": _unknown_keys,
    "unevaluatedProperties": _unknown_keys,
    "type": _type,
    "enum": _enum,
    "const": _enum,
    "pattern": _pattern,
    "format": _format,
    "not": _forbidden,
    "minLength": _length,
    "maxLength": _length,
    "minItems": _items,
    "maxItems": _items,
    "uniqueItems": _unique,
    "minimum": _bound,
    "maximum": _bound,
    "exclusiveMinimum": _bound,
    "exclusiveMaximum": _bound,
    "oneOf": _one_of,
    "dependentRequired": _dependent,
    "minProperties": _n_properties,
    "maxProperties": _n_properties,
}
