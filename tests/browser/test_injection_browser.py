"""Inert content in Chromium: every page of the copy full of payloads (the session fixture ``injected``,
tests/support/injection.py) is opened with a trap — `__xss()`, `alert()`, `confirm()` and `prompt()` record
their calls, and any dialog is recorded too — and nothing runs, nothing is injected."""

from __future__ import annotations

from macros.french.typography import text as typographed
from tests.support.browser import serve
from tests.support.injection import PAYLOADS, REFUSED
from tests.support.site import normalise

TRAP = """
window.__xssFired = [];
window.__xss = (x) => window.__xssFired.push(String(x));
for (const name of ["alert", "confirm", "prompt"]) {
  window[name] = (x) => { window.__xssFired.push(name + ":" + x); };
}
"""
INJECTED = """() => {
  const bad = [];
  const schemes = /^(https?:|mailto:|#|\\.|\\/|[^:]*$)/i;
  for (const el of document.querySelectorAll("*")) {
    for (const attr of el.attributes) {
      const name = attr.name.toLowerCase();
      if (name.startsWith("on")) bad.push(el.tagName + " " + name);
      if (["href", "src", "action", "formaction", "data", "xlink:href"].includes(name) && !schemes.test(attr.value.trim()))
        bad.push(el.tagName + " " + name + "=" + attr.value);
    }
  }
  for (const el of document.querySelectorAll("script:not([src]):not([type='application/ld+json'])"))
    if (/__xss|alert\\(/.test(el.textContent)) bad.push("inline script: " + el.textContent.slice(0, 80));
  // Structured data holds editor text as JSON: one element, that parses, never broken out of.
  const data = document.querySelectorAll("script[type='application/ld+json']");
  if (data.length > 1) bad.push(data.length + " JSON-LD elements");
  for (const el of data) {
    try { JSON.parse(el.textContent); } catch (e) { bad.push("JSON-LD does not parse: " + el.textContent.slice(0, 80)); }
  }
  const article = document.querySelector("article") || document.body;
  for (const el of article.querySelectorAll("script, style, iframe, object, embed, base, meta, link, svg, math, noscript"))
    bad.push("element " + el.tagName);
  for (const el of article.querySelectorAll("[style]"))
    if (!/^\\s*--lines:\\s*\\d+;?\\s*$/.test(el.getAttribute("style"))) bad.push("style=" + el.getAttribute("style"));
  return bad;
}"""


def test_nothing_runs_and_nothing_is_injected(injected, browser):
    site, _, _ = injected
    pages = sorted(
        p.parent.relative_to(site).as_posix()
        for p in site.rglob("index.html")
        if not p.relative_to(site).as_posix().startswith("admin/") and "__xss" in p.read_text(encoding="utf-8")
    )
    assert len(pages) > 15  # every page that shows a payload: entries, indexes, glossary, testimonials…
    fired, injected_markup, texts = [], [], []
    with serve(site) as base:
        context = browser.new_context(locale="fr-FR")
        context.add_init_script(TRAP)
        page = context.new_page()
        page.on("dialog", lambda d: (fired.append(f"dialog {d.message}"), d.dismiss()))
        for path in pages:
            page.goto(base + ("" if path == "." else path + "/"))
            fired += [f"{path}: {x}" for x in page.evaluate("() => window.__xssFired")]
            injected_markup += [f"{path}: {x}" for x in page.evaluate(INJECTED)]
            texts.append(page.evaluate("() => document.body.innerText"))
        context.close()
    assert not fired, fired
    assert not injected_markup, injected_markup
    corpus = normalise(" ".join(texts))
    # shown as text, with the French typography of every page (« width\u00a0: … »)
    invisible = [
        p for p, shown in PAYLOADS if shown and p not in REFUSED and normalise(typographed(shown)) not in corpus
    ]
    assert not invisible, f"payloads not shown as text: {invisible}"
