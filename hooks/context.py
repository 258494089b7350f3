"""MkDocs hook, first of mkdocs.yml: the build's context (macros/glue/context.py).

on_config: the order of the hooks in mkdocs.yml checked, data/ validated and loaded once (a
failure stops the build with the validator's FILE:LINE:COL messages, before anything is
written), and the context kept in the configuration, where every later event of this build,
and the macros of mkdocs-macros, find it. A `mkdocs serve` rebuild gets a new one.

on_build_error (no configuration, no context): what the failed build froze out of the cycle
collector's walks is walked again, so that its context can be collected and close what it left
running (macros/glue/context.py, after_failure).
"""

from __future__ import annotations

from macros.glue.context import after_failure, start


def on_config(config):
    start(config)
    return config


def on_build_error(error):
    after_failure()
