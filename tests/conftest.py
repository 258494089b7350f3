"""Shared fixtures: the repository root and one strict build of the real site per session."""

from __future__ import annotations

import os
import re
from html.parser import HTMLParser
from unittest import mock
from collections.abc import Iterator
from pathlib import Path

import pytest

from scripts.build_site import build

ROOT = Path(__file__).resolve().parent.parent

# One date for the whole session: the statuses the site shows (« En vigueur », « Remplacé par … depuis
# le … ») are computed at the build date (macros/clock.py, macros/status.py), so every build and every
# script the tests run sees this day, whatever the machine's clock says.
TEST_DATE = "2026-12-04"
os.environ["ALTERNANCE_DATE"] = TEST_DATE

# The one place the end-of-life notice of Material for MkDocs is hidden (README « Plateforme »).
# `make build`, `make serve` and every other command show it at each MkDocs run; inside the test
# suite the builds' output is read only when a test fails, and there the notice would push the
# error that matters out of view. Every build a test starts inherits this.
os.environ["NO_MKDOCS_2_WARNING"] = "1"

REPOSITORY = "https://github.com/exemple/alternance-travail-social"  # repo_url of the test build
SITE_ENV = {"REPO_URL": REPOSITORY}  # a repository, so that pages link to its editor (hooks/reader.py)


def build_site(dest: Path) -> int:
    """`make build` into *dest*, with the test build's environment (:data:`SITE_ENV`)."""
    with mock.patch.dict(os.environ, SITE_ENV):
        return build(dest)


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The site built from the shipped data with `--strict`, as `make build` does."""
    dest = tmp_path_factory.mktemp("build") / "site"
    assert build_site(dest) == 0, "the strict build of the shipped data failed"
    return dest


PUBLISHED_URL = "https://exemple.fr/alternance/"


@pytest.fixture(scope="session")
def published_site(tmp_path_factory) -> Path:
    """The same site built for a real address (SITE_URL), as a publication would be."""
    import os
    import subprocess
    import sys

    dest = tmp_path_factory.mktemp("published") / "site"
    env = dict(os.environ, **SITE_ENV, SITE_URL=PUBLISHED_URL, SITE_DIR=str(dest), PYTHONPATH=str(ROOT))
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-2000:]
    (dest.parent / "build.log").write_text(result.stderr, encoding="utf-8")
    return dest


_BLOCKS = {"p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "tr", "table",
           "dt", "dd", "dl", "br", "blockquote", "section", "article", "header", "footer", "nav", "details", "summary"}


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
    (« 1 164 » is the source's « 1164 », macros/typography.py) folded for comparisons."""
    text = text.replace("\u2019", "'").replace("\u00a0", " ").replace("\u202f", " ")
    text = re.sub(r"(?<![\d,.])(\d{1,3})((?: \d{3})+)(?![\d,])", lambda m: m.group(1) + m.group(2).replace(" ", ""), text)
    return re.sub(r"\s+", " ", text).strip().lower()


def page_text(html: str) -> str:
    """Normalised visible text of the <article> of a built page."""
    start = html.find("<article")
    end = html.find("</article>")
    parser = _TextExtractor()
    parser.feed(html[start:end] if start != -1 else html)
    return normalise("".join(parser.parts))


@pytest.fixture(scope="session")
def site_url(site) -> Iterator[str]:
    """Base URL of the built site served on 127.0.0.1."""
    from .browser import serve

    with serve(site) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright (never a downloaded browser)."""
    from playwright.sync_api import sync_playwright

    from .browser import CHROMIUM_ARGS, require_chromium

    executable = require_chromium()
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser, site_url):
    """A fresh page whose console errors and off-site requests are recorded.

    `page.errors` lists console errors and page exceptions; `page.offsite`
    lists every request that left 127.0.0.1. Tests assert both are empty.
    """
    context = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.errors = []
    pg.offsite = []
    pg.on("console", lambda m: pg.errors.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    pg.on("request", lambda r: pg.offsite.append(r.url) if not r.url.startswith(("http://127.0.0.1", "data:", "blob:", "about:")) else None)
    yield pg
    context.close()
