"""MkDocs hook: the web editor (Decap CMS) at /admin/, generated at each build.

on_files adds the files of macros/editor/admin_page.py as generated files: the editor's page
(with its Content-Security-Policy), its configuration from schemas/ and data/, and the editor
itself from node_modules/ (pinned in package-lock.json). The repository it edits comes from
mkdocs.yml, `extra.decap`. Without node_modules the site is built without /admin/ (an INFO
line says so); on CI (env CI set) that is an error, so a published site always has its editor.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, InclusionLevel

from macros.editor.admin_page import admin_files, bundle_files
from macros.glue.context import hook

log = logging.getLogger("mkdocs.hooks.admin")
on = hook("admin")


@on
def on_files(files, config, ctx):
    bundle = bundle_files()
    if not bundle:
        message = "Éditeur en ligne /admin/ non construit : node_modules/ manque ou est incomplet (lancez « npm ci »)."
        if os.environ.get("CI"):
            raise PluginError(message)
        log.info(message)
        return files
    made = admin_files(
        ctx.root, ctx.catalog.data, config.extra.get("decap") or {}, config.site_name, config.site_url, bundle
    )
    for src_uri, content in made:
        if isinstance(content, Path):
            files.append(File.generated(config, src_uri, abs_src_path=str(content)))
        else:
            inclusion = InclusionLevel.NOT_IN_NAV if src_uri.endswith(".html") else InclusionLevel.UNDEFINED
            files.append(File.generated(config, src_uri, content=content, inclusion=inclusion))
    return files
