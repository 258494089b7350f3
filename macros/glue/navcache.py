"""The navigation rendered once for the pages outside it (overrides/partials/nav.html, tabs.html).

Material renders the whole navigation, the sidebar and the tabs, into every page: about a
millisecond each, a second of the build at 1,000 practices. A page outside the navigation (a
practice, a format: none of its items is that page) gets the same HTML as any other such page
of the same folder while the same items are marked active, since what the two partials write
depends on nothing else:

- which items are active (MkDocs marks a page of the navigation and its sections; hooks/reader.py
  marks the section of a page outside it): the key holds every item's flag;
- the links, written relative to the page (« ../../reforme/ »): the key holds each item's link as
  MkDocs' ``url`` filter writes it for this page (``normalize_url``), and the page's folder, for
  what else is written relative to it (the logo, the home link);
- the build's configuration, navigation and theme: one :class:`NavOnce` per build.

A page of the navigation (an item may be that page) and a template without a page (404.html) are
rendered as before.

Each partial calls ``{% call nav_once(page, "nav") %}…{% endcall %}`` (« tabs » for the tabs):
the body is Material's, rendered by :meth:`NavOnce.__call__` when the key is new.
tests/acceptance/test_nav_once.py renders every reused one again and compares.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from mkdocs.structure.pages import Page
from mkdocs.utils import normalize_url


def _items(items) -> Iterator:
    for item in items:
        yield item
        yield from _items(getattr(item, "children", None) or ())


class NavOnce:
    """The sidebars and tabs of one build's pages outside the navigation *nav*, by key (:meth:`key`)."""

    def __init__(self, nav) -> None:
        self._items = list(_items(nav.items))
        self._sources = {page.file.src_uri for page in nav.pages}
        self._urls = [url for url in (getattr(item, "url", None) for item in self._items) if url is not None]
        self._html: dict[tuple, str] = {}
        self.stats = {"rendered": 0, "reused": 0, "uncached": 0}

    def key(self, page, part: str) -> tuple | None:
        """What *part* (« nav », « tabs ») of *page* depends on, or None: rendered for this page alone."""
        if not isinstance(page, Page) or page.file.src_uri in self._sources:
            return None  # a template without a page (404.html), or a page of the navigation
        url = page.url
        base = url if url.endswith("/") else url.rpartition("/")[0] + "/"
        return (
            part,
            base[:-1].rpartition("/")[0],
            tuple(normalize_url(u, page) for u in self._urls),
            tuple(bool(getattr(item, "active", False)) for item in self._items),
        )

    def __call__(self, page, part: str, caller: Callable[[], str]) -> str:
        key = self.key(page, part)
        if key is None:
            self.stats["uncached"] += 1
            return caller()
        if key in self._html:
            self.stats["reused"] += 1
        else:
            self.stats["rendered"] += 1
            self._html[key] = caller()
        return self._html[key]
