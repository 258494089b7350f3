"""The built /admin/ page's Content-Security-Policy, enforced by Chromium (the policy and `make edit`'s
server: tests/acceptance/test_edit_server.py)."""

from __future__ import annotations

from tests.support.browser import serve

# --- /admin/'s Content-Security-Policy ------------------------------------------------------------


def test_admin_policy_is_enforced_by_the_browser(site, browser):
    """Another origin is refused, an injected inline script does not run; the editor's own page still loads."""
    with serve(site) as base:
        context = browser.new_context()
        page = context.new_page()
        violations: list[str] = []
        page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
        page.goto(base + "admin/")
        blocked = page.evaluate("""async () => {
            const out = {};
            try { await fetch("https://evil.example/x"); out.fetch = "sent"; } catch (e) { out.fetch = "blocked"; }
            window.__ran = false;
            const s = document.createElement("script"); s.textContent = "window.__ran = true"; document.body.append(s);
            out.inline = window.__ran ? "ran" : "blocked";
            return out;
        }""")
        page.get_by_role("link", name="Ouvrir l'éditeur").click()  # Decap's bundle is loaded now
        page.wait_for_function("typeof window.CMS === 'object'")  # decap-cms.js (same origin) ran
        context.close()
    assert blocked == {"fetch": "blocked", "inline": "blocked"}
    assert violations, "the browser reported the violations"
