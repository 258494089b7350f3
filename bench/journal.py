"""The performance journal's tables, generated from the bench's results.

    .venv/bin/python -m bench.journal            # rewrite the tables of docs-dev/performance.md
    .venv/bin/python -m bench.journal --check    # write nothing; fail if a table is stale

docs-dev/performance.md is hand-written prose around blocks that only this module
writes, each between two markers::

    <!-- BEGIN AUTOGEN full-run (python -m bench.journal, from bench/results.json) -->
    …
    <!-- END AUTOGEN full-run -->

Each block is a pure function of what `make bench` records: bench/results.json (the
full run), bench/results-quick.json (`make bench QUICK=1`) and bench/lighthouse.json.
`make bench` rewrites the blocks after a run; ``--check`` (run by
tests/unit/test_perf_journal.py, so by `make test` and CI) fails when a block differs from
what the results give, naming it — the way Pagefind keeps its README with
``cog --check`` and check-jsonschema its hook list between AUTOGEN markers. The prose
outside the markers is never touched.
"""

from __future__ import annotations

import json
import re
import statistics
import sys
from pathlib import Path

from macros.core.errors import fr

ROOT = Path(__file__).resolve().parent.parent
JOURNAL = Path("docs-dev") / "performance.md"
FULL, QUICK, LIGHTHOUSE = (Path("bench") / name for name in ("results.json", "results-quick.json", "lighthouse.json"))

BLOCK = re.compile(
    r"(<!-- BEGIN AUTOGEN (?P<name>[\w-]+)[^>]*-->\n)(?P<body>.*?)(<!-- END AUTOGEN (?P=name) -->)", re.S
)


# --- Numbers -------------------------------------------------------------------


def num(value: float | None, digits: int = 1) -> str:
    """English number with thousands separators (the journal is in English); « — » if absent."""
    return "—" if value is None else f"{value:,.{digits}f}"


def kb(value: float | None) -> str:
    return "—" if value is None else num(value / 1024, 0)


def median_of(row: dict, key: str) -> float | None:
    """Median of the runs the bench recorded for *key* (``total`` -> ``total_runs_s``), else its one value."""
    runs = row.get(f"{key}_runs_s")
    return statistics.median(runs) if runs else row.get(f"{key}_s")


def ratio(a: float | None, b: float | None) -> float | None:
    return None if a is None or not b else a / b


def verdict(value: float | None, limit: float, at_most: bool = True) -> str:
    if value is None:
        return "not measured"
    return "met" if (value <= limit if at_most else value < limit) else "**missed**"


def stamp(results: dict, command: str) -> str:
    """« Run of 2026-11-24 (`make bench`): AMD EPYC, 2 cores, 23.5 GB, Python 3.11.7. »"""
    machine = results.get("machine", {})
    when = results.get("date") or "an undated day (the results carry no date)"
    return (
        f"Run of {when} (`{command}`): {machine.get('cpu', '?')}, {machine.get('cores', '?')} cores, "
        f"{machine.get('mem_gb', '?')} GB, Python {machine.get('python', '?')}."
    )


def at(results: dict, n: int) -> dict:
    return next((row for row in results.get("rows", []) if row.get("n") == n), {})


# --- Blocks --------------------------------------------------------------------


def issue15_targets(quick: dict, full: dict) -> str:
    """Issue 15, item 8: three ratios at 1,000 practices, judged on the medians of the runs."""
    runs = [("`make bench QUICK=1`", quick), ("`make bench`", full)]
    head = (
        "| at 1,000 practices | target | "
        + " | ".join(f"{cmd}, {r.get('date') or 'undated'}" for cmd, r in runs)
        + " |\n|---|---|"
        + "---|" * len(runs)
        + "\n"
    )

    def times(r: dict, other: str, limit: float) -> str:
        row = at(r, 1000)
        med = ratio(median_of(row, "total"), median_of(row, other))
        fast = ratio(row.get("total_s"), row.get(f"{other}_s"))
        return f"{num(med, 2)}× (fastest runs: {num(fast, 2)}×) — {verdict(med, limit)}"

    def bytes_(r: dict) -> str:
        row = at(r, 1000)
        share = ratio(row.get("first_query_bytes"), row.get("lunr_first_load_bytes"))
        sizes = f"{kb(row.get('first_query_bytes'))} KB ÷ {kb(row.get('lunr_first_load_bytes'))} KB"
        return f"{num(share, 2)} ({sizes}) — {verdict(share, 0.5)}"

    lines = [
        "| our build ÷ stock Material with lunr search, same pages | ≤ 1.00× | "
        + " | ".join(times(r, "plain_search", 1.0) for _, r in runs)
        + " |",
        "| our build ÷ plain MkDocs + Material, no search | ≤ 1.25× | "
        + " | ".join(times(r, "plain", 1.25) for _, r in runs)
        + " |",
        "| first query's bytes ÷ what lunr loads on the first page view | ≤ 0.50 | "
        + " | ".join(bytes_(r) for _, r in runs)
        + " |",
    ]
    return head + "\n".join(lines) + "\n"


COLUMNS = [  # key, heading, digits (None: bytes shown in KB)
    ("validation_s", "validation s", 2),
    ("generation_s", "generation s", 2),
    ("documents_s", "documents s", 2),
    ("pagefind_s", "Pagefind alone s", 1),
    ("total_s", "total s", 1),
    ("plain_s", "plain MkDocs s", 1),
    ("plain_search_s", "MkDocs + lunr s", 1),
    ("overhead_ratio", "ratio", 2),
    ("peak_rss_mb", "memory MB", 0),
    ("plain_rss_mb", "plain memory MB", 0),
    ("first_query_bytes", "first query KB", None),
    ("lunr_index_bytes", "lunr index KB", None),
    ("practice_page_bytes", "practice page KB", None),
]


def run_table(results: dict, command: str) -> str:
    """One row per N, the bench's own figures (fastest of the runs up to 1,000), then every run's time."""
    head = "| N | " + " | ".join(h for _, h, _ in COLUMNS) + " |\n|---|" + "---|" * len(COLUMNS) + "\n"
    rows, runs = [], []
    for row in results.get("rows", []):
        cells = [kb(row.get(k)) if d is None else num(row.get(k), d) for k, _, d in COLUMNS]
        rows.append(f"| {row['n']:,} | " + " | ".join(cells) + " |")
        timing = "; ".join(
            f"{label} {', '.join(num(t, 1) for t in row[key])} s"
            for key, label in (
                ("total_runs_s", "ours"),
                ("plain_runs_s", "plain MkDocs"),
                ("plain_search_runs_s", "MkDocs + lunr"),
            )
            if row.get(key)
        )
        runs.append(f"- N = {row['n']:,}: {timing}.")
    return (
        stamp(results, command)
        + "\n\n"
        + head
        + "\n".join(rows)
        + "\n\nEvery run, in the order run:\n\n"
        + "\n".join(runs)
        + "\n"
    )


def first_targets(full: dict) -> str:
    """The targets set when the bench was built (November 2026), against the full run."""
    r1, r10 = at(full, 1000), at(full, 10000)
    scaling = full.get("scaling_10000_over_1000")
    plain_scaling = ratio(r10.get("plain_s"), r1.get("plain_s"))
    first_share = ratio(r10.get("first_query_bytes"), r10.get("lunr_first_load_bytes"))
    first = r10.get("first_query_bytes")
    serve_runs = ", ".join(num(t, 2) for t in r1.get("serve_edit_runs_s", []))
    query_ok = None if first is None or first_share is None else (first <= 300 * 1024, first_share <= 0.10)
    rows = [
        (
            "build ÷ plain MkDocs (no search) at 1,000",
            "≤ 1.10",
            num(r1.get("overhead_ratio"), 2),
            verdict(r1.get("overhead_ratio"), 1.10),
        ),
        (
            "build time at 10,000 ÷ at 1,000",
            "≤ 11",
            f"{num(scaling, 1)} (plain MkDocs: {num(plain_scaling, 1)})",
            verdict(scaling, 11),
        ),
        (
            "validation of 10,000 entries",
            "< 2 s",
            f"{num(r10.get('validation_s'), 2)} s",
            verdict(r10.get("validation_s"), 2, at_most=False),
        ),
        (
            "first query at 10,000",
            "≤ 300 KB and ≤ 10 % of lunr",
            f"{kb(first)} KB, {num(None if first_share is None else first_share * 100, 0)} % of lunr's "
            f"{kb(r10.get('lunr_first_load_bytes'))} KB",
            "not measured"
            if query_ok is None
            else f"300 KB: {'met' if query_ok[0] else '**missed**'}; 10 %: {'met' if query_ok[1] else '**missed**'}",
        ),
        (
            "own weight of a practice page (HTML + CSS + JS, gzip)",
            "≤ 150 KB",
            f"{kb(r1.get('practice_page_bytes'))} KB",
            verdict(r1.get("practice_page_bytes"), 150 * 1024),
        ),
        (
            "peak memory at 10,000 (all processes)",
            "< 2 GB",
            f"{num(r10.get('peak_rss_mb'), 0)} MB (plain MkDocs: {num(r10.get('plain_rss_mb'), 0)} MB)",
            verdict(r10.get("peak_rss_mb"), 2048, at_most=False),
        ),
        (
            "`make serve`: a practice's edit shown, at 1,000",
            "< 3 s",
            f"{num(r1.get('serve_edit_s'), 2)} s (runs: {serve_runs or '—'})",
            verdict(r1.get("serve_edit_s"), 3, at_most=False),
        ),
    ]
    head = "| target | limit | measured | |\n|---|---|---|---|\n"
    return head + "\n".join("| " + " | ".join(cells) + " |" for cells in rows) + "\n"


def lighthouse(results: dict) -> str:
    targets = results.get("targets", {})
    when = results.get("date") or "an undated day (the results carry no date)"
    intro = (
        f"Run of {when}: Lighthouse {results.get('lighthouse', '?')}, profile `{results.get('profile', '?')}`, "
        f"served `{results.get('served', '?')}`; {results.get('runs', '?')} runs per page, the median "
        "run by performance score counts. Targets: performance ≥ "
        f"{targets.get('performance', '?')}, CLS ≤ {targets.get('cumulative-layout-shift', '?')}, "
        f"TBT ≤ {targets.get('total-blocking-time', '?')} ms, accessibility, best practices and SEO at "
        f"{targets.get('accessibility', '?')}.\n\n"
    )
    head = (
        "| page | performance (runs) | CLS | TBT ms (runs) | LCP ms "
        "| accessibility, best practices, SEO | targets |\n"
        "|---|---|---|---|---|---|---|\n"
    )
    lines = []
    for name, page in results.get("pages", {}).items():
        met = (
            page["performance"] >= targets.get("performance", 0)
            and all(page[k] >= targets.get(k, 0) for k in ("accessibility", "best-practices", "seo"))
            and page["cumulative-layout-shift"] <= targets.get("cumulative-layout-shift", 1)
            and page["total-blocking-time"] <= targets.get("total-blocking-time", 1e9)
        )
        lines.append(
            f"| {name} `{page.get('path', '?')}` "
            f"| {page['performance']} ({', '.join(map(str, page.get('runs_performance', [])))}) "
            f"| {page['cumulative-layout-shift']:.3f} | {page['total-blocking-time']:.0f} "
            f"({', '.join(f'{t:.0f}' for t in page.get('runs_total_blocking_time', []))}) "
            f"| {page.get('largest-contentful-paint', 0):,.0f} "
            f"| {page['accessibility']}, {page['best-practices']}, {page['seo']} | {'met' if met else '**missed**'} |"
        )
    return intro + head + "\n".join(lines) + "\n"


def blocks(root: Path) -> dict[str, str]:
    """Every block's text, from the results under *root*."""
    full, quick, light = (json.loads((root / p).read_text(encoding="utf-8")) for p in (FULL, QUICK, LIGHTHOUSE))
    return {
        "issue15-targets": issue15_targets(quick, full),
        "full-run": run_table(full, "make bench"),
        "first-targets": first_targets(full),
        "quick-run": run_table(quick, "make bench QUICK=1"),
        "lighthouse": lighthouse(light),
    }


# --- The file ------------------------------------------------------------------


def render(text: str, fresh: dict[str, str]) -> tuple[str, list[str]]:
    """*text* with every block replaced by its fresh body; and the problems (unknown or missing blocks)."""
    seen: list[str] = []

    def replace(match: re.Match) -> str:
        name = match["name"]
        seen.append(name)
        if name not in fresh:
            return match[0]
        return match[1] + fresh[name] + match[4]

    out = BLOCK.sub(replace, text)
    problems = [f"bloc inconnu : {name}" for name in seen if name not in fresh]
    problems += [f"bloc absent : {name}" for name in fresh if name not in seen]
    return out, problems


def stale(root: Path = ROOT) -> list[str]:
    """What is out of date in the journal under *root* (block names, or problems); empty when in sync."""
    text = (root / JOURNAL).read_text(encoding="utf-8")
    fresh = blocks(root)
    out, problems = render(text, fresh)
    if out == text:
        return problems
    now = {m["name"]: m["body"] for m in BLOCK.finditer(text)}
    return problems + [f"bloc périmé : {name}" for name, body in fresh.items() if name in now and now[name] != body]


def write(root: Path = ROOT) -> list[str]:
    """Rewrite the blocks of the journal under *root*; the problems that prevent it (nothing written then)."""
    path = root / JOURNAL
    out, problems = render(path.read_text(encoding="utf-8"), blocks(root))
    if not problems:
        path.write_text(out, encoding="utf-8")
    return problems


def main(argv: list[str]) -> int:
    if "--check" in argv:
        problems = stale()
        if problems:
            print(
                fr(
                    f"{JOURNAL} n'est plus à jour des résultats du banc ({' ; '.join(problems)}) : "
                    "lancez «\u00a0python -m bench.journal\u00a0»."
                ),
                file=sys.stderr,
            )
            return 1
        return 0
    problems = write()
    if problems:
        print(fr(f"{JOURNAL} non modifié : {' ; '.join(problems)}."), file=sys.stderr)
        return 1
    print(fr(f"{JOURNAL} : tableaux refaits à partir de bench/*.json."))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
