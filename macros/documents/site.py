"""The fiche modèle files of each format, made once per build for the site.

For a format with id X the site publishes, beside its page /formats/X/,
``fiche-X.odt`` and ``fiche-X.docx``: the blank form, linked from the page with
their real sizes. The fill-online script (docs/assets/fiche-documents.js) reads these
same files in the browser and writes the reader's answers at their bookmarks
(see fiche.py), so nothing is ever sent to a server.

:class:`PendingFiches` makes them during a build (through macros/glue/pages.py, for
hooks/catalog_pages.py), :func:`site_fiches` all at once (bench/stages.py); the
documents are cached on disk by everything they are made from (:func:`document_key`),
so a `mkdocs serve` rebuild only remakes the documents of a form that changed.
"""

from __future__ import annotations

import ast
import hashlib
import json
import multiprocessing
import sys
import warnings
import zlib
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from macros.core.paths import CACHE, ROOT
from macros.core.placement import place_helper
from macros.documents.fiche import build_docx, build_odt
from macros.french.dates import date_fr
from macros.model.catalog import FORMAT_DIR, Catalog
from macros.model.site_address import public_url

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
    """The format page's permanent address, or "" in a development build (no public
    address: macros/model/site_address.py): documents then print none."""
    base = public_url(site_url)
    return f"{base}{FORMAT_DIR}/{format_id}/" if base else ""


def form_version(catalog: Catalog, fmt: dict) -> str:
    """The form changes when the format or one of its shared blocks changes."""
    blocks = catalog.by_id.get("form_blocks", {})
    dates = [str(fmt["updated"])]
    for section in (fmt.get("form") or {}).get("sections") or []:
        if "include" in section and section["include"] in blocks:
            dates.append(str(blocks[section["include"]]["updated"]))
    return max(dates)


def form_input(catalog: Catalog, fmt: dict, site_name: str, site_url: str | None) -> dict:
    """The plain dict the document writers take (see fiche.py)."""
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


# python-docx and odfpy take ~0.2 s a document: built files are kept on disk, addressed by
# all they are made from (:func:`document_key`), so repeated builds (`make serve` rebuilds,
# CI, the test suite) only pay for forms that changed; and what must be built is built in a
# worker process, on another core, while MkDocs renders the pages (:class:`PendingFiches`).
DISK_CACHE = CACHE / "fiches"
WRITERS = ("macros.documents.docx", "macros.documents.odt")  # and every module of macros/ they import
LIBRARIES = ("python-docx", "odfpy", "lxml")  # what writes the files' XML (and python-docx's template)


def writer_modules(package_root: Path = ROOT) -> list[Path]:
    """The source files of the writers and of every module of macros/ they import, directly or not."""
    seen: dict[str, Path] = {}
    todo = list(WRITERS)
    while todo:
        name = todo.pop()
        path = package_root.joinpath(*name.split(".")).with_suffix(".py")
        if name in seen or not path.is_file():
            continue
        seen[name] = path
        with warnings.catch_warnings():  # only the imports are read: a module's own warnings are not ours
            warnings.simplefilter("ignore")
            tree = ast.parse(path.read_bytes())
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                todo += [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
            elif isinstance(node, ast.Import):
                todo += [alias.name for alias in node.names]
    return sorted(p for n, p in seen.items() if n.startswith("macros."))


def code_digest(package_root: Path = ROOT) -> str:
    """What the documents are made by besides the form: the writers' code (:func:`writer_modules`),
    the versions of the libraries that write them, zlib's (the zip's compressed bytes) and Python's."""
    digest = hashlib.sha256()
    for path in writer_modules(package_root):
        digest.update(path.relative_to(package_root).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    for name in LIBRARIES:
        digest.update(f"{name}=={metadata.version(name)}\0".encode())
    digest.update(f"zlib {zlib.ZLIB_RUNTIME_VERSION}\0{sys.version}".encode())
    return digest.hexdigest()[:16]


# The code this process runs does not change while it runs: its digest is taken once, on import.
CODE_DIGEST = code_digest()


def document_key(form: dict, ext: str, code: str = CODE_DIGEST) -> str:
    """The disk cache's key of the *ext* document of *form*: everything its bytes depend on."""
    return hashlib.sha256((code + ext + json.dumps(form, sort_keys=True, default=str)).encode()).hexdigest()


def _cached(key: str, ext: str) -> bytes | None:
    try:
        return (DISK_CACHE / f"{key}.{ext}").read_bytes()
    except OSError:
        return None


def _store(key: str, ext: str, content: bytes) -> None:
    try:
        DISK_CACHE.mkdir(parents=True, exist_ok=True)
        tmp = DISK_CACHE / f"{key}.{ext}.tmp"
        tmp.write_bytes(content)
        tmp.replace(DISK_CACHE / f"{key}.{ext}")
    except OSError:  # a read-only checkout still builds, only slower
        pass


def build_documents(jobs: list[tuple[dict, str]]) -> list[bytes]:
    """The documents of (form, extension) pairs; run in the worker process."""
    builders = {ext: build for ext, _, build in BUILDERS}
    return [builders[ext](form) for form, ext in jobs]


class PendingFiches:
    """The site's fiches, being made: :meth:`result` waits for them (format id -> Fiche).

    With *background*, documents missing from the caches are built in one worker
    process, started here, so the caller can go on (the build hook starts it in
    on_config and collects it when the first format page is read).
    """

    def __init__(self, catalog: Catalog, site_name: str, site_url: str | None, background: bool = True):
        self._site_name = site_name
        self._forms = {f["id"]: form_input(catalog, f, site_name, site_url) for f in catalog.formats}
        self._keys = {
            (format_id, ext): document_key(form, ext)
            for format_id, form in self._forms.items()
            for ext, _, _ in BUILDERS
        }
        self._contents: dict[tuple[str, str], bytes] = {}
        missing = []
        for format_id in self._forms:
            for ext, _, _ in BUILDERS:
                content = _cached(self._keys[format_id, ext], ext)
                if content is None:
                    missing.append((format_id, ext))
                else:
                    self._contents[format_id, ext] = content
        self._missing = missing
        self._pool = self._future = None
        if missing and background:
            self._pool = ProcessPoolExecutor(
                max_workers=1, mp_context=multiprocessing.get_context("spawn"), initializer=place_helper
            )
            self._future = self._pool.submit(build_documents, [(self._forms[f], ext) for f, ext in missing])
        self._result: dict[str, Fiche] | None = None

    def ready(self) -> bool:
        """Every document was in a cache: :meth:`result` returns at once."""
        return not self._missing

    def result(self) -> dict[str, Fiche]:
        if self._result is None:
            if self._missing:
                jobs = [(self._forms[f], ext) for f, ext in self._missing]
                try:
                    built = self._future.result() if self._future else build_documents(jobs)
                finally:
                    self.cancel()
                for (format_id, ext), content in zip(self._missing, built):
                    _store(self._keys[format_id, ext], ext, content)
                    self._contents[format_id, ext] = content
            self._result = {format_id: self._fiche(format_id) for format_id in self._forms}
        return self._result

    def cancel(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def _fiche(self, format_id: str) -> Fiche:
        form = self._forms[format_id]
        folder = f"{FORMAT_DIR}/{format_id}"
        files, downloads = [], []
        for ext, kind, _ in BUILDERS:
            name = f"fiche-{format_id}.{ext}"
            content = self._contents[format_id, ext]
            files.append((f"{folder}/{name}", content))
            downloads.append(Download(kind, f"{folder}/{name}", name, len(content)))
        return Fiche(format_id, self._site_name, form["url"], form["updated"], downloads, files)


def fiche_uris(catalog: Catalog) -> list[str]:
    """Where the documents of every format go in the site, known before they are made."""
    return [f"{FORMAT_DIR}/{f['id']}/fiche-{f['id']}.{ext}" for f in catalog.formats for ext, _, _ in BUILDERS]


def site_fiches(catalog: Catalog, site_name: str, site_url: str | None) -> dict[str, Fiche]:
    """format id -> Fiche, for every format of the catalogue, made here and now."""
    return PendingFiches(catalog, site_name, site_url, background=False).result()
