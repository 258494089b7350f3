"""The one Jinja environment over templates/, and the filters that keep editor text inert.

Editor text from YAML is Markdown, but never HTML and never template code:
:func:`~macros.core.inert.md` escapes HTML-significant characters and braces before the text is
placed into generated Markdown, so `<script>`, `{: onclick=… }` or `{{ … }}`
typed in a YAML file are shown as text. Templates are compiled once per process and
reloaded when their text changes (:class:`ContentLoader`); compiled code is kept on disk by
content (:class:`ContentBytecodeCache`).
"""

from __future__ import annotations

import hashlib
import os
import posixpath
from collections.abc import Callable
from functools import lru_cache, partial
from pathlib import Path

import jinja2
from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined, select_autoescape
from jinja2.bccache import Bucket

from macros.core import clock
from macros.core.inert import inline, md
from macros.core.paths import CACHE, TEMPLATES
from macros.french.dates import date_fr
from macros.french.typography import number_fr  # integer quantities: {{ n | number_fr }} -> « 1 164 »
from macros.model.catalog import FORMAT_DIR, PRACTICE_DIR

BYTECODE = CACHE / "jinja"


# --- Filters -----------------------------------------------------------------


def page_url(uri: str) -> str:
    """The URL path MkDocs gives the page *uri* (« pratiques/x.md » -> « pratiques/x/ »)."""
    path = uri[:-3] if uri.endswith(".md") else uri
    if path == "index":
        return ""
    if path.endswith("/index"):
        return path[:-5]
    return path + "/"


def format_uri(entry_id: str) -> str:
    return f"{FORMAT_DIR}/{entry_id}.md"


def practice_uri(entry_id: str) -> str:
    return f"{PRACTICE_DIR}/{entry_id}.md"


# --- Environment -------------------------------------------------------------


class ContentLoader(FileSystemLoader):
    """templates/, each template reloaded when its text changed.

    Jinja's own loader compares modification times: two saves in one tick of the clock would keep
    the first. Here a template's text is read again and compared. Outside a build, at every use;
    within a build (from :meth:`new_build`, called as each build begins, every `make serve`
    rebuild included, to :meth:`end_build`), once: a template checked in this build is kept until
    the build ends (4,000 uses a build at 1,000 practices, and about 30 templates). A template
    edited during a build is seen by the rebuild that edit triggers.
    """

    def __init__(self, searchpath, encoding: str = "utf-8") -> None:
        super().__init__(searchpath, encoding=encoding)
        self.build: int | None = None  # the build under way, None outside builds
        self._builds = 0  # builds begun: a number is never given twice

    def new_build(self) -> int:
        """A build begins: every template is checked once more, at its first use in it. Returns
        the build's number, for :meth:`end_build`."""
        self._builds += 1
        self.build = self._builds
        return self.build

    def end_build(self, build: int) -> None:
        """The build *build* ended: until the next one, every use checks the text again. A build
        ended late (a failed build's context collected during the next) changes nothing."""
        if self.build == build:
            self.build = None

    def get_source(self, environment: Environment, template: str):
        source, filename, _ = super().get_source(environment, template)
        checked = self.build  # read now: the text is the one of this build

        def uptodate() -> bool:
            nonlocal checked
            if self.build is not None and checked == self.build:
                return True
            try:
                same = Path(filename).read_text(encoding=self.encoding) == source
            except OSError:
                return False
            if same:
                checked = self.build
            return same

        return source, filename, uptodate


class ContentBytecodeCache(FileSystemBytecodeCache):
    """Compiled templates on disk, found by all the compiled code depends on.

    Jinja keys an entry by the template's name and path, and checks its source's checksum;
    the compiled code also depends on the environment's syntax and options and on whether
    the template is autoescaped, which are added to the key here (two environments over one
    template, or an option changed, never share an entry).
    """

    def get_bucket(self, environment: Environment, name: str, filename: str | None, source: str) -> Bucket:
        options = compile_options(environment, name)
        key = hashlib.sha1(f"{self.get_cache_key(name, filename)}|{options}".encode()).hexdigest()
        bucket = Bucket(environment, key, self.get_source_checksum(source))
        self.load_bytecode(bucket)
        return bucket


def compile_options(environment: Environment, name: str) -> str:
    """What Jinja's compiled code of template *name* depends on besides its source."""
    autoescape = environment.autoescape(name) if callable(environment.autoescape) else environment.autoescape
    syntax = tuple(
        getattr(environment, key)
        for key in (
            "block_start_string",
            "block_end_string",
            "variable_start_string",
            "variable_end_string",
            "comment_start_string",
            "comment_end_string",
            "line_statement_prefix",
            "line_comment_prefix",
            "trim_blocks",
            "lstrip_blocks",
            "newline_sequence",
            "keep_trailing_newline",
            "optimized",
            "is_async",
        )
    )
    return repr(
        (
            jinja2.__version__,
            syntax,
            sorted(environment.extensions),
            autoescape,
            getattr(environment.finalize, "__qualname__", None),
        )
    )


def bytecode_cache() -> ContentBytecodeCache | None:
    """Compiled templates kept between builds (ours and the theme's: hooks/catalog_pages.py).

    Compiling Material's templates and ours costs about 0.5 s a build, and each build (each
    `make serve` rebuild) makes a new theme environment. An entry is found by the template's
    source and the environment's options (:class:`ContentBytecodeCache`), so an edited template
    is compiled again. None if .cache/ is not writable.
    """
    try:
        BYTECODE.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return ContentBytecodeCache(str(BYTECODE)) if os.access(BYTECODE, os.W_OK) else None


def new_build() -> Callable[[], None]:
    """A build begins (macros/glue/context.py): each template's text is checked once more.
    Returns what ends it, to call when the build ends."""
    loader = environment().loader
    return partial(loader.end_build, loader.new_build())


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(
        loader=ContentLoader(str(TEMPLATES)),
        bytecode_cache=bytecode_cache(),
        autoescape=select_autoescape(enabled_extensions=("html.j2",), default_for_string=False),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    from macros.model.status import agreement, from_fr, since_fr, status_of

    env.filters.update(md=md, inline=inline, date_fr=date_fr, number_fr=number_fr, thousands=number_fr)
    env.globals.update(
        status_of=status_of,
        agreement=agreement,
        since_fr=since_fr,
        from_fr=from_fr,
        format_uri=format_uri,
        practice_uri=practice_uri,
    )
    return env


@lru_cache(maxsize=1 << 16)
def relative(path: str, base: str) -> str:
    """*path* seen from the folder *base*, both relative to docs/ and normalised
    (« pratiques/x.md » from « formats » is « ../pratiques/x.md »). The result of
    posixpath.relpath, without its two abspath calls: index pages make thousands."""
    parts, folder = path.split("/"), base.split("/") if base else []
    common = 0
    while common < min(len(parts), len(folder)) and parts[common] == folder[common]:
        common += 1
    return "/".join([".."] * (len(folder) - common) + parts[common:]) or "."


def url_relative(url: str, base_url: str) -> str:
    """The page URL *url* (« pratiques/x/ », « » for the home page) seen from the page
    whose URL is *base_url* + « / »."""
    target = url.rstrip("/")
    if not target:
        return "../" * len(base_url.split("/")) if base_url else "./"
    return relative(target, base_url) + "/"


def render(template: str, page_uri: str, **context) -> str:
    """Render *template* for the page at *page_uri* (e.g. 'formats/x.md').

    `rel(target_uri)` in templates gives the relative link MkDocs checks under --strict
    (in Markdown: every listing's links are such); `href(target_uri)`, the relative URL of the
    built page, for the two links Markdown cannot write (raw HTML, which MkDocs leaves alone:
    the confidence badge and the home page's key figure; tests/acceptance/test_links.py checks them).
    """
    base = posixpath.dirname(page_uri)
    base_url = page_url(page_uri).rstrip("/")

    def rel(target: str) -> str:
        path, _, anchor = target.partition("#")
        link = relative(path, base) if path else ""
        return f"{link}#{anchor}" if anchor else link

    def href(target: str) -> str:
        path, _, anchor = target.partition("#")
        link = url_relative(page_url(path), base_url) if path else ""
        return f"{link}#{anchor}" if anchor else link

    context.setdefault("today", clock.today())  # statuses are computed at the build date (macros/model/status.py)
    return environment().get_template(template).render(rel=rel, href=href, page_uri=page_uri, **context)
