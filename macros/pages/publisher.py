"""Who publishes the site, for the pages that must say it (legal notice, accessibility, « Contribuer »).

The publisher, the publication director and the contact come from configuration:
``extra.publisher`` in mkdocs.yml, which reads SITE_PUBLISHER, SITE_PUBLICATION_DIRECTOR
and SITE_CONTACT from the environment (a fork sets its own). When one is empty, the pages
say plainly that the publisher has not declared it, and the build logs an INFO line
(« Éditeur du site non déclaré : … ») — not a WARNING, which would fail `mkdocs build --strict`.
"""

from __future__ import annotations

import logging
import re

from macros.core.inert import md

log = logging.getLogger("mkdocs.plugins.alternance.publisher")

FIELDS = {  # field -> (what it is, the environment variable that sets it)
    "name": ("le nom de l'éditeur", "SITE_PUBLISHER"),
    "director": ("le directeur ou la directrice de la publication", "SITE_PUBLICATION_DIRECTOR"),
    "contact": ("l'adresse de contact", "SITE_CONTACT"),
}
UNDECLARED = {
    "name": "L'éditeur de ce site n'a pas déclaré son nom.",
    "director": "L'éditeur de ce site n'a pas déclaré de directeur ou de directrice de la publication.",
    "contact": "L'éditeur de ce site n'a pas déclaré d'adresse de contact.",
}
_EMAIL = re.compile(r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$")
_URL = re.compile(r"^https?://[^\s<>\"'`{}|\\^()\[\]]+$")


def publisher_of(extra: dict | None) -> dict[str, str]:
    """The declared fields of ``extra.publisher`` (stripped; '' when unset)."""
    declared = (extra or {}).get("publisher") or {}
    return {key: str(declared.get(key) or "").strip() for key in FIELDS}


def undeclared(publisher: dict[str, str]) -> list[str]:
    return [key for key in FIELDS if not publisher.get(key)]


def notice(publisher: dict[str, str]) -> str | None:
    """The build's INFO line when something is not declared (None when all is)."""
    missing = undeclared(publisher)
    if not missing:
        return None
    items = ", ".join(f"{FIELDS[key][0]} ({FIELDS[key][1]})" for key in missing)
    return (
        f"Éditeur du site non déclaré : {items} vide dans extra.publisher de mkdocs.yml ; "
        "les mentions légales, la déclaration d'accessibilité et « Contribuer » disent que l'éditeur ne l'a pas déclaré."
    )


def contact_markdown(value: str) -> str:
    """An e-mail address or a web address as a Markdown link; anything else as inert text."""
    if _EMAIL.match(value):
        return f"[{md(value)}](mailto:{value})"
    if _URL.match(value):
        return f"<{value}>"
    return md(value)


def sentence(publisher: dict[str, str], key: str) -> str:
    """The Markdown sentence a page shows for *key* (« Ce site est édité par … » or « … n'a pas déclaré … »)."""
    value = publisher.get(key, "")
    if not value:
        return UNDECLARED[key]
    if key == "name":
        return f"Ce site est édité par {md(value)}."
    if key == "director":
        return f"Direction de la publication : {md(value)}."
    return f"Contact : {contact_markdown(value)}."


def register(env) -> None:
    """The macros `publisher_sentence(key)` and `publisher_declared(key)` for docs/ pages (key: name,
    director or contact); logs the notice once per build (define_env runs once per build)."""
    publisher = publisher_of(env.conf.get("extra"))
    line = notice(publisher)
    if line:
        log.info(line)

    @env.macro
    def publisher_sentence(key: str) -> str:
        """« Ce site est édité par … » / « Contact : … », or the sentence saying it was not declared."""
        return sentence(publisher, key)

    @env.macro
    def publisher_declared(key: str) -> bool:
        return bool(publisher.get(key))
