"""The baseline: the same site as plain static Markdown, built by stock MkDocs + Material.

Every page our build produces is written out as a .md file (hand-written pages
with their macros already expanded, generated pages as generated, abbreviations
appended as the hook does), with a mkdocs.yml that has no hook and no macros.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
from pathlib import Path

import yaml


class _ConfigLoader(yaml.SafeLoader):
    """mkdocs.yml's own tags: ``!ENV [NAME, default]`` is the environment's value or the default."""


def _env(loader: yaml.SafeLoader, node: yaml.Node):
    names = [loader.construct_scalar(n) for n in node.value] if isinstance(node, yaml.SequenceNode) else [node.value]
    *variables, default = names if len(names) > 1 else (*names, None)
    return next((os.environ[v] for v in variables if v in os.environ), default)


_ConfigLoader.add_constructor("!ENV", _env)


def export(tree: Path, dest: Path, search: bool) -> Path:
    """Write the static twin of the site in *tree* to *dest*; return its mkdocs.yml."""
    sys.path.insert(0, str(tree))
    from macros.model.catalog import load_catalog
    from macros.pages.generated import abbreviation_definitions, generated_pages, with_abbreviations
    from macros.pages.render import render
    from macros.search.metadata import practice_facets

    catalog = load_catalog(tree)
    abbreviations = abbreviation_definitions(catalog)
    if dest.exists():
        shutil.rmtree(dest)
    docs = dest / "docs"
    shutil.copytree(tree / "docs", docs)
    pages = {}
    for md in docs.rglob("*.md"):
        uri = md.relative_to(docs).as_posix()
        text = md.read_text(encoding="utf-8")
        text = re.sub(
            r'\{\{ index\("(\w+)"\) \}\}',
            lambda m, uri=uri: render(
                f"indexes/{m.group(1)}.md.j2", uri, catalog=catalog, search_facets=practice_facets
            ),
            text,
        )
        pages[uri] = text
    pages.update(dict(generated_pages(catalog)))
    for uri, text in pages.items():
        path = docs / uri
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text if uri == "glossaire.md" else with_abbreviations(text, abbreviations), encoding="utf-8")
    config = yaml.load((tree / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_ConfigLoader)  # noqa: S506 (safe loader, one tag added)
    for key in ("hooks", "watch", "site_url", "site_dir"):
        config.pop(key, None)
    config["theme"].pop("custom_dir", None)
    config["plugins"] = ["search"] if search else []
    config["docs_dir"] = "docs"
    (dest / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return dest / "mkdocs.yml"
