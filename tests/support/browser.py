"""Browser-test plumbing: the built site served on 127.0.0.1 and Debian's Chromium via Playwright.

Tests never download a browser: they drive /usr/bin/chromium (apt-get install
chromium, done by .ci/run). On CI a missing Chromium is a failure, not a skip.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
]
# What a page may load besides the site served on 127.0.0.1 (anything else is a third-party request).
LOCAL = ("http://127.0.0.1", "data:", "blob:", "about:")


def recorded_page(browser, width: int = 1280, height: int = 900):
    """A fresh page (in its own context, French, *width* × *height*) whose console errors and page
    exceptions are kept in ``page.errors`` and requests that leave 127.0.0.1 in ``page.offsite``:
    tests assert both are empty. Close it with ``page.context.close()``."""
    context = browser.new_context(locale="fr-FR", viewport={"width": width, "height": height})
    page = context.new_page()
    page.errors, page.offsite, page.width = [], [], width
    page.on("console", lambda m: page.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    page.on("request", lambda r: None if r.url.startswith(LOCAL) else page.offsite.append(r.url))
    return page


def require_chromium() -> str:
    if Path(CHROMIUM).exists() or shutil.which(CHROMIUM):
        return CHROMIUM
    if os.environ.get("CI"):
        pytest.fail(f"Chromium introuvable ({CHROMIUM}) : .ci/run doit l'installer (apt-get install chromium)")
    pytest.skip(f"Chromium introuvable ({CHROMIUM}) : apt-get install chromium")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    not_found: Path | None = None  # the site's 404.html, served for any missing address (as GitHub Pages does)

    def log_message(self, *args) -> None:  # keep test output readable
        pass

    def send_error(self, code, message=None, explain=None) -> None:
        if code != 404 or self.not_found is None or not self.not_found.is_file():
            return super().send_error(code, message, explain)
        body = self.not_found.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@contextmanager
def serve(directory: Path, prefix: str = "") -> Iterator[str]:
    """Serve *directory* on 127.0.0.1 (a free port); yield the base URL ending in '/'.

    With *prefix* (e.g. 'alternance'), the site is served under that sub-path. A missing
    address gets the site's 404.html with status 404, as GitHub Pages serves it.
    """
    root = directory
    if prefix:
        holder = directory.parent / f".served-{prefix}"
        holder.mkdir(exist_ok=True)
        link = holder / prefix
        if not link.exists():
            link.symlink_to(directory, target_is_directory=True)
        root = holder
    handler_class = type("_SiteHandler", (_QuietHandler,), {"not_found": directory / "404.html"})
    handler = functools.partial(handler_class, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        yield base + (f"{prefix}/" if prefix else "")
    finally:
        server.shutdown()
        server.server_close()


def enable_instant_navigation(page, site_url: str) -> None:
    """Let Material's instant navigation work on the test server.

    Material navigates instantly only to the sitemap's URLs, which must be absolute; the
    tests' site is a development build (no SITE_URL), whose sitemap lists paths from the
    site's root: it is served with them made absolute on the test server.
    """

    def sitemap(route):
        response = route.fetch()
        route.fulfill(response=response, body=response.text().replace("<loc>/", f"<loc>{site_url}"))

    page.route("**/sitemap.xml", sitemap)


def flat(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split())


def print_to_pdf(page, path) -> list[str]:
    """The page printed on A4, as the text of each PDF page (in content order: -raw)."""
    # fiche.js sets the form up once the browser is idle (its running footer included).
    page.wait_for_function(
        "!document.querySelector('.fiche[data-format]') || "
        "document.querySelector('.fiche[data-format]').dataset.ficheActive === 'true'"
    )
    page.emulate_media(media="print")
    page.pdf(path=str(path), format="A4", prefer_css_page_size=True)
    page.emulate_media(media="screen")
    text = subprocess.run(["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return [flat(p) for p in text.split("\f") if p.strip()]
