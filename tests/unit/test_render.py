"""Editor text is inert and dates read as French; mirrors macros/pages/render.py."""

from __future__ import annotations

import pytest

from macros.core.inert import inline, md
from macros.french.dates import date_fr


@pytest.mark.parametrize(
    "text, forbidden",
    [
        ("<script>alert(1)</script>", "<script"),
        ('<img src=x onerror="alert(1)">', "<img"),
        ("Texte {: onclick=alert(1) }", "{:"),
        ("{{ config.site_name }}", "{{"),
        ("{% include 'x' %}", "{%"),
    ],
)
def test_markdown_from_yaml_cannot_carry_html_or_template_code(text, forbidden):
    assert forbidden not in md(text)
    assert forbidden not in inline(text)


def test_markdown_syntax_survives():
    assert (
        md("Un **stage** sur [deux sites](https://exemple.fr)") == "Un **stage** sur [deux sites](https://exemple.fr)"
    )


def test_inline_keeps_table_cells_intact():
    assert inline("a | b\nc") == "a \\| b c"


@pytest.mark.parametrize(
    "value, expected",
    [
        ("2017-05-04", "4 mai 2017"),
        ("2012-05-30", "30 mai 2012"),
        ("2015-09-01", "1er septembre 2015"),
        ("2014-12", "décembre 2014"),
        ("2014", "2014"),
        (None, ""),
    ],
)
def test_dates_in_french(value, expected):
    assert date_fr(value) == expected


def test_relative_links_are_those_of_posixpath_relpath():
    import itertools
    import posixpath

    from macros.pages.render import relative

    paths = [
        "a.md",
        "pratiques/x.md",
        "formats/y.md",
        "contribuer/a/b.md",
        "pratiques",
        "x/y/z.md",
        "pratiques/sub/q.md",
    ]
    bases = ["", "pratiques", "formats", "contribuer/a", "x/y", "pratiques/sub"]
    for path, base in itertools.product(paths, bases):
        assert relative(path, base) == posixpath.relpath(path, base or "."), (path, base)


def test_compiled_templates_kept_between_builds_follow_an_edited_template(tmp_path):
    """The bytecode cache (.cache/jinja, shared with the theme) never serves an old template."""
    from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader

    from macros.pages.render import bytecode_cache

    assert isinstance(bytecode_cache(), FileSystemBytecodeCache)
    (tmp_path / "t.html").write_text("avant", encoding="utf-8")

    def fresh():  # a new environment per build, as MkDocs makes one for the theme
        return Environment(loader=FileSystemLoader(str(tmp_path)), bytecode_cache=bytecode_cache())  # noqa: S701 - a text template, as the theme's

    assert fresh().get_template("t.html").render() == "avant"
    (tmp_path / "t.html").write_text("après", encoding="utf-8")
    assert fresh().get_template("t.html").render() == "après"


def test_a_title_ending_in_a_backslash_does_not_escape_the_link_around_it():
    """« Titre\\ » written as [Titre\\](x.md) would escape the « ] »: every link to it raw text."""
    from markdown import Markdown

    assert inline("Titre BSL\\") == "Titre BSL\\\\"
    assert inline("Titre\\\\") == "Titre\\\\"  # already an escaped backslash
    html = Markdown().convert(f"[{inline('Titre BSL' + chr(92))}](x.md)")
    assert '<a href="x.md">Titre BSL\\</a>' in html
