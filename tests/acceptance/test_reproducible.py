"""Reproducible, safe builds: two builds of the same tree are byte-identical, their dates
come from the data (never from the clock), and a failed build keeps the previous site/."""

from __future__ import annotations

import gzip
import re
import struct
from datetime import UTC, date, datetime

from macros.model.catalog import load_catalog
from macros.pages.dates import newest_update
from tests.support import ROOT
from tests.support.site import build_site
from tests.support.sitecopy import build_site_script, copy_repo
from tests.support.snapshot import PAGEFIND_UNORDERED, pagefind_filters, snapshot


def test_two_builds_are_byte_identical(site, tmp_path):
    again = tmp_path / "again"
    assert build_site(again) == 0
    first, second = snapshot(site), snapshot(again)
    stable = lambda files: sorted(f for f in files if not PAGEFIND_UNORDERED.match(f))  # noqa: E731
    assert stable(first) == stable(second), set(stable(first)) ^ set(stable(second))
    differing = sorted(name for name in stable(first) if first[name] != second[name])
    assert not differing, f"{len(differing)} fichier(s) différent(s) d'une construction à l'autre : {differing}"
    if (site / "pagefind").is_dir():
        assert pagefind_filters(site) == pagefind_filters(again)


def test_dates_come_from_the_data(site):
    data = load_catalog(ROOT).data
    newest = newest_update(data)
    assert newest is not None
    lastmods = set(re.findall(r"<lastmod>([^<]+)</lastmod>", (site / "sitemap.xml").read_text(encoding="utf-8")))
    # a practice's or a format's page: its entry's `updated` (hooks/reader.py); any other page: the newest
    updated = {
        e["updated"]
        for entries in data.values()
        for e in entries
        if isinstance(e, dict) and isinstance(e.get("updated"), str)
    }
    assert newest.isoformat() in lastmods and lastmods <= updated
    header = (site / "sitemap.xml.gz").read_bytes()[:10]
    (mtime,) = struct.unpack("<I", header[4:8])
    assert datetime.fromtimestamp(mtime, UTC).date() == newest
    assert gzip.decompress((site / "sitemap.xml.gz").read_bytes()) == (site / "sitemap.xml").read_bytes()


def test_newest_update_reads_every_catalogue():
    data = {
        "a": [{"updated": "2020-01-02"}, {"updated": "2024-05-06"}],
        "b": [{"id": "x"}],
        "c": [{"updated": "2023-12-31"}],
    }
    assert newest_update(data) == date(2024, 5, 6)
    assert newest_update({"a": []}) is None


def test_failed_build_keeps_the_previous_site(tmp_path):
    repo = copy_repo(tmp_path / "repo")
    first = build_site_script(repo)
    assert first.returncode == 0, first.stderr
    before = snapshot(repo / "site")
    assert "index.html" in before

    # A build that fails half-way (strict: a broken link in a page)…
    page = repo / "docs" / "reforme.md"
    original = page.read_text(encoding="utf-8")
    page.write_text(original + "\n[Une page qui n'existe pas](nexiste-pas.md)\n", encoding="utf-8")
    broken = build_site_script(repo)
    assert broken.returncode == 1
    assert "nexiste-pas.md" in broken.stderr and "le site précédent (site/) est conservé" in broken.stderr
    assert snapshot(repo / "site") == before

    # … and one stopped by invalid data, with the validator's FILE:LINE:COL.
    page.write_text(original, encoding="utf-8")
    data = repo / "data" / "practices.yaml"
    data.write_text(
        data.read_text(encoding="utf-8").replace("status: experimentee", "status: inventee", 1), encoding="utf-8"
    )
    invalid = build_site_script(repo)
    assert invalid.returncode == 1
    assert re.search(r"data/practices\.yaml:\d+:\d+: practices\[\d+\]\.status", invalid.stderr), invalid.stderr
    assert snapshot(repo / "site") == before
