"""Fiche modèle documents: ODT and DOCX content, bookmarks and determinism
(the documents of the built site: tests/acceptance/test_documents_site.py)."""

from __future__ import annotations

import copy
import io
import json
import re
import zipfile

import pytest

from macros.documents.fiche import (
    BOX,
    BOX_CHECKED,
    build_docx,
    field_view,
    plain,
    plain_paragraphs,
)
from macros.documents.site import size_fr
from tests.support import ROOT
from tests.support.documents import (
    BUILDERS,
    READERS,
    all_fields,
    bookmarks,
    expected_anchors,
)

FORM = json.loads((ROOT / "tests" / "fixtures" / "sample_form.json").read_text("utf-8"))
ANSWERS = {
    "nom": "Camille Martin",
    "date-naissance": "14/02/2004",
    "diplome": "DEES",
    "duree": "12 semaines",
    "sites": "Foyer de l'enfance (6 semaines)\nService PMI (6 semaines)",
    "documents": ["Convention de stage", "Grille d'évaluation"],
    "signature-etudiant": "Camille Martin, étudiante",
}
KINDS = {"text", "paragraph", "date", "duration", "choice", "checklist", "signature"}


def build_text(fmt: str, form: dict) -> str:
    return READERS[fmt](BUILDERS[fmt](form))


def test_fixture_covers_every_kind():
    assert {field["kind"] for field in all_fields(FORM)} == KINDS


@pytest.mark.parametrize("fmt", sorted(BUILDERS))
def test_content(fmt):
    text = build_text(fmt, FORM)
    for expected in (
        FORM["site_name"],
        FORM["format_title"],
        "Fiche modèle",
        FORM["url"],
        "Version du 23 novembre 2026 — " + FORM["url"],
    ):
        assert expected in text
    for section in FORM["sections"]:
        assert section["title"] in text
        for help_text in plain_paragraphs(section["help"]):
            assert help_text in text
    for field in all_fields(FORM):
        assert field["label"] in text
        assert plain(field["help"]) in text
        for option in field["options"]:
            assert BOX + "\u00a0 " + option in text or BOX + "  " + option in text
    assert text.count("(obligatoire)") == sum(f["required"] for f in all_fields(FORM))
    assert text.count("Nom, qualité") == text.count("Date et signature") == 2
    assert BOX_CHECKED not in text
    assert FORM["updated"] not in text  # the date is written in French


@pytest.mark.parametrize("fmt", sorted(BUILDERS))
def test_markdown_is_flattened(fmt):
    text = build_text(fmt, FORM)
    assert "Cette fiche aide à préparer un stage réparti entre plusieurs sites qualifiants." in text
    assert "avec le référent de site." in text
    assert "• à compléter avant le début du stage\u00a0;" in text  # French typography (macros/french/typography.py)
    assert "(voir le référentiel)" in text
    for markup in ("**", "](", "glossaire/#referent", "*préparé*"):
        assert markup not in text


@pytest.mark.parametrize("fmt", sorted(BUILDERS))
def test_answers_are_written(fmt):
    form = dict(copy.deepcopy(FORM), answers=ANSWERS)
    text = build_text(fmt, form)
    for value in (
        "Camille Martin",
        "14/02/2004",
        "12 semaines",
        "Foyer de l'enfance (6 semaines)",
        "Service PMI (6 semaines)",
        "Camille Martin, étudiante",
    ):
        assert value in text
    assert text.count(BOX_CHECKED) == 3
    for checked in ("DEES", "Convention de stage", "Grille d'évaluation"):
        assert (BOX_CHECKED + "\u00a0 " + checked in text) or (BOX_CHECKED + "  " + checked in text)


@pytest.mark.parametrize("fmt", sorted(BUILDERS))
def test_deterministic(fmt):
    form = dict(copy.deepcopy(FORM), answers=ANSWERS)
    first, second = BUILDERS[fmt](form), BUILDERS[fmt](copy.deepcopy(form))
    assert first == second
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        assert {info.date_time for info in archive.infolist()} == {(2026, 11, 23, 0, 0, 0)}
        names = archive.namelist()
        if fmt == "odt":
            assert names[0] == "mimetype"
            assert archive.getinfo("mimetype").compress_type == zipfile.ZIP_STORED
            assert archive.read("mimetype") == b"application/vnd.oasis.opendocument.text"
            assert b"2026-11-23T00:00:00" in archive.read("meta.xml")
        else:
            assert b"2026-11-23T00:00:00Z" in archive.read("docProps/core.xml")
            assert not any("thumbnail" in name for name in names)


def test_docx_metadata_and_page():
    from docx import Document
    from docx.shared import Cm

    doc = Document(io.BytesIO(build_docx(FORM)))
    assert doc.core_properties.title == "Fiche modèle — " + FORM["format_title"]
    assert doc.core_properties.language == "fr-FR"
    section = doc.sections[0]
    assert abs(section.page_width - Cm(21)) < Cm(0.01)
    assert abs(section.page_height - Cm(29.7)) < Cm(0.01)


def test_field_view_layouts():
    by_id = {field["id"]: field for field in all_fields(FORM)}
    assert field_view(by_id["objectifs"], {})["height"] == pytest.approx(5 * 0.75)
    assert field_view(by_id["sites"], {})["height"] == pytest.approx(4 * 0.75)
    view = field_view(by_id["documents"], {"documents": ["Projet de stage", "Autre pièce"]})
    assert view["options"][-2:] == [
        (BOX, "Grille d'évaluation", "champ_documents_o3"),
        (BOX_CHECKED, "Autre pièce", None),
    ]
    assert field_view(by_id["diplome"], {"diplome": ""})["options"][0] == (BOX, "DEASS", "champ_diplome_o1")
    assert field_view(by_id["nom"], {})["anchor"] == "champ_nom"
    assert field_view(by_id["signature-etudiant"], {})["anchors"] == [
        "champ_signature_etudiant_nom",
        "champ_signature_etudiant_date",
    ]


@pytest.mark.parametrize("fmt", sorted(BUILDERS))
def test_every_answer_place_has_its_bookmark(fmt):
    """The contract with docs/assets/fiche-documents.js: one bookmark per answer place."""
    assert bookmarks(fmt, BUILDERS[fmt](FORM)) == expected_anchors(FORM)
    filled = bookmarks(fmt, BUILDERS[fmt](dict(copy.deepcopy(FORM), answers=ANSWERS)))
    assert filled == expected_anchors(FORM)


def test_docx_bookmark_ids_are_unique():
    with zipfile.ZipFile(io.BytesIO(build_docx(FORM))) as archive:
        xml = archive.read("word/document.xml").decode()
    starts = re.findall(r'<w:bookmarkStart w:id="(\d+)"', xml)
    assert len(starts) == len(set(starts)) == len(re.findall(r"<w:bookmarkEnd w:id=", xml))


def test_plain_markdown():
    md = "Voir **le [guide](https://x.org/a_b)** et *ceci* — `code`, \\*pas gras\\*.\n\n1. un\n2. deux"
    assert plain_paragraphs(md) == ["Voir le guide et ceci — code, *pas gras*.", "1. un", "2. deux"]
    assert plain("<b>brut</b> snake_case_name") == "<b>brut</b> snake_case_name"
    assert plain(None) == "" and plain("\x07bip") == "bip"


@pytest.mark.parametrize("fmt", sorted(BUILDERS))
def test_odd_input_is_safe(fmt):
    form = {
        "site_name": "Site <b>&</b>",
        "format_id": "x",
        "format_title": "Titre \x0b & <i>",
        "url": "https://example.org/?a=1&b=2",
        "updated": "2026-01-05",
        "intro": None,
        "sections": [
            {"id": "vide", "title": "Section vide", "help": None, "fields": []},
            {
                "id": "s",
                "title": "S",
                "fields": [
                    {"id": "n", "label": "Nombre", "help": None, "kind": "duration"},
                    {"id": "c", "label": "Choix", "kind": "choice", "options": []},
                ],
            },
        ],
        "answers": {"n": 12, "c": "Hors liste"},
    }
    text = build_text(fmt, form)
    for expected in ("Site <b>&</b>", "Titre  & <i>", "Section vide", "12", "https://example.org/?a=1&b=2"):
        assert expected in text
    assert BOX_CHECKED in text and "Hors liste" in text


def test_size_in_french():
    assert size_fr(100) == "1\u00a0Ko" and size_fr(7081) == "7\u00a0Ko" and size_fr(38 * 1024) == "38\u00a0Ko"
    assert size_fr(int(1.25 * 1024 * 1024)) == "1,2\u00a0Mo"


def test_the_documents_worker_is_kept_off_the_core_mkdocs_uses(monkeypatch):
    # Documents missing from the caches are made in one spawned worker, placed beside MkDocs
    # (macros/core/placement.py) by its initializer.
    from macros.core.placement import place_helper
    from macros.documents import site
    from macros.model.catalog import load_catalog

    pools = []

    class Pool:
        def __init__(self, **kwargs):
            pools.append(kwargs)

        def submit(self, fn, *args):
            return None

    monkeypatch.setattr(site, "ProcessPoolExecutor", Pool)
    monkeypatch.setattr(site, "_cached", lambda key, ext: None)
    site.PendingFiches(load_catalog(ROOT), "Site", None)
    assert len(pools) == 1 and pools[0]["max_workers"] == 1
    assert pools[0]["initializer"] is place_helper
