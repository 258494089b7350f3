"""Where the repository's folders are: every module that reads templates/, schemas/ or .cache/ asks here."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]  # macros/core/paths.py -> the repository
TEMPLATES = ROOT / "templates"
SCHEMAS = ROOT / "schemas"
CACHE = ROOT / ".cache"
