"""Filling a model form online, in headless Chromium (docs/assets/fiche*.js).

One format page, filled as a user would (keyboard to start, labels to find the fields):
answers survive a reload, print, download as DOCX, ODT and JSON, are cleared after a
confirmation and come back from the JSON file; nothing is sent anywhere. Named answer
sets, the check of required fields and the buttons at both ends of the form:
tests/browser/test_forms_sets_browser.py.
"""

from __future__ import annotations

import json

from playwright.sync_api import expect

from macros.documents.site import form_version
from macros.french.dates import date_fr
from macros.model.catalog import load_catalog
from tests.support import ROOT
from tests.support.browser import enable_instant_navigation, print_to_pdf
from tests.support.documents import docx_text, odt_text

CATALOG = load_catalog(ROOT)
FORMAT = "projets-collectifs"
# The form's version date: the newest `updated` of the format and its shared blocks (as the site prints it)
VERSION = date_fr(form_version(load_catalog(ROOT), load_catalog(ROOT).get("formats", FORMAT)))
STORE_KEY = "fiche-modele:" + FORMAT
ANSWERS = {
    "etudiant-nom": "Camille Martin",
    "etudiant-formation": "Éducateur spécialisé (DEES)",
    "date-debut": "2027-01-04",
    "etudiant-projet": "Première ligne du projet\nDeuxième ligne",
    "pieces-jointes": ["Convention de stage tripartite signée", "Projet de stage de l'étudiant"],
    "signature-etudiant": {"nom": "Camille Martin, étudiante", "date": "2027-01-05"},
}
SHOWN = (
    "Camille Martin",
    "04/01/2027",
    "Première ligne du projet",
    "Deuxième ligne",
    "Camille Martin, étudiante",
    "05/01/2027",
)


def fill(page):
    page.get_by_label("Nom et prénom de l'étudiant").fill(ANSWERS["etudiant-nom"])
    page.get_by_role("radio", name=ANSWERS["etudiant-formation"]).check()
    page.get_by_label("Date de début").fill(ANSWERS["date-debut"])
    page.get_by_label("Projet de formation de l'étudiant").fill(ANSWERS["etudiant-projet"])
    for option in ANSWERS["pieces-jointes"]:
        page.get_by_role("checkbox", name=option).check()
    signature = page.get_by_role("group", name="L'étudiant (obligatoire)")
    signature.get_by_label("Nom, qualité").fill(ANSWERS["signature-etudiant"]["nom"])
    signature.get_by_label("Date").fill(ANSWERS["signature-etudiant"]["date"])


def values(page) -> dict:
    return {
        "etudiant-nom": page.get_by_label("Nom et prénom de l'étudiant").input_value(),
        "date-debut": page.get_by_label("Date de début").input_value(),
        "etudiant-projet": page.get_by_label("Projet de formation de l'étudiant").input_value(),
        "etudiant-formation": page.get_by_role("radio", name=ANSWERS["etudiant-formation"]).is_checked(),
        "pieces-jointes": [page.get_by_role("checkbox", name=o).is_checked() for o in ANSWERS["pieces-jointes"]],
    }


FILLED = {
    "etudiant-nom": ANSWERS["etudiant-nom"],
    "date-debut": ANSWERS["date-debut"],
    "etudiant-projet": ANSWERS["etudiant-projet"],
    "etudiant-formation": True,
    "pieces-jointes": [True, True],
}
EMPTY = {
    "etudiant-nom": "",
    "date-debut": "",
    "etudiant-projet": "",
    "etudiant-formation": False,
    "pieces-jointes": [False, False],
}


def download(page, name: str) -> tuple[str, bytes]:
    """Click the top button *name*; go on past the check of required fields if it stops."""
    with page.expect_download() as info:
        page.get_by_role("button", name=name).first.click()
        if page.locator(".fiche-manque").is_visible():
            page.get_by_role("button", name="Continuer quand même").click()
    data = info.value.path().read_bytes()
    return info.value.suggested_filename, data


def stored(page) -> dict | None:
    return json.loads(page.evaluate(f"localStorage.getItem('{STORE_KEY}')") or "null")


def current_answers(page) -> dict:
    data = stored(page)
    return next(j for j in data["jeux"] if j["id"] == data["courant"])["reponses"]


def said(page, message: str) -> None:
    """An aria-live status region (at the top or the bottom of the form, next to the button
    used) announces *message* (waits for it)."""
    expect(page.locator(".fiche-statut[role=status]", has_text=message)).to_have_count(1)


def test_inputs_are_labelled_and_described(page, site_url):
    page.goto(site_url + f"formats/{FORMAT}/")
    toggle = page.get_by_role("button", name="Remplir en ligne")
    toggle.focus()
    page.keyboard.press("Enter")  # keyboard-usable
    assert toggle.get_attribute("aria-pressed") == "true"
    said(page, "Mode saisie")
    assert page.locator(".fiche-statut").evaluate_all("s => s.map(n => n.getAttribute('aria-live'))") == ["polite"] * 2
    report = page.evaluate("""() => Array.from(document.querySelectorAll('.fiche-champ'), node => {
        const box = node.querySelector('.fiche-saisie');
        const controls = Array.from(box.querySelectorAll('input, textarea'));
        const described = (box.getAttribute('aria-describedby') || controls[0].getAttribute('aria-describedby') || '');
        return {
          id: node.dataset.field, kind: node.dataset.kind, required: node.dataset.required === 'true',
          tag: box.tagName, legend: box.querySelector(':scope > legend')?.textContent || null,
          role: box.getAttribute('role'), ariaRequired: box.getAttribute('aria-required'),
          types: controls.map(c => c.tagName === 'TEXTAREA' ? 'textarea' : c.type),
          labelled: controls.every(c => c.labels.length === 1 && c.labels[0].textContent.trim() !== ''),
          requiredControls: controls.filter(c => c.required).length,
          ariaRequiredSomewhere: [box, ...controls].some(c => c.getAttribute('aria-required') === 'true'),
          help: described ? described.split(' ').every(id => document.getElementById(id)) : null,
          visible: box.getBoundingClientRect().height > 0,
        };
    })""")
    fields = {f["id"]: f for s in CATALOG.form_sections(CATALOG.get("formats", FORMAT)) for f in s["fields"]}
    assert [r["id"] for r in report] == list(fields)
    for r in report:
        field = fields[r["id"]]
        assert r["visible"] and r["labelled"], r
        if field.get("help"):
            assert r["help"] is True, r  # aria-describedby names the help text
        kind = r["kind"]
        if kind in ("choice", "checklist"):
            assert r["tag"] == "FIELDSET" and field["label"] in r["legend"], r
            assert r["types"] == ["radio" if kind == "choice" else "checkbox"] * len(field["options"]), r
            if kind == "choice":
                assert r["role"] == "radiogroup" and r["ariaRequired"] == ("true" if r["required"] else None), r
        elif kind == "signature":
            assert r["tag"] == "FIELDSET" and field["label"] in r["legend"] and r["types"] == ["text", "date"], r
        else:
            assert r["types"] == [{"paragraph": "textarea", "date": "date"}.get(kind, "text")], r
        if r["required"]:
            assert r["requiredControls"] >= 1 and r["ariaRequiredSomewhere"], r
        else:
            assert r["requiredControls"] == 0 and not r["ariaRequiredSomewhere"], r
    assert page.errors == [] and page.offsite == []


def test_answers_stay_print_download_clear_and_load_back(page, site_url, tmp_path):
    sent = []
    page.on("request", lambda r: sent.append(r.url) if r.method != "GET" else None)
    page.goto(site_url + f"formats/{FORMAT}/")
    page.get_by_role("button", name="Remplir en ligne").click()
    fill(page)

    # Reload: the answers are still there, and the fill-in mode reopens by itself.
    page.reload()
    said(page, "rétablies")
    assert values(page) == FILLED
    assert [j["nom"] for j in stored(page)["jeux"]] == ["Mes réponses"]
    assert current_answers(page) == ANSWERS

    # Print: the answers, not the inputs.
    text = " ".join(print_to_pdf(page, tmp_path / "remplie.pdf"))
    for shown in SHOWN:
        assert shown in text, shown
    assert "\u2612 " + ANSWERS["etudiant-formation"] in text
    assert "Télécharger mes réponses" not in text and "Jeux de réponses" not in text

    # Downloads: DOCX and ODT filled in the browser, JSON that loads back.
    for kind, reader in (("DOCX", docx_text), ("ODT", odt_text)):
        name, data = download(page, f"Télécharger mes réponses ({kind})")
        assert name == f"fiche-{FORMAT}-remplie.{kind.lower()}"
        content = reader(data)
        for shown in SHOWN:
            assert shown in content, (kind, shown)
        for option in [ANSWERS["etudiant-formation"]] + ANSWERS["pieces-jointes"]:
            assert "\u2612\u00a0 " + option in content or "\u2612  " + option in content, (kind, option)
        assert content.count("\u2612") == 3, kind
        assert f"Version du {VERSION}" in content, kind
    name, data = download(page, "Télécharger mes réponses (JSON)")
    saved = json.loads(data)
    assert name == f"fiche-{FORMAT}-reponses.json"
    assert saved["fiche"] == FORMAT and saved["reponses"] == ANSWERS
    (tmp_path / name).write_bytes(data)

    # « Effacer mes réponses » asks first: cancelled, nothing changes; confirmed, all goes.
    page.once("dialog", lambda dialog: dialog.dismiss())
    page.get_by_role("button", name="Effacer mes réponses").click()
    said(page, "Rien n'a été effacé")
    assert values(page) == FILLED
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Effacer mes réponses").click()
    said(page, "effacées")
    assert values(page) == EMPTY
    assert page.evaluate(f"localStorage.getItem('{STORE_KEY}')") is None
    assert page.locator("#champ-etudiant-nom .fiche-zone").inner_text() == ""

    # A file of another form is refused; the saved JSON brings everything back.
    other = tmp_path / "autre.json"
    other.write_text(
        json.dumps({"fiche": "stages-pluri-institutionnels", "titre": "Stages", "reponses": {"etudiant-nom": "X"}}),
        encoding="utf-8",
    )
    page.locator(".fiche-fichier").set_input_files(str(other))
    said(page, "autre fiche")
    assert values(page) == EMPTY
    page.locator(".fiche-fichier").set_input_files(str(tmp_path / name))
    said(page, "chargées")
    assert values(page) == FILLED
    assert current_answers(page) == ANSWERS

    assert sent == []  # nothing posted anywhere
    assert page.errors == [] and page.offsite == []


def test_fill_online_after_instant_navigation(page, site_url):
    enable_instant_navigation(page, site_url)
    page.goto(site_url + "formats/")
    page.wait_for_load_state("networkidle")
    page.evaluate("window.__samePage = true")
    title = CATALOG.get("formats", FORMAT)["title"]
    page.locator("article").get_by_role("link", name=title, exact=True).first.click()
    page.wait_for_url(f"**/formats/{FORMAT}/")
    assert page.evaluate("window.__samePage === true")  # Material swapped the page, no reload
    page.get_by_role("button", name="Remplir en ligne").click()
    page.get_by_label("Nom et prénom de l'étudiant").fill("Dominique")
    assert current_answers(page) == {"etudiant-nom": "Dominique"}
    assert page.evaluate("!!document.getElementById('fiche-impression')")  # printed page footer
    page.locator(".md-sidebar--primary").get_by_role("link", name="Témoignages").first.click()
    page.wait_for_url("**/temoignages/")
    page.wait_for_function("!document.querySelector('.fiche')")  # the new page is in place
    assert page.evaluate("window.__samePage === true")
    page.wait_for_function("!document.getElementById('fiche-impression')")  # its print has no form footer
    assert page.errors == [] and page.offsite == []


def test_fill_in_mode_has_no_wcag_violation(page, site_url):
    """axe-core (tests/support/tools.py) on the page in fill-in mode, with answers and a status message."""
    from tests.support.tools import AXE, require

    require(AXE)
    page.goto(site_url + f"formats/{FORMAT}/")
    page.get_by_role("button", name="Remplir en ligne").click()
    fill(page)
    said(page, "Mode saisie")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "() => axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
    )
    violations = [(v["id"], [n["target"] for n in v["nodes"][:3]]) for v in result["violations"]]
    assert violations == []
    assert page.errors == [] and page.offsite == []
