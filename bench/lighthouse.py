"""Lighthouse, an outside judge, on four pages of the real site served gzipped.

    .venv/bin/python -m bench.lighthouse [--runs N]      (also the last step of `make bench`)

Builds the site from data/ into a temporary folder (as `make build`, no SITE_URL), serves
it on 127.0.0.1 the way GitHub Pages serves a site — gzip for text files, the rest as it
is — and runs Lighthouse (npm package `lighthouse`, pinned in package.json) with Debian's
Chromium (CHROME_PATH=/usr/bin/chromium: never a downloaded browser) on the home page, a
format page, the practices catalogue and the glossary, in Lighthouse's default mobile
profile (simulated slow 4G and a 4× slower CPU). Each page runs N times (3 by default);
the median run by performance score counts, as Lighthouse's documentation advises.
Writes bench/lighthouse.json and prints a table with the targets.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import io
import json
import os
import subprocess
import sys
import tempfile
import threading
from contextlib import contextmanager
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CHROME = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --disable-sync --no-first-run"
)
PAGES = {
    "accueil": "",
    "format": "formats/stages-pluri-institutionnels/",
    "pratiques": "pratiques/",
    "glossaire": "glossaire/",
}
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
TARGETS = {
    "performance": 95,
    "accessibility": 100,
    "best-practices": 100,
    "seo": 100,
    "cumulative-layout-shift": 0.05,
    "total-blocking-time": 150,
}
# What GitHub Pages compresses (text); Pagefind's chunks and images are sent as they are.
GZIPPED = (".html", ".css", ".js", ".mjs", ".json", ".xml", ".svg", ".txt", ".map")


class _GzipHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # the stock handler's redirect to « …/ »
            path = path / "index.html"
        if not (path.suffix in GZIPPED and path.is_file() and "gzip" in self.headers.get("Accept-Encoding", "")):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), 6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")  # as GitHub Pages
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return io.BytesIO(body)


@contextmanager
def serve_gzipped(site: Path):
    """*site* on a free port of 127.0.0.1, text gzipped; yields the base URL."""
    handler = functools.partial(_GzipHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def run_lighthouse(url: str, out: Path) -> dict:
    """One Lighthouse run (mobile profile): scores (0-100) and the metrics that count."""
    env = dict(os.environ, CHROME_PATH=CHROME)
    cmd = [
        str(LIGHTHOUSE),
        url,
        "--quiet",
        "--output=json",
        f"--output-path={out}",
        f"--only-categories={','.join(CATEGORIES)}",
        f"--chrome-flags={CHROME_FLAGS}",
    ]
    subprocess.run(cmd, env=env, check=True, timeout=300)
    report = json.loads(out.read_text(encoding="utf-8"))
    audits = report["audits"]
    row = {c: round(100 * report["categories"][c]["score"]) for c in CATEGORIES}
    for metric in (
        "cumulative-layout-shift",
        "total-blocking-time",
        "largest-contentful-paint",
        "first-contentful-paint",
        "speed-index",
    ):
        row[metric] = round(audits[metric]["numericValue"], 3 if metric == "cumulative-layout-shift" else 0)
    row["failed"] = sorted(
        key
        for key, audit in audits.items()
        if audit.get("score") is not None
        and audit["score"] < 1
        and audit.get("scoreDisplayMode") in ("binary", "numeric", "metricSavings")
        and key not in row
    )
    row["lighthouse"] = report["lighthouseVersion"]
    return row


def build(dest: Path) -> None:
    env = dict(os.environ, SITE_DIR=str(dest), PYTHONPATH=str(ROOT))
    env.pop("SITE_URL", None)
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet"], cwd=ROOT, env=env, check=True)


def measure(site: Path, runs: int = 3) -> dict:
    results = {}
    with serve_gzipped(site) as base, tempfile.TemporaryDirectory(prefix="lighthouse-") as tmp:
        for name, path in PAGES.items():
            tries = [run_lighthouse(base + path, Path(tmp) / f"{name}-{i}.json") for i in range(runs)]
            median = sorted(tries, key=lambda r: r["performance"])[len(tries) // 2]
            median["runs_performance"] = [r["performance"] for r in tries]
            median["runs_total_blocking_time"] = [r["total-blocking-time"] for r in tries]
            median["runs_cumulative_layout_shift"] = [r["cumulative-layout-shift"] for r in tries]
            median["path"] = "/" + path
            results[name] = median
            print(f"… Lighthouse {name} : performance {median['runs_performance']}", file=sys.stderr, flush=True)
    return results


def met(row: dict) -> bool:
    return (
        all(row[k] >= v for k, v in TARGETS.items() if k in CATEGORIES)
        and row["cumulative-layout-shift"] <= TARGETS["cumulative-layout-shift"]
        and row["total-blocking-time"] <= TARGETS["total-blocking-time"]
    )


def table(results: dict) -> str:
    head = (
        "| page | performance | accessibilité | bonnes pratiques | SEO | CLS | TBT ms | LCP ms | "
        "performance des essais | objectifs |\n|---|---|---|---|---|---|---|---|---|---|\n"
    )
    lines = []
    for name, r in results.items():
        cls = f"{r['cumulative-layout-shift']:.3f}".replace(".", ",")
        lines.append(
            f"| {name} (`{r['path']}`) | {r['performance']} | {r['accessibility']} | {r['best-practices']} | "
            f"{r['seo']} | {cls} | {r['total-blocking-time']:.0f} | {r['largest-contentful-paint']:.0f} | "
            f"{', '.join(map(str, r['runs_performance']))} | {'atteints' if met(r) else 'non atteints'} |"
        )
    return head + "\n".join(lines)


def main(runs: int = 3) -> dict:
    if not LIGHTHOUSE.exists():
        sys.exit("Lighthouse introuvable : lancez « npm ci » (package.json).")
    with tempfile.TemporaryDirectory(prefix="lighthouse-site-") as tmp:
        site = Path(tmp) / "site"
        build(site)
        results = measure(site, runs)
    version = next(iter(results.values()))["lighthouse"]
    out = {
        "date": date.today().isoformat(),
        "lighthouse": version,
        "profile": "mobile (défaut de Lighthouse)",
        "served": "gzip, comme GitHub Pages",
        "runs": runs,
        "targets": TARGETS,
        "pages": results,
    }
    (ROOT / "bench" / "lighthouse.json").write_text(
        json.dumps(out, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    print(f"Lighthouse {version}, profil mobile, site servi en gzip :")
    print(table(results))
    return out


if __name__ == "__main__":
    count = int(sys.argv[sys.argv.index("--runs") + 1]) if "--runs" in sys.argv else 3
    main(count)
