"""MkDocs hook, first of mkdocs.yml: the build's context (macros/glue/context.py).

on_config: the order of the hooks in mkdocs.yml checked, data/ validated and loaded once (a
failure stops the build with the validator's FILE:LINE:COL messages, before anything is
written), and the context kept in the configuration, where every later event of this build,
and the macros of mkdocs-macros, find it. A `mkdocs serve` rebuild gets a new one.
"""

from __future__ import annotations

from macros.glue.context import start


def on_config(config):
    start(config)
    return config
