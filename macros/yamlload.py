"""Line-aware, safe YAML loading for the data catalogues.

Builds plain Python values (dict, list, str, int, float, bool, None) and
remembers where every key and value starts, so that every later check can say
FILE:LINE:COL. Dates and timestamps stay strings (the schemas check them).

Why events and not ``yaml.compose``: libyaml's parser is iterative, but
PyYAML's composer (C and Python alike) is recursive — deeply nested input
(``[[[[…``) crashes the interpreter — and it silently shares the nodes of
aliases. Building from the event stream (``yaml.parse`` with the libyaml
``CSafeLoader``) lets us refuse anchors, aliases (so an alias bomb costs
nothing), explicit tags, non-string keys and duplicate keys at their exact
position, bound depth and size, and it is faster than composing (a
100,000-deep ``[[[…`` segfaults ``yaml.compose`` with libyaml 0.2.5).

Scalars are resolved with PyYAML's own implicit-resolver table (YAML 1.1, as
``yaml.safe_load`` does) except timestamps, which stay strings.

Every problem raises :class:`~macros.errors.DataErrors` with French messages.
"""

from __future__ import annotations

import difflib
import gc
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.constructor import ConstructorError, SafeConstructor
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
from yaml.nodes import ScalarNode
from yaml.resolver import Resolver

from .errors import DataError, DataErrors, fr, quote

try:  # libyaml: fast and iterative
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - PyYAML without libyaml
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_BYTES = 64 * 1024 * 1024  # far above any real catalogue (10,000 long practices: 35 MB); bounds time and memory
MAX_EVENTS = 2_000_000  # values and lists (10,000 practices: about 600,000); bounds time and memory
MAX_DEPTH = 64  # the data model nests about 8 levels deep
MAX_ERRORS_PER_FILE = 20  # loader problems reported before summarising
MAX_ALIAS_ERRORS = 3  # anchors/aliases reported (an alias bomb has hundreds)

_TAG = "tag:yaml.org,2002:"
STR, INT, FLOAT, BOOL, NULL = (_TAG + t for t in ("str", "int", "float", "bool", "null"))
TIMESTAMP, MERGE, VALUE = _TAG + "timestamp", _TAG + "merge", _TAG + "value"
SEQ, MAP = _TAG + "seq", _TAG + "map"
# Explicit tags an editor may (rarely) write: the JSON-compatible standard ones.
_SCALAR_TAGS = {STR, INT, FLOAT, BOOL, NULL, TIMESTAMP, "!"}
_COLLECTION_TAGS = {SEQ, MAP, "!"}

_IMPLICIT = Resolver.yaml_implicit_resolvers  # first character -> [(tag, regexp)]
_constructor = SafeConstructor()


# --- Positions ---------------------------------------------------------------

Path = tuple  # ("practices", 3, "diplomas", 0)


@dataclass
class Positions:
    """Where each key and value of a loaded document starts (1-based line, column).

    Marks are stored per container (one list per dict or list, not one entry per
    node) and looked up by walking *root* along the path, so loading stays fast.
    """

    root: Any
    marks: dict[int, list] = field(default_factory=dict)  # id(container) -> [mark, …]
    root_mark: tuple[int, int] = (1, 1)

    def _step(self, container, key):
        """(key mark, value mark) of *key* in *container*, or None."""
        mk = self.marks.get(id(container))
        if mk is None:
            return None
        if isinstance(container, dict):
            try:
                i = list(container).index(key)
            except ValueError:
                return None
            if 2 * i + 1 >= len(mk):
                return None
            return mk[2 * i], mk[2 * i + 1]
        if isinstance(container, list) and isinstance(key, int) and 0 <= key < len(mk):
            return mk[key], mk[key]
        return None

    def value(self, path: Path) -> tuple[int, int]:
        """Start of the value at *path* (of its nearest existing ancestor if absent)."""
        return self._locate(path, want_key=False)

    def key(self, path: Path) -> tuple[int, int]:
        """Start of the key naming the value at *path* (the value's start for list items)."""
        return self._locate(path, want_key=True)

    def _locate(self, path: Path, want_key: bool) -> tuple[int, int]:
        node, pos = self.root, self.root_mark
        for depth, key in enumerate(path):
            step = self._step(node, key)
            if step is None:
                return pos
            kmark, vmark = step
            last = depth == len(path) - 1
            mark = kmark if (last and want_key) else vmark
            pos = (mark.line + 1, mark.column + 1)
            node = node[key]
        return pos


@dataclass
class Loaded:
    data: Any
    positions: Positions


# --- Messages ----------------------------------------------------------------

TAB_MESSAGE = fr(
    "caractère de tabulation interdit pour l'indentation (utilisez des espaces) : "
    "remplacez la tabulation en début de ligne par des espaces"
)


def _err(file: str, line: int, col: int, message: str, path: str = "") -> DataError:
    return DataError(file, line, col, path, message)


def _char_at(data: bytes, line: int, col: int) -> str:
    """Character at 1-based *line*, *col* of *data* (UTF-8), or ''."""
    lines = data.split(b"\n", line)
    if line - 1 >= len(lines):
        return ""
    text = lines[line - 1].decode("utf-8", "replace")
    return text[col - 1] if 0 < col <= len(text) else ""


def _line_col_of_offset(data: bytes, offset: int) -> tuple[int, int]:
    start = data.rfind(b"\n", 0, offset) + 1
    line = data.count(b"\n", 0, offset) + 1
    col = len(data[start:offset].decode("utf-8", "replace")) + 1
    return line, col


def _translate_syntax(exc: yaml.MarkedYAMLError, data: bytes) -> tuple[int, int, str]:
    """(line, col, French message) for a libyaml scanner/parser error."""
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = (exc.problem or "").strip()
    context = (exc.context or "").strip()
    since = ""
    if exc.context_mark is not None and exc.context_mark is not mark:
        since = f" (commencé ligne {exc.context_mark.line + 1})"
    char = _char_at(data, line, col)

    if "tab character" in problem or char == "\t":
        msg = TAB_MESSAGE
    elif "cannot start any token" in problem:
        msg = (
            f"le caractère {quote(char or '?')} ne peut pas commencer une valeur : "
            "mettez toute la valeur entre guillemets (\"…\")"
        )
    elif "mapping values are not allowed" in problem:
        msg = (
            "deux-points « : » inattendu : si la valeur contient « : », mettez-la entre "
            "guillemets (\"…\") ; sinon vérifiez l'indentation de cette ligne et de la précédente"
        )
    elif "could not find expected ':'" in problem:
        msg = f"deux-points attendu après le nom du champ (forme « champ: valeur »){since}"
    elif "did not find expected key" in problem:
        msg = (
            "nom de champ attendu : vérifiez l'indentation de cette ligne (les champs d'une même "
            f"entrée doivent commencer exactement à la même colonne){since}"
        )
    elif "expected '-' indicator" in problem:
        msg = (
            "élément de liste attendu (ligne commençant par « - ») : vérifiez l'indentation "
            f"de cette ligne{since}"
        )
    elif "expected ',' or ']'" in problem:
        msg = f"liste entre crochets non fermée : il manque « ] » ou une virgule{since}"
    elif "expected ',' or '}'" in problem:
        msg = f"accolades non fermées : il manque « }} » ou une virgule{since}"
    elif "block sequence entries are not allowed" in problem:
        msg = (
            "tiret « - » inattendu : une liste commence à la ligne suivante, sous « champ: », "
            "avec un tiret par élément"
        )
    elif "end of stream" in problem and "quoted scalar" in context:
        msg = f"guillemet non fermé : ajoutez le guillemet de fin de la valeur{since}"
    elif "unknown escape character" in problem:
        msg = (
            "séquence « \\ » inconnue entre guillemets doubles : écrivez « \\\\ » ou utilisez "
            "des guillemets simples ('…')"
        )
    elif "did not find expected node content" in problem or "expected the node content" in problem:
        msg = f"valeur attendue à cet endroit{since}"
    elif "while scanning a simple key" in context:
        msg = f"deux-points attendu après le nom du champ (forme « champ: valeur »){since}"
    elif "expected <document start>" in problem:
        msg = ("contenu inattendu après la fin des données : cette ligne n'est rattachée à aucun champ ; "
               "vérifiez son retrait (espaces en début de ligne) par rapport aux lignes précédentes")
    elif "block scalar" in context:
        msg = ("après « | » ou « > », le texte commence à la ligne suivante, en retrait ; "
               "rien d'autre ne peut suivre ce signe sur la même ligne")
    elif "end of stream" in problem:
        msg = f"fin de fichier inattendue : une valeur ou un guillemet n'est pas terminé{since}"
    else:
        detail = f"{context} : {problem}" if context else problem
        return line, col, fr("erreur de syntaxe YAML : vérifiez cette ligne et la précédente") + f" (détail technique : {detail})"
    return line, col, fr(msg)


# --- Loading -----------------------------------------------------------------


class _Fatal(Exception):
    pass


class _Discard:
    """Placeholder key: the value that follows is checked but not kept."""


_DISCARD = _Discard()


def _decode(data: bytes, file: str) -> bytes:
    """UTF-8 *data* without BOM; DataErrors if it is not UTF-8."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DataErrors([_err(file, 1, 1, fr(
            "le fichier est encodé en UTF-16 : enregistrez-le en UTF-8 "
            "(dans l'éditeur : « Enregistrer sous » → encodage UTF-8)"))])
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = _line_col_of_offset(data, exc.start)
        byte = data[exc.start]
        line_start = data.rfind(b"\n", 0, exc.start) + 1
        line_end = data.find(b"\n", exc.start)
        guess = data[line_start:line_end if line_end != -1 else len(data)].decode("cp1252", "replace")
        hint = ""
        ch = bytes([byte]).decode("cp1252", "replace")
        if ch.isprintable() and ch != "\ufffd":
            hint = f" ; il semble enregistré en Latin-1/Windows-1252, où cet octet est {quote(ch)} (ligne : {quote(guess.strip())})"
        raise DataErrors([_err(file, line, col, fr(
            f"octet 0x{byte:02X} invalide : le fichier n'est pas en UTF-8 (ligne {line}, octet {exc.start + 1} du fichier){hint} ; "
            "enregistrez le fichier en UTF-8"))]) from None
    return data


_resolved: dict[str, str] = {}  # field names and short values repeat: resolve each once


def _resolve_plain(value: str) -> str:
    """The implicit tag of a plain scalar (PyYAML's YAML 1.1 rules)."""
    tag = _resolved.get(value)
    if tag is not None:
        return tag
    tag = STR
    for candidate, regexp in _IMPLICIT.get(value[:1], ()):
        if regexp.match(value):
            tag = candidate
            break
    if len(value) <= 40:
        if len(_resolved) > 50_000:
            _resolved.clear()
        _resolved[value] = tag
    return tag


def _construct(tag: str, value: str) -> Any:
    if tag == STR or tag == TIMESTAMP or tag == "!" or tag == MERGE or tag == VALUE:
        return value  # dates stay strings; a lone « << » or « = » value is text
    if tag == INT and value.isascii() and value.isdigit() and (value[0] != "0" or value == "0"):
        return int(value)  # the common case (years, counts), without building a node
    node = ScalarNode(tag, value)
    if tag == INT:
        return _constructor.construct_yaml_int(node)
    if tag == FLOAT:
        return _constructor.construct_yaml_float(node)
    if tag == BOOL:
        return _constructor.construct_yaml_bool(node)
    return None  # NULL


_TYPE_FR = {INT: "lu comme un nombre", FLOAT: "lu comme un nombre", BOOL: "lu comme oui/non", NULL: "vide"}


def load_yaml(raw: bytes | str, file: str) -> Loaded:
    """Parse one YAML document into plain values with positions; DataErrors on any problem."""
    if isinstance(raw, str):
        raw = raw.encode("utf-8", "surrogatepass")
    if len(raw) > MAX_BYTES:
        raise DataErrors([_err(file, 1, 1, fr(
            f"fichier trop volumineux ({len(raw) / 1e6:.1f} Mo ; maximum {MAX_BYTES // (1024 * 1024)} Mo) : "
            "découpez-le ou vérifiez qu'il s'agit du bon fichier"))])
    data = _decode(raw, file)
    gc_was_enabled = gc.isenabled()
    gc.disable()  # building many small objects: the cyclic GC would make it quadratic
    try:
        return _build(data, file)
    finally:
        if gc_was_enabled:
            gc.enable()


def _build(data: bytes, file: str) -> Loaded:
    errors: list[DataError] = []
    extra = 0

    alias_errors = 0

    def report(mark, message: str, alias: bool = False) -> None:
        nonlocal extra, alias_errors
        if alias:
            alias_errors += 1
        if len(errors) < MAX_ERRORS_PER_FILE and (not alias or alias_errors <= MAX_ALIAS_ERRORS):
            errors.append(_err(file, mark.line + 1, mark.column + 1, fr(message)))
        else:
            extra += 1

    marks: dict[int, list] = {}
    keep_alive: list = []  # discarded containers: keep their id() unique while loading
    stack: list = []
    c: Any = None  # current container
    mk: list | None = None  # its marks
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
                errors.append(_err(file, 1, 1, fr(
                    f"fichier trop grand : plus de {MAX_EVENTS:,} valeurs".replace(",", "\u00a0")
                    + " ; découpez-le ou vérifiez qu'il s'agit du bon fichier")))
                raise _Fatal
            try:
                ev = get()
            except yaml.MarkedYAMLError as exc:
                line, col, msg = _translate_syntax(exc, data)
                errors.append(_err(file, line, col, msg))
                raise _Fatal from None
            except yaml.reader.ReaderError as exc:
                line, col = _line_col_of_offset(data, exc.position)
                code = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "?")
                errors.append(_err(file, line, col, fr(
                    f"caractère invisible interdit (U+{code:04X}, souvent issu d'un copier-coller) : "
                    "supprimez-le")))
                raise _Fatal from None
            t = type(ev)
            if t is ScalarEvent:
                mark = ev.start_mark
                if ev.anchor is not None:
                    report(mark, f"ancre YAML {quote('&' + ev.anchor)} refusée : les ancres et alias ne sont pas acceptés, écrivez chaque valeur en entier", alias=True)
                tag = ev.tag
                v = ev.value
                if tag is None and (not ev.implicit[0] or v[:1] not in _IMPLICIT):
                    tag = STR  # the common case: quoted, or plain text that cannot be a number etc.
                else:
                    if tag is None:
                        tag = _resolve_plain(v)
                    elif tag not in _SCALAR_TAGS:
                        report(mark, f"étiquette YAML {quote(tag.replace(_TAG, '!!'))} interdite : supprimez-la et écrivez la valeur simplement")
                        tag = STR
                    try:
                        v = _construct(tag, v)
                    except (ValueError, ConstructorError):
                        report(mark, f"la valeur {quote(v)} ne correspond pas à l'étiquette {quote(tag.replace(_TAG, '!!'))}")
                if isd:
                    if havek:
                        havek = False
                        if k is not _DISCARD:
                            c[k] = v
                            mk.append(kmark)
                            mk.append(mark)
                    else:
                        havek, kmark = True, mark
                        if tag == MERGE:
                            report(mark, "la fusion YAML « << » n'est pas acceptée : écrivez chaque champ en entier")
                            k = _DISCARD
                        elif not isinstance(v, str):
                            what = _TYPE_FR.get(tag, "pas un texte")
                            report(mark, f"nom de champ invalide {quote(ev.value)} ({what}) : un nom de champ est un mot, par exemple « title »")
                            k = _DISCARD
                        elif v in c:
                            first = mk[2 * list(c).index(v)]
                            where = f"ligne {first.line + 1}"
                            report(mark, f"champ {quote(v)} en double (déjà présent {where}) : gardez une seule des deux lignes")
                            k = _DISCARD
                        else:
                            k = v
                elif c is not None:
                    c.append(v)
                    mk.append(mark)
                else:
                    root, root_mark = v, (mark.line + 1, mark.column + 1)
            elif t is MappingStartEvent or t is SequenceStartEvent:
                mark = ev.start_mark
                if ev.anchor is not None:
                    report(mark, f"ancre YAML {quote('&' + ev.anchor)} refusée : les ancres et alias ne sont pas acceptés, écrivez chaque valeur en entier", alias=True)
                if ev.tag is not None and ev.tag not in _COLLECTION_TAGS:
                    report(mark, f"étiquette YAML {quote(ev.tag.replace(_TAG, '!!'))} interdite : supprimez-la")
                if len(stack) >= MAX_DEPTH:
                    errors.append(_err(file, mark.line + 1, mark.column + 1, fr(
                        f"imbrication trop profonde (plus de {MAX_DEPTH} niveaux) : vérifiez la structure du fichier")))
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
                        report(mark, "nom de champ invalide (une liste ou un ensemble de champs) : un nom de champ est un mot, par exemple « title »")
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
                report(ev.start_mark, f"alias YAML {quote('*' + ev.anchor)} refusé : les ancres et alias ne sont pas acceptés, recopiez la valeur en entier à cet endroit", alias=True)
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
                    m = ev.start_mark
                    errors.append(_err(file, m.line + 1, m.column + 1, fr(
                        "second document YAML (séparateur « --- ») : un fichier ne contient qu'un seul document, "
                        "supprimez la ligne « --- » et fusionnez les listes")))
                    raise _Fatal
            elif t is StreamEndEvent:
                break
    except _Fatal:
        pass
    except RecursionError:  # pragma: no cover - MAX_DEPTH prevents it
        errors.append(_err(file, 1, 1, "structure trop profonde"))
    finally:
        try:
            parser.dispose()
        except Exception:  # pragma: no cover
            pass
    if extra:
        last = errors[-1]
        errors.append(_err(file, last.line, last.col, fr(
            f"… et {extra} autre{'s' if extra > 1 else ''} problème{'s' if extra > 1 else ''} du même genre dans ce fichier")))
    if errors:
        raise DataErrors(errors)
    return Loaded(root, Positions(root, marks, root_mark))


# --- Catalogue files ---------------------------------------------------------


def load_catalogue(raw: bytes | str, file: str, catalogue: str) -> Loaded:
    """Load ``<catalogue>.yaml``: a mapping whose only key is *catalogue*.

    Returns the whole document ``{catalogue: [...]}`` with positions; raises
    DataErrors for every problem found.
    """
    loaded = load_yaml(raw, file)
    doc = loaded.data
    start = f"le fichier doit commencer par « {catalogue}: » suivi de la liste des entrées (lignes « - id: … »)"
    if doc is None or doc == "":
        raise DataErrors([_err(file, 1, 1, fr(f"le fichier est vide : {start}"))])
    line, col = loaded.positions.root_mark
    if not isinstance(doc, dict):
        what = "une liste" if isinstance(doc, list) else f"la valeur {quote(doc)}"
        raise DataErrors([_err(file, line, col, fr(f"{start} ; ici le premier niveau est {what}"))])
    errors = []
    for key in doc:
        if key != catalogue:
            kl, kc = loaded.positions.key((key,))
            hint = ""
            if catalogue not in doc and difflib.get_close_matches(key, [catalogue], n=1, cutoff=0.6):
                hint = f" ; vouliez-vous dire « {catalogue} » ?"
            errors.append(_err(file, kl, kc, fr(
                f"clé de premier niveau {quote(key)} inattendue : ce fichier ne contient que « {catalogue}: »{hint}"),
                path=str(key)))
    if catalogue not in doc and not errors:
        errors.append(_err(file, line, col, fr(start)))
    if errors:
        raise DataErrors(errors)
    return loaded
