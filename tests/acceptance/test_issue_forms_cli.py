"""GitHub as files, through the tools themselves: workflows and forms valid against GitHub's published
schemas (check-jsonschema), the pre-commit hook and the pull-request annotations of the validator, and an
issue that reaches the site in a strict build (the forms and the conversion: tests/unit/test_issue_forms.py)."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from datetime import date, timedelta
from pathlib import Path

import pytest
import yaml

from macros.french.dates import date_fr
from macros.model.catalog import load_catalog
from tests.support import ROOT
from tests.support.issues import convert, copy_data

CHECK_JSONSCHEMA = Path(sys.executable).with_name("check-jsonschema")


@pytest.fixture
def repo(tmp_path) -> Path:
    return copy_data(tmp_path)


# --- Files checked against GitHub's schemas (check-jsonschema's vendored copies, offline) ---


@pytest.mark.parametrize(
    "schema, pattern",
    [
        ("vendor.github-workflows", ".github/workflows/*.yml"),
        ("vendor.github-issue-forms", ".github/ISSUE_TEMPLATE/[!c]*.yml"),
        ("vendor.github-issue-config", ".github/ISSUE_TEMPLATE/config.yml"),
    ],
)
def test_github_files_pass_githubs_schemas(schema, pattern):
    files = sorted(str(p) for p in ROOT.glob(pattern))
    assert files, pattern
    result = subprocess.run(
        [str(CHECK_JSONSCHEMA), "--builtin-schema", schema, *files], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr


# --- Workflows, template, pre-commit, annotations ------------------------------------


def test_pre_commit_runs_the_validator_on_data_and_schemas():
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = {h["id"]: h for repo in config["repos"] for h in repo["hooks"]}
    hook = hooks["valider-les-donnees"]
    assert hook["entry"] == "python -m scripts.validate_data" and hook["pass_filenames"] is False
    files = re.compile(hook["files"])
    assert files.search("data/practices.yaml") and files.search("schemas/_defs.schema.json")
    assert not files.search("docs/index.md")
    result = subprocess.run(
        [sys.executable, *hook["entry"].split()[1:]],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=dict(os.environ, PYTHONPATH=str(ROOT)),
    )
    assert result.returncode == 0, result.stdout


def test_validator_annotates_the_pull_request_lines(repo):
    path = repo / "data" / "practices.yaml"
    text = path.read_text(encoding="utf-8")
    line = text.splitlines().index("    status: experimentee") + 1
    path.write_text(text.replace("    status: experimentee", "    status: testee", 1), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "scripts.validate_data", "--data", "data", "--schemas", "schemas"],
        cwd=repo,
        capture_output=True,
        text=True,
        env=dict(os.environ, PYTHONPATH=str(ROOT), GITHUB_ACTIONS="true"),
    )
    assert result.returncode == 1
    assert re.search(
        rf"^::error file=data/practices\.yaml,line={line},col=\d+::practices\[\d+\]\.status : « testee »",
        result.stdout,
        re.M,
    ), result.stdout


# --- From an issue to a published page -----------------------------------------------


def test_issue_reaches_the_site_in_a_strict_build(tmp_path):
    """The whole way: issue text -> entries -> strict build -> page, feed, news, open data."""
    tree = tmp_path / "repo"
    tree.mkdir()
    for name in ("data", "schemas", "docs", "templates", "macros", "hooks", "overrides", "scripts"):
        shutil.copytree(ROOT / name, tree / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("mkdocs.yml", "package.json"):
        shutil.copy(ROOT / name, tree / name)
    if (ROOT / "node_modules").is_dir():
        (tree / "node_modules").symlink_to(ROOT / "node_modules")
    # The requests come the day after the newest entry of the shipped data: the feed and the news put them first.
    day = max(date.fromisoformat(str(e["updated"])) for entries in load_catalog(ROOT).data.values() for e in entries)
    day += timedelta(days=1)
    code, out = convert(tree, "proposer-une-pratique.md", "--number", "7", "--date", day.isoformat())
    assert code == 0, out
    code, out = convert(tree, "nous-l-avons-mis-en-oeuvre.md", "--number", "8", "--date", day.isoformat())
    assert code == 0, out
    from macros.authoring.new_entry import (
        main as new_main,  # a format added with `make new`, in the same build
    )

    out = io.StringIO()
    code = new_main(
        [
            "--root",
            str(tree),
            "--kind",
            "format",
            "--set",
            "title=Stage d'observation croisée",
            "--set",
            "summary=Deux étudiants observent chacun la structure de l'autre.",
            "--set",
            "description=Une semaine dans chaque structure.",
            "--set",
            "involved=les étudiants",
            "--set",
            "diplomas=ASS",
            "--set",
            "conditions=Une convention par structure",
            "--set",
            "attention_points=Le temps de préparation",
            "--set",
            "source=fiche-faits",
            "--date",
            "2026-11-23",
        ],
        out=out,
    )
    assert code == 0, out.getvalue()
    site = tmp_path / "site"
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet"],
        cwd=tree,
        env=dict(os.environ, PYTHONPATH=str(tree), SITE_DIR=str(site)),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    page = (site / "pratiques" / "stage-croise-entre-deux-centres-sociaux" / "index.html").read_text(encoding="utf-8")
    assert "Stage croisé entre deux centres sociaux" in page
    assert f"Mis à jour le {date_fr(day.isoformat())}" in page and "Expérimentée" in page
    feed = ET.parse(site / "feed.xml").getroot()
    first = feed.find("{http://www.w3.org/2005/Atom}entry")
    assert first.findtext("{http://www.w3.org/2005/Atom}title") == "Stage croisé entre deux centres sociaux"
    news = (site / "nouveautes" / "index.html").read_text(encoding="utf-8")
    assert news.index(date_fr(day.isoformat())) < news.index("Stage croisé entre deux centres sociaux")
    assert "stage-croise-entre-deux-centres-sociaux" in (site / "donnees" / "practices.json").read_text(
        encoding="utf-8"
    )
    assert "demande-7" in (site / "sources" / "index.html").read_text(encoding="utf-8")
    collective = (site / "formats" / "projets-collectifs" / "index.html").read_text(encoding="utf-8")
    assert "servi de base au projet social du centre" in collective  # the testimonial on its format's page
    new_format = (site / "formats" / "stage-d-observation-croisee" / "index.html").read_text(encoding="utf-8")
    assert "Stage d'observation croisée" in new_format.replace("&#39;", "'") and 'id="fiche-modele"' in new_format
