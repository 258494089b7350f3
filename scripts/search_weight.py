"""What the site search weighs (README, « Recherche »): the Pagefind bundle on disk, the
bytes Chromium fetches for a first query, and what Material's lunr index would weigh.

    .venv/bin/python -m scripts.search_weight [SITE_DIR] [--lunr]

SITE_DIR defaults to site/ (run `make build` first). The bytes of a query come from
Chromium's network log (each response's body): Pagefind's files, and what the search box
loads with them (assets/search-query.js and assets/search-vocabulary.json), with the gzip
size of each file beside it, as a server that compresses would send it (Python's
http.server does not). --lunr builds the same site once more in a temporary folder with
Material's search plugin, through a temporary configuration (removed afterwards),
measures its search_index.json, worker and French support, and gives each first query's
gzip bytes as a fraction of what lunr loads (its files as they are).
"""

from __future__ import annotations

import gzip
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QUERIES = ("gratification", "stage sur deux sites", "gratfication")  # the last one mistyped
SEARCH_FILES = ("/pagefind/", "/assets/search-query.js", "/assets/search-vocabulary.json")


def _gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def _kb(n: int) -> str:
    return f"{n / 1024:.1f} Ko"


def bundle(site: Path) -> None:
    files = [p for p in (site / "pagefind").rglob("*") if p.is_file()]
    size = sum(p.stat().st_size for p in files)
    print(f"Bundle Pagefind : {len(files)} fichiers, {_kb(size)}")
    ui = [site / "assets" / name for name in ("search.js", "search-ui.js", "search.css")]  # every page
    raw = sum(p.stat().st_size for p in ui)
    print(
        f"Scripts et styles de la recherche (sur chaque page) : {_kb(raw)}, "
        f"{_kb(sum(_gz(p.read_bytes()) for p in ui))} en gzip"
    )


def first_query(site: Path, query: str) -> int:
    from playwright.sync_api import sync_playwright

    from tests.support.browser import CHROMIUM_ARGS, require_chromium, serve

    with serve(site) as url, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=require_chromium(), args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.goto(url + "reforme/")
        page.wait_for_load_state("networkidle")
        responses = []
        page.on("response", lambda r: responses.append(r) if r.ok and any(f in r.url for f in SEARCH_FILES) else None)
        page.keyboard.press("/")
        page.locator("[data-pf-query]").first.fill(query)  # one input event, as after a pause in typing
        page.wait_for_function("document.querySelector('[data-pf-status]').textContent.includes('résultat')")
        page.wait_for_load_state("networkidle")
        fetched = {r.url: r.body() for r in responses}
        browser.close()
    raw = sum(len(b) for b in fetched.values())
    packed = sum(_gz(b) for b in fetched.values())
    print(f"Première requête « {query} » : {len(fetched)} fichiers, {_kb(raw)} reçus, {_kb(packed)} en gzip")
    for address, body in sorted(fetched.items(), key=lambda item: -len(item[1])):
        print(f"    {_kb(len(body)):>10} {_kb(_gz(body)):>10}  {address.split('/', 3)[3]}")
    return packed


def lunr() -> int:
    config = ROOT / ".mkdocs-lunr.yml"  # temporary: INHERIT resolves relative paths from the repository
    config.write_text(
        "INHERIT: mkdocs.yml\nplugins:\n  - search:\n      lang: fr\n"
        "  - macros:\n      module_name: macros\n      on_error_fail: true\n      on_undefined: strict\n",
        encoding="utf-8",
    )
    try:
        with tempfile.TemporaryDirectory() as tmp:
            env = dict(os.environ, SITE_DIR=str(Path(tmp) / "site"), PYTHONPATH=str(ROOT))
            cmd = [sys.executable, "-m", "mkdocs", "build", "--quiet", "--config-file", str(config)]
            subprocess.run(cmd, cwd=ROOT, env=env, check=True)
            built = Path(tmp) / "site"
            data = (built / "search" / "search_index.json").read_bytes()
            print(f"Material (lunr) search_index.json : {_kb(len(data))}, {_kb(_gz(data))} en gzip")
            scripts = [
                *built.glob("assets/javascripts/workers/search.*.min.js"),
                *(built / "assets/javascripts/lunr/min" / n for n in ("lunr.stemmer.support.min.js", "lunr.fr.min.js")),
            ]
            blobs = [data] + [p.read_bytes() for p in scripts]
            print(
                f"    avec son worker et le français de lunr : {_kb(sum(map(len, blobs)))}, "
                f"{_kb(sum(map(_gz, blobs)))} en gzip, chargés à la première page vue, recherche faite ou non"
            )
            return sum(map(len, blobs))
    finally:
        config.unlink(missing_ok=True)


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    site = Path(args[0]) if args else ROOT / "site"
    bundle(site)
    firsts = {q: first_query(site, q) for q in QUERIES}
    if "--lunr" in sys.argv:
        loaded = lunr()
        for q, packed in firsts.items():
            print(
                f"Première requête « {q} » : {packed / loaded:.2f} × ce que lunr charge "
                f"({_kb(packed)} en gzip pour {_kb(loaded)})"
            )
