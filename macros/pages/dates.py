"""The dates a build writes come from the data, never from the clock.

MkDocs dates every page with the day it is built (the sitemap's ``lastmod``, the gzip header
of sitemap.xml.gz): hooks/trust.py gives every page the newest ``updated`` date of the data
instead (:func:`newest_update`), and hooks/reader.py an entry page its entry's own. A caller
that sets SOURCE_DATE_EPOCH keeps MkDocs' dates (https://reproducible-builds.org).
"""

from __future__ import annotations

from datetime import date


def newest_update(data: dict) -> date | None:
    """The newest `updated` date of any entry of any catalogue."""
    dates = [
        entry["updated"]
        for entries in data.values()
        for entry in entries
        if isinstance(entry, dict) and isinstance(entry.get("updated"), str)
    ]
    return date.fromisoformat(max(dates)) if dates else None
