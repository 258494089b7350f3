"""Synthetic catalogues for the benchmark: N practices in a throwaway copy of the repo.

Text is recombined from the site's own French sentences (seeded RNG, so every
run with the same N produces the same files). Never writes into the repo's data/.
"""

from __future__ import annotations

import random
import re
import shutil
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
COPIED = ["mkdocs.yml", "docs", "data", "schemas", "macros", "hooks", "templates", "overrides", "scripts"]
TERRITORIES = [
    "Ille-et-Vilaine",
    "Finistère",
    "Morbihan",
    "Côtes-d'Armor",
    "Loire-Atlantique",
    "Gironde",
    "Nord",
    "Rhône",
    "Bouches-du-Rhône",
    "Haute-Garonne",
    "Bas-Rhin",
    "Hérault",
    "Isère",
    "Somme",
]
ORGANISATIONS = ["ASKORIA", "IRTS", "EFTS du territoire", "Institut de formation sociale", "École de travail social"]
ACTORS = ["terrain-professionnel", "formateur", "etudiant"]


def _sentences(data: dict) -> list[str]:
    """Every sentence of the real catalogues' long text fields."""
    text = []
    for entries in data.values():
        for entry in entries:
            for key in ("description", "summary", "quote", "theme"):
                if isinstance(entry.get(key), str):
                    flat = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", entry[key]).replace("\n", " ")
                    text.extend(s.strip() + "." for s in flat.split(".") if len(s.split()) > 5 and "](" not in s)
    return sorted(set(text))


def _load(root: Path) -> dict:
    return {
        p.stem: yaml.safe_load(p.read_text(encoding="utf-8"))[p.stem] for p in sorted((root / "data").glob("*.yaml"))
    }


def make_tree(n: int, dest: Path) -> Path:
    """A copy of the repo under *dest* whose data holds *n* practices (+ n/2 testimonials)."""
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    for name in COPIED:
        src = ROOT / name
        (shutil.copytree if src.is_dir() else shutil.copy2)(src, dest / name)
    data = _load(ROOT)
    rng = random.Random(n)
    sentences = _sentences(data)
    formats = [f["id"] for f in data["formats"]]
    codes = [d["code"] for d in data["diplomas"]]
    practices, testimonials = [], []
    for i in range(n):
        words = lambda k: " ".join(rng.sample(sentences, k))  # noqa: E731
        kind = "experimentation" if i % 4 == 0 else "exemple"
        parent = f"pratique-{i - i % 4:05d}"
        practice = {
            "id": f"pratique-{i:05d}",
            "title": f"{rng.choice(sentences)[:70].rstrip('. ')} ({i})",
            "kind": kind,
            "summary": rng.choice(sentences),
            "description": "\n\n".join(words(4) for _ in range(4)),
            "formats": rng.sample(formats, rng.choice([1, 1, 2])),
            "diplomas": rng.sample(codes, rng.choice([0, 1, 2])),
            "theme": rng.choice(sentences)[:90],
            "organisation": rng.choice(ORGANISATIONS),
            "territory": rng.choice(TERRITORIES),
            "year": rng.randint(2012, 2026),
            "status": rng.choice(["proposee", "experimentee", "evaluee", "generalisee"]),
            "stakeholders": rng.sample(["PMI", "établissement scolaire", "ARS", "associations", "élus", "CCAS"], 3),
            "outcomes": rng.sample(sentences, 2),
            "source": "askoria-2017",
            "updated": f"2026-{rng.randint(1, 11):02d}-{rng.randint(1, 28):02d}",
        }
        if kind == "exemple":
            practice["part_of"] = parent
        practices.append(practice)
        if i % 2 == 0:
            testimonials.append(
                {
                    "id": f"temoignage-synthetique-{i:05d}",
                    "quote": rng.choice(sentences),
                    "actor": rng.choice(ACTORS),
                    "formats": practice["formats"],
                    "practices": [practice["id"]],
                    "source": "askoria-2017",
                    "updated": practice["updated"],
                }
            )
    _dump(dest / "data" / "practices.yaml", "practices", data["practices"] + practices)
    _dump(dest / "data" / "testimonials.yaml", "testimonials", data["testimonials"] + testimonials)
    return dest


def _dump(path: Path, name: str, entries: list[dict]) -> None:
    header = f"# yaml-language-server: $schema=../schemas/{name}.schema.json\n"
    path.write_text(
        header + yaml.safe_dump({name: entries}, allow_unicode=True, sort_keys=False, width=100), encoding="utf-8"
    )
