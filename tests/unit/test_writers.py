"""The writers (issue 14, rule 6): `make new`, the issue flow and the web editor's save format.

They quote whatever a YAML reader would misread (« NO », « off », « 12:30 »…), every
failure is a French message with its own exit status, the issue's comment is always
written, and no issue body — any text at all, tried by hypothesis — produces an entry
that fails validation, nor a traceback.
"""

from __future__ import annotations

import io
import json
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from macros.authoring import issue_entry as issue_to_entry
from macros.authoring.issue_entry import main as issue_main
from macros.authoring.issue_reply import inert
from macros.authoring.new_entry import main as new_main
from macros.load.reader import load_catalogue
from macros.pages.addresses import site_beside
from macros.validate.dataset import check_data_dir
from tests.support import ROOT
from tests.support.hostile import Raw, text

ISSUE = (ROOT / "tests" / "fixtures" / "issues" / "proposer-une-pratique.md").read_text(encoding="utf-8")
TRICKY = ("NO", "off", "On", "y", "12:30", "1e3", "0x7e1", "2017", "true", "~", "null", "- x", "a: b", "#x", "@x")


@pytest.fixture
def repo(tmp_path) -> Path:
    """A scratch copy of what the writers read and write (docs/ too: the ids the site reserves)."""
    for name in ("data", "schemas", "docs", "templates"):
        shutil.copytree(ROOT / name, tmp_path / name)
    shutil.copytree(ROOT / ".github" / "ISSUE_TEMPLATE", tmp_path / ".github" / "ISSUE_TEMPLATE")
    return tmp_path


def answer(body: str, label: str, value: str) -> str:
    """*body* with the answer to « ### label » replaced by *value*."""
    return re.sub(
        rf"(### {re.escape(label)}\n\n)(.*?)(\n\n###|\Z)",
        lambda m: m.group(1) + value + m.group(3),
        body,
        count=1,
        flags=re.S,
    )


def run_issue(repo: Path, body: str, *extra: str) -> tuple[int, str, str]:
    (repo / "demande.md").write_text(body, encoding="utf-8")
    summary = repo / "resume.md"
    summary.unlink(missing_ok=True)
    out = io.StringIO()
    code = issue_main(
        [
            "--body-file",
            str(repo / "demande.md"),
            "--root",
            str(repo),
            "--date",
            "2026-11-24",
            "--summary-file",
            str(summary),
            *extra,
        ],
        out=out,
    )
    return code, out.getvalue(), summary.read_text(encoding="utf-8") if summary.exists() else ""


def new_practice(repo: Path, **values: str) -> tuple[int, str]:
    base = {
        "title": "Essai",
        "kind": "experimentation",
        "summary": "Un résumé.",
        "description": "Une description.",
        "formats": "projets-collectifs",
        "diplomas": "",
        "theme": "Un thème",
        "organisation": "IRTS",
        "territory": "Bretagne",
        "year": "2017",
        "status": "proposee",
        "stakeholders": "un centre social",
        "source": "askoria-2017",
    }
    base.update(values)
    argv = ["--root", str(repo), "--kind", "pratique", "--date", "2026-11-24"]
    for k, v in base.items():
        argv += ["--set", f"{k}={v}"]
    out = io.StringIO()
    return new_main(argv, inp=io.StringIO(""), out=out), out.getvalue()


def last_practice(repo: Path) -> dict:
    raw = (repo / "data" / "practices.yaml").read_bytes()
    return load_catalogue(raw, "practices.yaml", "practices").data["practices"][-1]


# --- Quoting ---------------------------------------------------------------------------------


def test_make_new_quotes_what_yaml_would_misread(repo):
    code, out = new_practice(repo, theme="NO", organisation="off", territory="12:30", summary="1e3")
    assert code == 0, out
    p = last_practice(repo)
    assert (p["theme"], p["organisation"], p["territory"], p["summary"]) == ("NO", "off", "12:30", "1e3")
    assert all(type(p[k]) is str for k in ("theme", "organisation", "territory", "summary"))
    assert 'theme: "NO"' in (repo / "data" / "practices.yaml").read_text(encoding="utf-8")


def test_the_issue_flow_quotes_what_yaml_would_misread(repo):
    body = answer(answer(ISSUE, "Thème", "NO"), "Organisme porteur", "off")
    code, out, summary = run_issue(repo, body, "--number", "3")
    assert code == 0, out
    p = last_practice(repo)
    assert (p["theme"], p["organisation"]) == ("NO", "off")
    catalogues, errors = check_data_dir(repo / "data", repo / "schemas", root=repo, site=site_beside(repo / "schemas"))
    assert not errors and "a été préparée" in summary


# --- Exit statuses and the comment ---------------------------------------------------------------


def test_a_5000_digit_year_is_a_french_refusal_with_its_summary(repo):
    code, out, summary = run_issue(repo, answer(ISSUE, "Année", "9" * 5000))
    assert code == issue_to_entry.CORRECTIONS
    assert "« Année » : " in summary.replace("\u00a0", " ") and "nombre entier" in summary and "Traceback" not in out


def test_an_issue_titled_index_gets_an_id_the_site_does_not_reserve(repo):
    body = answer(answer(answer(ISSUE, "Titre", "Index"), "Type", "Expérimentation"), "Fait partie de", "_No response_")
    code, out, summary = run_issue(repo, body)
    assert code == 0, out
    assert last_practice(repo)["id"] not in ("index", "") and "/pratiques/index-" in summary


def test_a_javascript_link_is_refused_with_the_question_named(repo):
    code, out, summary = run_issue(repo, answer(ISSUE, "Résumé", "Voir [ici](javascript:alert(1))"))
    assert code == issue_to_entry.CORRECTIONS
    assert "« Résumé » : lien vers « javascript:alert(1) » refusé" in summary.replace("\u00a0", " ")


def test_every_failure_has_its_own_status_and_a_summary(repo, monkeypatch):
    code, _, summary = run_issue(repo, "Bonjour, voici une idée.")
    assert code == issue_to_entry.USAGE and "formulaires du dépôt" in summary
    code, _, summary = run_issue(repo, ISSUE, "--date", "2026-02-30")
    assert code == issue_to_entry.USAGE and summary
    code, out, summary = run_issue(repo, ISSUE, "--nope")
    assert code == issue_to_entry.USAGE and "option invalide" in out and summary
    path = repo / "data" / "glossary.yaml"
    original = path.read_text(encoding="utf-8")
    path.write_text(original.replace("kind: sigle", "kind: sigles", 1), encoding="utf-8")
    code, _, summary = run_issue(repo, ISSUE)
    assert code == issue_to_entry.DATA_INVALID and "ne vient pas de votre demande" in summary
    path.write_text(original, encoding="utf-8")

    def broken(*args, **kwargs):
        raise RuntimeError("panne simulée")

    monkeypatch.setattr(issue_to_entry, "convert", broken)
    code, out, summary = run_issue(repo, ISSUE)
    assert code == issue_to_entry.INTERNAL and "Erreur interne" in out and "problème technique" in summary
    assert "Traceback" not in out
    assert (
        len(
            {
                issue_to_entry.ADDED,
                issue_to_entry.CORRECTIONS,
                issue_to_entry.USAGE,
                issue_to_entry.DATA_INVALID,
                issue_to_entry.INTERNAL,
            }
        )
        == 5
    )


def test_make_new_statuses(repo):
    code, out = new_practice(repo, year="0x7e1")
    assert code == 2 and "n'est pas un nombre entier" in out
    code, out = new_practice(repo, summary="[x](javascript:alert(1))")
    assert code == 1 and "javascript" in out
    code, out = new_practice(repo, year="9" * 5000)
    assert code == 2 and "Traceback" not in out


def test_mentions_and_references_are_made_inert():
    assert (
        inert("merci @octocat et @org/equipe, voir #12 et GH-3") == "merci ＠octocat et ＠org/equipe, voir ＃12 et GH‑3"
    )
    assert inert("courriel : nom@exemple.fr") == "courriel : nom＠exemple.fr"


def test_the_summary_and_pull_request_echo_no_mention(repo):
    body = answer(ISSUE, "Type", "@octocat #1")  # a dropdown answer the refusal quotes back
    code, _, summary = run_issue(repo, body, "--number", "9")
    assert code == 1 and "« ＠octocat ＃1 »" in summary and "@" not in summary
    body = answer(ISSUE, "Titre", "Stage @octocat #4")
    code, out, summary = run_issue(repo, body, "--number", "9", "--pull-request-file", str(repo / "pr.json"))
    assert code == 0, out
    pr = json.loads((repo / "pr.json").read_text(encoding="utf-8"))
    assert "@" not in pr["title"] + summary and pr["body"].endswith("Closes #9\n")


# --- Any body: a valid entry or a French refusal, never a traceback -------------------------------

LABELS = re.findall(r"^### (.+)$", ISSUE, flags=re.M)


@st.composite
def bodies(draw):
    body = ISSUE
    for label in LABELS:
        choice = draw(st.integers(0, 9))
        if choice < 6:
            continue  # keep the fixture's answer
        value = draw(st.one_of(text(hostile=True), text(), st.sampled_from(("_No response_", "", "9" * 5000) + TRICKY)))
        body = answer(body, label, value.text if isinstance(value, Raw) else value)
    if draw(st.integers(0, 9)) == 0:
        body = draw(st.text(max_size=300))
    return body


@settings(
    max_examples=15,
    derandomize=True,
    database=None,
    deadline=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture, HealthCheck.data_too_large],
)
@given(body=bodies())
def test_any_issue_gives_a_valid_entry_or_a_french_refusal(repo, body):
    """Budget: about 1 s an example (the data validated twice); 15 examples, derandomised."""
    before = {p.name: p.read_bytes() for p in (repo / "data").glob("*.yaml")}
    code, out, summary = run_issue(repo, body, "--number", "5")
    assert code in (issue_to_entry.ADDED, issue_to_entry.CORRECTIONS, issue_to_entry.USAGE), out
    assert summary.strip() and "Traceback" not in out + summary and not re.search(r"@[A-Za-z0-9_-]", summary)
    if code == issue_to_entry.ADDED:
        _, errors = check_data_dir(repo / "data", repo / "schemas", root=repo, site=site_beside(repo / "schemas"))
        assert errors == [], [e.format() for e in errors]
    else:
        assert {p.name: p.read_bytes() for p in (repo / "data").glob("*.yaml")} == before, "a refusal writes nothing"
    for name, content in before.items():  # back to the shipped data for the next example
        (repo / "data" / name).write_bytes(content)
