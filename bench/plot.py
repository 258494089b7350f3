"""The README's plot: build time against N, ours beside plain MkDocs (with and without lunr)."""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt


def draw(rows: list[dict], dest: Path) -> None:
    n = [r["n"] for r in rows]
    fig, ax = plt.subplots(figsize=(7, 4.2), dpi=110)
    ax.plot(n, [r["total_s"] for r in rows], "o-", label="ce site (validation, pages, MkDocs, Pagefind, documents)")
    ax.plot(n, [r["plain_s"] for r in rows], "s--", label="MkDocs + Material, Markdown statique, sans recherche")
    ax.plot(n, [r["plain_search_s"] for r in rows], "^:", label="MkDocs + Material, Markdown statique, recherche lunr")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("nombre de pratiques (N)")
    ax.set_ylabel("durée de construction (s)")
    ax.set_title("Temps de construction selon la taille du catalogue")
    ax.grid(True, which="both", alpha=0.3)
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(dest, metadata={"Software": None})
    plt.close(fig)
