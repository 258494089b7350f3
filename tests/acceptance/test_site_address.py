"""The site's address in what a reader downloads (macros/model/site_address.py).

Without SITE_URL (the tests' session site) the build is a development build: no file
names a development address; documents print none, the feed and the sitemap use paths,
pages carry no canonical link, the editor's configuration points nowhere. With SITE_URL,
the real address is everywhere it belongs, and no file holds 127.0.0.1 or localhost —
documents (unzipped) and the editor's configuration included.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import yaml

from macros.editor.admin_page import bundle_files
from macros.model.site_address import describe, public_url
from tests.support.site import PUBLISHED_URL as PUBLISHED

DEVELOPMENT = re.compile(rb"127\.0\.0\.1|localhost")
# Third-party program code copied as it is published: Decap CMS tests
# `location.hostname === "localhost"` to offer its local mode, and Material's source maps
# quote its own comments on `mkdocs serve`. Neither is an address the site points to.
VENDORED = {f"admin/{p.name}" for p in bundle_files()}


CSP = re.compile(rb'<meta http-equiv="Content-Security-Policy" content="[^"]*">')


def _leaks(site: Path, development: bool = False) -> list[str]:
    """Files of *site* (and members of its ODT/DOCX) that hold a development address.

    In a *development* build, the editor's Content-Security-Policy may let the page talk to
    `make edit`'s local server on loopback: a permission of the page, not an address anyone
    is sent to or that a download carries."""
    found = []
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        name = path.relative_to(site).as_posix()
        if name in VENDORED or name.endswith(".map"):
            continue
        if development and name == "admin/index.html":
            page = path.read_bytes()
            assert DEVELOPMENT.search(CSP.search(page).group()), "make edit's local server must be allowed"
            if DEVELOPMENT.search(CSP.sub(b"", page)):
                found.append(name)
            continue
        if path.suffix in (".odt", ".docx"):
            with zipfile.ZipFile(path) as archive:
                found += [
                    f"{name}:{member}" for member in archive.namelist() if DEVELOPMENT.search(archive.read(member))
                ]
        elif DEVELOPMENT.search(path.read_bytes()):
            found.append(name)
    return found


def test_the_address_rule():
    assert public_url(None) == public_url("") == ""
    for development in ("http://127.0.0.1:8000/", "http://localhost:8000/alternance/", "http://[::1]:8000/"):
        assert public_url(development) == "", development
    assert public_url("https://exemple.fr/alternance") == PUBLISHED
    assert describe("https://exemple.fr/alternance") == (
        "Adresse du site : https://exemple.fr/alternance/ (SITE_URL) : documents, flux, liens canoniques "
        "et plan du site la portent."
    )
    assert describe("").startswith("Adresse du site : aucune, construction de développement")


def test_a_development_build_prints_no_development_address(site):
    assert VENDORED and (site / "admin" / "decap-cms.js").is_file()
    assert _leaks(site, development=True) == []
    pages = [p for p in site.rglob("index.html") if "admin" not in p.parts]
    assert pages and not [p for p in pages if 'rel="canonical"' in p.read_text(encoding="utf-8")]
    locs = re.findall(r"<loc>([^<]+)</loc>", (site / "sitemap.xml").read_text(encoding="utf-8"))
    assert locs and all(loc.startswith("/") for loc in locs), locs[:3]
    feed = (site / "feed.xml").read_text(encoding="utf-8")
    assert re.findall(r'href="([^"]+)"', feed) and all(h.startswith("/") for h in re.findall(r'href="([^"]+)"', feed))
    config = yaml.safe_load((site / "admin" / "config.yml").read_text(encoding="utf-8"))
    assert config["local_backend"] == {} and "site_url" not in config
    page = (site / "formats" / "projets-collectifs" / "index.html").read_text(encoding="utf-8")
    assert "data-adresse" not in page and "fiche-pied-adresse" not in page
    # Sharing and citing (hooks/reader.py): paths from the site's root.
    assert '<meta property="og:url" content="/formats/projets-collectifs/">' in page


def test_a_published_build_carries_its_address_and_no_other(published_site):
    dest = published_site
    log = (dest.parent / "build.log").read_text(encoding="utf-8")
    said = [line for line in log.splitlines() if "Adresse du site" in line]
    assert said == [f"INFO    -  {describe(PUBLISHED)}"], said
    assert _leaks(dest) == []
    page = (dest / "reforme" / "index.html").read_text(encoding="utf-8")
    assert f'<link rel="canonical" href="{PUBLISHED}reforme/">' in page
    locs = re.findall(r"<loc>([^<]+)</loc>", (dest / "sitemap.xml").read_text(encoding="utf-8"))
    assert locs and all(loc.startswith(PUBLISHED) for loc in locs)
    assert f'href="{PUBLISHED}nouveautes/"' in (dest / "feed.xml").read_text(encoding="utf-8")
    config = yaml.safe_load((dest / "admin" / "config.yml").read_text(encoding="utf-8"))
    assert config["site_url"] == config["display_url"] == PUBLISHED and "local_backend" not in config
    url = f"{PUBLISHED}formats/projets-collectifs/"
    for ext, part in (("odt", "styles.xml"), ("docx", "word/footer1.xml")):
        with zipfile.ZipFile(dest / "formats" / "projets-collectifs" / f"fiche-projets-collectifs.{ext}") as archive:
            assert url in archive.read(part).decode("utf-8"), ext
    page = (dest / "formats" / "projets-collectifs" / "index.html").read_text(encoding="utf-8")
    assert f'data-adresse="{url}"' in page and f'<span class="fiche-pied-adresse">{url}</span>' in page


def test_the_leak_finder_reads_inside_documents(tmp_path):
    (tmp_path / "a.html").write_text('<a href="http://localhost:8000/">x</a>', encoding="utf-8")
    with zipfile.ZipFile(tmp_path / "fiche.odt", "w") as archive:
        archive.writestr("styles.xml", "<p>Version du 1er janvier — http://127.0.0.1:8000/formats/x/</p>")
        archive.writestr("content.xml", "<p>rien</p>")
    (tmp_path / "b.js.map").write_text("localhost", encoding="utf-8")
    assert _leaks(tmp_path) == ["a.html", "fiche.odt:styles.xml"]
