"""Where the build's helper processes run: beside MkDocs, not on its core.

MkDocs renders every page in one Python process, which keeps one core busy from start to end.
The build's helpers (Pagefind's indexing service, the pages' and practice pages' workers, the documents' worker) work
beside it. Left free, Pagefind spreads its writing of the index over every core, and on a
two-core machine MkDocs lost a third of its core while it lasted (measured: the theme's pages
took 4.9 s instead of 4.4 s at 1,000 practices). Each helper is therefore started on every CPU
this process may use but one, which the system's scheduler gives to MkDocs: the calling thread
is moved there while the helper starts (:func:`helper_start`), so the helper and every thread it
makes inherit the placement. With a single CPU, where the system has no CPU affinity (macOS,
Windows), or if the system refuses, nothing is changed: the placement is a speed-up, never a
reason for a build to fail. A CPU quota (a container limited to two CPUs' worth of time on a
larger machine) is not an affinity: there, too, nothing is kept off any core.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager


def helper_cpus() -> set[int] | None:
    """The CPUs a helper may use (all of this process's but the first), or None: leave it free."""
    try:
        cpus = sorted(os.sched_getaffinity(0))
    except Exception:  # noqa: BLE001 (no affinity on this system, or refused: a speed-up only)
        return None
    return set(cpus[1:]) if len(cpus) > 1 else None


@contextmanager
def helper_start() -> Iterator[None]:
    """Around the start of a helper process: the calling thread runs on :func:`helper_cpus`
    meanwhile, so the process it starts inherits them; its own placement is then restored."""
    cpus = helper_cpus()
    before = None
    if cpus:
        try:
            before = os.sched_getaffinity(0)
            os.sched_setaffinity(0, cpus)
        except Exception:  # noqa: BLE001 (refused: the helper starts where it would have)
            before = None
    try:
        yield
    finally:
        if before is not None:
            try:
                os.sched_setaffinity(0, before)
            except Exception:  # noqa: BLE001 (the thread keeps the helpers' CPUs: only slower)
                pass


def place_helper(pid: int = 0) -> None:
    """Keep the process *pid* (0: this process, as a pool's initializer) on :func:`helper_cpus`."""
    cpus = helper_cpus()
    if cpus:
        try:
            os.sched_setaffinity(pid, cpus)
        except Exception:  # noqa: BLE001 (a process that already ended, or a refusal: a speed-up only)
            pass


def start_worker(target: Callable, shared: tuple, name: str):
    """A spawned helper process running ``target(jobs, replies, *shared)``, placed by
    :func:`helper_start`, fed through two one-way pipes of which this process keeps only its own
    ends (so that, if the worker dies, reading its replies ends at once with an error).
    Returns (process, jobs: the writing end, replies: the reading end)."""
    spawn = multiprocessing.get_context("spawn")
    jobs_end, jobs = spawn.Pipe(duplex=False)  # (reading end, writing end)
    replies, replies_end = spawn.Pipe(duplex=False)
    process = spawn.Process(target=target, args=(jobs_end, replies_end, *shared), name=name, daemon=True)
    with helper_start():  # the worker keeps off MkDocs' core
        process.start()
    jobs_end.close()  # the worker's ends: only the worker holds them now
    replies_end.close()
    return process, jobs, replies


def end_worker(process, timeout: float = 5) -> None:
    """Wait *timeout* seconds for *process* to end, then kill it."""
    process.join(timeout=timeout)
    if process.is_alive():
        process.kill()
        process.join()
