"""The test build's settings and what tests read from built pages (visible text, normalised)."""

from __future__ import annotations

import os
import re
from html.parser import HTMLParser
from pathlib import Path
from unittest import mock

from scripts.build_site import build
from tests.support import ROOT

REPOSITORY = "https://github.com/exemple/alternance-travail-social"  # repo_url of the test build
SITE_ENV = {"REPO_URL": REPOSITORY}  # a repository, so that pages link to its editor (hooks/reader.py)
PUBLISHED_URL = "https://exemple.fr/alternance/"

__all__ = ["PUBLISHED_URL", "REPOSITORY", "ROOT", "SITE_ENV", "build_site", "normalise", "page_text", "repeated_ids"]


def build_site(dest: Path) -> int:
    """`make build` into *dest*, with the test build's environment (:data:`SITE_ENV`)."""
    with mock.patch.dict(os.environ, SITE_ENV):
        return build(dest)


_BLOCKS = {
    "p",
    "div",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "td",
    "th",
    "tr",
    "table",
    "dt",
    "dd",
    "dl",
    "br",
    "blockquote",
    "section",
    "article",
    "header",
    "footer",
    "nav",
    "details",
    "summary",
}


class _TextExtractor(HTMLParser):
    """Visible text of a page's main content (what a reader sees)."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "svg"):
            self._skip += 1
        elif tag in _BLOCKS:
            self.parts.append(" ")

    def handle_endtag(self, tag):
        if tag in ("script", "style", "svg") and self._skip:
            self._skip -= 1
        elif tag in _BLOCKS:
            self.parts.append(" ")

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def normalise(text: str) -> str:
    """Case, apostrophes, white space (incl. no-break spaces) and thousands separators
    (« 1 164 » is the source's « 1164 », macros/french/typography.py) folded for comparisons."""
    text = text.replace("\u2019", "'").replace("\u00a0", " ").replace("\u202f", " ")
    text = re.sub(
        r"(?<![\d,.])(\d{1,3})((?: \d{3})+)(?![\d,])", lambda m: m.group(1) + m.group(2).replace(" ", ""), text
    )
    return re.sub(r"\s+", " ", text).strip().lower()


def page_text(html: str) -> str:
    """Normalised visible text of the <article> of a built page."""
    start = html.find("<article")
    end = html.find("</article>")
    parser = _TextExtractor()
    parser.feed(html[start:end] if start != -1 else html)
    return normalise("".join(parser.parts))


class _Ids(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.ids += [value for name, value in attrs if name == "id" and value is not None]


def repeated_ids(site: Path) -> dict[str, list[str]]:
    """{page of *site*: the ids it has more than once} (a link or a label would reach the first one only)."""
    out = {}
    for path in sorted(site.rglob("*.html")):
        parser = _Ids()
        parser.feed(path.read_text(encoding="utf-8"))
        twice = sorted({i for i in parser.ids if parser.ids.count(i) > 1})
        if twice:
            out[path.relative_to(site).as_posix()] = twice
    return out
