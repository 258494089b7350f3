"""Other packages' internals this site still leans on, each pinned (docs-dev/private-apis.md).

What could be replaced was (watchdog's `_timeout`, `File.is_modified`, a filter on MkDocs' log
text, `page.present_anchor_ids`, python-docx's `_p`/`_tbl`/`_tr`/`_r`, Material's `__md_scope`,
two of the copied partials); what is left is checked here, so that an upgrade that breaks it
fails a test instead of the site."""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
from pathlib import Path

import material
import pytest
from docx import Document
from docx.oxml.ns import qn

from macros.documents.fiche import build_docx
from macros.glue import theme
from tests.support import ROOT

MATERIAL_PARTIALS = Path(material.__file__).parent / "templates" / "partials"
# Partials copied from Material 9.8.1 and changed (their header comment says where): the
# original each was copied from. A Material upgrade that changes one fails here: compare the
# new original with the copy, carry the changes over, then record the new digest.
COPIED = {
    "header.html": "8cf3fb15bcf969ff596649616fd99366b3c31c08d57a86d05308efc16d8fa75f",
    "nav.html": "af33f6e032f632eb055c365eb5f1a975bf8456152fa768e69a1aad6d470b843f",
    "path.html": "cbde0642861fe91597825d03c1c8cf6876f1fd079045579edea5bf578075d2ca",
    "tabs.html": "d2c82916569e645a6b6dc5a36a2beddfaca5a66c8738c5b3e13b7d100ac2e8b7",
    "toc.html": "fde48f583563364b0e0e6865a5ab1e7060ec1826161f69f5cbee653e621b0f84",
}
# Partials replaced by the site's own (nothing copied): Material must still include them by name.
REPLACED = ("copyright.html", "search.html", "source.html")


@pytest.mark.parametrize("name", sorted(COPIED))
def test_each_copied_partial_was_copied_from_the_installed_materials(name):
    original = hashlib.sha256((MATERIAL_PARTIALS / name).read_bytes()).hexdigest()
    assert original == COPIED[name], (
        f"Material's partials/{name} changed: compare it with overrides/partials/{name}, carry the "
        "site's changes over, then record its new digest here"
    )
    assert "Material 9.8" in (ROOT / "overrides" / "partials" / name).read_text(encoding="utf-8")


def test_the_replaced_partials_are_still_materials_to_replace():
    templates = "\n".join(p.read_text(encoding="utf-8") for p in MATERIAL_PARTIALS.parent.rglob("*.html"))
    for name in REPLACED:
        assert (MATERIAL_PARTIALS / name).is_file() and f'"partials/{name}"' in templates, name
    assert not [n for n in ("nav-item.html", "footer.html") if (ROOT / "overrides" / "partials" / n).exists()]


def test_material_markup_fixes_still_find_what_they_fix(site):
    """Each fix of macros/glue/theme.py applies to the built pages, and what it removes is gone."""
    pages = [site / "reforme" / "index.html", site / "index.html", site / "glossaire" / "index.html"]
    raw = "\n".join(p.read_text(encoding="utf-8") for p in pages)
    assert 'tabindex=""' not in raw and not theme.TOGGLE_AUTOCOMPLETE.search(raw)
    assert re.search(r'md-footer__link--next" aria-label="Suivant&nbsp;: ', raw)
    assert re.search(
        r'<label class="md-nav__link[^"]*" for="[^"]*" id="[^"]*_label">', raw
    )  # the tabindex fix's target
    # What Material writes, before the fixes: the three patterns still match its markup.
    assert theme.EMPTY_TABINDEX.search('<label class="md-nav__link" for="__nav_2" id="__nav_2_label" tabindex="">')
    assert theme.FOOTER_LABEL.search(
        '<a href="x/" class="md-footer__link md-footer__link--prev" aria-label="Précédent: Accueil">'
    )


def test_docx_xml_is_reached_through_public_proxies_only():
    """python-docx has no API for borders, rows kept whole, bookmarks and page fields: the XML is
    written into the elements its public proxies give (a paragraph's format and a run's font proxy
    the w:p and w:r themselves), never through its private attributes."""
    doc = Document()
    para = doc.add_paragraph("x")
    assert para.paragraph_format.element.tag == qn("w:p")
    assert para.add_run("y").font.element.tag == qn("w:r")
    source = (ROOT / "macros" / "documents" / "docx.py").read_text(encoding="utf-8")
    assert not re.search(r"\.(_p|_r|_tr|_tbl|_element|_tc)\b", source)
    form = {
        "site_name": "Site",
        "format_id": "f",
        "format_title": "Format",
        "url": "",
        "updated": "2026-01-01",
        "intro": None,
        "sections": [
            {
                "id": "s",
                "title": "Section",
                "help": None,
                "fields": [
                    {"id": "a", "label": "Question", "type": "text"},
                    {"id": "b", "label": "Signature", "type": "signature"},
                ],
            }
        ],
    }
    with zipfile.ZipFile(io.BytesIO(build_docx(form))) as archive:
        body = archive.read("word/document.xml").decode()
        footer = "".join(archive.read(n).decode() for n in archive.namelist() if n.startswith("word/footer"))
    assert body.count("<w:tr>") == body.count("<w:tr><w:trPr><w:cantSplit/>") > 0
    assert "<w:tblBorders>" in body and "<w:tblCellMar>" in body
    assert re.search(
        r'<w:p>(<w:pPr>.*?</w:pPr>)?<w:bookmarkStart w:id="1" w:name="[^"]+"/><w:bookmarkEnd w:id="1"/>', body
    )
    assert 'w:instr=" PAGE "' in footer and 'w:instr=" NUMPAGES "' in footer


ALLOWED_PRIVATE_IMPORTS: set[str] = set()  # none left (jsonschema._utils went with the jsonschema-rs pass)


def test_no_private_import_of_another_package():
    found = set()
    for path in [*ROOT.glob("macros/**/*.py"), *ROOT.glob("hooks/*.py"), *ROOT.glob("scripts/*.py")]:
        for m in re.finditer(r"^\s*(?:from|import)\s+([\w.]+)", path.read_text(encoding="utf-8"), re.M):
            module = m.group(1)
            if any(
                part.startswith("_") and not part.startswith("__") for part in module.split(".")
            ) and not module.startswith(("macros", "scripts", "hooks")):
                found.add(module)
    assert found <= ALLOWED_PRIVATE_IMPORTS, found - ALLOWED_PRIVATE_IMPORTS


def test_the_site_scripts_use_no_material_internals():
    """Material's documented `document$` (instant navigation) is used; its internal globals
    (`__md_scope`, `__md_get`…) and its configuration block (#__config) are not."""
    scripts = {p.name: p.read_text(encoding="utf-8") for p in (ROOT / "docs" / "assets").glob("*.js")}
    assert not [name for name, text in scripts.items() if re.search(r"__md_|__config", text)]
