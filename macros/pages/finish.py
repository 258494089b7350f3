"""The last passes over a page's HTML, as pure functions a worker process can run.

Three hooks each name one pass at on_page_content, in the order of mkdocs.yml (asserted by
macros/glue/context.py): hooks/trust.py « sanitize » (the nh3 pass, macros/pages/sanitize.py),
hooks/reader.py « permalinks » (macros/pages/permalinks.py), hooks/typography.py « typography »
(macros/french/typography.py). :func:`finish` applies the named passes in that order to the
page's HTML; typography also goes over the page's title and table of contents, given as a list
of HTML strings. Given the words the search adds to a page (:class:`SearchWords`), it also finds,
in the finished text, the glossary's sigles and expansions the page lacks (macros/search/metadata.py).
The result is what the hooks produced when each ran its pass in turn, byte for byte:
macros/glue/pagework.py runs it beside MkDocs, on the second core, in a process whose loop is
:func:`serve`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from macros.french import typography
from macros.pages.permalinks import named_permalinks
from macros.pages.sanitize import clean, removed
from macros.search.metadata import missing_terms, searchable_text


@dataclass(frozen=True)
class SearchWords:
    """What the search index adds to a page's text: its keywords, the glossary's sigles
    (sigle -> expansion) and the shared blocks of the model forms (never indexed)."""

    keywords: tuple[str, ...]
    abbreviations: dict[str, str]
    shared_blocks: tuple[str, ...]


@dataclass
class Finished:
    """A page's HTML after its passes; what the sanitiser removed; its titles, typographed."""

    html: str
    titles: list[str]
    lost: list[str] = field(default_factory=list)
    glossary: list[str] = field(default_factory=list)  # sigles and expansions the page lacks


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


def finish(html: str, titles: list[str], passes: tuple[str, ...], search: SearchWords | None = None) -> Finished:
    """*html* and *titles* after *passes* (names of :data:`PASSES`), in the order given; then,
    with *search*, the glossary terms its finished text lacks."""
    done = Finished(html, list(titles))
    for name in passes:
        PASSES[name](done)
    if search is not None:
        text = searchable_text(done.html, search.shared_blocks) + " " + " ".join(search.keywords)
        done.glossary = missing_terms(search.abbreviations, text)
    return done


class PassFailed(Exception):
    """A pass failed on the page at *index* of a batch (*message*: what it raised)."""

    def __init__(self, index: int, message: str) -> None:
        super().__init__(index, message)
        self.index, self.message = index, message


def finish_batch(jobs: list[tuple]) -> list[Finished]:
    """:func:`finish` over several pages (each job: its arguments), one call to the worker for all."""
    done = []
    for index, job in enumerate(jobs):
        try:
            done.append(finish(*job))
        except Exception as exc:  # noqa: BLE001 - reported with the page it came from (macros/glue/pagework.py)
            raise PassFailed(index, repr(exc)) from None
    return done


def serve(jobs, results, limit=None, started=None) -> None:
    """The worker process's loop: batches of :func:`finish`'s arguments read from the connection
    *jobs*, and for each one reply on *results*, ``("done", [Finished…])`` or ``("failed", index,
    message)``; it ends when *jobs* is closed (or the build is interrupted). With the shared
    numbers *limit* and *started* (macros/glue/pagework.py), each batch is numbered from 0, noted
    in *started* before it is begun, and skipped (``("skipped",)``) if its number has reached
    *limit*: the build does those batches itself."""
    try:
        number = -1
        while True:
            try:
                batch = jobs.recv()
            except EOFError:
                return
            number += 1
            if started is not None:
                started.value = number
                if number >= limit.value:
                    results.send(("skipped",))
                    continue
            try:
                reply = ("done", finish_batch(batch))
            except PassFailed as exc:
                reply = ("failed", exc.index, exc.message)
            results.send(reply)
    except (KeyboardInterrupt, BrokenPipeError):  # the build was stopped: nothing to report
        return
