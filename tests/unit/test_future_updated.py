"""An entry's `updated` date may be at most the day after the build date (macros/validate/future.py)."""

from __future__ import annotations

from macros.validate.future import check_updated


class Positions:
    def value(self, path):
        return (10 + path[1], 14)


def test_the_day_after_the_build_date_is_accepted_and_the_next_is_not(monkeypatch):
    monkeypatch.setenv("ALTERNANCE_DATE", "2026-12-04")
    entries = [{"updated": "2026-12-04"}, {"updated": "2026-12-05"}, {"updated": "2026-12-06"}, {"id": "x"}]
    errors = check_updated("practices", entries, Positions(), "data/practices.yaml")
    assert [(e.line, e.path) for e in errors] == [(12, "practices[2].updated")]
    assert "2026-12-06 dans le futur (le site est construit le 2026-12-04)" in errors[0].message


def test_a_wrong_build_date_is_left_to_the_build_to_report(monkeypatch):
    monkeypatch.setenv("ALTERNANCE_DATE", "demain")
    assert check_updated("practices", [{"updated": "2999-01-01"}], Positions(), "data/practices.yaml") == []
