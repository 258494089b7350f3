"""Node scripts run against the web editor's own modules (templates/admin/yaml-roundtrip.js, the yaml package)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.support import ROOT


def run_node(tmp_path: Path, script: str, *args: str) -> dict:
    node = shutil.which("node")
    dist = ROOT / "node_modules" / "yaml" / "browser" / "dist"
    if not node or not dist.is_dir():
        message = "Node et node_modules/ sont nécessaires (npm ci)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    shutil.copy(ROOT / "templates" / "admin" / "yaml-roundtrip.js", tmp_path)
    (tmp_path / "yaml").symlink_to(dist, target_is_directory=True)
    (tmp_path / "run.mjs").write_text(script, encoding="utf-8")
    done = subprocess.run([node, "run.mjs", *args], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)
