"""Paths inside catalogue entries, as the cross-file rules write them, and where they are in the files.

A rule names a field by a pattern relative to one entry: ``"source"``,
``"formats[]"`` (each item of the list), ``"form.sections[].include"``.
:func:`values_at` finds every value a pattern names (values of the wrong type
are skipped: the schema reports them); :class:`Locator` turns a data path into
FILE:LINE:COL for the error line.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from macros.core.errors import DataError, path_str


def _steps(pattern: str) -> list[str]:
    out = []
    for part in pattern.split("."):
        if part.endswith("[]"):
            out += [part[:-2], "[]"]
        else:
            out.append(part)
    return out


def values_at(entry: Any, pattern: str) -> list[tuple[tuple, Any]]:
    """(relative path, value) of every value matching *pattern* in *entry* (wrong types skipped)."""
    return getter(pattern)(entry)


@cache
def getter(pattern: str):
    """A fast function entry -> [(relative path, value)] for *pattern*."""
    steps = _steps(pattern)
    if len(steps) == 1:
        (key,) = steps

        def get(entry):
            if isinstance(entry, dict) and key in entry:
                return [((key,), entry[key])]
            return []

        return get
    if len(steps) == 2 and steps[1] == "[]":
        key = steps[0]

        def get(entry):
            if isinstance(entry, dict):
                items = entry.get(key)
                if isinstance(items, list):
                    return [((key, i), item) for i, item in enumerate(items)]
            return []

        return get
    return lambda entry: _walk(entry, steps)


def _walk(entry: Any, steps: list[str]) -> list[tuple[tuple, Any]]:
    nodes: list[tuple[tuple, Any]] = [((), entry)]
    for step in steps:
        nxt = []
        for path, node in nodes:
            if step == "[]":
                if isinstance(node, list):
                    nxt += [(path + (i,), item) for i, item in enumerate(node)]
            elif isinstance(node, dict) and step in node:
                nxt.append((path + (step,), node[step]))
        nodes = nxt
    return nodes


class Locator:
    """FILE:LINE:COL of a data path, from the positions recorded while loading."""

    def __init__(self, positions: dict, files: dict) -> None:
        self.positions = positions
        self.files = files

    def error(self, name: str, path: tuple, message: str) -> DataError:
        line, col = self.positions[name].value(path)
        return DataError(self.files[name], line, col, path_str(path), message)

    def line(self, name: str, path: tuple) -> int:
        return self.positions[name].value(path)[0]
