"""An entry updated after the day the site is built: refused.

Every page says it was updated on its entry's ``updated`` date, and the site on the newest of
them (macros/pages/dates.py): a date in the future would be printed as such, and one past
7 February 2106 stops MkDocs (the gzip header of sitemap.xml.gz holds 32 bits of seconds).
The build date is macros/core/clock.py's (ALTERNANCE_DATE, else the machine's day).
"""

from __future__ import annotations

from macros.core import clock
from macros.core.errors import DataError, fr, path_str


def check_updated(name: str, entries: list, positions, file: str) -> list[DataError]:
    """Errors for the entries of catalogue *name* whose ``updated`` comes after the build date."""
    try:
        today = clock.today().isoformat()
    except clock.ClockError:  # the build date itself is wrong: the build says so where it reads it
        return []
    errors = []
    for i, entry in enumerate(entries):
        value = entry.get("updated") if isinstance(entry, dict) else None
        if isinstance(value, str) and value > today:
            line, col = positions.value((name, i, "updated"))
            errors.append(
                DataError(
                    file,
                    line,
                    col,
                    path_str((name, i, "updated")),
                    fr(
                        f"date de mise à jour {value} postérieure à la date de construction du site ({today}) : "
                        "écrivez le jour où l'entrée a été modifiée, au plus tard aujourd'hui"
                    ),
                )
            )
    return errors
