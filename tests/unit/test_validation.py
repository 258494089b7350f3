"""The data validator: French, located, complete error lines, and never a traceback.

Data-driven corpus: each folder of tests/fixtures/invalid/ holds the data
files that differ from the small valid set tests/fixtures/valid/data/ (and
optionally absent.txt: files to remove), checked against the real schemas/.
Its expected.txt lists every expected error, one per line:

    FILE:LINE:COL: fragment … fragment

The location must match exactly, every fragment (separated by « … ») must
appear in the error line (no-break spaces count as spaces), and there must be
exactly as many errors as lines: all errors at once, no cascades.
"""

from __future__ import annotations

import os
import random
import re
import shutil
import threading
from pathlib import Path

import pytest

from macros.core.errors import DataError, DataErrors
from macros.load.reader import load_catalogue, load_yaml
from macros.pages.addresses import site_beside
from macros.schema.patterns import pattern_kind
from macros.validate.dataset import check_data_dir
from macros.validate.schema_check import schema_set
from tests.support import ROOT
from tests.support.trees import FIXTURES, SCHEMAS, VALID, make_tree, norm

CASES = sorted(p for p in (FIXTURES / "invalid").iterdir() if p.is_dir())

# Skipped only outside CI, before schemas/ and data/ exist; in CI (env CI set) they must be there.
needs_schemas = pytest.mark.skipif(
    not (SCHEMAS / "_defs.schema.json").exists() and not os.environ.get("CI"), reason="schemas/ absent"
)


def expected_lines(case: Path) -> list[tuple[str, list[str]]]:
    out = []
    for line in (case / "expected.txt").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        m = re.match(r"^(\S+?:\d+:\d+): (.*)$", line)
        assert m, f"ligne mal formée dans {case.name}/expected.txt : {line!r}"
        out.append((m.group(1), [f for f in m.group(2).split(" … ") if f]))
    return out


# --- The corpus ---------------------------------------------------------------


@needs_schemas
def test_valid_fixture_is_valid(tmp_path):
    catalogues, errors = check_data_dir(make_tree(tmp_path), SCHEMAS, root=tmp_path, site=site_beside(SCHEMAS))
    assert [e.format() for e in errors] == []
    assert len(catalogues) == len(list(SCHEMAS.glob("[!_]*.schema.json")))


@needs_schemas
@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_invalid_case(case, tmp_path):
    data = make_tree(tmp_path, case)
    _, errors = check_data_dir(data, SCHEMAS, root=tmp_path, site=site_beside(SCHEMAS))
    got = [norm(e.format()) for e in errors]
    expected = expected_lines(case)
    shown = "\n".join(got)
    assert len(got) == len(expected), f"{len(got)} erreur(s) au lieu de {len(expected)} :\n{shown}"
    for (where, fragments), line in zip(expected, got):
        assert line.startswith(where + ": "), f"attendu en {where} :\n{shown}"
        for fragment in fragments:
            assert norm(fragment) in line, f"{fragment!r} absent de :\n{line}"


def finishes(fn, *args, timeout: float = 10.0):
    """*fn(*args)* run in a daemon thread: its result (or exception), or a failure if it hangs.

    A guard against hangs (an alias bomb expanded, an endless loop), not a
    speed measure: speed belongs to bench/, and the limit is far above the
    normal time so that a loaded machine never makes it fail.
    """
    box: dict = {}

    def run():
        try:
            box["result"] = fn(*args)
        except BaseException as exc:  # noqa: BLE001 - handed to the test's thread
            box["error"] = exc

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(timeout)
    if worker.is_alive():
        pytest.fail(f"{fn.__name__} n'a pas rendu la main en {timeout:.0f} s : blocage (alias développés ?)")
    if "error" in box:
        raise box["error"]
    return box["result"]


@needs_schemas
def test_an_entry_renamed_under_a_link_of_a_hand_written_page_is_refused(tmp_path):
    """docs/reforme.md links to references.md#plan-action-interministeriel-2015: renaming that entry
    would leave the link dead (MkDocs only notes a missing anchor): the validator says where."""
    for name in ("docs", "schemas", "overrides", "data"):
        shutil.copytree(ROOT / name, tmp_path / name)
    references = tmp_path / "data" / "references.yaml"
    text = references.read_text(encoding="utf-8")
    assert text.count("id: plan-action-interministeriel-2015") == 1
    references.write_text(text.replace("id: plan-action-interministeriel-2015", "id: plan-2015"), encoding="utf-8")
    _, errors = check_data_dir(
        tmp_path / "data", tmp_path / "schemas", root=tmp_path, site=site_beside(tmp_path / "schemas")
    )
    assert [norm(e.format()) for e in errors] == [
        "docs/reforme.md:104:94: lien : le lien vers « references.md#plan-action-interministeriel-2015 » mène à une "
        "ancre qui n'existe pas : aucune entrée de data/references.yaml n'a l'identifiant "
        "« plan-action-interministeriel-2015 », et la page n'a pas de rubrique de ce nom ; si vous avez renommé ou "
        "retiré cette entrée, corrigez ce lien (ou gardez l'ancien identifiant)"
    ]


ANCHOR = "les ancres et alias ne sont pas acceptés, écrivez chaque valeur en entier"
ALIAS = "les ancres et alias ne sont pas acceptés, recopiez la valeur en entier à cet endroit"


@needs_schemas
def test_alias_bomb_refused_without_hanging(tmp_path):
    data = make_tree(tmp_path, FIXTURES / "invalid" / "alias-bomb")
    _, errors = finishes(check_data_dir, data, SCHEMAS, tmp_path)
    assert [norm(e.format()) for e in errors] == [
        norm(line)
        for line in (
            f"data/partners.yaml:1:6: ancre YAML « &a » refusée : {ANCHOR}",
            f"data/partners.yaml:2:7: ancre YAML « &b » refusée : {ANCHOR}",
            f"data/partners.yaml:2:11: alias YAML « *a » refusé : {ALIAS}",
            "data/partners.yaml:2:11: … et 79 autres erreurs dans ce fichier",
        )
    ]


def test_alias_bomb_loader_alone_refused_without_hanging():
    # 30 levels of 9 aliases each: 9**30 « lol » if anything expanded them
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 30):
        lines.append(f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}" if i > 1 else "*a"] * 9) + "]")
    with pytest.raises(DataErrors) as exc:
        finishes(load_yaml, "\n".join(lines), "bomb.yaml")
    assert [norm(e.format()) for e in exc.value.errors] == [
        norm(line)
        for line in (
            f"bomb.yaml:1:4: ancre YAML « &a » refusée : {ANCHOR}",
            f"bomb.yaml:2:5: ancre YAML « &a1 » refusée : {ANCHOR}",
            f"bomb.yaml:2:10: alias YAML « *a » refusé : {ALIAS}",
            "bomb.yaml:2:10: … et 288 autres erreurs dans ce fichier",  # 30 anchors + 261 aliases - 3 shown
        )
    ]


# --- Loader details -------------------------------------------------------------


def test_dates_stay_strings_and_positions():
    loaded = load_catalogue(
        "practices:\n  - id: x\n    updated: 2024-01-05\n    year: 2017\n    ok: true\n", "p.yaml", "practices"
    )
    entry = loaded.data["practices"][0]
    assert entry == {"id": "x", "updated": "2024-01-05", "year": 2017, "ok": True}
    assert loaded.positions.value(("practices", 0, "updated")) == (3, 14)
    assert loaded.positions.key(("practices", 0, "updated")) == (3, 5)
    assert loaded.positions.value(("practices", 0)) == (2, 5)
    # a missing path falls back to its nearest ancestor
    assert loaded.positions.value(("practices", 0, "absent")) == (2, 5)


def test_huge_and_deep_input_refused():
    with pytest.raises(DataErrors) as exc:
        load_yaml(b"a: " + b"x" * (65 * 1024 * 1024), "big.yaml")
    assert "trop volumineux" in exc.value.errors[0].message
    with pytest.raises(DataErrors) as exc:
        load_yaml("[" * 200_000 + "]" * 200_000, "deep.yaml")
    assert "imbrication trop profonde" in exc.value.errors[0].message


def test_garbage_never_raises_anything_but_data_errors():
    rng = random.Random(20241123)
    alphabet = b"ab:- \n\t[]{}&*!|>'\"#%@`,?\x00\xc3\xa9\xe9\xff"
    for _ in range(400):
        raw = bytes(rng.choice(alphabet) for _ in range(rng.randint(0, 60)))
        try:
            load_catalogue(raw, "x.yaml", "practices")
        except DataErrors as exc:
            assert exc.errors and all(isinstance(e, DataError) for e in exc.errors)


def test_error_format_and_github_annotation():
    e = DataError("data/practices.yaml", 42, 7, "practices[3].diplomas[0]", "« XYZ » n'est pas un diplôme connu")
    assert e.format() == "data/practices.yaml:42:7: practices[3].diplomas[0] : « XYZ » n'est pas un diplôme connu"
    assert (
        e.github()
        == "::error file=data/practices.yaml,line=42,col=7::practices[3].diplomas[0] : « XYZ » n'est pas un diplôme connu"
    )
    assert (
        DataError("a,b:c.yaml", 1, 1, "", "100%\nfin").github()
        == "::error file=a%2Cb%3Ac.yaml,line=1,col=1::100%25%0Afin"
    )
    assert (
        sorted([DataError("b", 1, 1, "", ""), DataError("a", 9, 1, "", ""), DataError("a", 2, 5, "", "")])[0].line == 2
    )


def test_pattern_kinds_are_recognised_from_the_regex():
    assert pattern_kind("^[a-z0-9]+(-[a-z0-9]+)*$") == "slug"
    assert pattern_kind("^https?://[^\\s]+$") == "url"
    assert pattern_kind("^\\d{4}-\\d{2}-\\d{2}$") == "date"
    assert pattern_kind("^\\d{4}(-\\d{2}(-\\d{2})?)?$") == "partial-date"
    assert pattern_kind("^[A-Z]{2,10}$") == "upper"
    assert pattern_kind("^[A-Z]{4}\\d{7}[A-Z]$") is None


# --- Rules come from the data and the schemas -----------------------------------


@needs_schemas
def test_valid_values_come_from_the_data(tmp_path):
    data = make_tree(tmp_path, FIXTURES / "invalid" / "unknown-glossary-diploma")
    _, errors = check_data_dir(data, SCHEMAS, root=tmp_path, site=site_beside(SCHEMAS))
    assert len(errors) == 1
    text = (data / "diplomas.yaml").read_text(encoding="utf-8")
    entry = text.split("\n  - id: eje")[0].split("diplomas:\n", 1)[1]
    (data / "diplomas.yaml").write_text(
        text
        + entry.replace("id: ass", "id: caferuis").replace("code: ASS", "code: CAFERUIS").replace("DEASS", "CAFERUIS"),
        encoding="utf-8",
    )
    _, errors = check_data_dir(data, SCHEMAS, root=tmp_path, site=site_beside(SCHEMAS))
    assert [e.format() for e in errors] == []


def _mutations(entry: dict, rng: random.Random):
    """Variants of a valid entry: each breaks (or keeps) it in one small way."""
    junk = [
        None,
        "",
        "X Y",
        "javascript:x",
        "2023-02-30",
        3,
        2.5,
        True,
        [],
        {},
        ["a", "a"],
        {"z": 1},
        "<b>",
        "ok-slug",
        "ASS",
    ]
    keys = list(entry)
    for _ in range(30):
        e = dict(entry)
        op = rng.randrange(5)
        k = rng.choice(keys)
        if op == 0:
            e[k] = rng.choice(junk)
        elif op == 1:
            del e[k]
        elif op == 2:
            e[rng.choice(["extra", k + "s", "Title"])] = "x"
        elif op == 3 and isinstance(e[k], list):
            e[k] = e[k] + [rng.choice(junk)]
        elif op == 4 and isinstance(e[k], dict):
            sub = dict(e[k])
            if sub:
                sk = rng.choice(list(sub))
                sub[sk] = rng.choice(junk)
            e[k] = sub
        yield e


@needs_schemas
@pytest.mark.parametrize("data_dir", [VALID, ROOT / "data"], ids=["fixture", "real"])
def test_fast_predicate_agrees_with_jsonschema(data_dir):
    """The compiled predicate never accepts what jsonschema refuses (and agrees when exact)."""
    if not data_dir.exists() and not os.environ.get("CI"):
        pytest.skip("data/ absent")
    schemas = schema_set(SCHEMAS)
    rng = random.Random(7)
    checked = 0
    for name, cat in schemas.catalogues.items():
        path = data_dir / f"{name}.yaml"
        if not path.exists() or cat.fast is None:
            continue
        doc = load_catalogue(path.read_bytes(), str(path), name).data
        for entry in doc[name][:8]:
            for variant in [entry, *_mutations(entry, rng)]:
                candidate = {name: [variant]}
                truth = cat.validator.is_valid(candidate)
                fast = cat.fast(candidate)
                assert not (fast and not truth), (name, variant)
                assert fast == truth, (name, variant)  # our schemas only use exact keywords
                checked += 1
    assert checked > 100


@needs_schemas
def test_partial_dates_same_verdict_on_both_paths():
    """Format « partial-date »: a real year, month or day; jsonschema and the fast predicate agree."""
    schemas = schema_set(SCHEMAS)
    cat = schemas.catalogues["references"]
    assert cat.fast is not None
    entry = load_catalogue((VALID / "references.yaml").read_bytes(), "references.yaml", "references").data[
        "references"
    ][0]
    real = ["2014", "2014-12", "2014-12-15", "2024-02-29", "2000-02-29", "0001"]
    wrong = [
        "2023-02-30",
        "2021-02-29",
        "1900-02-29",
        "2014-04-31",
        "0000",
        "0000-01",
        "2014-13",
        "2014-00",
        "2014-1",
        "15/12/2014",
        "2014-12-15\n",
    ]
    for value in real + wrong:
        candidate = {"references": [{**entry, "date": value}]}
        assert cat.validator.is_valid(candidate) == (value in real), value
        assert cat.fast(candidate) == (value in real), value


@needs_schemas
def test_entry_by_entry_path_gives_the_same_errors(tmp_path, monkeypatch):
    """With many entries only the failing ones go to jsonschema: same errors, right indexes."""
    data = make_tree(tmp_path)
    text = (data / "practices.yaml").read_text(encoding="utf-8")
    first = text.split("\n  - id: exemple-pmi")[0].split("practices:\n", 1)[1]
    extra = "".join(first.replace("id: stage-thematique", f"id: copie-{i}") + "\n" for i in range(40))
    extra = extra.replace("id: copie-17\n", "id: Copie 17\n").replace("year: 2017\n", 'year: "2017"\n', 1)
    extra = extra.replace(
        "id: copie-30\n    title: Un stage sur deux sites\n    kind: experimentation\n",
        "id: copie-30\n    title: Un stage sur deux sites\n    kind: experimentatoin\n",
    )
    (data / "practices.yaml").write_text(text + extra, encoding="utf-8")
    _, fast_errors = check_data_dir(data, SCHEMAS, root=tmp_path, site=site_beside(SCHEMAS))
    schemas = schema_set(SCHEMAS)
    doc = load_catalogue((data / "practices.yaml").read_bytes(), "data/practices.yaml", "practices")
    cat = schemas.catalogues["practices"]
    # jsonschema alone, on the whole document; the compiled schemas are shared (cached by content):
    # monkeypatch puts the fast passes back for the tests that follow
    monkeypatch.setattr(cat, "fast", None)
    monkeypatch.setattr(cat, "item_fast", None)
    slow = schemas.check("practices", doc.data, doc.positions, "data/practices.yaml")
    assert sorted(e.format() for e in fast_errors if e.file == "data/practices.yaml") == sorted(
        e.format() for e in slow
    )
    # indexes of the whole list, one error per value
    assert {e.path for e in slow} == {"practices[2].year", "practices[19].id", "practices[32].kind"}


@needs_schemas
def test_schema_without_data_and_data_without_schema(tmp_path):
    data = make_tree(tmp_path)
    schemas = tmp_path / "schemas"
    shutil.copytree(SCHEMAS, schemas)
    shutil.copy(schemas / "partners.schema.json", schemas / "extra.schema.json")
    (data / "notes.yaml").write_text("notes: []\n", encoding="utf-8")
    _, errors = check_data_dir(data, schemas, root=tmp_path, site=site_beside(schemas))
    text = "\n".join(norm(e.format()) for e in errors)
    assert "data/extra.yaml:1:1: fichier manquant" in text
    assert "data/notes.yaml:1:1: fichier de données inattendu" in text


def test_broken_schema_is_reported_not_raised(tmp_path):
    schemas = tmp_path / "schemas"
    schemas.mkdir()
    (schemas / "things.schema.json").write_text('{"type": "object",\n "properties": {', encoding="utf-8")
    (schemas / "other.schema.json").write_text('{"type": "strnig"}', encoding="utf-8")
    data = tmp_path / "data"
    data.mkdir()
    (data / "things.yaml").write_text("things: []\n", encoding="utf-8")
    _, errors = check_data_dir(data, schemas, root=tmp_path, site=site_beside(schemas))
    text = "\n".join(e.format() for e in errors)
    assert "schemas/things.schema.json:2:" in text and "schéma JSON invalide" in text
    assert "schemas/other.schema.json:1:1:" in text


# --- The command line ---------------------------------------------------------------


def test_cli_internal_error_exit_2_without_traceback(tmp_path, monkeypatch, capsys):
    from scripts import validate_data

    def boom(*args, **kwargs):
        raise RuntimeError("panne simulée")

    monkeypatch.setattr("macros.validate.dataset.check_data_dir", boom)
    assert validate_data.main(["--data", str(tmp_path)]) == 2
    captured = capsys.readouterr()
    assert "Traceback" not in captured.out + captured.err
    assert "Erreur interne du validateur" in captured.err


@pytest.mark.parametrize(
    "text",
    [
        "%YAML 1.3\n---\npractices: []\n",  # a directive
        "%FOO bar\n---\npractices: []\n",
        "practices:\n  - &  a\n",  # an anchor without its name
        "practices:\n  - id: * a\n",  # an alias without its name
        "practices:\n  - !<a b\n",  # a tag left open
        "practices:\n  - id: [a, b\n",
        "practices:\n  - id: 'abc\n",
        "practices:\n  - id: a\n   title: b\n",
    ],
)
def test_yaml_syntax_errors_are_explained_in_french(text):
    """libyaml's English is only the last resort (« détail technique »): the mistakes an editor can
    make get a French explanation of what to change."""
    try:
        errors = load_catalogue(text.encode(), "data/practices.yaml", "practices").errors
    except DataErrors as exc:
        errors = exc.errors
    assert errors and all("détail technique" not in e.format() for e in errors), [e.format() for e in errors]
