"""The pages' last passes run in a worker process beside MkDocs (macros/glue/pagework.py).

What a reader could be hurt by, pinned: a page comes back sanitised and typographed, in the order
sent, with its title and table of contents; what the sanitiser removed is reported (the warning
that fails the strict build); a pass that fails fails the build, naming the page; and a page whose
content is not its passes' result (raw HTML, unsanitised) stops the build before the theme
renders it; a worker that dies stops the build at once, never hangs it; the worker ends with the
pages or the build; and the hooks take a page back only after MkDocs has kept its raw HTML.
(Acceptance: it starts worker processes.)"""

from __future__ import annotations

import logging
import os
import signal
import threading
import time
from types import SimpleNamespace

import pytest
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError

from macros.glue.context import context_of, start
from macros.glue.pagework import BATCH, PageWork
from macros.pages.finish import finish_batch
from tests.support import ROOT


def _page(uri, title="Titre", meta=None, toc=()):
    return SimpleNamespace(file=SimpleNamespace(src_uri=uri), meta=meta or {}, title=title, toc=list(toc), content=None)


def _item(title, *children):
    return SimpleNamespace(title=title, children=list(children))


def _send(work, page, html, passes=("sanitize", "permalinks", "typography")):
    for name in passes:
        work.add(page, name)
    page.content = html  # what MkDocs keeps from on_page_content until the page comes back
    work.submit(page, html)


@pytest.fixture
def work():
    pagework = PageWork()
    yield pagework
    pagework.close()


def test_pages_come_back_finished_in_the_order_sent_with_their_titles(work, caplog):
    pages = [
        _page("a.md", title="Pourquoi ?", toc=[_item("Quand ?", _item("Où : ici"))]),
        _page("b.md", meta={"title": "Donné : tel quel"}, title="Donné : tel quel"),
        _page("c.md"),
    ]
    _send(work, pages[0], "<p>Un texte : « citation »</p>")
    _send(work, pages[1], "<p>Deux <script>alert(1)</script>points : oui</p>")
    _send(work, pages[2], "<p>Rien à changer.</p>")
    with caplog.at_level(logging.WARNING):
        assert [page for page, _ in work.finished(wait=True)] == pages
    assert pages[0].content == "<p>Un texte&nbsp;: «&nbsp;citation&nbsp;»</p>"
    assert pages[0].title == "Pourquoi&nbsp;?"
    assert [pages[0].toc[0].title, pages[0].toc[0].children[0].title] == ["Quand&nbsp;?", "Où&nbsp;: ici"]
    assert pages[1].title == "Donné : tel quel"  # a front-matter title is typographed as text, by the hook
    assert "<script>" not in pages[1].content
    assert "Page b.md : contenu retiré" in caplog.text and "script" in caplog.text
    for page in pages:
        work.check(page)


def test_a_page_left_with_its_raw_html_is_not_rendered(work):
    page = _page("pratiques/x.md")
    _send(work, page, "<p>x <script>alert(1)</script></p>")
    list(work.finished(wait=True))
    page.content = "<p>x <script>alert(1)</script></p>"  # as if MkDocs set the raw HTML after it came back
    with pytest.raises(PluginError, match="pratiques/x.md : son HTML n'est pas passé par l'assainissement"):
        work.check(page)
    with pytest.raises(PluginError, match="jamais.md"):
        work.check(_page("jamais.md"))  # never sent


def test_a_pass_that_fails_fails_the_build_naming_the_page(work):
    _send(work, _page("bon.md"), "<p>ok</p>")
    _send(work, _page("casse.md"), None)  # no HTML at all: nh3 refuses it in the worker
    with pytest.raises(PluginError, match="Page casse.md : le traitement final du HTML a échoué"):
        list(work.finished(wait=True))


def test_an_unknown_pass_is_refused_when_named(work):
    with pytest.raises(PluginError, match="passe inconnue"):
        work.add(_page("a.md"), "minify")


def test_pages_sent_by_batches_keep_their_order_and_a_failure_names_its_own_page(work):
    pages = [_page(f"p{i:02}.md") for i in range(2 * BATCH + 3)]
    for i, page in enumerate(pages):
        _send(work, page, f"<p>Page {i} : texte</p>")
    assert [page for page, _ in work.finished(wait=True)] == pages
    assert [page.content for page in pages[-2:]] == [
        f"<p>Page {i}&nbsp;: texte</p>" for i in (len(pages) - 2, len(pages) - 1)
    ]
    later = [_page(f"q{i:02}.md") for i in range(BATCH)]
    for i, page in enumerate(later):
        _send(work, page, None if i == BATCH - 3 else "<p>ok</p>")
    with pytest.raises(PluginError, match=f"Page q{BATCH - 3:02}.md : le traitement final"):
        list(work.finished(wait=True))


def _within(seconds, function):
    """*function*'s result, or its exception; a failure if it has not returned after *seconds*."""
    out = {}

    def run():
        try:
            out["value"] = function()
        except BaseException as exc:  # noqa: BLE001 - handed to the test
            out["error"] = exc

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), f"still waiting after {seconds} s"
    if "error" in out:
        raise out["error"]
    return out["value"]


def test_a_worker_that_dies_stops_the_build_naming_its_pages_and_never_hangs(work):
    pages = [_page(f"mort{i:02}.md") for i in range(3 * BATCH)]
    big = "<p>" + "Un texte : assez long pour remplir le tube. " * 2000 + "</p>"  # each batch above a pipe's buffer
    for page in pages:
        _send(work, page, big)
    os.kill(work.worker.process.pid, signal.SIGKILL)
    _within(20, lambda: _reply_waiting(work))  # while MkDocs still reads pages: the worker's end is seen
    assert list(work.finished(wait=False)) == []
    with pytest.raises(PluginError, match=r"s'est arrêté pendant les pages mort\d\d.md à mort\d\d.md"):
        _within(20, lambda: list(work.finished(wait=True)))
    assert work.worker is None


def test_pages_a_dead_worker_left_are_done_by_the_build_once_every_page_is_waited_for(work):
    pages = [_page(f"reste{i:02}.md") for i in range(3 * BATCH)]
    for page in pages:
        _send(work, page, "<p>Un texte : <script>x</script></p>")
    os.kill(work.worker.process.pid, signal.SIGKILL)
    back = _within(20, lambda: [page.file.src_uri for page, _ in work.finished(wait=True)])
    assert back == [page.file.src_uri for page in pages]  # all of them, in the order sent
    for page in pages:
        work.check(page)
        assert page.content == "<p>Un texte&nbsp;: </p>"


def test_the_last_batches_are_done_here_while_the_worker_does_the_first(work):
    """Every page waited for: the build takes the last batches back from the worker (it skips them)."""
    pages = [_page(f"part{i:03}.md") for i in range(40 * BATCH)]
    for page in pages:
        _send(work, page, "<p>Partagé : " + "mot " * 3000 + "</p>")
    _within(20, lambda: _begun(work))  # the worker is on the first batch: that one is its own
    back = _within(60, lambda: [page.file.src_uri for page, _ in work.finished(wait=True)])
    assert back == [page.file.src_uri for page in pages]
    assert work.taken_back < 40
    for page in pages:
        work.check(page)
        assert page.content.startswith("<p>Partagé&nbsp;: mot")


def _begun(work):
    while work.worker.started.value < 0:
        time.sleep(0.01)


class _SlowWorker:
    """A worker that has begun batch *begun* and goes no further until the build reads its replies:
    it then does, in order, every batch below the build's claim, and skips the others."""

    def __init__(self, begun):
        self.process = SimpleNamespace(pid=None)
        self.limit, self.started = SimpleNamespace(value=1 << 62), SimpleNamespace(value=begun)
        self.batches = []

    def send(self, batch):
        self.batches.append(batch)

    def has_reply(self):
        return False

    def reply(self):
        number = len(self.done)
        self.done.append(number)
        skipped = number >= self.limit.value and number > self.started.value
        return ("skipped",) if skipped else ("done", finish_batch(self.batches[number]))

    done: list

    def close(self, waiting):
        pass


@pytest.mark.parametrize("begun", [-1, 0, 3, 9])
def test_the_build_claims_the_batches_the_worker_has_not_begun(begun):
    worker = _SlowWorker(begun)
    worker.done = []
    work = PageWork(start=lambda: worker, batch=2)
    pages = [_page(f"lot{i:02}.md") for i in range(20)]  # 10 batches
    for page in pages:
        _send(work, page, f"<p>{page.file.src_uri} : ok</p>")
    back = [page.file.src_uri for page, _ in work.finished(wait=True)]
    assert back == [page.file.src_uri for page in pages]
    assert work.taken_back == 9 - begun  # every batch after the one the worker is on
    assert worker.limit.value == (begun + 1 if begun < 9 else 1 << 62)  # the worker skips those
    for page in pages:
        work.check(page)
        assert page.content == f"<p>{page.file.src_uri}&nbsp;: ok</p>"


def _reply_waiting(work):
    while not work.worker.has_reply():
        time.sleep(0.01)


def test_a_failure_met_while_other_pages_are_read_is_raised_when_the_pages_are_waited_for(work):
    _send(work, _page("bon.md"), "<p>ok</p>")
    _send(work, _page("casse.md"), None)
    for i in range(BATCH - 2):
        _send(work, _page(f"suite{i:02}.md"), "<p>x</p>")  # the batch is full: it is sent
    _within(20, lambda: _reply_waiting(work))
    assert list(work.finished(wait=False)) == []  # nothing raised while MkDocs reads another page
    with pytest.raises(PluginError, match="Page casse.md : le traitement final"):
        list(work.finished(wait=True))


def test_a_page_that_skipped_the_sanitiser_is_not_rendered(work):
    page = _page("sans-nh3.md")
    _send(work, page, "<p>x <script>alert(1)</script></p>", passes=("permalinks", "typography"))
    list(work.finished(wait=True))
    with pytest.raises(PluginError, match="sans-nh3.md : son HTML n'est pas passé par l'assainissement"):
        work.check(page)


def test_the_worker_ends_with_the_pages_and_with_the_build():
    work = PageWork()
    _send(work, _page("a.md"), "<p>a</p>")
    list(work.finished(wait=True))
    process = work.worker.process
    work.close()
    assert not process.is_alive() and process.exitcode == 0  # it read the end of its jobs and left
    config = load_config(str(ROOT / "mkdocs.yml"), site_dir="/tmp/unused-site")
    ctx = start(config)
    for i in range(BATCH):
        _send(ctx.pagework, _page(f"b{i:02}.md"), "<p>b</p>")  # a batch on its way when the build fails
    process = ctx.pagework.worker.process
    context_of(config).close()  # what a failed build's context does
    assert not process.is_alive()


class _InlineWorker:
    """The worker's part done at once, in this process: a batch is back as soon as it is sent."""

    def __init__(self):
        self.replies = []
        self.process = SimpleNamespace(pid=None)

    def send(self, batch):
        self.replies.append(("done", finish_batch(batch)))

    def has_reply(self):
        return bool(self.replies)

    def reply(self):
        return self.replies.pop(0)

    def close(self, waiting):
        pass


def test_the_hooks_take_a_page_back_only_after_mkdocs_has_kept_its_raw_html(monkeypatch):
    """With a worker that answers at once, a page taken back by its own on_page_content would be
    overwritten by MkDocs with its raw HTML: hooks/search_index.py takes back earlier pages first."""
    from macros.glue import search

    config = load_config(str(ROOT / "mkdocs.yml"), site_dir="/tmp/unused-site")
    ctx = start(config)
    ctx.pagework = PageWork(start=_InlineWorker, batch=1)
    indexed = []
    monkeypatch.setattr(search, "index_page", lambda ctx, page, glossary, config: indexed.append(page.file.src_uri))
    pages = [_page(f"p{i}.md") for i in range(3)]
    for page in pages:
        page.file.content_string, page.file.generated_by = "", None
        html = "<p>Un texte : <script>x</script></p>"
        for name in ("trust", "reader", "typography", "search_index"):
            returned = config["hooks"][f"hooks/{name}.py"].on_page_content(html, page=page, config=config, files=None)
            html = html if returned is None else returned
        page.content = html  # what MkDocs does with the hooks' return value
    list(ctx.pagework.finished(wait=True))
    assert indexed == ["p0.md", "p1.md"]  # each taken back while the next page was read
    for page in pages:
        ctx.pagework.check(page)
        assert "<script>" not in page.content and "texte&nbsp;:" in page.content
    pages[0].content = "<p>Un texte : <script>x</script></p>"  # raw HTML where the finished one was
    with pytest.raises(PluginError, match="p0.md : son HTML n'est pas passé"):
        config["hooks"]["hooks/trust.py"].on_page_context({}, page=pages[0], config=config, nav=None)


def test_the_worker_is_kept_off_the_core_mkdocs_uses(helper_cpu):
    work = PageWork()
    try:
        _send(work, _page("a.md"), "<p>a</p>")
        list(work.finished(wait=True))  # the worker starts with the first batch
        assert os.sched_getaffinity(work.worker.process.pid) == helper_cpu
    finally:
        work.close()
