"""The last line of defence for page content: an nh3 (ammonia) pass with an allow-list.

Editor text is already made inert before it reaches Markdown (macros/pages/render.py
escapes `& < > { }`), but Markdown itself still turns `[x](javascript:…)` or
`![x](data:…)` into live links. :func:`clean` runs over the HTML of every page's
content (hooks/trust.py, `on_page_content`) and keeps only what Markdown, the
site's templates and the model-form partial produce:

- the tags of :data:`TAGS` (no script, style, iframe, object, embed, svg, math, form…);
- the attributes of :data:`ATTRIBUTES`, plus `aria-*` and `data-*` on every tag
  (never an event handler: `on…` is not in the list);
- links and sources whose scheme is http, https or mailto, or relative (the site's
  own pages); `javascript:`, `data:`, `vbscript:`… are removed;
- `style` only as the form's `--lines: N` (room to write), nothing else.

:func:`removed` says what a pass took away, so the hook can warn (and a strict
build fail) naming the page, instead of dropping an editor's link silently.
"""

from __future__ import annotations

import re
from collections import Counter
from html import unescape

import nh3

TAGS = frozenset(
    {
        "a",
        "abbr",
        "b",
        "bdi",
        "bdo",
        "blockquote",
        "br",
        "caption",
        "cite",
        "code",
        "col",
        "colgroup",
        "data",
        "dd",
        "del",
        "details",
        "dfn",
        "div",
        "dl",
        "dt",
        "em",
        "figcaption",
        "figure",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "i",
        "img",
        "ins",
        "kbd",
        "li",
        "mark",
        "ol",
        "p",
        "pre",
        "q",
        "s",
        "samp",
        "section",
        "small",
        "span",
        "strong",
        "sub",
        "summary",
        "sup",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "time",
        "tr",
        "u",
        "ul",
        "var",
        "wbr",
        "article",
        "aside",
        "header",
        "footer",
        "nav",
        # Fill-online model forms (no <form>: answers stay in the page, nothing is submitted).
        "fieldset",
        "legend",
        "label",
        "input",
        "textarea",
        "select",
        "option",
        "optgroup",
        "button",
        "output",
        "meter",
        "progress",
    }
)

_GLOBAL = {"id", "class", "title", "lang", "dir", "role", "hidden", "tabindex"}
ATTRIBUTES = {
    "*": _GLOBAL,
    "a": {"href", "hreflang", "rel", "download", "type"},
    "img": {"src", "alt", "width", "height", "loading", "decoding"},
    "blockquote": {"cite"},
    "q": {"cite"},
    "del": {"cite", "datetime"},
    "ins": {"cite", "datetime"},
    "time": {"datetime"},
    "data": {"value"},
    "ol": {"start", "reversed", "type"},
    "li": {"value"},
    "td": {"colspan", "rowspan", "headers"},
    "th": {"colspan", "rowspan", "headers", "scope", "abbr"},
    "col": {"span"},
    "colgroup": {"span"},
    "details": {"open"},
    "div": {"style"},
    "label": {"for"},
    "fieldset": {"name", "disabled"},
    "input": {
        "type",
        "name",
        "value",
        "checked",
        "placeholder",
        "required",
        "disabled",
        "readonly",
        "autocomplete",
        "min",
        "max",
        "step",
        "size",
        "maxlength",
        "minlength",
        "pattern",
        "inputmode",
        "list",
        "multiple",
        "spellcheck",
    },
    "textarea": {
        "name",
        "rows",
        "cols",
        "placeholder",
        "required",
        "disabled",
        "readonly",
        "maxlength",
        "minlength",
        "spellcheck",
        "autocomplete",
        "wrap",
    },
    "select": {"name", "required", "disabled", "multiple", "size", "autocomplete"},
    "option": {"value", "selected", "disabled", "label"},
    "optgroup": {"label", "disabled"},
    "button": {"type", "name", "value", "disabled"},
    "output": {"for", "name"},
    "meter": {"value", "min", "max", "low", "high", "optimum"},
    "progress": {"value", "max"},
}
URL_SCHEMES = frozenset({"http", "https", "mailto"})
_STYLE = re.compile(r"\s*--lines:\s*[0-9]{1,3}\s*;?\s*\Z")  # the whole value, from start (match) to end
_URL_ATTRIBUTES = {"href", "src", "cite"}


def _filter(tag: str, attr: str, value: str) -> str | None:
    if attr == "style":
        return value if _STYLE.match(value) else None
    if attr.startswith("on"):  # defence in depth: never an event handler, whatever the lists say
        return None
    if tag == "img" and attr == "src" and (value.lstrip().startswith("//") or ":" in value.split("/", 1)[0]):
        return None  # an image from another site: every reader's browser would call it
    return value


def clean(html: str) -> str:
    """*html* with everything outside the allow-list removed (text kept, shown as text)."""
    return nh3.clean(
        html,
        tags=set(TAGS),
        clean_content_tags={"script", "style"},
        attributes={tag: set(names) for tag, names in ATTRIBUTES.items()},
        attribute_filter=_filter,
        generic_attribute_prefixes={"aria-", "data-"},
        url_schemes=set(URL_SCHEMES),
        link_rel=None,
        strip_comments=True,
    )


_TAG = re.compile(r"""<([a-zA-Z][a-zA-Z0-9-]*)((?:[^>"']++|"[^"]*+"|'[^']*+')*+)>""")
_ATTR = re.compile(r"""([^\s=/>"']+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>]+))?""")


def inventory(html: str) -> Counter:
    """Tags and attributes of an HTML fragment (URL values by scheme, style values whole)."""
    return _items(_tags(html))


def _tags(html: str) -> Counter:
    return Counter(_TAG.findall(_COMMENT.sub("", html)))


def _items(tags: Counter) -> Counter:
    items: Counter = Counter()
    for (tag, attrs), count in tags.items():
        for item in _tag_items(tag, attrs):
            items[item] += count
    return items


_COMMENT = re.compile(r"<!--.*?-->", re.S)


def _tag_items(tag: str, attrs: str) -> list[str]:
    tag = tag.lower()
    items = [f"<{tag}>"]
    for name, raw in _ATTR.findall(attrs):
        name = name.lower()
        value = unescape(raw[1:-1] if raw[:1] in "\"'" else raw)
        if name in _URL_ATTRIBUTES and value and ":" in value.split("/", 1)[0]:
            scheme = value.split(":", 1)[0].strip().lower()
            items.append(f'<{tag} {name}="{scheme}:…">')
        elif name == "style":
            items.append(f'<{tag} style="{value}">')
        else:
            items.append(f"<{tag} {name}>")
    return items


def removed(before: str, after: str) -> list[str]:
    """What a pass took away: tags and attributes present in *before* and not in *after*."""
    # Tags written the same before and after hold the same items: they cancel out, and
    # only the few that the pass rewrote are read attribute by attribute.
    tags_before, tags_after = _tags(before), _tags(after)
    same = tags_before & tags_after
    lost = _items(tags_before - same) - _items(tags_after - same)
    return sorted(lost)
