"""The practice pages' Markdown converted in a worker process (macros/glue/prerender.py).

What a reader could be hurt by, pinned: a practice page the worker converted is, field by field,
what MkDocs makes of the same Markdown (HTML, table of contents, title, anchors, links to other
pages' anchors); what the worker logged (a link MkDocs does not find) is logged by the build, so
the strict build still fails; a page whose Markdown the build's hooks made differently, or that
the worker never returned (it died), is converted by MkDocs itself. (Acceptance: whole builds,
worker processes.)"""

from __future__ import annotations

import logging
import os
import signal

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.structure.files import InclusionLevel
from mkdocs.structure.pages import Page

from macros.glue.prerender import Converted, Prerender, PrerenderedPage, _Capture, _config, _files, convert
from tests.support import ROOT

PRACTICES = 6  # data/practices.yaml


def _toc(items) -> list:
    return [(item.title, item.id, item.level, _toc(item.children)) for item in items]


def _build(tmp_path, monkeypatch, before_take=None) -> tuple[list, dict]:
    """The shipped site built here, each practice page compared with MkDocs' own conversion."""
    compared, seen = [], {}
    take, render = Prerender.take, PrerenderedPage.render

    def taking(self, page):
        seen["prerender"] = self
        if before_take is not None:
            before_take(self)
        return take(self, page)

    def rendering(self, config, files):
        render(self, config, files)
        own = Page(None, self.file, config)  # MkDocs' conversion of the same Markdown, on a page of its own
        self.file.page = self
        own.markdown, own.meta = self.markdown, self.meta
        own.render(config, files)
        assert self.content == own.content
        assert _toc(self.toc) == _toc(own.toc)
        assert self._title_from_render == own._title_from_render and self.title == own.title
        assert self.present_anchor_ids == own.present_anchor_ids
        assert self.links_to_anchors == own.links_to_anchors
        compared.append(self.file.src_uri)

    monkeypatch.setattr(Prerender, "take", taking)
    monkeypatch.setattr(PrerenderedPage, "render", rendering)
    build(load_config(str(ROOT / "mkdocs.yml"), site_dir=str(tmp_path / "site")))
    return compared, seen["prerender"].stats


def test_each_practice_page_the_worker_converted_is_what_mkdocs_makes_of_it(tmp_path, monkeypatch):
    # The worker given the time to convert every page before MkDocs claims the first.
    compared, stats = _build(tmp_path, monkeypatch, before_take=lambda self: self.wait(120))
    assert len(compared) == PRACTICES and all(uri.startswith("pratiques/") for uri in compared)
    assert stats == {"worker": PRACTICES, "here": 0, "different": 0}


def test_pages_a_dead_worker_left_are_converted_by_mkdocs(tmp_path, monkeypatch):
    start = Prerender.start

    def start_dead(self, *args):
        self.spawn()
        os.kill(self._process.pid, signal.SIGKILL)  # gone before it is handed the pages
        self._process.join()
        start(self, *args)

    monkeypatch.setattr(Prerender, "start", start_dead)
    compared, stats = _build(tmp_path, monkeypatch)
    assert len(compared) == PRACTICES
    assert stats == {"worker": 0, "here": PRACTICES, "different": 0}


SETTINGS = {
    "markdown_extensions": ["toc", "abbr", "attr_list"],
    "mdx_configs": {"toc": {"permalink": True}},
    "use_directory_urls": True,
    "links": {
        "absolute_links": logging.INFO,
        "unrecognized_links": logging.INFO,
        "not_found": logging.WARNING,
        "anchors": logging.INFO,
    },
}
FILES = [
    ("pratiques/a.md", "pratiques/a/index.html", "pratiques/a/", InclusionLevel.NOT_IN_NAV.value),
    ("reforme.md", "reforme/index.html", "reforme/", InclusionLevel.INCLUDED.value),
]
MARKDOWN = "# Titre : [la réforme](../reforme.md#aujourdhui), [perdu](../absent.md)\n\n## Suite\n\n*[ASS]: assistant"


class _Given:
    """A worker's part already done: :meth:`take` returns *converted*."""

    def __init__(self, converted):
        self.converted = converted
        self.stats = {"worker": 0, "here": 0, "different": 0}

    def take(self, page):
        return self.converted


def _converted(markdown: str, caplog) -> Converted:
    config, files = _config(SETTINGS), _files(SETTINGS, FILES)
    capture = _Capture()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(capture)
    try:
        with caplog.at_level(logging.INFO, logger="mkdocs"):
            done = convert(config, files, files.get_file_from_path("pratiques/a.md"), markdown, capture)
    finally:
        logger.removeHandler(capture)
    caplog.clear()
    return done


def test_what_the_worker_logged_is_logged_by_the_build(caplog):
    done = _converted(MARKDOWN, caplog)
    assert any("absent.md" in message and level == logging.WARNING for _, level, message in done.records)
    config, files = _config(SETTINGS), _files(SETTINGS, FILES)
    page = PrerenderedPage(files.get_file_from_path("pratiques/a.md"), config, _Given(done))
    page.markdown = MARKDOWN
    with caplog.at_level(logging.INFO, logger="mkdocs"):
        page.render(config, files)
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING and r.name == "mkdocs.structure.pages"]
    assert len(warnings) == 1 and "absent.md" in warnings[0].getMessage()  # what fails the strict build
    assert page._prerender.stats == {"worker": 1, "here": 0, "different": 0}
    assert page.title == "Titre : la réforme, perdu" and [item.title for item in page.toc] == [
        "Titre : la réforme, perdu"
    ]
    reforme = files.get_file_from_path("reforme.md")  # the build's own File, not the worker's copy
    assert page.links_to_anchors[reforme] == {"aujourdhui": "../reforme.md#aujourdhui"}
    assert all(any(linked is f for f in files) for linked in page.links_to_anchors)
    assert 'href="../../reforme/#aujourdhui"' in page.content and "<abbr" not in page.content


def test_a_page_whose_markdown_the_build_made_otherwise_is_converted_here(caplog):
    done = _converted(MARKDOWN, caplog)
    config, files = _config(SETTINGS), _files(SETTINGS, FILES)
    page = PrerenderedPage(files.get_file_from_path("pratiques/a.md"), config, _Given(done))
    page.markdown = MARKDOWN + "\nUne ASS de plus."  # a hook changed it after the worker's copy was made
    page.render(config, files)
    assert page._prerender.stats == {"worker": 0, "here": 0, "different": 1}
    assert '<abbr title="assistant">ASS</abbr> de plus' in page.content


def test_the_worker_stops_at_the_pages_mkdocs_has_claimed():
    work = Prerender()
    try:
        work.spawn()
        work._claimed.value = 3  # MkDocs is past the first four pages before the worker begins
        pages = [(f"pratiques/p{i}.md", f"---\ntitle: P{i}\n---\n\n# P{i}\n") for i in range(6)]
        files = _files(SETTINGS, [(uri, uri[:-3] + "/index.html", uri[:-3] + "/", 1) for uri, _ in pages])
        work.start(_Settings(SETTINGS), files, pages, [])
        work.wait(60)
        assert sorted(work._done) == [4, 5]  # the last two only, each converted once
        assert work._done[5].content.startswith('<h1 id="p5">P5')
    finally:
        work.close()


class _Settings(dict):
    """A configuration as Prerender.start reads it (validation.links by key, the rest by key or attribute)."""

    def __init__(self, settings):
        super().__init__(markdown_extensions=settings["markdown_extensions"], mdx_configs=settings["mdx_configs"])
        self.use_directory_urls = settings["use_directory_urls"]
        self.validation = type("V", (), {"links": dict(settings["links"])})()


def test_a_build_that_fails_after_the_pages_are_known_leaves_nothing_behind(tmp_path, monkeypatch):
    """In a `make serve` process: a build failing after on_nav (where the heap is frozen) gives the
    heap back at on_build_error, so its context is collected and closes its workers."""
    import gc

    from mkdocs.exceptions import PluginError

    from macros.glue import search

    made = []
    spawn = Prerender.spawn

    def spawning(self):
        spawn(self)
        made.append(self._process)

    def failing(ctx):
        raise PluginError("échec voulu après on_nav")

    monkeypatch.setattr(Prerender, "spawn", spawning)
    monkeypatch.setattr(search, "release", failing)
    config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    try:
        build(config)
    except Exception:  # noqa: BLE001 - MkDocs' Abort
        pass
    else:
        raise AssertionError("the build should have failed")
    del config
    assert gc.get_freeze_count() == 0
    gc.collect()
    assert made and not any(process.is_alive() for process in made)
