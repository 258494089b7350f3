"""The linters are configured once and run everywhere: `make lint` (so `make test`, `make test-fast` and the
pull-request workflow) and pre-commit run the same ruff, pinned in requirements.txt, and import-linter's
contracts of pyproject.toml."""

from __future__ import annotations

import re
import tomllib

import yaml

from tests.support import ROOT


def _pins() -> dict[str, str]:
    lines = (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines()
    return dict(re.match(r"([A-Za-z0-9_.\[\]-]+)==(\S+)", line).groups() for line in lines if "==" in line)


def test_pre_commit_runs_the_pinned_ruff_and_the_import_contracts():
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    repos = {repo["repo"]: repo for repo in config["repos"]}
    ruff = repos["https://github.com/astral-sh/ruff-pre-commit"]
    assert ruff["rev"] == "v" + _pins()["ruff"], "the pre-commit ruff and requirements.txt's must be the same version"
    assert {h["id"] for h in ruff["hooks"]} == {"ruff-check", "ruff-format"}
    local = [h for h in repos["local"]["hooks"]]
    assert any(h["entry"].split()[0] == "lint-imports" for h in local)


def test_make_lint_runs_ruff_and_the_contracts_and_both_test_targets_run_it():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    lint = re.search(r"^lint:.*\n((?:\t.*\n)+)", makefile, re.M).group(1)
    assert "ruff check ." in lint and re.search(r"ruff format --check .*\.", lint) and "lint-imports" in lint
    for target in ("test", "test-fast"):
        recipe = re.search(rf"^{target}:.*\n((?:\t.*\n)+)", makefile, re.M).group(1)
        assert "$(MAKE) --no-print-directory lint" in recipe, target
    assert "-m unit" in re.search(r"^test-fast:.*\n((?:\t.*\n)+)", makefile, re.M).group(1)


def test_import_contracts_cover_the_stages_of_macros():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]
    contracts = {c["id"]: c for c in config["contracts"]}
    layered = {m.strip() for layer in contracts["layers"]["layers"] for m in re.split(r"[|:]", layer)}
    stages = {f"macros.{p.name}" for p in (ROOT / "macros").iterdir() if (p / "__init__.py").is_file()}
    assert stages <= layered, f"a stage without a layer: {sorted(stages - layered)}"
    forbidden = contracts["mkdocs-in-glue"]
    assert forbidden["forbidden_modules"] == ["mkdocs"]
    assert set(forbidden["source_modules"]) == (stages - {"macros.glue"}) | {"scripts"}
