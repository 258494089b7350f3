"""Privacy in the built site: no personal e-mail address, and the legal pages linked from every page
(requests, cookies and storage in Chromium: tests/browser/test_privacy_browser.py)."""

from __future__ import annotations

import io
import re
import zipfile

EMAIL = re.compile(rb"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
ROLE_ADDRESSES: set[bytes] = set()  # role addresses (contact@…) the site may publish; none today


# Third-party code shipped as it is (Material's scripts, Pagefind's bundles, the Decap editor):
# their licence notices and translators' credits name their authors. Everything the site
# writes itself — pages, data exports, feeds, documents, its own scripts — is scanned.
VENDORED = ("admin/", "assets/javascripts/", "pagefind/")


def _files(site):
    for path in sorted(site.rglob("*")):
        rel = path.relative_to(site).as_posix()
        if not path.is_file() or rel.startswith(VENDORED):
            continue
        data = path.read_bytes()
        if data[:4] == b"PK\x03\x04":  # DOCX, ODT: scan their parts
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                for name in archive.namelist():
                    yield f"{rel}!{name}", archive.read(name)
        else:
            yield rel, data


def test_no_personal_email_address_in_the_built_site(site):
    found = [
        (rel, m.group().decode())
        for rel, data in _files(site)
        for m in EMAIL.finditer(data)
        if m.group() not in ROLE_ADDRESSES and not re.match(rb".*@\d+x\.", m.group())
    ]
    assert not found, found


def test_legal_pages_are_linked_from_every_page(site):
    pages = [p for p in site.rglob("index.html") if not p.relative_to(site).as_posix().startswith("admin/")]
    for page in pages:
        html = page.read_text(encoding="utf-8")
        if 'http-equiv="refresh"' in html:
            continue
        assert re.search(
            r'href="(\./|[./]*accessibilite/)">Accessibilité&nbsp;: (non|partiellement|totalement) conforme<', html
        ), page
        assert re.search(r'href="(\./|[./]*mentions-legales/)">Mentions légales et données personnelles<', html), page
    legal = (site / "mentions-legales" / "index.html").read_text(encoding="utf-8")
    for words in ("Éditeur", "Hébergement", "GitHub Pages", "Aucun cookie", "stockage local", "Licence Ouverte"):
        assert words in legal, words
