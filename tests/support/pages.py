"""Which pages tests visit: one of each kind in a built site, and the readers' pages of the navigation."""

from __future__ import annotations

from pathlib import Path

import yaml

from tests.support import ROOT


def kinds_of_page(site: Path) -> list[str]:
    """Every page one level deep, and the first page under each section (one format, one practice…)."""
    pages = sorted(p.parent.relative_to(site).as_posix() for p in site.rglob("index.html"))
    chosen, seen = [], set()
    for path in pages:
        if path.startswith("admin"):
            continue
        parts = [] if path == "." else path.split("/")
        if len(parts) <= 1:
            chosen.append("" if path == "." else path + "/")
        elif parts[0] not in seen:
            seen.add(parts[0])
            chosen.append(path + "/")
    return chosen + ["404.html"]


class _EnvLoader(yaml.SafeLoader):
    pass


_EnvLoader.add_constructor("!ENV", lambda loader, node: None)


def navigation() -> list:
    return yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_EnvLoader)["nav"]  # noqa: S506 - a SafeLoader reading !ENV


def nav_labels(items) -> list[tuple[str, str | None]]:
    """(label, page) of every item under *items*, sections included (page None)."""
    out = []
    for item in items:
        for label, value in item.items():
            if isinstance(value, list):
                out += [(label, None)] + nav_labels(value)
            else:
                out.append((label, value))
    return out


def reader_pages() -> list[str]:
    """The readers' pages of the navigation (not « Contribuer »), as URLs."""
    pages = []
    for item in navigation():
        for label, value in item.items():
            if label != "Contribuer":
                pages += [p for _, p in nav_labels([{label: value}]) if p and p != "index.md"]
    return [p.removesuffix("index.md").removesuffix(".md").rstrip("/") + "/" for p in pages]
