"""MkDocs hook: the web editor (Decap CMS) at /admin/, generated at each build.

on_files adds, as generated files (nothing under docs/, so MkDocs never treats
them as pages):
- admin/index.html, intro.js, intro.css, editor.js and yaml-roundtrip.js from templates/admin/
  (a short French page — who can edit, how login works, the guide — then the editor; the
  YAML format that rewrites only what an editor changed, keeping comments and layout);
- admin/config.yml generated from schemas/ and data/ by scripts/decap_config.py, and
  admin/field-order.json (the forms' key order, for entries written anew);
- admin/decap-cms.js with its chunks and WebAssembly files, from node_modules/decap-cms/dist,
  and admin/yaml/ from node_modules/yaml/browser/dist (installed by `npm ci`, pinned in
  package-lock.json): the editor is served by the site itself, never from a CDN.

admin/index.html carries a Content-Security-Policy (:func:`content_security_policy`):
scripts, styles, fonts and images from the site itself, an inline script only by its
SHA-256 (computed here, at each build; the page has none today), connections only to the site,
the local editor's server on the loopback address (`make edit`) and, for the GitHub
backend, GitHub's API; no plugin, no other origin.

The repository the editor writes to comes from mkdocs.yml, `extra.decap`
(`repo`, `branch`, optional `base_url` of the OAuth service). Without
node_modules the site is built without /admin/ (an INFO line says so); on CI
(env CI set) that is an error, so a published site always has its editor.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import logging
import os
import re
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, InclusionLevel

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # hooks are loaded with only their own folder on sys.path
    sys.path.insert(0, str(ROOT))

from macros.model.catalog import load_catalog  # noqa: E402
from macros.editor.decap_config import decap_config, dump, field_order  # noqa: E402

DIST = ROOT / "node_modules" / "decap-cms" / "dist"
YAML_DIST = ROOT / "node_modules" / "yaml" / "browser" / "dist"
TEMPLATES = ROOT / "templates" / "admin"
log = logging.getLogger("mkdocs.hooks.admin")


def bundle_files(dist: Path = DIST) -> list[Path]:
    """The files the browser may load: the main script, its chunks, WebAssembly and the licence notice."""
    if not (dist / "decap-cms.js").is_file() or not (YAML_DIST / "index.js").is_file():
        return []
    names = [p for p in dist.iterdir() if p.name.endswith((".decap-cms.js", ".wasm"))]
    return [dist / "decap-cms.js", dist / "decap-cms.js.LICENSE.txt", *sorted(names)]


_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)


def content_security_policy(page: str, decap: dict) -> str:
    """The policy of the editor's page *page*: its inline scripts allowed by hash, nothing from elsewhere
    but what the configured backend (*decap*, admin/config.yml) talks to."""
    hashes = ["'sha256-" + base64.b64encode(hashlib.sha256(s.encode("utf-8")).digest()).decode("ascii") + "'"
              for s in _INLINE_SCRIPT.findall(page)]
    connect = ["'self'"]
    if "local_backend" in decap:  # a development build: the local editor's server (make edit), on loopback
        connect += ["http://127.0.0.1:*", "http://localhost:*"]
    images = ["'self'", "data:", "blob:"]
    if (decap.get("backend") or {}).get("name") == "github":
        connect.append("https://api.github.com")
        images.append("https://avatars.githubusercontent.com")  # the signed-in editor's picture
    return "; ".join([
        "default-src 'none'",
        # 'unsafe-eval': Decap checks its configuration with ajv, which compiles its schemas with new Function
        " ".join(["script-src 'self'", *hashes, "'unsafe-eval' 'wasm-unsafe-eval'"]),
        "style-src 'self' 'unsafe-inline'",  # Decap's components set their styles at run time
        "img-src " + " ".join(images),
        "font-src 'self' data:",
        "connect-src " + " ".join(connect),
        "worker-src 'self' blob:",
        "manifest-src 'self'",
        "base-uri 'self'",
        "form-action 'none'",
        "object-src 'none'",
    ])


def on_files(files, config):
    bundle = bundle_files()
    if not bundle:
        message = "Éditeur en ligne /admin/ non construit : node_modules/ manque ou est incomplet (lancez « npm ci »)."
        if os.environ.get("CI"):
            raise PluginError(message)
        log.info(message)
        return files
    settings = config.extra.get("decap") or {}
    decap = decap_config(
        ROOT / "schemas", load_catalog(ROOT).data,
        repo=settings.get("repo") or "organisation/depot",
        branch=settings.get("branch") or "main",
        base_url=settings.get("base_url") or None,
        site_url=config.site_url or None,
    )
    page = (TEMPLATES / "index.html").read_text(encoding="utf-8").replace("{site_name}", html.escape(config.site_name))
    page = page.replace("{csp}", html.escape(content_security_policy(page, decap)))
    files.append(File.generated(config, "admin/index.html", content=page, inclusion=InclusionLevel.NOT_IN_NAV))
    files.append(File.generated(config, "admin/config.yml", content=dump(decap)))
    order = json.dumps(field_order(decap), ensure_ascii=False)
    files.append(File.generated(config, "admin/field-order.json", content=order))
    for name in ("intro.js", "intro.css", "editor.js", "yaml-roundtrip.js"):
        files.append(File.generated(config, f"admin/{name}", abs_src_path=str(TEMPLATES / name)))
    for path in bundle:
        files.append(File.generated(config, f"admin/{path.name}", abs_src_path=str(path)))
    for path in sorted(YAML_DIST.rglob("*.js")):
        src_uri = f"admin/yaml/{path.relative_to(YAML_DIST).as_posix()}"
        files.append(File.generated(config, src_uri, abs_src_path=str(path)))
    return files
