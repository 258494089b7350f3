"""An entry updated after the day the site is built: refused.

Every page says it was updated on its entry's ``updated`` date, and the site on the newest of
them (macros/pages/dates.py): a date in the future would be printed as such, and one past
7 February 2106 stops MkDocs (the gzip header of sitemap.xml.gz holds 32 bits of seconds).
The build date is macros/core/clock.py's (ALTERNANCE_DATE, else the machine's day). One day of
margin: an entry written just after midnight in France is dated the next day, while the build
machine, on UTC, is still on the previous one.
"""

from __future__ import annotations

from datetime import timedelta

from macros.core import clock
from macros.core.errors import DataError, fr, path_str


def check_updated(name: str, entries: list, positions, file: str) -> list[DataError]:
    """Errors for the entries of catalogue *name* whose ``updated`` comes after the day after the build date."""
    try:
        today = clock.today()
    except clock.ClockError:  # the build date itself is wrong: the build says so where it reads it
        return []
    latest = (today + timedelta(days=1)).isoformat()
    errors = []
    for i, entry in enumerate(entries):
        value = entry.get("updated") if isinstance(entry, dict) else None
        if isinstance(value, str) and value > latest:
            line, col = positions.value((name, i, "updated"))
            errors.append(
                DataError(
                    file,
                    line,
                    col,
                    path_str((name, i, "updated")),
                    fr(
                        f"date de mise à jour {value} dans le futur (le site est construit le {today.isoformat()}) : "
                        "écrivez le jour où l'entrée a été modifiée"
                    ),
                )
            )
    return errors
