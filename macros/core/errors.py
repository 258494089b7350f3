"""Data errors shown to editors: one line each, in French, pointing at FILE:LINE:COL.

Format of a line (what the CLI prints, what the build shows, what tests compare):

    data/practices.yaml:42:7: practices[3].diplomas[0] : « XYZ » n'est pas un diplôme connu (attendus : ASS, EJE…)

File, line and column (1-based) of the offending value, then the field path in
``catalogue[i].field[j]`` form, `` : `` and the message. Errors that concern a
whole file (syntax, encoding…) have no field path: ``file:line:col: message``.

French typography: the messages put a no-break space (U+00A0) before « : ; ! ? »
in their prose, the character the site's pages use (macros/french/typography.py); the
separator after the path is a plain `` : ``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from macros.french.typography import NBSP, before_signs

__all__ = [
    "MAX_ERRORS_PER_FILE",
    "NBSP",
    "DataError",
    "DataErrors",
    "enumerate_fr",
    "fr",
    "more_errors",
    "path_str",
    "quote",
    "visible",
]

MAX_ERRORS_PER_FILE = 50  # lines shown per file; the rest is counted on one line (bounded output)
# Characters a message must never echo as they are: controls, bidi overrides, invisible format
# characters (an editor's terminal, a pull-request annotation or an issue comment would obey them).
_UNSAFE = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ud800-\udfff\U000e0000-\U000e007f]"
)


def fr(text: str) -> str:
    """*text* with a no-break space before each « : ; ! ? » (French typography).

    Only a space already there before those signs is replaced (macros/french/typography.py,
    :func:`~macros.french.typography.before_signs`), so URLs (``https://``), times and the
    values a message quotes are left as they were typed.
    """
    return before_signs(text)


def quote(value: object) -> str:
    """« value », the French quotation used in every message (long values cut)."""
    text = value if isinstance(value, str) else repr(value)
    if len(text) > 60:
        text = text[:57] + "…"
    text = visible(text.replace("\n", "⏎"))
    return f"« {text} »"


def visible(text: str) -> str:
    """*text* with every control or invisible character shown as ‹U+XXXX›, never obeyed."""
    return _UNSAFE.sub(lambda m: f"‹U+{ord(m.group()):04X}›", text)


def more_errors(last: DataError, extra: int, at_least: bool = False) -> DataError:
    """The line that ends a file's list of errors: « … et N autres erreurs dans ce fichier »
    (« au moins N » when part of the file was only counted, not explained)."""
    s = "s" if extra > 1 else ""
    n = f"{extra:,}".replace(",", NBSP)
    return DataError(
        last.file,
        last.line,
        last.col,
        "",
        f"… et {'au moins ' if at_least else ''}{n} autre{s} erreur{s} dans ce fichier",
    )


_NAME = re.compile(r"[A-Za-z0-9_-]+")


def path_str(path) -> str:
    """('practices', 3, 'diplomas', 0) -> 'practices[3].diplomas[0]' (the path part of a line)."""
    out = ""
    for step in path:
        if isinstance(step, int):
            out += f"[{step}]"
        elif _NAME.fullmatch(str(step)):
            out += ("." if out else "") + str(step)
        else:  # a misspelt key with spaces, quotes or invisible characters: shown quoted, never obeyed
            out += f"[{quote(str(step))}]"
    return out


def enumerate_fr(values, limit: int = 8) -> str:
    """ "a, b, c…" — at most *limit* values, an ellipsis when more."""
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
        return f"::error file={_escape_property(self.file)},line={self.line},col={self.col}::{_escape_data(text)}"

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
