"""Add one entry to a catalogue file without ever leaving data/ invalid.

Shared by ``make new`` (:mod:`macros.authoring.new_entry`) and the issue forms
(:mod:`macros.authoring.issue_entry`):

* :mod:`macros.authoring.values` turns typed answers into values and checks them;
* :func:`propose_id` gives a fresh permanent id, never one the site reserves
  (``index``, an anchor of the index page: :func:`reserved`);
* :func:`append_entry` appends the entry with ruamel.yaml's round trip (the
  file's comments, order and layout are kept, byte for byte), validates the
  whole data directory with the new file in a scratch copy, and only then
  replaces the real file (atomically). On any error nothing is written.

Every text that a YAML reader could take for something else (``NO``, ``off``,
``12:30``, ``1e3``, ``2017``…: :func:`macros.load.scalars.plain_value`) is written
between quotes, so what an editor typed is what every tool reads back.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, FoldedScalarString, LiteralScalarString

from macros.core.errors import DataError
from macros.core.suggest import slugify
from macros.load.scalars import plain_value
from macros.model.kinds import kind
from macros.pages.addresses import reserved_ids, site_beside, site_layout
from macros.schema.fields import EntrySchema, entry_schema
from macros.validate.dataset import check_data_dir

LOCAL_SITE = "http://127.0.0.1:8000/"
WIDTH = 92  # wrap long new text near this column (existing text is never re-wrapped)


# --- Ids and defaults ---------------------------------------------------------------


def fresh_id(base: str, taken: set[str], numbered: bool = False) -> str:
    """*base* (or *base*-2, -3…; always numbered if *numbered*) not in *taken*."""
    base = slugify(base)[:74].strip("-") or "entree"
    if not numbered and base not in taken:
        return base
    n = 1 if numbered else 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"


def reserved(root: Path, catalogue: str, catalogues: dict) -> set[str]:
    """Ids the site under *root* keeps for itself for entries of *catalogue* (:mod:`macros.pages.addresses`)."""
    layout = site_layout(root, catalogues) if (Path(root) / "docs").is_dir() else None
    return reserved_ids(layout, kind(catalogue))


def propose_id(catalogue: str, entry: dict, entries: list[dict], taken_too: set[str] = frozenset()) -> str:
    """A fresh id from the entry's name (testimonials: numbered like their siblings), not in *taken_too*."""
    taken = {e.get("id") for e in entries} | set(taken_too) | {"index"}
    if catalogue == "testimonials":
        actor = str(entry.get("actor") or "")
        prefixes = [
            m.group(1)
            for e in entries
            if e.get("actor") == actor
            for m in [re.fullmatch(r"(.+)-\d+", str(e.get("id")))]
            if m
        ]
        base = max(set(prefixes), key=prefixes.count) if prefixes else f"temoignage-{actor}"
        return fresh_id(base, taken, numbered=True)
    words = str(entry.get(kind(catalogue).name_field) or "").split()
    return fresh_id(" ".join(words[:12]), taken)


def defaults(catalogue: str, catalogues: dict[str, list], today: dt.date) -> dict:
    """Values a new entry gets without asking (shown to the editor, changeable in the file)."""
    out: dict = {"updated": today}
    if catalogue == "formats":
        orders = [e.get("order") for e in catalogues.get("formats", []) if isinstance(e.get("order"), int)]
        out["order"] = max(orders, default=0) + 1
        # Start the model form with every shared block: the editor then adds the format's own sections.
        out["form"] = {"sections": [{"include": b["id"]} for b in catalogues.get("form_blocks", [])]}
    return out


# --- YAML --------------------------------------------------------------------------


def _yaml() -> YAML:
    y = YAML()  # round trip: comments, order and quoting kept
    y.preserve_quotes = True
    y.indent(mapping=2, sequence=4, offset=2)
    y.width = 4096  # never re-wrap what is already in the file
    y.representer.ignore_aliases = lambda *args: True  # the validator refuses anchors and aliases
    return y


def _folded(text: str, indent: int) -> str | FoldedScalarString:
    """A long single-line text as a folded block (``>-``) wrapped at spaces."""
    if "  " in text or text != text.strip():
        return text
    limit, folds, line_start, last = WIDTH - indent, [], 0, None
    for i, char in enumerate(text):
        if char == " ":
            if i - line_start > limit and last is not None and last > line_start:
                folds.append(last)
                line_start = last + 1
            last = i
    if not folds:
        return text
    out = FoldedScalarString(text)
    out.fold_pos = folds
    return out


def to_node(value, indent: int = 6, inline: bool = False):
    """*value* in the style of data/*.yaml: short lists of ids inline (*inline*), long text folded."""
    if isinstance(value, str):
        if "\n" in value:
            return LiteralScalarString("\n".join(line.rstrip() for line in value.strip().splitlines()))
        if type(plain_value(value)) is not str:  # « NO », « 12:30 », « 2017 » written bare would not read back as text
            return DoubleQuotedScalarString(value)
        return _folded(value, indent) if len(value) + indent > WIDTH else value
    if isinstance(value, dict):
        node = CommentedMap()
        for k, v in value.items():
            node[k] = to_node(v, indent + 2)
        return node
    if isinstance(value, list):
        node = CommentedSeq(to_node(v, indent + 2) for v in value)
        if (
            inline
            and all(isinstance(v, (str, int)) and "\n" not in str(v) and "," not in str(v) for v in value)
            and len(", ".join(map(str, value))) < 70
        ):
            node.fa.set_flow_style()
        else:
            node.fa.set_block_style()
        return node
    return value


def build_entry(schema: EntrySchema, values: dict) -> CommentedMap:
    """The entry's fields in the order of data/*.yaml (id first, common fields last)."""
    node = CommentedMap()
    for name in schema.entry_order():
        if name in values and values[name] is not None:
            f = schema.field(name)
            inline = f.item is not None and (f.item.target is not None or name == "keywords")
            node[name] = to_node(values[name], inline=inline)
    return node


def entry_text(catalogue: str, entry: CommentedMap) -> str:
    out = io.StringIO()
    _yaml().dump({catalogue: [entry]}, out)
    return out.getvalue().split("\n", 1)[1]


@dataclass
class Result:
    file: Path
    entry_id: str
    text: str  # the new entry as written
    url: str | None  # site path of its page
    errors: list[DataError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def append_entry(root: Path, catalogue: str, values: dict, write: bool = True) -> Result:
    """Append *values* as a new entry of data/<catalogue>.yaml, if the whole data dir stays valid."""
    return append_entries(root, [(catalogue, values)], write)[0]


def append_entries(root: Path, items: list[tuple[str, dict]], write: bool = True) -> list[Result]:
    """Append each (catalogue, values) in order; all or nothing is written.

    Each file is loaded and dumped with ruamel.yaml's round trip, so what was
    there stays byte for byte; the data directory is validated with the new
    files in a scratch copy first. Every Result carries all the errors found.
    """
    root = Path(root)
    y = _yaml()
    docs: dict[str, tuple[Path, object]] = {}
    results = []
    for catalogue, values in items:
        path = root / "data" / f"{catalogue}.yaml"
        if catalogue not in docs:
            docs[catalogue] = (path, y.load(path.read_text(encoding="utf-8")))
        doc = docs[catalogue][1]
        entry = build_entry(entry_schema(root / "schemas", catalogue), values)
        seq = doc.get(catalogue) if doc is not None else None
        if seq is None:
            seq = doc[catalogue] = CommentedSeq()
        seq.fa.set_block_style()
        if len(seq):
            entry.yaml_set_start_comment("\n")  # a blank line between entries, as in the files
        seq.append(entry)
        entry_id = str(values.get("id"))
        results.append(Result(path, entry_id, entry_text(catalogue, entry), kind(catalogue).url(entry_id)))
    texts = {}
    for path, doc in docs.values():
        out = io.StringIO()
        y.dump(doc, out)
        texts[path] = out.getvalue()
    with tempfile.TemporaryDirectory() as tmp:
        scratch = Path(tmp) / "data"
        shutil.copytree(root / "data", scratch)
        for path, text in texts.items():
            (scratch / path.name).write_text(text, encoding="utf-8")
        _, errors = check_data_dir(scratch, root / "schemas", root=Path(tmp), site=site_beside(root / "schemas"))
    for result in results:
        result.errors = errors
    if not errors and write:
        for path, text in texts.items():
            fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
                fh.write(text)
            os.chmod(tmp_name, path.stat().st_mode & 0o7777)
            os.replace(tmp_name, path)
    return results


def site_url(path: str | None) -> str | None:
    """Full address of a site path, on SITE_URL (default: the local `make serve` address)."""
    if path is None:
        return None
    base = os.environ.get("SITE_URL") or LOCAL_SITE
    return base.rstrip("/") + "/" + path
