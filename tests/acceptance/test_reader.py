"""The reader's site around the content, read in the built site and in the functions behind it:
where a page is (tabs, breadcrumb, active section), sharing and citing (OpenGraph, JSON-LD,
« Citer cette page », sitemap dates), « Proposer une modification », the glossary's list,
the 404 page's address manifest, the /admin/ intro page. In the browser: test_reader_browser.py;
the functions alone: test_sharing.py."""

from __future__ import annotations

import json
import re
from html import unescape
from urllib.parse import parse_qs, urlsplit

import yaml

from macros.model.catalog import load_catalog
from macros.pages.sharing import citation, date_long
from tests.support import ROOT
from tests.support.pages import nav_labels, navigation, reader_pages
from tests.support.site import PUBLISHED_URL, REPOSITORY

# (conftest's published_site); the session site is a development build, whose pages name
# no development address (tests/acceptance/test_site_address.py).
SITE_URL = PUBLISHED_URL
CATALOG = load_catalog(ROOT)
PRACTICE = CATALOG.list("practices")[0]
FORMAT = CATALOG.formats[0]


def read(site, path: str) -> str:
    return (site / path.strip("/") / "index.html").read_text(encoding="utf-8")


def content_pages(site) -> list[str]:
    """Every page MkDocs built (not the editor, not the redirect pages)."""
    pages = []
    for p in sorted(site.rglob("index.html")):
        rel = p.parent.relative_to(site).as_posix()
        if rel.startswith("admin") or 'http-equiv="refresh"' in p.read_text(encoding="utf-8")[:2000]:
            continue
        pages.append("" if rel == "." else rel + "/")
    return pages


# --- 1. Navigation ---------------------------------------------------------------------------


def test_contributors_guide_is_its_own_tab_with_labels_of_its_own():
    nav = navigation()
    tabs = [next(iter(item)) for item in nav]
    assert tabs[0] == "Accueil" and tabs[-1] == "Contribuer" and len(tabs) <= 6
    readers = {label for item in nav[:-1] for label, _ in nav_labels([item])}
    contributors = [label for label, _ in nav_labels([nav[-1]])][1:]
    assert len(contributors) >= 10
    assert not readers & set(contributors), readers & set(contributors)
    assert all(page.startswith("contribuer/") for _, page in nav_labels([nav[-1]]) if page)


def test_every_page_says_where_it_is(site):
    missing = [
        path
        for path in content_pages(site)
        if path and '<nav class="md-path" aria-label="Fil d\'Ariane"' not in read(site, path)
    ]
    assert not missing, missing
    assert 'class="md-path"' not in read(site, "")  # the home page is the top


def test_generated_pages_show_their_section_active_and_in_the_breadcrumb(site):
    for path, tab, section, url in (
        (f"pratiques/{PRACTICE['id']}/", "Mettre en œuvre", "Pratiques et expérimentations", "../"),
        (f"formats/{FORMAT['id']}/", "Mettre en œuvre", "Formats de professionnalisation", "../"),
    ):
        html = read(site, path)
        crumbs = html[html.index('class="md-path"') :]
        crumbs = crumbs[: crumbs.index("</nav>")]
        labels = [" ".join(t.split()) for t in re.findall(r'<span class="md-ellipsis">(.*?)</span>', crumbs, re.S)]
        assert labels == ["Accueil", tab, section], (path, labels)
        assert re.search(
            rf'<a href="{re.escape(url)}" class="md-path__link">\s*<span class="md-ellipsis">\s*{section}', crumbs
        )
        active_tab = re.search(r'md-tabs__item--active">\s*<a[^>]*>\s*([^<]+?)\s*</a>', html)
        assert active_tab and active_tab.group(1) == tab, path
        active = re.findall(
            r'md-nav__item--active">\s*<a href="([^"]*)" class="md-nav__link">\s*<span class="md-ellipsis">\s*([^<]+?)\s*</span>',
            html,
        )
        assert (url, section) in active, (path, active)


def test_home_page_links_every_readers_section(site):
    html = read(site, "")
    article = html[html.index("<article") : html.index("</article>")]
    links = set(re.findall(r'href="([^"]+)"', article))
    missing = [url for url in reader_pages() if url not in links]
    assert not missing, missing


# --- 2. Glossary -------------------------------------------------------------------------------


def test_glossary_is_one_flat_definition_list_per_letter_with_an_a_to_z_bar(site):
    html = read(site, "glossaire/")
    article = html[html.index("<article") : html.index("</article>")]
    lists = re.findall(r'<dl class="glossaire-liste">(.*?)</dl>', article, re.S)
    assert lists and all("<dl" not in body for body in lists), "a definition nested in another"
    terms = re.findall(r'<dt id="([^"]+)"', article)
    assert sorted(terms) == sorted(g["id"] for g in CATALOG.list("glossary"))
    assert all(body.count("<dt") == body.count("<dd") for body in lists)
    bar = re.search(r'<nav class="glossaire-az" aria-label="[^"]+">(.*?)</nav>', article, re.S).group(1)
    letters = re.findall(r'<li>(?:<a href="#(lettre-[a-z])"[^>]*>|<span[^>]*>)([A-Z])<', bar)
    assert [letter for _, letter in letters] == list("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    for anchor, letter in letters:
        initials = {g["term"][0].upper() for g in CATALOG.list("glossary")}
        assert bool(anchor) == (letter in initials), letter
        if anchor:
            assert f'id="{anchor}"' in article


# --- 3. Sharing and citing ---------------------------------------------------------------------


def _meta(html: str, key: str) -> str | None:
    m = re.search(rf'<meta (?:property|name)="{re.escape(key)}" content="([^"]*)">', html)
    return unescape(m.group(1)) if m else None


def _json_ld(html: str) -> dict:
    scripts = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(scripts) == 1
    return json.loads(scripts[0])


def test_every_page_has_sharing_meta_and_structured_data_with_absolute_urls(published_site):
    site = published_site
    for path in content_pages(site):
        html = read(site, path)
        for key in ("og:title", "og:description", "og:url", "og:image", "og:type", "twitter:card", "twitter:image"):
            assert _meta(html, key), (path, key)
        assert _meta(html, "og:url") == SITE_URL + path, path
        assert _meta(html, "og:image") == SITE_URL + "assets/partage.png"
        graph = _json_ld(html)["@graph"]
        assert graph and all(node.get("@type") for node in graph), path
    assert (site / "assets" / "partage.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_entry_pages_are_articles_modified_on_their_updated_date(published_site):
    site = published_site
    for entry, path in ((PRACTICE, f"pratiques/{PRACTICE['id']}/"), (FORMAT, f"formats/{FORMAT['id']}/")):
        html = read(site, path)
        article = _json_ld(html)["@graph"][0]
        assert article["@type"] == "Article" and article["url"] == SITE_URL + path
        assert article["dateModified"] == entry["updated"] and article["inLanguage"] == "fr"
        assert "publisher" not in article or article["publisher"]["name"].strip()
        assert _meta(html, "og:type") == "article" and _meta(html, "article:modified_time") == entry["updated"]
        crumbs = _json_ld(html)["@graph"][1]
        assert crumbs["@type"] == "BreadcrumbList" and crumbs["itemListElement"][-1]["item"] == SITE_URL + path


def test_reference_texts_are_legislation_with_their_nor(published_site):
    site = published_site
    items = {
        node["@id"].split("#")[1]: node
        for node in _json_ld(read(site, "references/"))["@graph"]
        if "#" in node.get("@id", "")
    }
    references = CATALOG.list("references")
    assert set(items) == {r["id"] for r in references}
    with_nor = [r for r in references if r.get("nor")]
    assert with_nor
    for r in with_nor:
        assert items[r["id"]]["@type"] == "Legislation" and items[r["id"]]["legislationIdentifier"] == r["nor"]
        assert items[r["id"]]["legislationDate"] == str(r["date"])
    partners = [n for n in _json_ld(read(site, "partenaires/"))["@graph"] if n["@type"] == "Organization"]
    assert [n["@id"] for n in partners] == [f"{SITE_URL}partenaires/#{p['id']}" for p in CATALOG.list("partners")]


def test_cite_block_names_title_site_version_and_permanent_address(published_site):
    site = published_site
    html = read(site, f"pratiques/{PRACTICE['id']}/")
    block = html[html.index('class="page-outils__citer"') :]
    block = unescape(block[: block.index("</details>")])
    assert "Citer cette page" in block and PRACTICE["title"] in block and "Alternance en travail social" in block
    day, month, year = date_long(PRACTICE["updated"]).split()
    assert re.search(rf"Version du {day}\s+{month} {year}", block)
    assert f'<a href="{SITE_URL}pratiques/{PRACTICE["id"]}/">' in block
    text = citation("T", "S", "https://x/", "2026-11-01", None)["text"]
    assert (
        text
        == "«\u00a0T\u00a0». S [en ligne]. Version du 1er\u00a0novembre 2026. Disponible à l'adresse\u00a0: https://x/"
    )
    text = citation("T", "S", "https://x/", "2026-11-01", " Région ")["text"]
    assert (
        text
        == "«\u00a0T\u00a0». S [en ligne]. Région. Version du 1er\u00a0novembre 2026. Disponible à l'adresse\u00a0: https://x/"
    )


def test_sitemap_has_a_date_for_every_page(site):
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    urls = re.findall(r"<url>(.*?)</url>", sitemap, re.S)
    assert urls and all(re.search(r"<lastmod>\d{4}-\d\d-\d\d</lastmod>", u) for u in urls)
    # an entry page's date is its entry's, even when another entry is newer (the other pages' date)
    practices = sorted(CATALOG.list("practices"), key=lambda p: p["updated"])
    for practice in (practices[0], practices[-1]):
        entry = next(u for u in urls if f"/pratiques/{practice['id']}/" in u)
        assert f"<lastmod>{practice['updated']}</lastmod>" in entry


# --- 4. Correction ------------------------------------------------------------------------------


def _line_of(file: str, entry_id: str) -> int:
    lines = (ROOT / "data" / file).read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if re.match(rf"\s*- id: {re.escape(entry_id)}\s*$", line))


def _tools(html: str) -> str:
    return html[
        html.index('<aside class="page-outils"') : html.index("</aside>", html.index('<aside class="page-outils"'))
    ]


def test_generated_page_edits_its_entry_at_its_line_and_prefills_the_issue_form(published_site):
    site = published_site
    for entry, file, path in ((PRACTICE, "practices.yaml", "pratiques"), (FORMAT, "formats.yaml", "formats")):
        tools = unescape(_tools(read(site, f"{path}/{entry['id']}/")))
        line = _line_of(file, entry["id"])
        assert f'href="{REPOSITORY}/edit/main/data/{file}#L{line}">Proposer une modification' in tools
        issue = re.search(rf'href="({re.escape(REPOSITORY)}/issues/new\?[^"]+)"', tools).group(1)
        query = parse_qs(urlsplit(issue).query)
        assert query["template"] == ["proposer-une-correction.yml"]
        assert query["page"] == [f"{SITE_URL}{path}/{entry['id']}/"]
        assert query["entree"] == [f"data/{file} : {entry['id']}"]
        assert query["title"][0].startswith("Correction")


def test_hand_written_page_edits_its_markdown_and_its_catalogue(site):
    tools = unescape(_tools(read(site, "reforme/")))
    assert f'href="{REPOSITORY}/edit/main/docs/reforme.md">Proposer une modification' in tools
    tools = unescape(_tools(read(site, "glossaire/")))
    assert f'href="{REPOSITORY}/edit/main/docs/glossaire.md"' in tools
    assert f'href="{REPOSITORY}/edit/main/data/glossary.yaml"' in tools
    missing = [p for p in content_pages(site) if "Proposer une modification" not in read(site, p)]
    assert not missing, missing


def test_correction_form_has_the_fields_the_links_fill():
    form = yaml.safe_load(
        (ROOT / ".github" / "ISSUE_TEMPLATE" / "proposer-une-correction.yml").read_text(encoding="utf-8")
    )
    ids = {item.get("id") for item in form["body"]}
    assert {"page", "entree"} <= ids


def test_admin_intro_page_has_no_inline_script(site):
    html = (site / "admin" / "index.html").read_text(encoding="utf-8")
    assert "Qui peut modifier" in html and "Comment se connecter" in html and 'href="../contribuer/"' in html
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), "inline script"
    assert not re.search(r"\son[a-z]+=", html), "event handler attribute"


# --- 5. 404 manifest ------------------------------------------------------------------------------


def test_address_manifest_lists_every_page_with_its_title_and_the_redirects(site):
    manifest = json.loads((site / "assets" / "adresses.json").read_text(encoding="utf-8"))
    urls = {url for url, _ in manifest["pages"]}
    assert urls == set(content_pages(site))
    titles = dict(manifest["pages"])
    assert titles[f"pratiques/{PRACTICE['id']}/"] == PRACTICE["title"] and titles["glossaire/"] == "Glossaire"
    assert manifest["redirections"] == [[r["from"], r["to"]] for r in CATALOG.list("redirects")]


def test_404_page_is_french_and_absolute_from_the_site_root(site):
    html = (site / "404.html").read_text(encoding="utf-8")
    assert "<h1>Page introuvable</h1>" in html and "404 - Not found" not in html
    assert 'data-racine="/"' in html and 'data-adresses="/assets/adresses.json"' in html
    article = html[html.index("<article") : html.index("</article>")]
    assert all(link.startswith("/") for link in re.findall(r'(?:href|action)="([^"#]+)"', article))
