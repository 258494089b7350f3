"""The platform: ProperDocs builds the very same site as MkDocs, generator meta aside
(the pins and the end-of-life notice: tests/unit/test_platform_pins.py)."""

from __future__ import annotations

import difflib
import os
import re
import subprocess
import sys

from tests.support import ROOT
from tests.support.site import SITE_ENV
from tests.support.snapshot import PAGEFIND_UNORDERED, pagefind_filters, snapshot

GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


def _without_generator(data: bytes) -> bytes:
    return GENERATOR.sub(b'<meta name="generator">', data)


def test_properdocs_builds_the_same_pages(site, tmp_path):
    """`properdocs build --strict` of the same sources: every file identical to MkDocs' build
    (the `site` fixture), apart from the generator meta and Pagefind's unordered filter files."""
    out = tmp_path / "properdocs-site"
    cmd = [sys.executable, "-m", "properdocs", "build", "--strict", "--config-file", str(ROOT / "mkdocs.yml")]
    # Started outside the repository and without PYTHONPATH: the hooks find `macros` through the
    # project's own installation (pyproject.toml, `make install`), as `properdocs build` would anywhere.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    result = subprocess.run(
        cmd,
        cwd=tmp_path,
        env=dict(env, **SITE_ENV, SITE_DIR=str(out)),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    assert result.returncode == 0, result.stdout[-4000:]
    # It was ProperDocs that built it (not MkDocs under another name).
    assert b"ProperDocs 1.6" in GENERATOR.search((out / "index.html").read_bytes()).group()

    mkdocs, properdocs = snapshot(site), snapshot(out)
    stable = lambda files: {f for f in files if not PAGEFIND_UNORDERED.match(f)}  # noqa: E731
    assert stable(mkdocs) == stable(properdocs), (
        f"fichiers présents d'un seul côté : {sorted(stable(mkdocs) ^ stable(properdocs))}"
    )
    differing = [
        name
        for name in sorted(stable(mkdocs))
        if mkdocs[name] != properdocs[name]
        and _without_generator((site / name).read_bytes()) != _without_generator((out / name).read_bytes())
    ]
    if differing:
        first = differing[0]
        diff = difflib.unified_diff(
            (site / first).read_text(encoding="utf-8", errors="replace").splitlines(),
            (out / first).read_text(encoding="utf-8", errors="replace").splitlines(),
            "mkdocs/" + first,
            "properdocs/" + first,
            n=1,
            lineterm="",
        )
        raise AssertionError(
            f"{len(differing)} fichier(s) différent(s) entre MkDocs et ProperDocs : {differing}\n"
            + "\n".join(list(diff)[:40])
        )
    if (site / "pagefind").is_dir():
        assert pagefind_filters(site) == pagefind_filters(out)
