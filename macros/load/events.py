"""Build plain values from libyaml's event stream, remembering where each key and value starts.

Why events and not ``yaml.compose``: libyaml's parser is iterative, but
PyYAML's composer (C and Python alike) is recursive — deeply nested input
(``[[[[…``) crashes the interpreter (a 100,000-deep ``[[[…`` segfaults
``yaml.compose`` with libyaml 0.2.5) — and it silently shares the nodes of
aliases. Building from the events lets us refuse anchors, aliases (so an alias
bomb costs nothing), explicit tags, non-string keys and duplicate keys at
their exact position, bound depth and size, and it is faster than composing.

Plain scalars are resolved by :func:`.yamlscalars.plain_value`: the forms
every YAML reader agrees on become booleans, integers and null; dates stay
strings (the schemas check them); anything a reader could take for a number
or a boolean stays text, marked :class:`~.yamlscalars.Ambiguous`, for the
validator to refuse with the right advice. Characters no value may hold
(control, bidirectional, invisible) are refused where they are, in the file's
text or in a double-quoted escape (:data:`~.yamlscalars.FORBIDDEN`).

At most :data:`MAX_ERRORS_PER_FILE` problems are listed, then one line counts the rest.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.constructor import ConstructorError
from yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)

from macros.core.errors import MAX_ERRORS_PER_FILE as ERRORS_SHOWN
from macros.core.errors import DataError, DataErrors, fr, more_errors, quote
from macros.load.scalars import (
    FORBIDDEN,
    FORBIDDEN_RAW,
    IMPLICIT,
    Ambiguous,
    forbidden_chars,
    forbidden_message,
    plain_value,
    resolve_11,
    tagged_value,
)
from macros.load.syntax import reader_error, syntax_error

try:  # libyaml: fast and iterative
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - PyYAML without libyaml
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_EVENTS = 2_000_000  # values and lists (10,000 practices: about 600,000); bounds time and memory
MAX_DEPTH = 64  # the data model nests about 8 levels deep
MAX_ERRORS_PER_FILE = ERRORS_SHOWN  # problems listed per file before « … et N autres erreurs dans ce fichier »
MAX_ALIAS_ERRORS = 3  # anchors/aliases reported (an alias bomb has hundreds)

_TAG = "tag:yaml.org,2002:"
STR, INT, FLOAT, BOOL, NULL = (_TAG + t for t in ("str", "int", "float", "bool", "null"))
TIMESTAMP, MERGE, VALUE = _TAG + "timestamp", _TAG + "merge", _TAG + "value"
SEQ, MAP = _TAG + "seq", _TAG + "map"
# Explicit tags an editor may (rarely) write: the JSON-compatible standard ones.
_SCALAR_TAGS = {STR, INT, FLOAT, BOOL, NULL, TIMESTAMP, "!"}
_COLLECTION_TAGS = {SEQ, MAP, "!"}

_IMPLICIT = IMPLICIT
_TYPE_FR = {INT: "lu comme un nombre", FLOAT: "lu comme un nombre", BOOL: "lu comme oui/non", NULL: "vide"}


class _Fatal(Exception):
    """Stop reading: what follows cannot be trusted (syntax error, too deep, too big)."""


class _Discard:
    """Placeholder key: the value that follows is checked but not kept."""


_DISCARD = _Discard()


# --- Messages of refused structures ---------------------------------------------------


def _anchor(name: str) -> str:
    return f"ancre YAML {quote('&' + name)} refusée : les ancres et alias ne sont pas acceptés, écrivez chaque valeur en entier"


def _bad_key(tag: str, text: str, v: Any, c: dict, mk: list) -> str:
    """Why the key *v* (written *text*) is refused in mapping *c*: merge, not a word, or duplicate."""
    if tag == MERGE:
        return "la fusion YAML « << » n'est pas acceptée : écrivez chaque champ en entier"
    if type(v) is not str:
        what = _TYPE_FR.get(tag, "lu comme un nombre")
        return f"nom de champ invalide {quote(text)} ({what}) : un nom de champ est un mot, par exemple « title »"
    first = mk[2 * list(c).index(v)]
    return f"champ {quote(v)} en double (déjà présent ligne {first.line + 1}) : gardez une seule des deux lignes"


def _fatal(file: str, mark, message: str) -> DataError:
    line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    return DataError(file, line, col, "", fr(message))


# --- The builder ------------------------------------------------------------------------


def build(data: bytes, file: str) -> tuple[Any, dict[int, list], tuple[int, int], int]:
    """(root value, marks of each container by id, root mark, number of ambiguous scalars) of *data*.

    Raises :class:`~macros.core.errors.DataErrors` listing every problem found.
    One long loop on purpose: it runs once per YAML event (about 600,000 for
    10,000 practices) and keeps its state in local variables, the fastest
    storage Python has; only the rare paths (errors) call functions.
    """
    errors: list[DataError] = []
    extra = 0  # problems beyond MAX_ERRORS_PER_FILE (or MAX_ALIAS_ERRORS): counted, not listed
    alias_errors = 0
    ambiguous = 0
    text = data.decode("utf-8")
    if FORBIDDEN_RAW.search(text):
        errors += forbidden_chars(text, file, MAX_ERRORS_PER_FILE)
        extra = sum(1 for _ in FORBIDDEN_RAW.finditer(text)) - len(errors)
    del text

    def report(mark, message: str, alias: bool = False) -> None:
        nonlocal extra, alias_errors
        if alias:
            alias_errors += 1
        if len(errors) < MAX_ERRORS_PER_FILE and (not alias or alias_errors <= MAX_ALIAS_ERRORS):
            errors.append(_fatal(file, mark, message))
        else:
            extra += 1

    marks: dict[int, list] = {}
    keep_alive: list = []  # discarded containers: keep their id() unique while loading
    stack: list = []
    c: Any = None  # current container
    mk: list | None = None  # its marks: key and value marks of a dict, item marks of a list
    isd = False  # current container is a dict
    havek = False  # a key was read, its value is expected
    k: Any = None
    kmark = None
    root: Any = None
    root_mark = (1, 1)
    documents = 0

    parser = _Loader(data)
    get = parser.get_event
    budget = MAX_EVENTS
    try:
        while True:
            budget -= 1
            if not budget:
                errors.append(
                    DataError(
                        file,
                        1,
                        1,
                        "",
                        fr(
                            f"fichier trop grand : plus de {MAX_EVENTS:,} valeurs".replace(",", "\u00a0")
                            + " ; découpez-le ou vérifiez qu'il s'agit du bon fichier"
                        ),
                    )
                )
                raise _Fatal
            try:
                ev = get()
            except yaml.MarkedYAMLError as exc:
                errors.append(syntax_error(exc, data, file))
                raise _Fatal from None
            except yaml.reader.ReaderError as exc:
                error = reader_error(exc, data, file)
                if not any((e.line, e.col) == (error.line, error.col) for e in errors):
                    errors.append(error)
                raise _Fatal from None
            t = type(ev)
            if t is ScalarEvent:
                mark = ev.start_mark
                if ev.anchor is not None:
                    report(mark, _anchor(ev.anchor), alias=True)
                tag = ev.tag
                v = ev.value
                if tag is None and (not ev.implicit[0] or v[:1] not in _IMPLICIT):
                    tag = STR  # the common case: quoted, or plain text that cannot be a number etc.
                    if ev.style == '"':  # escapes (« \u202E ») can write any character
                        bad = FORBIDDEN.search(v)
                        if bad is not None:
                            report(mark, forbidden_message(bad.group()))
                elif tag is None:
                    tag = resolve_11(v)
                    v = plain_value(v, tag)
                    if type(v) is Ambiguous:
                        ambiguous += 1
                else:
                    if tag not in _SCALAR_TAGS:
                        report(
                            mark,
                            f"étiquette YAML {quote(tag.replace(_TAG, '!!'))} interdite : supprimez-la et écrivez la valeur simplement",
                        )
                        tag = STR
                    if ev.style == '"' and FORBIDDEN.search(v):
                        report(mark, forbidden_message(FORBIDDEN.search(v).group()))
                    try:
                        v = tagged_value(tag, v)
                    except (ValueError, ConstructorError):
                        report(
                            mark,
                            f"la valeur {quote(v)} ne correspond pas à l'étiquette {quote(tag.replace(_TAG, '!!'))} : "
                            "écrivez la valeur sans étiquette",
                        )
                        v = None
                if isd:
                    if havek:
                        havek = False
                        if k is not _DISCARD:
                            c[k] = v
                            mk.append(kmark)
                            mk.append(mark)
                    else:
                        havek, kmark = True, mark
                        if tag != MERGE and type(v) is str and v not in c:
                            k = v
                        else:
                            report(mark, _bad_key(tag, ev.value, v, c, mk))
                            k = _DISCARD
                elif c is not None:
                    c.append(v)
                    mk.append(mark)
                else:
                    root, root_mark = v, (mark.line + 1, mark.column + 1)
            elif t is MappingStartEvent or t is SequenceStartEvent:
                mark = ev.start_mark
                if ev.anchor is not None:
                    report(mark, _anchor(ev.anchor), alias=True)
                if ev.tag is not None and ev.tag not in _COLLECTION_TAGS:
                    report(mark, f"étiquette YAML {quote(ev.tag.replace(_TAG, '!!'))} interdite : supprimez-la")
                if len(stack) >= MAX_DEPTH:
                    errors.append(
                        _fatal(
                            file,
                            mark,
                            f"imbrication trop profonde (plus de {MAX_DEPTH} niveaux) : vérifiez la structure du fichier",
                        )
                    )
                    raise _Fatal
                v = {} if t is MappingStartEvent else []
                is_key = False
                if isd:
                    if havek:
                        if k is not _DISCARD:
                            c[k] = v
                            mk.append(kmark)
                            mk.append(mark)
                        else:
                            keep_alive.append(v)
                    else:  # a list or mapping used as a key
                        report(
                            mark,
                            "nom de champ invalide (une liste ou un ensemble de champs) : "
                            "un nom de champ est un mot, par exemple « title »",
                        )
                        keep_alive.append(v)
                        is_key = True
                elif c is not None:
                    c.append(v)
                    mk.append(mark)
                else:
                    root, root_mark = v, (mark.line + 1, mark.column + 1)
                stack.append((c, mk, isd, is_key, mark))
                c, mk, isd, havek = v, [], t is MappingStartEvent, False
                marks[id(v)] = mk
            elif t is MappingEndEvent or t is SequenceEndEvent:
                c, mk, isd, is_key, mark = stack.pop()
                if is_key:  # its value follows: check it, do not keep it
                    havek, k, kmark = True, _DISCARD, mark
                else:
                    havek = False
            elif t is AliasEvent:
                report(
                    ev.start_mark,
                    f"alias YAML {quote('*' + ev.anchor)} refusé : les ancres et alias ne sont pas acceptés, "
                    "recopiez la valeur en entier à cet endroit",
                    alias=True,
                )
                if isd:
                    if havek:
                        havek = False
                    else:
                        havek, kmark, k = True, ev.start_mark, _DISCARD
                elif c is not None:
                    c.append(None)
                    mk.append(ev.start_mark)
            elif t is DocumentStartEvent:
                documents += 1
                if documents > 1:
                    errors.append(
                        _fatal(
                            file,
                            ev.start_mark,
                            (
                                "second document YAML (séparateur « --- ») : un fichier ne contient qu'un seul document, "
                                "supprimez la ligne « --- » et fusionnez les listes"
                            ),
                        )
                    )
                    raise _Fatal
            elif t is StreamEndEvent:
                break
    except _Fatal:
        pass
    except RecursionError:  # pragma: no cover - MAX_DEPTH prevents it
        errors.append(DataError(file, 1, 1, "", "structure trop profonde"))
    finally:
        try:
            parser.dispose()
        except Exception:  # noqa: BLE001  # pragma: no cover
            pass
    if extra > 0:
        errors.sort()
        errors.append(more_errors(errors[-1], extra))
    if errors:
        raise DataErrors(errors)
    return root, marks, root_mark, ambiguous
