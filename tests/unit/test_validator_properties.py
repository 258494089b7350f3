"""Robustness of the validator (property-based, hypothesis): whatever an editor's file holds —
random YAML, random bytes, the real catalogues damaged line by line — `check_data_dir`
never raises, never hangs, and answers only with FILE:LINE:COL errors inside the file.

Each check runs under a 10 s alarm, a guard against hangs (not a timing assertion).
"""

from __future__ import annotations

import re
import shutil
import signal
from contextlib import contextmanager
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from macros.pages.addresses import site_beside
from macros.validate.dataset import check_data_dir
from tests.support import ROOT

DATA, SCHEMAS = ROOT / "data", ROOT / "schemas"
FILES = sorted(p.name for p in DATA.glob("*.yaml"))
LINE = re.compile(r"^data/[a-z_]+\.yaml:(\d+):(\d+): \S")
INTERNAL = "erreur interne"
SETTINGS = settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


@contextmanager
def hang_guard(seconds: int = 10):
    def stop(signum, frame):
        raise TimeoutError(f"le validateur n'a pas répondu en {seconds} s")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@pytest.fixture(scope="module")
def tree(tmp_path_factory) -> Path:
    """A copy of data/ (root/data) the examples overwrite one file at a time."""
    root = tmp_path_factory.mktemp("props")
    shutil.copytree(DATA, root / "data")
    return root


def check_file(tree: Path, name: str, content: bytes) -> list:
    """Validate the tree with *name* replaced by *content*; assert the answer is well-formed."""
    path = tree / "data" / name
    path.write_bytes(content)
    try:
        with hang_guard():
            catalogues, errors = check_data_dir(tree / "data", SCHEMAS, root=tree, site=site_beside(SCHEMAS))
    finally:
        shutil.copy(DATA / name, path)
    assert isinstance(catalogues, dict)
    lines = max(1, content.count(b"\n") + 1)
    for error in errors:
        text = error.format()
        match = LINE.match(text)
        assert match, text
        assert INTERNAL not in text, text
        line, col = int(match.group(1)), int(match.group(2))
        assert line >= 1 and col >= 1, text
        if error.file == f"data/{name}":
            assert line <= lines + 1, f"{text} (le fichier a {lines} lignes)"
    return errors


# --- Mutations of the real catalogues ----------------------------------------------

INSERTS = [
    "\t",
    "!!python/object/apply:os.system ['true'] ",
    "!unknown ",
    "!!binary ",
    "&ancre ",
    "*ancre",
    "<<: *ancre\n",
    "? ",
    "- ",
    ": ",
    "{",
    "[",
    "]",
    "'",
    '"',
    "#",
    "%YAML 1.1\n",
    "---\n",
    "...\n",
    "\u00a0",
    "\ufeff",
    "\x00",
    "\x85",
    "\u2028",
    "é",
    "𝒜",
    "0o17",
    "1e9999",
    ".nan",
    "~",
    "yes",
    "2026-02-30",
]


@st.composite
def mutated(draw):
    name = draw(st.sampled_from(FILES))
    lines = (DATA / name).read_text(encoding="utf-8").splitlines(keepends=True)
    for _ in range(draw(st.integers(1, 4))):
        if not lines:
            lines = ["\n"]
        i = draw(st.integers(0, len(lines) - 1))
        kind = draw(st.sampled_from(["delete", "duplicate", "swap", "insert", "unicode", "indent", "truncate"]))
        line = lines[i]
        if kind == "delete":
            del lines[i]
        elif kind == "duplicate":
            lines.insert(i, line)
        elif kind == "swap" and len(line) > 2:
            j = draw(st.integers(0, len(line) - 2))
            lines[i] = line[:j] + line[j + 1] + line[j] + line[j + 2 :]
        elif kind == "insert":
            j = draw(st.integers(0, len(line)))
            lines[i] = line[:j] + draw(st.sampled_from(INSERTS)) + line[j:]
        elif kind == "unicode":
            j = draw(st.integers(0, len(line)))
            lines[i] = line[:j] + draw(st.text(max_size=12)) + line[j:]
        elif kind == "indent":
            lines[i] = draw(st.sampled_from([" ", "  ", "\t", "    "])) + line
        elif kind == "truncate":
            lines = lines[: i + 1]
            lines[i] = line[: draw(st.integers(0, len(line)))]
    return name, "".join(lines).encode("utf-8", "surrogatepass")


@SETTINGS
@given(case=mutated())
def test_mutated_catalogues_get_located_errors_never_a_crash(tree, case):
    name, content = case
    check_file(tree, name, content)


# --- Random documents ------------------------------------------------------------

scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30)
documents = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=25,
)


@SETTINGS
@given(name=st.sampled_from(FILES), body=documents, wrap=st.booleans())
def test_random_yaml_gets_located_errors_never_a_crash(tree, name, body, wrap):
    doc = {name.removesuffix(".yaml"): body} if wrap else body
    check_file(tree, name, yaml.safe_dump(doc, allow_unicode=True).encode("utf-8"))


@settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(name=st.sampled_from(FILES), content=st.binary(max_size=300))
def test_random_bytes_get_located_errors_never_a_crash(tree, name, content):
    assert check_file(tree, name, content), "random bytes are never a valid catalogue"


# --- Alias bomb -------------------------------------------------------------------


def test_alias_bomb_is_refused_with_its_line(tree):
    levels = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, 10):
        levels.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]")
    bomb = ("practices:\n  - " + "\n    ".join(levels) + "\n").encode()
    errors = check_file(tree, "practices.yaml", bomb)  # under the 10 s guard
    texts = [e.format() for e in errors if e.file == "data/practices.yaml"]
    assert texts and all(re.match(r"data/practices\.yaml:\d+:\d+: ", t) for t in texts)
    assert any("alias" in t or "ancre" in t for t in texts), texts
    assert len(texts) <= 25, "an alias bomb is summarised, not reported alias by alias"
