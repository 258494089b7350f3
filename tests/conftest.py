"""Shared fixtures of every kind of test, and the kind of each test (its folder).

Kinds (markers registered in pyproject.toml, given here from the folder, `--strict-markers`):

* ``tests/unit``: functions on data; no site build, no browser, no command run as a process;
* ``tests/acceptance``: builds the site (the session ``site`` below, or a copy of the repository),
  runs the command-line tools, Node, Java, LibreOffice or a local server;
* ``tests/browser``: drives Debian's Chromium through Playwright.

`make test-fast` runs the unit tests (`-m unit`), `make test` all three. Helpers shared by tests
are in tests/support/ (test modules never import each other).
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support import ROOT
from tests.support.browser import recorded_page
from tests.support.site import PUBLISHED_URL, SITE_ENV, build_site

# One date for the whole session: the statuses the site shows (« En vigueur », « Remplacé par … depuis
# le … ») are computed at the build date (macros/core/clock.py, macros/model/status.py), so every build and every
# script the tests run sees this day, whatever the machine's clock says.
TEST_DATE = "2026-12-04"
os.environ["ALTERNANCE_DATE"] = TEST_DATE

# The one place the end-of-life notice of Material for MkDocs is hidden (README « Plateforme »).
# `make build`, `make serve` and every other command show it at each MkDocs run; inside the test
# suite the builds' output is read only when a test fails, and there the notice would push the
# error that matters out of view. Every build a test starts inherits this.
os.environ["NO_MKDOCS_2_WARNING"] = "1"

KINDS = ("unit", "acceptance", "browser")
# What a kind may not use: a unit test builds nothing and opens no browser; only browser tests open one.
FORBIDDEN_FIXTURES = {
    "unit": {"site", "published_site", "site_url", "browser", "page"},
    "acceptance": {"browser", "page"},
    "browser": set(),
}


@pytest.hookimpl(tryfirst=True)  # before `-m` selects by marker
def pytest_collection_modifyitems(config, items):
    """Mark each test with the kind of its folder; refuse a test outside the three folders, or one
    that uses what its kind may not (a unit test asking for the built site)."""
    problems = []
    for item in items:
        parts = Path(item.path).resolve().relative_to(ROOT / "tests").parts
        kind = parts[0] if len(parts) > 1 and parts[0] in KINDS else None
        if kind is None:
            problems.append(f"{item.nodeid}: a test lives in tests/unit, tests/acceptance or tests/browser")
            continue
        item.add_marker(getattr(pytest.mark, kind))
        used = FORBIDDEN_FIXTURES[kind] & set(getattr(item, "fixturenames", ()))
        if used:
            problems.append(
                f"{item.nodeid}: a {kind} test may not use {', '.join(sorted(used))} "
                f"(move it to the folder of its kind)"
            )
    if problems:
        raise pytest.UsageError("\n".join(problems))


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The site built from the shipped data with `--strict`, as `make build` does."""
    dest = tmp_path_factory.mktemp("build") / "site"
    assert build_site(dest) == 0, "the strict build of the shipped data failed"
    return dest


@pytest.fixture(scope="session")
def published_site(tmp_path_factory) -> Path:
    """The same site built for a real address (SITE_URL), as a publication would be."""
    dest = tmp_path_factory.mktemp("published") / "site"
    env = dict(os.environ, **SITE_ENV, SITE_URL=PUBLISHED_URL, SITE_DIR=str(dest), PYTHONPATH=str(ROOT))
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    (dest.parent / "build.log").write_text(result.stderr, encoding="utf-8")
    return dest


@pytest.fixture(scope="session")
def injected(tmp_path_factory) -> tuple[Path, str, list[str]]:
    """(site, build log, payloads refused by the schema) of a copy of the site full of injection payloads."""
    from tests.support.injection import injected_site

    return injected_site(tmp_path_factory.mktemp("injection"))


@pytest.fixture(scope="session")
def site_url(site) -> Iterator[str]:
    """Base URL of the built site served on 127.0.0.1."""
    from tests.support.browser import serve

    with serve(site) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright (never a downloaded browser)."""
    from playwright.sync_api import sync_playwright

    from tests.support.browser import CHROMIUM_ARGS, require_chromium

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
    pg = recorded_page(browser)
    yield pg
    pg.context.close()


@pytest.fixture
def helper_cpu(monkeypatch) -> Iterator[set[int]]:
    """One CPU of this machine, made the only one the build's helpers may use
    (macros/core/placement.py); after the test, the calling thread must have its CPUs back."""
    from macros.core import placement

    before = os.sched_getaffinity(0)
    chosen = {max(before)}
    monkeypatch.setattr(placement, "helper_cpus", lambda: chosen)
    yield chosen
    assert os.sched_getaffinity(0) == before, "the thread that started a helper kept the helpers' CPUs"
