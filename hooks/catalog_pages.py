"""MkDocs hook: the catalogue pages, generated in memory from data/.

Events handled:
- on_config: validate and load data/ once per build (a failure stops the build
  with the validator's FILE:LINE:COL messages, before anything is written);
- on_files: add one page per practice (/pratiques/<id>/) and per format
  (/formats/<id>/), kept out of the nav so the build stays linear, and the
  ODT and DOCX of each format's form (macros/documents_site.py), made in a
  worker process from on_config on; a format page's Markdown is written when
  MkDocs reads it (on_page_read_source), with its documents' real sizes;
- on_page_markdown: append the glossary's abbreviations so every page shows
  their expansion on hover;
- on_page_content: put the listings' HTML back in place (macros/render.py, stash);
- on_startup, on_post_build: with `mkdocs serve --dirty` (`make serve`), only the
  pages an edit changed are rebuilt (macros/incremental.py).
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, InclusionLevel

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # hooks are loaded with only their own folder on sys.path
    sys.path.insert(0, str(ROOT))

from macros.glue import incremental  # noqa: E402
from macros.model.catalog import load_catalog  # noqa: E402
from macros.documents.site import PendingFiches, fiche_uris  # noqa: E402
from macros.core.errors import DataErrors  # noqa: E402
from macros.pages.addresses import site_beside  # noqa: E402
from macros.pages.generated import abbreviation_definitions, format_page, practice_pages, with_abbreviations  # noqa: E402
from macros.pages.render import bytecode_cache, format_uri, unstash  # noqa: E402

_build: dict = {}


def on_startup(command, dirty):
    incremental.start(dirty)  # `make serve` runs `mkdocs serve --dirty`
    for name in ("mkdocs.commands.build", "properdocs.commands.build"):  # ProperDocs logs under its own name
        logging.getLogger(name).addFilter(_dirty_warning)


def on_serve(server, config, builder):
    incremental.poll_faster(server)  # a saved file is seen within 0.1 s, not 0.5 s
    return server


def _dirty_warning(record: logging.LogRecord) -> bool:
    # MkDocs warns at each dirty build that navigation may be stale: it is not here
    # (the navigation comes from mkdocs.yml, whose change rebuilds every page, and pages
    # that quote changed data are rebuilt, see macros/incremental.py), and an editor
    # running `make serve` would only be worried by it.
    return not record.getMessage().startswith("A 'dirty' build is being performed")


def on_config(config):
    try:
        catalog = load_catalog(ROOT, refresh=True, site=site_beside(ROOT / "schemas"))  # addresses checked too
    except DataErrors as exc:
        lines = "\n".join(error.format() for error in exc.errors)
        raise PluginError(f"Les données de data/ ne sont pas valides :\n{lines}") from None
    _cancel()
    _build.clear()
    incremental.pending.clear()
    _build["catalog"] = catalog
    _build["abbreviations"] = abbreviation_definitions(catalog)
    # The fiche modèle documents (ODT, DOCX) of each format: those not cached yet are
    # made in a worker process while MkDocs renders the pages.
    _build["pending"] = PendingFiches(catalog, config["site_name"], config["site_url"])
    return config


def on_files(files, config):
    catalog = _build["catalog"]
    data_files = {p.name: p.read_bytes() for p in sorted((ROOT / "data").glob("*.yaml"))}
    code_files = [p.read_bytes() for p in _code_files()]
    changed, code_changed = incremental.changes(data_files, code_files)
    if incremental.dirty() and (changed or code_changed):
        for file in files.documentation_pages():  # hand-written pages quote data/ through macros
            if code_changed or incremental.needs_rebuild(file.src_uri, changed):
                incremental.always_rebuilt(file)
    # Documents: their place now, their bytes when the worker is done (_fiches).
    _build["documents"] = {}
    for src_uri in fiche_uris(catalog):
        _build["documents"][src_uri] = File.generated(config, src_uri, content=b"")
        files.append(_build["documents"][src_uri])
    for src_uri, content in practice_pages(catalog, incremental.memo(data_files, unless="practices.yaml")):
        page = incremental.DataPage.generated(config, src_uri, content=content, inclusion=InclusionLevel.NOT_IN_NAV)
        page.changed = incremental.page_changed(src_uri, content) or code_changed
        files.append(page)
    # Format pages last, written when MkDocs reads them (on_page_read_source): they link
    # their documents with their real sizes, and by then the worker has had the time
    # of every other page. In `make serve`, when every document is already made, they
    # are written now, and rebuilt only if their Markdown changed.
    _build["formats"] = {format_uri(f["id"]): f for f in catalog.formats}
    _build["format_markdown"] = {}
    now = incremental.dirty() and not code_changed and _build["pending"].ready()
    for src_uri, fmt in _build["formats"].items():
        page = incremental.DataPage.generated(config, src_uri, content="", inclusion=InclusionLevel.NOT_IN_NAV)
        if now:
            content = _build["format_markdown"][src_uri] = format_page(catalog, fmt, _fiches().get(fmt["id"]))[1]
            page.changed = incremental.page_changed(src_uri, content)
        else:
            page.changed = bool(changed) or code_changed
        files.append(page)
    return files


def _code_files() -> list[Path]:
    """What makes pages besides data/ (a change rebuilds every page in `make serve`)."""
    found = [ROOT / "mkdocs.yml"]
    for folder in ("templates", "macros", "hooks", "overrides"):
        found += sorted(p for p in (ROOT / folder).rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    return found


def on_page_read_source(page, config):
    src_uri = page.file.src_uri
    fmt = _build["formats"].get(src_uri)
    if fmt is None:
        return None
    content = _build["format_markdown"].get(src_uri)
    if content is None:
        content = format_page(_build["catalog"], fmt, _fiches().get(fmt["id"]))[1]
        incremental.page_changed(src_uri, content)  # the reference for the next rebuild's comparison
    return content


def on_env(env, config, files):
    _fiches()  # the documents are copied into the site after this event
    env.bytecode_cache = bytecode_cache()  # the theme's templates, compiled once (macros/render.py)
    return env


def on_page_markdown(markdown, page, config, files):
    if not page.file.generated_by:
        incremental.page_read(page.file.src_uri)  # after the macros, which noted what they read
    return with_abbreviations(markdown, _build["abbreviations"])


def on_page_content(html, page, config, files):
    # the listings' HTML, kept out of Markdown (macros/render.py); its ids join the page's anchors
    if page.present_anchor_ids is None:
        page.present_anchor_ids = set()
    return unstash(html, page.present_anchor_ids)


def on_post_build(config):
    incremental.commit()


def on_build_error(error):
    _cancel()


def _fiches() -> dict:
    if "fiches" not in _build:
        try:
            fiches = _build["pending"].result()
        except Exception as exc:  # noqa: BLE001 - the worker's failure, reported as a build error
            raise PluginError(f"Les fiches modèles (ODT, DOCX) n'ont pas pu être produites : {exc!r}") from None
        for fiche in fiches.values():
            for src_uri, content in fiche.files:
                _build["documents"][src_uri].content_bytes = content
        _build["fiches"] = fiches
    return _build["fiches"]


def _cancel() -> None:
    pending = _build.get("pending")
    if pending is not None:
        pending.cancel()
