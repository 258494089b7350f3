"""French typography, in one place: every text a reader sees goes through :func:`text` or :func:`html`.

The rules (applied by the build to every page's HTML, its title and table of contents,
the Atom feed and the ODT/DOCX fiches; hooks/typography.py, macros/feed.py, macros/documents.py):

- a no-break space before « ; : ! ? » and « » », after « « »: a plain (or thin, or
  missing) space there is replaced by it, so a line never starts with the sign;
- no doubled punctuation: « ?. », « !. », « …. » lose the dot, « .. » becomes « . »
  (« ... » is an ellipsis and is kept), « ,, » and « ;; » become one sign;
- thousands separators: a number of 5 digits or more followed by a word in lower case
  or a unit (« 12000 étudiants », « 35000 € ») is grouped by three (« 12 000 »), and a
  number already grouped with plain spaces (« 1 740 heures ») gets no-break ones.
  4-digit numbers are left alone (« 2012 » is a year, « 1164 » is a quantity: the pass
  cannot tell), so templates write integer fields through :func:`number_fr`.

One character, U+00A0 (no-break space), for all of them. The narrow U+202F is the
printers' choice before « ; ! ? », but U+00A0 is in every font, terminal, word processor
and search tokenizer; it is what the editors' messages (macros/errors.py) and the
search's status line (assets/search.js) already write. A U+202F, U+2009 or U+00A0
already there is normalised to it, so the pass is idempotent.

Never touched: code (what is inside ``code pre kbd samp script style textarea svg
math``, seen by the rules as one opaque word), web and e-mail addresses
(``https://…``, ``mailto:…``, ``www.…``, ``nom@domaine.fr``), a colon between two
non-spaces (times « 10:30 », ratios, « :: »), identifiers (« n° 12345 », « 2014-788 »,
« L124-1 », numbers glued to letters or starting with 0, postal codes before a
capitalised town « 75342 Paris »). In HTML, only text nodes and the attributes readers
see (``title alt aria-label aria-description placeholder label``, and ``content`` of the
description meta tags) change; never ``href``, ``src``, ``id``, ``class`` or ``data-*``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from html import escape
from html.parser import HTMLParser

NBSP = "\u00a0"
ATOM = "\ufffc"  # an element the pass does not enter (code…): one opaque word for the rules
CUT = "\x00"  # a block boundary: no rule looks across it

_S = " \t\n\r\u00a0\u202f\u2009\u200a\u2007\u2002\u2003\u2004\u2005\u2006\u2008"  # spaces the rules replace
OPAQUE = frozenset({"code", "pre", "kbd", "samp", "script", "style", "textarea", "svg", "math", "template"})
INLINE = frozenset({"a", "abbr", "b", "bdi", "bdo", "cite", "data", "del", "dfn", "em", "i", "ins", "label",
                    "mark", "q", "s", "small", "span", "strong", "sub", "sup", "time", "u", "var", "wbr"})
ATOMS = frozenset({"img", "input", "meter", "progress", "output"})  # inline, no text of their own
SEEN_ATTRIBUTES = frozenset({"title", "alt", "aria-label", "aria-description", "placeholder", "label"})
SEEN_META = frozenset({"description", "og:title", "og:description", "twitter:title", "twitter:description"})

_PROTECTED = re.compile(
    r"(?:\b[a-z][a-z0-9+.-]*://|\bmailto:|\btel:|\bwww\.)[^\s\x00\ufffc<>«»\"]*"
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.I)
_HIGH = re.compile(f"([{_S}]*)([;:!?])")
_OPEN = re.compile(f"«([{_S}]*)")
_CLOSE = re.compile(f"([{_S}]*)»")
_OPENERS = "([{«“‘/\\" + CUT
_FOLLOWERS = set(_S) | set(CUT + ATOM + "»)]}”’\"'.,…!?")
_DOUBLED = re.compile(r"(?<=[?!…])\.{1,2}(?![.\w/])|(?<![.?!…])\.(?=\.(?![.\w/]))|(?<=,),+|(?<=;);+")
_BIG = re.compile(r"(?<![\w.,/#°\-−])[1-9]\d{4,}(?![\w/]|[.,]\d|[-−]\w)")
_GROUPED = re.compile(r"(?<![\w.,/#°\-−])[1-9]\d{0,2}(?:[ \u2009\u202f\u00a0]\d{3})+(?![\w/]|[.,]\d|[-−]\w)")
_QUANTITY_AFTER = re.compile(f"[{_S}]?(?:[a-zà-ÿœæ]|[%€‰$£])")
_NUMERO = re.compile(r"(?:\bn[°º]|\bN[°º]|\bno)[\s\u00a0]*$")


def number_fr(value) -> str:
    """An integer quantity as French readers write it: 1164 -> « 1 164 » (no-break space)."""
    if value is None or value == "":
        return ""
    digits = str(int(value))
    sign, digits = ("-", digits[1:]) if digits.startswith("-") else ("", digits)
    groups = []
    while len(digits) > 3:
        digits, groups = digits[:-3], [digits[-3:]] + groups
    return sign + NBSP.join([digits] + groups)


# --- The rules, on a text where ATOM is an opaque word and CUT a block boundary ----------------


def _protected(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _PROTECTED.finditer(text)] if ("/" in text or "@" in text or "www." in text
                                                              or ":" in text) else []


def _inside(spans: list[tuple[int, int]], at: int) -> bool:
    i = bisect_right(spans, (at, float("inf"))) - 1
    return i >= 0 and spans[i][0] <= at < spans[i][1]


def _doubled(text: str, spans) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), "") for m in _DOUBLED.finditer(text) if not _inside(spans, m.start())]


def _spacing(text: str, spans) -> list[tuple[int, int, str]]:
    edits = []
    end = len(text)
    for m in _HIGH.finditer(text):
        sign_at, before = m.start(2), m.start(1) - 1
        if before < 0 or _inside(spans, sign_at):
            continue
        previous, spaced = text[before], m.start(1) < sign_at
        if previous in _OPENERS or (not spaced and previous in ";:!?.,"):
            continue
        follower = text[sign_at + 1] if sign_at + 1 < end else CUT
        if follower not in _FOLLOWERS and (not spaced or follower.isalnum() or follower in "/:=_"):
            continue  # « a:b », « 10:30 », « ?start=3 »; a spaced sign before « ¶ » is one
        edits.append((m.start(1), sign_at, NBSP))
    for m in _OPEN.finditer(text):
        after = m.end()
        if after < end and text[after] not in _S and text[after] not in CUT + "»" and not _inside(spans, m.start()):
            edits.append((m.start(1), after, NBSP))
    for m in _CLOSE.finditer(text):
        before = m.start() - 1
        if before >= 0 and text[before] not in _S and text[before] not in CUT + "«" and not _inside(spans, m.end() - 1):
            edits.append((m.start(), m.end(1), NBSP))
    return edits


def _numbers(text: str, spans) -> list[tuple[int, int, str]]:
    edits = []
    for m in _BIG.finditer(text):
        if _QUANTITY_AFTER.match(text, m.end()) and not _NUMERO.search(text, max(0, m.start() - 4), m.start()) \
                and not _inside(spans, m.start()):
            edits.append((m.start(), m.end(), number_fr(m.group())))
    for m in _GROUPED.finditer(text):
        if not _inside(spans, m.start()) and not _NUMERO.search(text, max(0, m.start() - 4), m.start()):
            edits.append((m.start(), m.end(), number_fr(re.sub(r"\D", "", m.group()))))
    return edits


def _stage_edits(stage, text: str) -> list[tuple[int, int, str]]:
    """The edits of one stage: sorted, changing something, never overlapping."""
    spans = _protected(text)
    chosen, last = [], -1
    for start, stop, new in sorted(stage(text, spans)):
        if start >= last and text[start:stop] != new:
            chosen.append((start, stop, new))
            last = stop
    return chosen


STAGES = (_doubled, lambda text, spans: _spacing(text, spans) + _numbers(text, spans))
_CANDIDATE = re.compile(r"[;:!?«»]|\.\.|,,|\d{5}|\d[ \u2009\u202f]\d{3}")


def text(value: str) -> str:
    """*value* (plain text, no markup) with French typography."""
    if not value or not _CANDIDATE.search(value):
        return value
    for stage in STAGES:
        edits = _stage_edits(stage, value)
        for start, stop, new in reversed(edits):
            value = value[:start] + new + value[stop:]
    return value


def before_signs(value: str) -> str:
    """Only the space before « ; : ! ? »: a plain or thin one becomes the no-break space of :func:`text`.

    For messages that quote what an editor typed (macros/errors.py): nothing is inserted,
    moved or removed, so a quoted value is shown as it was typed."""
    return _BEFORE_SIGN.sub(NBSP, value) if _BEFORE_SIGN_HINT.search(value) else value


_BEFORE_SIGN = re.compile("[ \u202f\u2009]+(?=[;:!?])")
_BEFORE_SIGN_HINT = re.compile("[ \u202f\u2009][;:!?]")


# --- HTML: the same rules over the text of each block, across inline tags -------------------------


class _Reader(HTMLParser):
    """The text of an HTML document or fragment, block by block, with each text node's place."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=True)
        self.source = source
        self.lines = [0]
        for line in source.split("\n")[:-1]:
            self.lines.append(self.lines[-1] + len(line) + 1)
        self.parts: list[str] = []  # the flow: text nodes, ATOM, CUT
        self.nodes: list[list] = []  # [part index, source start, source end] of each text node
        self.tags: list[tuple[int, int, str]] = []  # (start, end, new markup) of tags whose seen attributes change
        self.opaque: list[str] = []
        self._open_node: list | None = None

    def _at(self) -> int:
        line, col = self.getpos()
        at = self.lines[line - 1] + col
        if self._open_node is not None:
            self._open_node[2], self._open_node = at, None
        return at

    def handle_data(self, data: str) -> None:
        at = self._at()
        if not self.opaque:
            self._open_node = [len(self.parts), at, len(self.source)]
            self.nodes.append(self._open_node)
            self.parts.append(data)

    def handle_starttag(self, tag: str, attrs, closed: bool = False) -> None:
        at = self._at()
        if self.opaque:
            if tag == self.opaque[-1] and not closed:
                self.opaque.append(tag)
            return
        if tag in OPAQUE:
            self.parts.append(ATOM)
            if not closed:
                self.opaque.append(tag)
        elif tag in ATOMS:
            self.parts.append(ATOM)
        elif tag not in INLINE:
            self.parts.append(CUT)
        self._attributes(tag, attrs, at, closed)

    def handle_startendtag(self, tag: str, attrs) -> None:
        self.handle_starttag(tag, attrs, closed=True)

    def handle_endtag(self, tag: str) -> None:
        self._at()
        if self.opaque:
            if tag == self.opaque[-1]:
                self.opaque.pop()
        elif tag not in INLINE and tag not in ATOMS:
            self.parts.append(CUT)

    def handle_comment(self, data: str) -> None:
        self._at()

    handle_decl = handle_pi = unknown_decl = handle_comment

    def _attributes(self, tag: str, attrs, at: int, closed: bool) -> None:
        seen = SEEN_ATTRIBUTES
        if tag == "meta" and (dict(attrs).get("name") or dict(attrs).get("property")) in SEEN_META:
            seen = seen | {"content"}
        new = [(name, text(value) if name in seen and value else value) for name, value in attrs]
        if new != attrs:
            markup = "".join(f" {n}" if v is None else f' {n}="{escape(v)}"' for n, v in new)
            raw = self.get_starttag_text() or ""
            self.tags.append((at, at + len(raw), f"<{tag}{markup}{' /' if closed else ''}>"))


def _apply(parts: list[str], is_text: list[bool], edits) -> None:
    """Put the flow's edits into its text parts (an insertion goes into the text it precedes)."""
    offsets, total = [], 0
    for part in parts:
        offsets.append(total)
        total += len(part)
    local: dict[int, list] = {}
    for start, stop, new in edits:
        first = bisect_right(offsets, start) - 1
        if start == stop:
            if first >= len(parts) or not is_text[first] or start - offsets[first] >= len(parts[first]):
                first -= 1  # at an atom, a cut or the end: the end of the text before
            if first >= 0 and is_text[first]:
                local.setdefault(first, []).append((start - offsets[first],) * 2 + (new,))
            continue
        last = bisect_right(offsets, stop - 1) - 1
        for index in range(first, last + 1):
            if is_text[index]:
                a, b = max(start, offsets[index]), min(stop, offsets[index] + len(parts[index]))
                local.setdefault(index, []).append((a - offsets[index], b - offsets[index], new))
                new = ""
    for index, changes in local.items():
        value = parts[index]
        for a, b, new in sorted(changes, reverse=True):
            value = value[:a] + new + value[b:]
        parts[index] = value


def html(source: str) -> str:
    """*source* (an HTML fragment or document) with French typography in what readers read."""
    if not source or not _CANDIDATE.search(source):
        return source
    reader = _Reader(source)
    reader.feed(source)
    reader.close()
    if reader._open_node is not None:
        reader._open_node[2] = len(source)
    parts, before = reader.parts, list(reader.parts)
    is_text = [False] * len(parts)
    for node in reader.nodes:
        is_text[node[0]] = True
    flow = "".join(parts)
    if _CANDIDATE.search(flow):
        for stage in STAGES:
            edits = _stage_edits(stage, flow)
            if edits:
                _apply(parts, is_text, edits)
                flow = "".join(parts)
    changes = [(start, end, escape(parts[index], quote=False)) for index, start, end in reader.nodes
               if parts[index] != before[index]] + reader.tags
    if not changes:
        return source
    out, at = [], 0
    for start, end, new in sorted(changes):
        out += [source[at:start], new]
        at = end
    return "".join(out) + source[at:]
