"""French messages for what the YAML reader cannot read: encoding, syntax, invisible characters.

libyaml reports problems in its own English (« mapping values are not allowed
here »). Editors need to know what to change on which line, so each known
libyaml message is mapped to a French explanation with the usual fix; an
unknown one keeps libyaml's text as a technical detail.
"""

from __future__ import annotations

import yaml

from macros.core.errors import DataError, DataErrors, fr, quote

TAB_MESSAGE = fr(
    "caractère de tabulation interdit pour l'indentation (utilisez des espaces) : "
    "remplacez la tabulation en début de ligne par des espaces"
)


def decode(data: bytes, file: str) -> bytes:
    """UTF-8 *data* without BOM; DataErrors if it is not UTF-8."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DataErrors(
            [
                DataError(
                    file,
                    1,
                    1,
                    "",
                    fr(
                        "le fichier est encodé en UTF-16 : enregistrez-le en UTF-8 "
                        "(dans l'éditeur : « Enregistrer sous » → encodage UTF-8)"
                    ),
                )
            ]
        )
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DataErrors([_not_utf8(data, file, exc)]) from None
    return data


def _not_utf8(data: bytes, file: str, exc: UnicodeDecodeError) -> DataError:
    """The first byte that is not UTF-8, with the likely Windows-1252 reading of its line."""
    line, col = line_col_of_offset(data, exc.start)
    byte = data[exc.start]
    line_start = data.rfind(b"\n", 0, exc.start) + 1
    line_end = data.find(b"\n", exc.start)
    guess = data[line_start : line_end if line_end != -1 else len(data)].decode("cp1252", "replace")
    hint = ""
    ch = bytes([byte]).decode("cp1252", "replace")
    if ch.isprintable() and ch != "\ufffd":
        hint = f" ; il semble enregistré en Latin-1/Windows-1252, où cet octet est {quote(ch)} (ligne : {quote(guess.strip())})"
    return DataError(
        file,
        line,
        col,
        "",
        fr(
            f"octet 0x{byte:02X} invalide : le fichier n'est pas en UTF-8 (ligne {line}, octet {exc.start + 1} du fichier){hint} ; "
            "enregistrez le fichier en UTF-8"
        ),
    )


def line_col_of_offset(data: bytes, offset: int) -> tuple[int, int]:
    start = data.rfind(b"\n", 0, offset) + 1
    line = data.count(b"\n", 0, offset) + 1
    col = len(data[start:offset].decode("utf-8", "replace")) + 1
    return line, col


def _char_at(data: bytes, line: int, col: int) -> str:
    """Character at 1-based *line*, *col* of *data* (UTF-8), or ''."""
    lines = data.split(b"\n", line)
    if line - 1 >= len(lines):
        return ""
    text = lines[line - 1].decode("utf-8", "replace")
    return text[col - 1] if 0 < col <= len(text) else ""


def reader_error(exc: yaml.reader.ReaderError, data: bytes, file: str) -> DataError:
    """A character YAML does not allow (control characters, often pasted from elsewhere)."""
    line, col = line_col_of_offset(data, exc.position)
    code = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "?")
    return DataError(
        file,
        line,
        col,
        "",
        fr(f"caractère invisible interdit (U+{code:04X}, souvent issu d'un copier-coller) : supprimez-le"),
    )


def syntax_error(exc: yaml.MarkedYAMLError, data: bytes, file: str) -> DataError:
    """A libyaml scanner/parser error, located and explained in French."""
    problem = (exc.problem or "").strip()
    context = (exc.context or "").strip()
    mark = exc.problem_mark or exc.context_mark
    if "could not find expected ':'" in problem and exc.context_mark is not None:
        mark = exc.context_mark  # the line that lacks its colon, not the next one, where libyaml noticed it
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    since = ""
    if exc.context_mark is not None and exc.context_mark is not mark:
        since = f" (commencé ligne {exc.context_mark.line + 1})"
    msg = _explain(problem, context, since, _char_at(data, line, col))
    if msg is None:
        detail = f"{context} : {problem}" if context else problem
        return DataError(
            file,
            line,
            col,
            "",
            fr("erreur de syntaxe YAML : vérifiez cette ligne et la précédente") + f" (détail technique : {detail})",
        )
    return DataError(file, line, col, "", fr(msg))


def _explain(problem: str, context: str, since: str, char: str) -> str | None:
    """The French explanation of a libyaml *problem* (in *context*), or None when unknown."""
    if "tab character" in problem or char == "\t":
        return TAB_MESSAGE
    if "cannot start any token" in problem:
        return (
            f"le caractère {quote(char or '?')} ne peut pas commencer une valeur : "
            'mettez toute la valeur entre guillemets ("…")'
        )
    if "mapping values are not allowed" in problem:
        return (
            "deux-points « : » inattendu : si la valeur contient « : », mettez-la entre "
            'guillemets ("…") ; sinon vérifiez l\'indentation de cette ligne et de la précédente'
        )
    if "could not find expected ':'" in problem:
        return "deux-points « : » manquant après le nom du champ sur cette ligne : écrivez « champ: valeur »"
    if "did not find expected key" in problem:
        return (
            "nom de champ attendu : vérifiez l'indentation de cette ligne (les champs d'une même "
            f"entrée doivent commencer exactement à la même colonne){since}"
        )
    if "expected '-' indicator" in problem:
        return f"élément de liste attendu (ligne commençant par « - ») : vérifiez l'indentation de cette ligne{since}"
    if "expected ',' or ']'" in problem:
        return f"liste entre crochets non fermée : il manque « ] » ou une virgule{since}"
    if "expected ',' or '}'" in problem:
        return f"accolades non fermées : il manque « }} » ou une virgule{since}"
    if "block sequence entries are not allowed" in problem:
        return (
            "tiret « - » inattendu : une liste commence à la ligne suivante, sous « champ: », avec un tiret par élément"
        )
    if "end of stream" in problem and "quoted scalar" in context:
        return f"guillemet non fermé : ajoutez le guillemet de fin de la valeur{since}"
    if "unknown escape character" in problem:
        return (
            "séquence « \\ » inconnue entre guillemets doubles : écrivez « \\\\ » ou utilisez "
            "des guillemets simples ('…')"
        )
    if "did not find expected node content" in problem or "expected the node content" in problem:
        return f"valeur attendue à cet endroit{since}"
    if "while scanning a simple key" in context:
        return f"deux-points attendu après le nom du champ (forme « champ: valeur »){since}"
    if "expected <document start>" in problem:
        return (
            "contenu inattendu après la fin des données : cette ligne n'est rattachée à aucun champ ; "
            "vérifiez son retrait (espaces en début de ligne) par rapport aux lignes précédentes"
        )
    if "block scalar" in context:
        return (
            "après « | » ou « > », le texte commence à la ligne suivante, en retrait ; "
            "rien d'autre ne peut suivre ce signe sur la même ligne"
        )
    if "end of stream" in problem:
        return f"fin de fichier inattendue : une valeur ou un guillemet n'est pas terminé{since}"
    if "directive" in context or "incompatible YAML document" in problem:
        return (
            "ligne commençant par « % » (directive YAML) refusée : supprimez-la ; "
            'si « % » commence un texte, mettez toute la valeur entre guillemets ("…")'
        )
    if "scanning an anchor" in context or "scanning an alias" in context:
        return (
            "« & » ou « * » en début de valeur attend un nom d'ancre YAML, que ces fichiers n'utilisent pas : "
            'si le signe fait partie du texte, mettez toute la valeur entre guillemets ("…")'
        )
    if "scanning a tag" in context:
        return (
            "« ! » en début de valeur annonce une étiquette YAML, mal formée ici : si le signe fait partie "
            'du texte, mettez toute la valeur entre guillemets ("…")'
        )
    return None
