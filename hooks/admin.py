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

The repository the editor writes to comes from mkdocs.yml, `extra.decap`
(`repo`, `branch`, optional `base_url` of the OAuth service). Without
node_modules the site is built without /admin/ (an INFO line says so); on CI
(env CI set) that is an error, so a published site always has its editor.
"""

from __future__ import annotations

import html
import json
import logging
import os
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, InclusionLevel

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # hooks are loaded with only their own folder on sys.path
    sys.path.insert(0, str(ROOT))

from macros.catalog import load_catalog  # noqa: E402
from scripts.decap_config import decap_config, dump, field_order  # noqa: E402

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
