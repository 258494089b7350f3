"""The navigation rendered once for the pages outside it (macros/glue/navcache.py).

What a reader could be hurt by, pinned: a page given a sidebar or tabs rendered for another page
would link to the wrong places or show the wrong section open. Every reused sidebar and tab bar
of a whole build is rendered again for its own page and compared; and the key keeps apart what
must differ. (Acceptance: MkDocs' own objects, a whole build.)"""

from __future__ import annotations

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.structure.files import File
from mkdocs.structure.nav import Link, Navigation, Section
from mkdocs.structure.pages import Page

from macros.glue.navcache import NavOnce
from tests.support import ROOT


def _page(src: str, directory_urls: bool = True) -> Page:
    return Page(None, File(src, "docs", "site", use_directory_urls=directory_urls), {})


def test_every_reused_sidebar_and_tab_bar_is_what_its_page_renders(tmp_path, monkeypatch):
    call, compared = NavOnce.__call__, []

    def checking(self, page, part, caller):
        html = call(self, page, part, caller)
        url = getattr(page, "url", None)  # None: 404.html, a template without a page
        assert html == caller(), (url, part)  # rendered again for this page alone
        compared.append((part, url, self.key(page, part) is not None))
        return html

    monkeypatch.setattr(NavOnce, "__call__", checking)
    build(load_config(str(ROOT / "mkdocs.yml"), site_dir=str(tmp_path / "site")))
    cached = {(part, url) for part, url, keyed in compared if keyed}
    for part in ("nav", "tabs"):
        assert {url for p, url in cached if p == part} >= {
            "pratiques/stage-pluri-institutionnel-eje-accueil-des-2-3-ans/"
        }
        assert ("", False) in {(url, keyed) for p, url, keyed in compared if p == part}  # the home page: its own
    assert len(cached) >= 2 * 12  # the 6 practices and the format pages, less the first of each folder


def test_the_key_keeps_apart_what_the_partials_write_differently():
    home, practices, other = _page("index.md"), _page("pratiques/index.md"), _page("reforme.md")
    section = Section("Mettre en œuvre", [practices])
    practices.parent = section  # as MkDocs links them (get_navigation)
    nav = Navigation([home, section, other, Link("Ailleurs", "https://exemple.fr/")], [home, practices, other])
    once = NavOnce(nav)
    a, b, c = _page("pratiques/a.md"), _page("pratiques/b.md"), _page("formats/c.md")
    assert once.key(a, "nav") == once.key(b, "nav") != once.key(c, "nav")  # the links: same folder, same text
    assert once.key(a, "nav") != once.key(a, "tabs")
    for page in (home, practices, other, None):  # of the navigation, or no page (404.html)
        assert once.key(page, "nav") is None
    assert once.key(_page("a.md", directory_urls=False), "nav") != once.key(_page("b/c.md"), "nav")
    before = once.key(a, "nav")
    practices.active = True  # hooks/reader.py marks a practice's section (and MkDocs its parents)
    assert section.active and once.key(a, "nav") != before
    practices.active = False
    assert once.key(a, "nav") == before
    # An item inside a page's folder, or a link MkDocs writes relative to the page (no « / » at its
    # end): its link differs from page to page of one folder.
    for item in (_page("pratiques/a/annexe.md"), Link("Lien", "pratiques/a")):
        inside = NavOnce(Navigation([home, item], [home]))
        assert inside.key(a, "nav") != inside.key(b, "nav")
    rendered = []
    assert once(a, "nav", lambda: rendered.append(1) or "A") == once(b, "nav", lambda: "B") == "A"
    assert once.stats == {"rendered": 1, "reused": 1, "uncached": 0} and rendered == [1]
