"""The practice pages' Markdown, converted beside MkDocs in a worker process (hooks/catalog_pages.py).

MkDocs reads the pages one after the other on one core: each page's Markdown becomes HTML
(``Page.render``) before the next page is read. The practice pages are most of the site (1,006 of
1,041 pages on the bench's 1,000-practice tree, four fifths of MkDocs' Markdown time), and their
source is known before MkDocs reads any page: it is made from data/ at on_files. So:

- when the build starts (:meth:`Prerender.spawn`, from macros/glue/context.py), a worker process
  starts on the helpers' CPUs (macros/core/placement.py), its imports overlapping validation;
- at on_nav (:meth:`Prerender.start`), every practice page becomes a :class:`PrerenderedPage` and
  the worker is handed their sources, the site's files (their addresses, for the links) and the
  glossary's abbreviations. It converts the pages from the last one back, with MkDocs' own
  ``Page.render`` on a ``Page`` of its own, while MkDocs reads from the first one on;
- when MkDocs renders a practice page, the page first claims it (a number shared with the
  worker, which stops at the first page claimed: the two meet in the middle, and no page but the
  few of the batch in hand at the meeting is converted twice). If the worker has returned it, and
  the Markdown the worker converted is exactly the Markdown MkDocs' hooks made of the page (front
  matter read, mkdocs-macros, the glossary's abbreviations), the page takes the worker's HTML,
  table of contents, title, anchors and links to other pages' anchors, and the lines the worker
  logged are logged again here (a link warning still fails the strict build). Otherwise it is
  converted here, as MkDocs always does.

Nothing but the time depends on the worker: a worker that is slow, fails or dies leaves its pages
to MkDocs. The fields a page takes are those ``Page.render`` sets in MkDocs 1.6, among them the
attribute ``_title_from_render``; tests/acceptance/test_prerender.py pins them against MkDocs' own
conversion of every practice page (docs-dev/private-apis.md).
"""

from __future__ import annotations

import logging
import multiprocessing
import threading
from dataclasses import dataclass
from types import SimpleNamespace

from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.utils.meta import get_data

from macros.core.placement import end_worker, start_worker
from macros.pages.generated import with_abbreviations

PAGES_LOG = logging.getLogger("mkdocs.structure.pages")  # the logger Page.render writes to
BATCH = 8  # pages per reply: few wake-ups of the build's receiving thread, little converted twice
_LINK_LEVELS = ("absolute_links", "unrecognized_links", "not_found", "anchors")  # validation.links


@dataclass
class Converted:
    """One page as the worker converted it: what ``Page.render`` sets, and what it logged."""

    markdown: str  # the Markdown converted
    content: str
    toc: object  # mkdocs.structure.toc.TableOfContents
    title: str | None  # the first heading's text (Page.render's _title_from_render)
    anchors: set[str]  # Page.present_anchor_ids
    links: dict[str, dict[str, str]]  # Page.links_to_anchors, by the linked file's src_uri
    records: list[tuple[str, int, str]]  # (logger, level, message), logged while converting


class _Config(dict):
    """What ``Page`` and ``Page.render`` read of MkDocs' configuration, by key and by attribute."""

    def __getattr__(self, name):
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None


def _settings(config) -> dict:
    links = config.validation.links
    return {
        "markdown_extensions": list(config["markdown_extensions"]),
        "mdx_configs": dict(config["mdx_configs"] or {}),
        "use_directory_urls": config.use_directory_urls,
        "links": {name: links[name] for name in _LINK_LEVELS},
    }


def _config(settings: dict) -> _Config:
    return _Config(
        markdown_extensions=settings["markdown_extensions"],
        mdx_configs=settings["mdx_configs"],
        use_directory_urls=settings["use_directory_urls"],
        validation=SimpleNamespace(links=SimpleNamespace(**settings["links"])),
    )


def _files(settings: dict, described: list[tuple[str, str, str, int]]) -> Files:
    files = []
    for src_uri, dest_uri, url, inclusion in described:
        file = File(
            src_uri, None, "", settings["use_directory_urls"], dest_uri=dest_uri, inclusion=InclusionLevel(inclusion)
        )
        file.url = url  # as the build has it (a hook may have set it)
        files.append(file)
    return Files(files)


class _Capture(logging.Handler):
    """The worker's log lines, kept to be logged again by the build."""

    def __init__(self) -> None:
        super().__init__()
        self.records: list[tuple[str, int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append((record.name, record.levelno, record.getMessage()))


def convert(config, files: Files, file: File, markdown: str, capture: _Capture) -> Converted:
    """*markdown* converted as MkDocs converts the page of *file* (``Page.render``)."""
    page = Page(None, file, config)
    page.markdown = markdown
    capture.records = []
    page.render(config, files)
    links = {to.src_uri: dict(anchors) for to, anchors in (page.links_to_anchors or {}).items()}
    return Converted(
        markdown, page.content, page.toc, page._title_from_render, page.present_anchor_ids, links, capture.records
    )


def serve(jobs, replies, claimed) -> None:
    """The worker: the pages handed over (one message), converted from the last, until one MkDocs
    has claimed; replies by batches of (index, :class:`Converted`), or ``("failed", message)``."""
    try:
        setup = jobs.recv()
        config = _config(setup["settings"])
        files = _files(setup["settings"], setup["files"])
        capture = _Capture()
        logger = logging.getLogger("mkdocs")
        logger.setLevel(setup["level"])  # the build's level: the same lines are logged, no more
        logger.addHandler(capture)
        logger.propagate = False
        batch = []
        for index in reversed(range(len(setup["pages"]))):
            if index <= claimed.value:
                break
            src_uri, source = setup["pages"][index]
            markdown = with_abbreviations(get_data(source)[0], setup["abbreviations"])
            batch.append((index, convert(config, files, files.get_file_from_path(src_uri), markdown, capture)))
            if len(batch) >= BATCH:
                replies.send(batch)
                batch = []
        if batch:
            replies.send(batch)
    except (EOFError, KeyboardInterrupt, BrokenPipeError):  # the build ended first: nothing to say
        return
    except Exception as exc:  # noqa: BLE001 - the build converts the pages itself
        replies.send(("failed", repr(exc)))
    finally:
        replies.close()


class Prerender:
    """One build's practice pages, converted by the worker (those it has not, by MkDocs)."""

    def __init__(self) -> None:
        self._index: dict[str, int] = {}  # src_uri -> its place among the pages handed over
        self._done: dict[int, Converted] = {}
        self._lock = threading.Lock()
        self._process = None
        self._claimed = None  # shared: the last page MkDocs has claimed
        self._jobs = self._replies = None
        self.stats = {"worker": 0, "here": 0, "different": 0}  # pages taken from the worker, converted here
        self.failure: str | None = None  # what the worker raised, if it did

    def spawn(self) -> None:
        """Start the worker process; it waits for :meth:`start`."""
        if self._process is not None:
            return
        self._claimed = multiprocessing.get_context("spawn").RawValue("i", -1)
        self._process, self._jobs, self._replies = start_worker(serve, (self._claimed,), "practice-pages")

    def start(self, config, files: Files, pages: list[tuple[str, str]], abbreviations: list) -> None:
        """Hand *pages* ((src_uri, source), in the order MkDocs reads them) to the worker."""
        self.spawn()
        self._index = {src_uri: i for i, (src_uri, _) in enumerate(pages)}
        setup = {
            "settings": _settings(config),
            "files": [(f.src_uri, f.dest_uri, f.url, f.inclusion.value) for f in files],
            "pages": pages,
            "abbreviations": abbreviations,
            "level": logging.getLogger("mkdocs").getEffectiveLevel(),
        }
        # Sent from a thread: the worker reads a few megabytes while MkDocs goes on.
        threading.Thread(target=self._send, args=(setup,), name="practice-pages-sender", daemon=True).start()
        self._receiver = threading.Thread(target=self._receive, name="practice-pages-receiver", daemon=True)
        self._receiver.start()

    def _send(self, setup: dict) -> None:
        try:
            self._jobs.send(setup)
        except OSError:  # the worker is gone: MkDocs converts every page
            pass
        finally:
            self._jobs.close()

    def _receive(self) -> None:
        try:
            while True:
                reply = self._replies.recv()
                if reply and reply[0] == "failed":
                    self.failure = reply[1]
                    return
                with self._lock:
                    self._done.update(reply)
        except (EOFError, OSError):  # the worker is done, or gone
            pass
        finally:
            self._replies.close()

    def wait(self, timeout: float | None = None) -> None:
        """Wait until the worker has returned every page it will (tests)."""
        self._receiver.join(timeout)

    def take(self, page) -> Converted | None:
        """*page* claimed for MkDocs; what the worker made of it, if it has."""
        index = self._index.get(page.file.src_uri)
        if index is None:
            return None
        if index > self._claimed.value:
            self._claimed.value = index
        with self._lock:
            return self._done.pop(index, None)

    def close(self) -> None:
        """End the worker (every page is read, or the build failed): it converts no further page."""
        if self._process is None:
            return
        self._claimed.value = 1 << 30
        if not self._index:  # never handed any page: it waits for them
            self._jobs.close()
        end_worker(self._process)
        self._process = None


class PrerenderedPage(Page):
    """A practice page: its Markdown converted by the worker, when the worker has."""

    def __init__(self, file: File, config, prerender: Prerender) -> None:
        super().__init__(None, file, config)
        self._prerender = prerender

    def render(self, config, files: Files) -> None:
        done = self._prerender.take(self)
        if done is None:
            self._prerender.stats["here"] += 1
            return super().render(config, files)
        linked = {files.get_file_from_path(uri): anchors for uri, anchors in done.links.items()}
        if done.markdown != self.markdown or None in linked:
            self._prerender.stats["different"] += 1
            return super().render(config, files)
        self._prerender.stats["worker"] += 1
        for name, level, message in done.records:
            logging.getLogger(name).log(level, message)
        self.content = done.content
        self.toc = done.toc
        self._title_from_render = done.title
        self.present_anchor_ids = done.anchors
        if PAGES_LOG.getEffectiveLevel() > logging.DEBUG:  # as Page.render does
            self.links_to_anchors = linked
        return None
