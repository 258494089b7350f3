"""The Pagefind service client (macros/search/pagefind_service.py) the build feeds page by page."""

from __future__ import annotations

import json

import pytest

from macros.search.pagefind_service import PagefindError, PagefindService

PAGE = '<!doctype html><html lang="fr"><head><title>{t}</title></head><body>{body}</body></html>'


def test_pages_sent_one_by_one_make_one_index(tmp_path):
    service = PagefindService({"exclude_selectors": [".cache"]})
    try:
        for i in range(50):
            body = f'<main data-pagefind-body><h1>Stage {i}</h1><p>alternance intégrative <span class="cache">secret{i}</span></p></main>'
            service.add(f"/pratiques/p{i}/", PAGE.format(t=f"Stage {i}", body=body))
        service.add("/404.html", PAGE.format(t="404", body="<p>Page introuvable</p>"))  # no data-pagefind-body
        assert service.write(str(tmp_path / "pagefind")) == 51
    finally:
        service.close()
    entry = json.loads((tmp_path / "pagefind" / "pagefind-entry.json").read_text())
    assert entry["languages"]["fr"]["page_count"] == 50  # the page without a body mark is left out
    assert len(list((tmp_path / "pagefind" / "fragment").iterdir())) == 50


def test_a_stopped_service_is_an_error_not_a_hang(tmp_path):
    service = PagefindService()
    service._proc.kill()
    service._proc.wait()
    service.add("/", PAGE.format(t="x", body="<main data-pagefind-body>x</main>"))
    with pytest.raises(PagefindError):
        service.write(str(tmp_path / "pagefind"))
    service.close()


def test_the_service_and_all_its_threads_are_kept_off_the_core_mkdocs_uses(helper_cpu):
    # Pagefind writes its index with every core it gets: it starts placed beside MkDocs
    # (macros/core/placement.py), and so does every thread it makes.
    import os

    service = PagefindService()
    try:
        threads = os.listdir(f"/proc/{service._proc.pid}/task")
        assert threads and all(os.sched_getaffinity(int(tid)) == helper_cpu for tid in threads)
    finally:
        service.close()


def test_pages_are_sent_through_a_pipe_that_holds_many_of_them():
    # A page is about 55 KB once encoded: with the default 64 KB buffer, sending one waited for the
    # binary to read the previous one. Where the system sets pipe sizes (Linux), the buffer is 1 MiB.
    import fcntl

    service = PagefindService()
    try:
        if hasattr(fcntl, "F_GETPIPE_SZ"):
            assert fcntl.fcntl(service._proc.stdin.fileno(), fcntl.F_GETPIPE_SZ) >= 1 << 20
    finally:
        service.close()


def test_held_pages_go_to_pagefind_once_released_and_the_later_ones_after_them(tmp_path):
    """The build holds the pages back while MkDocs reads them (the second core has the pages'
    passes and Markdown then), releases them when every page is read, and adds the last ones
    after: the index is the one of pages sent one by one."""
    pages = [
        (f"/pratiques/p{i}/", PAGE.format(t=f"Stage {i}", body=f"<main data-pagefind-body>Stage {i}</main>"))
        for i in range(30)
    ]
    held, plain = PagefindService(hold=True), PagefindService()
    try:
        for url, html in pages:
            plain.add(url, html)
        for url, html in pages[:20]:
            held.add(url, html)
        assert not any(future.done() for _, future in held._added)  # nothing sent yet
        held.release()  # returns at once: a thread sends them
        for url, html in pages[20:]:
            held.add(url, html)
        written = held.write_soon(str(tmp_path / "held"))
        assert plain.write(str(tmp_path / "plain")) == 30
        written.result(timeout=60)
    finally:
        held.close()
        plain.close()
    fragments = {p.name for p in (tmp_path / "plain" / "fragment").iterdir()}
    assert len(fragments) == 30 and {p.name for p in (tmp_path / "held" / "fragment").iterdir()} == fragments


def test_held_pages_of_a_stopped_service_fail_the_index_instead_of_hanging(tmp_path):
    service = PagefindService(hold=True)
    service.add("/", PAGE.format(t="x", body="<main data-pagefind-body>x</main>"))
    service._proc.kill()
    service._proc.wait()
    with pytest.raises(PagefindError):
        service.write_soon(str(tmp_path / "pagefind")).result(timeout=30)
    service.close()


def test_pages_added_after_the_service_stopped_fail_at_once(tmp_path):
    """The binary gone before pages are added (or released): every later request fails at once, so
    the build fails instead of waiting for ever at on_post_build."""
    for hold in (True, False):
        service = PagefindService(hold=hold)
        service._proc.kill()
        service._proc.wait()
        service._reader.join(timeout=10)  # its output has ended
        service.add("/", PAGE.format(t="x", body="<main data-pagefind-body>x</main>"))
        service.release()
        with pytest.raises(PagefindError):
            service.write_soon(str(tmp_path / f"pagefind-{hold}")).result(timeout=30)
        service.close()


def test_the_feeding_thread_ends_with_the_service_even_if_no_index_was_asked_for():
    import threading

    service = PagefindService(hold=True)
    service.add("/", PAGE.format(t="x", body="<main data-pagefind-body>x</main>"))
    service.release()  # then the build fails before asking for the index
    service.close()
    feeding = [t for t in threading.enumerate() if t.name == "pagefind-feed"]
    for thread in feeding:
        thread.join(timeout=10)
    assert not any(thread.is_alive() for thread in feeding)
