"""French typography: the one pass (macros/french/typography.py) on tricky inputs, and the built site proofread.

The site walk (tests/support/typocheck.py, written apart from the pass) reads every built HTML page,
the Atom feed, one ODT and one DOCX fiche, and must find no violation.
"""

from __future__ import annotations

import re

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser

from macros.core.errors import fr
from macros.french.nouns import Noun
from macros.french.typography import NBSP, html, number_fr, text
from macros.model.kinds import KINDS
from macros.schema.fields import catalogue_names, entry_schema
from tests.support import ROOT
from tests.support.typocheck import findings


@pytest.mark.parametrize(
    "before, after",
    [
        ("Type: texte ; fin", f"Type{NBSP}: texte{NBSP}; fin"),
        ("Quoi ? Vraiment !", f"Quoi{NBSP}? Vraiment{NBSP}!"),
        ("Quoi?", f"Quoi{NBSP}?"),
        ("« Bonjour »", f"«{NBSP}Bonjour{NBSP}»"),
        ("«Bonjour»", f"«{NBSP}Bonjour{NBSP}»"),
        ("Qu'en disent les acteurs ?.", f"Qu'en disent les acteurs{NBSP}?"),
        ("fin.. puis ,, et ;; encore", f"fin. puis , et{NBSP}; encore"),
        ("12000 étudiants, 35000 €", f"12{NBSP}000 étudiants, 35{NBSP}000 €"),
        ("1 740 heures", f"1{NBSP}740 heures"),
        ("Quoi\u202f? et\u2009:", f"Quoi{NBSP}? et{NBSP}:"),
    ],
)
def test_the_pass_spaces_signs_groups_figures_and_drops_doubled_punctuation(before, after):
    assert text(before) == after


@pytest.mark.parametrize(
    "kept",
    [
        "https://www.askoria.eu/index.php/stages?start=3",  # a URL's « ? » and « : »
        "mailto:contact@exemple.fr",
        "écrire à nom@exemple.fr",
        "www.exemple.fr/a?b",
        "à 10:30",
        "ratio 2:1",
        "a::b",
        "http:// ou https://",  # times, ratios, code-like colons
        "en 2012, 1164 terrains",
        "décret n° 2014-1420",
        "articles L124-1 à L124-20",  # years, 4 digits, ids
        "n° 12345 du 3 mai",
        "Libre réponse 71120, 75342 Paris CEDEX 07",
        "CA 94107, États-Unis",
        "Et après... la suite",
        "Quoi ?!",
        "(?)",
        "«»",
    ],
)
def test_the_pass_leaves_what_is_not_french_prose(kept):
    assert text(kept).replace(NBSP, " ") == kept  # at most a space made unbreakable
    assert text(text(kept)) == text(kept)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=" \u00a0\u202fab1:;!?.,«»/…0n°<>&\"'-", max_size=40))
def test_the_pass_is_idempotent_on_any_text(value):
    once = text(value)
    assert text(once) == once


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "a",
                " ",
                ":",
                "?",
                "«",
                "»",
                "<em>",
                "</em>",
                "<code>x :</code>",
                "<p>",
                "</p>",
                "&amp;",
                "&nbsp;",
                "..",
                "12345 ans",
                '<a href="h?x=1" title="t :">',
                "</a>",
            ]
        ),
        max_size=25,
    ).map("".join)
)
def test_the_html_pass_is_idempotent_and_never_touches_markup(fragment):
    once = html(fragment)
    assert html(once) == once
    # The markup is the fragment's as an HTML5 parser reads it (unclosed tags closed), titles aside.
    parsed = LexborHTMLParser(fragment).body.inner_html
    tags = re.compile(r"<[^>]*>")
    strip_titles = re.compile(r'title="[^"]*"')
    assert [strip_titles.sub("", t) for t in tags.findall(once)] in (
        [strip_titles.sub("", t) for t in tags.findall(fragment)],
        [strip_titles.sub("", t) for t in tags.findall(parsed)],
    )


def test_number_fr_groups_every_integer_quantity():
    assert [number_fr(n) for n in (12, 512, 1164, 12000, 1234567)] == [
        "12",
        "512",
        f"1{NBSP}164",
        f"12{NBSP}000",
        f"1{NBSP}234{NBSP}567",
    ]


def test_editor_messages_use_the_same_space_and_keep_quoted_values():
    assert fr("« a:b » : attendu ; vraiment ?") == f"« a:b »{NBSP}: attendu{NBSP}; vraiment{NBSP}?"
    assert fr("https://exemple.fr/?q=1 à 10:30") == "https://exemple.fr/?q=1 à 10:30"


# --- The pass on HTML ------------------------------------------------------------------------------


N = "&nbsp;"  # how an HTML5 serializer writes U+00A0


@pytest.mark.parametrize(
    "before, after",
    [
        ('<p><a href="x">mot</a> : suite</p>', f'<p><a href="x">mot</a>{N}: suite</p>'),
        ("<p>« <em>mot</em> »</p>", f"<p>«{N}<em>mot</em>{N}»</p>"),
        ("<p>Le champ <code>id</code>: voir</p>", f"<p>Le champ <code>id</code>{N}: voir</p>"),
        (
            "<p><code>a : b</code> et <kbd>c ?</kbd></p><pre>x ; y</pre>",
            "<p><code>a : b</code> et <kbd>c ?</kbd></p><pre>x ; y</pre>",
        ),
        (
            '<h2 id="x">Qui ?<a class="headerlink" href="#x">¶</a></h2>',
            f'<h2 id="x">Qui{N}?<a class="headerlink" href="#x">¶</a></h2>',
        ),
        ("<p>Pourquoi ?</p>.", f"<p>Pourquoi{N}?</p>."),  # a block boundary: no rule looks across it
        (
            '<p>Qu\'en disent <a href="#">les acteurs ?</a>.</p>',
            f'<p>Qu\'en disent <a href="#">les acteurs{N}?</a></p>',
        ),
        ("<p>a &amp; b ; c &lt; d</p>", f"<p>a &amp; b{N}; c &lt; d</p>"),
    ],
)
def test_the_html_pass_reads_text_across_inline_tags_and_skips_code(before, after):
    assert html(before) == after
    assert html(after) == after


def test_the_html_pass_typographs_the_attributes_readers_see_and_no_other():
    source = (
        '<!doctype html><html lang="fr"><head><title>A : B</title><meta name="description" content="Desc : x">'
        '<meta name="viewport" content="width=device-width, initial-scale=1"></head><body><abbr title="Voir : ici" '
        'class="a : b" data-pagefind-meta="title:Qui ?" id="x">ASS</abbr><img alt="Plan : 1" src="https://x.fr/a:b?c">'
        '<a href="https://x.fr/?q=a" aria-label="Suivant : la page">x</a></body></html>'
    )
    out = html(source)
    assert f"<title>A{N}: B</title>" in out and f'content="Desc{N}: x"' in out
    assert f'title="Voir{N}: ici"' in out and f'alt="Plan{N}: 1"' in out and f'aria-label="Suivant{N}: la page"' in out
    for kept in (
        'content="width=device-width, initial-scale=1"',
        'class="a : b"',
        'data-pagefind-meta="title:Qui ?"',
        'src="https://x.fr/a:b?c"',
        'href="https://x.fr/?q=a"',
        'id="x"',
    ):
        assert kept in out


# --- Grammar: the nouns of the schemas ------------------------------------------------------------


def test_articles_meet_nouns_as_french_wants():
    diplome, pratique, entree = (
        Noun("diplôme", "diplômes", "m"),
        Noun("pratique", "pratiques", "f"),
        Noun("entrée", "entrées", "f"),
    )
    assert [diplome.phrase(a) for a in ("le", "un", "de", "à")] == [
        "le diplôme",
        "un diplôme",
        "du diplôme",
        "au diplôme",
    ]
    assert [pratique.phrase(a) for a in ("le", "un", "de", "à")] == [
        "la pratique",
        "une pratique",
        "de la pratique",
        "à la pratique",
    ]
    assert [entree.phrase(a) for a in ("le", "de", "à")] == ["l'entrée", "de l'entrée", "à l'entrée"]
    assert [diplome.phrase(a, plural=True) for a in ("le", "un", "de", "à")] == [
        "les diplômes",
        "des diplômes",
        "des diplômes",
        "aux diplômes",
    ]
    assert Noun("hébergement", "hébergements", "m", elision=True).phrase("de") == "de l'hébergement"
    assert Noun("handicap", "handicaps", "m").phrase("de") == "du handicap"


@pytest.mark.parametrize("catalogue", catalogue_names(ROOT / "schemas"))
def test_each_catalogue_schema_names_its_entries_and_its_id_help_agrees(catalogue):
    schema = entry_schema(ROOT / "schemas", catalogue)
    assert schema.noun is not None, f"schemas/{catalogue}.schema.json: « x-entry » manquant"
    kind = next(k for k in KINDS if k.catalogue == catalogue)
    assert kind.label == schema.noun.singular
    if "id" in schema.names() and "permanent" in schema.field("id").description:
        assert schema.field("id").description.startswith(f"Identifiant permanent {schema.noun.phrase('de')} :")


# --- The built site, proofread -------------------------------------------------------------------


def test_the_proofreader_sees_what_it_must(tmp_path):
    # The site walk must be able to fail: each kind of slip it is meant to catch is caught.
    slips = [
        "Type : x",
        "Type: x",
        "« mot »",
        "Quoi ?.",
        "soit 12000 places",
        "1 164 terrains",
        "Identifiant permanent de le diplôme",
        "<code>a : b</code> 1164",
    ]
    for slip in slips[:-1]:
        assert findings(slip, "essai"), slip
    assert findings("1164 terrains", "essai", frozenset({"1164"}))
    page = tmp_path / "p.html"
    page.write_text("<p>Voir https://x.fr/?a=1 à 10:30 <code>a : b</code></p><p>Ok\u00a0!</p>", encoding="utf-8")
    from tests.support.typocheck import html_findings

    assert html_findings(page, "p.html") == []


def test_the_typography_hook_runs_after_the_sanitiser_and_before_the_search_index(root):
    hooks = yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)["hooks"]  # noqa: S506 - a SafeLoader reading !ENV
    assert hooks.index("hooks/trust.py") < hooks.index("hooks/typography.py") < hooks.index("hooks/search_index.py")


class _Loader(yaml.SafeLoader):
    pass


_Loader.add_constructor("!ENV", lambda loader, node: None)


def test_a_fragment_with_head_elements_is_left_whole():
    # An HTML5 parser moves <title> or <meta> into <head>: the pass returns such a fragment as it came.
    fragment = "<title>A : B</title><p>Quoi ?</p>"
    assert html(fragment) == fragment
