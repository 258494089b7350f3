"""What the validator knows of the site the data is built into: given by its caller, never imported.

The validator sits below the stages that write the site (pages, documents, exports): it cannot
ask them what they write. Its caller — `make validate` (scripts/validate_data.py), the build
(:func:`macros.model.catalog.load_catalog`, called by the hooks), the writers (macros/authoring/) —
passes a :class:`Site`, built by :mod:`macros.pages.addresses` from the same sources the build
uses. Without one (a data folder alone), the addresses are not checked.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Protocol

TOOL_FOLDERS = ("assets/", "admin/", "pagefind/", "search/")  # the theme, the web editor, the search index
MACHINE_FILES = ("404.html", "sitemap.xml", "sitemap.xml.gz", ".nojekyll", "CNAME")


def page_url(src_uri: str) -> str:
    """The URL MkDocs gives the page *src_uri* (directory URLs): « x.md » -> « x/ », « index.md » -> « »."""
    path = src_uri[: -len(".md")]
    name = path.rsplit("/", 1)[-1]
    if name in ("index", "README"):
        return path[: -len(name)]
    return path + "/"


@dataclass
class Layout:
    """What the build writes: pages by URL, other files, and the index pages' own anchors."""

    pages: dict[str, str] = field(default_factory=dict)  # URL (« » for the home page) -> source (« reforme.md »)
    handwritten: set[str] = field(default_factory=set)  # sources of docs/ (« pratiques/index.md »)
    files: set[str] = field(default_factory=set)  # other files written (« feed.xml », « donnees/formats.csv »)
    anchors: dict[str, set[str]] = field(default_factory=dict)  # index page source -> its anchors besides entries
    anchor_patterns: dict[str, list[re.Pattern]] = field(default_factory=dict)  # « regles-{{ g.year }} »: regles-…
    index_templates: dict[str, list[str]] = field(default_factory=dict)  # index page source -> « indexes/x.md.j2 »…
    entry_pages: dict[str, str] = field(default_factory=dict)  # catalogue -> its entries' page: « pratiques/{id}.md »
    entry_ids: dict[str, set[str]] = field(default_factory=dict)  # index page source -> its entries' ids
    # an entry page's pattern (« pratiques/{id}.md ») -> the anchors its template writes, and patterns of them
    entry_page_anchors: dict[str, tuple[set[str], list[re.Pattern]]] = field(default_factory=dict)
    open_anchors: set[str] = field(default_factory=set)  # pages (or entry page patterns) with anchors not all known
    theme_ids: set[str] = field(default_factory=set)  # ids the theme writes (the citation tool…): not content anchors
    # links of the hand-written pages to an anchor of an index page: (page, line, column, index page, anchor)
    doc_links: list[tuple[str, int, int, str, str]] = field(default_factory=list)

    def anchor_taken(self, src: str, anchor: str) -> bool:
        """Whether the index page *src* already has the anchor *anchor* (besides its entries)."""
        return anchor in self.anchors.get(src, ()) or any(
            p.fullmatch(anchor) for p in self.anchor_patterns.get(src, ())
        )

    def has_anchor(self, src: str, anchor: str) -> bool | None:
        """Whether the page *src* has *anchor*: an index page (an entry's id, a heading, a section of
        its template) or an entry's page (a section of its template: one written only for some
        entries, such as « #exemples », passes for all); None: a page whose anchors are not all
        known here (a hand-written page, a template writing an anchor from a value alone)."""
        if src in self.entry_ids:
            if anchor in self.entry_ids[src] or (self.anchor_taken(src, anchor) and anchor not in self.theme_ids):
                return True
            return None if src in self.open_anchors else False
        pattern = self._entry_page(src)
        if pattern is None:
            return None
        anchors, patterns = self.entry_page_anchors[pattern]
        if anchor in anchors or any(p.fullmatch(anchor) for p in patterns):
            return True
        return None if pattern in self.open_anchors else False

    def _entry_page(self, src: str) -> str | None:
        """The pattern of :attr:`entry_page_anchors` the page *src* is an entry page of, or None."""
        for pattern in self.entry_page_anchors:
            before, _, after = pattern.partition("{id}")
            if src.startswith(before) and src.endswith(after) and src not in self.handwritten:
                return pattern
        return None

    def anchor_hint(self, src: str) -> str:
        """What to write instead of a missing anchor of the page *src* (:meth:`has_anchor` False)."""
        catalogue = self.index_catalogue(src)
        if catalogue is not None:
            return (
                f"aucune entrée de {catalogue}.yaml n'a cet identifiant, ni aucune rubrique de la page ; "
                "indiquez l'identifiant d'une entrée de la page"
            )
        pattern = self._entry_page(src)
        if pattern is not None:
            shown = ", ".join(f"#{a}" for a in sorted(self.entry_page_anchors[pattern][0])[:6])
            return f"indiquez une rubrique de la page ({shown}…) ou la page seule"
        return "indiquez une ancre de la page ou la page seule"

    def index_catalogue(self, src: str) -> str | None:
        """The catalogue whose entries are anchors of the index page *src*."""
        return next((c for c, page in self.entry_pages.items() if page.split("#", 1)[0] == src), None)

    def folders(self) -> set[str]:
        """Every folder that holds something the build writes (« donnees/ », « donnees/schemas/ »)."""
        out = set()
        for path in list(self.files) + [url + "index.html" for url in self.pages]:
            parts = path.split("/")[:-1]
            out.update("/".join(parts[: i + 1]) + "/" for i in range(len(parts)))
        return out

    def taken_by(self, folder: str) -> str | None:
        """What the build writes where a redirect from *folder* (« a/b/ ») would write, or None."""
        if folder in self.pages:
            return f"la page {self.pages[folder]}"
        for tool in TOOL_FOLDERS:
            if folder.startswith(tool):
                return f"le dossier {tool}, écrit entièrement par la construction"
        parts = folder.strip("/").split("/")
        for i in range(len(parts)):
            prefix = "/".join(parts[: i + 1])
            if prefix in self.files or prefix in MACHINE_FILES:
                return f"le fichier {prefix}"
            page = prefix[: -len("index.html")] if prefix.endswith("index.html") else None
            if page is not None and page in self.pages and (page == "" or page.endswith("/")):
                return f"le fichier {prefix} de la page {self.pages[page]}"
        if folder in self.folders():
            return f"le dossier {folder}, où la construction écrit des fichiers"
        return None


class Site(Protocol):
    """The site the data is built into (implemented by :class:`macros.pages.addresses.SiteAddresses`)."""

    def layout(self, catalogues: dict) -> Layout:
        """What the build writes with the data *catalogues* ({name: [entries]})."""

    def rendered_ids(self, catalogues: dict, layout: Layout) -> dict[str, Counter]:
        """{index page: how many times each id appears in it}, the pages rendered as the build renders them."""
