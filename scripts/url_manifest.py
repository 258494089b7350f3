"""The published URLs, recorded in tests/published-urls.txt: none may ever disappear.

Schools and partners link to these pages for years. The manifest lists every
address the site has published (pages as `/pratiques/x/`, files as
`/donnees/formats.csv`), one per line, sorted. It only grows:

    python -m scripts.url_manifest --write --site site   # `make urls`: add the new addresses
    python -m scripts.url_manifest --site site           # check only (exit 1 if one is gone)

An address that is no longer served (id renamed, page removed) is refused by
both: declare its redirect in data/redirects.yaml (`from: pratiques/ancien-id/`,
`to: pratiques/nouvel-id/`) and the build serves it again. tests/acceptance/test_urls.py
runs the same check on every test run. Without --site, the site is built first
into a temporary folder.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from macros.validate.site import MACHINE_FILES, TOOL_FOLDERS

ROOT = Path(__file__).resolve().parent.parent
MANIFEST = ROOT / "tests" / "published-urls.txt"
HEADER = (
    "# Adresses publiées par le site : une par ligne, triées. Ce fichier ne fait que grandir.\n"
    "# Mis à jour par « make urls ». Une adresse ne disparaît jamais : déclarez sa redirection\n"
    "# dans data/redirects.yaml (voir scripts/url_manifest.py).\n"
)
# Not permanent addresses: theme files, the editors' tool, search data, machine files. The same lists
# tell the validator which folders and files the build keeps for itself (macros/pages/addresses.py).
EXCLUDED_PREFIXES = TOOL_FOLDERS
EXCLUDED_FILES = set(MACHINE_FILES)


def published(site: Path) -> set[str]:
    """Every address *site* serves: `/x/` for x/index.html, `/x/f.csv` for other files."""
    urls = set()
    for path in site.rglob("*"):
        if not path.is_file():
            continue
        rel = path.relative_to(site).as_posix()
        if rel in EXCLUDED_FILES or rel.startswith(EXCLUDED_PREFIXES):
            continue
        if rel == "index.html":
            urls.add("/")
        elif rel.endswith("/index.html"):
            urls.add("/" + rel[: -len("index.html")])
        else:
            urls.add("/" + rel)
    return urls


def read_manifest(path: Path = MANIFEST) -> list[str]:
    if not path.exists():
        return []
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def write_manifest(urls, path: Path = MANIFEST) -> None:
    path.write_text(HEADER + "".join(f"{u}\n" for u in sorted(set(urls))), encoding="utf-8")


def gone(recorded, site: Path) -> list[str]:
    """Recorded addresses *site* no longer serves (neither as a page nor as a redirect)."""
    served = published(site)
    return sorted(u for u in recorded if u not in served)


def explain(missing: list[str]) -> str:
    lines = [f"{len(missing)} adresse(s) publiée(s) ne sont plus servies par le site\u00a0:"]
    lines += [f"  {u}" for u in missing]
    lines.append(
        "Une adresse publiée ne doit jamais disparaître\u00a0: déclarez pour chacune une redirection dans "
        "data/redirects.yaml, par exemple\n"
        "  - id: ancien-id-vers-nouvel-id\n"
        "    from: pratiques/ancien-id/\n"
        "    to: pratiques/nouvel-id/\n"
        "    reason: identifiant corrigé\n"
        "    updated: AAAA-MM-JJ"
    )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Vérifie (ou complète avec --write) la liste des adresses publiées.")
    parser.add_argument(
        "--site", type=Path, help="site déjà construit (par défaut : construit dans un dossier temporaire)"
    )
    parser.add_argument("--write", action="store_true", help="ajoute au manifeste les nouvelles adresses")
    parser.add_argument("--manifest", type=Path, default=MANIFEST, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as tmp:
        site = args.site
        if site is None:
            from scripts.build_site import build

            site = Path(tmp) / "site"
            if build(site) != 0:
                return 1
        if not (site / "index.html").is_file():
            print(f"{site} n'est pas un site construit (index.html absent) : lancez « make build ».", file=sys.stderr)
            return 1
        recorded = read_manifest(args.manifest)
        missing = gone(recorded, site)
        if missing:
            print(explain(missing), file=sys.stderr)
            return 1
        current = published(site)
        new = sorted(current - set(recorded))
        if args.write:
            write_manifest(set(recorded) | current, args.manifest)
            print(
                f"{args.manifest.relative_to(ROOT) if args.manifest.is_relative_to(ROOT) else args.manifest} : "
                f"{len(set(recorded) | current)} adresses, dont {len(new)} nouvelle(s)."
            )
        elif new:
            print(f"{len(new)} nouvelle(s) adresse(s) absente(s) du manifeste : lancez « make urls ».", file=sys.stderr)
            return 1
        else:
            print(f"Les {len(recorded)} adresses publiées sont toutes servies.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
