"""The web editor (Decap CMS) at /admin/: which files the build writes there, and the page's policy.

:func:`admin_files` lists them (site path, then the bytes or the file to copy): nothing under
docs/, so MkDocs never treats them as pages (hooks/admin.py adds them as generated files):

- admin/index.html, intro.js, intro.css, editor.js and yaml-roundtrip.js from templates/admin/
  (a short French page — who can edit, how login works, the guide — then the editor; the
  YAML format that rewrites only what an editor changed, keeping comments and layout);
- admin/config.yml generated from schemas/ and data/ (macros/editor/decap_config.py), and
  admin/field-order.json (the forms' key order, for entries written anew);
- admin/decap-cms.js with its chunks and WebAssembly files, from node_modules/decap-cms/dist,
  and admin/yaml/ from node_modules/yaml/browser/dist (installed by `npm ci`, pinned in
  package-lock.json): the editor is served by the site itself, never from a CDN.

admin/index.html carries a Content-Security-Policy (:func:`content_security_policy`):
scripts, styles, fonts and images from the site itself, an inline script only by its
SHA-256 (computed at each build; the page has none today), connections only to the site,
the local editor's server on the loopback address (`make edit`) and, for the GitHub
backend, GitHub's API; no plugin, no other origin.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from pathlib import Path

from macros.core.paths import ROOT, TEMPLATES
from macros.editor.decap_config import decap_config, dump, field_order

DIST = ROOT / "node_modules" / "decap-cms" / "dist"
YAML_DIST = ROOT / "node_modules" / "yaml" / "browser" / "dist"
ADMIN_TEMPLATES = TEMPLATES / "admin"


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
    hashes = [
        "'sha256-" + base64.b64encode(hashlib.sha256(s.encode("utf-8")).digest()).decode("ascii") + "'"
        for s in _INLINE_SCRIPT.findall(page)
    ]
    connect = ["'self'"]
    if "local_backend" in decap:  # a development build: the local editor's server (make edit), on loopback
        connect += ["http://127.0.0.1:*", "http://localhost:*"]
    images = ["'self'", "data:", "blob:"]
    if (decap.get("backend") or {}).get("name") == "github":
        connect.append("https://api.github.com")
        images.append("https://avatars.githubusercontent.com")  # the signed-in editor's picture
    return "; ".join(
        [
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
        ]
    )


def admin_files(
    root: Path, data: dict, settings: dict, site_name: str, site_url: str | None, bundle: list[Path]
) -> list[tuple[str, str | bytes | Path]]:
    """(site path, content or source file) of every file of /admin/; *settings*: mkdocs.yml's
    `extra.decap` (`repo`, `branch`, optional `base_url` of the OAuth service)."""
    decap = decap_config(
        root / "schemas",
        data,
        repo=settings.get("repo") or "organisation/depot",
        branch=settings.get("branch") or "main",
        base_url=settings.get("base_url") or None,
        site_url=site_url or None,
    )
    page = (ADMIN_TEMPLATES / "index.html").read_text(encoding="utf-8").replace("{site_name}", html.escape(site_name))
    page = page.replace("{csp}", html.escape(content_security_policy(page, decap)))
    out: list[tuple[str, str | bytes | Path]] = [
        ("admin/index.html", page),
        ("admin/config.yml", dump(decap)),
        ("admin/field-order.json", json.dumps(field_order(decap), ensure_ascii=False)),
    ]
    out += [
        (f"admin/{name}", ADMIN_TEMPLATES / name)
        for name in ("intro.js", "intro.css", "editor.js", "yaml-roundtrip.js")
    ]
    out += [(f"admin/{path.name}", path) for path in bundle]
    out += [(f"admin/yaml/{path.relative_to(YAML_DIST).as_posix()}", path) for path in sorted(YAML_DIST.rglob("*.js"))]
    return out
