"""The fiche modèle documents of the built site: every section and field of each format,
their real sizes on the format page, and LibreOffice opens them all (PDF conversion)."""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from macros.documents.fiche import plain
from macros.documents.site import form_version, size_fr
from macros.french.dates import date_fr
from macros.model.catalog import load_catalog
from tests.support import ROOT
from tests.support.documents import BUILDERS, READERS, bookmarks, expected_anchors

CATALOG = load_catalog(ROOT)


def site_document(site: Path, format_id: str, ext: str) -> Path:
    path = site / "formats" / format_id / f"fiche-{format_id}.{ext}"
    assert path.is_file(), f"{path} missing from the built site"
    return path


@pytest.mark.parametrize("fmt", CATALOG.formats, ids=lambda f: f["id"])
def test_site_documents_hold_every_section_and_field(site, fmt):
    form = {"sections": CATALOG.form_sections(fmt)}
    version = date_fr(form_version(CATALOG, fmt))
    for ext in sorted(BUILDERS):
        data = site_document(site, fmt["id"], ext).read_bytes()
        text = READERS[ext](data)
        for expected in ("Alternance en travail social", fmt["title"], f"Version du {version}"):
            assert expected in text, (ext, expected)
        # The tests' site is a development build (no SITE_URL): the footer names no address.
        assert f"formats/{fmt['id']}/" not in text and "127.0.0.1" not in text, ext
        for section in form["sections"]:
            assert section["title"] in text, (ext, section["title"])
            for field in section["fields"]:
                assert field["label"] in text, (ext, field["label"])
                assert plain(field.get("help")) in text, (ext, field["id"])
                for option in field.get("options") or []:
                    assert option in text, (ext, option)
        assert bookmarks(ext, data) == expected_anchors(form)


@pytest.mark.parametrize("fmt", CATALOG.formats, ids=lambda f: f["id"])
def test_format_page_links_both_documents_with_their_real_size(site, fmt):
    page = (site / "formats" / fmt["id"] / "index.html").read_text("utf-8")
    links = re.findall(r'<a class="md-button fiche-telechargement"[^>]*href="([^"]+)"[^>]*>([^<]+)</a>', page)
    assert [href for href, _ in links] == [f"fiche-{fmt['id']}.odt", f"fiche-{fmt['id']}.docx"]
    for (href, label), kind in zip(links, ("ODT", "DOCX")):
        size = (site / "formats" / fmt["id"] / href).stat().st_size
        assert html.unescape(label) == f"Télécharger la fiche ({kind}, {size_fr(size)})"


def soffice() -> str | None:
    for name in ("libreoffice", "soffice"):
        found = shutil.which(name)
        if found:
            return found
    return None


def test_site_documents_convert_to_pdf(site, tmp_path):
    """Every built ODT and DOCX opens in LibreOffice (one run converts them all)."""
    binary = soffice()
    if binary is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice is required in CI (libreoffice-writer-nogui)")
        pytest.skip("LibreOffice is not installed")
    sources = []
    for fmt in CATALOG.formats:
        for ext in sorted(BUILDERS):
            source = tmp_path / f"{fmt['id']}-{ext}.{ext}"  # distinct names: one PDF each
            shutil.copyfile(site_document(site, fmt["id"], ext), source)
            sources.append((fmt, source))
    outdir = tmp_path / "pdf"
    profile = (tmp_path / "lo-profile").as_uri()
    result = subprocess.run(
        [binary, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf", "--outdir", str(outdir)]
        + [str(source) for _, source in sources],
        capture_output=True,
        text=True,
        timeout=480,
    )
    for fmt, source in sources:
        pdf = outdir / (source.stem + ".pdf")
        assert pdf.is_file(), f"{source.name} did not convert\n{result.stdout}{result.stderr}"
        text = subprocess.run(
            ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
        text = " ".join(text.split())
        assert fmt["title"] in text, source.name
        last = CATALOG.form_sections(fmt)[-1]["fields"][-1]["label"]
        assert last in text, (source.name, last)
