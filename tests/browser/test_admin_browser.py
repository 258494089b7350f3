"""The web editor in Chromium against decap-server behind the guard of `make edit`
(scripts/edit_server.js): open /admin/, change a practice's title, save; the YAML file
changes by that one line, keeps its other entries and comments, and still validates; the
page's Content-Security-Policy lets the editor work (a violation is a console error)."""

from __future__ import annotations

import difflib
import shutil

import yaml

from macros.editor.decap_config import dump
from macros.pages.addresses import site_beside
from macros.validate.dataset import check_data_dir
from tests.support import ROOT
from tests.support.browser import serve
from tests.support.decap import decap_server


def test_edit_a_practice_title_in_the_web_editor(site, browser, tmp_path):
    repo = tmp_path / "repo"
    for folder in ("data", "schemas"):
        shutil.copytree(ROOT / folder, repo / folder)
    path = repo / "data" / "practices.yaml"
    before = path.read_text(encoding="utf-8")
    practices = yaml.safe_load(before)["practices"]
    target = next(p for p in practices if p["kind"] == "exemple")
    new_title = target["title"] + " (titre modifié dans l'éditeur)"

    served = tmp_path / "served"
    shutil.copytree(site / "admin", served / "admin")
    shutil.copytree(site / "assets" / "images", served / "assets" / "images")
    with serve(served) as base, decap_server(repo, base.rstrip("/")) as api:
        # the built editor, pointed at this server (its port is free, not 8081)
        config = yaml.safe_load((site / "admin" / "config.yml").read_text(encoding="utf-8"))
        assert config["publish_mode"] == "editorial_workflow"
        config["local_backend"]["url"] = api
        (served / "admin" / "config.yml").write_text(dump(config), encoding="utf-8")

        context = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900})
        page = context.new_page()
        errors, offsite, api_calls, requested = [], [], [], []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))

        def record(request):
            requested.append(request.url)
            if not request.url.startswith(("http://127.0.0.1", "data:", "blob:", "about:")):
                offsite.append(request.url)
            elif request.url.startswith(api):
                api_calls.append(request.url)

        page.on("request", record)
        try:
            page.goto(base + "admin/")
            assert page.locator("html").get_attribute("lang") == "fr"
            # the intro page first (who can edit, how to log in, the guide), then the editor
            for heading in ("Qui peut modifier\u00a0?", "Comment se connecter\u00a0?"):
                page.get_by_role("heading", name=heading).wait_for()
            assert page.get_by_role("link", name="Comment contribuer").get_attribute("href") == "../contribuer/"
            # reading the intro page costs nothing more: Decap's 5 MB bundle comes with the editor
            assert not [url for url in requested if url.endswith(("decap-cms.js", "/editor.js"))], requested
            page.get_by_role("link", name="Ouvrir l'éditeur").click()
            page.get_by_role("button", name="Se connecter").click()
            for label in ("Formats de professionnalisation", "Pratiques et expérimentations", "Glossaire"):
                page.get_by_role("link", name=label).first.wait_for()
            page.get_by_role("link", name="Pratiques et expérimentations").first.click()
            page.get_by_text("Pratiques et expérimentations (fichier data/practices.yaml)").click()

            # open the practice (the arrow of its row), change its title, publish
            row = page.get_by_text(target["title"], exact=True)
            row.locator("xpath=..").locator("button").first.click()
            title = page.get_by_label("Titre", exact=True).filter(visible=True)
            assert title.input_value() == target["title"]
            page.get_by_text("Nom de la pratique").filter(visible=True).first.wait_for()  # the schema's hint, in French
            title.fill(new_title)
            page.get_by_role("button", name="Publier").click()
            page.get_by_role("menuitem", name="Publier maintenant").click()
            page.get_by_text("Entrée enregistrée").wait_for()
        finally:
            context.close()

    after = path.read_text(encoding="utf-8")
    changed = [
        line
        for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]
    assert changed == [f"-    title: {target['title']}", f"+    title: {new_title}"]
    assert after.startswith("# yaml-language-server: $schema=../schemas/practices.schema.json\n")

    saved = yaml.safe_load(after)["practices"]
    assert [p["id"] for p in saved] == [p["id"] for p in practices]
    for old, new in zip(practices, saved):
        assert new == (dict(old, title=new_title) if old is target else old)

    _, problems = check_data_dir(repo / "data", repo / "schemas", site=site_beside(repo / "schemas"))
    assert [p.format() for p in problems] == []
    assert api_calls, "the editor never called decap-server"
    assert offsite == []
    assert errors == []
