"""Where the build's helper processes run: beside MkDocs, not on its core.

MkDocs renders every page in one Python process, which keeps one core busy from start to end.
The build's helpers (Pagefind's indexing service, the pages' worker, the documents' worker) work
beside it. Left free, Pagefind spreads its writing of the index over every core, and on a
two-core machine MkDocs lost a third of its core while it lasted (measured: the theme's pages
took 4.9 s instead of 4.4 s at 1,000 practices). Each helper is therefore kept off one of the
CPUs this process may use; the system's scheduler gives that one to MkDocs. With a single CPU,
or where the system has no CPU affinity (macOS, Windows), nothing is changed.
"""

from __future__ import annotations

import os


def helper_cpus() -> set[int] | None:
    """The CPUs a helper may use (all of this process's but the first), or None: leave it free."""
    if not hasattr(os, "sched_getaffinity"):
        return None
    cpus = sorted(os.sched_getaffinity(0))
    return set(cpus[1:]) if len(cpus) > 1 else None


def place_helper(pid: int = 0) -> None:
    """Keep the helper process *pid* (0: this process) on :func:`helper_cpus`. Best effort: a
    process that already ended, or a system that refuses, keeps its placement."""
    cpus = helper_cpus()
    if cpus:
        try:
            os.sched_setaffinity(pid, cpus)
        except OSError:
            pass
