"""Privacy in Chromium: no request leaves the site, no cookie, browser storage only for the reader's own
preferences and fill-online answers (never sent); the built site's texts: tests/acceptance/test_privacy.py.

Browser storage the site may use (documented on /mentions-legales/):
- Material's preferences, keys `<site path>.__<name>` (e.g. `/.__palette`, `/.__tabs`);
- the fill-online model forms' answers, one key per format: `fiche-modele:<format id>`.
"""

from __future__ import annotations

import re

from tests.support.pages import kinds_of_page

ALLOWED_STORAGE = re.compile(r"^(/[^\s]*\.__[a-z]+|fiche-modele:[a-z0-9-]+)$")
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
