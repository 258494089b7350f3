"""`python -m bench.journal --check` (what `make test` relies on): the committed docs-dev/performance.md is in
step with the bench results (the journal's functions: tests/unit/test_perf_journal.py)."""

from __future__ import annotations

import subprocess
import sys

from tests.support import ROOT


def test_committed_journal_is_in_step_with_the_bench_results():
    done = subprocess.run([sys.executable, "-m", "bench.journal", "--check"], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
