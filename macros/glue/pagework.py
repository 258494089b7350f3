"""The last passes over each page's HTML (macros/pages/finish.py), run beside MkDocs.

MkDocs reads every page first (Markdown to HTML, then on_page_content), and only then renders
the theme around each (on_page_context to on_post_page). The passes over a page's HTML — the
nh3 sanitiser, the permalinks' names, the French typography — need nothing but that HTML, so
they need not hold up the Markdown of the next page; one worker process runs them on the
second core:

- at on_page_content, hooks/trust.py, hooks/reader.py and hooks/typography.py each name their
  pass (:meth:`PageWork.add`), in the order the context asserts; hooks/search_index.py, the
  last, sends the page to the worker (:meth:`PageWork.submit`), after taking back the pages
  sent before it (MkDocs sets a page's content from its hooks' return value: a page taken back
  while its own hooks run would be overwritten with its raw HTML);
- the pages come back in the order they were sent (:meth:`PageWork.finished`). Each is put
  back into its page — content, title, table of contents — and what the sanitiser removed is
  reported then, as the warning that fails the strict build; only then does the search index
  read it;
- at on_env every page is waited for, and a pass that fails fails the build, naming the page;
- at on_page_context, before the theme renders a page, hooks/trust.py checks that its content
  is the HTML its passes returned (:meth:`PageWork.check`): a page whose raw HTML came back,
  unsanitised, stops the build instead of being published.

The result is byte for byte what the hooks made when each ran its pass in turn
(tests/acceptance/test_pagework.py).
"""

from __future__ import annotations

import logging
import multiprocessing
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor

from mkdocs.exceptions import PluginError

from macros.pages.finish import PASSES, Finished, PassFailed, SearchWords, finish_batch

log = logging.getLogger("mkdocs.hooks.trust")


BATCH = 16  # pages per call to the worker: fewer wake-ups of the main process's threads


class PageWork:
    """One build's pages on their way through the passes."""

    def __init__(self) -> None:
        self._passes: dict[str, list[str]] = {}  # src_uri -> the passes named so far
        self._batch: list[tuple[object, bool, tuple]] = []  # (page, own title?, finish's arguments)
        self._sent: deque[tuple[list[tuple[object, bool]], Future]] = deque()
        self._pool: ProcessPoolExecutor | None = None
        self._final: dict[str, str] = {}  # src_uri -> the HTML its passes returned

    def add(self, page, name: str) -> None:
        """*page*'s HTML is to go through the pass *name* (after those named before)."""
        if name not in PASSES:
            raise ValueError(f"passe inconnue : {name}")
        self._passes.setdefault(page.file.src_uri, []).append(name)

    def submit(self, page, html: str, search: SearchWords | None = None) -> None:
        """Send *page*'s *html*, its own title (unless its front matter gives one) and the titles
        of its table of contents to the worker, with the passes named for it (and the words the
        search adds to it, to find the glossary terms it lacks); pages go by batches of :data:`BATCH`."""
        passes = tuple(self._passes.pop(page.file.src_uri, ()))
        own_title = "title" not in page.meta and bool(page.title)
        titles = ([page.title] if own_title else []) + [item.title for item in _toc(page.toc)]
        self._batch.append((page, own_title, (html, titles, passes, search)))
        if len(self._batch) >= BATCH:
            self._flush()

    def _flush(self) -> None:
        if not self._batch:
            return
        if self._pool is None:
            self._pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"))
        pages = [(page, own_title) for page, own_title, _ in self._batch]
        self._sent.append((pages, self._pool.submit(finish_batch, [job for _, _, job in self._batch])))
        self._batch = []

    def finished(self, wait: bool) -> Iterator[tuple[object, Finished]]:
        """The pages sent whose passes are done, in the order sent, each put back together, with
        what the passes found; with *wait*, every page sent (waited for)."""
        if wait:
            self._flush()
        while self._sent and (wait or self._sent[0][1].done()):
            pages, future = self._sent.popleft()
            try:
                results = future.result()
            except Exception as exc:  # noqa: BLE001 - a failed pass or a broken worker: the build stops, naming a page
                self.close()
                failed = pages[exc.index][0].file.src_uri if isinstance(exc, PassFailed) else pages[0][0].file.src_uri
                raise PluginError(
                    f"Page {failed} : le traitement final du HTML a échoué : {getattr(exc, 'message', repr(exc))}"
                ) from None
            for (page, own_title), done in zip(pages, results, strict=True):
                _put_back(page, own_title, done)
                self._final[page.file.src_uri] = done.html
                yield page, done

    def check(self, page) -> None:
        """Stop the build unless *page*'s content is the very HTML its passes returned."""
        final = self._final.get(page.file.src_uri)
        if final is None or final is not page.content:
            raise PluginError(
                f"Page {page.file.src_uri} : son HTML n'est pas passé par l'assainissement et la typographie "
                "(macros/glue/pagework.py) ; la page n'est pas publiée."
            )

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


def _toc(items) -> Iterator:
    for item in items:
        yield item
        yield from _toc(item.children)


def _put_back(page, own_title: bool, done) -> None:
    if done.lost:
        log.warning(
            "Page %s : contenu retiré car non autorisé (seuls les liens http(s), mailto et vers les pages du "
            "site sont permis, jamais de script) : %s",
            page.file.src_uri,
            ", ".join(done.lost),
        )
    page.content = done.html
    titles = iter(done.titles)
    if own_title:
        title = next(titles)
        if title != page.title:
            page.title = title
    for item in _toc(page.toc):
        item.title = next(titles)
