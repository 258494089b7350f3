"""Check the data catalogues: ``python -m scripts.validate_data [--data data] [--schemas schemas]``.

Prints one line per problem (``file:line:col: path : message``, in French),
sorted, at most 50 per file then « … et N autres erreurs dans ce fichier »,
then a summary. In GitHub Actions (GITHUB_ACTIONS=true) each problem
is also printed as an ``::error`` annotation so it shows on the pull request.

Exit status: 0 valid, 1 invalid data, 2 internal error (never a traceback).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NBSP = "\u00a0"


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # French, no traceback
        self.print_usage(sys.stderr)
        print(
            f"validate_data{NBSP}: option invalide ({message}). Aide{NBSP}: python -m scripts.validate_data --help",
            file=sys.stderr,
        )
        sys.exit(2)


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}{'s' if n > 1 else ''}".replace(",", NBSP)


def main(argv: list[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(errors="replace")
        except (AttributeError, ValueError):  # pragma: no cover
            pass
    parser = _Parser(
        prog="python -m scripts.validate_data",
        description="Vérifie les catalogues data/*.yaml avec les schémas schemas/*.json et les liens entre fichiers.",
        add_help=False,
    )
    parser.add_argument("-h", "--help", action="help", help="affiche cette aide et quitte")
    parser.add_argument(
        "--data", type=Path, default=None, metavar="DOSSIER", help="dossier des données (défaut : data/ du dépôt)"
    )
    parser.add_argument(
        "--schemas", type=Path, default=None, metavar="DOSSIER", help="dossier des schémas (défaut : schemas/ du dépôt)"
    )
    args = parser.parse_args(argv)
    try:
        from macros.core.errors import MAX_ERRORS_PER_FILE
        from macros.pages.addresses import site_beside
        from macros.validate.dataset import check_data_dir

        data_dir = args.data if args.data is not None else ROOT / "data"
        schema_dir = args.schemas if args.schemas is not None else ROOT / "schemas"
        cwd = Path.cwd()
        root = cwd if _inside(data_dir, cwd) else None
        catalogues, errors = check_data_dir(data_dir, schema_dir, root=root, site=site_beside(schema_dir))
        github = os.environ.get("GITHUB_ACTIONS") == "true"
        for error in errors:
            print(error.format())
            if github:
                print(error.github())
        if errors:
            files = len({e.file for e in errors})
            counts = [e for e in errors if e.message.startswith("… et ")]  # « … et N autres erreurs dans ce fichier »
            total = (
                len(errors)
                - len(counts)
                + sum(int("".join(c for c in e.message.split(" autre")[0] if c.isdigit())) for e in counts)
            )
            at_least = "au moins " if any("au moins" in e.message for e in counts) else ""
            shown = f" ({MAX_ERRORS_PER_FILE} au plus affichées par fichier)" if counts else ""
            line = f"{at_least}{_plural(total, 'erreur')} dans {_plural(files, 'fichier')}{shown}."
            print(line[:1].upper() + line[1:])
            return 1
        entries = sum(len(v) for v in catalogues.values())
        print(f"Données valides{NBSP}: {_plural(len(catalogues), 'catalogue')}, {_plural(entries, 'entrée')}.")
        return 0
    except KeyboardInterrupt:
        print("Vérification interrompue.", file=sys.stderr)
        return 130
    except BrokenPipeError:  # output piped into head…
        return 1
    except Exception as exc:  # noqa: BLE001 - never a traceback for editors
        print(
            f"Erreur interne du validateur ({type(exc).__name__}{NBSP}: {exc}){NBSP}: "
            "signalez-la à l'équipe technique.",
            file=sys.stderr,
        )
        return 2


def _inside(path: Path, root: Path) -> bool:
    try:
        path.resolve().relative_to(root.resolve())
        return True
    except (ValueError, OSError):
        return False


if __name__ == "__main__":
    sys.exit(main())
