"""The platform: MkDocs stays below 2, ProperDocs builds the very same site, and the
end-of-life notice of Material for MkDocs is hidden in one place only (README « Plateforme »)."""

from __future__ import annotations

import difflib
import os
import re
import subprocess
import sys
from importlib.metadata import version

from packaging.specifiers import SpecifierSet

from .conftest import ROOT, SITE_ENV
from .test_reproducible import PAGEFIND_UNORDERED, _filters, snapshot

MKDOCS_RANGE = SpecifierSet(">=1.6,<2")  # 2.0 drops plugins and refuses mkdocs.yml
GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


def _pins() -> dict[str, str]:
    lines = (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines()
    return dict(line.split("==", 1) for line in lines if "==" in line and not line.startswith("#"))


def test_mkdocs_stays_below_2():
    pins = _pins()
    assert pins["mkdocs"] in MKDOCS_RANGE and version("mkdocs") in MKDOCS_RANGE
    assert pins["properdocs"] in MKDOCS_RANGE and version("properdocs") == pins["properdocs"]


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
    result = subprocess.run(cmd, cwd=tmp_path, env=dict(env, **SITE_ENV, SITE_DIR=str(out)),
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    assert result.returncode == 0, result.stdout[-4000:]
    # It was ProperDocs that built it (not MkDocs under another name).
    assert b"ProperDocs 1.6" in GENERATOR.search((out / "index.html").read_bytes()).group()

    mkdocs, properdocs = snapshot(site), snapshot(out)
    stable = lambda files: {f for f in files if not PAGEFIND_UNORDERED.match(f)}  # noqa: E731
    assert stable(mkdocs) == stable(properdocs), f"fichiers présents d'un seul côté : {sorted(stable(mkdocs) ^ stable(properdocs))}"
    differing = [name for name in sorted(stable(mkdocs)) if mkdocs[name] != properdocs[name]
                 and _without_generator((site / name).read_bytes()) != _without_generator((out / name).read_bytes())]
    if differing:
        first = differing[0]
        diff = difflib.unified_diff((site / first).read_text(encoding="utf-8", errors="replace").splitlines(),
                                    (out / first).read_text(encoding="utf-8", errors="replace").splitlines(),
                                    "mkdocs/" + first, "properdocs/" + first, n=1, lineterm="")
        raise AssertionError(f"{len(differing)} fichier(s) différent(s) entre MkDocs et ProperDocs : {differing}\n"
                             + "\n".join(list(diff)[:40]))
    if (site / "pagefind").is_dir():
        assert _filters(site) == _filters(out)


def test_the_end_of_life_notice_is_hidden_in_one_place_only():
    flag = "NO_MKDOCS_2_" + "WARNING"
    files = [ROOT / "Makefile", ROOT / ".ci" / "run", *ROOT.glob(".github/workflows/*.yml"), ROOT / "mkdocs.yml",
             *(p for folder in ("scripts", "bench", "hooks", "macros", "tests") for p in (ROOT / folder).rglob("*.py"))]
    setting = sorted(p.relative_to(ROOT).as_posix() for p in files if flag in p.read_text(encoding="utf-8"))
    assert setting == ["tests/conftest.py"]
