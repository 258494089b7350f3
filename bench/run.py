"""`make bench`: build time, memory and search bytes against N, side by side with plain MkDocs.

For each N (100, 1,000, 10,000; QUICK=1: 100 and 1,000) it builds a synthetic
tree in a temporary directory (bench/synth.py), measures every stage, builds the
static twin of the same pages with stock MkDocs + Material (with and without its
lunr search, bench/static.py), measures in Chromium what a browser fetches
(bench/browser.py), prints a table, writes bench/results.json and bench/plot.png.
Then Lighthouse judges four pages of the real site served gzipped (bench/lighthouse.py,
bench/lighthouse.json; LIGHTHOUSE_RUNS runs per page, 3 by default; LIGHTHOUSE=0 skips it).
Last, the tables of docs-dev/performance.md are made again from these files (bench/journal.py).
"""

from __future__ import annotations

import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date
from pathlib import Path

from bench import browser, serve, static, synth

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
REPEAT = 3
ENV = dict(os.environ)


def _tree_rss_kib(root_pid: int) -> int:
    """Resident memory of a process and all its descendants (KiB), from /proc.

    Only processes started after *root_pid* are read (process ids grow), so sampling
    costs the machine almost nothing next to the build it measures."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for name in os.listdir("/proc"):
        if not name.isdigit() or int(name) < root_pid:
            continue
        try:
            with open(f"/proc/{name}/stat", "rb") as f:
                fields = f.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        pid = int(name)
        children.setdefault(int(fields[1]), []).append(pid)
        rss[pid] = int(fields[21]) * PAGE_KIB
    total, todo = 0, [root_pid]
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        todo.extend(children.get(pid, []))
    return total


PAGE_KIB = os.sysconf("SC_PAGE_SIZE") // 1024


def timed(cmd: list[str], cwd: Path, env: dict | None = None) -> tuple[float, int]:
    """Wall time (s) and peak resident memory (KiB) of *cmd* with all its processes at once.

    The build runs processes side by side (MkDocs, the Pagefind service, the documents
    worker): their memory is summed, sampled every 100 ms.
    """
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env or ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    peak = 0
    stop = threading.Event()

    def sample():
        nonlocal peak
        while not stop.wait(0.1):
            peak = max(peak, _tree_rss_kib(proc.pid))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, err = proc.communicate()
    elapsed = time.perf_counter() - start
    stop.set()
    sampler.join()
    if proc.returncode != 0:
        raise SystemExit(f"échec de {' '.join(cmd)} :\n{err[-3000:]}")
    return elapsed, peak


def measure(n: int, work: Path) -> dict:
    tree = synth.make_tree(n, work / f"tree-{n}")
    env = dict(ENV, PYTHONPATH=str(tree))
    stages = json.loads(
        subprocess.run(
            [PY, str(ROOT / "bench" / "stages.py"), str(tree)], env=env, capture_output=True, text=True, check=True
        ).stdout
    )
    pages = static.capture(tree)  # what our build converts, page by page (one untimed build)
    plains = {
        search: static.export(tree, work / f"plain-{n}-{int(search)}", search=search, pages=pages)
        for search in (False, True)
    }
    # This machine's speed varies from run to run (shared cores): up to 1,000, each build
    # runs REPEAT times, ours and plain MkDocs in turn, and the fastest run of each counts.
    totals, plain_times = [], {False: [], True: []}
    for _ in range(REPEAT if n <= 1000 else 1):
        shutil.rmtree(tree / ".cache", ignore_errors=True)  # the build pays for its documents: cold cache
        shutil.rmtree(tree / "site", ignore_errors=True)
        totals.append(timed([PY, "-m", "scripts.build_site"], tree, env))
        for search, plain in plains.items():
            shutil.rmtree(plain.parent / "site", ignore_errors=True)
            plain_times[search].append(
                timed(
                    [PY, "-m", "mkdocs", "build", "-q", "-f", str(plain), "-d", str(plain.parent / "site")],
                    plain.parent,
                )
            )
    total, rss = min(totals)
    site = tree / "site"
    # Pagefind alone over the built site: what indexing costs (in the build it runs beside MkDocs).
    pagefind, _ = timed([PY, "-m", "pagefind", "--site", str(site), "--output-subdir", "pagefind-alone"], tree, env)
    shutil.rmtree(site / "pagefind-alone", ignore_errors=True)
    results = {
        "n": n,
        **stages,
        "total_s": total,
        "total_runs_s": [t for t, _ in totals],
        "pagefind_s": pagefind,
        "peak_rss_mb": max(r for _, r in totals) / 1024,
        "pages": sum(1 for _ in site.rglob("index.html")),
        "site_mb": sum(p.stat().st_size for p in site.rglob("*") if p.is_file()) / 2**20,
        "pagefind_index_kb": sum(p.stat().st_size for p in (site / "pagefind").rglob("*") if p.is_file()) / 1024,
    }
    for search, runs in plain_times.items():
        key = "plain_search" if search else "plain"
        results[f"{key}_s"] = min(t for t, _ in runs)
        results[f"{key}_runs_s"] = [t for t, _ in runs]
        results[f"{key}_rss_mb"] = max(r for _, r in runs) / 1024
    results["overhead_ratio"] = total / results["plain_s"]
    results.update(browser.measure(site, work / f"plain-{n}-1" / "site"))
    shutil.rmtree(tree / "site", ignore_errors=True)
    if n == 1000:  # `make serve`: from saving a practice to its page showing the change (fastest of 2)
        runs = [serve.edit_latency(tree, f"pratique-00{500 + i}") for i in range(2)]
        results.update(min(runs, key=lambda r: r["serve_edit_s"]), serve_edit_runs_s=[r["serve_edit_s"] for r in runs])
    return results


def machine() -> dict:
    mem = next(
        (line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal")), "?"
    )
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        "?",
    )
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "mem_gb": round(int(mem) / 2**20, 1),
        "python": platform.python_version(),
        "system": platform.platform(),
    }


def table(rows: list[dict]) -> str:
    cols = [
        ("n", "N", "{:,}"),
        ("validation_s", "validation s", "{:.2f}"),
        ("generation_s", "génération s", "{:.2f}"),
        ("documents_s", "documents s", "{:.2f}"),
        ("pagefind_s", "Pagefind seul s", "{:.1f}"),
        ("total_s", "total s", "{:.1f}"),
        ("plain_s", "MkDocs seul s", "{:.1f}"),
        ("plain_search_s", "MkDocs+lunr s", "{:.1f}"),
        ("overhead_ratio", "ratio", "{:.2f}"),
        ("peak_rss_mb", "mémoire Mo", "{:.0f}"),
        ("plain_rss_mb", "mémoire MkDocs seul Mo", "{:.0f}"),
        ("first_query_bytes", "1re requête Ko", "{:.0f}"),
        ("lunr_index_bytes", "lunr Ko", "{:.0f}"),
        ("practice_page_bytes", "page pratique Ko", "{:.0f}"),
    ]
    head = "| " + " | ".join(c[1] for c in cols) + " |\n|" + "---|" * len(cols) + "\n"

    def cell(row, key, fmt):
        value = row.get(key)
        if value is None:
            return "—"
        return fmt.format(value / 1024 if key.endswith("_bytes") else value).replace(",", " ")

    return head + "".join("| " + " | ".join(cell(r, k, f) for k, _, f in cols) + " |\n" for r in rows)


def main() -> None:
    quick = os.environ.get("QUICK") == "1"
    sizes = [100, 1000] if quick else [100, 1000, 10000]
    out = ROOT / "bench"
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        rows = []
        for n in sizes:
            print(f"… N = {n}", file=sys.stderr, flush=True)
            rows.append(measure(n, Path(tmp)))
    print(table(rows))
    results = {"date": date.today().isoformat(), "machine": machine(), "quick": quick, "rows": rows}
    if len(rows) >= 3:
        big, mid = rows[-1], rows[-2]
        results["scaling_10000_over_1000"] = big["total_s"] / mid["total_s"]
    (out / ("results-quick.json" if quick else "results.json")).write_text(
        json.dumps(results, indent=2, ensure_ascii=False) + "\n"
    )
    if not quick:
        from bench import plot

        plot.draw(rows, out / "plot.png")
    at = {r["n"]: r for r in rows}
    summary = {
        "overhead_ratio_1000": round(at[1000]["overhead_ratio"], 3),
        "validation_s_1000": round(at[1000]["validation_s"], 3),
        "first_query_bytes_1000": at[1000]["first_query_bytes"],
        "lunr_index_bytes_1000": at[1000]["lunr_index_bytes"],
        "total_s_1000": round(at[1000]["total_s"], 2),
        "peak_rss_mb_1000": round(at[1000]["peak_rss_mb"]),
        "practice_page_bytes_1000": at[1000]["practice_page_bytes"],
        "serve_edit_s_1000": round(at[1000]["serve_edit_s"], 2),
    }
    print(json.dumps(summary))
    if os.environ.get("LIGHTHOUSE") != "0":
        from bench import lighthouse

        lighthouse.main(int(os.environ.get("LIGHTHOUSE_RUNS") or 3))
    from bench import journal  # docs-dev/performance.md's tables follow the results just written

    journal.main([])


if __name__ == "__main__":
    main()
