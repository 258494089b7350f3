"""Downloadable « fiche modèle » documents (ODT and DOCX).

Public API: ``build_docx(form) -> bytes`` and ``build_odt(form) -> bytes``.
``form`` is the already-resolved plain dict (includes expanded)::

    {"site_name", "format_id", "format_title", "url", "updated": "YYYY-MM-DD",
     "intro": md | None, "sections": [{"id", "title", "help", "fields": [...]}],
     "answers": {field_id: str | [str]}}   # answers optional

Each place an answer goes carries a bookmark (``anchor(field_id, part)``:
``champ_<id>`` the writing room, ``…_o<n>`` the box of option n, ``…_nom`` and
``…_date`` the two cells of a signature). Bookmarks are invisible in a word
processor; the site's fill-online script (docs/assets/fiche-documents.js) finds them to
write the reader's answers into these very documents, in the browser.

This module holds what both writers share: Markdown → plain text, the layout
decision for each field (``field_view``) and deterministic zip rewriting.
The writers live in ``documents_docx.py`` and ``documents_odt.py``. Every text of the
form goes through the site's French typography (:func:`shown`, macros/french/typography.py);
the answers a reader writes are left as typed.
"""

from __future__ import annotations

import datetime as _dt
import io
import re
import zipfile

from macros.french.dates import date_fr
from macros.french.typography import text as typographed

DEFAULT_LINES = 5
BOX, BOX_CHECKED = "\u2610", "\u2612"  # ☐ ☒
SIGNATURE_HEADS = ("Nom, qualité", "Date et signature")
# Height of the room left to write, in centimetres.
BOX_HEIGHT, LINE_HEIGHT, SIGNATURE_HEIGHT = 0.9, 0.75, 2.6
HINTS = {"choice": "Une seule réponse.", "checklist": "Plusieurs réponses possibles."}
PLACEHOLDERS = {"date": "…… / …… / …………"}

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!<>|~])")
_IMAGE_OR_LINK = re.compile(r"!?\[([^\]]*)\]\(\s*<?([^)\s>]*)>?(?:\s+[\"'][^)]*[\"'])?\s*\)")
_AUTOLINK = re.compile(r"<((?:https?://|mailto:)[^>\s]+)>")
_CODE = re.compile(r"`+([^`]+)`+")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_EM_STAR = re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?!\*)")
_EM_UNDER = re.compile(r"(?<![\w_])_(?=\S)(.+?)(?<=\S)_(?![\w_])")
_STRIKE = re.compile(r"~~(?=\S)(.+?)(?<=\S)~~")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$")
_QUOTE = re.compile(r"^\s{0,3}>\s?")
_BULLET = re.compile(r"^\s*[-*+]\s+")
_NUMBERED = re.compile(r"^\s*(\d{1,9})[.)]\s+")
_RULE = re.compile(r"^\s{0,3}([-*_])(\s*\1){2,}\s*$")


def clean(text) -> str:
    """Any value → str without characters XML cannot hold."""
    return _CONTROL.sub("", "" if text is None else str(text))


def shown(text) -> str:
    """A text of the form as the document shows it: :func:`clean`, with French typography."""
    return typographed(clean(text))


def _inline(text: str) -> str:
    """Strip inline Markdown, keeping link text. HTML is left as literal text."""
    escaped: list[str] = []

    def keep(match):
        escaped.append(match.group(1))
        return "\x00%d\x00" % (len(escaped) - 1)

    text = _ESCAPE.sub(keep, text)
    text = _CODE.sub(lambda m: m.group(1).strip(), text)
    text = _IMAGE_OR_LINK.sub(lambda m: m.group(1) or m.group(2), text)
    text = _AUTOLINK.sub(r"\1", text)
    for pattern in (_STRONG, _STRIKE):
        text = pattern.sub(lambda m: m.group(m.lastindex), text)
    text = _EM_STAR.sub(r"\1", text)
    text = _EM_UNDER.sub(r"\1", text)
    text = re.sub(r"\x00(\d+)\x00", lambda m: escaped[int(m.group(1))], text)
    return re.sub(r"[ \t]+", " ", text).strip()


def plain_paragraphs(md) -> list[str]:
    """Markdown → list of plain-text paragraphs (list items become « • item »)."""
    paragraphs: list[str] = []
    current: list[str] = []

    def flush():
        if current:
            text = _inline(" ".join(current))
            if text:
                paragraphs.append(typographed(text))
            current.clear()

    for line in clean(md).replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = _QUOTE.sub("", line)
        if not line.strip() or _RULE.match(line):
            flush()
            continue
        heading = _HEADING.match(line)
        bullet = _BULLET.match(line)
        number = _NUMBERED.match(line)
        if heading:
            flush()
            current.append(heading.group(1))
            flush()
        elif bullet or number:
            flush()
            prefix = "• " if bullet else number.group(1) + ". "
            current.append(prefix + line[(bullet or number).end() :])
        else:
            current.append(line.strip())
    flush()
    return paragraphs


def plain(md) -> str:
    """Markdown → plain text, paragraphs separated by newlines."""
    return "\n".join(plain_paragraphs(md))


def _answer_list(value) -> list[str]:
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return [clean(v).strip() for v in value if clean(v).strip()]
    return [clean(value).strip()] if clean(value).strip() else []


def anchor(field_id: str, part: str = "") -> str:
    """Bookmark name of an answer's place (ids are [a-z0-9-]: « - » → « _ » is reversible)."""
    return "champ_" + clean(field_id).replace("-", "_") + ("_" + part if part else "")


def field_view(field: dict, answers: dict | None) -> dict:
    """Decide how one field is laid out; shared by both writers.

    Returns ``{"label", "required", "help", "layout", ...}`` where layout is
    ``box`` (``lines``: list of answer lines, ``placeholder``, ``height`` cm),
    ``options`` (``options``: list of ``(box, text, anchor)``, box ☐ or ☒) or
    ``signature`` (``heads``, ``values``: 2 lists of lines, ``anchors``, ``height`` cm);
    ``anchor`` names the bookmark of the writing room.
    """
    kind = field.get("kind") or "text"
    given = _answer_list((answers or {}).get(field.get("id")))
    help_text = " ".join(plain_paragraphs(field.get("help")))
    if kind in HINTS:
        help_text = (help_text + " " + HINTS[kind]).strip()
    view = {
        "label": shown(field.get("label")).strip(),
        "required": bool(field.get("required")),
        "help": help_text,
        "kind": kind,
        "anchor": anchor(field.get("id") or ""),
    }
    if kind in ("choice", "checklist"):
        options = [clean(o).strip() for o in field.get("options") or []]
        extra = [a for a in given if a not in options]  # never lose an answer
        view.update(
            layout="options",
            options=[
                (BOX_CHECKED if o in given else BOX, typographed(o), anchor(field.get("id") or "", "o%d" % (i + 1)))
                for i, o in enumerate(options)
            ]
            + [(BOX_CHECKED, a, None) for a in extra],
        )
    elif kind == "signature":
        values = ["\n".join(given).split("\n") if given else [], []]
        view.update(
            layout="signature",
            heads=SIGNATURE_HEADS,
            values=values,
            anchors=[anchor(field.get("id") or "", part) for part in ("nom", "date")],
            height=SIGNATURE_HEIGHT,
        )
    else:
        lines = "\n".join(given).split("\n") if given else []
        rows = 1
        if kind == "paragraph":
            rows = field.get("lines") or DEFAULT_LINES
        view.update(
            layout="box",
            lines=lines,
            placeholder=PLACEHOLDERS.get(kind, ""),
            height=BOX_HEIGHT if rows == 1 else round(rows * LINE_HEIGHT, 2),
        )
    return view


def updated_date(form: dict) -> _dt.date:
    value = form.get("updated")
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    return _dt.date.fromisoformat(str(value))


def footer_text(form: dict) -> str:
    """« Version du 23 novembre 2026 — <permanent URL> » (no URL in a development build)."""
    version = "Version du %s" % date_fr(updated_date(form).isoformat())
    return f"{version} — {clean(form['url'])}" if form.get("url") else version  # no sign to space


def document_title(form: dict) -> str:
    return "Fiche modèle — " + shown(form.get("format_title"))


def normalize_zip(data: bytes, form: dict) -> bytes:
    """Rewrite a zip with stable entry order, timestamps and attributes."""
    day = updated_date(form)
    stamp = (max(day.year, 1980), day.month, day.day, 0, 0, 0)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for name in sorted(source.namelist(), key=lambda n: (n != "mimetype", n)):
            info = zipfile.ZipInfo(name, stamp)
            info.create_system = 3
            info.external_attr = 0o100644 << 16
            info.compress_type = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            target.writestr(info, source.read(name), compresslevel=9)
    return out.getvalue()


def build_docx(form: dict) -> bytes:
    """The fiche modèle as a Word document (bytes, deterministic)."""
    from macros.documents.docx import build

    return build(form)


def build_odt(form: dict) -> bytes:
    """The fiche modèle as an OpenDocument text (bytes, deterministic)."""
    from macros.documents.odt import build

    return build(form)
