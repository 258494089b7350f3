"""Test tools installed from the npm registry (package.json, `npm ci`): axe-core and vnu.jar.

On CI (env CI set) a missing tool is a failure, never a skip.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.support import ROOT

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def require(path: Path) -> Path:
    if path.is_file():
        return path
    message = f"{path.relative_to(ROOT)} introuvable : lancez « npm ci » (package.json)"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def require_java() -> str:
    java = shutil.which("java")
    if java:
        return java
    message = "Java introuvable (vnu.jar) : apt-get install default-jre-headless"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)
