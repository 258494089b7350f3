"""What the issue flow answers: exit statuses, the comment for the issue, the pull request's words.

Text that came from the issue is echoed with its pings made inert (:func:`inert`):
``@nom`` becomes ``＠nom`` and ``#12`` becomes ``＃12``, so the bot never notifies
anyone, nor links another issue, on a stranger's behalf.
"""

from __future__ import annotations

import re

from macros.core.errors import fr

# Exit statuses of scripts/issue_to_entry.py (documented there)
ADDED, CORRECTIONS, USAGE, DATA_INVALID, INTERNAL = 0, 1, 2, 3, 4
_MENTION = re.compile(r"[@＠](?=[A-Za-z0-9_-])")
_REFERENCE = re.compile(r"#(?=[0-9])|(?<![A-Za-z0-9])(GH-)(?=[0-9])", re.I)


def inert(text: str) -> str:
    """*text* echoed by the bot with its mentions (« @nom ») and references (« #12 ») made inert."""
    return _REFERENCE.sub(lambda m: "＃" if m.group(1) is None else "GH‑", _MENTION.sub("＠", text))


SUMMARIES = {
    USAGE: "Cette demande n'a pas pu être lue : elle ne vient pas d'un des formulaires du dépôt (« Proposer une "
    "pratique », « Nous l'avons mis en œuvre »), ou ses rubriques ont été renommées. Ouvrez une nouvelle "
    "demande avec l'un de ces formulaires.",
    DATA_INVALID: "Merci pour cette proposition ! Les données du site ont en ce moment une erreur qui ne vient pas "
    "de votre demande : l'équipe du site la corrige, puis votre demande sera traitée.",
    INTERNAL: "Merci pour cette proposition ! Un problème technique a empêché de la préparer ; il ne vient pas de "
    "votre demande. L'équipe du site est prévenue et reprendra la demande.",
}


def pull_request(spec, results, summary: str, number: int | None) -> dict:
    """The pull request's title and text: one line of title, the issue's words made inert."""
    entry = results[-1]
    name = entry.entry_id
    ref = f"Demande n° {number}" if number else "Demande"
    title = inert(fr(f"{ref} : {spec.name} « {name} »"))[:200]
    body = summary.rstrip("\n") + (f"\n\nCloses #{number}\n" if number else "\n")
    return {"title": title, "body": body, "id": entry.entry_id}
