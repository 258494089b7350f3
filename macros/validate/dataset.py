"""Validate data/*.yaml against schemas/*.json and across files: the public API.

    catalogues, errors = check_data_dir(Path("data"), Path("schemas"))

*catalogues* is ``{name: [entries]}`` for every file that could be read;
*errors* every problem found (sorted by file, line, column), as
:class:`~macros.core.errors.DataError` with French messages. Never raises on bad
input: unexpected failures become an error line too.

Stages: each ``data/<name>.yaml`` is loaded (:mod:`.yamlload`; the file stem is
the catalogue name and must have ``schemas/<name>.schema.json``, and every
catalogue schema needs its data file), checked against its schema
(:mod:`.schemaset`), its texts checked for what the build would refuse or what
would call another site (:mod:`.textcheck`), then the catalogues that could be
read are checked against each other (:mod:`.crossref`), including the addresses
their pages and redirects take (:mod:`.cross_addresses`, against what the site
writes: the *site* its caller gives, :mod:`.site`; without one, a data folder alone,
addresses are not checked). A reference problem on a value that already has a schema
error is not repeated.

At most :data:`~macros.core.errors.MAX_ERRORS_PER_FILE` errors are listed per file,
then « … et N autres erreurs dans ce fichier »: a broken file of any size gets
an answer of bounded length.
"""

from __future__ import annotations

import gc
import os
from pathlib import Path

from macros.core.errors import MAX_ERRORS_PER_FILE, DataError, DataErrors, fr, more_errors
from macros.core.suggest import closest
from macros.load.reader import load_catalogue
from macros.validate.cross_addresses import rendered_anchors
from macros.validate.cross_refs import check_references
from macros.validate.future import check_updated
from macros.validate.paths import Locator
from macros.validate.schema_check import SchemaSet, schema_set
from macros.validate.site import Site
from macros.validate.texts import check_texts


def _relative(path: Path, root: Path) -> str:
    try:
        return (
            Path(os.path.relpath(path.resolve(), root.resolve())).as_posix() if _inside(path, root) else path.as_posix()
        )
    except (OSError, ValueError):  # pragma: no cover - e.g. other drive on Windows
        return path.as_posix()


def _inside(path: Path, root: Path) -> bool:
    try:
        path.resolve().relative_to(root.resolve())
        return True
    except ValueError:
        return False


def _internal(file: str, exc: BaseException) -> DataError:
    return DataError(
        file,
        1,
        1,
        "",
        fr(
            f"erreur interne du validateur ({type(exc).__name__} : {exc}) : "
            "signalez-la à l'équipe technique avec ce fichier"
        ),
    )


def check_data_dir(
    data_dir: Path, schema_dir: Path, root: Path | None = None, positions: dict | None = None, site: Site | None = None
) -> tuple[dict[str, list[dict]], list[DataError]]:
    """Every catalogue of *data_dir* checked against *schema_dir* and each other.

    Paths in errors are relative to *root* (default: the parent of *data_dir*).
    *site*: the site the data is built into (:func:`macros.pages.addresses.site_beside`), whose
    addresses the entries' pages, anchors, links and redirects must fit; None checks no address.
    *positions*, if given, receives each loaded catalogue's :class:`~.yamlload.Positions`
    (name -> where each key and value starts), for callers that point readers at a line.
    """
    data_dir, schema_dir = Path(data_dir), Path(schema_dir)
    root = Path(root) if root is not None else data_dir.parent
    gc_was_enabled = gc.isenabled()
    gc.disable()  # many small objects, none cyclic: the collector would only cost time
    try:
        return _check(data_dir, schema_dir, root, positions, site)
    finally:
        if gc_was_enabled:
            gc.enable()


def _check(data_dir: Path, schema_dir: Path, root: Path, positions: dict | None, site: Site | None):
    def rel(p: Path) -> str:
        return _relative(p, root)

    errors: list[DataError] = []
    if not schema_dir.is_dir():
        errors.append(DataError(rel(schema_dir), 1, 1, "", fr("dossier des schémas introuvable : vérifiez le chemin")))
    if not data_dir.is_dir():
        errors.append(DataError(rel(data_dir), 1, 1, "", fr("dossier des données introuvable : vérifiez le chemin")))
    if errors:
        return {}, sorted(errors)

    try:
        schemas = schema_set(schema_dir, rel)  # compiled once per content of the schema files
    except Exception as exc:  # noqa: BLE001 - never a traceback for editors
        return {}, [_internal(rel(schema_dir), exc)]
    errors += schemas.errors
    loaded = _load_all(data_dir, schema_dir, schemas, rel, errors)
    if positions is not None:
        positions.update({name: doc.positions for name, (doc, _) in loaded.items()})
    catalogues = {}
    for name, (doc, _) in loaded.items():
        entries = doc.data.get(name)
        catalogues[name] = entries if isinstance(entries, list) else []
    layout = None
    if site is not None:
        try:
            layout = site.layout(catalogues)
            if data_dir.resolve() != (schema_dir.parent / "data").resolve():
                layout.doc_links = []  # docs/ links to the entries of data/ beside it, not of another folder
        except Exception as exc:  # noqa: BLE001 (a validator bug becomes a located message, never a traceback)
            errors.append(_internal(rel(schema_dir.parent / "docs"), exc))

    schema_errors: list[DataError] = []
    for name, (doc, shown) in loaded.items():
        try:
            found = schemas.check(name, doc.data, doc.positions, shown, limit=MAX_ERRORS_PER_FILE)
            flagged = {e.path for e in found}
            schema_errors += found + check_texts(
                name, doc.data, doc.positions, shown, schemas, flagged, layout, MAX_ERRORS_PER_FILE
            )
            schema_errors += [
                e for e in check_updated(name, catalogues[name], doc.positions, shown) if e.path not in flagged
            ]
        except Exception as exc:  # noqa: BLE001 (a validator bug becomes a located message, never a traceback)
            schema_errors.append(_internal(shown, exc))

    cross = _cross(loaded, catalogues, schema_errors, rel(data_dir), layout)
    if layout is not None and not (errors or schema_errors or cross):  # the index pages, rendered: their anchors
        try:
            cross = rendered_anchors(
                catalogues,
                Locator(
                    {n: d.positions for n, (d, _) in loaded.items()}, {n: shown for n, (_, shown) in loaded.items()}
                ),
                layout,
                site,
            )
        except Exception as exc:  # noqa: BLE001 (a validator bug becomes a located message, never a traceback)
            cross = [_internal(rel(data_dir), exc)]
    return catalogues, capped(sorted(set(errors + schema_errors + cross)))


def capped(errors: list[DataError], limit: int = MAX_ERRORS_PER_FILE) -> list[DataError]:
    """The sorted *errors*, at most *limit* per file, each file's list ended by a count of the others."""
    out: list[DataError] = []
    by_file: dict[str, list[DataError]] = {}
    for e in errors:
        by_file.setdefault(e.file, []).append(e)
    for file, found in by_file.items():
        counted = [e for e in found if e.message.startswith(_COUNT)]  # what a stage counted without listing
        listed = [e for e in found if not e.message.startswith(_COUNT)]
        hidden = sum(int("".join(c for c in e.message.split(" autre")[0] if c.isdigit()) or 0) for e in counted)
        hidden += max(0, len(listed) - limit)
        out += listed[:limit]
        last = listed[min(limit, len(listed)) - 1] if listed else (counted or [None])[0]
        if hidden:
            out.append(more_errors(last, hidden, any("au moins" in e.message for e in counted)))
        elif counted:  # a stage stopped examining: there may be more, uncounted
            out.append(
                DataError(
                    file,
                    last.line,
                    last.col,
                    "",
                    fr(
                        "… et peut-être d'autres erreurs dans ce fichier : corrigez celles-ci, puis relancez la vérification"
                    ),
                )
            )
    return out


_COUNT = "… et "


def _load_all(data_dir: Path, schema_dir: Path, schemas: SchemaSet, rel, errors: list[DataError]) -> dict:
    """{name: (Loaded, shown file)} of every data file that could be read; problems added to *errors*."""
    known = sorted(schemas.catalogues)
    loaded = {}
    data_files = sorted(p for p in data_dir.iterdir() if p.suffix in (".yaml", ".yml") and not p.name.startswith("."))
    present = set()
    for path in data_files:
        shown = rel(path)
        name = path.stem
        if path.suffix == ".yml":
            errors.append(
                DataError(shown, 1, 1, "", fr(f"extension « .yml » : renommez le fichier en « {name}.yaml »"))
            )
            continue
        present.add(name)
        if name not in schemas.catalogues:
            guess = closest(name, known)
            hint = f" ; vouliez-vous dire « {guess}.yaml » ?" if guess else ""
            errors.append(
                DataError(
                    shown,
                    1,
                    1,
                    "",
                    fr(
                        f"fichier de données inattendu : aucun schéma {rel(schema_dir / (name + '.schema.json'))} "
                        f"ne lui correspond (fichiers attendus : {', '.join(n + '.yaml' for n in known)}){hint}"
                    ),
                )
            )
            continue
        try:
            raw = path.read_bytes()
        except OSError as exc:
            errors.append(DataError(shown, 1, 1, "", fr(f"fichier illisible : {exc.strerror}")))
            continue
        try:
            loaded[name] = (load_catalogue(raw, shown, name), shown)
        except DataErrors as exc:
            errors += exc.errors
        except Exception as exc:  # noqa: BLE001 (a validator bug becomes a located message, never a traceback)
            errors.append(_internal(shown, exc))
    for name in known:
        if name not in present:
            errors.append(
                DataError(
                    rel(data_dir / f"{name}.yaml"),
                    1,
                    1,
                    "",
                    fr(
                        f"fichier manquant : le catalogue « {name} » est attendu (schéma "
                        f"{schemas.catalogues[name].file}) ; créez-le avec la ligne « {name}: [] » s'il est encore vide"
                    ),
                )
            )
    return loaded


def _cross(
    loaded: dict, catalogues: dict, schema_errors: list[DataError], shown_dir: str, layout=None
) -> list[DataError]:
    """Cross-file errors, except on values that already have a schema error."""
    # a catalogue that is not a list (« partners: » left empty) has its own error:
    # checking references against it would only echo that error
    usable = {name: (doc, shown) for name, (doc, shown) in loaded.items() if isinstance(doc.data.get(name), list)}
    name_of = {shown: name for name, (_, shown) in usable.items()}
    flagged: dict[str, set[str]] = {}
    for e in schema_errors:
        if e.file in name_of:
            flagged.setdefault(name_of[e.file], set()).add(e.path)
    try:
        cross = check_references(
            {name: catalogues[name] for name in usable},
            {name: doc.positions for name, (doc, _) in usable.items()},
            {name: shown for name, (_, shown) in usable.items()},
            flagged,
            layout,
        )
    except Exception as exc:  # noqa: BLE001 (a validator bug becomes a located message, never a traceback)
        cross = [_internal(shown_dir, exc)]
    flagged_at = {(e.file, e.path) for e in schema_errors}
    return [e for e in cross if (e.file, e.path) not in flagged_at]
