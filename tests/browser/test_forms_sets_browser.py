"""Fill online for real use, at a phone's and a desk's width (docs/assets/fiche*.js):
named answer sets (one per student or site), the check of required fields before a print
or a document, the buttons at both ends of the form, and the two prints (form alone,
whole page)."""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import expect

from macros.model.catalog import load_catalog
from tests.support import ROOT
from tests.support.browser import print_to_pdf, recorded_page

CATALOG = load_catalog(ROOT)
FORMAT = "projets-collectifs"
STORE_KEY = "fiche-modele:" + FORMAT
NAME = "Nom et prénom de l'étudiant"
WIDTHS = (390, 1280)
REQUIRED = [f for s in CATALOG.form_sections(CATALOG.get("formats", FORMAT)) for f in s["fields"] if f.get("required")]


@pytest.fixture(params=WIDTHS, ids=lambda w: f"{w}px")
def form(request, browser, site_url):
    """The format page at a given width, in fill-in mode, window.print() recorded."""
    page = recorded_page(browser, request.param, 844)
    page.add_init_script(
        "window.print = () => { (window.__prints = window.__prints || []).push("
        "document.documentElement.classList.contains('impression-page-entiere') ? 'page' : 'fiche'); };"
    )
    page.goto(site_url + f"formats/{FORMAT}/")
    page.get_by_role("button", name="Remplir en ligne").click()
    yield page
    assert page.errors == [] and page.offsite == []
    page.context.close()


def said(page, message: str) -> None:
    expect(page.locator(".fiche-statut[role=status]", has_text=message)).to_have_count(1)


def stored(page) -> dict:
    return json.loads(page.evaluate(f"localStorage.getItem('{STORE_KEY}')") or "null")


def prints(page) -> list[str]:
    return page.evaluate("window.__prints || []")


def on_screen(page, locator) -> bool:
    box = locator.bounding_box()
    return box is not None and box["x"] >= 0 and box["x"] + box["width"] <= page.width + 0.5


def test_named_answer_sets_are_kept_apart(form):
    page = form
    picker = page.get_by_label("Jeu affiché")
    expect(picker).to_have_value("j1")
    assert on_screen(page, picker)
    page.get_by_label(NAME).fill("Camille Martin")
    page.once("dialog", lambda d: d.accept("Camille"))
    page.get_by_role("button", name="Renommer ce jeu…").click()
    said(page, "s'appelle maintenant «\u00a0Camille\u00a0»")
    asked = []
    page.once("dialog", lambda d: (asked.append((d.type, d.default_value)), d.accept("Dominique")))
    page.get_by_role("button", name="Nouveau jeu…").click()
    said(page, "Nouveau jeu «\u00a0Dominique\u00a0»")
    assert asked == [("prompt", "Réponses 2")]
    expect(page.get_by_label(NAME)).to_have_value("")  # a new set starts empty
    page.get_by_label(NAME).fill("Dominique Leroy")
    expect(page.locator("#champ-etudiant-nom .fiche-zone")).to_have_text("Dominique Leroy")  # what prints

    picker.select_option(label="Camille")
    said(page, "Jeu «\u00a0Camille\u00a0» affiché\u00a0: 1 réponse.")
    expect(page.get_by_label(NAME)).to_have_value("Camille Martin")
    expect(page.locator("#champ-etudiant-nom .fiche-zone")).to_have_text("Camille Martin")
    data = stored(page)
    assert [(j["nom"], j["reponses"]) for j in data["jeux"]] == [
        ("Camille", {"etudiant-nom": "Camille Martin"}),
        ("Dominique", {"etudiant-nom": "Dominique Leroy"}),
    ]

    page.reload()  # the set shown last comes back, in fill-in mode
    said(page, "jeu «\u00a0Camille\u00a0»")
    expect(page.get_by_label("Jeu affiché")).to_have_value(data["courant"])
    expect(page.get_by_label(NAME)).to_have_value("Camille Martin")
    with page.expect_download() as info:
        page.get_by_role("button", name="Télécharger mes réponses (JSON)").first.click()
    assert info.value.suggested_filename == f"fiche-{FORMAT}-camille-reponses.json"
    assert json.loads(info.value.path().read_bytes())["jeu"] == "Camille"

    page.once("dialog", lambda d: d.dismiss())
    page.get_by_role("button", name="Supprimer ce jeu").click()
    said(page, "Rien n'a été supprimé")
    page.once("dialog", lambda d: d.accept())
    page.get_by_role("button", name="Supprimer ce jeu").click()
    said(page, "Jeu «\u00a0Camille\u00a0» supprimé")
    expect(page.get_by_label(NAME)).to_have_value("Dominique Leroy")
    assert [j["nom"] for j in stored(page)["jeux"]] == ["Dominique"]


def test_required_fields_are_checked_before_a_print_or_a_document(form):
    page = form
    page.get_by_label(NAME).fill("Camille Martin")
    bottom = page.locator(".fiche-outils--bas")
    bottom.get_by_role("button", name="Imprimer la fiche").click()
    check = page.locator(".fiche-manque")
    expect(check).to_be_visible()
    assert prints(page) == [], "nothing printed while required fields are empty"
    assert check.get_attribute("role") == "alert"
    assert page.evaluate("document.activeElement.classList.contains('fiche-manque')"), "the message takes the focus"
    assert on_screen(page, check)
    empty = [f for f in REQUIRED if f["id"] != "etudiant-nom"]
    expect(check.locator("li")).to_have_text([f["label"] for f in empty])
    expect(check.locator(".fiche-manque__titre")).to_have_text(
        f"{len(empty)} champs obligatoires ne sont pas remplis\u00a0:"
    )
    invalid = page.locator(".fiche-champ [aria-invalid='true']")
    expect(invalid).to_have_count(len(empty))
    first = empty[0]
    described = page.evaluate(
        """(id) => { const n = document.querySelector(`#champ-${id} [aria-invalid=true]`);
        return n.getAttribute('aria-describedby').split(' ').map(d => document.getElementById(d)?.textContent); }""",
        first["id"],
    )
    assert "Champ obligatoire à remplir." in described
    check.get_by_role("link", name=first["label"]).click()
    assert page.evaluate("(id) => document.querySelector(`#champ-${id}`).contains(document.activeElement)", first["id"])

    # The documents are checked the same way; « Continuer quand même » goes on.
    with page.expect_download() as info:
        page.get_by_role("button", name="Télécharger mes réponses (DOCX)").first.click()
        expect(check).to_be_visible()
        check.get_by_role("button", name="Continuer quand même").click()
    assert info.value.suggested_filename == f"fiche-{FORMAT}-remplie.docx"
    expect(check).to_be_hidden()

    # Filling a field clears its mark; once all are filled, printing goes straight on.
    page.evaluate(
        """(ids) => { for (const id of ids) {
        const box = document.querySelector(`#champ-${id} .fiche-saisie`);
        const input = box.querySelector('input[type=radio], input[type=checkbox]');
        if (input) { input.checked = true; input.dispatchEvent(new Event('change', {bubbles: true})); continue; }
        const text = box.querySelector('textarea, input');
        text.value = text.type === 'date' ? '2027-01-04' : 'Réponse';
        text.dispatchEvent(new Event('input', {bubbles: true})); } }""",
        [f["id"] for f in empty],
    )
    expect(invalid).to_have_count(0)
    page.locator(".fiche-outils").first.get_by_role("button", name="Imprimer la page entière").click()
    expect(check).to_be_hidden()
    assert prints(page) == ["page"]
    bottom.get_by_role("button", name="Imprimer la fiche").click()
    assert prints(page) == ["page", "fiche"]
    assert page.evaluate("document.documentElement.className").find("impression-page-entiere") == -1


def test_the_buttons_are_at_the_top_and_at_the_bottom_of_the_form(form):
    page = form
    order = page.evaluate("""() => {
        const fiche = document.querySelector('.fiche');
        const nodes = [...fiche.querySelectorAll('.fiche-outils, .fiche-section')];
        return nodes.map(n => n.classList.contains('fiche-section') ? 'rubrique'
            : n.classList.contains('fiche-outils--bas') ? 'bas' : 'haut');
    }""")
    assert order[:2] == ["haut", "haut"] and order[-1] == "bas" and "rubrique" in order
    for where, bar in (("haut", page.locator(".fiche-outils").first), ("bas", page.locator(".fiche-outils--bas"))):
        for name in ("Imprimer la fiche", "Imprimer la page entière"):
            assert on_screen(page, bar.get_by_role("button", name=name)), (where, name)
    for name in ("DOCX", "ODT", "JSON"):
        button = page.locator(".fiche-outils--bas").get_by_role("button", name=f"Télécharger mes réponses ({name})")
        expect(button).to_be_visible()
        assert on_screen(page, button)
    assert page.evaluate("document.documentElement.scrollWidth") <= page.width
    page.get_by_role("button", name="Remplir en ligne").click()  # leaving fill-in mode hides the answers' buttons
    expect(page.locator(".fiche-outils--bas").get_by_role("button", name=re.compile("Télécharger"))).to_have_count(0)
    expect(page.locator(".fiche-outils--bas").get_by_role("button", name="Imprimer la fiche")).to_be_visible()


def test_the_whole_page_prints_with_the_method(form, tmp_path):
    page = form
    page.evaluate("document.documentElement.classList.add('impression-page-entiere')")  # as the button does
    whole = print_to_pdf(page, tmp_path / "page.pdf")
    page.evaluate("document.documentElement.classList.remove('impression-page-entiere')")
    alone = print_to_pdf(page, tmp_path / "fiche.pdf")
    whole_text, alone_text = " ".join(whole), " ".join(alone)
    for method in ("Qui est impliqué", "Points d'attention", "Conditions de mise en œuvre", "Description"):
        assert method in whole_text and method not in alone_text, method
    for section in CATALOG.form_sections(CATALOG.get("formats", FORMAT)):
        assert section["title"] in whole_text and section["title"] in alone_text
    assert len(whole) > len(alone)
    first_form_page = next(
        i for i, text in enumerate(whole) if "FICHE MODÈLE" in text.upper() and "Nom et prénom" in text
    )
    assert "Points d'attention" not in whole[first_form_page], "the form starts on a page of its own"
    for absent in ("Imprimer la fiche", "Imprimer la page entière", "Jeux de réponses", "Remplir en ligne"):
        assert absent not in whole_text, absent
