"""One MkDocs build's context: what the hooks share, from on_config to on_post_build.

MkDocs hands every event of one build the same configuration object, and each build
of `mkdocs serve` a new one. hooks/context.py, the first hook of mkdocs.yml, makes the
:class:`BuildContext` at on_config (the data validated and loaded once) and keeps it in
that object under :data:`CONFIG_KEY`: MkDocsConfig is a dict, and a key added at on_config
is handed to every later event of the build, then dropped with it. No hook keeps anything
in its module: a `make serve` rebuild starts from a new configuration, so it cannot see
what an earlier build knew (the partial rebuilds this replaced served stale pages).

The order of the hooks is asserted, not assumed:

- at on_config, mkdocs.yml must list the hooks as :data:`HOOKS` does;
- every hook event is wrapped by :func:`hook` (``@on``): before it runs, the context checks
  that, for this event and this page (or template), every hook listed before it that
  handles the event has run, and that it has not run yet. A page's HTML is thus sanitised
  (trust) before its typography, and indexed (search_index) only after both; a hook run out
  of order, twice or skipped stops the build with :class:`HookOrderError`, in French.

MkDocs' on_build_error receives no configuration: what a failed build leaves running (the
documents' worker process, the pages' worker process, the practice pages' worker process, the
Pagefind service) is closed by
:meth:`BuildContext.close`, which also runs when the context is garbage-collected or the
interpreter exits (:func:`weakref.finalize`).
"""

from __future__ import annotations

import functools
import gc
import weakref
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

from macros.core.errors import DataErrors
from macros.glue.pagework import PageWork
from macros.glue.prerender import Prerender
from macros.model.catalog import Catalog, load_catalog
from macros.pages.addresses import site_beside
from macros.pages.render import new_build

CONFIG_KEY = "alternance_build"
# The hooks of mkdocs.yml, in the order they must run (each listed with what it does there).
HOOKS = (
    "context",
    "site_address",
    "catalog_pages",
    "feeds_exports",
    "admin",
    "trust",
    "reader",
    "typography",
    "search_index",
)
# The events whose order is checked per page or template (the others: once per build) name it so.
_SUBJECTS = ("page", "template_name")


class HookOrderError(PluginError):
    """A hook ran out of the order of :data:`HOOKS`, twice, or before the context existed."""


@dataclass(eq=False)
class BuildContext:
    """What one build knows. Each hook reads and writes its own part, named here."""

    root: Path
    catalog: Catalog
    expected: dict[str, tuple[str, ...]]  # event -> the hooks that handle it, in order
    # hooks/catalog_pages.py: the documents of the format forms, their files, the format pages
    fiches: Any = None  # macros.documents.site.PendingFiches, then its result (format id -> Fiche)
    documents: dict[str, Any] = field(default_factory=dict)  # src_uri -> MkDocs File
    formats: dict[str, dict] = field(default_factory=dict)  # format page src_uri -> format
    abbreviations: list | None = None  # the glossary's `*[SIGLE]: expansion` lines
    practice_sources: dict[str, str] = field(default_factory=dict)  # practice page src_uri -> its source
    prerender: Prerender = field(default_factory=Prerender)  # their Markdown, converted beside MkDocs
    # hooks/feeds_exports.py: the open-data files (the « Données » page lists their sizes)
    exports: list = field(default_factory=list)
    # hooks/trust.py: the redirects, the date pages say they were updated, every page's title
    redirects: list[dict] = field(default_factory=list)
    data_date: str | None = None
    titles: dict[str, str] = field(default_factory=dict)  # page URL -> title (plain text)
    # hooks/trust.py and hooks/reader.py: the pages' URLs; hooks/reader.py: the navigation
    page_urls: list[str] = field(default_factory=list)
    nav_pages: dict[str, Any] = field(default_factory=dict)
    home: Any = None
    active_section: Any = None
    nav_once: Any = None  # macros.glue.navcache.NavOnce: the sidebar of the pages outside the navigation
    # hooks/trust.py, reader.py, typography.py and search_index.py: the passes over each page's
    # HTML, run in a worker process (macros/glue/pagework.py)
    pagework: PageWork = field(default_factory=PageWork)
    # hooks/search_index.py: the Pagefind session (macros/glue/search.py)
    search: Any = None
    _ran: dict[tuple, int] = field(default_factory=dict, repr=False)
    _resources: ExitStack = field(default_factory=ExitStack, repr=False)

    def __post_init__(self) -> None:
        self._finalizer = weakref.finalize(self, self._resources.close)
        self._resources.callback(self.pagework.close)
        self._resources.callback(self.prerender.close)

    # --- The order of the hooks ------------------------------------------------------

    def enter(self, hook: str, event: str, subject: str | None = None) -> None:
        """*hook*'s *event* begins (for the page or template *subject*): check it comes next."""
        order = self.expected.get(event, ())
        key = (event, subject)
        done = self._ran.get(key, 0)
        if done < len(order) and order[done] == hook:
            self._ran[key] = done + 1
            return
        what = f" pour « {subject} »" if subject else ""
        before = ", ".join(f"hooks/{h}.py" for h in order[:done]) or "aucun"
        raise HookOrderError(
            f"Ordre des hooks non respecté : hooks/{hook}.py reçoit {event}{what} alors que l'ordre attendu est "
            f"{', '.join(f'hooks/{h}.py' for h in order) or '(aucun hook)'} (déjà passés : {before}). "
            "L'ordre est celui de macros/glue/context.py (HOOKS) et de mkdocs.yml."
        )

    def ran(self, event: str, subject: str | None = None) -> tuple[str, ...]:
        """The hooks that have handled *event* for *subject* so far, in order."""
        return self.expected.get(event, ())[: self._ran.get((event, subject), 0)]

    # --- What the build leaves running ---------------------------------------------

    def closing(self, close: Callable[[], Any]) -> None:
        """Call *close* when the build ends, whether it succeeds or fails."""
        self._resources.callback(close)

    def close(self) -> None:
        self._finalizer()

    # --- The heap ------------------------------------------------------------------

    def keep_heap(self) -> None:
        """What the build holds once its pages are known (the catalogue, the files, the navigation,
        the loaded templates) lives until the build ends: Python's cycle collector stops walking it
        at each of its full passes (``gc.freeze``; about 0.15 s a build at 1,000 practices,
        docs-dev/performance.md), and walks it again once the build ends (``gc.unfreeze``), so that
        a `make serve` process does not keep what its earlier builds left."""
        if gc.get_freeze_count() == 0:
            gc.freeze()
            self._resources.callback(gc.unfreeze)


def after_failure() -> None:
    """A build failed (MkDocs' on_build_error, which gets no configuration): the heap its context
    froze (:meth:`BuildContext.keep_heap`) is walked again, so that the context, unreachable once
    MkDocs drops the configuration, is collected and its finaliser closes what the build left
    running; frozen, it would stay with its processes for the life of a `make serve` process."""
    gc.unfreeze()


def hook_order(config) -> list[str]:
    """The hooks of *config* (mkdocs.yml's `hooks:`), by file name."""
    return [Path(name).stem for name in (config.get("hooks") or {})]


def start(config) -> BuildContext:
    """The context of the build *config* begins (hooks/context.py, on_config): the hooks' order is
    checked, data/ validated and loaded once (a failure stops the build with the validator's
    FILE:LINE:COL messages, before anything is written)."""
    order = hook_order(config)
    if tuple(order) != HOOKS:
        raise HookOrderError(
            "mkdocs.yml, hooks : l'ordre doit être "
            + ", ".join(f"hooks/{h}.py" for h in HOOKS)
            + " (macros/glue/context.py, HOOKS), il est "
            + ", ".join(f"hooks/{h}.py" for h in order)
            + "."
        )
    root = Path(config.config_file_path).resolve().parent
    end_templates = new_build()  # templates/: each template's text checked once in this build
    pagework, prerender = PageWork(), Prerender()
    pagework.prepare()  # the two workers start now: their imports overlap the validation
    prerender.spawn()
    try:
        catalog = load_catalog(root, site=site_beside(root / "schemas"))  # addresses checked too
    except BaseException as exc:
        pagework.close()
        prerender.close()
        end_templates()
        if not isinstance(exc, DataErrors):
            raise
        lines = "\n".join(error.format() for error in exc.errors)
        raise PluginError(f"Les données de data/ ne sont pas valides :\n{lines}") from None
    modules = config["hooks"]
    expected = {}
    for module_name, module in modules.items():
        for event in (n for n in dir(module) if n.startswith("on_") and callable(getattr(module, n))):
            expected.setdefault(event, []).append(Path(module_name).stem)
    context = BuildContext(
        root=root,
        catalog=catalog,
        expected={k: tuple(v) for k, v in expected.items()},
        pagework=pagework,
        prerender=prerender,
    )
    context.closing(end_templates)  # after the build, templates are checked at every use again
    config[CONFIG_KEY] = context
    context.enter("context", "on_config")
    return context


def context_of(config) -> BuildContext:
    """The context of the build *config* (made by hooks/context.py at on_config)."""
    context = config.get(CONFIG_KEY) if config is not None else None
    if context is None:
        raise HookOrderError(
            "Le contexte de construction manque : hooks/context.py doit être le premier hook de "
            "mkdocs.yml (macros/glue/context.py)."
        )
    return context


def hook(name: str) -> Callable:
    """The decorator of hooks/<name>.py's events: the event is checked against the order of the
    hooks (:meth:`BuildContext.enter`), then run with the build's context as ``ctx``."""

    def event(function: Callable) -> Callable:
        @functools.wraps(function)
        def run(*args, **kwargs):
            config = kwargs["config"] if "config" in kwargs else args[0]
            context = context_of(config)
            subject = next((kwargs[k] for k in _SUBJECTS if k in kwargs), None)
            if function.__name__ == "on_pre_page":  # the page is the item MkDocs hands on, not a keyword
                subject = args[0]
            if subject is not None and not isinstance(subject, str):
                subject = subject.file.src_uri
            context.enter(name, function.__name__, subject)
            return function(*args, ctx=context, **kwargs)

        return run

    return event
