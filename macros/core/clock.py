"""Today's date for the tools that stamp entries (``make new``, the issue flow).

One clock, injectable: ``ALTERNANCE_DATE=2026-11-24`` (ISO date) in the
environment fixes the date every script stamps, so tests and reruns never depend
on the day they run. Without it, the machine's date is used.
"""

from __future__ import annotations

import os
from datetime import date

ENV = "ALTERNANCE_DATE"


class ClockError(ValueError):
    """ALTERNANCE_DATE is set but is not an ISO date."""


def today(environ: dict | None = None) -> date:
    """The date scripts stamp: $ALTERNANCE_DATE if set, else the machine's date."""
    value = (os.environ if environ is None else environ).get(ENV, "").strip()
    if not value:
        return date.today()  # clock: the one read of the machine's date
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ClockError(f"{ENV}={value!r} : une date AAAA-MM-JJ est attendue (par exemple 2026-11-24)") from None
