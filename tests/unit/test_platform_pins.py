"""The platform's rules read from the repository: MkDocs stays below 2, and the end-of-life notice of
Material for MkDocs is hidden in one place only (README « Plateforme »; the ProperDocs build:
tests/acceptance/test_platform.py)."""

from __future__ import annotations

from importlib.metadata import version

from packaging.specifiers import SpecifierSet

from tests.support import ROOT

MKDOCS_RANGE = SpecifierSet(">=1.6,<2")  # 2.0 drops plugins and refuses mkdocs.yml


def _pins() -> dict[str, str]:
    lines = (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines()
    return dict(line.split("==", 1) for line in lines if "==" in line and not line.startswith("#"))


def test_mkdocs_stays_below_2():
    pins = _pins()
    assert pins["mkdocs"] in MKDOCS_RANGE and version("mkdocs") in MKDOCS_RANGE
    assert pins["properdocs"] in MKDOCS_RANGE and version("properdocs") == pins["properdocs"]


def test_the_end_of_life_notice_is_hidden_in_one_place_only():
    flag = "NO_MKDOCS_2_" + "WARNING"
    files = [
        ROOT / "Makefile",
        ROOT / ".ci" / "run",
        *ROOT.glob(".github/workflows/*.yml"),
        ROOT / "mkdocs.yml",
        *(p for folder in ("scripts", "bench", "hooks", "macros", "tests") for p in (ROOT / folder).rglob("*.py")),
    ]
    setting = sorted(p.relative_to(ROOT).as_posix() for p in files if flag in p.read_text(encoding="utf-8"))
    assert setting == ["tests/conftest.py"]
