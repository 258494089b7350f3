"""The web editor's configuration (/admin/config.yml): it covers every schema field with its rules,
French labels and the data files' order (the built editor and its YAML format: tests/acceptance/test_decap_roundtrip.py)."""

from __future__ import annotations

import re

import pytest
import yaml

from macros.editor.decap_config import (
    FORMAT,
    PROXY_PORT,
    _Schemas,
    decap_config,
    dump,
    field_order,
)
from macros.model.catalog import load_catalog
from macros.schema.relations import REFERENCES
from macros.schema.store import load_schemas
from tests.support import ROOT

SCHEMAS = _Schemas(load_schemas(ROOT / "schemas"))
DATA = load_catalog(ROOT).data
CONFIG = decap_config(ROOT / "schemas", DATA, repo="organisation/depot")
CATALOGUES = SCHEMAS.catalogues()


def schema_fields(schema: dict, doc: str, prefix: str = "") -> dict[str, tuple[dict, bool]]:
    """{path: (resolved property, required)} of every property, nested ones included."""
    out: dict[str, tuple[dict, bool]] = {}
    required = set(schema.get("required", []))
    for name, prop in schema.get("properties", {}).items():
        prop, pdoc, _ = SCHEMAS.resolve(prop, doc)
        path = f"{prefix}{name}"
        out[path] = (prop, name in required)
        if prop.get("type") == "object":
            out.update(schema_fields(prop, pdoc, f"{path}."))
        if prop.get("type") == "array":
            items, idoc, _ = SCHEMAS.resolve(prop.get("items", {}), pdoc)
            for variant in items.get("oneOf", [items]):
                variant, vdoc, _ = SCHEMAS.resolve(variant, idoc)
                for sub, (v, r) in schema_fields(variant, vdoc, f"{path}[].").items():
                    direct = "." not in sub[len(path) + 3 :]
                    out[sub] = (v, r and not ("oneOf" in items and direct))  # variants: one form, all optional
    return out


def config_fields(fields: list[dict], prefix: str = "") -> dict[str, dict]:
    out: dict[str, dict] = {}
    for field in fields:
        path = f"{prefix}{field['name']}"
        out[path] = field
        if field["widget"] == "object":
            out.update(config_fields(field["fields"], f"{path}."))
        elif field["widget"] == "list" and "fields" in field:
            out.update(config_fields(field["fields"], f"{path}[]."))
    return out


def entry_fields(name: str) -> dict[str, dict]:
    collection = next(c for c in CONFIG["collections"] if c["name"] == name)
    (file,) = collection["files"]
    (top,) = file["fields"]
    assert file["file"] == f"data/{name}.yaml" and top["name"] == name and top["widget"] == "list"
    return config_fields(top["fields"])


def test_one_collection_per_catalogue_in_french():
    assert [c["name"] for c in CONFIG["collections"]] == CATALOGUES
    assert all((ROOT / "data" / f"{name}.yaml").is_file() for name in CATALOGUES)
    for collection in CONFIG["collections"]:
        schema = SCHEMAS.store.doc(collection["name"])
        assert collection["label"] == schema["title"]
        assert collection["format"] == FORMAT


@pytest.mark.parametrize("name", CATALOGUES)
def test_every_schema_field_is_in_the_form_with_its_rules(name):
    items, idoc, _ = SCHEMAS.resolve(
        SCHEMAS.store.doc(name)["properties"][name]["items"], SCHEMAS.store.resolver(f"{name}.schema.json")
    )
    expected = schema_fields(items, idoc)
    fields = entry_fields(name)
    assert set(fields) == set(expected), "schema fields missing from (or unknown to) the editor"
    for path, (prop, required) in expected.items():
        field = fields[path]
        assert field["label"] == prop["title"], path
        assert field["hint"] == prop["description"], path
        is_list = prop.get("type") == "array"
        may_be_empty = is_list and not prop.get("minItems")
        assert field["required"] == (required and not may_be_empty), path
        if required and may_be_empty:
            assert field["default"] == [], path  # a new entry starts with the empty list the schema wants
        if "enum" in prop:
            assert field["widget"] == "select"
            assert [o["value"] for o in field["options"]] == prop["enum"], path
        if prop.get("type") == "integer":
            assert field["widget"] == "number" and field["value_type"] == "int"
            assert (field.get("min"), field.get("max")) == (prop.get("minimum"), prop.get("maximum")), path
        if prop.get("type") == "boolean":
            assert field["widget"] == "boolean"
        if prop.get("format") == "date":
            assert field["widget"] == "datetime" and field["format"] == "YYYY-MM-DD" and field["time_format"] is False
        if field["widget"] in ("string", "text") and "pattern" in prop:
            assert field["pattern"][0] == prop["pattern"] and field["pattern"][1].startswith("Format attendu : ")
        if is_list and prop.get("minItems"):
            assert field["min"] == prop["minItems"], path


def test_cross_references_are_selects_of_the_existing_ids():
    checked = 0
    for name in CATALOGUES:
        fields = entry_fields(name)
        for ref in REFERENCES:
            if ref.catalogue not in ("*", name):
                continue
            path = ref.field.removesuffix("[]")
            if path not in fields:
                continue
            field = fields[path]
            targets = [e for e in DATA[ref.target] if not ref.only or e.get(ref.only[0]) == ref.only[1]]
            assert field["widget"] == "select", f"{name}.{path}"
            assert [o["value"] for o in field["options"]] == [e[ref.key] for e in targets]
            assert field.get("multiple", False) == ref.field.endswith("[]")
            checked += 1
    assert checked >= 12  # source everywhere, formats, diplomas, part_of, include…


def test_every_choice_has_a_french_label():
    for name in CATALOGUES:
        for path, field in entry_fields(name).items():
            if field["widget"] == "select" and all(o["label"] == o["value"] for o in field["options"]):
                pytest.fail(f"{name}.{path} : choix sans libellé français (x-labels du schéma)")
    status = {o["value"]: o["label"] for o in entry_fields("practices")["status"]["options"]}
    assert status["experimentee"] == "Expérimentée"
    actors = {o["value"]: o["label"] for o in entry_fields("testimonials")["actor"]["options"]}
    assert actors["terrain-professionnel"] == "Terrain professionnel"  # one value chosen: the singular


def test_backend_workflow_and_local_server():
    text = dump(
        decap_config(ROOT / "schemas", DATA, repo="exemple/depot", branch="main", base_url="https://auth.exemple.fr")
    )
    config = yaml.safe_load(text)
    assert config["locale"] == "fr"
    assert config["publish_mode"] == "editorial_workflow"
    assert config["backend"] == {
        **config["backend"],
        "name": "github",
        "repo": "exemple/depot",
        "branch": "main",
        "base_url": "https://auth.exemple.fr",
    }
    # A development build: decap-server on the page's own host, port 8081 (Decap's default), no address written.
    assert config["local_backend"] == {} and "site_url" not in config
    published = decap_config(ROOT / "schemas", DATA, repo="exemple/depot", site_url="https://exemple.fr/alternance")
    assert "local_backend" not in published
    assert published["site_url"] == published["display_url"] == "https://exemple.fr/alternance/"
    for address in ("http://127.0.0.1:8000/", "http://localhost:8000/"):  # `mkdocs serve`: still development
        assert decap_config(ROOT / "schemas", DATA, repo="exemple/depot", site_url=address)["local_backend"] == {}
    assert "&id" not in text  # no YAML anchors: the file stays readable
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert (
        f"PORT={PROXY_PORT} " in makefile and "node scripts/edit_server.js" in makefile
    )  # bound to 127.0.0.1, guarded


def test_repository_settings_come_from_mkdocs_yml():
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    block = text[text.index("  decap:") :]
    assert re.search(r"repo: !ENV \[DECAP_REPO, GITHUB_REPOSITORY, ", block)
    assert re.search(r"branch: main", block)


def test_field_order_follows_the_data_files():
    order = field_order(CONFIG)
    assert list(order["practices"])[:4] == ["id", "title", "kind", "part_of"]
    assert list(order["formats"]["form"]["sections"])[:2] == ["id", "title"]
    assert list(order) == CATALOGUES
