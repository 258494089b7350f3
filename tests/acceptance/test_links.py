"""Integrity: every internal link and anchor of the built site resolves; the data's web
addresses are well-formed (checked offline: no network in the tests)."""

from __future__ import annotations

import posixpath
import re
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit

from macros.model.catalog import load_catalog
from tests.support import ROOT

LINK_ATTRS = {
    ("a", "href"),
    ("link", "href"),
    ("script", "src"),
    ("img", "src"),
    ("source", "src"),
    ("iframe", "src"),
    ("form", "action"),
    ("area", "href"),
    ("video", "src"),
    ("audio", "src"),
}


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[tuple[int, str]] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("id", "name") and value and (name == "id" or tag == "a"):
                self.ids.add(value)
            if (tag, name) in LINK_ATTRS and value is not None:
                self.links.append((self.getpos()[0], value))

    handle_startendtag = handle_starttag


def _parse(path):
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def broken_links(site) -> list[str]:
    """'page:line: link — problem' for each internal link or anchor that does not resolve."""
    pages = {
        p.relative_to(site).as_posix(): p
        for p in site.rglob("*.html")
        if not p.relative_to(site).as_posix().startswith("admin/")
    }
    parsed = {rel: _parse(path) for rel, path in pages.items()}
    problems = []
    for rel, page in sorted(parsed.items()):
        base = posixpath.dirname(rel)
        for line, link in page.links:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or link.startswith(("data:", "blob:")):
                continue  # external: checked for form only (below), never fetched
            if rel == "404.html" and not link.startswith(("#", "/")):
                continue  # served at any depth: MkDocs makes its links absolute from site_url
            path = unquote(parts.path)
            if path.startswith("/"):
                target = path.lstrip("/")
            elif path:
                target = posixpath.normpath(posixpath.join(base, path))
            else:
                target = rel
            if target in ("", ".") or path.endswith("/") or (site / target).is_dir():
                target = "index.html" if target in ("", ".") else posixpath.join(target, "index.html")
            file = site / target
            if target.startswith("admin/"):
                continue
            if not file.is_file():
                problems.append(f"{rel}:{line}: {link} — {target} n'existe pas")
                continue
            anchor = unquote(parts.fragment)
            if anchor and target.endswith(".html"):
                ids = parsed[target].ids if target in parsed else _parse(file).ids
                if anchor not in ids:
                    problems.append(f"{rel}:{line}: {link} — ancre #{anchor} absente de {target}")
    return problems


def test_every_internal_link_and_anchor_resolves(site):
    problems = broken_links(site)
    assert not problems, f"{len(problems)} lien(s) cassé(s) :\n" + "\n".join(problems[:50])


def test_the_checker_sees_broken_links_and_anchors(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text(
        '<a href="a/#ok">1</a><a href="a/#nope">2</a><a href="b/">3</a>'
        '<a href="#top">4</a><p id="top"></p><img src="x.png">',
        encoding="utf-8",
    )
    (tmp_path / "a" / "index.html").write_text('<h2 id="ok">A</h2><a href="../">home</a>', encoding="utf-8")
    problems = broken_links(tmp_path)
    assert [p.split(" — ")[0] for p in problems] == ["index.html:1: a/#nope", "index.html:1: b/", "index.html:1: x.png"]


def test_sitemap_lists_only_existing_pages(site):
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    locs = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    assert locs
    missing = [loc for loc in locs if not (site / urlsplit(loc).path.lstrip("/") / "index.html").is_file()]
    assert not missing, missing


# --- Web addresses in the data ---------------------------------------------------

_MD_LINK = re.compile(r"\]\(\s*<?([^)\s>]+)")
_BARE = re.compile(r"https?://[^\s)\]>»]+")
_HOST = re.compile(r"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")


def _strings(node, path=""):
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _strings(value, f"{path}.{key}" if path else key)
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _strings(value, f"{path}[{i}]")
    elif isinstance(node, str):
        yield path, node


def malformed(url: str) -> str | None:
    """Why *url* is not a well-formed http(s) address, or None."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        return "schéma autre que http(s)"
    if re.search(r"[\s\"'<>\\{}|^`]", url):
        return "caractère interdit"
    host = parts.hostname or ""
    try:
        ascii_host = host.encode("idna").decode("ascii")
    except UnicodeError:
        return "nom d'hôte invalide"
    if not _HOST.match(ascii_host):
        return "nom d'hôte invalide"
    try:
        parts.port  # noqa: B018 - raises on a bad port
    except ValueError:
        return "port invalide"
    return None


def data_urls() -> list[tuple[str, str]]:
    found = []
    for name, entries in load_catalog(ROOT).data.items():
        for where, text in _strings(entries, name):
            candidates = set(_BARE.findall(text)) | {u for u in _MD_LINK.findall(text) if ":" in u.split("/")[0]}
            if where.endswith(".url") or where.split(".")[-1] == "url":
                candidates.add(text)
            found += [(where, url) for url in sorted(candidates)]
    return found


def test_web_addresses_in_the_data_are_well_formed():
    urls = data_urls()
    assert len(urls) >= 3  # the sources' addresses at least
    bad = [f"{where}: {url} ({why})" for where, url in urls if (why := malformed(url))]
    assert not bad, bad


def test_address_checker():
    assert malformed("https://www.legifrance.gouv.fr/jorf/id/JORFTEXT000029799523") is None
    assert malformed("http://bretagne.drjscs.gouv.fr/spip.php?article306") is None
    for url in (
        "javascript:alert(1)",
        "https://exa mple.org/",
        "https://localhost/",
        "http:///x",
        "https://example.org:99999/",
        "https://-bad-.org/",
        'https://example.org/"onclick',
    ):
        assert malformed(url), url
