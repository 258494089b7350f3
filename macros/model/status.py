"""What a rule, a text or a figure is worth on a given day: its status, computed from the data.

Entries say which period they hold for (schemas/_defs.schema.json: ``in_force``
``{from, until, unknown_from, confidence}``, ``replaced_by``, ``applies_to``, ``as_of``).
:func:`status_of` turns that into the status a reader is shown on the day the site is
built (``macros.core.clock.today()``, so the 2018 DECESF arrêté flips to « Remplacé » on
1 September 2027 without an edit), and templates/partials/status.md.j2 is the one
template that writes it. Nothing else on the site writes a status.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from macros.french.dates import date_fr
from macros.schema.formats import first_day as _first_day

IN_FORCE = "en-vigueur"  # in force today (possibly replaced later: Status.replaced_by, Status.change)
UPCOMING = "a-venir"  # in force from a later date (Status.when)
REPLACED = "remplace"  # replaced by Status.replaced_by, since Status.when (when known)
ENDED = "termine"  # no longer applies since Status.when, no replacement named
UNKNOWN = "inconnu"  # the sources do not say (since Status.when, when given)
HISTORICAL = "historique"  # a dated document or figures describing Status.when (a year or a date)
KINDS = (IN_FORCE, UPCOMING, REPLACED, ENDED, UNKNOWN, HISTORICAL)


@dataclass(frozen=True)
class Status:
    kind: str
    when: str | None = None  # the partial date the kind refers to
    replaced_by: str | None = None  # reference id (REPLACED: by it; IN_FORCE: to be replaced by it)
    change: str | None = None  # IN_FORCE with a known end: the first day it no longer applies
    applies_to: str | None = None
    confidence: str | None = None  # of the dates, when weaker than the entry's

    @property
    def year(self) -> str:
        return str(self.when)[:4] if self.when else ""


def first_day(value) -> date:
    """The first day of a validated partial date: '2027' -> 2027-01-01, '2026-09' -> 2026-09-01
    (:func:`macros.schema.formats.first_day`, which reads the schemas' « partial-date »)."""
    day = _first_day(str(value))
    if day is None:
        raise ValueError(f"not a partial date: {value!r}")
    return day


def status_of(entry: dict, today: date) -> Status:
    """The status of *entry* (a reference, a protocol, a diploma's training conditions) on *today*.

    - ``in_force.from`` after today: upcoming;
    - ``in_force.until`` reached: replaced (``replaced_by``) or ended;
    - ``replaced_by`` without ``in_force.until``: replaced, no date given;
    - ``in_force.unknown_from`` reached: unknown (the sources stop saying);
    - otherwise, with ``in_force``: in force (and, with ``until``, replaced on that day);
    - without ``in_force``: replaced if ``replaced_by`` is given, historical if ``as_of``
      is, unknown otherwise.

    A partial date counts from its first day (« 2027 »: 1 January 2027).
    """
    period = entry.get("in_force")
    replaced_by = entry.get("replaced_by")
    applies_to = entry.get("applies_to")
    if period is None:
        if replaced_by:
            return Status(REPLACED, replaced_by=replaced_by, applies_to=applies_to)
        if entry.get("as_of"):
            return Status(HISTORICAL, when=str(entry["as_of"]), applies_to=applies_to)
        return Status(UNKNOWN, applies_to=applies_to)
    confidence = period.get("confidence")
    start, end, unknown = period.get("from"), period.get("until"), period.get("unknown_from")
    if start and today < first_day(start):
        return Status(UPCOMING, when=str(start), applies_to=applies_to, confidence=confidence)
    if end and today >= first_day(end):
        kind = REPLACED if replaced_by else ENDED
        return Status(kind, when=str(end), replaced_by=replaced_by, applies_to=applies_to, confidence=confidence)
    if replaced_by and not end:  # replaced, the sources giving no date (schemas: « dès maintenant »)
        return Status(REPLACED, replaced_by=replaced_by, applies_to=applies_to, confidence=confidence)
    if unknown and today >= first_day(unknown):
        return Status(UNKNOWN, when=str(unknown), applies_to=applies_to, confidence=confidence)
    return Status(
        IN_FORCE,
        replaced_by=replaced_by if end else None,
        change=str(end) if end else None,
        applies_to=applies_to,
        confidence=confidence,
    )


# --- French phrases, for the status template ----------------------------------


def agreement(entry: dict | None, kinds: dict | None = None) -> str:
    """The ending of « Remplacé » for *entry*: '', 'e', 's' or 'es'. *kinds*: the labels of the
    references' kinds (``catalog.labels("references", "kind")``, their ``gender`` from the schema)
    give the gender, ``plural: true`` the number; anything else, a protocol for instance, is masculine."""
    entry = entry or {}
    label = (kinds or {}).get(entry.get("kind"))
    ending = "e" if label is not None and label.feminine else ""
    return ending + ("s" if entry.get("plural") else "")


def since_fr(value: str | None) -> str:
    """'2026-09-01' -> 'depuis le 1er septembre 2026'; '2027' -> 'depuis 2027'."""
    if not value:
        return ""
    return ("depuis le " if str(value).count("-") == 2 else "depuis ") + date_fr(value)


def from_fr(value: str | None) -> str:
    """'2027-09-01' -> 'à partir du 1er septembre 2027'; '2027-09' -> 'à partir de septembre 2027'."""
    if not value:
        return ""
    return ("à partir du " if str(value).count("-") == 2 else "à partir de ") + date_fr(value)
