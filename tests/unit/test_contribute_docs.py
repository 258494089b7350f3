"""Help where editors write: schema help in French, editor settings, « Contribuer » pages from the schemas, CONTRIBUTING.md."""

from __future__ import annotations

import json
import re

import pytest
import yaml

from macros.model.kinds import BY_CATALOGUE
from macros.schema.fields import catalogue_names
from tests.support import ROOT

CATALOGUES = catalogue_names(ROOT / "schemas")
ENGLISH = re.compile(r"\b(the|of|and|is|are|with|which|must|should|this)\b", re.I)
FRENCH = re.compile(r"\b(le|la|les|de|des|du|un|une|et|à|en|pour|ou|est|sur|dans|au|aux|qui|que)\b|[éèêàçùôî]", re.I)


def french(text) -> bool:
    """Written in French: French words, or too short to have any, and no English ones."""
    return (
        isinstance(text, str)
        and bool(text.strip())
        and not ENGLISH.search(text)
        and (bool(FRENCH.search(text)) or len(text) < 40)
    )


def walk(node, path="$"):
    """(path, schema of a property) for every property of every object in a schema, nested included."""
    if isinstance(node, dict):
        for name, sub in (node.get("properties") or {}).items():
            yield f"{path}.properties.{name}", sub
        for key, sub in node.items():
            if key != "properties" or not isinstance(sub, dict):
                yield from walk(sub, f"{path}.{key}")
            else:
                for name, prop in sub.items():
                    yield from walk(prop, f"{path}.properties.{name}")
    elif isinstance(node, list):
        for i, sub in enumerate(node):
            yield from walk(sub, f"{path}[{i}]")


@pytest.mark.parametrize("path", sorted((ROOT / "schemas").glob("*.json")), ids=lambda p: p.name)
def test_every_schema_property_has_a_french_title_and_description(path):
    schema = json.loads(path.read_text(encoding="utf-8"))
    props = list(walk(schema))
    assert props or path.name.startswith("_")
    missing = [
        where
        for where, prop in props
        if not (
            isinstance(prop, dict)
            and isinstance(prop.get("title"), str)
            and prop["title"].strip()
            and french(prop.get("description"))
        )
    ]
    assert not missing, f"{path.name}: properties without a French title and description: {missing}"
    for name, sub in (schema.get("$defs") or {}).items():  # shared definitions too (hover help)
        assert sub.get("title") and french(sub.get("description")), f"{path.name} $defs.{name}"


@pytest.mark.parametrize("name", CATALOGUES)
def test_each_data_file_declares_its_schema_on_its_first_line(name):
    first = (ROOT / "data" / f"{name}.yaml").read_text(encoding="utf-8").split("\n", 1)[0]
    assert first == f"# yaml-language-server: $schema=../schemas/{name}.schema.json"


def test_vscode_maps_every_schema_and_recommends_the_yaml_extension():
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    mapping = settings["yaml.schemas"]
    assert mapping == {f"./schemas/{n}.schema.json": [f"data/{n}.yaml"] for n in CATALOGUES}
    assert all((ROOT / schema).is_file() for schema in mapping)
    assert settings["[yaml]"]["editor.insertSpaces"] is True and settings["yaml.format.enable"] is False
    extensions = json.loads((ROOT / ".vscode" / "extensions.json").read_text(encoding="utf-8"))
    assert "redhat.vscode-yaml" in extensions["recommendations"]


def test_editorconfig_keeps_yaml_in_two_space_indents():
    text = (ROOT / ".editorconfig").read_text(encoding="utf-8")
    assert "root = true" in text and "charset = utf-8" in text and "end_of_line = lf" in text
    section = re.search(r"^\[\*\.\{[^}]*yaml[^}]*\}\]\n((?:[^\[].*\n)*)", text, re.M)
    assert section and "indent_size = 2" in section.group(1)
    assert re.search(r"^\[\*\]\n(?:.*\n)*?indent_style = space", text, re.M)


@pytest.mark.parametrize("name", CATALOGUES)
def test_every_catalogue_has_its_contribute_page_in_the_nav(name):
    kind = BY_CATALOGUE[name]
    stub = ROOT / "docs" / "contribuer" / f"{kind.doc_slug}.md"
    assert f'{{{{ schema_doc("{name}") }}}}' in stub.read_text(encoding="utf-8")
    nav = yaml.safe_load(
        re.search(r"^nav:\n(?:(?:  .*)?\n)*", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.M).group()
    )
    section = next(item["Contribuer"] for item in nav["nav"] if isinstance(item, dict) and "Contribuer" in item)

    def pages(items):  # the section's pages, its sub-sections' included
        for item in items:
            value = item if isinstance(item, str) else next(iter(item.values()))
            yield from (pages(value) if isinstance(value, list) else [value])

    found = list(pages(section))
    assert "contribuer/index.md" in found and f"contribuer/{kind.doc_slug}.md" in found


def test_contributing_walks_a_first_pull_request_in_french():
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    steps = [
        "practices.yaml",
        "Edit this file",
        "Fork",
        "`id`",
        "Commit changes",
        "Create a new branch",
        "Create pull request",
        "Files changed",
        "make validate",
        "make test",
        "autre personne que l'auteur",
    ]
    positions = [text.index(s) for s in steps[:8]]
    assert positions == sorted(positions), "the walk-through is in the order of the screens"
    for s in steps:
        assert s in text
    assert len(FRENCH.findall(text)) > 300
