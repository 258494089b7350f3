"""French typography, in one place: every text a reader sees goes through :func:`text` or :func:`html`.

The rules (applied by the build to every page's HTML, its title and table of contents,
the Atom feed and the ODT/DOCX fiches; hooks/typography.py, macros/exports/feed.py, macros/documents/):

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
and search tokenizer; it is what the editors' messages (macros/core/errors.py) and the
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

HTML (:func:`html`) is read by a real HTML5 parser, block by block: macros/french/typography_html.py.
"""

from __future__ import annotations

import re
from bisect import bisect_right

NBSP = "\u00a0"
ATOM = "\ufffc"  # an element the pass does not enter (code…): one opaque word for the rules
CUT = "\x00"  # a block boundary: no rule looks across it

_S = " \t\n\r\u00a0\u202f\u2009\u200a\u2007\u2002\u2003\u2004\u2005\u2006\u2008"  # spaces the rules replace

_ADDRESS = re.compile(r"://|mailto:|tel:|www\.|@")
_ADDRESS_END = re.compile('[\\s\x00\ufffc<>«»"]|$')
_SIGNS = re.compile(r"[;:!?»]")
_OPEN = re.compile(f"«([{_S}]*)")
_OPENERS = "([{«“‘/\\" + CUT
_FOLLOWERS = frozenset(_S + CUT + ATOM + "»)]}”’\"'.,…!?")
_DOUBLED = re.compile(r"[?!…]\.{1,2}(?![.\w/])|\.\.+|,,+|;;+")
_DIGITS = re.compile(r"\d+(?:[ \u2009\u202f\u00a0]\d{3}(?!\d))*")
_NOT_BEFORE_NUMBER = frozenset("._,/#°-−")
_QUANTITY_AFTER = re.compile(f"[{_S}]?(?:[a-zà-ÿœæ]|[%€‰$£])")
_NUMERO = re.compile(r"(?:\bn[°º]|\bN[°º]|\bno)[\s\u00a0]*$")


def number_fr(value) -> str:
    """An integer quantity as French readers write it: 1164 -> « 1 164 » (no-break space)."""
    return "" if value is None or value == "" else f"{int(value):,}".replace(",", NBSP)


# --- The rules, on a text where ATOM is an opaque word and CUT a block boundary ----------------


def _protected(text: str) -> list[tuple[int, int]]:
    """Web and e-mail addresses: (start, end) spans no rule edits."""
    spans = []
    for m in _ADDRESS.finditer(text):
        at, hit = m.start(), m.group()
        if spans and at < spans[-1][1]:
            continue
        start = at
        if hit in ("://", "@"):
            allowed = "+.-" if hit == "://" else "+.-_"
            while start > 0 and (text[start - 1].isalnum() or text[start - 1] in allowed):
                start -= 1
            if start == at:
                continue
        elif at > 0 and text[at - 1].isalnum():
            continue
        spans.append((start, _ADDRESS_END.search(text, m.end()).start()))
    return spans


def _inside(spans: list[tuple[int, int]], at: int) -> bool:
    i = bisect_right(spans, (at, float("inf"))) - 1
    return i >= 0 and spans[i][0] <= at < spans[i][1]


def _doubled(text: str, spans) -> list[tuple[int, int, str]]:
    edits = []
    for m in _DOUBLED.finditer(text):
        start, end, first = m.start(), m.end(), m.group()[0]
        if _inside(spans, start):
            continue
        if first != ".":
            edits.append((start + 1, end, ""))  # « ?. » « ?.. » « ,, » « ;; »: the sign once
        elif (
            end - start == 2
            and (start == 0 or text[start - 1] not in ".?!…")
            and (end == len(text) or not (text[end].isalnum() or text[end] in "/_"))
        ):
            edits.append((start, start + 1, ""))  # « .. », never « ... » nor « ../ »
    return edits


def _spacing(text: str, spans) -> list[tuple[int, int, str]]:
    edits, end = [], len(text)
    for m in _SIGNS.finditer(text):
        sign_at = m.start()
        start = sign_at
        while start > 0 and text[start - 1] in _S:
            start -= 1
        if start == 0 or _inside(spans, sign_at):
            continue
        previous, spaced = text[start - 1], start < sign_at
        if m.group() == "»":
            if previous not in CUT + "«":
                edits.append((start, sign_at, NBSP))
            continue
        if previous in _OPENERS or (not spaced and previous in ";:!?.,"):
            continue
        follower = text[sign_at + 1] if sign_at + 1 < end else CUT
        if follower not in _FOLLOWERS and (not spaced or follower.isalnum() or follower in "/:=_"):
            continue  # « a:b », « 10:30 », « ?start=3 »; a spaced sign before « ¶ » is one
        edits.append((start, sign_at, NBSP))
    for m in _OPEN.finditer(text):
        after = m.end()
        if after < end and text[after] not in _S and text[after] not in CUT + "»" and not _inside(spans, m.start()):
            edits.append((m.start(1), after, NBSP))
    return edits


def _numbers(text: str, spans) -> list[tuple[int, int, str]]:
    edits, end = [], len(text)
    for m in _DIGITS.finditer(text):
        start, stop, number = m.start(), m.end(), m.group()
        plain = number.isdigit()
        if plain and len(number) < 5:
            continue  # most numbers: a day, a year, a count
        head = number if plain else number.split()[0]
        if start and (text[start - 1].isalnum() or text[start - 1] in _NOT_BEFORE_NUMBER):
            continue  # glued to a word, a path, a decimal or an identifier (L124-1, 2014-788)
        if len(head) > 3 and head != number:
            stop, number = start + len(head), head  # « 2012 512 » is no grouped number
        after = text[stop] if stop < end else ""
        if after.isalnum() or after in "/_" or (after in ".,-−" and text[stop + 1 : stop + 2].isalnum()):
            continue
        if number[0] == "0" or _NUMERO.search(text, max(0, start - 4), start) or _inside(spans, start):
            continue
        if number.isdigit() and not (len(number) >= 5 and _QUANTITY_AFTER.match(text, stop)):
            continue  # 4 digits (a year?), or a code: « 75342 Paris », « 71120, »
        edits.append((start, stop, number_fr(re.sub(r"\D", "", number))))
    return edits


def _stage_edits(stage, text: str, spans) -> list[tuple[int, int, str]]:
    """The edits of one stage: sorted, changing something, never overlapping."""
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
    spans = _protected(value)
    for stage in STAGES:
        edits = _stage_edits(stage, value, spans)
        for start, stop, new in reversed(edits):
            value = value[:start] + new + value[stop:]
        if edits:
            spans = _protected(value)
    return value


def before_signs(value: str) -> str:
    """Only the space before « ; : ! ? »: a plain or thin one becomes the no-break space of :func:`text`.

    For messages that quote what an editor typed (macros/core/errors.py): nothing is inserted,
    moved or removed, so a quoted value is shown as it was typed."""
    return _BEFORE_SIGN.sub(NBSP, value) if _BEFORE_SIGN_HINT.search(value) else value


_BEFORE_SIGN = re.compile("[ \u202f\u2009]+(?=[;:!?])")
_BEFORE_SIGN_HINT = re.compile("[ \u202f\u2009][;:!?]")


def html(source: str) -> str:
    """*source* (an HTML fragment or a whole document) with French typography in what readers
    read: its text nodes, block by block, and the attributes readers see (macros/french/typography_html.py)."""
    from macros.french.typography_html import typographed  # imported here: it reads the rules of this module

    return typographed(source)
