"""Dates that contradict each other: a period that ends before it starts, a text replaced by itself.

The schemas check each date alone (``partial-date``: « 2027 », « 2027-09 », « 2027-09-01 »);
the site then computes every status from them (:mod:`macros.model.status`). Two dates that
cannot both be true would publish a status no source gives (« remplacée depuis 2004 » for a
circular of 2005), so they are refused here:

* ``in_force.until`` on or before ``in_force.from`` (the rule would never apply);
* ``in_force.unknown_from`` before ``in_force.from``;
* ``replaced_by`` naming the entry itself.

A partial date counts from its first day, as the statuses do.
"""

from __future__ import annotations

from macros.core.errors import DataError, fr, quote
from macros.schema.formats import first_day
from macros.validate.paths import Locator


def _holders(value, path: tuple):
    """Every mapping inside *value* (itself included) with its path: where ``in_force`` may be."""
    if isinstance(value, dict):
        yield path, value
        for key, item in value.items():
            yield from _holders(item, path + (key,))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _holders(item, path + (i,))


def check_periods(catalogues: dict, names: list, loc: Locator) -> list[DataError]:
    """The contradictions of :mod:`this module <macros.validate.periods>` in the catalogues *names*."""
    errors: list[DataError] = []
    for name in names:
        for i, entry in enumerate(catalogues.get(name) or []):
            for path, holder in _holders(entry, (name, i)):
                period = holder.get("in_force")
                if isinstance(period, dict):
                    errors += _period(name, path + ("in_force",), period, loc)
                if name == "references" and holder is entry and entry.get("replaced_by", 0) == entry.get("id"):
                    message = (
                        f"« replaced_by » désigne ce texte lui-même ({quote(entry['id'])}) : donnez l'identifiant "
                        "du texte qui le remplace, une autre entrée de data/references.yaml"
                    )
                    errors.append(loc.error(name, path + ("replaced_by",), fr(message)))
    return errors


def _period(name: str, path: tuple, period: dict, loc: Locator) -> list[DataError]:
    start, end, unknown = (period.get(key) for key in ("from", "until", "unknown_from"))
    first, last, unsure = first_day(start), first_day(end), first_day(unknown)
    errors = []
    if first and last and last <= first:
        message = (
            f"« until » ({end}) tombe le jour de « from » ({start}) ou avant : la règle ne s'appliquerait "
            "jamais ; « until » est le premier jour où elle ne s'applique plus, après « from »"
        )
        errors.append(loc.error(name, path + ("until",), fr(message)))
    if first and unsure and unsure < first:
        message = (
            f"« unknown_from » ({unknown}) tombe avant « from » ({start}) : les sources ne peuvent cesser "
            "de dire ce que devient une règle avant qu'elle s'applique ; donnez une date après « from »"
        )
        errors.append(loc.error(name, path + ("unknown_from",), fr(message)))
    return errors
