"""`make new`: asks the required fields, appends a valid entry, keeps the file, never breaks data/."""

from __future__ import annotations

import io
import re
import shutil
from datetime import date
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from macros.authoring import writer as entry_writer
from macros.authoring.new_entry import main
from macros.authoring.writer import _yaml, append_entry, fresh_id, propose_id
from macros.model.kinds import KINDS
from macros.pages.addresses import site_beside
from macros.schema.fields import entry_schema
from macros.validate.dataset import check_data_dir
from tests.support import ROOT


@pytest.fixture
def repo(tmp_path) -> Path:
    """A scratch copy of what `make new` reads and writes."""
    for name in ("data", "schemas"):
        shutil.copytree(ROOT / name, tmp_path / name)
    shutil.copytree(ROOT / ".github" / "ISSUE_TEMPLATE", tmp_path / ".github" / "ISSUE_TEMPLATE")
    return tmp_path


def run(repo: Path, argv: list[str], answers: str = "") -> tuple[int, str]:
    out = io.StringIO()
    code = main(["--root", str(repo)] + argv, inp=io.StringIO(answers), out=out)
    return code, out.getvalue()


def entries(repo: Path, name: str) -> list[dict]:
    catalogues, errors = check_data_dir(repo / "data", repo / "schemas", root=repo, site=site_beside(repo / "schemas"))
    assert not errors, [e.format() for e in errors]
    return catalogues[name]


PRACTICE = [
    "--kind",
    "pratique",
    "--set",
    "title=Stage croisé entre deux centres sociaux",
    "--set",
    "kind=experimentation",
    "--set",
    "summary=Deux étudiants partagent leur stage entre deux centres sociaux.",
    "--set",
    "description=Trois jours dans un centre, deux jours dans l'autre, pendant huit semaines.",
    "--set",
    "formats=stages-pluri-institutionnels,projets-collectifs",
    "--set",
    "diplomas=ES",
    "--set",
    "theme=La participation des habitants",
    "--set",
    "organisation=IRTS Exemple",
    "--set",
    "territory=Ille-et-Vilaine",
    "--set",
    "year=2025",
    "--set",
    "status=proposee",
    "--set",
    "stakeholders=centre social de Maurepas; centre social de Villejean, service jeunesse",
    "--set",
    "source=fiche-faits",
    "--set",
    "updated=2026-11-20",
]


@pytest.mark.parametrize("path", sorted((ROOT / "data").glob("*.yaml")), ids=lambda p: p.name)
def test_round_trip_keeps_every_data_file_byte_for_byte(path):
    """Appending goes through ruamel's round trip: what is already there must not move."""
    y = _yaml()
    text = path.read_text(encoding="utf-8")
    out = io.StringIO()
    y.dump(y.load(text), out)
    assert out.getvalue() == text


def test_non_interactive_practice_is_appended_valid_and_announced(repo):
    before = (repo / "data" / "practices.yaml").read_text(encoding="utf-8")
    code, out = run(repo, PRACTICE)
    assert code == 0, out
    after = (repo / "data" / "practices.yaml").read_text(encoding="utf-8")
    assert after.startswith(before), "the existing entries, comments and layout must stay as they were"
    assert after[len(before) :].startswith("\n  - id: stage-croise-entre-deux-centres-sociaux\n")
    new = entries(repo, "practices")[-1]
    assert new["formats"] == ["stages-pluri-institutionnels", "projets-collectifs"]
    assert new["stakeholders"] == ["centre social de Maurepas", "centre social de Villejean, service jeunesse"]
    assert new["year"] == 2025 and new["updated"] == "2026-11-20"
    assert list(new)[:3] == ["id", "title", "kind"] and list(new)[-2:] == ["source", "updated"]
    assert "http://127.0.0.1:8000/pratiques/stage-croise-entre-deux-centres-sociaux/" in out
    assert "Champs facultatifs" in out and "partners" in out


def test_interactive_path_explains_each_mistake_in_french(repo, monkeypatch):
    taken = entries(repo, "practices")[0]["id"]
    existing = taken.replace("-", " ").capitalize()  # a title whose slug is an id already used
    answers = (
        "\n".join(
            [
                "9",  # no such kind
                "1",  # pratique
                "",  # empty title
                existing,  # its id would be taken: it gets a suffix
                "3",  # not a listed choice
                "2",  # exemple -> part_of becomes required
                "inconnue",  # not an experimentation
                "1",
                "Un exemple de stage partagé.",
                "Le déroulement, en une phrase.",
                "1, 99",  # 99 is not listed
                "1,2",
                "EJE",
                "La parentalité",
                "ASKORIA",
                "Bretagne",
                "deux mille",  # not a number
                "1890",  # below the schema's minimum
                "2024",
                "Expérimentée",  # the label works as well as the code
                "PMI, école maternelle",
                "3",
                "",  # accept the proposed id
            ]
        )
        + "\n"
    )
    monkeypatch.setenv("ALTERNANCE_DATE", "2031-02-28")  # the one clock scripts read (macros/core/clock.py)
    code, out = run(repo, [], answers)
    assert code == 0, out
    assert "Quel type d'entrée voulez-vous ajouter\u00a0?" in out
    assert "Répondez par un numéro de 1 à 8" in out
    assert "réponse obligatoire" in out
    assert "« 3 » n'est pas dans la liste" in out
    assert "« inconnue » n'est pas dans la liste" in out
    assert "« 99 » n'est pas dans la liste" in out
    assert "« deux mille » n'est pas un nombre entier" in out
    assert "1890 est trop petit pour « Année »" in out  # the schema's own rule, in French
    assert "obligatoire quand « kind » vaut « exemple »" in out
    assert "\u00a0:" in out  # French typography in prompts
    new = entries(repo, "practices")[-1]
    assert new["id"] == f"{taken}-2"
    assert new["kind"] == "exemple" and new["part_of"]
    assert new["status"] == "experimentee" and new["diplomas"] == ["EJE"]
    assert new["updated"] == "2031-02-28"


def test_missing_required_fields_are_named_and_nothing_is_written(repo):
    before = (repo / "data" / "practices.yaml").read_bytes()
    code, out = run(repo, ["--kind", "pratique", "--set", "title=Un titre"])
    assert code == 2
    assert "champs obligatoires manquants" in out and "kind (Type)" in out and "--set kind=" in out
    assert (repo / "data" / "practices.yaml").read_bytes() == before


def test_value_rejected_by_validation_writes_nothing(repo):
    before = (repo / "data" / "practices.yaml").read_bytes()
    argv = [a if not a.startswith("formats=") else "formats=projets-colectifs" for a in PRACTICE]
    code, out = run(repo, argv)
    assert code == 1
    assert re.search(r"data/practices\.yaml:\d+:\d+: practices\[\d+\]\.formats\[0\] : « projets-colectifs »", out), out
    assert "projets-collectifs" in out  # the closest known id is suggested
    assert "Rien n'a été écrit" in out
    assert (repo / "data" / "practices.yaml").read_bytes() == before


def test_dry_run_and_end_of_input_write_nothing(repo):
    before = (repo / "data" / "practices.yaml").read_bytes()
    code, out = run(repo, PRACTICE + ["--dry-run"])
    assert code == 0 and "--dry-run" in out
    code, out = run(repo, [], "1\nUn titre\n")
    assert code == 130 and "Saisie interrompue" in out
    assert (repo / "data" / "practices.yaml").read_bytes() == before


def test_invalid_data_is_reported_before_any_question(repo):
    path = repo / "data" / "glossary.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("kind: sigle", "kind: sigles", 1), encoding="utf-8")
    code, out = run(repo, [])
    assert code == 3
    assert "data/glossary.yaml:" in out and "corrigez d'abord ces erreurs" in out
    assert "Quel type" not in out


def test_testimonial_ids_are_numbered_like_their_siblings(repo):
    code, out = run(
        repo,
        [
            "--kind",
            "témoignage",
            "--set",
            "quote=Cela a changé notre façon d'accueillir.",
            "--set",
            "actor=etudiant",
            "--set",
            "source=askoria-2017",
        ],
    )
    assert code == 0, out
    ids = [e["id"] for e in entries(repo, "testimonials")]
    numbers = [int(i.rsplit("-", 1)[1]) for i in ids[:-1] if i.startswith("temoignage-etudiant-")]
    assert ids[-1] == f"temoignage-etudiant-{max(numbers) + 1}"
    assert "/temoignages/#temoignage-etudiant-" in out


@pytest.mark.parametrize("kind", [k for k in KINDS if k.scaffold], ids=lambda k: k.catalogue)
def test_every_kind_offered_gets_a_valid_entry_from_its_required_fields(repo, kind):
    """The required fields asked (plus the defaults) are enough for a valid entry of each kind."""
    schema = entry_schema(repo / "schemas", kind.catalogue)
    catalogues, _ = check_data_dir(repo / "data", repo / "schemas", root=repo, site=site_beside(repo / "schemas"))
    model = catalogues[kind.catalogue][0]
    values = entry_writer.defaults(kind.catalogue, catalogues, date(2026, 11, 23))
    for name in schema.required_for(model):
        if name not in values and name != "id":
            values[name] = model[name]
    for name, value in list(values.items()):
        if name in ("code", "diploma", "term") and isinstance(value, str):  # unique fields
            values[name] = {"code": "ZZ", "diploma": "DEZZ"}.get(name, f"{value} bis")
    values[kind.name_field] = (
        values.get(kind.name_field, "") if kind.name_field == "quote" else "Une entrée toute neuve"
    )
    values["id"] = propose_id(kind.catalogue, values, catalogues[kind.catalogue])
    result = append_entry(repo, kind.catalogue, values, write=False)
    assert result.ok, [e.format() for e in result.errors]
    assert YAML(typ="safe").load(result.text)[0]["id"] == values["id"]


def test_fresh_id_is_a_slug_never_taken():
    assert fresh_id("Stage « pluri » à l'étranger !", set()) == "stage-pluri-a-l-etranger"
    assert fresh_id("Stage", {"stage", "stage-2"}) == "stage-3"
    assert fresh_id("x" * 200, set()) == "x" * 74


def test_make_new_runs_the_scaffolding():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^new: .*\n\t@?\$\(PY\) -m scripts\.new_entry\s*$", makefile, re.M)


def test_the_stamped_date_comes_from_the_one_clock(repo, monkeypatch):
    monkeypatch.setenv("ALTERNANCE_DATE", "2030-01-15")
    code, out = run(
        repo,
        [
            "--kind",
            "glossaire",
            "--set",
            "term=Terme d'essai",
            "--set",
            "kind=notion",
            "--set",
            "definition=Une définition.",
            "--set",
            "source=fiche-faits",
        ],
    )
    assert code == 0, out
    assert entries(repo, "glossary")[-1]["updated"] == "2030-01-15"
    code, out = run(
        repo,
        [
            "--kind",
            "glossaire",
            "--set",
            "term=Autre terme",
            "--set",
            "kind=notion",
            "--set",
            "definition=Une définition.",
            "--set",
            "source=fiche-faits",
            "--date",
            "2029-05-01",
        ],
    )
    assert code == 0, out
    assert entries(repo, "glossary")[-1]["updated"] == "2029-05-01"  # --date wins over the environment


def test_a_malformed_clock_is_a_french_message(repo, monkeypatch, capsys):
    monkeypatch.setenv("ALTERNANCE_DATE", "demain")
    code, _ = run(
        repo,
        [
            "--kind",
            "glossaire",
            "--set",
            "term=Terme",
            "--set",
            "kind=notion",
            "--set",
            "definition=Une définition.",
            "--set",
            "source=fiche-faits",
        ],
    )
    assert code == 2
    assert "ALTERNANCE_DATE='demain'\u00a0: une date AAAA-MM-JJ est attendue" in capsys.readouterr().err
