"""The baseline: the same site as plain static Markdown, built by stock MkDocs + Material.

Every page our build produces is written out as a .md file holding exactly the Markdown our
build converts for it, with its front matter (bench/capture.py records both from one build of
the tree: macros expanded, generated pages, the glossary's abbreviations appended), and a
mkdocs.yml that has no hook, no macros and no theme overrides.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


class _ConfigLoader(yaml.SafeLoader):
    """mkdocs.yml's own tags: ``!ENV [NAME, default]`` is the environment's value or the default."""


def _env(loader: yaml.SafeLoader, node: yaml.Node):
    names = [loader.construct_scalar(n) for n in node.value] if isinstance(node, yaml.SequenceNode) else [node.value]
    *variables, default = names if len(names) > 1 else (*names, None)
    return next((os.environ[v] for v in variables if v in os.environ), default)


_ConfigLoader.add_constructor("!ENV", _env)


def capture(tree: Path) -> dict[str, dict]:
    """What our build of *tree* converts, page by page (bench/capture.py, in its own process)."""
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(tree), str(ROOT)]))
    with tempfile.TemporaryDirectory(prefix="twin-") as scratch:
        out = Path(scratch) / "pages.json"
        result = subprocess.run(
            [sys.executable, "-m", "bench.capture", str(tree), str(out)],
            cwd=tree,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            raise SystemExit(f"la construction de {tree} pour son jumeau statique a échoué :\n{result.stderr[-3000:]}")
        return json.loads(out.read_text(encoding="utf-8"))


def export(tree: Path, dest: Path, search: bool, pages: dict[str, dict] | None = None) -> Path:
    """Write the static twin of the site in *tree* to *dest*; return its mkdocs.yml.

    *pages*: what :func:`capture` returned for *tree* (captured here when not given)."""
    if pages is None:
        pages = capture(tree)
    if dest.exists():
        shutil.rmtree(dest)
    docs = dest / "docs"
    shutil.copytree(tree / "docs", docs, ignore=shutil.ignore_patterns("*.md"))  # the assets
    for uri, page in pages.items():
        path = docs / uri
        path.parent.mkdir(parents=True, exist_ok=True)
        meta = page["meta"]
        head = "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n\n" if meta else ""
        path.write_text(head + page["markdown"], encoding="utf-8")
    config = yaml.load((tree / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_ConfigLoader)  # noqa: S506 (safe loader, one tag added)
    for key in ("hooks", "watch", "site_url", "site_dir"):
        config.pop(key, None)
    config["theme"].pop("custom_dir", None)
    config["plugins"] = ["search"] if search else []
    config["docs_dir"] = "docs"
    (dest / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return dest / "mkdocs.yml"
