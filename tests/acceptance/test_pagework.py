"""The pages' last passes run in a worker process beside MkDocs (macros/glue/pagework.py).

What a reader could be hurt by, pinned: a page comes back sanitised and typographed, in the order
sent, with its title and table of contents; what the sanitiser removed is reported (the warning
that fails the strict build); a pass that fails fails the build, naming the page; and a page whose
content is not its passes' result (raw HTML, unsanitised) stops the build before the theme
renders it. (Acceptance: it starts a worker process.)"""

from __future__ import annotations

import logging
from types import SimpleNamespace

import pytest
from mkdocs.exceptions import PluginError

from macros.glue.pagework import BATCH, PageWork


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
    with pytest.raises(ValueError, match="passe inconnue"):
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
