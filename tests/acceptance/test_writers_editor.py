"""The web editor's save format (templates/admin/yaml-roundtrip.js, run with Node) quotes whatever a YAML
reader would misread (`make new` and the issue flow: tests/unit/test_writers.py)."""

from __future__ import annotations

import json

from macros.load.reader import load_catalogue
from tests.support.node import run_node

TRICKY = ("NO", "off", "On", "y", "12:30", "1e3", "0x7e1", "2017", "true", "~", "null", "- x", "a: b", "#x", "@x")


# --- Quoting ---------------------------------------------------------------------------------


def test_the_web_editor_quotes_what_yaml_would_misread(tmp_path):
    """templates/admin/yaml-roundtrip.js, run with Node: each value reads back as the same text."""
    script = (
        'import { updateYaml } from "./yaml-roundtrip.js";\n'
        f"const values = {json.dumps(list(TRICKY))};\n"
        'const text = "x:\\n  - id: a\\n    title: A\\n";\n'
        'console.log(JSON.stringify(values.map((v) => updateYaml(text, { x: [{ id: "a", title: v }] }, null))));\n'
    )
    written = run_node(tmp_path, script)
    for value, yaml_text in zip(TRICKY, written):
        got = load_catalogue(yaml_text.encode(), "x.yaml", "x").data["x"][0]["title"]
        assert got == value and type(got) is str, (value, yaml_text)
