"""Addresses the data asks for: entry pages, anchors and redirects never take one the build writes.

With the build's own list of what it writes (a :class:`~macros.validate.site.Layout`, given by
the caller's :class:`~macros.validate.site.Site`: :mod:`macros.pages.addresses`):

* an entry with a page of its own gets exactly ``<folder>/<id>/``: not ``index``
  (MkDocs would make it the folder's listing), never a hand-written page's address;
* an entry shown as an anchor of an index page does not reuse an anchor the page
  already has (a heading, a section of the template);
* a redirect's ``from`` is no page, file or folder the build writes, and its ``to``
  is a page of the site (``/`` is the home page), and an anchor of it when it names one
  (an index page's or an entry page's: a hand-written page's anchors are not known here);
* a hand-written page's link to an index page's anchor (« references.md#<id> ») still finds
  an entry with that id, or a heading: renaming or removing an entry does not leave it dead.
"""

from __future__ import annotations

import posixpath
from collections import Counter

from macros.core.errors import DataError, fr, quote
from macros.validate.paths import Locator
from macros.validate.site import Layout, Site, page_url


def check_addresses(catalogues: dict, names: list, loc: Locator, layout: Layout) -> list[DataError]:
    errors: list[DataError] = []
    for catalogue, page in layout.entry_pages.items():
        if catalogue not in names:
            continue
        for i, entry in enumerate(catalogues.get(catalogue) or []):
            if not isinstance(entry, dict) or not isinstance(entry.get("id"), str):
                continue
            message = _page_problem(page, entry["id"], layout)
            if message:
                errors.append(loc.error(catalogue, (catalogue, i, "id"), fr(message)))
    if "redirects" in names:
        errors += _redirects(catalogues.get("redirects") or [], loc, layout)
    errors += _doc_links(names, loc, layout)
    return errors


def _doc_links(names: list, loc: Locator, layout: Layout) -> list[DataError]:
    """A hand-written page's link to an entry's anchor whose entry is gone (renamed, removed)."""
    errors = []
    for src, line, col, page, anchor in layout.doc_links:
        catalogue = layout.index_catalogue(page)
        if catalogue not in names or layout.has_anchor(page, anchor) is not False:
            continue
        data = loc.files[catalogue]
        docs = posixpath.join(posixpath.dirname(posixpath.dirname(data)), "docs", src)
        message = (
            f"le lien vers « {page}#{anchor} » mène à une ancre qui n'existe pas : aucune entrée de {data} "
            f"n'a l'identifiant {quote(anchor)}, et la page n'a pas de rubrique de ce nom ; si vous avez "
            "renommé ou retiré cette entrée, corrigez ce lien (ou gardez l'ancien identifiant)"
        )
        errors.append(DataError(docs, line, col, "lien", fr(message)))
    return errors


def _page_problem(page: str, entry_id: str, layout: Layout) -> str | None:
    src = page.format(id=entry_id)
    if "#" in src:
        page = src.split("#", 1)[0]
        return _anchor_taken(entry_id, page) if layout.anchor_taken(page, entry_id) else None
    folder = src.rsplit("/", 1)[0] + "/" if "/" in src else ""
    url = page_url(src)
    if src in layout.handwritten or url != f"{folder}{entry_id}/":
        owner = layout.pages.get(url, src)
        return (
            f"l'identifiant {quote(entry_id)} est réservé : la page {src} serait publiée à l'adresse « /{url} », "
            f"celle de {owner} ; choisissez un autre identifiant"
        )
    owner = layout.pages.get(url)
    if owner is not None and owner != src:
        return (
            f"l'identifiant {quote(entry_id)} donnerait l'adresse « /{url} », déjà celle de la page {owner} : "
            "choisissez un autre identifiant"
        )
    return None


def _redirects(redirects: list, loc: Locator, layout: Layout) -> list[DataError]:
    errors = []
    seen: dict[str, int] = {}
    for i, r in enumerate(redirects):
        if not isinstance(r, dict):
            continue
        source, target = r.get("from"), r.get("to")
        if isinstance(source, str) and source:
            taken = layout.taken_by(source)
            if source in seen:
                errors.append(
                    loc.error(
                        "redirects",
                        ("redirects", i, "from"),
                        fr(
                            f"{quote(source)} est déjà redirigée par redirects[{seen[source]}] (ligne "
                            f"{loc.line('redirects', ('redirects', seen[source]))}) : gardez une seule des deux entrées"
                        ),
                    )
                )
            seen.setdefault(source, i)
            if taken:
                errors.append(
                    loc.error(
                        "redirects",
                        ("redirects", i, "from"),
                        fr(
                            f"{quote(source)} est déjà écrit par la construction du site ({taken}) : une redirection ne peut "
                            "pas le remplacer ; indiquez l'ancienne adresse d'une page qui n'existe plus"
                        ),
                    )
                )
        if isinstance(target, str) and target:
            path = target.split("#", 1)[0]
            url = "" if path in ("", "/") else path.lstrip("/")
            anchor = target.partition("#")[2]
            if url not in layout.pages:
                errors.append(
                    loc.error(
                        "redirects",
                        ("redirects", i, "to"),
                        fr(
                            f"{quote(target)} n'est pas une page du site : indiquez l'adresse d'une page publiée "
                            "(ex. « pratiques/nouvel-id/ », ou « / » pour l'accueil)"
                        ),
                    )
                )
            elif anchor and layout.has_anchor(layout.pages[url], anchor) is False:
                errors.append(
                    loc.error(
                        "redirects",
                        ("redirects", i, "to"),
                        fr(
                            f"la page « /{url} » n'a pas d'ancre {quote('#' + anchor)}, la redirection mènerait "
                            f"en haut de la page : {layout.anchor_hint(layout.pages[url])}"
                        ),
                    )
                )
    return errors


def _anchor_taken(entry_id: str, page: str) -> str:
    return (
        f"l'identifiant {quote(entry_id)} est déjà une ancre de la page {page} (un titre ou une rubrique "
        f"de la page porte ce nom) : le lien « {page_url(page)}#{entry_id} » mènerait à deux endroits ; "
        "choisissez un autre identifiant"
    )


def rendered_anchors(catalogues: dict, loc: Locator, layout: Layout, site: Site) -> list[DataError]:
    """Entries whose id is twice an id of their index page, the page rendered as the build renders it.

    Run on data that is otherwise valid (the templates need it): whatever a template makes
    an anchor of — a letter of the glossary, a year of the diplomas' rules — is then seen.
    """
    counts = site.rendered_ids(catalogues, layout)
    errors = []
    for catalogue, pattern in layout.entry_pages.items():
        if "#" not in pattern or catalogue not in loc.files:
            continue
        page = pattern.split("#", 1)[0]
        for i, entry in enumerate(catalogues.get(catalogue) or []):
            if counts.get(page, Counter())[entry["id"]] > 1:
                errors.append(loc.error(catalogue, (catalogue, i, "id"), fr(_anchor_taken(entry["id"], page))))
    return errors
