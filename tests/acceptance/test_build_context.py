"""The build's context (macros/glue/context.py): one per build, carried in MkDocs' configuration,
and the hooks' order asserted, not assumed (issue 15, item 1).

The hooks are called here as MkDocs calls them (the item, then keywords), on the modules
MkDocs loaded from mkdocs.yml, without a whole build."""

from __future__ import annotations

import ast
import re
from types import SimpleNamespace

import pytest
from mkdocs.config import load_config

from macros.glue.context import CONFIG_KEY, HOOKS, HookOrderError, context_of, start
from tests.support import ROOT


def _config():
    return load_config(str(ROOT / "mkdocs.yml"), site_dir="/tmp/unused-site")


def _hook(config, name):
    return config["hooks"][f"hooks/{name}.py"]


def _page(uri="reforme.md"):
    return SimpleNamespace(
        file=SimpleNamespace(src_uri=uri, generated_by=None),
        meta={},
        title="Titre",
        toc=[],
        url=uri.removesuffix(".md") + "/",
    )


@pytest.fixture(scope="module")
def context_config():
    config = _config()
    start(config)
    return config


def test_mkdocs_yml_lists_the_hooks_in_the_asserted_order(context_config):
    assert [name.removeprefix("hooks/").removesuffix(".py") for name in context_config["hooks"]] == list(HOOKS)
    assert context_of(context_config) is context_config[CONFIG_KEY]


def test_a_page_is_sanitised_then_typographed_and_the_context_records_it(context_config):
    ctx = context_of(context_config)
    page = _page("reforme.md")
    html = "<p>Un texte : <script>x</script>« citation »</p>"
    for name in ("trust", "reader", "typography"):
        assert _hook(context_config, name).on_page_content(html, page=page, config=context_config, files=None) is None
    assert ctx.ran("on_page_content", "reforme.md") == ("trust", "reader", "typography")
    ctx.pagework.submit(page, html)  # what hooks/search_index.py does, without a Pagefind session
    assert [done for done, _ in ctx.pagework.finished(wait=True)] == [page]
    assert "<script>" not in page.content and "texte&nbsp;:" in page.content
    ctx.pagework.check(page)  # the theme may render it


def test_typography_before_the_sanitiser_stops_the_build(context_config):
    page = _page("glossaire.md")
    with pytest.raises(HookOrderError, match="hooks/typography.py reçoit on_page_content pour « glossaire.md »"):
        _hook(context_config, "typography").on_page_content("<p>x</p>", page=page, config=context_config, files=None)


def test_indexing_a_page_that_skipped_typography_stops_the_build(context_config):
    page = _page("sources.md")
    for name in ("trust", "reader"):
        _hook(context_config, name).on_page_content("<p>x</p>", page=page, config=context_config, files=None)
    with pytest.raises(HookOrderError, match="search_index"):
        _hook(context_config, "search_index").on_page_content("<p>x</p>", page=page, config=context_config, files=None)


def test_a_hook_run_twice_for_one_page_stops_the_build(context_config):
    page = _page("partenaires.md")
    _hook(context_config, "trust").on_page_content("<p>x</p>", page=page, config=context_config, files=None)
    with pytest.raises(HookOrderError):
        _hook(context_config, "trust").on_page_content("<p>x</p>", page=page, config=context_config, files=None)


def test_hooks_listed_out_of_order_are_refused_at_on_config():
    config = _config()
    hooks = dict(config["hooks"])
    order = list(hooks)
    i, j = order.index("hooks/trust.py"), order.index("hooks/typography.py")
    order[i], order[j] = order[j], order[i]
    config["hooks"] = {name: hooks[name] for name in order}
    with pytest.raises(HookOrderError, match="l'ordre doit être"):
        start(config)
    assert CONFIG_KEY not in config


def test_a_hook_event_without_the_context_says_which_hook_must_come_first():
    config = _config()
    with pytest.raises(HookOrderError, match="hooks/context.py doit être le premier hook"):
        _hook(config, "trust").on_files(None, config=config)


def test_each_build_gets_its_own_context():
    first, second = _config(), _config()
    assert start(first) is not start(second)
    assert context_of(first).catalog is not context_of(second).catalog


HOOK_FILES = sorted((ROOT / "hooks").glob("*.py"))


@pytest.mark.parametrize("path", HOOK_FILES, ids=lambda p: p.name)
def test_hooks_are_thin_and_keep_nothing_between_events(path):
    """At most 60 lines; no module-level state (only imports, constants, the `on` decorator, a
    logger, functions); never sys.path."""
    text = path.read_text(encoding="utf-8")
    assert len(text.splitlines()) <= 60, f"{path.name} : {len(text.splitlines())} lignes"
    assert "sys.path" not in text
    for node in ast.parse(text).body:
        if isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names = [t.id for t in targets if isinstance(t, ast.Name)]
            assert all(re.fullmatch(r"[A-Z_]+|on|log", n) for n in names), f"{path.name} : état de module {names}"
            assert not isinstance(node.value, (ast.Dict, ast.List, ast.Set, ast.DictComp, ast.ListComp)), path.name


def test_only_hooks_and_the_glue_package_import_mkdocs():
    importing = []
    for path in sorted((ROOT / "macros").rglob("*.py")):
        if re.search(r"^\s*(from|import) mkdocs\b", path.read_text(encoding="utf-8"), re.M):
            importing.append(path.relative_to(ROOT).as_posix())
    assert importing and all(p.startswith("macros/glue/") for p in importing), importing


def test_the_heap_kept_out_of_the_collector_s_walks_is_given_back_when_the_build_ends():
    import gc

    config = _config()
    ctx = start(config)
    try:
        assert gc.get_freeze_count() == 0
        ctx.keep_heap()
        assert gc.get_freeze_count() > 0  # the catalogue among what is kept
        ctx.keep_heap()  # once a build
    finally:
        ctx.close()
    assert gc.get_freeze_count() == 0  # a `make serve` process walks the old builds' objects again
