"""The data validator as a command (`python -m scripts.validate_data`, what `make validate` runs): exit
statuses, French messages, GitHub annotations, never a traceback (the validator's checks: tests/unit/test_validation.py)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from tests.support import ROOT
from tests.support.trees import FIXTURES, SCHEMAS, make_tree, norm

# Skipped only outside CI, before schemas/ and data/ exist; in CI (env CI set) they must be there.
needs_schemas = pytest.mark.skipif(
    not (SCHEMAS / "_defs.schema.json").exists() and not os.environ.get("CI"), reason="schemas/ absent"
)
HAS_DATA = (ROOT / "data").is_dir() and any((ROOT / "data").glob("*.yaml"))


# --- The command line ---------------------------------------------------------------


def run_cli(*args, env=None):
    return subprocess.run(
        [sys.executable, "-m", "scripts.validate_data", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})},
        timeout=120,
    )


@needs_schemas
def test_cli_bad_tree_exit_1_without_traceback(tmp_path):
    data = make_tree(tmp_path, FIXTURES / "invalid" / "several-errors")
    for bad in ("python-tag",):
        for f in (FIXTURES / "invalid" / bad / "data").iterdir():
            shutil.copy(f, data / f.name)
    result = run_cli("--data", str(data), "--schemas", str(SCHEMAS), env={"GITHUB_ACTIONS": "true"})
    out = result.stdout + result.stderr
    assert result.returncode == 1, out
    assert "Traceback" not in out
    lines = result.stdout.splitlines()
    assert norm(lines[-1]) == "4 erreurs dans 2 fichiers."
    errors = [line for line in lines if not line.startswith("::")]
    assert any("::error file=" in line and "line=11" in line for line in lines)
    files = [line.split(":")[0] for line in errors[:-1]]
    assert files == sorted(files)


def test_cli_bad_option_is_french():
    result = run_cli("--nope")
    assert result.returncode == 2
    assert "option invalide" in result.stderr and "Traceback" not in result.stderr


def test_cli_missing_folders():
    result = run_cli("--data", "/nonexistent/data", "--schemas", "/nonexistent/schemas")
    assert result.returncode == 1
    assert "introuvable" in result.stdout and "Traceback" not in result.stdout + result.stderr


@pytest.mark.skipif(not HAS_DATA and not os.environ.get("CI"), reason="data/ absent")
def test_cli_real_data_is_valid():
    result = run_cli()
    assert "Traceback" not in result.stdout + result.stderr
    assert result.returncode == 0, result.stdout
    assert norm(result.stdout).startswith("Données valides : ")
