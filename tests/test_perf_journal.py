"""docs-dev/performance.md: its tables are the bench's results (bench/journal.py), never hand-copied."""

from __future__ import annotations

import json
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

from bench import journal

ROOT = Path(__file__).resolve().parent.parent


def copy_tree(dest: Path) -> Path:
    """The journal and the bench results, alone in *dest* (what bench.journal reads and writes)."""
    for rel in (journal.JOURNAL, journal.FULL, journal.QUICK, journal.LIGHTHOUSE):
        (dest / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(ROOT / rel, dest / rel)
    return dest


def test_committed_journal_is_in_step_with_the_bench_results():
    done = subprocess.run([sys.executable, "-m", "bench.journal", "--check"], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_a_new_bench_result_makes_the_check_fail_until_the_tables_are_written(tmp_path):
    root = copy_tree(tmp_path)
    results = json.loads((root / journal.QUICK).read_text(encoding="utf-8"))
    row = next(r for r in results["rows"] if r["n"] == 1000)
    row["total_runs_s"] = [30.0, 31.0, 32.0]
    (root / journal.QUICK).write_text(json.dumps(results), encoding="utf-8")
    before = (root / journal.JOURNAL).read_text(encoding="utf-8")

    assert journal.stale(root) == ["bloc périmé : issue15-targets", "bloc périmé : quick-run"]
    assert journal.write(root) == []
    assert journal.stale(root) == []
    after = (root / journal.JOURNAL).read_text(encoding="utf-8")
    assert "ours 30.0, 31.0, 32.0 s" in after
    # The prose outside the markers is the same, line for line.
    outside = [journal.BLOCK.sub("", text) for text in (before, after)]
    assert outside[0] == outside[1]


def test_a_table_edited_by_hand_or_a_lost_marker_fails_the_check(tmp_path):
    root = copy_tree(tmp_path)
    path = root / journal.JOURNAL
    text = path.read_text(encoding="utf-8")
    edited = text.replace("<!-- END AUTOGEN full-run", "| 1,000 | 0.45 |\n<!-- END AUTOGEN full-run")
    path.write_text(edited, encoding="utf-8")
    assert journal.stale(root) == ["bloc périmé : full-run"]
    path.write_text(text.replace("<!-- END AUTOGEN lighthouse -->", ""), encoding="utf-8")
    assert "bloc absent : lighthouse" in journal.stale(root)
    assert journal.write(root) == ["bloc absent : lighthouse"]  # nothing written then
    assert "<!-- END AUTOGEN lighthouse -->" not in path.read_text(encoding="utf-8")


def test_issue_15_ratios_are_those_of_the_quick_run_at_1000():
    results = json.loads((ROOT / journal.QUICK).read_text(encoding="utf-8"))
    row = next(r for r in results["rows"] if r["n"] == 1000)
    lunr = statistics.median(row["total_runs_s"]) / statistics.median(row["plain_search_runs_s"])
    plain = statistics.median(row["total_runs_s"]) / statistics.median(row["plain_runs_s"])
    share = row["first_query_bytes"] / row["lunr_first_load_bytes"]
    table = journal.issue15_targets(results, results).splitlines()
    assert f"| ≤ 1.00× | {lunr:.2f}×" in table[2]
    assert f"| ≤ 1.25× | {plain:.2f}×" in table[3]
    assert f"| ≤ 0.50 | {share:.2f} (" in table[4]
    assert ("met" if share <= 0.5 else "**missed**") in table[4]
