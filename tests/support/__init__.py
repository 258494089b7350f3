"""Helpers shared by the tests of every kind (tests/unit, tests/acceptance, tests/browser) and by a few tools.

Rule: a module here holds no test and no fixture. Fixtures live in tests/conftest.py (one strict
build of the site per session, one browser); test modules never import each other, they import
from here. :data:`ROOT` is the repository root.
"""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
