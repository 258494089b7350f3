"""Checks across files, derived from the data itself (never from hard-coded ids).

The rules are the two declarative tables below (data-model.md, « Cross-file
checks »): which fields must be unique, and which fields name entries of
which catalogue. Valid values are always read from the loaded data, so adding
a diploma to data/diplomas.yaml is enough to make its code valid everywhere.

Path patterns are relative to one entry: ``"source"``, ``"formats[]"`` (each
item of the list), ``"form.sections[].include"`` (:mod:`.crosspaths`). Ids
inside one model form are checked by :mod:`.crossforms`.
"""

from __future__ import annotations

from typing import Any

from macros.core.errors import MAX_ERRORS_PER_FILE, DataError, enumerate_fr, fr, path_str, quote
from macros.core.suggest import closest
from macros.schema.relations import REFERENCES, UNIQUE, Ref, Unique
from macros.validate.cross_addresses import check_addresses
from macros.validate.cross_forms import FORM, check_forms
from macros.validate.paths import Locator, getter, values_at
from macros.validate.periods import check_periods

__all__ = ["FORM", "check_references", "values_at"]


_FUZZY_MAX = 200  # invalid targets compared by spelling: beyond, only exact matches (bounded time)


def _applies(rule_catalogue: str, name: str) -> bool:
    return rule_catalogue in ("*", name)


def check_references(
    catalogues: dict[str, list], positions: dict, files: dict, flagged: dict | None = None, layout=None
) -> list[DataError]:
    """Uniqueness, references and forms across the loaded catalogues.

    *catalogues*: {name: entries}; *positions*: {name: Positions of the whole
    document}; *files*: {name: file shown in messages}. Only catalogues present
    in all three are checked; a rule whose target is absent is skipped (its file
    has its own errors). *layout*: what the build writes (:class:`.site.Layout`),
    for the addresses entries and redirects ask for (:mod:`.crossaddresses`); None: not
    checked. *flagged*: {name: {field path text}} of values that
    already have a schema error: a reference that probably means one of those
    (« stage-file » for an invalid id « Stage filé ») is not reported again.
    """
    flagged = flagged or {}
    names = [n for n in catalogues if n in positions and n in files]
    loc = Locator(positions, files)
    errors: list[DataError] = []
    for rule in UNIQUE:
        for name in names:
            if _applies(rule.catalogue, name):
                errors += _check_unique(rule, name, catalogues, loc)
    hinted: dict[str, int] = {}  # suggestions made per catalogue: only for the errors its file will list
    for rule in REFERENCES:
        if rule.target in names:
            errors += _check_rule(rule, catalogues, names, loc, flagged.get(rule.target, ()), hinted)
    errors += check_forms(catalogues, names, loc)
    errors += check_periods(catalogues, names, loc)
    if layout is not None:
        errors += check_addresses(catalogues, names, loc, layout)
    return errors


def _entries(catalogues: dict, name: str):
    """(index, entry) of the entries of *name* that are mappings (the others have schema errors)."""
    for i, entry in enumerate(catalogues.get(name) or []):
        if isinstance(entry, dict):
            yield i, entry


def _check_unique(rule: Unique, name: str, catalogues: dict, loc: Locator) -> list[DataError]:
    errors = []
    first: dict[str, tuple] = {}
    for i, entry in _entries(catalogues, name):
        value = entry.get(rule.field)
        if not isinstance(value, str):
            continue
        path = (name, i, rule.field)
        if value in first:
            prev = first[value]
            errors.append(
                loc.error(
                    name,
                    path,
                    fr(
                        f"{rule.what} {quote(value)} déjà utilisé par {path_str(prev[:2])} (ligne {loc.line(name, prev)}) : "
                        f"chaque entrée doit avoir un {rule.what} unique, changez l'un des deux"
                    ),
                )
            )
        else:
            first[value] = path
    return errors


def _targets(rule: Ref, catalogues: dict, bad) -> tuple[list, list, dict]:
    """(valid values, values of targets with a schema error, {value: field} of targets failing rule.only)."""
    valid, suspect = [], []
    other: dict[str, Any] = {}
    for t, target in _entries(catalogues, rule.target):
        value = target.get(rule.key)
        if not isinstance(value, str):
            continue
        if bad and (
            path_str((rule.target, t, rule.key)) in bad
            or (rule.only is not None and path_str((rule.target, t, rule.only[0])) in bad)
        ):
            suspect.append(value)
        elif rule.only is None or target.get(rule.only[0]) == rule.only[1]:
            valid.append(value)
        else:
            other.setdefault(value, target.get(rule.only[0]))
    return valid, suspect, other


def _check_rule(rule: Ref, catalogues: dict, names: list, loc: Locator, bad, hinted: dict) -> list[DataError]:
    """Every value named by *rule* that is not a valid key of its target catalogue."""
    valid, suspect, other = _targets(rule, catalogues, bad)
    valid_set = set(valid)
    shown = enumerate_fr(sorted(valid_set))
    listing = f" (attendus : {shown})" if valid_set else " (aucune valeur possible pour l'instant)"
    target_file = loc.files[rule.target]
    get = getter(rule.field)
    errors = []
    suspect_set = set(suspect)
    for name in names:
        if not _applies(rule.catalogue, name):
            continue
        for i, entry in _entries(catalogues, name):
            for rel, value in get(entry):
                if not isinstance(value, str) or value in valid_set:
                    continue
                # fuzzy matches (a few ms each) only for about as many values as a file lists: bounded time
                fuzzy = hinted.get(name, 0) < 2 * MAX_ERRORS_PER_FILE
                if suspect and value not in suspect_set and fuzzy and len(suspect) <= _FUZZY_MAX:
                    hinted[name] = hinted.get(name, 0) + 1
                    if closest(value, suspect):
                        continue  # probably names an invalid target: already reported there
                if suspect and value in suspect_set:
                    continue  # the target itself is invalid: already reported there
                if value in other:
                    field = rule.only[0]
                    errors.append(
                        loc.error(
                            name,
                            (name, i) + rel,
                            fr(
                                f"{quote(value)} n'est pas {rule.noun} : dans {target_file}, cette entrée a "
                                f"« {field}: {other[value]} » au lieu de « {field}: {rule.only[1]} »{listing}"
                            ),
                        )
                    )
                    continue
                hinted[name] = hinted.get(name, 0) + 1
                guess = closest(value, valid) if hinted[name] <= 2 * MAX_ERRORS_PER_FILE else None
                hint = f" ; vouliez-vous dire « {guess} » ?" if guess else ""
                errors.append(
                    loc.error(
                        name,
                        (name, i) + rel,
                        fr(f"{quote(value)} n'est pas {rule.noun} de {target_file}{listing}{hint}"),
                    )
                )
    return errors
