"""Turning the issue fixtures of tests/fixtures/issues/ into entries, as the bot does (macros/authoring/issue_entry.py)."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

from macros.authoring.issue_entry import main as issue_main
from tests.support import ROOT

ISSUES = ROOT / "tests" / "fixtures" / "issues"


def copy_data(dest: Path) -> Path:
    """data/ and schemas/ copied under *dest*, for a conversion that writes into the copy."""
    for name in ("data", "schemas"):
        shutil.copytree(ROOT / name, dest / name)
    return dest


def convert(repo: Path, fixture: str, *extra: str) -> tuple[int, str]:
    """(exit code, output) of the issue-to-entry command on the issue body *fixture*, in *repo*."""
    out = io.StringIO()
    code = issue_main(["--body-file", str(ISSUES / fixture), "--root", str(repo), *extra], out=out)
    return code, out.getvalue()
