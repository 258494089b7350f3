"""ODT writer for the fiche modèle (see fiche.py for the input dict)."""

from __future__ import annotations

import io

from odf import dc, meta, teletype
from odf.opendocument import OpenDocumentText
from odf.style import (
    DefaultStyle,
    FontFace,
    Footer,
    FooterStyle,
    HeaderFooterProperties,
    MasterPage,
    PageLayout,
    PageLayoutProperties,
    ParagraphProperties,
    Style,
    TableCellProperties,
    TableColumnProperties,
    TableProperties,
    TableRowProperties,
    TextProperties,
)
from odf.table import Table, TableCell, TableColumn, TableRow
from odf.text import Bookmark, H, P, PageCount, PageNumber, Span

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

FONT = "Liberation Sans"
INK, ACCENT, GREY, RULE = "#1a1a1a", "#1f3a5f", "#595959", "#808080"
TEXT_WIDTH = 17.0  # cm: A4 minus 2 cm margins
SIDES = {"T": "top", "L": "left", "B": "bottom", "R": "right"}


FAMILY_PROPERTIES = {
    "table": TableProperties,
    "table-column": TableColumnProperties,
    "table-row": TableRowProperties,
    "table-cell": TableCellProperties,
}


def _add(container, name, family, text=None, para=None, display=None, props=None):
    style = Style(name=name, family=family, **({"displayname": display} if display else {}))
    for values, cls in ((text, TextProperties), (para, ParagraphProperties), (props, FAMILY_PROPERTIES.get(family))):
        if values:
            style.addElement(cls(**values))
    container.addElement(style)
    return style


def _styles(doc, form):
    doc.fontfacedecls.addElement(
        FontFace(name=FONT, fontfamily="'%s'" % FONT, fontfamilygeneric="swiss", fontpitch="variable")
    )
    default = DefaultStyle(family="paragraph")
    default.addElement(
        TextProperties(fontname=FONT, fontsize="10pt", color=INK, language="fr", country="FR", hyphenate="false")
    )
    default.addElement(ParagraphProperties(lineheight="115%", marginbottom="0.1cm"))
    doc.styles.addElement(default)
    s = doc.styles
    _add(s, "Standard", "paragraph")
    grey = {"color": GREY}
    _add(s, "Fiche_Site", "paragraph", dict(grey, fontsize="9.5pt"), {"marginbottom": "0.15cm"})
    _add(
        s,
        "Title",
        "paragraph",
        {"fontsize": "20pt", "fontweight": "bold", "color": ACCENT},
        {
            "marginbottom": "0.12cm",
            "keepwithnext": "always",
            "paddingbottom": "0.1cm",
            "borderbottom": "0.75pt solid " + ACCENT,
        },
    )
    _add(s, "Subtitle", "paragraph", dict(grey, fontsize="13pt"), {"marginbottom": "0.35cm"})
    _add(
        s,
        "Heading_20_1",
        "paragraph",
        {"fontsize": "13.5pt", "fontweight": "bold", "color": ACCENT},
        {"margintop": "0.55cm", "marginbottom": "0.15cm", "keepwithnext": "always"},
        display="Heading 1",
    )
    _add(s, "Fiche_Intro", "paragraph", None, {"marginbottom": "0.18cm"})
    _add(
        s,
        "Fiche_Section_Aide",
        "paragraph",
        dict(grey, fontstyle="italic"),
        {"marginbottom": "0.07cm", "keepwithnext": "always"},
    )
    _add(
        s,
        "Fiche_Libelle",
        "paragraph",
        {"fontweight": "bold"},
        {"margintop": "0.32cm", "marginbottom": "0.04cm", "keepwithnext": "always"},
    )
    _add(
        s, "Fiche_Aide", "paragraph", dict(grey, fontsize="8.5pt"), {"marginbottom": "0.1cm", "keepwithnext": "always"}
    )
    _add(
        s,
        "Fiche_Option",
        "paragraph",
        None,
        {"marginleft": "0.3cm", "marginbottom": "0.04cm", "keepwithnext": "always"},
    )
    _add(s, "Fiche_Option_Fin", "paragraph", None, {"marginleft": "0.3cm", "marginbottom": "0.04cm"})
    _add(s, "Fiche_Cellule", "paragraph", None, {"margintop": "0.05cm", "marginbottom": "0cm"})
    _add(s, "Fiche_Pied", "paragraph", dict(grey, fontsize="8pt"), {"textalign": "center"})
    a = doc.automaticstyles
    _add(a, "T_Oblig", "text", dict(grey, fontsize="9pt", fontweight="normal"))
    _add(a, "T_Case", "text", {"fontsize": "12pt"})
    _add(a, "T_Gris", "text", grey)
    _add(a, "T_Tete", "text", dict(grey, fontsize="9pt", fontweight="bold"))
    _add(a, "Tab", "table", props={"width": "%gcm" % TEXT_WIDTH, "align": "center", "maybreakbetweenrows": "false"})
    _add(a, "Col_1", "table-column", props={"columnwidth": "%gcm" % TEXT_WIDTH})
    _add(a, "Col_2", "table-column", props={"columnwidth": "%gcm" % (TEXT_WIDTH / 2)})
    line = "0.5pt solid " + RULE
    for sides in ("TL", "TLR", "TLB", "TLRB"):  # adjacent cells must not double their borders
        _add(
            a,
            "Cell_" + sides,
            "table-cell",
            props=dict({"border" + SIDES[side]: line if side in sides else "none" for side in SIDES}, padding="0.12cm"),
        )
    layout = PageLayout(name="A4")
    layout.addElement(
        PageLayoutProperties(
            pagewidth="21cm",
            pageheight="29.7cm",
            printorientation="portrait",
            margintop="1.8cm",
            marginbottom="1.2cm",
            marginleft="2cm",
            marginright="2cm",
        )
    )
    footer_style = FooterStyle()
    footer_style.addElement(HeaderFooterProperties(minheight="0.5cm", margintop="0.4cm"))
    layout.addElement(footer_style)
    a.addElement(layout)
    master = MasterPage(name="Standard", pagelayoutname=layout)
    footer = Footer()
    para = P(stylename="Fiche_Pied", text=footer_text(form) + " — page ")
    para.addElement(PageNumber(selectpage="current", text="1"))
    para.addText("/")
    para.addElement(PageCount(text="1"))
    footer.addElement(para)
    master.addElement(footer)
    doc.masterstyles.addElement(master)


def _meta(doc, form):
    stamp = updated_date(form).isoformat() + "T00:00:00"
    doc.meta.addElement(dc.Title(text=document_title(form)))
    doc.meta.addElement(dc.Subject(text=clean(form.get("site_name"))))
    doc.meta.addElement(dc.Description(text=clean(form.get("url"))))
    doc.meta.addElement(dc.Language(text="fr-FR"))
    doc.meta.addElement(meta.InitialCreator(text=clean(form.get("site_name"))))
    doc.meta.addElement(meta.CreationDate(text=stamp))
    doc.meta.addElement(dc.Date(text=stamp))


def _row_style(doc, cache, height):
    name = "Row_%d" % round(height * 100)
    if name not in cache:
        cache[name] = _add(
            doc.automaticstyles, name, "table-row", props={"minrowheight": "%gcm" % height, "keeptogether": "always"}
        )
    return name


def _cell(lines, placeholder="", sides="TLRB", name=None):
    """A writing-room cell; its first paragraph starts with the bookmark *name*."""
    cell = TableCell(stylename="Cell_" + sides, valuetype="string")
    if not lines and placeholder:
        para = P(stylename="Fiche_Cellule")
        para.addElement(Span(stylename="T_Gris", text=placeholder))
        cell.addElement(para)
    for line in lines or ([] if placeholder else [""]):
        para = P(stylename="Fiche_Cellule")
        teletype.addTextToElement(para, clean(line))  # keeps runs of spaces and tabs
        cell.addElement(para)
    if name:
        first = cell.getElementsByType(P)[0]
        bookmark = Bookmark(name=name)
        if first.childNodes:
            first.insertBefore(bookmark, first.childNodes[0])
        else:
            first.addElement(bookmark)
    return cell


def _field(doc, body, view, rows):
    label = P(stylename="Fiche_Libelle", text=view["label"])
    if view["required"]:
        label.addElement(Span(stylename="T_Oblig", text=" (obligatoire)"))
    body.addElement(label)
    if view["help"]:
        body.addElement(P(stylename="Fiche_Aide", text=view["help"]))
    if view["layout"] == "options":
        last = len(view["options"]) - 1
        for index, (box, option, name) in enumerate(view["options"]):
            para = P(stylename="Fiche_Option" if index < last else "Fiche_Option_Fin")
            if name:
                para.addElement(Bookmark(name=name))
            para.addElement(Span(stylename="T_Case", text=box))
            para.addText("\u00a0 " + option)
            body.addElement(para)
        return
    table = Table(stylename="Tab")
    if view["layout"] == "signature":
        table.addElement(TableColumn(stylename="Col_2", numbercolumnsrepeated=2))
        head = TableRow(stylename=_row_style(doc, rows, 0.6))
        for text, sides in zip(view["heads"], ("TL", "TLR")):
            cell = TableCell(stylename="Cell_" + sides, valuetype="string")
            para = P(stylename="Fiche_Cellule")
            para.addElement(Span(stylename="T_Tete", text=text))
            cell.addElement(para)
            head.addElement(cell)
        room = TableRow(stylename=_row_style(doc, rows, view["height"]))
        for lines, sides, name in zip(view["values"], ("TLB", "TLRB"), view["anchors"]):
            room.addElement(_cell(lines, sides=sides, name=name))
        table.addElement(head)
        table.addElement(room)
    else:
        table.addElement(TableColumn(stylename="Col_1"))
        row = TableRow(stylename=_row_style(doc, rows, view["height"]))
        row.addElement(_cell(view["lines"], view["placeholder"], name=view["anchor"]))
        table.addElement(row)
    body.addElement(table)


def build(form: dict) -> bytes:
    doc = OpenDocumentText()
    _styles(doc, form)
    _meta(doc, form)
    body = doc.text
    body.addElement(P(stylename="Fiche_Site", text=shown(form.get("site_name"))))
    body.addElement(P(stylename="Title", text=shown(form.get("format_title"))))
    body.addElement(P(stylename="Subtitle", text="Fiche modèle"))
    for text in plain_paragraphs(form.get("intro")):
        body.addElement(P(stylename="Fiche_Intro", text=text))
    answers, rows = form.get("answers") or {}, {}
    for section in form.get("sections") or []:
        body.addElement(H(outlinelevel=1, stylename="Heading_20_1", text=shown(section.get("title"))))
        for text in plain_paragraphs(section.get("help")):
            body.addElement(P(stylename="Fiche_Section_Aide", text=text))
        for field in section.get("fields") or []:
            _field(doc, body, field_view(field, answers), rows)
    buffer = io.BytesIO()
    doc.save(buffer)
    return normalize_zip(buffer.getvalue(), form)
