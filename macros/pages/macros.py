"""mkdocs-macros functions of the « Contribuer », « Nouveautés » and « Données » pages.

Registered by :func:`register` from macros/__init__.py:

- ``{{ schema_doc("practices") }}``: the fields of a catalogue (:mod:`.schemadoc`);
- ``{{ schema_doc_index() }}``: the list of those pages;
- ``{{ news() }}``: the latest added or updated entries (:mod:`.feed`);
- ``{{ open_data() }}``: the open-data files and their sizes (:mod:`.exports`).
"""

from __future__ import annotations

from pathlib import Path

from macros.glue import incremental
from macros.model.catalog import load_catalog
from macros.exports.open_data import open_data_page
from macros.exports.feed import news_page
from macros.pages.schema_doc import schema_doc as _schema_doc
from macros.pages.schema_doc import schema_doc_index as _schema_doc_index


def register(env, root: Path) -> None:
    def uri() -> str:
        return env.page.file.src_uri

    @env.macro
    def schema_doc(name: str) -> str:
        """Every field of catalogue *name*, from its schema."""
        return _schema_doc(root, incremental.traced(load_catalog(root), uri()), name, uri())

    @env.macro
    def schema_doc_index() -> str:
        return _schema_doc_index(root, incremental.traced(load_catalog(root), uri()), uri())

    @env.macro
    def news() -> str:
        incremental.reads_all(uri())
        return news_page(load_catalog(root), uri())

    @env.macro
    def open_data() -> str:
        incremental.reads_all(uri())
        return open_data_page(root, load_catalog(root), uri())
