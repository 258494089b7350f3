"""The fiche documents (ODT, DOCX) read back: their text and their bookmarks, and the bookmarks a form expects."""

from __future__ import annotations

import io
import re
import zipfile

from macros.documents.fiche import anchor, build_docx, build_odt

BUILDERS = {"docx": build_docx, "odt": build_odt}


def docx_text(data: bytes) -> str:
    from docx import Document

    doc = Document(io.BytesIO(data))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    for section in doc.sections:
        parts.extend(p.text for p in section.footer.paragraphs)
    return "\n".join(parts)


def odt_text(data: bytes) -> str:
    from odf import opendocument, teletype
    from odf.namespaces import TABLENS
    from odf.table import TableCell
    from odf.text import H, P

    def in_cell(element):
        parent = element.parentNode
        while parent is not None and parent.qname != (TABLENS, "table-cell"):
            parent = parent.parentNode
        return parent is not None

    doc = opendocument.load(io.BytesIO(data))  # body, then footer (styles.xml)
    parts = [
        teletype.extractText(element)
        for kind in (H, P)
        for element in doc.getElementsByType(kind)
        if not in_cell(element)
    ]
    parts += [teletype.extractText(cell) for cell in doc.getElementsByType(TableCell)]
    return "\n".join(parts)


READERS = {"docx": docx_text, "odt": odt_text}


def all_fields(form):
    return [field for section in form["sections"] for field in section["fields"]]


def expected_anchors(form) -> list[str]:
    names = []
    for field in all_fields(form):
        if field["kind"] in ("choice", "checklist"):
            names += [anchor(field["id"], "o%d" % (i + 1)) for i in range(len(field["options"]))]
        elif field["kind"] == "signature":
            names += [anchor(field["id"], "nom"), anchor(field["id"], "date")]
        else:
            names.append(anchor(field["id"]))
    return names


def bookmarks(fmt: str, data: bytes) -> list[str]:
    """Bookmark names in document order: where the fill-online script writes answers."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        if fmt == "docx":
            return re.findall(
                r'<w:bookmarkStart w:id="\d+" w:name="([^"]+)"/>', archive.read("word/document.xml").decode()
            )
        return re.findall(r'<text:bookmark text:name="([^"]+)"/>', archive.read("content.xml").decode())
