"""Check catalogues against schemas/*.json and explain each problem in French: the public entry.

The schemas are the single source of the rules: field names, titles, allowed
values and formats all come from them; nothing here lists fields.

This module only gathers the names other code imports (``from macros.schemacheck
import SchemaSet, slugify``…); the work is done in:

* :mod:`.schemaset` — loading the schemas once into a registry, checking one catalogue;
* :mod:`.schemaformats` — the format checker (``date``, ``partial-date``);
* :mod:`.schemafast`, :mod:`.schemapredicates` — the fast pre-check compiled from a schema;
* :mod:`.schemamessages`, :mod:`.schemapatterns` — French messages for jsonschema errors;
* :mod:`.schemaissues` — which errors are shown (one per value, no echo);
* :mod:`.suggest` — ``closest`` and ``slugify``, :mod:`.errors` — ``path_str``.
"""

from __future__ import annotations

from .errors import path_str
from .schemaformats import FORMAT_CHECKER, is_partial_date
from .schemapatterns import pattern_kind
from .schemaset import CatalogueSchema, SchemaSet
from .suggest import closest, slugify

__all__ = [
    "FORMAT_CHECKER", "CatalogueSchema", "SchemaSet", "closest", "is_partial_date", "path_str", "pattern_kind", "slugify",
]
