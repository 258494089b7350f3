"""What the search index knows about a page, beyond its visible text.

Pure functions of the Catalog (no MkDocs import), used by hooks/search_index.py:

- :func:`page_filters`: the facets of a page (Pagefind filters, never searchable
  text), as French labels: type, diplome, format, acteur, territoire, annee;
- :func:`page_keywords`: the `keywords` of the entries a page shows (words users
  type that the text lacks), indexed as a Pagefind meta field, never displayed;
- :func:`glossary_terms`: the glossary's sigles and expansions missing from a
  page that contains their counterpart (EJE <-> éducateur de jeunes enfants),
  derived from data/glossary.yaml, indexed the same way; :func:`missing_terms` does it
  from the sigles alone and :func:`searchable_text` gives a page's text as the index
  reads it, so the pages' worker (macros/pages/finish.py) runs them without the Catalog;
- :func:`vocabulary`: the words of the titles, glossary terms and keywords, which the
  search box brings a mistyped or feminine query word back to (docs/assets/search-query.js).
"""

from __future__ import annotations

import html as htmllib
import re
import unicodedata
from collections.abc import Iterable
from functools import cache

from macros.french.nouns import noun_of
from macros.model.catalog import Catalog

# Facet keys: the Pagefind filter names and the URL parameters of the search, with
# their labels (as docs/assets/search.js shows them).
FACET_LABELS = {
    "type": "Type de page",
    "diplome": "Diplôme",
    "format": "Format",
    "acteur": "Acteur",
    "territoire": "Territoire",
    "annee": "Année",
}
FACETS = tuple(FACET_LABELS)

# Page types: the `page_type` of generated pages or the catalogue an index page lists -> its
# catalogue, whose entry noun (the schema's x-entry, capitalised) is the type's label.
PAGE_TYPES = {
    "format": "formats",
    "pratique": "practices",
    "partners": "partners",
    "testimonials": "testimonials",
    "references": "references",
}
# The « acteur » facet: the kinds of partner, then the testimonials' actors, each labelled by
# the plural of its schema's x-labels (the group: « Départements », « Étudiants »).
ACTOR_FIELDS = (("partners", "kind"), ("testimonials", "actor"))


def page_type_label(catalog: Catalog, page_type: str) -> str:
    """« Pratique », « Texte de référence »…: what one entry is called, from its schema."""
    noun = noun_of(catalog.schema_store().doc(PAGE_TYPES[page_type]))
    return noun.singular[:1].upper() + noun.singular[1:] if noun else page_type


def actor_labels(catalog: Catalog) -> dict[str, str]:
    """Actor code -> its facet label, partners' kinds first (the facet's order)."""
    return {code: label.plural for name, field in ACTOR_FIELDS for code, label in catalog.labels(name, field).items()}


# The catalogue an index page renders: `{{ index("partners") }}` in its Markdown source.
_INDEX_CALL = re.compile(r"""\bindex\(\s*["'](\w+)["']\s*\)""")
_INDEX_CATALOGUES = {"protocol": "protocols"}


def listed_catalogue(source: str) -> str | None:
    """Name of the catalogue a hand-written page lists (None for other pages)."""
    match = _INDEX_CALL.search(source or "")
    if not match:
        return None
    return _INDEX_CATALOGUES.get(match.group(1), match.group(1))


def entry_actors(catalog: Catalog, entry: dict, page_type: str) -> list[str]:
    """Actor ids of a format or practice: its partners' kinds and its testimonials' actors."""
    if page_type == "format":
        practices = catalog.practices_by_format.get(entry["id"], [])
        testimonials = catalog.testimonials_by_format.get(entry["id"], [])
    else:
        practices = [entry]
        testimonials = catalog.testimonials_by_practice.get(entry["id"], [])
    kinds = {catalog.get("partners", pid)["kind"] for p in practices for pid in p.get("partners") or []}
    actors = {t["actor"] for t in testimonials}
    return [a for a in actor_labels(catalog) if a in kinds | actors]


def page_filters(catalog: Catalog, meta: dict, listed: str | None) -> dict[str, list[str]]:
    """Facet -> values (labels) of a page; facets without a value are left out."""
    filters: dict[str, list[str]] = {}
    page_type = meta.get("page_type")
    if page_type in ("format", "pratique"):
        filters["type"] = [page_type_label(catalog, page_type)]
        filters["diplome"] = list(meta.get("diplomas") or [])
        format_ids = [meta["entry_id"]] if page_type == "format" else list(meta.get("formats") or [])
        filters["format"] = [catalog.get("formats", f)["title"] for f in format_ids]
        actors = actor_labels(catalog)
        filters["acteur"] = [actors[a] for a in meta.get("actors") or []]
        filters["territoire"] = [meta["territory"]] if meta.get("territory") else []
        filters["annee"] = [str(meta["year"])] if meta.get("year") else []
    elif listed in PAGE_TYPES:
        entries = catalog.list(listed)
        filters["type"] = [page_type_label(catalog, listed)]
        if listed == "partners":
            kinds = catalog.labels("partners", "kind")
            filters["acteur"] = [kinds[k].plural for k in kinds if any(e["kind"] == k for e in entries)]
            protocols = {e["protocol"] for e in entries if e.get("protocol")}
            filters["territoire"] = sorted({catalog.get("protocols", p)["territory"] for p in protocols} - {None})
        elif listed == "testimonials":
            actors = catalog.labels("testimonials", "actor")
            filters["acteur"] = [actors[a].plural for a in actors if any(e["actor"] == a for e in entries)]
            used = {f for e in entries for f in e.get("formats") or []}
            filters["format"] = [f["title"] for f in catalog.formats if f["id"] in used]
    return {key: values for key, values in filters.items() if values}


def practice_facets(catalog: Catalog) -> list[tuple[str, str, list[tuple[str, int]]]]:
    """The facets of the practices catalogue as the page first shows them, before any
    search: [(key, label, [(value, count)…])…], each practice's filters as its page
    carries them (page_filters), in the order and with the counts docs/assets/search.js
    gives. A facet whose only value every practice has filters nothing: it is left out."""
    counts: dict[str, dict[str, int]] = {key: {} for key in FACETS if key != "type"}
    practices = catalog.list("practices")
    for p in practices:
        meta = {
            "page_type": "pratique",
            "diplomas": p.get("diplomas"),
            "formats": p.get("formats"),
            "territory": p.get("territory"),
            "year": p.get("year"),
            "actors": entry_actors(catalog, p, "pratique"),
        }
        for key, values in page_filters(catalog, meta, None).items():
            for value in values if key in counts else ():
                counts[key][value] = counts[key].get(value, 0) + 1
    facets = []
    for key, values in counts.items():
        if not values or (len(values) == 1 and next(iter(values.values())) >= len(practices)):
            continue
        order = (
            sorted(values.items(), key=lambda item: item[0], reverse=True)
            if key == "annee"
            else sorted(values.items(), key=lambda item: fold(item[0]))
        )
        facets.append((key, FACET_LABELS[key], order))
    return facets


def page_keywords(catalog: Catalog, meta: dict, listed: str | None) -> list[str]:
    """The `keywords` of the entry a page shows, or of every entry an index page lists."""
    if meta.get("page_type") in ("format", "pratique"):
        return list(meta.get("keywords") or [])
    if listed and listed not in ("formats", "practices", "home"):
        return [k for entry in catalog.list(listed) for k in entry.get("keywords") or []]
    return []


def index_exclusions(catalog: Catalog) -> list[str]:
    """CSS selectors of content never indexed: permalink marks (¶); the lists of other
    practices on format and practice pages (`.liste-pratiques`: their titles and summaries
    are indexed on their own pages; repeated on every page of a format they made each
    query word's entry in the index, and so a first search, grow with the catalogue);
    and in the model forms the « (obligatoire) » marks, the footer line, the download
    links and the shared blocks (data/form_blocks.yaml), identical on every format page."""
    shared = [f'.fiche-section[data-section="{block["id"]}"]' for block in catalog.list("form_blocks")]
    return [".headerlink", ".liste-pratiques", ".fiche-requis", ".fiche-pied", ".fiche-telechargements", *shared]


# --- Glossary: sigles <-> expansions ------------------------------------------


# Every ASCII sign but [a-z0-9] becomes a space (str.translate: twice as fast as a regex)
_SEPARATORS = str.maketrans({chr(c): " " for c in range(128) if not chr(c).islower() and not chr(c).isdigit()})


def fold(text: str) -> str:
    """Lower case, no accents, words separated by single spaces (« d'État » -> « d etat »)."""
    # NFKD splits « é » into « e » + accent; the ASCII encoding then drops the accents
    # (and every other non-ASCII sign, which the [a-z0-9] words below ignore anyway).
    text = unicodedata.normalize("NFKD", text.lower()).encode("ascii", "ignore").decode("ascii")
    return " " + " ".join(text.translate(_SEPARATORS).split()) + " "


def _word_pattern(word: str) -> str:
    """A folded word and its usual French inflections (gender, number)."""
    if len(word) <= 3:
        return re.escape(word)
    if word.endswith("eur"):  # éducateur, éducatrice, éducateurs
        return re.escape(word[:-3]) + "(?:eur|rice|euse)s?"
    if word.endswith("al"):  # social, sociaux, sociale
        return re.escape(word[:-2]) + "(?:al|ale|aux|ales)"
    stem = word[:-1] if word.endswith("s") and not word.endswith("ss") else word
    return re.escape(stem) + "(?:e|s|x|es)?"


@cache
def _expansion_regex(expansion: str) -> re.Pattern:
    words = fold(expansion).split()
    return re.compile(" " + " ".join(_word_pattern(w) for w in words) + " ")


def _word_char(c: str) -> bool:
    return c.isalnum() or c in "_-"


def _has_sigle(term: str, text: str) -> bool:
    """*term* stands alone in *text*: not inside a longer word or a hyphenated one.

    A substring search first (most pages have few of the sigles), then each occurrence's
    neighbours (a regex starting with a lookbehind has no literal prefix to skip ahead
    with: it cost 40 µs per page and sigle)."""
    start = text.find(term)
    while start >= 0:
        end = start + len(term)
        if (start == 0 or not _word_char(text[start - 1])) and (end == len(text) or not _word_char(text[end])):
            return True
        start = text.find(term, start + 1)
    return False


def glossary_terms(catalog: Catalog, text: str) -> list[str]:
    """Sigles whose expansion *text* contains, and expansions of the sigles it contains,
    when the counterpart is missing: « EJE » brings « éducateur de jeunes enfants »."""
    return missing_terms(catalog.abbreviations(), text)


def missing_terms(abbreviations: dict[str, str], text: str) -> list[str]:
    """:func:`glossary_terms` with the glossary's sigles given (sigle -> expansion)."""
    folded = fold(text)
    found = []
    for term, expansion in abbreviations.items():
        expansion = " ".join(expansion.split())
        has_sigle = _has_sigle(term, text)
        has_expansion = bool(_expansion_regex(expansion).search(folded))
        if has_sigle and not has_expansion:
            found.append(expansion)
        elif has_expansion and not has_sigle:
            found.append(term)
    return found


# --- Vocabulary of the search box ----------------------------------------------

# Catalogue fields whose words name things readers look for (form_blocks: never indexed).
_NAMING_FIELDS = ("title", "term", "expansion", "profession")
_VOCABULARY_CATALOGUES = (
    "formats",
    "practices",
    "partners",
    "testimonials",
    "references",
    "protocols",
    "diplomas",
    "glossary",
    "sources",
)
# Words of four letters or more: shorter ones are too close to each other to correct.
_VOCABULARY_WORD = re.compile(r"[^\W\d_]{4,}")


def vocabulary(catalog: Catalog, titles: Iterable[str]) -> list[str]:
    """The words of *titles* (the pages' titles) and of the catalogues' titles, glossary terms,
    expansions, professions and keywords: lower case, accents kept, sorted, each once."""
    texts = list(titles)
    for name in _VOCABULARY_CATALOGUES:
        for entry in catalog.list(name):
            texts.extend(str(entry[key]) for key in _NAMING_FIELDS if entry.get(key))
            texts.extend(str(k) for k in entry.get("keywords") or [])
    return sorted({word.lower() for text in texts for word in _VOCABULARY_WORD.findall(text)})


# --- A page's text as the index reads it -----------------------------------------

_TAGS = re.compile(r"<[^>]+>")
_DIV = re.compile(r"<(/?)div\b")


def searchable_text(html: str, shared_blocks: Iterable[str]) -> str:
    """The text of a page's *html*, without the model forms' shared blocks (ids *shared_blocks*),
    which Pagefind does not index (:func:`index_exclusions`): a page's missing sigles are found
    in the text that is indexed, not in the « Formation suivie » options of every form."""
    for block in shared_blocks:
        start = html.find(f'<div class="fiche-section" data-section="{block}">')
        if start == -1:
            continue
        depth, end = 0, -1
        for m in _DIV.finditer(html, start):
            depth += -1 if m.group(1) else 1
            if depth == 0:
                end = html.find(">", m.end()) + 1
                break
        if end > 0:
            html = html[:start] + html[end:]
    return htmllib.unescape(_TAGS.sub(" ", html))
