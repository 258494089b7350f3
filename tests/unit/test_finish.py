"""The last passes over a page's HTML (macros/pages/finish.py), as the worker runs them."""

from __future__ import annotations

import pytest

from macros.french import typography
from macros.pages.finish import SearchWords, finish
from macros.pages.permalinks import named_permalinks
from macros.pages.sanitize import clean

PAGE = (
    '<h2 id="a">Pourquoi ?<a class="headerlink" href="#a" title="Lien">¶</a></h2>'
    '<p>Un texte : <script>alert(1)</script>« citation » <a href="javascript:x">lien</a>, 12000 étudiants.</p>'
)
PASSES = ("sanitize", "permalinks", "typography")


def test_the_passes_give_what_the_hooks_gave_one_after_the_other():
    done = finish(PAGE, ["Pourquoi ?", "Titre : sous-titre"], PASSES)
    assert done.html == typography.html(named_permalinks(clean(PAGE)))
    assert done.titles == ["Pourquoi&nbsp;?", "Titre&nbsp;: sous-titre"]


def test_the_sanitiser_says_what_it_removed():
    done = finish(PAGE, [], PASSES)
    assert "<script>" not in done.html and "javascript:" not in done.html
    assert done.lost, "a removed script and link must be reported, so the strict build fails"
    assert finish("<p>Rien à retirer.</p>", [], PASSES).lost == []


def test_only_the_passes_named_run_in_the_order_named():
    assert finish(PAGE, ["Pourquoi ?"], ()).html == PAGE
    only_typography = finish(PAGE, ["Pourquoi ?"], ("typography",))
    assert "<script>" in only_typography.html and "texte&nbsp;:" in only_typography.html
    assert finish(PAGE, [], ("sanitize",)).html == clean(PAGE)


def test_an_unknown_pass_is_refused():
    with pytest.raises(KeyError):
        finish(PAGE, [], ("nothing",))


def test_with_the_search_words_it_finds_the_glossary_terms_the_finished_page_lacks():
    words = SearchWords(
        keywords=("tuteur",),
        abbreviations={"EJE": "éducateur de jeunes enfants", "ASS": "assistant de service social"},
        shared_blocks=("formation",),
    )
    html = '<p>Un stage EJE : deux sites.</p><div class="fiche-section" data-section="formation"><div>ASS</div></div>'
    done = finish(html, [], PASSES, words)
    assert done.glossary == ["éducateur de jeunes enfants"]  # the ASS of the shared block is not the page's
    assert finish(html, [], PASSES).glossary == []
