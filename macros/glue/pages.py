"""The pages and documents made from data/, as MkDocs files (hooks/catalog_pages.py).

- :func:`start_fiches`: the ODT and DOCX of each format's model form; those missing from the
  disk cache are made in a worker process while MkDocs reads and renders the pages;
- :func:`add_pages`: one page per practice (/pratiques/<id>/) and per format (/formats/<id>/),
  kept out of the nav so the build stays linear, and the documents' places;
- :func:`format_markdown`: a format page's Markdown, written when MkDocs reads it, with its
  documents' real sizes (by then the worker has had the time of every other page);
- :func:`collect_fiches`: the documents' bytes, into their files (before MkDocs copies them);
- :func:`with_glossary`: a page's Markdown with the definitions of the sigles it uses.
"""

from __future__ import annotations

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from macros.documents.site import PendingFiches, fiche_uris
from macros.glue.context import BuildContext
from macros.glue.prerender import PrerenderedPage
from macros.pages.generated import abbreviation_definitions, format_page, practice_pages, with_abbreviations
from macros.pages.render import format_uri

GLOSSARY_PAGE = "glossaire.md"  # defines the sigles: no hover titles of its own terms (Material's tooltips)


def start_fiches(ctx: BuildContext, config) -> None:
    ctx.fiches = PendingFiches(ctx.catalog, config.site_name, config.site_url)
    ctx.closing(ctx.fiches.cancel)


def add_pages(ctx: BuildContext, files: Files, config) -> Files:
    for src_uri in fiche_uris(ctx.catalog):  # their bytes when the worker is done (collect_fiches)
        ctx.documents[src_uri] = File.generated(config, src_uri, content=b"")
        files.append(ctx.documents[src_uri])
    for src_uri, content in practice_pages(ctx.catalog):
        files.append(File.generated(config, src_uri, content=content, inclusion=InclusionLevel.NOT_IN_NAV))
        ctx.practice_sources[src_uri] = content
    ctx.formats = {format_uri(f["id"]): f for f in ctx.catalog.formats}
    for src_uri in ctx.formats:  # written when MkDocs reads them (format_markdown)
        files.append(File.generated(config, src_uri, content="", inclusion=InclusionLevel.NOT_IN_NAV))
    return files


def start_practices(ctx: BuildContext, files: Files, config) -> None:
    """The practice pages handed to the worker that converts them beside MkDocs (macros/glue/prerender.py),
    in the order MkDocs reads them; each becomes a page that takes the worker's HTML."""
    pages = []
    for file in files.documentation_pages():
        source = ctx.practice_sources.get(file.src_uri)
        if source is not None and type(file.page) is Page and file.content_string == source:
            PrerenderedPage(file, config, ctx.prerender)
            pages.append((file.src_uri, source))
    if ctx.abbreviations is None:
        ctx.abbreviations = abbreviation_definitions(ctx.catalog)
    if pages:
        ctx.prerender.start(config, files, pages, ctx.abbreviations)


def format_markdown(ctx: BuildContext, page) -> str | None:
    fmt = ctx.formats.get(page.file.src_uri)
    if fmt is None:
        return None
    return format_page(ctx.catalog, fmt, collect_fiches(ctx).get(fmt["id"]))[1]


def collect_fiches(ctx: BuildContext) -> dict:
    """format id -> its form's documents (macros.documents.site.Fiche), waiting for the worker once."""
    if isinstance(ctx.fiches, PendingFiches):
        try:
            fiches = ctx.fiches.result()
        except Exception as exc:  # noqa: BLE001 - the worker's failure, reported as a build error
            raise PluginError(f"Les fiches modèles (ODT, DOCX) n'ont pas pu être produites : {exc!r}") from None
        for fiche in fiches.values():
            for src_uri, content in fiche.files:
                ctx.documents[src_uri].content_bytes = content
        ctx.fiches = fiches
    return ctx.fiches


def with_glossary(ctx: BuildContext, markdown: str, page) -> str:
    """*markdown* with the glossary's definitions of the sigles it uses, so every page shows their
    expansion on hover; not the glossary itself, which defines each of them in full."""
    if page.file.src_uri == GLOSSARY_PAGE:
        return markdown
    if ctx.abbreviations is None:
        ctx.abbreviations = abbreviation_definitions(ctx.catalog)
    return with_abbreviations(markdown, ctx.abbreviations)
