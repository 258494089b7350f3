"""Data trees for validator tests: the valid fixture set, with a case's files laid over it."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.support import ROOT

SCHEMAS = ROOT / "schemas"
FIXTURES = ROOT / "tests" / "fixtures"
VALID = FIXTURES / "valid" / "data"


def make_tree(tmp: Path, case: Path | None = None) -> Path:
    """tmp/data: the valid fixture set with *case*'s files laid over it."""
    data = tmp / "data"
    shutil.copytree(VALID, data)
    if case is not None:
        absent = case / "absent.txt"
        if absent.exists():
            for name in absent.read_text(encoding="utf-8").split():
                (data / name).unlink()
        if (case / "data").exists():
            for f in (case / "data").iterdir():
                shutil.copy(f, data / f.name)
    return data


def norm(text: str) -> str:
    return text.replace("\u00a0", " ")
