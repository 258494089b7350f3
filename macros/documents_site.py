"""The fiche modèle files of each format, made once per build for the site.

For a format with id X the site publishes, beside its page /formats/X/,
``fiche-X.odt`` and ``fiche-X.docx``: the blank form, linked from the page with
their real sizes. The fill-online script (docs/assets/fiche-documents.js) reads these
same files in the browser and writes the reader's answers at their bookmarks
(see documents.py), so nothing is ever sent to a server.

:func:`site_fiches` is called by the build hook (hooks/catalog_pages.py); its
documents are cached per form content, site name and URL, so a `mkdocs serve`
rebuild only remakes the documents of a form that changed.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .catalog import FORMAT_DIR, Catalog
from .documents import build_docx, build_odt
from .render import date_fr

BUILDERS = (("odt", "ODT", build_odt), ("docx", "DOCX", build_docx))


@dataclass(frozen=True)
class Download:
    """One downloadable document of a format's form."""

    kind: str  # "ODT" or "DOCX"
    uri: str  # source path in the site, e.g. formats/x/fiche-x.odt
    name: str  # file name, e.g. fiche-x.odt
    size: int  # bytes

    @property
    def size_label(self) -> str:
        return size_fr(self.size)


@dataclass
class Fiche:
    """What the format page shows about its form's documents."""

    format_id: str
    site_name: str
    url: str  # the page's permanent URL
    version: str  # YYYY-MM-DD: newest `updated` of the format and its shared blocks
    downloads: list[Download]
    files: list[tuple[str, bytes]] = field(repr=False, default_factory=list)

    @property
    def version_fr(self) -> str:
        return date_fr(self.version)


def size_fr(size: int) -> str:
    """Bytes as a French reader expects them: « 4 Ko », « 1,2 Mo »."""
    if size < 1024 * 1024:
        return "%d\u00a0Ko" % max(1, round(size / 1024))
    return ("%.1f\u00a0Mo" % (size / 1024 / 1024)).replace(".", ",")


def page_url(site_url: str | None, format_id: str) -> str:
    base = (site_url or "/").rstrip("/") + "/"
    return f"{base}{FORMAT_DIR}/{format_id}/"


def form_version(catalog: Catalog, fmt: dict) -> str:
    """The form changes when the format or one of its shared blocks changes."""
    blocks = catalog.by_id.get("form_blocks", {})
    dates = [str(fmt["updated"])]
    for section in (fmt.get("form") or {}).get("sections") or []:
        if "include" in section and section["include"] in blocks:
            dates.append(str(blocks[section["include"]]["updated"]))
    return max(dates)


def form_input(catalog: Catalog, fmt: dict, site_name: str, site_url: str | None) -> dict:
    """The plain dict the document writers take (see documents.py)."""
    return {
        "site_name": site_name,
        "format_id": fmt["id"],
        "format_title": fmt["title"],
        "url": page_url(site_url, fmt["id"]),
        "updated": form_version(catalog, fmt),
        "intro": (fmt.get("form") or {}).get("intro"),
        "sections": [
            {"id": s["id"], "title": s["title"], "help": s.get("help"), "fields": s.get("fields") or []}
            for s in catalog.form_sections(fmt)
        ],
    }


_cache: dict[str, Fiche] = {}

# python-docx and odfpy take ~0.2 s a document: built files are also kept on disk,
# addressed by the form's content and the writers' source code, so repeated builds
# (make serve restarts, CI, the test suite) only pay for forms that changed.
DISK_CACHE = Path(__file__).resolve().parent.parent / ".cache" / "fiches"


@lru_cache(maxsize=1)
def _code_digest() -> str:
    here = Path(__file__).resolve().parent
    sources = sorted(here.glob("documents*.py"))
    return hashlib.sha256(b"".join(p.read_bytes() for p in sources)).hexdigest()[:16]


def _built(form: dict, ext: str, build) -> bytes:
    key = hashlib.sha256((_code_digest() + ext + json.dumps(form, sort_keys=True, default=str)).encode()).hexdigest()
    path = DISK_CACHE / f"{key}.{ext}"
    try:
        return path.read_bytes()
    except OSError:
        content = build(form)
    try:
        DISK_CACHE.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{ext}.tmp")
        tmp.write_bytes(content)
        tmp.replace(path)
    except OSError:  # a read-only checkout still builds, only slower
        pass
    return content


def format_fiche(catalog: Catalog, fmt: dict, site_name: str, site_url: str | None) -> Fiche:
    """The documents of one format's form (remade only when the form's content changed)."""
    form = form_input(catalog, fmt, site_name, site_url)
    key = json.dumps(form, sort_keys=True, default=str)
    if key not in _cache:
        folder = f"{FORMAT_DIR}/{fmt['id']}"
        files, downloads = [], []
        for ext, kind, build in BUILDERS:
            name = f"fiche-{fmt['id']}.{ext}"
            content = _built(form, ext, build)
            files.append((f"{folder}/{name}", content))
            downloads.append(Download(kind, f"{folder}/{name}", name, len(content)))
        _cache[key] = Fiche(fmt["id"], site_name, form["url"], form["updated"], downloads, files)
    return _cache[key]


def site_fiches(catalog: Catalog, site_name: str, site_url: str | None) -> dict[str, Fiche]:
    """format id -> Fiche, for every format of the catalogue."""
    fiches = {f["id"]: format_fiche(catalog, f, site_name, site_url) for f in catalog.formats}
    keep = {id(fiche) for fiche in fiches.values()}
    for key in [k for k, v in _cache.items() if id(v) not in keep]:  # bounded: one build's worth
        del _cache[key]
    return fiches
