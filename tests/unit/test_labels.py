"""The French labels of the closed vocabularies live in the schemas (``x-labels``), and nowhere else.

Every consumer — pages, search facets, the web editor, issue forms, ``make new``,
the « Contribuer » pages — reads them from the schemas (macros/schema/labels.py).
A table written again in the code would drift from them, as the three hand-kept
ones did (« Départements » / « Département »): this test fails on

* a mapping literal (Python ``dict``, JavaScript object, Jinja dict) whose keys
  name half the codes of one vocabulary or more (two at least) and whose values are texts;
* one of the labels written as a whole text literal (``"Terrains professionnels"``,
  ``>Évaluée<``) in macros/, scripts/, hooks/, templates/, overrides/ or
  docs/assets/*.js — labels of fewer than five letters (« Loi », « Date ») aside,
  as such words have other uses.
"""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

from macros.model.catalog import load_catalog
from macros.schema.labels import KEYWORD, label_problems, labels_of
from macros.schema.store import load_schemas
from tests.support import ROOT

CODE_DIRS = ("macros", "scripts", "hooks", "templates", "overrides")
SUFFIXES = (".py", ".j2", ".html", ".js")


def vocabularies() -> list[dict]:
    """Every ``x-labels`` of schemas/, as code -> Label."""
    found: list[dict] = []

    def walk(node) -> None:
        if isinstance(node, dict):
            if KEYWORD in node:
                found.append(labels_of(node))
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    for path in sorted((ROOT / "schemas").glob("*.json")):
        walk(json.loads(path.read_text(encoding="utf-8")))
    return found


VOCABULARIES = vocabularies()
WORDS = {
    w for v in VOCABULARIES for label in v.values() for w in (label.singular, label.plural, label.short) if len(w) >= 5
}


def _table(keys: set, vocabulary: dict) -> bool:
    """Keys naming at least half of a vocabulary's codes (two at least): a table of it. (A mapping
    that names two kinds of form field among seven, say a hint for « choice » and « checklist »,
    or the shared definitions « date » and « text », is about something else.)"""
    found = keys & set(vocabulary)
    return len(found) >= max(2, (len(vocabulary) + 1) // 2)


def code_files() -> list[Path]:
    files = [p for d in CODE_DIRS for p in sorted((ROOT / d).rglob("*")) if p.is_file() and p.suffix in SUFFIXES]
    return files + sorted((ROOT / "docs" / "assets").glob("*.js"))


def python_tables(source: str) -> list[str]:
    """Label tables and label literals in Python *source* (docstrings aside)."""
    tree = ast.parse(source)
    docstrings = {id(n.value) for n in ast.walk(tree) if isinstance(n, ast.Expr) and isinstance(n.value, ast.Constant)}
    problems = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Dict):
            keys = {k.value for k in node.keys if isinstance(k, ast.Constant) and isinstance(k.value, str)}
            texts = all(isinstance(v, ast.Constant) and isinstance(v.value, str) for v in node.values)
            for vocabulary in VOCABULARIES:
                if texts and _table(keys, vocabulary):
                    problems.append(f"line {node.lineno}: table of {sorted(keys & set(vocabulary))}")
        elif (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in docstrings
            and node.value in WORDS
        ):
            problems.append(f"line {node.lineno}: label « {node.value} »")
    return problems


_PAIR = re.compile(r"""["']?([\w-]+)["']?\s*:\s*["']""")


def text_tables(source: str) -> list[str]:
    """Label tables and label literals in a template, an HTML or a JavaScript *source*."""
    problems = []
    keys = set(_PAIR.findall(source))
    for vocabulary in VOCABULARIES:
        if _table(keys, vocabulary):
            problems.append(f"table of {sorted(keys & set(vocabulary))}")
    for word in sorted(WORDS):
        if re.search(r"""(["'>])""" + re.escape(word) + r"""(["'<])""", source):
            problems.append(f"label « {word} »")
    return problems


def test_the_schemas_have_labels_for_every_closed_vocabulary():
    store = load_schemas(ROOT / "schemas")
    assert not store.errors
    assert len(VOCABULARIES) >= 8 and WORDS
    for name, field in (
        ("practices", "status"),
        ("practices", "kind"),
        ("testimonials", "actor"),
        ("references", "kind"),
        ("partners", "kind"),
        ("glossary", "kind"),
        ("references", "confidence"),
    ):
        assert store.labels(name, field), (name, field)


def test_no_label_is_defined_outside_the_schemas():
    problems = []
    for path in code_files():
        source = path.read_text(encoding="utf-8")
        found = python_tables(source) if path.suffix == ".py" else text_tables(source)
        problems += [f"{path.relative_to(ROOT)}: {p}" for p in found]
    assert not problems, "labels belong in schemas/ (x-labels):\n" + "\n".join(problems)


def test_the_scan_finds_a_table_written_again():
    """The scan is not blind: the tables that used to be kept by hand are caught, in each language."""
    assert python_tables('ACTORS = {"etudiant": "Étudiants", "formateur": "Formateurs"}')
    assert python_tables('x = "Départements"')
    assert not python_tables('"""« Départements » in a docstring."""\nx = 1')
    assert text_tables('const KINDS = {loi: "Loi", decret: "Décret"};')
    assert text_tables('{% set kinds = {"loi": "Loi", "decret": "Décret"} %}')
    assert text_tables("<td>Évaluée</td>")
    assert not text_tables('{% if x.kind in ("etat", "region") %}')


def test_labels_keyword_is_checked_against_the_enum():
    assert not label_problems({"enum": ["a"], KEYWORD: {"a": {"singular": "A"}}})
    assert label_problems({"enum": ["a", "b"], KEYWORD: {"a": {"singular": "A"}}})
    assert label_problems({"enum": ["a"], KEYWORD: {"a": {"plural": "As"}}})
    assert label_problems({"enum": ["a"], KEYWORD: {"a": {"singular": "A", "gender": "x"}}})
    assert label_problems({KEYWORD: {"a": {"singular": "A"}}})


def test_a_broken_labels_keyword_is_an_error_line_not_a_traceback(tmp_path):
    for path in (ROOT / "schemas").glob("*.json"):
        (tmp_path / path.name).write_bytes(path.read_bytes())
    file = tmp_path / "practices.schema.json"
    file.write_text(
        file.read_text(encoding="utf-8").replace('"singular": "Évaluée"', '"singulier": "Évaluée"'), encoding="utf-8"
    )
    errors = [e.format() for e in load_schemas(tmp_path).errors]
    assert len(errors) == 1 and "x-labels" in errors[0] and "evaluee" in errors[0], errors


def test_each_use_takes_its_form():
    """One value shown on its own: singular; a group (heading, facet): plural; inside a sentence: short."""
    catalog = load_catalog(ROOT)
    assert catalog.label("testimonials", "actor", "etudiant") == "Étudiant"
    assert catalog.label("testimonials", "actor", "etudiant", "plural") == "Étudiants"
    assert catalog.label("partners", "kind", "etat", "plural") == "État"  # one body
    assert catalog.label("references", "confidence", "H", "short") == "texte officiel"
    assert (
        catalog.labels("references", "kind")["loi"].feminine
        and not catalog.labels("references", "kind")["decret"].feminine
    )


def test_a_schema_file_read_under_two_names_keeps_each_name_in_its_messages(tmp_path):
    # The files are decoded and checked once per content (macros/schema/store.py); each reader
    # still sees its own path in the messages, and the same valid schemas.
    (tmp_path / "good.schema.json").write_text('{"type": "object", "title": "Bon"}', encoding="utf-8")
    (tmp_path / "bad.schema.json").write_text('{"type": 12}', encoding="utf-8")
    plain = load_schemas(tmp_path)
    shown = load_schemas(tmp_path, rel=lambda p: f"schemas/{p.name}")
    assert plain is not shown
    assert [(e.file, e.line) for e in plain.errors] == [(str(tmp_path / "bad.schema.json"), 1)]
    assert [(e.file, e.line) for e in shown.errors] == [("schemas/bad.schema.json", 1)]
    assert plain.errors[0].message == shown.errors[0].message and "JSON Schema 2020-12" in shown.errors[0].message
    assert plain.docs == shown.docs == {"good.schema.json": {"type": "object", "title": "Bon"}}
