"""Hostile contributions, generated from the schemas: what a stranger could type into data/.

:func:`entries` draws entries of a catalogue field by field from its schema
(:func:`macros.schema.fields.entry_schema`): allowed values (enums, ids of the
catalogues a field points to, dates, bounded numbers, French words) mixed with
hostile ones — control and bidirectional characters, ``javascript:``/``data:``
/``vbscript:`` links, images from another host, raw HTML, Jinja braces, huge
values, reserved ids, YAML-special scalars written bare. :func:`emit` writes an
entry as YAML the way an editor could (hostile scalars unquoted, where a real
editor would forget the quotes), so the loader sees them as they would come.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass

from hypothesis import strategies as st

from macros.load.scalars import plain_value
from macros.schema.fields import Field, entry_schema


@dataclass(frozen=True)
class Raw:
    """A scalar written bare in the YAML file, exactly as typed (« NO », « 0x7e1 », « 12:30 »)."""

    text: str


WORDS = (
    "stage",
    "alternance",
    "étudiants",
    "site qualifiant",
    "formation",
    "projet collectif",
    "territoire",
    "éducateur",
    "référent",
    "accompagnement",
    "Bretagne",
    "2017",
    "« citation »",
    "l'école",
    "réseau",
)
CONTROL = ("\x00", "\x07", "\x1b[31m", "\x7f", "\x85", "\x9b", "\r", "\t", "\u2028", "\ud800")
BIDI = ("\u202e", "\u202d", "\u2066", "\u2067", "\u2069", "\u200f", "\u061c")
INVISIBLE = ("\u200b", "\u200d", "\u2060", "\ufeff", "\U000e0041")
LINKS = (
    "[lien](javascript:alert(1))",
    "[lien](JaVaScRiPt:alert(1))",
    "[lien](data:text/html,x)",
    "[lien](vbscript:msgbox(1))",
    "[lien](//evil.example/)",
    "[lien](https://evil.example/)",
    "[lien](mailto:contact@exemple.fr)",
    "[lien](/reforme.md)",
    "[lien](/pratiques/index.md)",
    "[lien](/references.md#loi-2014-788)",
    "[lien](reforme.md)",
    "[lien](../reforme.md)",
    "[lien](#ancre)",
    "[a][r]\n\n[r]: javascript:alert(1)",
    "[r]: https://evil.example/p.png",
    "<javascript:alert(1)>",
    "<https://evil.example/>",
    "[lien](<javascript:alert(1)>)",
    '[x](https://evil.example/" onclick="alert(1))',
    "[lien](https://exemple.fr/a?b=c&d=e#f)",
)
IMAGES = (
    "![p](https://evil.example/p.png)",
    "![p](//evil.example/p.png)",
    "![p](/assets/images/favicon.png)",
    "![p](data:image/png;base64,AAAA)",
    "![p][i]\n\n[i]: https://evil.example/i.png",
    "[![p](https://evil.example/p.png)](https://exemple.fr/)",
)
HTML = (
    "<img src=https://evil.example/x.png>",
    '<a href="javascript:alert(1)">x</a>',
    "<script>alert(1)</script>",
    "<style>@import url(//evil.example/x.css)</style>",
    "<iframe src=//evil.example>",
    "&lt;img src=//evil.example&gt;",
    "<svg onload=alert(1)>",
    "<link rel=stylesheet href=//evil.example/x.css>",
    "<b>gras</b>",
)
TEMPLATE = ("{{ config }}", "{% include 'base.html' %}", '{: onclick="alert(1)" }', "{#", "#}", "{{", "}}")
MARKDOWN = (
    "]",
    "[",
    "](",
    "*",
    "**",
    "_",
    "`",
    "```",
    "#",
    "\n\n# Titre\n\n",
    "|",
    "---",
    "<!--",
    "-->",
    "> ",
    "1. ",
    "- ",
    "\\",
    "&",
    "&amp;",
    "&#x6A;avascript:",
    "*[ASS]: <b>x</b>",
    "@contact",
    "#12",
)
YAML_SPECIAL = (
    "NO",
    "no",
    "on",
    "Off",
    "y",
    "~",
    "null",
    "12:30",
    "1e3",
    "0x7e1",
    "03741",
    "2_017",
    "+2017",
    "2017.0",
    ".inf",
    "true",
    "2017",
    "2026-11-23",
    "<<",
    "=",
)
RESERVED_IDS = (
    "index",
    "admin",
    "assets",
    "donnees",
    "pagefind",
    "search",
    "lettre-a",
    "lettre-e",
    "citation-texte",
    "regles-2018",
    "formateur",
    "etudiant",
    "terrain-professionnel",
    "glossaire",
    "sources",
    "description",
    "fiche-modele",
    "readme",
)
URLS = (
    "https://www.legifrance.gouv.fr/jorf/id/JORFTEXT000029330832",
    "http://exemple.fr",
    "https://evil.example/x y",
    "https://good.fr@evil.example/",
    "javascript:alert(1)",
    "https://exemple.fr/<script>",
    'https://exemple.fr/"x',
    "//evil.example",
    "ftp://exemple.fr",
    "https://exemple.fr/a?b=c&d=e#f",
    "http://127.0.0.1:8000/",
)
HUGE = ("A" * 5000, "mot " * 1500, "é" * 1200)

_SAFE_PLAIN = re.compile(r"[A-Za-zÀ-ÿ][A-Za-zÀ-ÿ0-9 ,.'()/-]*")


TRICKY = (
    "[la réforme](/reforme.md)",
    "[loi](/references.md#loi-2014-788)",
    "[site](https://exemple.fr/a?b=c&d=e)",
    "[écrire](mailto:contact@exemple.fr)",
    "**gras** et *italique*",
    "`code`",
    "&lt;b&gt;",
    "5 < 6 > 4 & 3",
    "{{ config }}",
    "{% raw %}",
    "« guillemets » : oui ; non !",
    "\\[crochet\\]",
    "[un]",
    "1 164",
    "@contact",
    "#12",
    "NO",
    "12:30",
    "1e3",
    "x: y",
    "- tiret",
    "# dièse",
    "'apostrophe'",
    '"guillemets"',
)


def text(markdown: bool = False, hostile: bool = False) -> st.SearchStrategy:
    """French words and tricky-but-allowed pieces; *hostile*: with an attack among them, or a bare YAML scalar."""
    sep = "\n\n" if markdown else " "
    words = st.lists(st.sampled_from(WORDS + TRICKY), min_size=1, max_size=5).map(sep.join)
    if not hostile:
        return words

    def around(fragments):
        return st.tuples(words, st.sampled_from(fragments), words).map(lambda p: " ".join(p))

    links = around(LINKS + IMAGES)  # the attacks that could pass a careless validator: the most frequent
    return st.one_of(
        links,
        links,
        links,
        around(HTML + TEMPLATE + MARKDOWN),
        around(CONTROL + BIDI + INVISIBLE),
        st.sampled_from(HUGE),
        st.sampled_from(YAML_SPECIAL).map(Raw),
        st.text(max_size=20),
    )


def slug(hostile: bool = False) -> st.SearchStrategy:
    pattern = st.from_regex(r"[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,2}", fullmatch=True).map(lambda s: "gen-" + s)
    if not hostile:
        return pattern
    return st.one_of(
        st.sampled_from(RESERVED_IDS), pattern.map(lambda s: s + "\n"), st.sampled_from(YAML_SPECIAL).map(Raw)
    )


def value(field: Field, catalogues: dict, hostile: bool = False) -> st.SearchStrategy:
    """Values for *field*, drawn from its schema: allowed ones, or (*hostile*) what a stranger could try."""
    schema = field.schema
    if field.alternatives:
        return st.one_of([value(alt, catalogues, hostile) for alt in field.alternatives])
    if field.target is not None:
        t = field.target
        known = [e[t.key] for e in catalogues.get(t.catalogue, []) if t.only is None or e.get(t.only[0]) == t.only[1]]
        return st.sampled_from(("inconnu", "Index", "index")) if hostile or not known else st.sampled_from(known)
    if field.enum:
        return st.sampled_from(YAML_SPECIAL).map(Raw) if hostile else st.sampled_from(field.enum)
    if field.is_list:
        items = (
            [value(field.item, catalogues), value(field.item, catalogues, hostile)]
            if field.item
            else [text(), text(hostile=hostile)]
        )
        return st.lists(
            st.one_of(*items), min_size=field.min_items, max_size=3, unique_by=lambda v: json.dumps(v, default=str)
        )
    if field.type == "object":
        return fields(field.children, catalogues, hostile)
    if field.type == "integer":
        lo, hi = schema.get("minimum", 0), schema.get("maximum", 3000)
        if hostile:
            return st.sampled_from(("0x7e1", "03741", "33:37", "2_017", "+2017", "2017.0", "-1", "9" * 40)).map(Raw)
        return st.integers(lo, hi)
    if field.type == "boolean":
        return st.sampled_from(("yes", "on", "NO")).map(Raw) if hostile else st.booleans()
    refs = set(field.refs)
    if refs & {"slug", "source_id"} or schema.get("pattern", "").startswith("^[a-z0-9]+(-"):
        return slug(hostile)
    if refs & {"date", "updated"} or schema.get("format") == "date":
        if hostile:
            return st.sampled_from(("2023-02-30", "04/05/2017", Raw("2023-02-30")))
        return st.dates(dt.date(2000, 1, 1), dt.date(2030, 12, 31)).map(lambda d: Raw(d.isoformat()))
    if "partial_date" in refs:
        return (
            st.sampled_from(("2014-13", Raw("2014"), "0000"))
            if hostile
            else st.sampled_from(("2014", "2014-12", "2014-12-15"))
        )
    if "url" in refs:
        return st.sampled_from(URLS[4:] if hostile else URLS[:2] + ("https://exemple.fr/a?b=c&d=e#f",))
    if field.name == "from":
        pages = st.sampled_from(
            ("admin/", "feed.xml/", "pratiques/", "donnees/schemas/", "assets/x/", "formats/x/fiche-x.odt/")
        )
        return pages if hostile else slug().map(lambda s: f"pratiques/{s}/")
    if field.name == "to":
        return (
            st.sampled_from(("/pratiques/", "pratiques/inconnue/", "admin/"))
            if hostile
            else st.sampled_from(("/", "pratiques/", "formats/projets-collectifs/#fiche-modele", "glossaire/"))
        )
    if "pattern" in schema and not refs & {"text", "markdown", "source_detail"}:
        allowed = st.from_regex(schema["pattern"].replace("\\d", "[0-9]").replace("$", "\\Z"), fullmatch=True)
        return text(hostile=True) if hostile else allowed
    return text(markdown="markdown" in refs, hostile=hostile)


def fields(children: list[Field], catalogues: dict, hostile: bool) -> st.SearchStrategy:
    """An object of *children*: required ones always, others sometimes; one field is the attack when *hostile*."""
    names = [c.name for c in children]

    @st.composite
    def build(draw):
        attack = draw(st.sampled_from(names)) if hostile and names else None
        out = {}
        for c in children:
            if c.required or c.name == attack or draw(st.booleans()):
                out[c.name] = draw(value(c, catalogues, hostile=c.name == attack))
        return out

    return build()


def entries(schema_dir, catalogue: str, catalogues: dict) -> st.SearchStrategy:
    """One entry of *catalogue*: allowed values, with (most often) one field given a hostile one."""
    schema = entry_schema(schema_dir, catalogue)
    return st.sampled_from((True, True, True, False)).flatmap(lambda h: fields(schema.fields, catalogues, hostile=h))


# --- Writing them as YAML ---------------------------------------------------------------


def scalar(v) -> str:
    if isinstance(v, Raw):
        return v.text
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if v is None:
        return "null"
    text = str(v)
    if (
        _SAFE_PLAIN.fullmatch(text)
        and not text.endswith((" ", ":"))
        and ": " not in text
        and " #" not in text
        and type(plain_value(text)) is str
    ):
        return text  # plain text, written bare as an editor would
    return json.dumps(text, ensure_ascii=True)  # a JSON string is a YAML double-quoted scalar


def emit(entry: dict, indent: int = 2) -> str:
    """*entry* as a block list item at *indent* (« - key: value » lines)."""
    return "\n".join(_lines(entry, indent, item=True)) + "\n"


def _lines(value, indent: int, item: bool = False) -> list[str]:
    pad = " " * indent
    out: list[str] = []
    if isinstance(value, dict):
        first = True
        for k, v in value.items():
            lead = (pad + "- ") if item and first else (pad + "  " if item else pad)
            first = False
            inner = indent + 2 if item else indent
            if isinstance(v, (dict, list)) and v:
                out.append(f"{lead}{k}:")
                out += _lines(v, inner + 2)
            elif isinstance(v, (dict, list)):
                out.append(f"{lead}{k}: {'{}' if isinstance(v, dict) else '[]'}")
            else:
                out.append(f"{lead}{k}: {scalar(v)}")
        if not value:
            out.append(pad + "- {}")
    elif isinstance(value, list):
        for v in value:
            if isinstance(v, dict) and v:
                out += _lines(v, indent, item=True)
            else:
                out.append(
                    f"{pad}- {scalar(v) if not isinstance(v, (dict, list)) else ('{}' if isinstance(v, dict) else '[]')}"
                )
    return out
