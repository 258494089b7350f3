"""Accessibility in Chromium: axe-core finds no WCAG 2.1 A/AA violation on any kind of page, in the
light and the dark scheme, at 1280 and 390 px, and the keyboard reaches everything with a visible
focus, starting with the skip link.

axe-core comes from the npm package axe-core (package.json). /admin/ (the web
editor, a JavaScript application) is not checked.
"""

from __future__ import annotations

import pytest

from tests.support.pages import kinds_of_page
from tests.support.tools import AXE, require

WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# Structure rules axe files under « best practice »: the RGAA asks for them (criteria 9.1, 12.6).
STRUCTURE = [
    "region",
    "landmark-one-main",
    "landmark-no-duplicate-banner",
    "landmark-no-duplicate-contentinfo",
    "page-has-heading-one",
    "heading-order",
    "bypass",
]


def _axe(page, options: dict) -> list[str]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("(options) => axe.run(document, options)", options)
    return [
        f"{v['id']} ({v['impact']}) : {v['help']} — {[n['target'] for n in v['nodes'][:3]]}"
        for v in result["violations"]
    ]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_wcag_violation_on_any_kind_of_page(browser, site, site_url, scheme):
    """At 1280 px, in the light and the dark scheme (Material's palette follows the system's)."""
    require(AXE)
    paths = kinds_of_page(site)
    assert {"", "formats/", "glossaire/", "references/", "protocole/", "accessibilite/", "mentions-legales/"} <= set(
        paths
    )
    assert any(p.startswith("formats/") and p != "formats/" for p in paths)
    assert any(p.startswith("pratiques/") and p != "pratiques/" for p in paths)
    context = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    found = {}
    for path in paths:
        page.goto(site_url + path)
        assert page.evaluate("document.body.dataset.mdColorScheme") == ("slate" if scheme == "dark" else "default")
        violations = _axe(page, {"runOnly": {"type": "tag", "values": WCAG}})
        if violations:
            found[path or "/"] = violations
    context.close()
    assert not found, found
    assert not errors, errors


def test_fill_online_form_has_no_wcag_violation(page, site_url):
    """The model form in its fill-online mode (inputs created by the page's script)."""
    require(AXE)
    page.goto(site_url + "formats/stages-pluri-institutionnels/")
    page.locator(".fiche-remplir").first.click()
    page.wait_for_selector(".fiche textarea:visible, .fiche input[type=text]:visible")
    assert not _axe(page, {"runOnly": {"type": "tag", "values": WCAG}})


def test_structure_rules_on_entry_pages(page, site_url):
    require(AXE)
    found = {}
    for path in ("", "formats/projets-collectifs/", "pratiques/stage-collectif-de-territoire-ass/", "glossaire/"):
        page.goto(site_url + path)
        violations = _axe(page, {"runOnly": {"type": "rule", "values": STRUCTURE}})
        if violations:
            found[path or "/"] = violations
    assert not found, found


# A phone (390 px): the pages whose layout changes most, and the wrong address's page.
SMALL_SCREEN = [
    "",
    "formats/projets-collectifs/",
    "pratiques/stage-collectif-de-territoire-ass/",
    "pratiques/",
    "glossaire/",
    "references/",
    "contribuer/",
    "adresse/qui/n-existe-pas/",
]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_small_screen_has_no_wcag_violation(browser, site_url, scheme):
    require(AXE)
    context = browser.new_context(locale="fr-FR", viewport={"width": 390, "height": 800}, color_scheme=scheme)
    page = context.new_page()
    found = {}
    for path in SMALL_SCREEN:
        page.goto(site_url + path)
        violations = _axe(page, {"runOnly": {"type": "tag", "values": WCAG}})
        if violations:
            found[path or "/"] = violations
    context.close()
    assert not found, found


# --- Keyboard ------------------------------------------------------------------

FOCUS = """() => {
  const e = document.activeElement;
  const s = getComputedStyle(e);
  const r = e.getBoundingClientRect();
  return {tag: e.tagName, text: (e.innerText || e.getAttribute("aria-label") || "").trim().slice(0, 50),
          cls: String(e.className), outline: s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 2,
          shadow: s.boxShadow !== "none", left: r.left, right: r.right, width: r.width, height: r.height,
          vw: document.documentElement.clientWidth, inMain: !!e.closest("main")};
}"""


def test_skip_link_is_first_french_and_leads_to_the_content(page, site_url):
    page.goto(site_url + "formats/projets-collectifs/")
    page.keyboard.press("Tab")
    first = page.evaluate(FOCUS)
    assert "md-skip" in first["cls"] and first["text"] == "Aller au contenu"
    page.wait_for_function("() => getComputedStyle(document.activeElement).opacity === '1'")  # shown on focus
    target = page.evaluate("() => new URL(document.activeElement.href).hash")
    assert target.startswith("#")
    page.keyboard.press("Enter")
    page.wait_for_function(f"() => location.hash === {target!r}")
    assert page.locator(f"main {target}").count() == 1
    page.keyboard.press("Tab")
    assert page.evaluate(FOCUS)["inMain"], "after the skip link, Tab must continue in the content"


@pytest.mark.parametrize("width", [1280, 375])
def test_every_focus_stop_is_visible_and_on_screen(browser, site_url, width):
    """Tab through a format page: each stop shows a focus ring and is on screen (no hidden drawer links)."""
    context = browser.new_context(locale="fr-FR", viewport={"width": width, "height": 800})
    page = context.new_page()
    page.goto(site_url + "formats/projets-collectifs/")
    problems, seen = [], 0
    for _ in range(60):
        page.keyboard.press("Tab")
        f = page.evaluate(FOCUS)
        if f["tag"] == "BODY":
            break
        seen += 1
        if not (f["outline"] or f["shadow"]):
            problems.append(f"no visible focus: {f}")
        if f["width"] and (f["right"] <= 0 or f["left"] >= f["vw"]):
            problems.append(f"focus off screen: {f}")
    context.close()
    assert seen >= 20
    assert not problems, problems


def test_small_screen_menu_opens_from_the_keyboard(browser, site_url):
    context = browser.new_context(locale="fr-FR", viewport={"width": 375, "height": 800})
    page = context.new_page()
    page.goto(site_url + "reforme/")
    try:
        for _ in range(8):
            page.keyboard.press("Tab")
            if page.evaluate("() => !!document.activeElement.closest('[for=__drawer]')"):
                page.keyboard.press("Enter")
                break
        assert page.evaluate("() => document.getElementById('__drawer').checked")
    finally:
        context.close()
