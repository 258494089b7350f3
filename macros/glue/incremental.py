"""What `mkdocs serve --dirty` (`make serve`) rebuilds after an edit: only what changed.

MkDocs' dirty mode skips a page whose `File.is_modified()` is false; for files
in docs/ it compares modification times. Pages made from data/ have no file of
their own, and hand-written pages read data/ through macros, so the hooks ask
here instead (hooks/catalog_pages.py):

- a generated page is rebuilt when its Markdown differs from the last successful
  build's (a practice's edit remakes its page, and the pages that quote it); a
  practice's Markdown is only made again when what it is made from changed (:func:`memo`);
- a hand-written page is rebuilt when a catalogue its macros read changed
  (:class:`TracingCatalog` notes them); a format page when its Markdown changed,
  or when data/ changed while its documents (ODT, DOCX) are being made again;
  every page is rebuilt when
  the code that makes pages changed (templates, macros, hooks, theme overrides);
- the search index is then remade over the whole served site, in the background
  (hooks/search_index.py), and redirect pages keep the titles of pages that were
  not rebuilt (:data:`titles`).

This module is imported once per `mkdocs serve` (hooks are reloaded at each
rebuild, modules are not): it is the memory between two rebuilds. A build that
fails commits nothing, so the next one rebuilds what the failed one had to.
"""

from __future__ import annotations

import hashlib
import json

from mkdocs.structure.files import File

state: dict = {"dirty": False, "code": None, "files": {}, "reads": {}, "pages": {}, "memo": {}}
pending: dict = {}
titles: dict[str, str] = {}  # page URL -> title, of every page built since `serve` started


class DataPage(File):
    """A page made from data/: rebuilt in dirty mode only when :attr:`changed`."""

    changed = True

    def is_modified(self) -> bool:
        return self.changed


POLL_SECONDS = 0.1  # MkDocs polls every 0.5 s: up to half a second before a save is seen


def poll_faster(server) -> None:
    """Make `mkdocs serve` look for saved files every :data:`POLL_SECONDS` (MkDocs' on_serve).

    MkDocs' LiveReloadServer gives no setting for it: its watchdog PollingObserver
    takes the interval for the folders watched from now on (data/, templates/…), and
    each emitter already made (docs/, mkdocs.yml) holds its own. A poll lists the
    watched folders, a few hundred files: about a millisecond.
    """
    observer = getattr(server, "observer", None)
    if observer is None or not hasattr(observer, "_timeout"):
        return  # another MkDocs or watchdog: keep their interval
    observer._timeout = POLL_SECONDS
    for emitter in observer.emitters:
        if hasattr(emitter, "_timeout"):
            emitter._timeout = POLL_SECONDS


def start(dirty: bool) -> None:
    """`mkdocs serve --dirty` or `mkdocs build --dirty` begins (MkDocs' on_startup)."""
    state.update(dirty=dirty, code=None, files={}, reads={}, pages={}, memo={})
    pending.clear()
    titles.clear()


def dirty() -> bool:
    return state["dirty"]


ALL = "*"  # a page that reads every catalogue


class TracingCatalog:
    """A Catalog that notes, for one hand-written page, which catalogues its macros read
    (`make serve` then rebuilds the page only when one of those changed). Whatever is
    not known to read one catalogue counts as reading them all."""

    _ONE = {"formats": "formats", "diplomas_by_code": "diplomas", "practices_by_format": "practices",
            "practices_by_diploma": "practices", "examples_of": "practices", "formats_referencing": "formats",
            "testimonials_by_format": "testimonials", "testimonials_by_practice": "testimonials",
            "abbreviations": "glossary", "form_sections": "form_blocks", "root": None}

    def __init__(self, catalog, reads: set):
        self._catalog, self._reads = catalog, reads

    def __getattr__(self, name: str):
        value = getattr(self._catalog, name)
        if name in ("list", "get"):
            def read(catalogue, *args):
                self._reads.add(catalogue)
                return value(catalogue, *args)
            return read
        read = self._ONE.get(name, ALL)
        if read:
            self._reads.add(read)
        return value


def traced(catalog, uri: str):
    """*catalog* for the macros of the page *uri*: traced in dirty mode, as is otherwise."""
    if not state["dirty"]:
        return catalog
    return TracingCatalog(catalog, pending.setdefault("reads", {}).setdefault(uri, set()))


def page_read(uri: str) -> None:
    """The hand-written page *uri* was rebuilt: it reads at least the glossary (its hover titles)."""
    if state["dirty"]:
        pending.setdefault("reads", {}).setdefault(uri, set()).add("glossary")


def reads_all(uri: str) -> None:
    if state["dirty"]:
        pending.setdefault("reads", {}).setdefault(uri, set()).add(ALL)


def needs_rebuild(uri: str, changed: set[str]) -> bool:
    """Whether the hand-written page *uri* quotes one of the *changed* catalogues (as far
    as the last build that rebuilt it saw; never seen: yes)."""
    reads = state["reads"].get(uri)
    return reads is None or ALL in reads or bool(reads & changed)


def changes(data_files: dict[str, bytes], code_files: list[bytes]) -> tuple[set[str], bool]:
    """The catalogues whose file differs from the last successful build's, and whether the
    code that makes pages (templates, macros, hooks, theme overrides, mkdocs.yml) does;
    outside dirty mode, everything has changed. Changed code rebuilds every page."""
    files = {name.rsplit(".", 1)[0]: hashlib.sha256(content).hexdigest() for name, content in data_files.items()}
    code = hashlib.sha256(b"\0".join(code_files)).hexdigest()
    pending.update(files=files, code=code)
    if not state["dirty"]:
        return set(files), True
    old = state["files"]
    return {name for name in files.keys() | old.keys() if files.get(name) != old.get(name)}, code != state["code"]


def memo(data_files: dict[str, bytes], unless: str):
    """A memo of generated pages for :func:`macros.pages.generated.practice_pages`, in dirty mode
    (else None): a page is made again only when its inputs or a catalogue other than
    *unless* (whose entries the inputs are) changed. Made pages are kept in memory."""
    if not state["dirty"]:
        return None
    others = hashlib.sha256(b"\0".join(v for k, v in sorted(data_files.items()) if k != unless)).hexdigest()
    others += pending.get("code", "")  # a template or macro that changed remakes every page
    memo = state["memo"]
    encoded: dict[int, str] = {}  # id(entry) -> its JSON: an entry is in the inputs of ~8 pages

    def encode(value) -> str:
        if isinstance(value, list):
            return "[" + ",".join(map(encode, value)) + "]"
        text = encoded.get(id(value))
        if text is None:
            text = encoded[id(value)] = json.dumps(value, sort_keys=True, default=str)
        return text

    def remember(uri: str, inputs, make) -> str:
        key = others + encode(inputs)
        known = memo.get(uri)
        if known is None or known[0] != key:
            known = memo[uri] = (key, make())
        return known[1]

    return remember


def page_changed(uri: str, content: str) -> bool:
    digest = hashlib.sha256(content.encode("utf-8")).hexdigest()
    pending.setdefault("pages", {})[uri] = digest
    return not state["dirty"] or state["pages"].get(uri) != digest


def always_rebuilt(file: File) -> None:
    """Make a docs/ page rebuild in this dirty build whatever its modification time."""
    file.is_modified = lambda: True  # instance attribute: this build's File object only


def commit() -> None:
    """The build succeeded: what it wrote is the reference for the next one."""
    for key in ("code", "files"):
        if key in pending:
            state[key] = pending[key]
    state["reads"].update(pending.get("reads", {}))
    state["pages"].update(pending.get("pages", {}))
    pending.clear()
