"""What validates, builds (issue 14, rule 1): a property test over hostile contributions.

Hypothesis draws batches of entries from the schemas (tests/support/hostile.py), for ten
catalogues at once: allowed values, and in most entries one field given what a
stranger could try — control and bidi characters, javascript:/data:/vbscript: links,
images from another host, raw HTML, Jinja braces, huge values, reserved ids and
addresses, YAML-special scalars written bare. Each batch is appended to a copy of
data/ and validated; the entries the validator refuses are dropped (that is its job)
and the rest validated again. Every entry that passes is then built, and the claim
checked: the strict build passes, no page makes a reader's browser call another host
(src, srcset, poster, data, <link href>, CSS url() and @import), no link written from
the site's root (« /reforme.md ») is left unresolved, the Atom feed parses as XML, no
CSV cell starts like a formula, and no entry took the address of something else (the
practices listing and the editor are still theirs, each new practice is at
/pratiques/<id>/, each redirect at its own address).

Budget (about 60 s on 2 cores): validating a batch takes under a second, a strict build
of the copy 6 to 10 s. So many batches are validated (40 examples, derandomised, no
database) and the entries that pass all of them are built together, once. Should that
build fail, the entries are halved until one small set fails alone (a few more builds,
only then), and that set is shown.
"""

from __future__ import annotations

import csv
import io
import re
import shutil
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from macros.exports.open_data import FORMULA_START
from macros.pages.addresses import site_beside
from macros.validate.dataset import check_data_dir
from tests.support import ROOT
from tests.support.hostile import Raw, emit, entries
from tests.support.sitecopy import copy_repo, mkdocs_build

PLAN = (
    ("practices", 4),
    ("formats", 1),
    ("testimonials", 3),
    ("glossary", 3),
    ("references", 2),
    ("partners", 1),
    ("sources", 1),
    ("diplomas", 1),
    ("redirects", 2),
    ("form_blocks", 1),
)
SITE_HOST = "127.0.0.1:8000"  # mkdocs.yml's default site_url: the site's own address in the copy
_CATALOGUES, _ = check_data_dir(ROOT / "data", ROOT / "schemas", root=ROOT, site=site_beside(ROOT / "schemas"))


@st.composite
def batches(draw):
    return [(name, draw(entries(ROOT / "schemas", name, _CATALOGUES))) for name, n in PLAN for _ in range(n)]


@pytest.fixture(scope="module")
def repo(tmp_path_factory) -> Path:
    return copy_repo(tmp_path_factory.mktemp("validates-builds") / "repo")


def write(repo: Path, batch: list[tuple[str, dict]]) -> dict[tuple[str, int], tuple[int, int]]:
    """Append *batch* to the copy's data (from the real files); {(catalogue, index in batch): (first line, last line)}."""
    where = {}
    for name in {n for n, _ in PLAN}:
        text = (ROOT / "data" / f"{name}.yaml").read_text(encoding="utf-8").rstrip("\n")
        if any(n == name for n, _ in batch):
            text = text.replace(f"{name}: []", f"{name}:")
        line = text.count("\n") + 2
        for i, (n, entry) in enumerate(batch):
            if n != name:
                continue
            block = emit(entry)
            text += "\n" + block.rstrip("\n")
            where[(name, i)] = (line, line + block.count("\n") - 1)
            line += block.count("\n")
        (repo / "data" / f"{name}.yaml").write_text(text + "\n", encoding="utf-8")
    return where


def culprit(error, where: dict, batch: list) -> int | None:
    """The batch entry an error is about (by its index in the file, else by its line)."""
    name = error.file.removeprefix("data/").removesuffix(".yaml")
    m = re.match(rf"{name}\[(\d+)\]", error.path)
    originals = len(_CATALOGUES.get(name, []))
    if m and int(m.group(1)) >= originals:
        mine = [i for i, (n, _) in enumerate(batch) if n == name]
        k = int(m.group(1)) - originals
        return mine[k] if k < len(mine) else None
    for (n, i), (first, last) in where.items():
        if n == name and first <= error.line <= last:
            return i
    return None


def valid_subset(repo: Path, batch: list) -> list:
    """The entries of *batch* left once every entry the validator refuses is dropped (all data then valid)."""
    for _ in range(12):
        where = write(repo, batch)
        _, errors = check_data_dir(repo / "data", repo / "schemas", root=repo, site=site_beside(repo / "schemas"))
        if not errors:
            return batch
        bad = {culprit(e, where, batch) for e in errors if not e.message.startswith("… et ")}
        assert None not in bad, "an error on the shipped data:\n" + "\n".join(e.format() for e in errors[:10])
        batch = [b for i, b in enumerate(batch) if i not in bad]
    pytest.fail("the validator kept refusing new entries of the same batch")


class _Requests(HTMLParser):
    """Every URL a page makes the browser fetch by itself (not links a reader may follow)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []
        self._style = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        for name in ("src", "poster", "data", "background"):
            if a.get(name):
                self.urls.append(a[name])
        if a.get("srcset"):
            self.urls += [part.strip().split(" ")[0] for part in a["srcset"].split(",") if part.strip()]
        if tag == "link" and a.get("href"):
            self.urls.append(a["href"])
        if a.get("style"):
            self.urls += _css_urls(a["style"])
        self._style = tag == "style"

    def handle_endtag(self, tag):
        self._style = False

    def handle_data(self, data):
        if self._style:
            self.urls += _css_urls(data)


def _css_urls(css: str) -> list[str]:
    return [m.group(1) or m.group(2) for m in re.finditer(r"""url\(\s*['"]?([^'")\s]+)|@import\s+['"]([^'"]+)""", css)]


def offsite(site: Path) -> list[str]:
    """(page, URL) of every request a built page would send to another host."""
    found = []
    for page in sorted(site.rglob("*.html")):
        parser = _Requests()
        parser.feed(page.read_text(encoding="utf-8", errors="replace"))
        for url in parser.urls:
            parts = urlsplit(url.strip())
            if (parts.scheme in ("http", "https", "ftp") or url.strip().startswith("//")) and parts.netloc != SITE_HOST:
                found.append(f"{page.relative_to(site)}: {url}")
    return found


def survivors(repo: Path) -> list:
    """The entries of 40 generated batches that the validator accepts."""
    kept: list = []

    @settings(
        max_examples=40,
        derandomize=True,
        database=None,
        deadline=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example],
    )
    @given(batch=batches())
    def validate(batch):
        kept.extend(valid_subset(repo, batch))

    validate()
    return valid_subset(repo, _unique_ids(kept))


def _text(value) -> str:
    return value.text if isinstance(value, Raw) else str(value)


def _unique_ids(entries: list) -> list:
    """The first entry of each (catalogue, id): two batches may draw the same id."""
    seen, out = set(), []
    for name, entry in entries:
        key = (name, _text(entry.get("id")))
        if key not in seen:
            seen.add(key)
            out.append((name, entry))
    return out


def problems(repo: Path, site: Path, kept: list) -> str | None:
    """Why building *kept* breaks a promise, or None."""
    valid_subset(repo, kept)  # writes them (all valid)
    shutil.rmtree(site, ignore_errors=True)
    result = mkdocs_build(repo, site)
    if result.returncode != 0:
        return f"validated, yet the strict build fails:\n{result.stderr[-3000:]}"
    calls = offsite(site)
    if calls:
        return "calls to another host:\n" + "\n".join(calls[:20])
    for page in site.rglob("*.html"):  # « /reforme.md » made relative everywhere (Markdown and listings)
        left = re.findall(r'(?:href|src)="/[^"]*\.md[#"]', page.read_text(encoding="utf-8"))
        if left:
            return f"{page.relative_to(site)}: a link from the site's root was left as written: {left[:3]}"
    try:
        ET.fromstring((site / "feed.xml").read_bytes())
    except ET.ParseError as exc:
        return f"feed.xml is not well-formed XML: {exc}"
    for path in (site / "donnees").glob("*.csv"):
        for row in csv.reader(io.StringIO(path.read_text(encoding="utf-8"))):
            if any(cell.startswith(FORMULA_START) for cell in row):
                return f"{path.name}: a cell starts like a formula: {row}"
    if "Pratiques et expérimentations" not in (site / "pratiques" / "index.html").read_text(encoding="utf-8"):
        return "the practices listing was replaced"
    if 'src="intro.js"' not in (site / "admin" / "index.html").read_text(encoding="utf-8"):
        return "the web editor was replaced"
    for name, entry in kept:
        entry_id, source = _text(entry.get("id")), _text(entry.get("from"))
        if name == "practices" and not (site / "pratiques" / entry_id / "index.html").is_file():
            return f"practice {entry_id!r} is not at /pratiques/{entry_id}/"
        if name == "redirects":
            page = site / source.strip("/") / "index.html"
            if not page.is_file() or 'http-equiv="refresh"' not in page.read_text(encoding="utf-8"):
                return f"redirect from {source!r} was not written"
    return None


def test_what_validates_builds_and_calls_no_other_host(repo, tmp_path):
    kept = survivors(repo)
    names = {n for n, _ in kept}
    assert len(kept) >= 60 and len(names) >= 8, f"too few entries passed validation to test anything: {len(kept)}"
    site = tmp_path / "site"
    found = problems(repo, site, kept)
    while found and len(kept) > 1:  # find a small set that fails alone
        half = len(kept) // 2
        for part in (kept[:half], kept[half:]):
            why = problems(repo, site, part)
            if why:
                kept, found = part, why
                break
        else:
            break
    shown = "\n".join(f"{n}:\n{emit(e)}" for n, e in kept)
    assert found is None, f"{found}\n--- {len(kept)} entries, all accepted by the validator:\n{shown}"


def test_offsite_scan_finds_what_it_must(tmp_path):
    """The scan above is not blind: each way a page can call another host is caught."""
    (tmp_path / "a.html").write_text(
        '<img src="https://evil.example/1.png"><img srcset="/x.png 1x, //evil.example/2.png 2x">'
        '<video poster="http://evil.example/3.jpg"></video><object data="https://evil.example/4"></object>'
        '<link rel="stylesheet" href="https://evil.example/5.css"><div style="background:url(https://evil.example/6)"></div>'
        '<style>@import "https://evil.example/7.css"; b{background:url(//evil.example/8)}</style>'
        '<a href="https://exemple.fr/">a link is not a request</a><img src="../assets/x.png"><img src="http://127.0.0.1:8000/y.png">',
        encoding="utf-8",
    )
    assert [u.split(": ", 1)[1] for u in offsite(tmp_path)] == [
        "https://evil.example/1.png",
        "//evil.example/2.png",
        "http://evil.example/3.jpg",
        "https://evil.example/4",
        "https://evil.example/5.css",
        "https://evil.example/6",
        "https://evil.example/7.css",
        "//evil.example/8",
    ]
