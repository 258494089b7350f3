"""Every address the build writes, derived from the build's own inputs, for the checks that keep them.

An entry's id becomes a page (``pratiques/<id>/``) or an anchor on an index page
(``temoignages/#<id>``); a redirect writes ``<from>index.html``. None of them may
take an address the build already writes for something else: ``pratiques/index``
would replace the practices listing, a redirect from ``admin/`` the web editor,
one from ``feed.xml/`` would stop the build. :func:`site_layout` lists what the
build writes, from the same sources the build uses:

* the hand-written pages and files of ``docs/``, at the URLs MkDocs gives them;
* the pages generated from the data (:data:`~macros.model.kinds.KINDS`);
* the generated files: the feed (:data:`~macros.exports.feed.FEED_PATH`), the open-data
  exports (:data:`~macros.exports.open_data.EXPORT_DIR`), each format's documents
  (:func:`~macros.documents.site.fiche_uris`), and the files of
  ``tests/published-urls.txt`` (addresses published once);
* the folders tools write whole and the machine files (:data:`TOOL_FOLDERS`,
  :data:`MACHINE_FILES`, also what scripts/url_manifest.py leaves out of the manifest);
* for each index page, the anchors it has besides its entries: the headings of
  the hand-written page, the anchors of the template it calls and the ids the
  theme's overrides put on every page; and, when the data is otherwise valid,
  the page itself rendered by that template (:meth:`SiteAddresses.rendered_ids`).

The validator receives this as a :class:`~macros.validate.site.Site` from its callers
(:func:`site_beside`): it sits below the stages whose addresses are listed here.
tests/acceptance/test_security_rules_site.py checks, on a real build, that every file of the site
and every id of each index page is accounted for here.
"""

from __future__ import annotations

import posixpath
import re
from collections import Counter
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace

from markdown import Markdown
from markdown.extensions.toc import slugify

from macros.documents.site import fiche_uris
from macros.exports.feed import FEED_PATH
from macros.exports.open_data import EXPORT_DIR
from macros.model.catalog import Catalog, _complete
from macros.model.kinds import KINDS
from macros.pages.generated import PAGE_TEMPLATES
from macros.pages.render import TEMPLATES, environment, render
from macros.schema.store import load_schemas
from macros.validate.site import MACHINE_FILES, Layout, page_url
from macros.validate.texts import BLOCK_EXTENSIONS

MANIFEST = Path("tests") / "published-urls.txt"

_HEADING = re.compile(r"^(#{1,6})[ \t]+(.+?)[ \t]*$", re.M)
_ATTR_ID = re.compile(r"\{:[^}]*#([A-Za-z][\w-]*)[^}]*\}\s*$")
_LITERAL_ANCHOR = re.compile(r"""\{:[^}\n]*#([a-z0-9][a-z0-9-]*)[\s}]|\sid="([a-z0-9][a-z0-9-]*)\"""")
_EXPR_ANCHOR = re.compile(
    r"""\{:[^}\n]*?#([a-z0-9-]*)\{\{\s*([^}]+?)\s*\}\}([a-z0-9-]*)|\sid="([a-z0-9-]*)\{\{\s*([^}]+?)\s*\}\}([a-z0-9-]*)\""""
)
_INDEX_CALL = re.compile(r"""\{\{\s*index\(\s*["']([a-z_]+)["']\s*\)\s*\}\}""")
_INCLUDE = re.compile(r"""\{%-?\s*include\s+["']([^"']+)["']""")


def site_layout(site_root: Path, catalogues: dict, schema_dir: Path | None = None) -> Layout:
    """What the site under *site_root* (docs/, templates/, tests/) writes, with the data *catalogues*."""
    site_root = Path(site_root)
    schema_dir = Path(schema_dir) if schema_dir is not None else site_root / "schemas"
    layout = Layout()
    docs = site_root / "docs"
    for path in sorted(docs.rglob("*")) if docs.is_dir() else ():
        if not path.is_file():
            continue
        src = path.relative_to(docs).as_posix()
        if src.endswith(".md"):
            layout.handwritten.add(src)
            layout.pages.setdefault(page_url(src), src)
        else:
            layout.files.add(src)
    layout.entry_pages = {kind.catalogue: kind.page for kind in KINDS if kind.page}
    for kind in KINDS:
        if kind.page and "#" not in kind.page:
            for entry in catalogues.get(kind.catalogue) or []:
                if isinstance(entry, dict) and isinstance(entry.get("id"), str):
                    src = kind.doc_uri(entry["id"])
                    layout.pages.setdefault(page_url(src), src)
    layout.files.add(FEED_PATH)
    for schema in sorted(schema_dir.glob("*.json")):
        layout.files.add(f"{EXPORT_DIR}/schemas/{schema.name}")
        if not schema.name.startswith("_") and schema.name.endswith(".schema.json"):
            name = schema.name[: -len(".schema.json")]
            layout.files.update(f"{EXPORT_DIR}/{name}.{ext}" for ext in ("json", "csv"))
    formats = [f for f in catalogues.get("formats") or [] if isinstance(f, dict) and isinstance(f.get("id"), str)]
    layout.files.update(fiche_uris(SimpleNamespace(formats=formats)))
    manifest = site_root / MANIFEST
    if manifest.is_file():
        for line in manifest.read_text(encoding="utf-8").splitlines():
            if line.startswith("/") and not line.endswith("/"):
                layout.files.add(line[1:])
    layout.files.update(MACHINE_FILES)
    theme = layout.theme_ids = theme_anchors(site_root)
    for kind in KINDS:
        if kind.page and "#" in kind.page:
            src = kind.page.split("#", 1)[0]
            entries = catalogues.get(kind.catalogue) or []
            layout.anchors[src], layout.anchor_patterns[src], unknown = page_anchors(
                site_root, src, entries, schema_dir
            )
            layout.anchors[src] |= theme
            if unknown or kind.catalogue not in catalogues:  # not read (a YAML error): its ids unknown
                layout.open_anchors.add(src)
            layout.entry_ids[src] = {e["id"] for e in entries if isinstance(e, dict) and isinstance(e.get("id"), str)}
            page = docs / src
            text = page.read_text(encoding="utf-8") if page.is_file() else ""
            layout.index_templates[src] = [f"indexes/{name}.md.j2" for name in _INDEX_CALL.findall(text)]
    for catalogue, template in PAGE_TEMPLATES.items():
        kind = next(k for k in KINDS if k.catalogue == catalogue)
        anchors, patterns, unknown = template_anchors([template], None, schema_dir)
        layout.entry_page_anchors[kind.page] = (anchors, patterns)
        if unknown:
            layout.open_anchors.add(kind.page)
    for src in sorted(layout.handwritten):
        layout.doc_links += [
            link
            for link in doc_anchor_links(src, (docs / src).read_text(encoding="utf-8"))
            if link[3] in layout.entry_ids
        ]
    return layout


_JINJA_COMMENT = re.compile(r"\{#.*?#\}", re.S)  # mkdocs-macros drops them before Markdown reads the page
_PAGE_ANCHOR = re.compile(r"(?![a-z][a-z0-9+.-]*:)([^#?]*\.md)#(.+)", re.S)


class _Hrefs(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.found += [value for name, value in attrs if name == "href" and value]


def doc_anchor_links(src: str, text: str) -> list[tuple[str, int, int, str, str]]:
    """The links of the hand-written page *src* (its Markdown *text*) to an anchor of a page:
    (src, line, column, linked page's source, anchor).

    The links are the ones Python-Markdown makes of the page, with the block extensions of
    mkdocs.yml (:data:`~macros.validate.texts.BLOCK_EXTENSIONS`): none in code, comments or
    escaped brackets, every form of link and reference. Each is placed at the first place the
    text writes its target (line 1 if the text spells it otherwise)."""
    if ".md#" not in text:
        return []
    parser = _Hrefs()
    parser.feed(Markdown(extensions=BLOCK_EXTENSIONS).convert(_JINJA_COMMENT.sub("", text)))
    out = []
    after: dict[str, int] = {}
    for href in parser.found:
        m = _PAGE_ANCHOR.fullmatch(href)
        if not m:
            continue
        target, anchor = m.groups()
        if target.startswith("/"):  # validation.links.absolute_links: relative_to_docs
            page = target[1:]
        else:
            page = posixpath.normpath(posixpath.join(posixpath.dirname(src), target))
        start = text.find(href, after.get(href, 0))
        after[href] = start + 1
        start = max(start, 0)
        line = text.count("\n", 0, start) + 1
        col = start - text.rfind("\n", 0, start)
        out.append((src, line, col, page, anchor))
    return out


def theme_anchors(site_root: Path) -> set[str]:
    """The ids the theme's overrides write on every page (« citation-texte » of the page tools)."""
    out: set[str] = set()
    for path in sorted((Path(site_root) / "overrides").rglob("*.html")):
        out.update(re.findall(r'\sid="([a-z0-9][a-z0-9-]*)"', path.read_text(encoding="utf-8")))
    return out


def reserved_ids(layout: Layout | None, kind) -> set[str]:
    """Ids an entry of *kind* may not take (those would give it another address, or an anchor taken)."""
    if not kind.page:
        return set()
    if "#" in kind.page:
        return set(layout.anchors.get(kind.page.split("#", 1)[0], ())) if layout else set()
    folder = kind.page.rsplit("/", 1)[0] + "/" if "/" in kind.page else ""
    out = {"index"}  # MkDocs makes <folder>/index.md the folder's own page
    for src in layout.handwritten if layout else ():
        if src.startswith(folder):
            out.add(src[len(folder) :].split("/", 1)[0].removesuffix(".md"))
    return out


def page_anchors(
    site_root: Path, src: str, entries: list, schema_dir: Path | None = None
) -> tuple[set[str], list[re.Pattern], bool]:
    """(anchors, patterns of anchors, whether some are unknown: :func:`template_anchors`) the index
    page *src* has besides its entries' ids (derived from its sources).

    The headings of the hand-written page (as Python-Markdown's ``toc`` names them),
    the anchors written in the template it calls (``{{ index("…") }}``) and its
    partials: literal ones (``{: #sigles}``), ones named by a loop over one of the
    templates' global tables or over a vocabulary of the schemas (``{: #{{ actor }}}`` for each
    code of ``catalog.labels("testimonials", "actor")``), ones
    made from an entry's id (``{: #{{ pr.id }}-public}``, for each entry), and, for
    any other value written around fixed text (``{: #regles-{{ g.year }}}``), every
    anchor of that shape (``regles-…``).
    """
    path = Path(site_root) / "docs" / src
    text = path.read_text(encoding="utf-8") if path.is_file() else ""
    anchors = set()
    for _, heading in _HEADING.findall(re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.S)):
        explicit = _ATTR_ID.search(heading)
        anchors.add(explicit.group(1) if explicit else slugify(_ATTR_ID.sub("", heading).strip("# "), "-"))
    ids = [e["id"] for e in entries if isinstance(e, dict) and isinstance(e.get("id"), str)]
    names = [f"indexes/{name}.md.j2" for name in _INDEX_CALL.findall(text)]
    found, patterns, unknown = template_anchors(names, ids, schema_dir or Path(site_root) / "schemas")
    return anchors | found, patterns, unknown


def template_anchors(
    names: list[str], ids: list[str] | None, schema_dir: Path
) -> tuple[set[str], list[re.Pattern], bool]:
    """(anchors, patterns of anchors, whether some anchor is neither) the templates *names* and
    their partials write (see :func:`page_anchors`); *ids*: the entries' ids an anchor made from
    ``x.id`` takes, or None: every such anchor is only a pattern (a generated page: its sections'
    ids). An anchor written from any other value alone (``{: #{{ anchor }}}``) is unknown: the
    page's anchors are then not all known, and a link to one of them is not judged."""
    anchors: set[str] = set()
    patterns: list[re.Pattern] = []
    unknown = False
    tables = environment().globals
    for template in _templates(TEMPLATES, names):
        source = template.read_text(encoding="utf-8")
        for a, b in _LITERAL_ANCHOR.findall(source):
            anchors.add(a or b)
        for m in _EXPR_ANCHOR.finditer(source):
            prefix, expr, suffix = m.group(1, 2, 3) if m.group(2) else m.group(4, 5, 6)
            if re.match(r"[a-z_]+\.id\b", expr) and ids is not None:
                if prefix or suffix:  # « {{ pr.id }}-public »: an anchor per entry
                    anchors.update(prefix + i + suffix for i in ids)
                continue  # the entry's own anchor
            loop = re.search(r"\{%-?\s*for\s+" + re.escape(expr) + r"\b[^%]*\bin\s+([A-Z_]+)", source)
            vocabulary = re.search(
                r"\{%-?\s*for\s+" + re.escape(expr) + r"\b[^%]*\bin\s+catalog\.labels\(\s*[\"'](\w+)[\"']"
                r"\s*,\s*[\"']([\w.]+)[\"']\s*\)",
                source,
            )
            if re.fullmatch(r"[a-z_]+", expr) and loop and isinstance(tables.get(loop.group(1)), dict):
                anchors.update(prefix + str(k) + suffix for k in tables[loop.group(1)])
            elif re.fullmatch(r"[a-z_]+", expr) and vocabulary:  # one per code of a schema's x-labels
                labels = load_schemas(Path(schema_dir)).labels(*vocabulary.groups())
                anchors.update(prefix + str(k) + suffix for k in labels)
            elif prefix or suffix:
                patterns.append(re.compile(re.escape(prefix) + ".+" + re.escape(suffix)))
            else:
                unknown = True
    return anchors, patterns, unknown


def _templates(folder: Path, names: list[str]) -> list[Path]:
    """The templates *names* under *folder* and every partial they include."""
    seen: list[Path] = []
    todo = list(names)
    while todo:
        path = folder / todo.pop()
        if path in seen or not path.is_file():
            continue
        seen.append(path)
        todo += _INCLUDE.findall(path.read_text(encoding="utf-8"))
    return seen


_ID = re.compile(r"""\{:[^}\n]*?#([a-z0-9][a-z0-9-]*)|\sid="([a-z0-9][a-z0-9-]*)\"""")


@dataclass(frozen=True)
class SiteAddresses:
    """The site under *root* as the validator sees it (:class:`~macros.validate.site.Site`)."""

    root: Path
    schema_dir: Path

    def layout(self, catalogues: dict) -> Layout:
        return site_layout(self.root, catalogues, self.schema_dir)

    def rendered_ids(self, catalogues: dict, layout: Layout) -> dict[str, Counter]:
        """{index page: how many times each id appears in it}, the pages rendered as the build renders them."""
        data = {name: [dict(e) for e in entries] for name, entries in catalogues.items()}
        catalog = Catalog(root=self.schema_dir.parent, data=_complete(data, self.schema_dir))
        out = {}
        for page, templates in layout.index_templates.items():
            text = "".join(render(name, page, catalog=catalog) for name in templates)
            out[page] = Counter(a or b for a, b in _ID.findall(text))
        return out


def site_beside(schema_dir: Path) -> SiteAddresses | None:
    """The site whose schemas are *schema_dir* (its parent holds docs/), or None: a data folder alone."""
    schema_dir = Path(schema_dir)
    return SiteAddresses(schema_dir.parent, schema_dir) if (schema_dir.parent / "docs").is_dir() else None
