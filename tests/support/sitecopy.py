"""A throwaway copy of the repository, to build the site from modified data.

Tests that need a changed tree (injected payloads, a renamed id, a broken file)
copy what the build reads into a temporary folder, edit the copy, and build it
there: the real data/ and site/ are never touched. node_modules (the web
editor's bundle, the test tools) is linked, not copied.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.support import ROOT

_SKIP = {".git", ".venv", "site", "node_modules", "bench", "tests", "__pycache__", ".pytest_cache", ".cache"}


def copy_repo(dest: Path) -> Path:
    """Copy the repository's build inputs into *dest* (created); return *dest*."""

    def ignore(folder, names):
        top = Path(folder) == ROOT
        return [n for n in names if n.startswith(".site-build") or n == "__pycache__" or (top and n in _SKIP)]

    shutil.copytree(ROOT, dest, ignore=ignore, symlinks=True)
    if (ROOT / "node_modules").is_dir():
        (dest / "node_modules").symlink_to(ROOT / "node_modules", target_is_directory=True)
    return dest


def env_for(repo: Path, **extra: str) -> dict:
    return dict(os.environ, PYTHONPATH=str(repo), **extra)


def mkdocs_build(repo: Path, site: Path, strict: bool = True) -> subprocess.CompletedProcess:
    """`mkdocs build` of the copy *repo* into *site*; output captured (text).

    Never --quiet: it hides warnings, and --strict then has nothing to count.
    """
    cmd = [
        sys.executable,
        "-m",
        "mkdocs",
        "build",
        "--strict" if strict else "--no-strict",
        "--config-file",
        str(repo / "mkdocs.yml"),
    ]
    return subprocess.run(cmd, cwd=repo, env=env_for(repo, SITE_DIR=str(site)), capture_output=True, text=True)


def build_site_script(repo: Path) -> subprocess.CompletedProcess:
    """`python -m scripts.build_site` (what `make build` runs) inside the copy *repo*."""
    return subprocess.run(
        [sys.executable, "-m", "scripts.build_site"], cwd=repo, env=env_for(repo), capture_output=True, text=True
    )
