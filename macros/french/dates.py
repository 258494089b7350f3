"""Dates written the French way: « 4 mai 2017 », « 1er septembre 2026 », « décembre 2014 »."""

from __future__ import annotations

from datetime import date

MONTHS = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
]


def date_fr(value: str | None) -> str:
    """'2017-05-04' -> '4 mai 2017'; '2014-12' -> 'décembre 2014'; '2014' -> '2014'."""
    if not value:
        return ""
    parts = [int(p) for p in str(value).split("-")]
    if len(parts) == 3:
        d = date(*parts)
        day = "1er" if d.day == 1 else str(d.day)
        return f"{day} {MONTHS[d.month - 1]} {d.year}"
    if len(parts) == 2:
        return f"{MONTHS[parts[1] - 1]} {parts[0]}"
    return str(parts[0])
