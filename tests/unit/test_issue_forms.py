"""GitHub as files: issue forms generated from the schemas, issues turned into entries,
workflows and forms valid against GitHub's published schemas, annotations on pull requests."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
import yaml

from macros.authoring import issue_forms
from macros.authoring.issue_entry import main as issue_main
from macros.authoring.issue_entry import split_choices
from macros.pages.addresses import site_beside
from macros.schema.fields import entry_schema
from macros.validate.dataset import check_data_dir
from tests.support import ROOT
from tests.support.issues import convert, copy_data


@pytest.fixture
def repo(tmp_path) -> Path:
    return copy_data(tmp_path)


def load(repo: Path) -> dict:
    catalogues, errors = check_data_dir(repo / "data", repo / "schemas", root=repo, site=site_beside(repo / "schemas"))
    assert not errors, [e.format() for e in errors]
    return catalogues


# --- Files checked against GitHub's schemas (check-jsonschema's vendored copies, offline) ---


def test_committed_issue_forms_are_generated_from_schemas_and_data():
    assert issue_forms.main(["--check"]) == 0, "run: python -m scripts.issue_forms"


def test_practice_form_mirrors_the_practice_schema():
    schema = entry_schema(ROOT / "schemas", "practices")
    form = yaml.safe_load((ROOT / ".github/ISSUE_TEMPLATE/proposer-une-pratique.yml").read_text(encoding="utf-8"))
    items = {b["id"]: b for b in form["body"] if "id" in b}
    for f in schema.fields:
        if f.name in ("id", "updated"):
            assert f.name not in items  # given by the script, never asked
            continue
        item = items[f.name]
        assert item["attributes"]["label"] == f.title
        expected = f.required and not f.condition and not (f.is_list and f.min_items == 0)
        assert item["validations"]["required"] is expected, f.name
    catalogues = load(ROOT)
    assert items["formats"]["attributes"]["options"] == [e["title"] for e in catalogues["formats"]]
    assert items["formats"]["attributes"]["multiple"] is True
    assert [o.split(" — ")[0] for o in items["diplomas"]["attributes"]["options"]] == [
        d["code"] for d in catalogues["diplomas"]
    ]
    assert items["status"]["attributes"]["options"] == ["Proposée", "Expérimentée", "Évaluée", "Généralisée"]
    labels = [b["attributes"]["label"] for b in form["body"] if "label" in b.get("attributes", {})]
    assert len(labels) == len(set(labels)), "GitHub needs unique labels"
    assert form["body"][-1]["type"] == "checkboxes"


def test_testimonial_form_asks_who_and_which_formats():
    form = yaml.safe_load((ROOT / ".github/ISSUE_TEMPLATE/nous-l-avons-mis-en-oeuvre.yml").read_text(encoding="utf-8"))
    assert form["name"] == "Nous l'avons mis en œuvre"
    items = {b["id"]: b for b in form["body"] if "id" in b}
    assert items["formats"]["validations"]["required"] is True
    assert items["quote"]["type"] == "textarea" and items["actor"]["type"] == "dropdown"
    assert items["organisation"]["validations"]["required"] is True


# --- Issues -> entries ---------------------------------------------------------------


def test_practice_issue_becomes_a_practice_and_its_source(repo):
    before = (repo / "data" / "practices.yaml").read_text(encoding="utf-8")
    code, out = convert(
        repo,
        "proposer-une-pratique.md",
        "--number",
        "12",
        "--date",
        "2026-11-20",
        "--url",
        "https://github.com/exemple/alternance/issues/12",
    )
    assert code == 0, out
    assert (repo / "data" / "practices.yaml").read_text(encoding="utf-8").startswith(before)
    catalogues = load(repo)
    p = catalogues["practices"][-1]
    assert p["id"] == "stage-croise-entre-deux-centres-sociaux"
    assert p["kind"] == "exemple" and p["part_of"] == "stage-thematique-sur-deux-sites-qualifiants"
    assert p["formats"] == ["stages-pluri-institutionnels", "projets-collectifs"] and p["diplomas"] == ["ES"]
    assert p["status"] == "experimentee" and p["year"] == 2025
    assert p["stakeholders"] == ["centre social de Maurepas", "centre social de Villejean, service jeunesse"]
    assert p["keywords"] == ["centre social", "habitants"]
    assert "\n\nIls préparent" in p["description"]  # paragraphs kept
    src = catalogues["sources"][-1]
    assert src["id"] == p["source"] == "demande-12"
    assert src["url"].endswith("/issues/12") and src["publisher"] == "IRTS Exemple" and src["date"] == "2026-11-20"
    assert "http://127.0.0.1:8000/pratiques/stage-croise-entre-deux-centres-sociaux/" in out


def test_testimonial_issue_becomes_a_testimonial(repo):
    code, out = convert(repo, "nous-l-avons-mis-en-oeuvre.md", "--date", "2026-11-21")
    assert code == 0, out
    catalogues = load(repo)
    t = catalogues["testimonials"][-1]
    assert t["actor"] == "formateur" and re.fullmatch(r"temoignage-formateur-\d+", t["id"])
    assert t["formats"] == ["projets-collectifs", "interventions-socio-educatives-collectives"]
    assert t["quote"].startswith("Le diagnostic") and t["quote"].endswith("centre.")  # guillemets removed
    assert catalogues["sources"][-1]["publisher"] == "Lycée professionnel et centre social de Kervénanec"
    assert t["source"] == catalogues["sources"][-1]["id"]


def test_issue_with_mistakes_lists_them_all_and_writes_nothing(repo, tmp_path):
    before = {p.name: p.read_bytes() for p in (repo / "data").glob("*.yaml")}
    summary = tmp_path / "resume.md"
    code, out = convert(repo, "proposition-a-corriger.md", "--summary-file", str(summary))
    assert code == 1
    for expected in (
        "« Résumé » : réponse obligatoire manquante",
        "« Stages imaginaires » n'est pas un choix de la liste",
        "« l'an dernier » n'est pas un nombre entier",
        "la case d'accord pour la publication n'est pas cochée",
        "Rien n'a été écrit",
    ):
        assert expected.replace(" : ", "\u00a0: ") in out or expected in out, expected
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("Merci pour cette proposition") and text.count("\n- ") == 4
    assert {p.name: p.read_bytes() for p in (repo / "data").glob("*.yaml")} == before


def test_unknown_text_is_refused(repo, tmp_path):
    body = tmp_path / "x.md"
    body.write_text("### Bonjour\n\nRien à voir.\n", encoding="utf-8")
    out = io.StringIO()
    assert issue_main(["--body-file", str(body), "--root", str(repo)], out=out) == 2
    assert "formulaire connu" in out.getvalue()


def test_multiple_choices_split_even_with_commas_in_options():
    options = {"A, b": "x", "C": "y", "D": "z"}
    assert split_choices("A, b, C", options) == ["A, b", "C"]
    with pytest.raises(ValueError):
        split_choices("A, Z", options)


# --- Workflows, template, pre-commit, annotations ------------------------------------


def workflow(name: str) -> dict:
    return yaml.safe_load((ROOT / ".github" / "workflows" / name).read_text(encoding="utf-8"))


def steps(job: dict) -> str:
    return "\n".join(yaml.safe_dump(s, allow_unicode=True) for s in job["steps"])


def test_pull_request_workflow_validates_builds_and_uploads_the_site():
    wf = workflow("pr.yml")
    assert "pull_request" in wf[True]  # YAML 1.1 reads the key « on » as True
    text = steps(next(iter(wf["jobs"].values())))
    assert "python-version: '3.11'" in text
    order = [text.index(s) for s in ("make validate", "make build", "actions/upload-artifact@")]
    assert order == sorted(order)
    assert "path: site/" in text


def test_pull_request_workflow_runs_the_tests_fast_then_all_with_debians_chromium():
    jobs = workflow("pr.yml")["jobs"]
    tests = [job for job in jobs.values() if "make test-fast" in steps(job)]
    assert len(tests) == 1
    job, text = tests[0], steps(tests[0])
    assert text.index("make test-fast") < text.index("bash .ci/run")  # .ci/run installs Chromium, runs `make test`
    assert job["container"]["image"].startswith("python:3.11-")  # Debian: .ci/run's apt-get packages
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "chromium" in ci and ci.rstrip().endswith("make test")


def test_deploy_workflow_publishes_main_to_pages():
    wf = workflow("deploy.yml")
    assert wf[True]["push"]["branches"] == ["main"]
    jobs = wf["jobs"]
    text = "\n".join(steps(j) for j in jobs.values())
    for needed in ("make build", "actions/upload-pages-artifact@", "actions/deploy-pages@", "SITE_URL"):
        assert needed in text
    deploy = next(j for j in jobs.values() if "deploy-pages" in steps(j))
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"


def test_issue_workflow_never_puts_issue_text_on_a_command_line():
    text = (ROOT / ".github/workflows/issue-to-pr.yml").read_text(encoding="utf-8")
    runs = re.findall(r"run: \|\n((?:          .*\n|\n)+)", text)
    assert runs and not any("github.event.issue" in r for r in runs)


def test_pull_request_template_is_the_editors_checklist():
    text = (ROOT / ".github/pull_request_template.md").read_text(encoding="utf-8")
    assert text.count("- [ ]") >= 5
    for needed in ("make validate", "make test", "`id`", "source", "updated", "autre personne que l'auteur"):
        assert needed in text


# --- From an issue to a published page -----------------------------------------------


def test_schema_errors_are_named_by_the_forms_questions(repo):
    before = (repo / "data" / "practices.yaml").read_bytes()
    code, out = convert(repo, "proposition-refusee-par-la-verification.md")
    assert code == 1
    assert "« Année »\u00a0: 3000 est trop grand" in out or "« Année » : 3000 est trop grand" in out
    assert re.search(r"« Description » .*balise", out)
    assert "data/practices.yaml" not in out  # the sender never saw that file: answers are named by question
    assert (repo / "data" / "practices.yaml").read_bytes() == before
