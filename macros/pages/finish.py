"""The last passes over a page's HTML, as pure functions a worker process can run.

Three hooks each name one pass at on_page_content, in the order of mkdocs.yml (asserted by
macros/glue/context.py): hooks/trust.py « sanitize » (the nh3 pass, macros/pages/sanitize.py),
hooks/reader.py « permalinks » (macros/pages/permalinks.py), hooks/typography.py « typography »
(macros/french/typography.py). :func:`finish` applies the named passes in that order to the
page's HTML; typography also goes over the page's title and table of contents, given as a list
of HTML strings. The result is what the hooks produced when each ran its pass in turn, byte for
byte: macros/glue/pagework.py runs it beside MkDocs, on the second core.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from macros.french import typography
from macros.pages.permalinks import named_permalinks
from macros.pages.sanitize import clean, removed


@dataclass
class Finished:
    """A page's HTML after its passes; what the sanitiser removed; its titles, typographed."""

    html: str
    titles: list[str]
    lost: list[str] = field(default_factory=list)


def _sanitize(done: Finished) -> None:
    safe = clean(done.html)
    done.lost = removed(done.html, safe)
    done.html = safe


def _permalinks(done: Finished) -> None:
    done.html = named_permalinks(done.html)


def _typography(done: Finished) -> None:
    done.html = typography.html(done.html)
    done.titles = [typography.html(title) for title in done.titles]  # headings' text, as HTML


PASSES = {"sanitize": _sanitize, "permalinks": _permalinks, "typography": _typography}


def finish(html: str, titles: list[str], passes: tuple[str, ...]) -> Finished:
    """*html* and *titles* after *passes* (names of :data:`PASSES`), in the order given."""
    done = Finished(html, list(titles))
    for name in passes:
        PASSES[name](done)
    return done
