"""Content rules checked on the data and the functions, without a build: the publisher sentence comes
from configuration (inert text), and practices carry only the diplomas their sources give
(the built pages: tests/acceptance/test_content.py)."""

from __future__ import annotations

import logging

from macros.pages.publisher import UNDECLARED, notice, publisher_of, register, sentence

# --- The publisher comes from configuration ------------------------------------------


class _Env:
    """What macros/publisher.register needs of mkdocs-macros' env."""

    def __init__(self, publisher: dict) -> None:
        self.conf = {"extra": {"publisher": publisher}}
        self.macros = {}

    def macro(self, fn):
        self.macros[fn.__name__] = fn
        return fn


def test_an_undeclared_publisher_is_said_plainly_and_logged_at_info(caplog):
    env = _Env({"name": "", "director": "", "contact": ""})
    with caplog.at_level(logging.INFO, logger="mkdocs"):
        register(env)
    records = [r for r in caplog.records if "Éditeur du site non déclaré" in r.getMessage()]
    assert len(records) == 1 and records[0].levelno == logging.INFO  # a WARNING would fail --strict
    assert "SITE_PUBLISHER" in records[0].getMessage()
    assert env.macros["publisher_sentence"]("name") == UNDECLARED["name"]
    assert env.macros["publisher_sentence"]("contact") == UNDECLARED["contact"]
    assert env.macros["publisher_declared"]("director") is False


def test_a_declared_publisher_is_shown_and_nothing_is_logged(caplog):
    env = _Env({"name": "IRTS Exemple", "director": "La directrice générale", "contact": "contact@irts.example"})
    with caplog.at_level(logging.INFO, logger="mkdocs"):
        register(env)
    assert not [r for r in caplog.records if "non déclaré" in r.getMessage()]
    assert env.macros["publisher_sentence"]("name") == "Ce site est édité par IRTS Exemple."
    assert env.macros["publisher_sentence"]("director") == "Direction de la publication : La directrice générale."
    assert (
        env.macros["publisher_sentence"]("contact") == "Contact : [contact@irts.example](mailto:contact@irts.example)."
    )


def test_publisher_values_are_inert_text():
    declared = publisher_of({"publisher": {"name": "<script>x</script>", "contact": "https://example.org/contact"}})
    assert "<script>" not in sentence(declared, "name")
    assert sentence(declared, "contact") == "Contact : <https://example.org/contact>."
    assert (
        sentence(publisher_of({"publisher": {"contact": "écrire au secrétariat"}}), "contact")
        == "Contact : écrire au secrétariat."
    )
    assert notice(declared) is not None and "SITE_PUBLICATION_DIRECTOR" in notice(declared)


def test_practices_carry_only_the_diplomas_their_sources_give():
    """ASKORIA note: « Exemple d'un stage « pluri institutionnel » EJE », « Exemple du stage collectif de
    territoire (ASS) »; no other experiment or example names a diploma."""
    from macros.model.catalog import load_catalog
    from tests.support import ROOT

    given = {
        "stage-pluri-institutionnel-eje-accueil-des-2-3-ans": ["EJE"],
        "stage-collectif-de-territoire-ass": ["ASS"],
    }
    for practice in load_catalog(ROOT).list("practices"):
        if practice["source"] == "askoria-2017":
            assert practice["diplomas"] == given.get(practice["id"], []), practice["id"]
