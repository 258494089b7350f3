"""The web editor (/admin/) as built and run: the site serves it from itself, and its YAML format
(templates/admin/yaml-roundtrip.js, run with Node) rewrites only what an editor changed
(its configuration: tests/unit/test_decap_config.py)."""

from __future__ import annotations

import json
import re

import yaml

from macros.editor.decap_config import _Schemas
from macros.schema.store import load_schemas
from tests.support import ROOT
from tests.support.node import run_node

SCHEMAS = _Schemas(load_schemas(ROOT / "schemas"))
CATALOGUES = SCHEMAS.catalogues()


def test_built_site_serves_the_editor_from_itself(site):
    admin = site / "admin"
    html = (admin / "index.html").read_text(encoding="utf-8")
    assert '<html lang="fr">' in html and "Éditeur en ligne" in html
    sources = re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', html)
    assert sources and all(not re.match(r"(https?:)?//", s) for s in sources), sources
    assert {"intro.js", "config.yml"} <= set(sources)
    assert "decap-cms.js" not in sources, "Decap's 5 MB bundle is loaded only when the editor is opened"
    intro = (admin / "intro.js").read_text(encoding="utf-8")
    assert 'load("decap-cms.js")' in intro and 'load("editor.js", "module")' in intro
    for name in ("decap-cms.js", "editor.js", "yaml-roundtrip.js", "yaml/index.js", "field-order.json"):
        assert (admin / name).is_file(), name
    assert len(list(admin.glob("*.decap-cms.js"))) > 50 and list(admin.glob("*.wasm"))
    config = yaml.safe_load((admin / "config.yml").read_text(encoding="utf-8"))
    assert [c["name"] for c in config["collections"]] == CATALOGUES
    assert json.loads((admin / "field-order.json").read_text(encoding="utf-8")).keys() == set(CATALOGUES)
    assert "/admin/" not in (site / "sitemap.xml").read_text(encoding="utf-8")


# --- The YAML format, run with Node -----------------------------------------------------------

HARNESS = r"""
import fs from "fs";
import { parseDocument } from "./yaml/index.js";
import { updateYaml, parseYaml } from "./yaml-roundtrip.js";
const warnings = [];
console.warn = (...args) => warnings.push(args.join(" "));
const result = { checked: 0, problems: [] };
function scalars(v, path, out) {
  if (Array.isArray(v)) v.forEach((x, i) => scalars(x, [...path, i], out));
  else if (v && typeof v === "object") for (const k of Object.keys(v)) scalars(v[k], [...path, k], out);
  else out.push(path);
}
for (const file of process.argv.slice(2)) {
  const text = fs.readFileSync(file, "utf8");
  const doc = parseDocument(text);
  const base = parseYaml(text);
  const all = [];
  scalars(base, [], all);
  const step = Math.ceil(all.length / 25); // 25 values spread over each file
  for (const path of all.filter((_, i) => i % step === 0)) {
    const data = structuredClone(base);
    let parent = data;
    for (const k of path.slice(0, -1)) parent = parent[k];
    const key = path.at(-1), old = parent[key];
    parent[key] = typeof old === "string" ? old + " (modifié)" : typeof old === "number" ? old + 1 : !old;
    const before = warnings.length;
    const out = updateYaml(text, data, null);
    const node = doc.getIn(path, true);
    const same = JSON.stringify(parseYaml(out)) === JSON.stringify(data);
    const local = out.startsWith(text.slice(0, node.range[0])) && out.endsWith(text.slice(node.range[1]));
    if (!same || !local || warnings.length > before) result.problems.push(`${file}: ${path.join(".")}`);
    result.checked++;
  }
}
console.log(JSON.stringify(result));
"""

CASES = r"""
import { updateYaml } from "./yaml-roundtrip.js";
const text = `# yaml-language-server: $schema=../schemas/x.schema.json
x:
  # first one
  - id: a
    title: A
    tags: [t1, t2]
    list:
      - one
    updated: 2026-01-02

  - id: b
    title: B
    updated: 2026-01-02
`;
const base = () => ({ x: [
  { id: "a", title: "A", tags: ["t1", "t2"], list: ["one"], updated: "2026-01-02" },
  { id: "b", title: "B", updated: "2026-01-02" }] });
const order = { x: { id: null, title: null, kind: null, tags: null, list: null, updated: null } };
const out = {};
let d = base(); d.x[1].title = "yes"; out.quoted = updateYaml(text, d, order);
d = base(); d.x[0].tags = null; d.x[0].list = ""; out.emptied = updateYaml(text, d, order);
d = base(); d.x.push({ updated: "2026-03-04", kind: "k", id: "c", title: "C" }); out.appended = updateYaml(text, d, order);
d = base(); d.x.splice(1, 1); out.removed = updateYaml(text, d, order);
d = base(); delete d.x[0].title; d.x[0].updated = "2026-05-06"; out.keys = updateYaml(text, d, order);
console.log(JSON.stringify({ text, ...out }));
"""


def test_any_single_change_rewrites_only_that_value(tmp_path):
    files = sorted(str(p) for p in (ROOT / "data").glob("*.yaml"))
    result = run_node(tmp_path, HARNESS, *files)
    assert result["checked"] > 200
    assert result["problems"] == []


def test_emptied_lists_new_entries_and_removals(tmp_path):
    out = run_node(tmp_path, CASES)
    text = out["text"]
    assert out["quoted"] == text.replace("title: B", 'title: "yes"')  # YAML 1.1 would read yes as true
    assert out["emptied"] == text.replace("tags: [t1, t2]", "tags: []").replace("list:\n      - one", "list: []")
    assert out["appended"] == text + "\n  - id: c\n    title: C\n    kind: k\n    updated: 2026-03-04\n"
    assert out["removed"] == text[: text.index("\n\n  - id: b")] + "\n"
    assert out["keys"] == text.replace("    title: A\n", "").replace("2026-01-02\n\n", "2026-05-06\n\n")
    assert out["keys"].startswith("# yaml-language-server: $schema=../schemas/x.schema.json\n")
