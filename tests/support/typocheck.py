"""What a French proofreader checks on the built site, written apart from the pass it checks
(macros/french/typography.py): no-break spaces before « ; : ! ? » and inside « », no doubled
punctuation, thousands separators, no « de le ». Used by tests/unit/test_typography.py.

Each finding is (where, rule, context). Exempt: code (``code pre kbd samp script style
textarea svg``), web and e-mail addresses, and what is not prose (a colon between two
non-spaces, as in 10:30).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
import zipfile
from html.parser import HTMLParser
from pathlib import Path

NBSP = "\u00a0"
HIDDEN = {"code", "pre", "kbd", "samp", "script", "style", "textarea", "svg", "math", "template"}
INLINE = {
    "a",
    "abbr",
    "b",
    "bdi",
    "bdo",
    "cite",
    "data",
    "del",
    "dfn",
    "em",
    "i",
    "ins",
    "label",
    "mark",
    "q",
    "s",
    "small",
    "span",
    "strong",
    "sub",
    "sup",
    "time",
    "u",
    "var",
    "wbr",
    "img",
    "input",
}
READ_ATTRIBUTES = {"title", "alt", "aria-label", "placeholder"}
# Numbers of 5 digits or more that are identifiers, not quantities (postal codes, a « Libre réponse »).
IDENTIFIERS = {"71120", "75342", "94107"}
# « de les » / « à le » before an infinitive is a pronoun (« afin de le remplir »): list such verbs here.
PRONOUN_VERBS: set[str] = set()

_URL = re.compile(r"(?:\b[a-z][a-z0-9+.-]*://|\bmailto:|\bwww\.)[^\s«»\"<>]*|[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.I)
RULES = (
    ("espace sécable avant le signe", re.compile(r"(?<=[^\s\x00])[ \t\n\r\u202f\u2009]+(?=[;:!?»])")),
    ("espace manquante avant le signe", re.compile(r"[\w»)\]\ufffc][;:!?](?=[\s\x00]|$)")),
    ("espace après « manquante ou sécable", re.compile(r"«(?![\u00a0»])(?=.)")),
    ("espace avant » manquante ou sécable", re.compile(r"(?<=[^\u00a0\x00«])»")),
    ("ponctuation doublée", re.compile(r"[?!…]\.(?!\.)|(?<![.?!…])\.\.(?![./\d])|,,|;;")),
    ("nombre sans séparateur de milliers", re.compile(r"(?<![\w.,/#°-])(?!0)\d{5,}(?![\w/-]|[.,]\d)")),
    ("séparateur de milliers sécable", re.compile(r"(?<![\w.,/#°-])[1-9]\d{0,2}(?: \d{3})+(?![\w/-]|[.,]\d)")),
    ("« de le », « à le », « de les » ou « à les »", re.compile(r"\b(?:de|à) les? (\w+)", re.I)),
)


def findings(text: str, where: str, figures: frozenset[str] = frozenset()) -> list[tuple[str, str, str]]:
    """The violations in one block of text (\\ufffc stands for a piece of code)."""
    text = _URL.sub("\ufffc", text)
    found = []
    for rule, pattern in RULES:
        for m in pattern.finditer(text):
            if rule.startswith("nombre") and (m.group() in IDENTIFIERS or re.search(r"n°\s*$", text[: m.start()])):
                continue
            if rule.startswith("«") and m.group(1).lower() in PRONOUN_VERBS:
                continue
            if (
                rule.startswith("espace sécable")
                and m.end() < len(text)
                and text[m.end()] == ":"
                and m.end() + 1 < len(text)
                and not text[m.end() + 1].isspace()
            ):
                continue  # « a :b » is no French colon
            found.append((where, rule, _context(text, m)))
    for figure in figures:
        for m in re.finditer(rf"(?<![\w.,/-]){figure}(?![\w/-])", text):
            found.append((where, f"chiffre {figure} sans séparateur de milliers", _context(text, m)))
    return found


def _context(text: str, m: re.Match) -> str:
    return repr(text[max(0, m.start() - 40) : m.end() + 25].replace("\x00", " | "))


class _Blocks(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.attributes: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag, attrs):
        if self.hidden or tag in HIDDEN:
            self.hidden += tag in HIDDEN
            if tag in HIDDEN and self.hidden == 1:
                self.text.append("\ufffc")
            return
        if tag not in INLINE:
            self.text.append("\x00")
        attrs = dict(attrs)
        seen = READ_ATTRIBUTES | ({"content"} if attrs.get("name") == "description" else set())
        self.attributes += [v for k, v in attrs.items() if k in seen and v]

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag in HIDDEN:
            self.hidden -= 1

    def handle_endtag(self, tag):
        if tag in HIDDEN and self.hidden:
            self.hidden -= 1
        elif not self.hidden and tag not in INLINE:
            self.text.append("\x00")

    def handle_data(self, data):
        if not self.hidden:
            self.text.append(data)


def html_findings(path: Path, where: str, figures: frozenset[str] = frozenset()) -> list:
    parser = _Blocks()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    found = []
    for block in "".join(parser.text).split("\x00"):
        found += findings(block, where, figures)
    for value in parser.attributes:
        found += findings(value, where + " (attribut)", figures)
    return found


def feed_findings(path: Path, where: str) -> list:
    found = []
    for el in ET.parse(path).iter():
        for value in [el.text or ""] + [v for k, v in el.attrib.items() if k == "label"]:
            if value.strip():
                found += findings(value, where)
    return found


def document_paragraphs(path: Path) -> list[str]:
    """The text of each paragraph of an ODT or DOCX file."""
    with zipfile.ZipFile(path) as z:
        if path.suffix == ".odt":
            root, para, ns = (
                ET.fromstring(z.read("content.xml")),
                ("p", "h"),
                "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
            )
            return ["".join(p.itertext()) for p in root.iter() if p.tag in {f"{{{ns}}}{t}" for t in para}]
        ns = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
        root = ET.fromstring(z.read("word/document.xml"))
        return ["".join(t.text or "" for t in p.iter(f"{{{ns}}}t")) for p in root.iter(f"{{{ns}}}p")]


def site_findings(site: Path, figures: frozenset[str] = frozenset()) -> list:
    """Every violation of the built site: HTML pages, the feed, one ODT and one DOCX fiche."""
    found = []
    for path in sorted(site.rglob("*.html")):
        where = str(path.relative_to(site))
        # The editors' pages document what to type (« theory_hours: 1740 »): no figure check there.
        checked = figures if not where.startswith(("contribuer/", "admin/")) else frozenset()
        found += html_findings(path, where, checked)
    found += feed_findings(site / "feed.xml", "feed.xml")
    for suffix in (".odt", ".docx"):
        document = next(iter(sorted(site.rglob(f"fiche-*{suffix}"))))
        for text in document_paragraphs(document):
            found += findings(text, str(document.relative_to(site)))
    return found
