"""GitHub issue forms generated from schemas/ and data/: ``python -m scripts.issue_forms [--check]``.

Writes .github/ISSUE_TEMPLATE/<form>.yml for each form of :data:`FORMS`: one
question per schema field (French title and description from the schema),
dropdowns from the schema's enums and from the data (formats, diplomas,
partners…). ``--check`` writes nothing and fails if a committed form differs
from what the schemas and data give (a test runs it). :mod:`macros.authoring.issue_entry`
reads issues back with the same definitions (:func:`questions`).
"""

from __future__ import annotations

import argparse
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from macros.core.errors import fr
from macros.core.paths import ROOT
from macros.model.kinds import kind
from macros.pages.addresses import site_beside
from macros.schema.fields import Field, entry_schema
from macros.validate.dataset import check_data_dir

FORM_DIR = Path(".github") / "ISSUE_TEMPLATE"
NEW_SOURCE = "Notre établissement : les informations ci-dessus"
ISSUE_SOURCE = "@demande"  # value of NEW_SOURCE: the issue itself becomes the source
NO_RESPONSE = "_No response_"
HEADER = (
    "# Généré par scripts/issue_forms.py depuis schemas/ et data/ : ne le modifiez pas à la main,\n"
    "# relancez « python -m scripts.issue_forms » après un changement de schéma ou de données.\n"
)
CONSENT = (
    "Ces informations peuvent être publiées sur le site et réutilisées sous Licence Ouverte 2.0 ; "
    "elles ne contiennent aucune donnée personnelle sur des étudiants ou des personnes accompagnées."
)


@dataclass
class Extra:
    """A question that is no field of the entry (e.g. who sends it, for the source)."""

    id: str
    label: str
    description: str
    required: bool = True


@dataclass
class FormSpec:
    slug: str  # file name
    catalogue: str
    name: str
    about: str
    title: str  # issue title prefix
    labels: list[str]
    intro: str
    fields: list[str] | None = None  # schema fields asked (None: every field but id/updated)
    required: set[str] = field(default_factory=set)  # asked as required although optional in the schema
    extras: list[Extra] = field(default_factory=list)
    source_choice: bool = True  # ask for the source (else: the issue itself is the source)
    long: set[str] = field(default_factory=set)  # short-text fields asked in a text area all the same


FORMS = (
    FormSpec(
        "proposer-une-pratique",
        "practices",
        "Proposer une pratique",
        "Décrivez une pratique de professionnalisation que votre établissement mène ou a menée.",
        "Pratique : ",
        ["proposition", "pratique"],
        "Merci de partager votre pratique ! Remplissez les champs ci-dessous : l'équipe du site relit la "
        "proposition, la transforme en page (adresse /pratiques/…) et vous répond ici. Les champs marqués "
        "d'une étoile sont obligatoires. Écrivez pour des collègues d'autres établissements : qui fait quoi, "
        "avec qui, combien de temps.",
    ),
    FormSpec(
        "nous-l-avons-mis-en-oeuvre",
        "testimonials",
        "Nous l'avons mis en œuvre",
        "Votre établissement ou votre structure a mis en place un des formats : racontez-le en quelques phrases.",
        "Mise en œuvre : ",
        ["témoignage"],
        "Votre établissement de formation ou votre structure a mis en place un des formats de "
        "professionnalisation ? Dites-le en quelques phrases : votre témoignage sera publié sur la page du "
        "format, au nom de votre établissement. L'équipe du site relit et vous répond ici.",
        fields=["formats", "practices", "actor", "quote"],
        required={"formats"},
        long={"quote"},
        extras=[
            Extra(
                "organisation",
                "Votre établissement ou structure",
                "Son nom tel qu'il sera cité comme source du témoignage (ex. « IRTS de Bretagne »).",
            )
        ],
        source_choice=False,
    ),
)
BY_SLUG = {f.slug: f for f in FORMS}


@dataclass
class Question:
    """One question of a form and how to read its answer back."""

    id: str
    type: str  # input, textarea, dropdown
    label: str
    description: str
    required: bool
    entry_field: Field | None = None  # None: an Extra
    options: dict[str, str] = field(default_factory=dict)  # option text -> value
    multiple: bool = False


def _options(spec: FormSpec, f: Field, catalogues: dict) -> dict[str, str]:
    item = f.item if f.is_list and f.item else f
    if item.enum:
        return {item.label(v): v for v in item.enum}
    if item.target:
        t = item.target
        out = {}
        for e in catalogues.get(t.catalogue, []):
            if t.only is None or e.get(t.only[0]) == t.only[1]:
                name = " ".join(str(e.get(kind(t.catalogue).name_field) or e[t.key]).split())
                out[f"{e[t.key]} — {name}" if t.key != "id" else name] = e[t.key]
        return out
    return {}


def _help(spec: FormSpec, schema, f: Field, required: bool) -> str:
    """The schema's description, worded for a form (no file names, no YAML syntax)."""
    item = f.item if f.is_list and f.item else f
    if f.name == "source":
        text = (
            f"{f.title} : d'où viennent ces informations ? Choisissez « {NEW_SOURCE.split(' :')[0]} » si vous "
            "les apportez vous-même, ou le document publié qui les contient."
        )
    elif item.target is not None:
        text = f"{f.title} : choisissez dans la liste" + (" (plusieurs choix possibles)." if f.is_list else ".")
    else:
        text = re.sub(r",? (un|une) (point )?par tiret", "", f.description)
    parts = [text]
    for cond in schema.conditions:
        label = schema.field(cond.field).label
        who = schema.field(cond.field).title
        values = " ou ".join(f"« {label(v)} »" for v in cond.values)
        if f.name in cond.required:
            parts.append(f"Obligatoire quand « {who} » vaut {values}.")
        if f.name in cond.forbidden:
            parts.append(f"À laisser vide quand « {who} » vaut {values}.")
    if not required and not f.condition and "Facultatif" not in text:
        parts.append("Facultatif.")
    return fr(" ".join(parts))


def questions(spec: FormSpec, root: Path = ROOT, catalogues: dict | None = None) -> list[Question]:
    """The questions of form *spec*, in order, from the schemas and the data under *root*."""
    if catalogues is None:
        catalogues, _ = check_data_dir(root / "data", root / "schemas", root=root, site=site_beside(root / "schemas"))
    schema = entry_schema(root / "schemas", spec.catalogue)
    names = spec.fields or [n for n in schema.entry_order() if n not in ("id", "updated")]
    out = [Question(x.id, "input", x.label, fr(x.description), x.required) for x in spec.extras]
    for name in names:
        if name == "source" and not spec.source_choice:
            continue
        f = schema.field(name)
        required = name in spec.required or (f.required and not (f.is_list and f.min_items == 0))
        description = _help(spec, schema, f, required)
        q = Question(name, "input", f.title, fr(description), required, f)
        q.options = _options(spec, f, catalogues)
        if name == "source":
            q.options = {NEW_SOURCE: ISSUE_SOURCE, **q.options}
        if q.options:
            q.type, q.multiple = "dropdown", f.is_list
        elif f.is_list:
            q.type = "textarea"
            q.description += " Une réponse par ligne."
        elif f.markdown or name in spec.long:
            q.type = "textarea"
        out.append(q)
    return out


def form(spec: FormSpec, root: Path = ROOT, catalogues: dict | None = None) -> dict:
    """The issue form of *spec* as GitHub reads it."""
    body: list[dict] = [{"type": "markdown", "attributes": {"value": fr(spec.intro)}}]
    for q in questions(spec, root, catalogues):
        attributes: dict = {"label": q.label, "description": q.description}
        if q.type == "dropdown":
            attributes["multiple"] = q.multiple
            attributes["options"] = list(q.options)
        body.append({"type": q.type, "id": q.id, "attributes": attributes, "validations": {"required": q.required}})
    body.append(
        {
            "type": "checkboxes",
            "id": "consentement",
            "attributes": {"label": "Publication", "options": [{"label": fr(CONSENT), "required": True}]},
        }
    )
    return {"name": spec.name, "description": fr(spec.about), "title": spec.title, "labels": spec.labels, "body": body}


def render(spec: FormSpec, root: Path = ROOT, catalogues: dict | None = None) -> str:
    text = yaml.safe_dump(form(spec, root, catalogues), allow_unicode=True, sort_keys=False, width=100)
    return HEADER + text


def sync(root: Path = ROOT, check: bool = False) -> list[Path]:
    """Write (or with *check*, only compare) every form; returns the files that were out of date."""
    catalogues, errors = check_data_dir(root / "data", root / "schemas", root=root, site=site_beside(root / "schemas"))
    if errors:
        raise SystemExit(fr("données invalides : lancez make validate et corrigez d'abord les erreurs"))
    stale = []
    for spec in FORMS:
        path = root / FORM_DIR / f"{spec.slug}.yml"
        text = render(spec, root, catalogues)
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            stale.append(path)
            if not check:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8")
    return stale


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m scripts.issue_forms",
        description=fr(
            "Régénère les formulaires de demande GitHub (.github/ISSUE_TEMPLATE/) depuis les schémas et les données."
        ),
    )
    parser.add_argument(
        "--check", action="store_true", help=fr("vérifier sans écrire : échoue si un formulaire n'est pas à jour")
    )
    parser.add_argument("--root", type=Path, default=ROOT)
    args = parser.parse_args(argv)
    stale = sync(args.root, check=args.check)
    for path in stale:
        shown = path.relative_to(args.root).as_posix()
        print(
            fr(f"{shown} : pas à jour avec schemas/ et data/ ; lancez « python -m scripts.issue_forms »")
            if args.check
            else f"{shown} : mis à jour"
        )
    if args.check and stale:
        return 1
    if not stale:
        print(fr("Formulaires de demande à jour."))
    return 0
