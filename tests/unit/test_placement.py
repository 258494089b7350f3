"""Where the build's helper processes run (macros/core/placement.py): every CPU but one, which is
left to MkDocs; nothing changed when there is one CPU or no CPU affinity."""

from __future__ import annotations

import os

from macros.core import placement


def _cpus(monkeypatch, cpus, refuse=False):
    calls = []

    def setaffinity(pid, chosen):
        if refuse:
            raise OSError(3, "No such process")
        calls.append((pid, set(chosen)))

    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: set(cpus), raising=False)
    monkeypatch.setattr(os, "sched_setaffinity", setaffinity, raising=False)
    return calls


def test_a_helper_gets_every_cpu_but_the_first(monkeypatch):
    calls = _cpus(monkeypatch, {3, 0, 2})
    assert placement.helper_cpus() == {2, 3}
    placement.place_helper(4242)
    placement.place_helper()
    assert calls == [(4242, {2, 3}), (0, {2, 3})]


def test_with_one_cpu_a_helper_is_left_where_it_is(monkeypatch):
    calls = _cpus(monkeypatch, {5})
    assert placement.helper_cpus() is None
    placement.place_helper(4242)
    assert calls == []


def test_without_cpu_affinity_or_when_refused_nothing_fails(monkeypatch):
    _cpus(monkeypatch, {0, 1}, refuse=True)
    placement.place_helper(4242)  # a process that already ended: no error
    monkeypatch.delattr(os, "sched_getaffinity")
    assert placement.helper_cpus() is None
    placement.place_helper(4242)
