"""The workflows (issue 14, rule 9): pinned actions, no token left behind, least permissions, and a
pushing job that never overwrites a maintainer's commit (its shell script run here against local repositories).

check-jsonschema's check of the workflows against GitHub's schema is in tests/unit/test_issue_forms.py.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from tests.support import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
BOT = "41898282+github-actions[bot]@users.noreply.github.com"


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", WORKFLOWS, ids=[p.name for p in WORKFLOWS])
def test_actions_are_pinned_by_commit_with_their_version(path):
    uses = re.findall(r"uses: (\S+)(.*)", path.read_text(encoding="utf-8"))
    assert uses
    for action, rest in uses:
        assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", action), action
        assert re.fullmatch(r" # v\d+\.\d+\.\d+", rest), f"{action}: the version goes in a comment"


@pytest.mark.parametrize("path", WORKFLOWS, ids=[p.name for p in WORKFLOWS])
def test_permissions_per_job_and_checkout_leaves_no_token(path):
    wf = load(path)
    assert wf["permissions"] == {}, "nothing at the workflow level: each job asks for its own"
    for name, job in wf["jobs"].items():
        assert "permissions" in job, name
        for step in job["steps"]:
            if step.get("uses", "").startswith("actions/checkout@"):
                assert step.get("with", {}).get("persist-credentials") is False, name
    writes = {name: {k for k, v in job["permissions"].items() if v == "write"} for name, job in wf["jobs"].items()}
    if path.name == "pr.yml":
        assert writes and all(not w for w in writes.values()), writes  # the proposal's code runs here
    if path.name == "deploy.yml":
        assert writes == {"construire": set(), "publier": {"pages", "id-token"}}


def test_the_job_reading_the_issue_holds_no_write_token():
    wf = load(ROOT / ".github" / "workflows" / "issue-to-pr.yml")
    read, push = wf["jobs"]["convertir"], wf["jobs"]["publier"]
    assert read["permissions"] == {"contents": "read"}
    assert "github.event.issue.body" in yaml.safe_dump(read) and "github.event.issue.body" not in yaml.safe_dump(push)
    assert push["needs"] == "convertir"
    assert any(s.get("uses", "").startswith("actions/upload-artifact@") for s in read["steps"])
    assert any(s.get("uses", "").startswith("actions/download-artifact@") for s in push["steps"])
    assert "token" not in yaml.safe_dump(read).lower()


# --- The push, run for real against local repositories ----------------------------------------------


def push_script() -> str:
    wf = load(ROOT / ".github" / "workflows" / "issue-to-pr.yml")
    return next(s["run"] for s in wf["jobs"]["publier"]["steps"] if s.get("name") == "Ouvrir la pull request")


def git(cwd: Path, *args: str, email: str = BOT) -> str:
    env = dict(
        os.environ, GIT_AUTHOR_NAME="x", GIT_AUTHOR_EMAIL=email, GIT_COMMITTER_NAME="x", GIT_COMMITTER_EMAIL=email
    )
    return subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True, text=True).stdout.strip()


@pytest.fixture
def remote(tmp_path):
    """(origin, a checkout of its main branch, the result folder of « convertir », the log of gh calls)."""
    if not shutil.which("git") or not shutil.which("jq"):
        pytest.fail("git et jq sont nécessaires (apt-get install git jq)")
    origin, work = tmp_path / "origin.git", tmp_path / "work"
    git(tmp_path, "init", "--quiet", "--bare", "-b", "main", str(origin))
    git(tmp_path, "clone", "--quiet", str(origin), str(work))
    (work / "data").mkdir()
    (work / "data" / "practices.yaml").write_text("practices: []\n", encoding="utf-8")
    git(work, "add", ".")
    git(work, "commit", "--quiet", "-m", "début", email="mainteneur@exemple.fr")
    git(work, "push", "--quiet", "origin", "HEAD:main")
    out = tmp_path / "resultat"
    out.mkdir()
    (work / "data" / "practices.yaml").write_text("practices:\n  - id: nouvelle\n", encoding="utf-8")
    (out / "demande.patch").write_text(git(work, "diff", "--binary") + "\n", encoding="utf-8")
    git(work, "checkout", "--quiet", "--", ".")
    (out / "pull-request.json").write_text(
        '{"title": "Demande n° 7 : pratique", "body": "Corps\\n\\nCloses #7\\n"}', encoding="utf-8"
    )
    (out / "resume.md").write_text("Résumé\n", encoding="utf-8")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    log = tmp_path / "gh.log"
    (bin_dir / "gh").write_text(
        f'#!/bin/sh\necho "$@" >> "{log}"\n[ "$1 $2" = "pr view" ] && exit 1\nexit 0\n', encoding="utf-8"
    )
    (bin_dir / "gh").chmod(0o755)
    return origin, work, tmp_path, log


def run_push(remote) -> subprocess.CompletedProcess:
    origin, work, tmp, log = remote
    env = dict(
        os.environ,
        RUNNER_TEMP=str(tmp),
        NUMBER="7",
        GH_TOKEN="jeton-factice",
        BOT_EMAIL=BOT,
        PATH=f"{tmp / 'bin'}:{os.environ['PATH']}",
    )
    return subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", push_script()],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
    )


def head(origin: Path) -> tuple[str, str]:
    return tuple(git(origin, "log", "-1", "--format=%ae%n%s", "refs/heads/demande-7").split("\n"))


def test_first_push_opens_the_pull_request(remote):
    origin, work, _, log = remote
    result = run_push(remote)
    assert result.returncode == 0, result.stderr
    assert head(origin) == (BOT, "Demande n° 7 : pratique")
    assert "pr create --head demande-7" in log.read_text() and "issue comment 7" in log.read_text()
    assert "jeton-factice" not in (work / ".git" / "config").read_text()


def test_the_bots_own_branch_is_replaced(remote):
    origin, work, tmp, _ = remote
    assert run_push(remote).returncode == 0
    first = git(origin, "rev-parse", "refs/heads/demande-7")
    git(work, "checkout", "--quiet", "main")
    patch = tmp / "resultat" / "demande.patch"  # the issue was edited: another entry
    patch.write_text(patch.read_text(encoding="utf-8").replace("id: nouvelle", "id: nouvelle-bis"), encoding="utf-8")
    result = run_push(remote)
    assert result.returncode == 0, result.stderr
    assert git(origin, "rev-parse", "refs/heads/demande-7") != first and head(origin)[0] == BOT


def test_a_maintainers_commit_is_never_pushed_over(remote):
    origin, work, tmp, log = remote
    assert run_push(remote).returncode == 0
    (work / "data" / "practices.yaml").write_text("practices:\n  - id: nouvelle-corrigee\n", encoding="utf-8")
    git(work, "commit", "--quiet", "-am", "correction", email="mainteneur@exemple.fr")
    git(work, "push", "--quiet", "origin", "HEAD:demande-7")
    fixed = git(origin, "rev-parse", "refs/heads/demande-7")
    git(work, "checkout", "--quiet", "main")
    result = run_push(remote)
    assert result.returncode == 0, result.stderr
    assert git(origin, "rev-parse", "refs/heads/demande-7") == fixed, "the maintainer's fix was overwritten"
    assert "modifications d'un mainteneur" in (tmp / "resultat" / "garde.md").read_text(encoding="utf-8")


def test_a_patch_outside_data_is_refused(remote):
    origin, work, tmp, _ = remote
    (work / "Makefile").write_text("all:\n\techo pris\n", encoding="utf-8")
    git(work, "add", "-N", "Makefile")
    (tmp / "resultat" / "demande.patch").write_text(git(work, "diff", "--binary") + "\n", encoding="utf-8")
    git(work, "reset", "--quiet")
    (work / "Makefile").unlink()
    result = run_push(remote)
    assert result.returncode != 0 and "refusé" in result.stdout
    assert git(origin, "branch", "--list", "demande-7") == ""
