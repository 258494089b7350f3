"""What a browser fetches, measured in Debian's Chromium: first search query, lunr index, page weight.

Python's http.server does not compress, so each response body is gzipped here
when a web server would gzip it (text types); Pagefind's .pf_* chunks are
already compressed and count as fetched.
"""

from __future__ import annotations

import gzip
import sys
from pathlib import Path

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests.support.browser import CHROMIUM, CHROMIUM_ARGS, serve

TEXT = (".html", ".css", ".js", ".mjs", ".json", ".svg", ".xml", "/")


def _wire(url: str, body: bytes) -> int:
    path = url.split("?")[0]
    return len(gzip.compress(body, 6, mtime=0)) if path.endswith(TEXT) else len(body)


def _record(page) -> list[tuple[str, int]]:
    seen: list[tuple[str, int]] = []

    def on_response(response) -> None:
        if not response.ok:
            return
        try:
            body = response.body()
        except PlaywrightError:  # the page was closed first: after the sums were taken
            return
        seen.append((response.url, _wire(response.url, body)))

    page.on("response", on_response)
    return seen


def measure(site: Path, plain_site: Path) -> dict:
    out = {}
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        with serve(site) as base:
            page = chromium.new_page()
            page.goto(base)
            page.wait_for_load_state("networkidle")
            seen = _record(page)
            page.evaluate("""async () => {  // as the search box does: Pagefind, search-query.js, vocabulary
                const site = await window.siteSearch.searcher();
                const r = await site.search('stage sur deux sites', {});
                await Promise.all(r.results.slice(0, 5).map(x => x.data()));
            }""")
            page.wait_for_load_state("networkidle")
            out["first_query_bytes"] = sum(size for url, size in seen if "/pagefind/" in url)
            page.close()
            practice = next(p for p in sorted((site / "pratiques").iterdir()) if p.is_dir())
            page = chromium.new_page()
            seen = _record(page)
            page.goto(f"{base}pratiques/{practice.name}/")
            page.wait_for_load_state("networkidle")
            out["practice_page_bytes"] = sum(
                size for url, size in seen if url.split("?")[0].endswith((".html", ".css", ".js", "/"))
            )
            page.close()
        with serve(plain_site) as base:
            page = chromium.new_page()
            seen = _record(page)
            # Material's worker fetches the index after load; at 10,000 pages it weighs tens of MB.
            with page.expect_response(lambda r: "search_index.json" in r.url, timeout=300_000) as index:
                page.goto(base)
            index.value.finished()
            page.wait_for_load_state("networkidle")
            out["lunr_index_bytes"] = sum(size for url, size in seen if "search_index.json" in url)
            out["lunr_first_load_bytes"] = sum(
                size for url, size in seen if "/search/" in url or "search" in url.rsplit("/", 1)[-1]
            )
            page.close()
        chromium.close()
    return out
