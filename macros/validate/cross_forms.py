"""Forms: field ids and section ids unique inside one format's model form, shared blocks included.

A format's form (``formats[].form.sections``) mixes its own sections and
``include:`` of shared blocks from data/form_blocks.yaml. The downloadable
documents use field ids as names, so an id may appear only once in a form,
whichever section or block brings it; a block may be included only once.
Unknown blocks are left to the reference rules (:mod:`.crossref`).
"""

from __future__ import annotations

from macros.core.errors import DataError, fr, quote
from macros.validate.paths import Locator, values_at

# catalogue, sections pattern, include key, blocks catalogue
FORM = ("formats", "form.sections", "include", "form_blocks")


def check_forms(catalogues: dict, names: list, loc: Locator) -> list[DataError]:
    """Every repeated id or block in the forms of the format catalogue (checked catalogues: *names*)."""
    name, sections_pattern, _, blocks_name = FORM
    if name not in names:
        return []
    blocks = {}
    if blocks_name in names:
        for i, block in enumerate(catalogues[blocks_name] or []):
            if isinstance(block, dict) and isinstance(block.get("id"), str):
                blocks.setdefault(block["id"], (i, block))
    errors = []
    for i, entry in enumerate(catalogues[name] or []):
        if not isinstance(entry, dict):
            continue
        for rel, sections in values_at(entry, sections_pattern):
            if isinstance(sections, list):
                errors += _Form(name, (name, i) + rel, blocks, loc).check(sections)
    return errors


class _Form:
    """The ids seen so far in one form, its sections and included blocks read in order."""

    def __init__(self, name: str, base: tuple, blocks: dict, loc: Locator) -> None:
        self.name, self.base, self.blocks, self.loc = name, base, blocks, loc
        self.field_first: dict[str, str] = {}  # field id -> where it was first seen
        self.section_first: dict[str, str] = {}
        self.included: dict[str, int] = {}  # block id -> line of its include
        self.errors: list[DataError] = []

    def check(self, sections: list) -> list[DataError]:
        include_key = FORM[2]
        for j, section in enumerate(sections):
            if not isinstance(section, dict):
                continue
            if include_key in section:
                self._include(section[include_key], self.base + (j, include_key))
            else:
                self._section(section, self.base + (j,))
        return self.errors

    def _error(self, path: tuple, message: str) -> None:
        self.errors.append(self.loc.error(self.name, path, fr(message)))

    def _include(self, block_id, ipath: tuple) -> None:
        if not isinstance(block_id, str) or block_id not in self.blocks:
            return  # unknown block: reported by the references
        if block_id in self.included:
            self._error(
                ipath,
                f"la rubrique commune {quote(block_id)} est déjà incluse dans cette fiche "
                f"(ligne {self.included[block_id]}) : supprimez l'une des deux lignes",
            )
            return
        line = self.loc.line(self.name, ipath)
        self.included[block_id] = line
        _, block = self.blocks[block_id]
        where = f"rubrique commune « {block_id} » incluse ligne {line}"
        self._note_section(block_id, ipath, where, f"la rubrique commune {quote(block_id)}")
        for fld in block.get("fields") or []:
            fid = fld.get("id") if isinstance(fld, dict) else None
            if not isinstance(fid, str):
                continue
            if fid in self.field_first:
                self._error(
                    ipath,
                    f"la rubrique commune {quote(block_id)} contient le champ {quote(fid)}, "
                    f"déjà utilisé dans cette fiche ({self.field_first[fid]}) : les identifiants de champ "
                    "d'une fiche doivent être uniques, renommez l'un des deux",
                )
            else:
                self.field_first[fid] = where

    def _section(self, section: dict, spath: tuple) -> None:
        sid = section.get("id")
        if isinstance(sid, str):
            line = self.loc.line(self.name, spath + ("id",))
            self._note_section(
                sid, spath + ("id",), f"rubrique « {sid} », ligne {line}", f"l'identifiant de rubrique {quote(sid)}"
            )
        for k, fld in enumerate(section.get("fields") or [] if isinstance(section.get("fields"), list) else []):
            fid = fld.get("id") if isinstance(fld, dict) else None
            if not isinstance(fid, str):
                continue
            fpath = spath + ("fields", k, "id")
            if fid in self.field_first:
                self._error(
                    fpath,
                    f"identifiant de champ {quote(fid)} déjà utilisé dans cette fiche ({self.field_first[fid]}) : "
                    "les identifiants de champ d'une fiche doivent être uniques, renommez l'un des deux",
                )
            else:
                self.field_first[fid] = f"ligne {self.loc.line(self.name, fpath)}"

    def _note_section(self, sid: str, path: tuple, where: str, what: str) -> None:
        if sid in self.section_first:
            self._error(
                path,
                f"{what} est déjà utilisé dans cette fiche ({self.section_first[sid]}) : chaque rubrique "
                "d'une fiche doit avoir un identifiant unique, rubriques communes comprises",
            )
        else:
            self.section_first[sid] = where
