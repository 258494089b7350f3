"""Line-aware, safe YAML loading for the data catalogues: the public entry.

Builds plain Python values (dict, list, str, int, float, bool, None) and
remembers where every key and value starts (:class:`Positions`), so that every
later check can say FILE:LINE:COL. Dates and timestamps stay strings (the
schemas check them). Every problem raises :class:`~macros.core.errors.DataErrors`
with French messages, all at once.

* :mod:`.yamlsyntax` — encodings and libyaml's syntax errors, in French;
* :mod:`.yamlbuild` — values built from the event stream, refusing anchors,
  aliases, tags, odd keys, excessive depth and size (and why events);
* this module — the result (:class:`Loaded`) and the two entry points,
  :func:`load_yaml` (any document) and :func:`load_catalogue` (``data/<name>.yaml``).
"""

from __future__ import annotations

import difflib
import gc
from dataclasses import dataclass, field
from typing import Any

from macros.core.errors import DataError, DataErrors, fr, path_str, quote
from macros.load.events import MAX_ALIAS_ERRORS, MAX_DEPTH, MAX_ERRORS_PER_FILE, MAX_EVENTS, build
from macros.load.syntax import TAB_MESSAGE, decode

__all__ = [
    "MAX_ALIAS_ERRORS",
    "MAX_BYTES",
    "MAX_DEPTH",
    "MAX_ERRORS_PER_FILE",
    "MAX_EVENTS",
    "TAB_MESSAGE",
    "Loaded",
    "Positions",
    "load_catalogue",
    "load_yaml",
]

MAX_BYTES = 64 * 1024 * 1024  # far above any real catalogue (10,000 long practices: 35 MB); bounds time and memory

Path = tuple  # ("practices", 3, "diplomas", 0)


@dataclass
class Positions:
    """Where each key and value of a loaded document starts (1-based line, column).

    Marks are stored per container (one list per dict or list, not one entry per
    node) and looked up by walking *root* along the path, so loading stays fast.
    """

    root: Any
    marks: dict[int, list] = field(default_factory=dict)  # id(container) -> [mark, …]
    root_mark: tuple[int, int] = (1, 1)

    def _step(self, container, key):
        """(key mark, value mark) of *key* in *container*, or None."""
        mk = self.marks.get(id(container))
        if mk is None:
            return None
        if isinstance(container, dict):
            try:
                i = list(container).index(key)
            except ValueError:
                return None
            if 2 * i + 1 >= len(mk):
                return None
            return mk[2 * i], mk[2 * i + 1]
        if isinstance(container, list) and isinstance(key, int) and 0 <= key < len(mk):
            return mk[key], mk[key]
        return None

    def value(self, path: Path) -> tuple[int, int]:
        """Start of the value at *path* (of its nearest existing ancestor if absent)."""
        return self._locate(path, want_key=False)

    def key(self, path: Path) -> tuple[int, int]:
        """Start of the key naming the value at *path* (the value's start for list items)."""
        return self._locate(path, want_key=True)

    def _locate(self, path: Path, want_key: bool) -> tuple[int, int]:
        node, pos = self.root, self.root_mark
        for depth, key in enumerate(path):
            step = self._step(node, key)
            if step is None:
                return pos
            kmark, vmark = step
            last = depth == len(path) - 1
            mark = kmark if (last and want_key) else vmark
            pos = (mark.line + 1, mark.column + 1)
            node = node[key]
        return pos


@dataclass
class Loaded:
    data: Any
    positions: Positions
    ambiguous: int = 0  # scalars some YAML reader takes for a number or a boolean (yamlscalars.Ambiguous)


def load_yaml(raw: bytes | str, file: str) -> Loaded:
    """Parse one YAML document into plain values with positions; DataErrors on any problem."""
    if isinstance(raw, str):
        raw = raw.encode("utf-8", "surrogatepass")
    if len(raw) > MAX_BYTES:
        raise DataErrors(
            [
                DataError(
                    file,
                    1,
                    1,
                    "",
                    fr(
                        f"fichier trop volumineux ({len(raw) / 1e6:.1f} Mo ; maximum {MAX_BYTES // (1024 * 1024)} Mo) : "
                        "découpez-le ou vérifiez qu'il s'agit du bon fichier"
                    ),
                )
            ]
        )
    data = decode(raw, file)
    gc_was_enabled = gc.isenabled()
    gc.disable()  # building many small objects: the cyclic GC would make it quadratic
    try:
        root, marks, root_mark, ambiguous = build(data, file)
    finally:
        if gc_was_enabled:
            gc.enable()
    return Loaded(root, Positions(root, marks, root_mark), ambiguous)


def load_catalogue(raw: bytes | str, file: str, catalogue: str) -> Loaded:
    """Load ``<catalogue>.yaml``: a mapping whose only key is *catalogue*.

    Returns the whole document ``{catalogue: [...]}`` with positions; raises
    DataErrors for every problem found.
    """
    loaded = load_yaml(raw, file)
    doc = loaded.data
    start = f"le fichier doit commencer par « {catalogue}: » suivi de la liste des entrées (lignes « - id: … »)"
    if doc is None or doc == "":
        raise DataErrors([DataError(file, 1, 1, "", fr(f"le fichier est vide : {start}"))])
    line, col = loaded.positions.root_mark
    if not isinstance(doc, dict):
        what = "une liste" if isinstance(doc, list) else f"la valeur {quote(doc)}"
        raise DataErrors([DataError(file, line, col, "", fr(f"{start} ; ici le premier niveau est {what}"))])
    errors = []
    for key in doc:
        if key != catalogue:
            kl, kc = loaded.positions.key((key,))
            hint = ""
            if catalogue not in doc and difflib.get_close_matches(key, [catalogue], n=1, cutoff=0.6):
                hint = f" ; vouliez-vous dire « {catalogue} » ?"
            errors.append(
                DataError(
                    file,
                    kl,
                    kc,
                    path_str((key,)),
                    fr(
                        f"clé de premier niveau {quote(key)} inattendue : ce fichier ne contient que « {catalogue}: »{hint}"
                    ),
                )
            )
    if catalogue not in doc and not errors:
        errors.append(DataError(file, line, col, "", fr(start)))
    if errors:
        raise DataErrors(errors)
    return loaded
