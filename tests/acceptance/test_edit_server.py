"""The local editor (issue 14, rule 8): `make edit`'s server, started for real, and /admin/'s policy.

scripts/edit_server.js puts a guard in front of decap-server: a request with another
Host (DNS rebinding) or another Origin is refused, writes go only to data/*.yaml and
uploads only to the media folder, as images checked by their first bytes. The built
/admin/ page carries a Content-Security-Policy allowing an inline script only by its
hash and no other origin than the editor's backends; Chromium enforces it.
"""

from __future__ import annotations

import base64
import hashlib
import html
import http.client
import json
import re
import shutil
from pathlib import Path

import pytest
import yaml

from tests.support import ROOT
from tests.support.decap import decap_server

SITE = "http://127.0.0.1:8000"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 16
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'


@pytest.fixture(scope="module")
def guarded(tmp_path_factory):
    """(repository copy, API address) of the editor's server, as `make edit` starts it."""
    repo = tmp_path_factory.mktemp("edit") / "repo"
    for folder in ("data", "schemas"):
        shutil.copytree(ROOT / folder, repo / folder)
    for folder in (".git/hooks", "hooks", "docs/assets/medias"):
        (repo / folder).mkdir(parents=True)
    (repo / "Makefile").write_text("all:\n", encoding="utf-8")
    with decap_server(repo, SITE) as api:
        yield repo, api


def post(api: str, body: dict, host: str | None = None, origin: str | None = SITE) -> tuple[int, dict]:
    """POST *body* to the API with the given Host and Origin headers (http.client sends them as they are)."""
    address = api.split("//", 1)[1].split("/", 1)[0]
    conn = http.client.HTTPConnection(address, timeout=10)
    headers = {"Host": host or address, "Content-Type": "application/json"}
    if origin is not None:
        headers["Origin"] = origin
    conn.request("POST", "/api/v1", body=json.dumps(body), headers=headers)
    response = conn.getresponse()
    data = response.read()
    conn.close()
    return response.status, json.loads(data or b"{}")


def persist(path: str, raw: str = "x: 1\n") -> dict:
    return {
        "action": "persistEntry",
        "params": {
            "branch": "main",
            "entry": {"slug": "x", "path": path, "raw": raw},
            "assets": [],
            "options": {"commitMessage": "x", "useWorkflow": False, "status": "draft", "collectionName": "x"},
        },
    }


def media(path: str, content: bytes) -> dict:
    return {
        "action": "persistMedia",
        "params": {
            "branch": "main",
            "options": {"commitMessage": "x"},
            "asset": {"path": path, "content": base64.b64encode(content).decode(), "encoding": "base64"},
        },
    }


def test_local_requests_from_the_site_are_served(guarded):
    repo, api = guarded
    assert post(api, {"action": "info"}) == (200, {"repo": "repo", "publish_modes": ["simple"], "type": "local_fs"})
    assert post(api, {"action": "info"}, origin=None)[0] == 200  # a local tool (curl) sends no Origin


def test_a_foreign_host_is_refused_dns_rebinding(guarded):
    repo, api = guarded
    port = api.split(":")[2].split("/")[0]
    status, body = post(
        api,
        persist(".git/hooks/pre-commit", "#!/bin/sh\necho pris\n"),
        host=f"evil.example:{port}",
        origin=f"http://evil.example:{port}",
    )
    assert status == 403 and "hôte « evil.example" in body["error"]
    status, body = post(api, {"action": "info"}, host=f"evil.example:{port}", origin=None)
    assert status == 403
    assert not (repo / ".git" / "hooks" / "pre-commit").exists()


def test_a_foreign_origin_is_refused(guarded):
    _, api = guarded
    status, body = post(api, {"action": "info"}, origin="https://evil.example")
    assert status == 403 and "origine" in body["error"]


@pytest.mark.parametrize(
    "path",
    [
        ".git/hooks/pre-commit",
        "hooks/trust.py",
        "Makefile",
        "data/../Makefile",
        "/etc/passwd",
        "data/nouveau.yaml",
        "docs/index.md",
        "data\\..\\Makefile",
    ],
)
def test_writes_go_only_to_existing_catalogues(guarded, path):
    repo, api = guarded
    before = {p: p.read_bytes() for p in repo.rglob("*") if p.is_file()}
    status, body = post(api, persist(path, "#!/bin/sh\necho pris\n"))
    assert status == 403, body
    assert {p: p.read_bytes() for p in repo.rglob("*") if p.is_file()} == before


def test_a_catalogue_is_saved(guarded):
    repo, api = guarded
    path = repo / "data" / "sources.yaml"
    text = path.read_text(encoding="utf-8") + "# modifié par l'éditeur\n"
    assert post(api, persist("data/sources.yaml", text))[0] == 200
    assert path.read_text(encoding="utf-8") == text


@pytest.mark.parametrize(
    "path, content, ok",
    [
        ("docs/assets/medias/photo.png", PNG, True),
        ("docs/assets/medias/dessin.svg", SVG, False),
        ("docs/assets/medias/faux.png", SVG, False),
        ("docs/assets/medias/page.html", b"<script>alert(1)</script>", False),
        ("docs/assets/medias/page.png", b"<html><script>alert(1)</script>", False),
        ("docs/photo.png", PNG, False),
        ("docs/assets/medias/sous/photo.png", PNG, False),
    ],
)
def test_uploads_are_images_of_the_media_folder(guarded, path, content, ok):
    repo, api = guarded
    status, _ = post(api, media(path, content))
    assert (status == 200) == ok and (repo / path).is_file() == ok


def test_deleting_a_catalogue_is_refused(guarded):
    repo, api = guarded
    status, _ = post(
        api,
        {
            "action": "deleteFile",
            "params": {"branch": "main", "path": "data/practices.yaml", "options": {"commitMessage": "x"}},
        },
    )
    assert status == 403 and (repo / "data" / "practices.yaml").is_file()


def test_the_media_folder_is_the_editors(site):
    """The guard's default media folder is the one admin/config.yml gives the editor."""
    config = yaml.safe_load((site / "admin" / "config.yml").read_text(encoding="utf-8"))
    script = (ROOT / "scripts" / "edit_server.js").read_text(encoding="utf-8")
    assert f'"{config["media_folder"]}"' in script


# --- /admin/'s Content-Security-Policy ------------------------------------------------------------


def policy(site: Path) -> tuple[str, dict[str, list[str]]]:
    page = (site / "admin" / "index.html").read_text(encoding="utf-8")
    content = html.unescape(re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', page).group(1))
    return page, {d.split()[0]: d.split()[1:] for d in content.split("; ")}


def test_admin_policy_allows_inline_script_only_by_hash_and_no_other_origin(site):
    page, csp = policy(site)
    assert page.index("Content-Security-Policy") < page.index("<script")
    assert csp["default-src"] == ["'none'"] and csp["object-src"] == ["'none'"] and csp["base-uri"] == ["'self'"]
    inline = re.findall(r"<script>(.*?)</script>", page, re.S)
    hashes = ["'sha256-" + base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() + "'" for s in inline]
    assert all(h in csp["script-src"] for h in hashes)  # each inline script of the page, by its hash
    assert "'unsafe-inline'" not in csp["script-src"] and len([s for s in csp["script-src"] if "sha256" in s]) == len(
        inline
    )
    allowed = {
        "'self'",
        "data:",
        "blob:",
        "http://127.0.0.1:*",
        "http://localhost:*",
        "https://api.github.com",
        "https://avatars.githubusercontent.com",
    }
    for directive, sources in csp.items():
        origins = [s for s in sources if not s.startswith("'")]
        assert set(origins) <= allowed, (directive, origins)


def test_an_inline_script_is_allowed_by_its_hash_only():
    """The hook hashes whatever inline script the page has, at each build."""
    from macros.editor.admin_page import content_security_policy

    script = "window.CMS_MANUAL_INIT = true;"
    csp = content_security_policy(f"<head><script>{script}</script></head>", {"backend": {"name": "github"}})
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    assert (
        f"script-src 'self' 'sha256-{digest}' 'unsafe-eval'" in csp and "unsafe-inline" not in csp.split("style-src")[0]
    )
