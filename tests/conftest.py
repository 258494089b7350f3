"""Shared fixtures: the repository root and one strict build of the real site per session."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from scripts.build_site import build

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The site built from the shipped data with `--strict`, as `make build` does."""
    dest = tmp_path_factory.mktemp("build") / "site"
    assert build(dest) == 0, "the strict build of the shipped data failed"
    return dest


class _TextExtractor(HTMLParser):
    """Visible text of a page's main content (what a reader sees)."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "svg"):
            self._skip += 1

    def handle_endtag(self, tag):
        if tag in ("script", "style", "svg") and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def normalise(text: str) -> str:
    """Case, apostrophes and white space (incl. no-break spaces) folded for comparisons."""
    text = text.replace("\u2019", "'").replace("\u00a0", " ").replace("\u202f", " ")
    return re.sub(r"\s+", " ", text).strip().lower()


def page_text(html: str) -> str:
    """Normalised visible text of the <article> of a built page."""
    start = html.find("<article")
    end = html.find("</article>")
    parser = _TextExtractor()
    parser.feed(html[start:end] if start != -1 else html)
    return normalise(" ".join(parser.parts))
