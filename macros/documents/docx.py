"""DOCX writer for the fiche modèle (see fiche.py for the input dict)."""

from __future__ import annotations

import datetime as _dt
import io
import itertools

from docx import Document
from docx.enum.table import WD_ROW_HEIGHT_RULE, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from macros.documents.fiche import (
    clean,
    document_title,
    field_view,
    footer_text,
    normalize_zip,
    plain_paragraphs,
    shown,
    updated_date,
)

FONT = "Arial"  # Liberation Sans is metric-compatible and substituted where Arial is absent
INK, ACCENT, GREY, RULE = (RGBColor(0x1A, 0x1A, 0x1A), RGBColor(0x1F, 0x3A, 0x5F), RGBColor(0x59, 0x59, 0x59), "808080")
TEXT_WIDTH = 17.0  # cm: A4 minus 2 cm margins


def _fonts(rpr, name=FONT):
    """Explicit font on an rPr, removing theme fonts that would override it."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        fonts.attrib.pop(qn("w:" + attr), None)
    for attr in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn("w:" + attr), name)


def _style(doc, name, size, bold=False, italic=False, color=INK, before=0, after=3, keep=False):
    style = doc.styles[name]
    _fonts(style.element.get_or_add_rPr())
    for junk in style.element.xpath("w:rPr/w:spacing | w:pPr/w:numPr"):  # letter-spacing, list
        junk.getparent().remove(junk)
    for edge in style.element.xpath("w:pPr/w:pBdr/*"):
        edge.attrib.pop(qn("w:themeColor"), None)
        edge.set(qn("w:color"), str(color))
    style.font.size, style.font.bold, style.font.italic = Pt(size), bold, italic
    style.font.color.rgb = color
    fmt = style.paragraph_format
    fmt.space_before, fmt.space_after, fmt.keep_with_next = Pt(before), Pt(after), keep
    return style


def _setup(doc, form):
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm((21 - TEXT_WIDTH) / 2)
    section.top_margin, section.bottom_margin = Cm(1.8), Cm(1.8)
    section.header_distance, section.footer_distance = Cm(1), Cm(0.9)
    rpr = doc.styles.element.xpath("w:docDefaults/w:rPrDefault/w:rPr")[0]
    _fonts(rpr)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), "fr-FR")
    normal = _style(doc, "Normal", 10)
    normal.paragraph_format.line_spacing = 1.1
    _style(doc, "Title", 20, bold=True, color=ACCENT, after=2)
    _style(doc, "Subtitle", 13, color=GREY, after=10)
    _style(doc, "Heading 1", 13.5, bold=True, color=ACCENT, before=16, after=4, keep=True)
    props = doc.core_properties
    stamp = _dt.datetime.combine(updated_date(form), _dt.time())
    props.title, props.subject = document_title(form), clean(form.get("site_name"))
    props.author = props.last_modified_by = clean(form.get("site_name"))
    props.comments, props.keywords, props.category = clean(form.get("url")), "", "Fiche modèle"
    props.created = props.modified = props.last_printed = stamp
    props.revision, props.language = 1, "fr-FR"
    package = doc.part.package
    for rel_id, rel in list(package.rels.items()):  # drop the template's thumbnail image
        if rel.reltype == RT.THUMBNAIL:
            del package.rels[rel_id]


def _para(
    container,
    text="",
    size=None,
    bold=False,
    italic=False,
    color=None,
    style=None,
    keep=False,
    before=None,
    after=None,
    indent=None,
):
    para = container.add_paragraph(style=style)
    if text:
        _run(para, text, size, bold, italic, color)
    fmt = para.paragraph_format
    fmt.keep_with_next = keep or None
    if before is not None:
        fmt.space_before = Pt(before)
    if after is not None:
        fmt.space_after = Pt(after)
    if indent is not None:
        fmt.left_indent = Cm(indent)
    return para


def _run(para, text, size=None, bold=False, italic=False, color=None):
    run = para.add_run(clean(text))
    run.font.bold, run.font.italic = bold or None, italic or None
    if size:
        run.font.size = Pt(size)
    if color is not None:
        run.font.color.rgb = color
    return run


# The XML that python-docx has no API for (borders, rows kept whole, bookmarks, page fields) is
# written with lxml into the elements python-docx's public proxies give: a paragraph's format and
# a run's font are proxies of the w:p and w:r themselves; a cell's paragraph leads to its row and
# table. No private attribute (``_p``, ``_tbl``, ``_tr``…) is read: tests/acceptance/test_private_apis.py pins it.


def _p(para):
    return para.paragraph_format.element


def _r(run):
    return run.font.element


def _tr(row):
    return _p(row.cells[0].paragraphs[0]).getparent().getparent()  # w:p -> w:tc -> w:tr


def _tbl(table):
    return _tr(table.rows[0]).getparent()


def _keep_row_whole(row) -> None:
    """<w:cantSplit/> in the row's properties (made first in the row when it has none)."""
    tr = _tr(row)
    properties = tr.find(qn("w:trPr"))
    if properties is None:
        properties = OxmlElement("w:trPr")
        tr.insert(0, properties)
    properties.append(OxmlElement("w:cantSplit"))


def _borders(table):
    tbl_pr = _tbl(table).find(qn("w:tblPr"))
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement("w:" + edge)
        for key, value in (("val", "single"), ("sz", "6"), ("space", "0"), ("color", RULE)):
            element.set(qn("w:" + key), value)
        borders.append(element)
    margins = OxmlElement("w:tblCellMar")
    for edge, size in (("top", 57), ("left", 108), ("bottom", 57), ("right", 108)):
        element = OxmlElement("w:" + edge)
        element.set(qn("w:w"), str(size))
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    for element, successors in (
        (borders, "w:shd w:tblLayout w:tblCellMar w:tblLook"),
        (margins, "w:tblLook w:tblCaption w:tblDescription"),
    ):
        later = [tbl_pr.find(qn(tag)) for tag in successors.split()]  # keep schema order
        later = [child for child in later if child is not None]
        if later:
            later[0].addprevious(element)
        else:
            tbl_pr.append(element)


def _table(doc, widths, height=None):
    table = doc.add_table(rows=1, cols=len(widths))
    table.alignment, table.autofit = WD_TABLE_ALIGNMENT.CENTER, False
    _borders(table)
    for row in table.rows:
        _keep_row_whole(row)
    for cell, width in zip(table.rows[0].cells, widths):
        cell.width = Cm(width)
    for column, width in zip(table.columns, widths):
        column.width = Cm(width)
    if height:
        table.rows[-1].height, table.rows[-1].height_rule = Cm(height), WD_ROW_HEIGHT_RULE.AT_LEAST
    return table


def _bookmark(para, name, ids):
    """An empty bookmark at the start of *para*: where the fill-online script writes."""
    if not name:
        return
    number = str(next(ids))
    start, end = OxmlElement("w:bookmarkStart"), OxmlElement("w:bookmarkEnd")
    start.set(qn("w:id"), number)
    start.set(qn("w:name"), name)
    end.set(qn("w:id"), number)
    properties = _p(para).find(qn("w:pPr"))
    if properties is not None:
        properties.addnext(start)
    else:
        _p(para).insert(0, start)
    start.addnext(end)


def _fill(cell, lines, placeholder="", name=None, ids=None):
    first = cell.paragraphs[0]
    _bookmark(first, name, ids)
    if not lines and placeholder:
        _run(first, placeholder, color=GREY)
    for index, line in enumerate(lines):
        para = first if index == 0 else cell.add_paragraph()
        _run(para, line)


def _field(doc, view, ids):
    label = _para(doc, keep=True, before=9, after=1)
    _run(label, view["label"], bold=True)
    if view["required"]:
        _run(label, " (obligatoire)", size=9, color=GREY)
    if view["help"]:
        _para(doc, view["help"], size=8.5, color=GREY, keep=True, after=3)
    if view["layout"] == "options":
        last = len(view["options"]) - 1
        for index, (box, option, name) in enumerate(view["options"]):
            para = _para(doc, keep=index < last, after=1, indent=0.3)
            _bookmark(para, name, ids)
            _run(para, box, size=12)
            _run(para, "  " + option)
    elif view["layout"] == "signature":
        heads = _table(doc, [TEXT_WIDTH / 2] * 2)
        for cell, head in zip(heads.rows[0].cells, view["heads"]):
            _run(cell.paragraphs[0], head, size=9, bold=True, color=GREY)
            cell.paragraphs[0].paragraph_format.keep_with_next = True
        room = heads.add_row()
        _keep_row_whole(room)
        room.height, room.height_rule = Cm(view["height"]), WD_ROW_HEIGHT_RULE.AT_LEAST
        for cell, lines, name in zip(room.cells, view["values"], view["anchors"]):
            _fill(cell, lines, name=name, ids=ids)
    else:
        table = _table(doc, [TEXT_WIDTH], view["height"])
        _fill(table.rows[0].cells[0], view["lines"], view["placeholder"], view["anchor"], ids)


def _footer(doc, form):
    para = doc.sections[0].footer.paragraphs[0]
    para.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(para, footer_text(form) + " — page ", size=8, color=GREY)
    for index, field in enumerate(("PAGE", "NUMPAGES")):
        if index:
            _run(para, "/", size=8, color=GREY)
        simple = OxmlElement("w:fldSimple")
        simple.set(qn("w:instr"), " %s " % field)
        simple.append(_r(_run(para, "1", size=8, color=GREY)))
        _p(para).append(simple)


def build(form: dict) -> bytes:
    doc = Document()
    _setup(doc, form)
    body = _p(doc.paragraphs[0]) if doc.paragraphs else None
    if body is not None:  # the default template starts with one empty paragraph
        body.getparent().remove(body)
    _para(doc, shown(form.get("site_name")), size=9.5, color=GREY, after=4)
    _para(doc, shown(form.get("format_title")), style="Title")
    _para(doc, "Fiche modèle", style="Subtitle")
    for text in plain_paragraphs(form.get("intro")):
        _para(doc, text, after=5)
    answers, ids = form.get("answers") or {}, itertools.count(1)
    for section in form.get("sections") or []:
        _para(doc, shown(section.get("title")), style="Heading 1")
        for text in plain_paragraphs(section.get("help")):
            _para(doc, text, italic=True, color=GREY, keep=True, after=2)
        for field in section.get("fields") or []:
            _field(doc, field_view(field, answers), ids)
    _footer(doc, form)
    buffer = io.BytesIO()
    doc.save(buffer)
    return normalize_zip(buffer.getvalue(), form)
