"""Where the build's helper processes run (macros/core/placement.py): every CPU but one, which is
left to MkDocs; nothing changed, and nothing failing, with one CPU, no CPU affinity or a refusal."""

from __future__ import annotations

import os

import pytest

from macros.core import placement


def _cpus(monkeypatch, cpus, refuse=None):
    calls = []

    def setaffinity(pid, chosen):
        if refuse is not None:
            raise refuse
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


def test_a_helper_starts_from_a_thread_placed_like_it_then_the_thread_is_restored(monkeypatch):
    # The helper, and every thread it makes, inherits the placement of the thread that starts it.
    calls = _cpus(monkeypatch, {0, 1, 2})
    with placement.helper_start():
        assert calls == [(0, {1, 2})]
    assert calls == [(0, {1, 2}), (0, {0, 1, 2})]
    with pytest.raises(RuntimeError), placement.helper_start():
        raise RuntimeError("the helper did not start")
    assert calls[-1] == (0, {0, 1, 2})


def test_with_one_cpu_a_helper_is_left_where_it_is(monkeypatch):
    calls = _cpus(monkeypatch, {5})
    assert placement.helper_cpus() is None
    placement.place_helper(4242)
    with placement.helper_start():
        pass
    assert calls == []


@pytest.mark.parametrize("refusal", [OSError(3, "No such process"), ValueError("bad CPU"), RuntimeError("?")])
def test_a_refusal_never_fails_the_build(monkeypatch, refusal):
    _cpus(monkeypatch, {0, 1}, refuse=refusal)
    placement.place_helper(4242)  # a process that already ended, a system that refuses: no error
    with placement.helper_start():
        pass


def test_without_cpu_affinity_nothing_is_changed(monkeypatch):
    def missing(pid):
        raise AttributeError("sched_getaffinity")

    monkeypatch.setattr(os, "sched_getaffinity", missing, raising=False)
    assert placement.helper_cpus() is None
    placement.place_helper(4242)
    with placement.helper_start():
        pass
