"""What a `mkdocs serve` process keeps from one build to the next is keyed by content, so it can
never serve a stale page (issue 14, rule 10): the fiche documents' disk cache, Jinja's compiled
templates, our templates' environment, the schemas read once per content; the catalogue is not
kept at all. Each edit below keeps the file's modification time, as two saves within one tick of
the clock would: a cache keyed by path and time would miss it."""

from __future__ import annotations

import inspect
import os
import shutil
from pathlib import Path

from jinja2 import DictLoader, Environment

from macros.documents import fiche, site
from macros.model.catalog import load_catalog
from macros.pages.render import ContentBytecodeCache, ContentLoader
from macros.schema.fields import entry_schema
from tests.support import ROOT
from tests.support.sitecopy import copy_repo


def _same_time_edit(path: Path, old: str, new: str) -> None:
    stat = path.stat()
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))


def test_the_documents_key_covers_the_form_the_writers_code_and_libraries(tmp_path):
    # The writers take the form and nothing else: the form is in the key, whole.
    for writer in (fiche.build_docx, fiche.build_odt):
        assert list(inspect.signature(writer).parameters) == ["form"]
    form = {"format_id": "x", "format_title": "Titre", "sections": [], "updated": "2026-01-01"}
    key = site.document_key(form, "odt")
    assert key != site.document_key(dict(form, format_title="Titre changé"), "odt")
    assert key != site.document_key(form, "docx")
    assert key != site.document_key(form, "odt", code="0" * 16)
    # Their code: every module of macros/ they import, directly or not (dates in French, typography).
    modules = {p.relative_to(ROOT).as_posix() for p in site.writer_modules()}
    assert {
        "macros/documents/docx.py",
        "macros/documents/odt.py",
        "macros/documents/fiche.py",
        "macros/french/typography.py",
        "macros/french/dates.py",
    } <= modules
    copy = tmp_path / "root"
    shutil.copytree(ROOT / "macros", copy / "macros", ignore=shutil.ignore_patterns("__pycache__"))
    assert site.code_digest(copy) == site.CODE_DIGEST
    _same_time_edit(copy / "macros" / "french" / "dates.py", '"janvier"', '"Janvier"')
    assert site.code_digest(copy) != site.CODE_DIGEST
    # And the libraries that write them.
    assert set(site.LIBRARIES) >= {"python-docx", "odfpy"}


def test_compiled_templates_are_found_by_source_and_options(tmp_path):
    cache = ContentBytecodeCache(str(tmp_path))
    plain = Environment(loader=DictLoader({"t": "{% if x %}\n  a\n{% endif %}"}), bytecode_cache=cache, autoescape=True)
    trimmed = Environment(
        loader=DictLoader({"t": "{% if x %}\n  a\n{% endif %}"}),
        bytecode_cache=cache,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=True,
    )
    assert plain.get_template("t").render(x=1) == "\n  a\n"
    assert trimmed.get_template("t").render(x=1) == "  a\n"  # not the other environment's compiled code
    source = "{{ x }}"
    assert cache.get_bucket(plain, "t", None, source).key != cache.get_bucket(trimmed, "t", None, source).key
    assert cache.get_bucket(plain, "t", None, source).key == cache.get_bucket(plain, "t", None, source).key


def test_a_template_edited_within_one_clock_tick_is_reloaded(tmp_path):
    (tmp_path / "page.md.j2").write_text("avant", encoding="utf-8")
    env = Environment(loader=ContentLoader(str(tmp_path)), autoescape=True)
    assert env.get_template("page.md.j2").render() == "avant"
    _same_time_edit(tmp_path / "page.md.j2", "avant", "après")
    assert env.get_template("page.md.j2").render() == "après"


def test_the_catalogue_and_the_schemas_are_read_again_after_an_edit(tmp_path):
    repo = copy_repo(tmp_path / "repo")
    first = load_catalog(repo)
    assert "Identifiant permanent de la pratique" in entry_schema(repo / "schemas", "practices").field("id").description
    _same_time_edit(
        repo / "data" / "glossary.yaml",
        "expansion: éducateur de jeunes enfants",
        "expansion: éducatrice ou éducateur de jeunes enfants",
    )
    _same_time_edit(
        repo / "schemas" / "practices.schema.json",
        "Identifiant permanent de la pratique",
        "Identifiant permanent et unique de la pratique",
    )
    second = load_catalog(repo)
    assert first.abbreviations()["EJE"] == "éducateur de jeunes enfants"
    assert second.abbreviations()["EJE"] == "éducatrice ou éducateur de jeunes enfants"
    assert "et unique" in entry_schema(repo / "schemas", "practices").field("id").description


def test_within_a_build_a_template_is_checked_once_and_again_in_the_next_build(tmp_path):
    # A build (each `make serve` rebuild) reads each template's text once: an edit made during a
    # build is seen by the next one, which that edit triggers.
    loader = ContentLoader(str(tmp_path))
    env = Environment(loader=loader, autoescape=True)
    (tmp_path / "page.md.j2").write_text("avant", encoding="utf-8")
    loader.new_build()
    assert env.get_template("page.md.j2").render() == "avant"
    _same_time_edit(tmp_path / "page.md.j2", "avant", "après")
    assert env.get_template("page.md.j2").render() == "avant"  # kept within this build
    loader.new_build()
    assert env.get_template("page.md.j2").render() == "après"
    _same_time_edit(tmp_path / "page.md.j2", "après", "encore")
    build = loader.new_build()
    assert env.get_template("page.md.j2").render() == "encore"
    loader.end_build(build)  # the build is over: every use checks the text again
    _same_time_edit(tmp_path / "page.md.j2", "encore", "ensuite")
    assert env.get_template("page.md.j2").render() == "ensuite"


def test_a_build_ended_late_does_not_end_the_next_one(tmp_path):
    # A failed build's context may be collected while the next build runs: its end changes nothing.
    loader = ContentLoader(str(tmp_path))
    env = Environment(loader=loader, autoescape=True)
    (tmp_path / "page.md.j2").write_text("un", encoding="utf-8")
    first = loader.new_build()
    second = loader.new_build()
    assert env.get_template("page.md.j2").render() == "un"
    loader.end_build(first)
    _same_time_edit(tmp_path / "page.md.j2", "un", "deux")
    assert env.get_template("page.md.j2").render() == "un"  # still within the second build
    loader.end_build(second)
    assert env.get_template("page.md.j2").render() == "deux"
    third = loader.new_build()
    assert third not in (first, second)  # a new number: no template is taken as checked in it


def test_each_build_checks_our_templates_again(tmp_path):
    # The build's context begins a new build of templates/ (macros/glue/context.py, on_config).
    from mkdocs.config import load_config

    from macros.glue.context import start
    from macros.pages import render

    config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    loader = render.environment().loader
    context = start(config)
    assert loader.build is not None  # within the build
    context.close()
    assert loader.build is None  # the build over: templates checked at every use again
