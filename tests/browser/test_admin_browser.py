"""The web editor in Chromium against decap-server behind the guard of `make edit`
(scripts/edit_server.js): open /admin/, change a practice's title, save; the YAML file
changes by that one line, keeps its other entries and comments, and still validates; the
page's Content-Security-Policy lets the editor work (a violation is a console error)."""

from __future__ import annotations

import difflib
import json
import os
import shutil
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import yaml

from macros.validate.dataset import check_data_dir
from macros.editor.decap_config import dump

from .browser import serve
from .conftest import ROOT

SERVER = ROOT / "scripts" / "edit_server.js"
DECAP = ROOT / "node_modules" / "decap-server" / "dist" / "index.js"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def decap_server(repo: Path, origin: str = "http://127.0.0.1:8000") -> Iterator[str]:
    """The editor's server of `make edit` on 127.0.0.1 serving *repo* for pages of *origin*; yields its API URL."""
    node = shutil.which("node")
    if not node or not DECAP.is_file():
        message = "Node et decap-server sont nécessaires (npm ci)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    port = _free_port()
    url = f"http://127.0.0.1:{port}/api/v1"
    env = dict(os.environ, PORT=str(port), GIT_REPO_DIRECTORY=str(repo), SITE_ORIGINS=origin)
    log = repo.parent / "decap-server.log"
    with log.open("wb") as out:
        proc = subprocess.Popen([node, str(SERVER)], cwd=repo, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        for _ in range(150):  # up to 15 s to start
            try:
                request = urllib.request.Request(url, data=b'{"action":"info"}', headers={"Content-Type": "application/json"})
                with urllib.request.urlopen(request, timeout=1) as response:
                    assert json.load(response)["type"] == "local_fs"
                break
            except OSError:
                assert proc.poll() is None, log.read_text(encoding="utf-8", errors="replace")
                time.sleep(0.1)
        else:
            pytest.fail("decap-server ne répond pas")
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=10)


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
        errors, offsite, api_calls = [], [], []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))

        def record(request):
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
    changed = [line for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
               if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    assert changed == [f"-    title: {target['title']}", f"+    title: {new_title}"]
    assert after.startswith("# yaml-language-server: $schema=../schemas/practices.schema.json\n")

    saved = yaml.safe_load(after)["practices"]
    assert [p["id"] for p in saved] == [p["id"] for p in practices]
    for old, new in zip(practices, saved):
        assert new == (dict(old, title=new_title) if old is target else old)

    _, problems = check_data_dir(repo / "data", repo / "schemas")
    assert [p.format() for p in problems] == []
    assert api_calls, "the editor never called decap-server"
    assert offsite == []
    assert errors == []
