"""Data errors shown to editors: one line each, in French, pointing at FILE:LINE:COL.

Format of a line (what the CLI prints, what the build shows, what tests compare):

    data/practices.yaml:42:7: practices[3].diplomas[0] : « XYZ » n'est pas un diplôme connu (attendus : ASS, EJE…)

File, line and column (1-based) of the offending value, then the field path in
``catalogue[i].field[j]`` form, `` : `` and the message. Errors that concern a
whole file (syntax, encoding…) have no field path: ``file:line:col: message``.

French typography: the messages put a no-break space (U+00A0) before « : ; ! ? »
in their prose, the character the site's pages use (macros/typography.py); the
separator after the path is a plain `` : ``.
"""

from __future__ import annotations

from dataclasses import dataclass

from .typography import NBSP, before_signs

__all__ = ["NBSP", "DataError", "DataErrors", "enumerate_fr", "fr", "path_str", "quote"]


def fr(text: str) -> str:
    """*text* with a no-break space before each « : ; ! ? » (French typography).

    Only a space already there before those signs is replaced (macros/typography.py,
    :func:`~macros.typography.before_signs`), so URLs (``https://``), times and the
    values a message quotes are left as they were typed.
    """
    return before_signs(text)


def quote(value: object) -> str:
    """« value », the French quotation used in every message (long values cut)."""
    text = value if isinstance(value, str) else repr(value)
    text = text.replace("\n", "⏎")
    if len(text) > 60:
        text = text[:57] + "…"
    return f"« {text} »"


def path_str(path) -> str:
    """('practices', 3, 'diplomas', 0) -> 'practices[3].diplomas[0]' (the path part of a line)."""
    out = ""
    for step in path:
        if isinstance(step, int):
            out += f"[{step}]"
        else:
            out += ("." if out else "") + str(step)
    return out


def enumerate_fr(values, limit: int = 8) -> str:
    """"a, b, c…" — at most *limit* values, an ellipsis when more."""
    values = [str(v) for v in values]
    shown = ", ".join(values[:limit])
    return shown + ("…" if len(values) > limit else "")


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


@dataclass(frozen=True, order=True)
class DataError:
    """One problem in the data, located in a file. Sorts by file, line, column."""

    file: str
    line: int
    col: int
    path: str
    message: str

    def format(self) -> str:
        """``file:line:col: path : message`` (no path part for file-level errors)."""
        where = f"{self.file}:{self.line}:{self.col}:"
        if self.path:
            return f"{where} {self.path} : {self.message}"
        return f"{where} {self.message}"

    def github(self) -> str:
        """A GitHub Actions annotation: ``::error file=…,line=…,col=…::path : message``."""
        text = f"{self.path} : {self.message}" if self.path else self.message
        return (
            f"::error file={_escape_property(self.file)},line={self.line},col={self.col}"
            f"::{_escape_data(text)}"
        )

    def __str__(self) -> str:
        return self.format()


class DataErrors(Exception):
    """Raised when data/ is invalid; holds every error, sorted."""

    def __init__(self, errors) -> None:
        self.errors: list[DataError] = sorted(errors)
        files = {e.file for e in self.errors}
        n = len(self.errors)
        summary = f"{n} erreur{'s' if n > 1 else ''} dans {len(files)} fichier{'s' if len(files) > 1 else ''}."
        super().__init__("\n".join([e.format() for e in self.errors] + [summary]))

    def __iter__(self):
        return iter(self.errors)

    def __len__(self) -> int:
        return len(self.errors)
