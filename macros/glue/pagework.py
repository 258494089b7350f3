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
- at on_env every page is waited for, then the worker ends; a pass that fails, or a worker
  that dies, fails the build there, naming the page (or the pages it was working on);
- at on_page_context, before the theme renders a page, hooks/trust.py checks that its content
  is the HTML its passes returned, sanitiser included (:meth:`PageWork.check`): a page whose raw
  HTML came back, unsanitised, stops the build instead of being published.

The worker is one spawned process (:class:`Worker`) fed through two one-way pipes, of which
the build keeps only its own ends: if the process dies, reading its replies ends at once with
an error, where ``concurrent.futures.ProcessPoolExecutor`` can wait for ever (a worker that
dies while writing a large reply). Batches are sent from a thread, so that the build can read
replies while a batch larger than the pipe's buffer is being written.

The result is byte for byte what the hooks made when each ran its pass in turn
(tests/acceptance/test_pagework.py).
"""

from __future__ import annotations

import logging
import multiprocessing
import queue
import threading
from collections import deque
from collections.abc import Callable, Iterator

from mkdocs.exceptions import PluginError

from macros.core.placement import end_worker, start_worker
from macros.pages.finish import PASSES, Finished, PassFailed, SearchWords, finish_batch, serve

log = logging.getLogger("mkdocs.hooks.trust")
BATCH = 16  # pages per message to the worker: fewer wake-ups of the build's threads


class Worker:
    """One spawned process running :func:`macros.pages.finish.serve`."""

    def __init__(self) -> None:
        spawn = multiprocessing.get_context("spawn")
        # the build's claim on the last batches (the worker skips from there on), and the last batch
        # the worker began: shared numbers, read and written without a lock (see :meth:`PageWork.finished`)
        self.limit = spawn.RawValue("q", 1 << 62)
        self.started = spawn.RawValue("q", -1)
        self.process, self._jobs, self._replies = start_worker(serve, (self.limit, self.started), "pages-passes")
        self._outbox: queue.SimpleQueue = queue.SimpleQueue()
        self._sender = threading.Thread(target=self._send_all, name="pages-passes-sender", daemon=True)
        self._sender.start()

    def _send_all(self) -> None:
        while (batch := self._outbox.get()) is not None:
            try:
                self._jobs.send(batch)
            except OSError:  # the worker is gone: reading its replies says so
                break
        self._jobs.close()

    def send(self, batch: list) -> None:
        self._outbox.put(batch)

    def has_reply(self) -> bool:
        """A reply is there to read, or the worker is gone (reading then fails)."""
        return self._replies.poll()

    def reply(self):
        return self._replies.recv()

    def close(self, waiting: bool) -> None:
        """End the worker: at once when replies are still *waiting* (a failed build), else once it
        has read the end of its jobs."""
        self._outbox.put(None)
        if waiting:
            self.process.kill()
        self._sender.join(timeout=5)
        end_worker(self.process)
        self._replies.close()


class PageWork:
    """One build's pages on their way through the passes (*start*: how the worker is started)."""

    def __init__(self, start: Callable[[], Worker] = Worker, batch: int = BATCH) -> None:
        self._start, self._size = start, batch
        self._passes: dict[str, list[str]] = {}  # src_uri -> the passes named so far
        self._batch: list[tuple[object, bool, tuple]] = []  # (page, own title?, finish's arguments)
        self._sent: deque[tuple[int, list[tuple[object, bool, tuple]]]] = deque()  # (number, batch) not back yet
        self._count = 0  # batches sent so far
        self.taken_back = 0  # batches done by the build itself (:meth:`_take_back`)
        self._worker: Worker | None = None
        self._failure: PluginError | None = None
        self._final: dict[str, tuple[str, tuple[str, ...]]] = {}  # src_uri -> (HTML returned, passes)

    @property
    def worker(self) -> Worker | None:
        """The worker process, while it runs."""
        return self._worker

    def prepare(self) -> None:
        """Start the worker now (its start-up overlaps what the build does meanwhile)."""
        if self._worker is None and self._failure is None:
            self._worker = self._start()

    def add(self, page, name: str) -> None:
        """*page*'s HTML is to go through the pass *name* (after those named before)."""
        if name not in PASSES:
            raise PluginError(f"passe inconnue : {name} (connues : {', '.join(PASSES)} ; macros/pages/finish.py)")
        self._passes.setdefault(page.file.src_uri, []).append(name)

    def submit(self, page, html: str, search: SearchWords | None = None) -> None:
        """Send *page*'s *html*, its own title (unless its front matter gives one) and the titles
        of its table of contents to the worker, with the passes named for it (and the words the
        search adds to it, to find the glossary terms it lacks); pages go by batches."""
        passes = tuple(self._passes.pop(page.file.src_uri, ()))
        own_title = "title" not in page.meta and bool(page.title)
        titles = ([page.title] if own_title else []) + [item.title for item in _toc(page.toc)]
        self._batch.append((page, own_title, (html, titles, passes, search)))
        if len(self._batch) >= self._size:
            self._flush()

    def _flush(self) -> None:
        if not self._batch or self._failure is not None:
            return
        if self._worker is None:
            self._worker = self._start()
        self._sent.append((self._count, self._batch))
        self._count += 1
        self._worker.send([job for _, _, job in self._batch])
        self._batch = []

    def _take_back(self) -> dict[int, list | PassFailed]:
        """The last batches, done here while the worker does the first ones (every page is waited
        for: the build has nothing else to do). From the last batch back, each is claimed (the
        worker skips the batches from the claimed one on) and done here, until the worker is found
        to have begun the batch just claimed: that one is done by both (a claim and the worker's
        start may cross), the earlier ones by the worker only. Both run :func:`finish_batch`:
        whichever does a batch, its pages are the same."""
        done: dict[int, list | PassFailed] = {}
        limit, started = getattr(self._worker, "limit", None), getattr(self._worker, "started", None)
        if limit is None or self._failure is not None:
            return done
        for number, batch in reversed(self._sent):
            if started.value >= number:
                break
            limit.value = number
            try:
                done[number] = finish_batch([job for _, _, job in batch])
            except PassFailed as exc:
                done[number] = exc
            if started.value >= number:
                break
        return done

    def finished(self, wait: bool) -> Iterator[tuple[object, Finished]]:
        """The pages sent whose passes are done, in the order sent, each put back together, with
        what the passes found. With *wait*, every page, waited for, the last batches done here
        (:meth:`_take_back`); a failure met before is raised then (raised while another page is
        being read, MkDocs would name that page too)."""
        here = {}
        if wait:
            self._flush()
            here = self._take_back()
            self.taken_back += len(here)
        while self._failure is None and self._sent and (wait or self._worker.has_reply()):
            number, pages = self._sent.popleft()
            if number in here:
                try:  # the worker's reply, read so the two stay in step: skipped, or done as here
                    self._worker.reply()
                except (EOFError, OSError):  # the worker is gone: the batch is done all the same
                    pass
                result = here[number]
                reply = ("failed", result.index, result.message) if isinstance(result, PassFailed) else ("done", result)
            else:
                try:
                    reply = self._worker.reply()
                except (EOFError, OSError) as exc:
                    names = f"{pages[0][0].file.src_uri} à {pages[-1][0].file.src_uri}" if len(pages) > 1 else ""
                    self._fail(
                        "Le processus qui assainit et met en forme les pages s'est arrêté pendant les pages "
                        f"{names or pages[0][0].file.src_uri} ({type(exc).__name__}) : elles ne sont pas publiées."
                    )
                    break
            if reply[0] == "failed":
                self._fail(
                    f"Page {pages[reply[1]][0].file.src_uri} : le traitement final du HTML a échoué : {reply[2]}"
                )
                break
            for (page, own_title, job), done in zip(pages, reply[1], strict=True):
                _put_back(page, own_title, done)
                self._final[page.file.src_uri] = (done.html, job[2])
                yield page, done
        if wait and self._failure is not None:
            raise self._failure

    def _fail(self, message: str) -> None:
        self._failure = PluginError(message)
        self.close()

    def check(self, page) -> None:
        """Stop the build unless *page*'s content is the very HTML its passes, sanitiser included, returned."""
        html, passes = self._final.get(page.file.src_uri, (None, ()))
        if html is None or html is not page.content or "sanitize" not in passes:
            raise PluginError(
                f"Page {page.file.src_uri} : son HTML n'est pas passé par l'assainissement et la typographie "
                "(macros/glue/pagework.py) ; la page n'est pas publiée."
            )

    def close(self) -> None:
        """End the worker (every page back, or the build failed); the pages not back stay unfinished."""
        if self._worker is not None:
            self._worker.close(waiting=bool(self._sent))
            self._worker = None


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
