"""MkDocs hook: the catalogue pages, generated in memory from data/.

Events handled:
- on_config: validate and load data/ once per build (a failure stops the build
  with the validator's FILE:LINE:COL messages, before anything is written);
- on_files: add one page per format (/formats/<id>/) and per practice
  (/pratiques/<id>/), kept out of the nav so the build stays linear, and the
  ODT and DOCX of each format's form (macros/documents_site.py);
- on_page_markdown: append the glossary's abbreviations so every page shows
  their expansion on hover.
"""

from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, InclusionLevel

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # hooks are loaded with only their own folder on sys.path
    sys.path.insert(0, str(ROOT))

from macros.catalog import load_catalog  # noqa: E402
from macros.documents_site import site_fiches  # noqa: E402
from macros.errors import DataErrors  # noqa: E402
from macros.pages import abbreviation_definitions, generated_pages, with_abbreviations  # noqa: E402

_build: dict = {}


def on_config(config):
    try:
        catalog = load_catalog(ROOT, refresh=True)
    except DataErrors as exc:
        lines = "\n".join(error.format() for error in exc.errors)
        raise PluginError(f"Les données de data/ ne sont pas valides :\n{lines}") from None
    _build["catalog"] = catalog
    _build["abbreviations"] = abbreviation_definitions(catalog)
    return config


def on_files(files, config):
    # The fiche modèle documents (ODT, DOCX) of each format, made once per build;
    # the format pages link them with their real sizes.
    fiches = site_fiches(_build["catalog"], config["site_name"], config["site_url"])
    for fiche in fiches.values():
        for src_uri, content in fiche.files:
            files.append(File.generated(config, src_uri, content=content))
    for src_uri, content in generated_pages(_build["catalog"], fiches):
        files.append(File.generated(config, src_uri, content=content, inclusion=InclusionLevel.NOT_IN_NAV))
    return files


def on_page_markdown(markdown, page, config, files):
    return with_abbreviations(markdown, _build["abbreviations"])
