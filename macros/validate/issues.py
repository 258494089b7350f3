"""Which jsonschema errors become lines for editors: one per value, the most telling, no echo.

jsonschema reports everything it tried: every failed branch of a oneOf, the
« required » of a then-clause whose condition read a misspelt value, the
missing field that is really a misspelt key next to it. Shown as is, one
mistake becomes five lines. :func:`leaves` keeps the branch that fits the
value best; :mod:`.schemamessages` turns each error into :class:`Issue`
objects; :func:`select` drops the duplicates and echoes.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from jsonschema.exceptions import ValidationError, best_match


@dataclass
class Issue:
    """One problem found by the schema, in French, before it is located in the file."""

    path: tuple  # where the problem is (for the path text)
    at_key: bool  # locate at the key rather than the value
    rank: int  # lower wins among problems of the same path
    message: str
    group: str = ""  # issues with different groups at one path are all kept
    missing: str | None = None  # the missing field, for required
    suggestion: str | None = None  # the suggested field, for unknown keys
    depends: tuple = ()  # paths of the values a condition (if/then) looked at


def leaves(error: ValidationError) -> list[ValidationError]:
    """The errors worth showing: inside oneOf/anyOf, those of the branch that fits best."""
    if error.validator not in ("oneOf", "anyOf") or not error.context:
        return [error]
    branches: dict[Any, list[ValidationError]] = defaultdict(list)
    for sub in error.context:
        branches[sub.relative_schema_path[0] if sub.relative_schema_path else 0].append(sub)

    def score(idx):
        # a branch whose problems are all deeper fits the shape of the value: prefer it
        errs = branches[idx]
        wrong_type = any(x.validator == "type" and not x.relative_path for x in errs)
        shallow = sum(_weight(x) for x in errs if not x.relative_path)
        return (wrong_type, shallow, sum(_weight(x) for x in errs))

    ranked = sorted(branches, key=score)
    tied = [b for b in ranked if score(b) == score(ranked[0])]
    chosen = tied[0]
    if len(tied) > 1:
        best = best_match([x for b in tied for x in branches[b]])
        for b in tied:
            if best in branches[b]:
                chosen = b
                break
    return [leaf for sub in branches[chosen] for leaf in leaves(sub)]


def _weight(x: ValidationError) -> int:
    """How wrong an error makes its branch: each unknown key counts (a branch of another shape has many)."""
    if x.validator == "additionalProperties" and isinstance(x.instance, dict) and isinstance(x.schema, dict):
        return max(1, len(set(x.instance) - set(x.schema.get("properties") or {})))
    return 1


def remap(issues: list[Issue], name: str, index_map: list[int]) -> None:
    """Back to the indexes of the whole list, when only the failing entries were checked."""

    def whole(p: tuple) -> tuple:
        if len(p) >= 2 and p[0] == name and isinstance(p[1], int):
            return (p[0], index_map[p[1]]) + tuple(p[2:])
        return p

    for issue in issues:
        issue.path = whole(issue.path)
        issue.depends = tuple(whole(d) for d in issue.depends)


def select(issues: list[Issue]) -> list[Issue]:
    """One problem per value (the most telling), every missing or unknown field, no echo."""
    # an unknown key that looks like a missing required field explains it
    unknown_for = {(i.path[:-1], i.suggestion) for i in issues if i.group == "unknown" and i.suggestion}
    missing = {(j.path, j.missing) for j in issues if j.missing}
    for i in issues:
        if i.group == "unknown" and i.suggestion and (i.path[:-1], i.suggestion) in missing:
            i.message = i.message.replace(
                " (vouliez-vous dire", " (champ obligatoire manquant\u00a0: vouliez-vous dire", 1
            )
    kept: dict[tuple, Issue] = {}
    for i in issues:
        if i.missing and (i.path, i.missing) in unknown_for:
            continue
        key = (i.path, i.group)  # value problems share the group "": the best rank wins
        if key not in kept or i.rank < kept[key].rank:
            kept[key] = i
    # a rule that depends on an invalid value (« kind » misspelt) would only echo it
    wrong = {i.path for i in kept.values()}
    return [i for i in kept.values() if not any(d in wrong for d in i.depends)]
