"""Privacy: no request leaves the site, no cookie, browser storage only for the reader's own
preferences and fill-online answers (never sent), no personal e-mail address in the built site.

Browser storage the site may use (documented on /mentions-legales/):
- Material's preferences, keys `<site path>.__<name>` (e.g. `/.__palette`, `/.__tabs`);
- the fill-online model forms' answers, one key per format: `fiche-modele:<format id>`.
"""

from __future__ import annotations

import io
import re
import zipfile

from .test_accessibility import kinds_of_page

ALLOWED_STORAGE = re.compile(r"^(/[^\s]*\.__[a-z]+|fiche-modele:[a-z0-9-]+)$")
EMAIL = re.compile(rb"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
ROLE_ADDRESSES: set[bytes] = set()  # role addresses (contact@…) the site may publish; none today
MARKER = "réponse-témoin-7f3a"


def test_no_request_leaves_the_site_no_cookie_storage_stays_local(browser, site, site_url):
    context = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900})
    requests = []
    context.on("request", lambda r: requests.append((r.method, r.url, r.post_data or "")))
    page = context.new_page()
    for path in kinds_of_page(site):
        page.goto(site_url + path)
        page.wait_for_load_state("networkidle")

    # Search, then fill a model form online: both must stay in the browser.
    page.goto(site_url + "formats/projets-collectifs/")
    page.keyboard.press("/")
    page.keyboard.type("stage")
    page.wait_for_load_state("networkidle")
    page.keyboard.press("Escape")
    page.locator(".fiche-remplir").first.click()
    field = page.locator(".fiche textarea:visible, .fiche input[type=text]:visible").first
    field.fill(MARKER)
    field.press("Tab")
    page.goto(site_url + "pratiques/")
    page.wait_for_load_state("networkidle")

    storage = page.evaluate("() => ({local: Object.entries(localStorage), session: Object.entries(sessionStorage)})")
    cookies = context.cookies()
    context.close()

    offsite = [url for _, url, _ in requests if not url.startswith(site_url)]
    assert not offsite, offsite
    assert {m for m, _, _ in requests} <= {"GET"}, "the site never sends anything"
    assert not any(MARKER in url or MARKER in body for _, url, body in requests)
    assert cookies == []
    keys = [k for k, _ in storage["local"] + storage["session"]]
    assert all(ALLOWED_STORAGE.match(k) for k in keys), keys
    assert any(k.startswith("fiche-modele:") and MARKER in v for k, v in storage["local"]), "answers kept locally"


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
    found = [(rel, m.group().decode()) for rel, data in _files(site) for m in EMAIL.finditer(data)
             if m.group() not in ROLE_ADDRESSES and not re.match(rb".*@\d+x\.", m.group())]
    assert not found, found


def test_legal_pages_are_linked_from_every_page(site):
    pages = [p for p in site.rglob("index.html") if not p.relative_to(site).as_posix().startswith("admin/")]
    for page in pages:
        html = page.read_text(encoding="utf-8")
        if 'http-equiv="refresh"' in html:
            continue
        assert re.search(r'href="(\./|[./]*accessibilite/)">Accessibilité&nbsp;: (non|partiellement|totalement) conforme<', html), page
        assert re.search(r'href="(\./|[./]*mentions-legales/)">Mentions légales et données personnelles<', html), page
    legal = (site / "mentions-legales" / "index.html").read_text(encoding="utf-8")
    for words in ("Éditeur", "Hébergement", "GitHub Pages", "Aucun cookie", "stockage local", "Licence Ouverte"):
        assert words in legal, words
