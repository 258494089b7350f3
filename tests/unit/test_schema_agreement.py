"""jsonschema-rs (the fast pass) and jsonschema (the explanations) give the same verdict on every entry.

The validator asks jsonschema-rs « valid? » and lets jsonschema explain only what
it refuses (macros/validate/schema_check.py): if the two disagreed, a bad entry could be
published unexplained, or a good one refused without a message. Both are given
the same formats (« partial-date » included) and read patterns as ECMA-262. Checked
here on every YAML file of tests/fixtures/ (valid and invalid), on the shipped
data, and on entries generated from the schemas (hypothesis, derandomised): the
hostile contributions of tests/support/hostile.py written as YAML and loaded as the
validator loads them, and raw texts put into each text field of a real entry.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from macros.core.errors import DataErrors
from macros.load.reader import load_catalogue
from macros.validate.schema_check import _verdict, schema_set
from tests.support import ROOT
from tests.support.hostile import emit, entries

SCHEMAS = ROOT / "schemas"
FIXTURES = ROOT / "tests" / "fixtures"
SETS = schema_set(SCHEMAS)
REAL = {
    name: load_catalogue((ROOT / "data" / f"{name}.yaml").read_bytes(), f"data/{name}.yaml", name).data[name]
    for name in SETS.catalogues
}
# A catalogue the shipped data leaves empty gets one valid entry of its own, so every
# catalogue's text fields are tried (the shipped data declares no redirect yet).
SAMPLES = {
    "redirects": [
        {
            "id": "ancienne-page",
            "from": "ancienne-page/",
            "to": "reforme/",
            "reason": "Page renommée.",
            "updated": "2026-11-23",
        }
    ]
}
ENTRIES = {name: REAL[name] or SAMPLES.get(name, []) for name in SETS.catalogues}
HYPOTHESIS = settings(
    max_examples=30,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def verdicts(name: str, doc) -> tuple[bool, bool]:
    """(jsonschema-rs, jsonschema) on a whole document of catalogue *name*."""
    cat = SETS.catalogues[name]
    return _verdict(cat.fast, doc), cat.validator.is_valid(doc)


def entry_verdicts(name: str, entry) -> tuple[bool, bool]:
    """(jsonschema-rs's one-entry predicate, jsonschema) on one entry."""
    cat = SETS.catalogues[name]
    return _verdict(cat.item_fast, entry), cat.validator.is_valid({name: [entry]})


def test_every_catalogue_has_both_passes():
    assert SETS.catalogues and all(c.fast is not None and c.item_fast is not None for c in SETS.catalogues.values())


def _documents(folder: Path):
    for path in sorted(folder.rglob("*.yaml")):
        name = path.stem
        if name not in SETS.catalogues:
            continue
        try:
            yield name, path, load_catalogue(path.read_bytes(), str(path), name).data
        except DataErrors:  # not YAML the loader accepts: the schemas never see it
            continue


@pytest.mark.parametrize(
    "folder", [FIXTURES / "valid", FIXTURES / "invalid", ROOT / "data"], ids=["valid", "invalid", "data"]
)
def test_same_verdict_on_fixtures_and_shipped_data(folder):
    documents = list(_documents(folder))
    assert documents
    refused = 0
    for name, path, doc in documents:
        fast, slow = verdicts(name, doc)
        assert fast == slow, path
        refused += not slow
        for entry in doc.get(name) or [] if isinstance(doc, dict) and isinstance(doc.get(name), list) else []:
            fast, slow = entry_verdicts(name, entry)
            assert fast == slow, (path, entry)
    if folder.name == "invalid":
        assert refused >= 20  # the fixtures do exercise refusals
    else:
        assert refused == 0


@pytest.mark.parametrize("name", sorted(SETS.catalogues))
def test_same_verdict_on_generated_hostile_entries(name):
    """Entries drawn from the schema, most with one hostile value, written as YAML and loaded."""
    seen = {"valid": 0, "invalid": 0}

    @HYPOTHESIS
    @given(entry=entries(SCHEMAS, name, REAL))
    def check(entry):
        try:
            doc = load_catalogue(f"{name}:\n" + emit(entry), f"data/{name}.yaml", name).data
        except DataErrors:
            return
        fast, slow = verdicts(name, doc)
        assert fast == slow, doc
        seen["valid" if slow else "invalid"] += 1

    check()
    assert seen["invalid"] > 0


# Texts where JSON Schema's regexes (ECMA-262) and Python's differ: Unicode digits and letters, the
# spaces one counts as white space and the other not, a final line feed, controls, BOM.
TRICKY = st.sampled_from(
    [
        "٢٠١٧",
        "２０１７",
        "é",
        "\x1c",
        "\x1f",
        "\x85",
        "\ufeff",
        "\u00a0",
        "\u2028",
        "\u3000",
        "\n",
        "\t",
        "\r\n",
        "\x00",
        "\u200b",
        "<",
        "< b",
        "<\ufeffb",
        "javascript:",
        "ß",
        "İ",
        "-",
        " ",
    ]
)
TEXTS = st.lists(
    st.one_of(TRICKY, st.text(max_size=4), st.sampled_from(["2014", "2014-12-15", "stage", "https://exemple.fr"])),
    max_size=5,
).map("".join)


def _text_fields(entry: dict, prefix: tuple = ()) -> list[tuple]:
    """Paths of the texts of *entry* (nested ones included)."""
    out = []
    for key, v in entry.items():
        if isinstance(v, str):
            out.append(prefix + (key,))
        elif isinstance(v, dict):
            out += _text_fields(v, prefix + (key,))
        elif isinstance(v, list):
            for i, item in enumerate(v[:2]):
                if isinstance(item, str):
                    out.append(prefix + (key, i))
                elif isinstance(item, dict):
                    out += _text_fields(item, prefix + (key, i))
    return out


def _replace(value, path: tuple, new):
    if not path:
        return new
    copy = dict(value) if isinstance(value, dict) else list(value)
    copy[path[0]] = _replace(value[path[0]], path[1:], new)
    return copy


@pytest.mark.parametrize("name", sorted(SETS.catalogues))
def test_same_verdict_on_tricky_texts_in_every_text_field(name):
    """A real entry with one of its texts replaced: patterns, lengths and formats read alike."""
    assert ENTRIES[name], f"data/{name}.yaml is empty: give the test a sample entry (SAMPLES)"
    assert entry_verdicts(name, ENTRIES[name][0]) == (True, True), "the sample entry must be valid"
    targets = [(i, path) for i, e in enumerate(ENTRIES[name][:3]) for path in _text_fields(e)]

    @HYPOTHESIS
    @given(target=st.sampled_from(targets), text=TEXTS)
    def check(target, text):
        i, path = target
        entry = _replace(ENTRIES[name][i], path, text)
        fast, slow = entry_verdicts(name, entry)
        assert fast == slow, (path, text)
        assert verdicts(name, {name: [entry]}) == (slow, slow)

    check()


FRAGMENTS = [
    "٢٠١٧",
    "é",
    "\x1c",
    "\x85",
    "\ufeff",
    "\u00a0",
    "\u2028",
    "\n",
    "\t",
    "\x00",
    "<\ufeffb",
    "< b",
    "javascript:",
]


@pytest.mark.parametrize("name", sorted(SETS.catalogues))
def test_same_verdict_with_each_tricky_fragment_around_each_text(name):
    """Every text of the first entry, with each fragment before it, after it, inside it, or alone."""
    checked = 0
    for entry in REAL[name][:1]:
        for path in _text_fields(entry):
            old = entry
            for step in path:
                old = old[step]
            for piece in FRAGMENTS:
                for text in (piece + old, old + piece, old[:4] + piece + old[4:], piece):
                    fast, slow = entry_verdicts(name, _replace(entry, path, text))
                    assert fast == slow, (path, text)
                    checked += 1
    assert checked or not REAL[name]
