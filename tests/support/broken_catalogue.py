"""A broken catalogue of any size, for the bounded-errors measure (README « Sécurité ») and its test.

    python -m tests.support.broken_catalogue /tmp/gros 200000   # /tmp/gros/data: data/ with a 200,000-line practices.yaml
    /usr/bin/time -v .venv/bin/python -m scripts.validate_data --data /tmp/gros/data > /tmp/gros/out.txt   # from the repository

Each entry is a real practice copied with three mistakes: an id that is not one
(« Copie 12 … »), a misspelt kind, a year written « 2017.0 »; its part_of no longer names
an experimentation. So every entry has several errors of the schema, the texts and the references.
"""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

from tests.support import ROOT


def broken_entries(practices_yaml: str, lines: int) -> str:
    """Entries of *practices_yaml* copied, each broken, until about *lines* lines."""
    head, body = practices_yaml.split("practices:\n", 1)
    entries = re.split(r"\n(?=  - id: )", body.strip("\n"))
    out, count, i = [], 0, 0
    while count < lines:
        e = entries[i % len(entries)]
        e = e.replace("  - id: ", f"  - id: Copie {i} ", 1).replace("kind: ", "kind: x", 1)
        e = re.sub(r"year: (\d+)", r"year: \1.0", e)
        out.append(e + "\n\n")
        count += e.count("\n") + 2
        i += 1
    return "".join(out)


def write_tree(dest: Path, lines: int) -> Path:
    """dest/data: the shipped data with practices.yaml replaced by about *lines* broken lines."""
    data = dest / "data"
    shutil.rmtree(data, ignore_errors=True)
    shutil.copytree(ROOT / "data", data)
    text = (ROOT / "data" / "practices.yaml").read_text(encoding="utf-8")
    (data / "practices.yaml").write_text(
        text.split("practices:\n", 1)[0] + "practices:\n" + broken_entries(text, lines), encoding="utf-8"
    )
    return data


if __name__ == "__main__":
    written = write_tree(Path(sys.argv[1]), int(sys.argv[2]))
    path = written / "practices.yaml"
    print(
        f"{path} : {path.read_text(encoding='utf-8').count(chr(10)):,} lignes, {path.stat().st_size:,} octets".replace(
            ",", "\u00a0"
        )
    )
