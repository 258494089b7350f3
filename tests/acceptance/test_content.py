"""Content regression: what the site must no longer say, and what it must say with its date.

Every statement in NOT_ANY_MORE went beyond the two source pages and the fact sheet (or published
an editorial note); the comment gives the source check that removed it. DATED_FACTS must appear on
the built pages (the session `site` fixture, built at ALTERNANCE_DATE=2026-12-04, tests/conftest.py).
tests/seed_facts.txt (the source pages' facts) is checked by tests/acceptance/test_build.py and stays as it is.
"""

from __future__ import annotations

import re

import pytest

from macros.pages.publisher import UNDECLARED
from tests.support.site import normalise, page_text

NOT_ANY_MORE = [
    # No source links a format to a diploma: only the documented examples' diplomas are shown.
    "diplômes concernés : ass, es, eje, ets, cesf",
    # Fact sheet § B bis: 55 weeks (Banque des Territoires) vs 50 (Hospimedia), "non concordant,
    # ne pas publier de nombre de semaines" [L].
    "55 semaines",
    # ASKORIA note: « ce type de stage est proposé à deux voire trois étudiants » is said of the
    # ASS « stage collectif de territoire » only, not of every collective project.
    "un collectif de deux voire trois étudiants",
    "un collectif de stagiaires (deux voire trois étudiants)",
    # ASKORIA note: « 6 jours qui seront comptés comme temps de stage » is the ARS example only.
    "un temps de projet compté comme temps de stage",
    # DRJSCS 2012 names « les établissements de formation » as partners; no source says ASKORIA signed.
    "comme askoria en bretagne",
    # DRJSCS 2012: the protocol is « signé par une trentaine de partenaires »; the DRJSCS only presented it.
    "drjscs bretagne et une trentaine de partenaires signataires",
    # The 2012 protocol is dated: « engage » presented it as today's (issue 12).
    "le protocole engage",
    "protocole régional qui engage",
    # Editorial notes (issue 12, item 5).
    "à compléter avant la mise en ligne officielle",
    "la fiche de faits ne donne pas",
    "d'après une source secondaire sérieuse",
    "identification d'après une source secondaire sérieuse",
    "la citation n'a pas été retrouvée",
    "réseau régional des acteurs de l'alternance",  # a publisher no source or configuration names
    # The testimony « À l'occasion de mon stage collectif … » gives no gender.
    "une étudiante le dit",
    # Formateur: « ça n'est pas facile pour les terrains de bien s'articuler » — not « entre eux »,
    # and not about a particular format.
    "les terrains ont du mal à bien s'articuler entre eux",
    # L124-1: a tripartite agreement; « pour chaque structure » is no source's.
    "à prévoir pour chaque structure qui accueille l'étudiant",
    # Conditions no source gives for the formats the ASKORIA note only lists.
    "un lien entre ce projet et le projet de formation de l'étudiant",
    "choisie avec le site qualifiant",
    "les premiers projets sont à documenter",
    "les modalités de reconnaissance sont à définir",
    # The testimonial line repeated its group (issue 12).
    "qu'en disent les acteurs ? — terrains professionnels",
    # Statuses are computed (macros/model/status.py), never written by hand.
    "règle remplacée :",
]


@pytest.fixture(scope="module")
def pages(site) -> dict[str, str]:
    """URL path -> normalised visible text of every built page."""
    out = {}
    for path in site.rglob("index.html"):
        rel = path.relative_to(site).parent.as_posix()
        out["" if rel == "." else rel + "/"] = page_text(path.read_text(encoding="utf-8"))
    return out


def html(site, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def section(page_html: str, anchor: str) -> str:
    """The HTML of the section whose heading has id *anchor*, up to the next heading of that level."""
    start = page_html.index(f'id="{anchor}"')
    level = page_html.rfind("<h", 0, start)
    tag = page_html[level : level + 3]
    end = page_html.find(f"<{tag[1:]}", start)
    return page_html[start : end if end != -1 else None]


@pytest.mark.parametrize("statement", NOT_ANY_MORE)
def test_statements_that_went_beyond_the_sources_do_not_come_back(pages, statement):
    """Every page a reader reads (« Contribuer » documents the schemas for editors: not checked)."""
    found = [url for url, text in pages.items() if normalise(statement) in text and not url.startswith("contribuer/")]
    assert not found, f"« {statement} » is back on {found}"


def test_formats_show_only_the_diplomas_a_source_gives(site, pages):
    for url in pages:
        if url.startswith("formats/") and url != "formats/":
            diplomas = page_text(section(html(site, url.rstrip("/")), "diplomes"))
            assert "conseiller en économie sociale familiale" not in diplomas, url
            assert "les sources ne réservent ce format à aucun diplôme" in diplomas, url
    assert "eje — éducateur de jeunes enfants" in pages["formats/stages-pluri-institutionnels/"]
    assert "ass — assistant de service social" in pages["formats/projets-collectifs/"]
    form = html(site, "formats/stages-pluri-institutionnels")
    assert 'data-option="Croiser deux dispositifs différents pour un même public"' not in form


# --- Facts that must appear, with their date ---------------------------------------

DATED_FACTS = {
    "": [
        "1 164 terrains d'accueil recherchés en bretagne en 2012",
        "22 membres du comité de suivi du protocole régional en 2012",
    ],
    "diplomes/": [
        "candidats entrés en formation à partir du 1er septembre 2026",
        "candidats entrés en formation avant le 1er septembre 2026, jusqu'au 31 juillet 2028",
        "en vigueur à partir du 1er septembre 2027",
        "1 517 h",
        "1 925 h",
        "3 442 h",
        "1 104 h",
        "544 h",
        "l'arrêté est abrogé à l'issue de la session 2027",
    ],
    "protocole/": [
        "protocole régional de l'organisation de l'alternance (bretagne, 2012)",
        "statut actuel : non connu",
        "historique (2012)",
        "présenté par : drjscs bretagne, le 30 mai 2012",
    ],
    "temoignages/": [
        "ces témoignages ont été recueillis par askoria et publiés dans « nouvelles modalités de l'alternance » le 4 mai 2017",
        "des référents professionnel[s] est important",  # the seed says « professionnel »: corrected in brackets
    ],
    "references/": [
        "historique (2017)",
        "historique (2014)",
        "statut actuel : non connu, non précisé par les sources depuis le 1er septembre 2026",
    ],
    "formats/stages-pluri-institutionnels/": [
        "ce que changent les textes récents",
        "la répartition des stages en périodes et en sites n'est pas précisée par les sources",
        "pour les étudiants entrés en formation avant le 1er septembre 2026, les arrêtés du 22 août 2018",
    ],
}


@pytest.mark.parametrize("url", sorted(DATED_FACTS))
def test_facts_appear_with_their_date(pages, url):
    missing = [fact for fact in DATED_FACTS[url] if normalise(fact) not in pages[url]]
    assert not missing, f"missing from /{url}: {missing}"


def test_the_2018_arretes_show_their_replacement_with_a_link(site):
    entry = section(html(site, "references"), "arretes-2018-08-22-deass-dees-deeje-deets")
    status = re.search(r'<span class="statut statut--remplace">(.*?)</span>', entry, re.S)
    assert status, "no computed « Remplacé » status on the 2018 arrêtés"
    assert "Remplacés par" in re.sub(r"<[^>]+>", "", status.group(1))
    assert 'href="#arretes-2025-10-06"' in status.group(1) or 'href="./#arretes-2025-10-06"' in status.group(1)
    assert "depuis le 1er septembre 2026" in status.group(1)


def test_the_2018_decesf_arrete_is_in_force_at_the_build_date(site):
    entry = section(html(site, "references"), "arrete-2018-08-22-decesf")
    assert '<span class="statut statut--en-vigueur"><strong>En vigueur</strong>, remplacé par' in entry
    assert "à partir du 1er septembre 2027" in entry


def test_the_diplomas_page_leads_with_what_applies_now(site):
    page = html(site, "diplomes")
    positions = [page.index(f'id="{anchor}"') for anchor in ("aujourdhui", "regles-2025", "regles-2018", "ass")]
    assert positions == sorted(positions)
    today = section(page, "aujourdhui")
    for code, text, anchor in (
        ("DEASS", "Arrêtés du 6 octobre 2025", "arretes-2025-10-06"),
        ("DECESF", "Arrêté du 22 août 2018", "arrete-2018-08-22-decesf"),
    ):
        row = re.search(rf"<tr>\s*<td><strong>(?:<abbr[^>]*>)?{code}(?:</abbr>)?</strong></td>(.*?)</tr>", today, re.S)
        assert row and text in re.sub(r"<[^>]+>", "", row.group(1)), code
        assert f'references/#{anchor}"' in row.group(1), code


def test_every_confidence_is_one_badge_linking_to_its_explanation(site, pages):
    refs = html(site, "references")
    # « Fiabilité : » with the no-break space of the typography pass (macros/french/typography.py)
    badges = re.findall(
        r'<a class="fiabilite fiabilite--([hm])" href="([^"]+)">Fiabilité(?:&nbsp;|\u00a0| ): ([^<]+)</a>', refs
    )
    assert len(badges) >= 20
    assert {(level, label) for level, _, label in badges} == {
        ("h", "texte officiel"),
        ("m", "source secondaire sérieuse"),
    }
    assert {href for _, href, _ in badges} == {"../fiabilite/"}
    assert "non vérifié" in pages["fiabilite/"] and "jamais publié" in pages["fiabilite/"]


def test_a_testimonial_says_once_who_spoke_and_where_it_was_published(site):
    for url in ("formats/stages-pluri-institutionnels", "pratiques/stage-thematique-sur-deux-sites-qualifiants"):
        quotes = re.findall(r"<blockquote>(.*?)</blockquote>", html(site, url), re.S)
        assert quotes, url
        for quote in quotes:
            text = normalise(re.sub(r"<[^>]+>", "", quote))
            assert text.count("terrains professionnels") == 1, text
            assert "cité par askoria" in text and "(4 mai 2017)" in text, text
            assert 'href="../../sources/#askoria-2017"' in quote


# --- The publisher comes from configuration ------------------------------------------


def test_the_built_legal_notice_says_what_the_configuration_declares(pages):
    import os

    legal = pages["mentions-legales/"]
    if os.environ.get("SITE_PUBLISHER"):
        assert normalise(f"ce site est édité par {os.environ['SITE_PUBLISHER']}") in legal
    else:
        assert normalise(UNDECLARED["name"]) in legal
    for url in ("accessibilite/", "contribuer/"):
        assert ("contact :" in pages[url]) or (normalise(UNDECLARED["contact"]) in pages[url]), url


def test_every_format_citing_a_replaced_text_says_what_the_new_texts_change(site):
    from macros.model.catalog import load_catalog
    from tests.support import ROOT

    catalog = load_catalog(ROOT)
    replaced = {r["id"] for r in catalog.list("references") if r.get("replaced_by")}
    citing = [f for f in catalog.list("formats") if replaced & set(f.get("references") or [])]
    assert citing
    for fmt in citing:
        text = page_text(section(html(site, f"formats/{fmt['id']}"), "textes-recents"))
        assert "remplacés" in text or "remplacé" in text, fmt["id"]
        said = (
            normalise(" ".join(fmt["current_rules"].split()))[:80]
            if fmt.get("current_rules")
            else "ce que les textes qui les remplacent changent pour ce format n'est pas précisé par les sources"
        )
        assert said in text, fmt["id"]
