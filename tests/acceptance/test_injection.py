"""Inert content: injection payloads typed into YAML never run and never become markup.

The corpus tests/fixtures/injection/payloads.txt is placed into a copy of the
data — each payload in a Markdown field (descriptions, definitions), in plain
text fields shown through Markdown (titles, summaries, quotes) and in a model
form field (label, help) —, validated (the schema refuses raw HTML in Markdown
fields, the validator links to javascript:, data:… and images from elsewhere:
those refusals are expected and checked, payload by payload), built with
--strict (what validates builds), and every page is opened in Chromium with a
trap: `__xss()`, `alert()`, `confirm()` and `prompt()` record their calls, and
any dialog is recorded too. The built site full of payloads also passes the W3C
HTML checker and its Atom feed parses as XML.
"""

from __future__ import annotations

import re

import pytest
import yaml

from macros.validate.dataset import check_data_dir
from macros.pages.sanitize import clean
from macros.french.typography import text as typographed

from .browser import serve
from .conftest import ROOT, normalise
from .sitecopy import copy_repo, mkdocs_build

PAYLOADS_FILE = ROOT / "tests" / "fixtures" / "injection" / "payloads.txt"
TAG = re.compile(r"<\s*/?\s*[A-Za-z!?]")  # what the schema's Markdown type refuses

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


def payloads() -> list[tuple[str, str]]:
    """(payload, text a reader must see) pairs."""
    out = []
    for line in PAYLOADS_FILE.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        payload, tab, rest = line.partition("\t")
        shown = rest.split("\t")[0]
        payload = payload.replace("\\n", "\n")
        out.append((payload, shown if tab else payload))
    return out


def _marked() -> set[str]:
    """The payloads marked « refusé »: refused by the validator in any text field."""
    lines = PAYLOADS_FILE.read_text(encoding="utf-8").splitlines()
    return {line.split("\t")[0].replace("\\n", "\n") for line in lines if line.endswith("\trefusé")}


PAYLOADS = payloads()
REFUSED = _marked()


def refused(payload: str, markdown: bool) -> bool:
    """Whether the validator must refuse *payload* in a Markdown field (*markdown*) or a text field."""
    return payload in REFUSED or (markdown and bool(TAG.search(payload)))


def _place(repo) -> set[tuple[str, str]]:
    """Put every payload into the copy's data; return the expected refusals.

    Expected refusals: (file, field path) of the Markdown fields given a payload with a tag.
    """
    data_dir = repo / "data"
    docs = {name: yaml.safe_load((data_dir / f"{name}.yaml").read_text(encoding="utf-8"))
            for name in ("practices", "formats", "glossary", "testimonials", "references", "partners")}
    practices, formats = docs["practices"]["practices"], docs["formats"]["formats"]
    glossary = [g for g in docs["glossary"]["glossary"] if g.get("definition")]
    quotes, references = docs["testimonials"]["testimonials"], docs["references"]["references"]
    partners = docs["partners"]["partners"]
    fields = [f for fmt in formats for s in fmt["form"]["sections"] if "fields" in s for f in s["fields"]]

    markdown_slots = [("practices", p, "description") for p in practices] + [("formats", f, "description") for f in formats]
    markdown_slots += [("glossary", g, "definition") for g in glossary]
    markdown_slots += [("references", r, "summary") for r in references]
    text_slots = [("testimonials", t, "quote") for t in quotes] + [("practices", p, "theme") for p in practices]
    text_slots += [("references", r, "title") for r in references] + [("partners", p, "title") for p in partners]
    text_slots += [("glossary", g, "expansion") for g in docs["glossary"]["glossary"] if g.get("expansion")]
    # Titles and summaries also fill <title>, the header and <meta name="description">:
    # they get the payloads made to break out of an element or an attribute.
    head_slots = [(kind, e, key) for kind, entries in (("practices", practices), ("formats", formats))
                  for e in entries for key in ("title", "summary")]
    breakers = [p for p, _ in PAYLOADS if re.search(r"[\"'<>]|&lt;", p) and "\n" not in p]
    assert len(markdown_slots) >= len(PAYLOADS) and len(text_slots) >= len(PAYLOADS) and len(fields) >= len(PAYLOADS)
    expected = set()

    def put(name, entry, key, payload, markdown=False):
        entry[key] = payload
        if refused(payload, markdown):
            expected.add((f"data/{name}.yaml", f"{name}[{docs[name][name].index(entry)}].{key}"))

    for j, (name, entry, key) in enumerate(head_slots):
        put(name, entry, key, breakers[-1 - j % len(breakers)])
    for i, (payload, _) in enumerate(PAYLOADS):
        put(*markdown_slots[i], payload, markdown=True)
        if "\n" not in payload:
            put(*text_slots[i], payload)
            fields[i]["label"] = payload
            fields[i]["help"] = payload
            if payload in REFUSED:  # a form field of a format, or of a shared block
                for fmt in formats:
                    for s, section in enumerate(fmt["form"]["sections"]):
                        for f, field in enumerate(section.get("fields") or []):
                            if field is fields[i]:
                                where = f"formats[{formats.index(fmt)}].form.sections[{s}].fields[{f}]"
                                expected.update({("data/formats.yaml", f"{where}.label"), ("data/formats.yaml", f"{where}.help")})
    # The schema restricts `url` to http(s): a javascript: address is refused.
    references[0]["url"] = "javascript:__xss('url')"
    expected.add(("data/references.yaml", "references[0].url"))

    for name, doc in docs.items():
        text = yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=10_000)
        (data_dir / f"{name}.yaml").write_text(text, encoding="utf-8")
    return expected


@pytest.fixture(scope="module")
def injected(tmp_path_factory):
    """(site, build log, payloads refused by the schema) of a copy full of payloads."""
    tmp = tmp_path_factory.mktemp("injection")
    repo = copy_repo(tmp / "repo")
    expected_refusals = _place(repo)

    _, errors = check_data_dir(repo / "data", repo / "schemas", root=repo)
    got = {(e.file, e.path) for e in errors}
    assert got == expected_refusals, "\n".join(e.format() for e in errors)
    # Refused values are what an editor would have to change: put the originals back.
    original = {name: yaml.safe_load((ROOT / "data" / f"{name}.yaml").read_text(encoding="utf-8"))
                for name in {f.removeprefix("data/").removesuffix(".yaml") for f, _ in got}}
    for file, path in got:
        name = file.removeprefix("data/").removesuffix(".yaml")
        doc = yaml.safe_load((repo / file).read_text(encoding="utf-8"))
        steps = [int(s) if s.isdigit() else s for s in re.findall(r"\w+", path)]
        here, source = doc, original[name]
        for step in steps[:-1]:
            here, source = here[step], source[step]
        if steps[-1] in source:
            here[steps[-1]] = source[steps[-1]]
        else:
            del here[steps[-1]]
        (repo / file).write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=10_000), encoding="utf-8")
    _, errors = check_data_dir(repo / "data", repo / "schemas", root=repo)
    assert not errors, "\n".join(e.format() for e in errors)

    site = tmp / "site"
    result = mkdocs_build(repo, site)  # --strict: what validates builds
    assert result.returncode == 0, result.stderr
    refused_payloads = sorted({p for p, _ in PAYLOADS if refused(p, markdown=True)})
    return site, result.stderr, refused_payloads


def test_nothing_runs_and_nothing_is_injected(injected, browser):
    site, _, _ = injected
    pages = sorted(p.parent.relative_to(site).as_posix() for p in site.rglob("index.html")
                   if not p.relative_to(site).as_posix().startswith("admin/") and "__xss" in p.read_text(encoding="utf-8"))
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
    invisible = [p for p, shown in PAYLOADS if shown and p not in REFUSED and normalise(typographed(shown)) not in corpus]
    assert not invisible, f"payloads not shown as text: {invisible}"


def test_page_titles_and_descriptions_stay_text(injected):
    """<title>, <meta name=description>, the sharing meta and the JSON-LD come from YAML titles and
    summaries: as text in attributes, and as JSON with no « < » (it cannot close its script)."""
    site, _, _ = injected
    for page in site.rglob("index.html"):
        html = page.read_text(encoding="utf-8")
        head = html[: html.find("</head>")]
        text_only = (r'<title>[^<]*</title>|<meta name="description" content="[^"<>]*">'
                     r'|<meta (?:property="og|name="twitter):[a-z:_]+" content="[^"<>]*">'
                     r'|<script type="application/ld\+json">[^<]*</script>')
        assert "__xss" not in re.sub(text_only, "", head), page


def test_nothing_is_removed_at_build_time(injected):
    """The validator refused every link the sanitiser would have to remove: the build removes nothing."""
    _, log, _ = injected
    assert "contenu retiré" not in log, log[-2000:]


def test_html_and_dangerous_links_are_refused_by_the_validator(injected):
    _, _, refused_payloads = injected
    assert "<script>__xss('script')</script>" in refused_payloads
    assert "[lien piégé](javascript:__xss('md-link'))" in refused_payloads
    assert "![image js](javascript:__xss('md-img-js'))" in refused_payloads


def test_site_full_of_payloads_is_valid_html_and_its_feed_is_xml(injected, tmp_path):
    """For any valid data (here: every accepted payload), every page passes the W3C checker."""
    import json
    import subprocess
    import xml.etree.ElementTree as ET

    from .tools import VNU, require, require_java

    site, _, _ = injected
    ET.fromstring((site / "feed.xml").read_bytes())
    vnu, java = require(VNU), require_java()
    pages = sorted(p for p in site.rglob("*.html") if not p.relative_to(site).as_posix().startswith("admin/"))
    result = subprocess.run([java, "-jar", str(vnu), "--errors-only", "--format", "json", *map(str, pages)],
                            capture_output=True, text=True)
    messages = json.loads(result.stderr or result.stdout)["messages"]
    errors = [f"{m.get('url', '').split(str(site))[-1]}:{m.get('lastLine')}: {m['message']}" for m in messages
              if m.get("type") in ("error", "non-document-error")]
    assert not errors, "\n".join(errors[:30])


@pytest.mark.parametrize("html, kept", [
    ('<a href="javascript:__xss(1)">x</a>', "<a>x</a>"),
    ('<a href="JAVASCRIPT:__xss(1)">x</a>', "<a>x</a>"),
    ('<a href="vbscript:msgbox(1)">x</a>', "<a>x</a>"),
    ('<img src="data:image/svg+xml,&lt;svg onload=__xss(1)&gt;" alt="a">', '<img alt="a">'),
    ('<p onclick="__xss(1)">x</p>', "<p>x</p>"),
    ('<div style="background:url(javascript:__xss(1))">x</div>', "<div>x</div>"),
    ("<script>__xss(1)</script>x", "x"),
    ('<a href="https://example.org/">x</a>', '<a href="https://example.org/">x</a>'),
    ('<a href="mailto:contact@example.org">x</a>', '<a href="mailto:contact@example.org">x</a>'),
    ('<a href="../formats/x/#fiche-modele" class="headerlink" title="t">¶</a>',
     '<a href="../formats/x/#fiche-modele" class="headerlink" title="t">¶</a>'),
    ('<div class="fiche-zone" style="--lines: 5" aria-hidden="true" data-field="a"></div>',
     '<div class="fiche-zone" style="--lines: 5" aria-hidden="true" data-field="a"></div>'),
])
def test_sanitizer_allow_list(html, kept):
    assert clean(html) == kept
