"""French typography of HTML: the rules of macros/french/typography.py over what readers read.

The HTML is read by a real HTML5 parser (selectolax's Lexbor, in C), block by block: the
text of a paragraph, a list item or a cell is one run for the rules, across its inline tags
(« <a>mot</a> : »), and no rule looks across blocks; code (``code pre kbd samp script style
textarea svg math``) is one opaque word. Only text nodes and the attributes readers see
change (``title alt aria-label aria-description placeholder label``, and ``content`` of the
description meta tags), never ``href``, ``src``, ``id``, ``class`` or ``data-*``. A page
with nothing to change is returned as it came, byte for byte; the site's whole content costs
a few hundredths of a second.
"""

from __future__ import annotations

from bisect import bisect_right
from itertools import accumulate

from selectolax.lexbor import LexborHTMLParser

from macros.french.typography import _CANDIDATE, ATOM, CUT, STAGES, _protected, _stage_edits, text

OPAQUE = frozenset({"code", "pre", "kbd", "samp", "script", "style", "textarea", "svg", "math", "template"})
INLINE = frozenset(
    {
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
    }
)
ATOMS = frozenset({"img", "input", "meter", "progress", "output"})  # inline, no text of their own
SEEN_ATTRIBUTES = ("title", "alt", "aria-label", "aria-description", "placeholder", "label")
SEEN_META = frozenset({"description", "og:title", "og:description", "twitter:title", "twitter:description"})


def _read(node, parts: list, nodes: list) -> None:
    """The flow under *node*: text nodes (kept in *nodes*), ATOM for code, CUT around blocks."""
    child = node.child
    while child is not None:
        tag = child.tag
        if tag == "-text":
            nodes.append((len(parts), child))
            parts.append(child.text_content or "")
        elif tag in OPAQUE or tag in ATOMS:
            parts.append(ATOM)
        elif tag[0] != "-":  # not a comment or a doctype
            if tag in INLINE:
                _read(child, parts, nodes)
            else:
                parts.append(CUT)
                if _CANDIDATE.search(child.text(deep=True)):  # a block with nothing to change is not walked
                    _read(child, parts, nodes)
                parts.append(CUT)
        child = child.next


def _apply(parts: list[str], is_text: list[bool], edits) -> None:
    """Put the flow's edits into its text parts (an insertion goes into the text it precedes)."""
    offsets = [0, *accumulate(map(len, parts))][:-1]
    local: dict[int, list] = {}
    for start, stop, new in edits:
        first = bisect_right(offsets, start) - 1
        if start == stop:
            while first >= 0 and (not is_text[first] or start - offsets[first] > len(parts[first])):
                first -= 1  # at an atom or a cut: the end of the text before
            if first >= 0:
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


_SEEN = ",".join(f"[{name}]" for name in SEEN_ATTRIBUTES) + ",meta[content]"


def _attributes(top) -> bool:
    changed = False
    for element in top.css(_SEEN):
        if element.parent is not None and _in_opaque(element):
            continue
        attrs = element.attributes
        names = [n for n in SEEN_ATTRIBUTES if attrs.get(n)]
        if element.tag == "meta" and (attrs.get("name") or attrs.get("property")) in SEEN_META:
            names.append("content")
        for name in names:
            new = text(attrs[name])
            if new != attrs[name]:
                element.attrs[name] = new
                changed = True
    return changed


def _in_opaque(element) -> bool:
    while (element := element.parent) is not None:
        if element.tag in OPAQUE:
            return True
    return False


def typographed(source: str) -> str:
    """*source* (an HTML fragment or a whole document) with French typography in what readers read."""
    if not source or not _CANDIDATE.search(source):
        return source
    document = source.lstrip()[:9].lower().startswith(("<!doctype", "<html", "<head"))
    tree = LexborHTMLParser(source)
    top = tree.root if document else tree.body
    if top is None or (not document and tree.head is not None and tree.head.child is not None):
        return source  # a fragment with head elements (<title>, <meta>): nothing is moved or lost
    parts: list[str] = []
    nodes: list = []
    _read(top, parts, nodes)
    before = list(parts)
    flow = "".join(parts)
    if _CANDIDATE.search(flow):
        is_text = [False] * len(parts)
        for index, _ in nodes:
            is_text[index] = True
        spans = _protected(flow)
        for stage in STAGES:
            edits = _stage_edits(stage, flow, spans)
            if edits:
                _apply(parts, is_text, edits)
                flow = "".join(parts)
                spans = _protected(flow)
    changed = _attributes(top)
    for index, node in nodes:
        if parts[index] != before[index]:
            node.replace_with(parts[index])
            changed = True
    if not changed:
        return source
    return tree.html if document else top.inner_html
