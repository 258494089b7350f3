"""The text check's shortcut (macros/validate/texts.py): a text with brackets but no « ](», « ][ »,
« ]: » (spaces allowed between), no « # » and no line of « = » or « - » alone is not given to
Markdown, because Markdown would find nothing in it. Checked here against the full reading
(markdown_targets), on texts made of the characters that matter (property-based, hypothesis)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from markdown import Markdown

from macros.core.inert import inline
from macros.validate.texts import (
    _HEADING_HINT,
    _LINK_HINT,
    _backtick_left_open,
    _brackets_balanced,
    _text_problem,
    markdown_targets,
)

# Pieces of Markdown's links, images, definitions, headings and escapes, spaces of every kind (a
# no-break space too), and plain words: short texts made of them form each construct often.
PIECES = ["[a]", "[", "]", "(", ")", "(https://x.fr)", "(/a.md)", ":", " https://x.fr", "!", "#", "=", "-", "---"]
PIECES += [" ", "\u00a0", "\t", "\n", "\n\n", "    ", "a", "b c", "\\", "*", "`", "|", "<", "&", "mailto:a@b.fr"]
PIECES += ["\n- ", "\n* ", "\n1. ", "\n: ", "!!! note\n    ", "??? note\n    ", "===", "[a]: ", "\n\u00a0---"]
TEXTS = st.lists(st.sampled_from(PIECES), min_size=1, max_size=12).map("".join)


def shortcut(text: str) -> bool:
    return not _LINK_HINT.search(text) and not _HEADING_HINT.search(text)


@settings(max_examples=3000, deadline=None, derandomize=True)
@given(TEXTS)
def test_a_text_the_shortcut_skips_has_nothing_markdown_would_judge(text):
    if shortcut(text):
        assert markdown_targets(text) == ([], [], False), text


def test_brackets_of_quotations_are_skipped_and_links_are_not():
    assert shortcut("« touche la population [et] se donne pour objectif »")
    assert shortcut("des référents professionnel[s]")
    assert _text_problem("des référents professionnel[s]", None) is None
    for text in (
        "voir [ici](https://exemple.fr)",
        "voir [ici] (https://exemple.fr)",
        "une ![image](https://exemple.fr/a.png)",
        "[ici][ref]\n\n[ref]: https://exemple.fr",
        "[ici]\n[ref]",
        "[a]\u00a0: b",
        "texte [a]\n#Titre",
        "texte [a]\n\u00a0---",
        "[a]\n- # Titre",
        "[a]\n: #Titre",
    ):
        assert not shortcut(text), text
    assert _text_problem("voir [ici](https://exemple.fr)", None) is None
    assert "refusé" in _text_problem("voir [ici](javascript:alert(1))", None)
    assert "titre refusé" in _text_problem("texte [a]\n#Titre", None)


def balanced_by_hand(text: str) -> bool:
    """The bracket rule read character by character: « \\ » escapes the next character."""
    depth, escaped = 0, False
    for c in text:
        if escaped:
            escaped = False
        elif c == "\\":
            escaped = True
        elif c in "[]":
            depth += 1 if c == "[" else -1
            if depth < 0:
                return False
    return depth == 0


@settings(max_examples=2000, deadline=None, derandomize=True)
@given(st.text(alphabet="[]\\a\n", max_size=16))
def test_brackets_are_balanced_as_read_by_hand(text):
    assert _brackets_balanced(text) == balanced_by_hand(text), text


# A next text that hides a link in a code span: harmless alone, alive if a backtick before it is
# left open (the page's line: « [{{ title }}](…) — {{ summary }} »).
HIDDEN = "`[x](https://evil.example/)` suite"
LINES = ("{a} — {b}", "[{a}](/page.md) — {b}", '<li markdown="span">{a}, {b}</li>')


@settings(max_examples=2000, deadline=None, derandomize=True)
@given(
    st.lists(st.sampled_from(["`", "``", "```", "a", " ", "[", "]", "(", ")", "\\", "!", "*"]), max_size=10).map(
        "".join
    )
)
def test_a_text_whose_backticks_pair_cannot_uncover_the_next_text(text):
    if _backtick_left_open(text):
        return
    for line in LINES:
        html = Markdown(extensions=["md_in_html", "attr_list"]).convert(line.format(a=inline(text), b=HIDDEN))
        assert "evil.example" not in html.replace("<code>[x](https://evil.example/)</code>", ""), (text, html)


def test_a_lone_backtick_is_refused():
    assert "accent grave" in _text_problem("un stage sur 2 sites`", None)
    assert "accent grave" in _text_problem("a \\` b `c`", None)
    assert _text_problem("le champ `title` est requis", None) is None


def test_texts_that_change_the_template_around_them_are_refused():
    # A backslash before « | »: inline() adds its own, the two read as one escaped backslash, and a
    # table cell splits at the « | »
    assert "« \\| » refusé" in _text_problem("Bretagne\\|injecté", None)
    assert _text_problem("Bretagne | Normandie", None) is None
    # « *[ » starting a line: the template's next text may bring the « ]: » of an abbreviation
    assert "« *[ »" in _text_problem("*[Conseillère]", None)
    assert _text_problem("voir *[ceci]*", None) is None
