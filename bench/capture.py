"""The Markdown our build converts, page by page: what the bench's static twin is made of.

``python -m bench.capture TREE OUT.json`` builds the site of *TREE* once (into a scratch folder,
thrown away) with one more plugin, registered after every hook, that records each page's front
matter and the Markdown MkDocs converts (``page.markdown`` at ``on_page_content``: after
mkdocs-macros and every hook's ``on_page_markdown``). OUT.json maps each page's ``src_uri`` to
``{"meta": …, "markdown": …}``. Run in its own process, with *TREE* first on the path, so the
tree's own code builds it, as in the timed builds.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.plugins import BasePlugin


class Capture(BasePlugin):
    """Keeps each page's front matter and converted Markdown."""

    def __init__(self) -> None:
        self.pages: dict[str, dict] = {}

    def on_page_content(self, html, /, *, page, config, files):
        self.pages[page.file.src_uri] = {"meta": dict(page.meta), "markdown": page.markdown}
        return html


def capture(tree: Path) -> dict[str, dict]:
    """Build *tree*'s site (`mkdocs build --strict`, output discarded); return what each page converted."""
    plugin = Capture()
    with tempfile.TemporaryDirectory(prefix="capture-") as scratch:
        config = load_config(str(tree / "mkdocs.yml"), site_dir=scratch, strict=True)
        config.plugins["bench-capture"] = plugin  # after the hooks: sees the final Markdown
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
    return plugin.pages


if __name__ == "__main__":
    tree, out = Path(sys.argv[1]).resolve(), Path(sys.argv[2])
    out.write_text(json.dumps(capture(tree), ensure_ascii=False, default=str), encoding="utf-8")
