"""Statuses are computed from the data at a date (macros/model/status.py) and written by one partial.

The dates below are the transitions of the 2025 reform (fiche de faits, § A.6 and § B bis):
the arrêtés of 6 October 2025 apply from 1 September 2026 (DEASS, DEEJE, DEES, DEETS) and from
1 September 2027 (DECESF). Each test looks at the day before, the day of, and a day after.
"""

from __future__ import annotations

from datetime import date

import pytest

from macros.model.catalog import load_catalog
from macros.model.status import (
    ENDED,
    HISTORICAL,
    IN_FORCE,
    REPLACED,
    UNKNOWN,
    UPCOMING,
    agreement,
    first_day,
    from_fr,
    since_fr,
    status_of,
)
from macros.pages.render import environment
from macros.schema.store import load_schemas
from tests.support import ROOT

BEFORE_2026, ON_2026, DEC_2026 = date(2026, 8, 31), date(2026, 9, 1), date(2026, 12, 4)
BEFORE_2027, ON_2027, AFTER_2028 = date(2027, 8, 31), date(2027, 9, 1), date(2028, 8, 1)


def test_a_text_in_force_from_a_date_is_upcoming_until_that_day():
    entry = {"in_force": {"from": "2026-09-01"}}
    assert status_of(entry, BEFORE_2026).kind == UPCOMING
    assert status_of(entry, BEFORE_2026).when == "2026-09-01"
    assert status_of(entry, ON_2026).kind == IN_FORCE
    assert status_of(entry, DEC_2026).kind == IN_FORCE


def test_a_replaced_text_is_in_force_until_the_day_its_replacement_applies():
    entry = {"in_force": {"until": "2027-09-01"}, "replaced_by": "arrete-2025-10-06-decesf"}
    st = status_of(entry, DEC_2026)
    assert (st.kind, st.replaced_by, st.change) == (IN_FORCE, "arrete-2025-10-06-decesf", "2027-09-01")
    assert status_of(entry, BEFORE_2027).kind == IN_FORCE
    st = status_of(entry, ON_2027)
    assert (st.kind, st.replaced_by, st.when) == (REPLACED, "arrete-2025-10-06-decesf", "2027-09-01")


def test_a_replacement_without_a_date_is_shown_at_once_not_dropped():
    """« replaced_by » with no « until »: replaced now (the schema says so), never « En vigueur »
    with the replacement silently lost."""
    entry = {"in_force": {"from": "2014"}, "replaced_by": "arretes-2025-10-06"}
    st = status_of(entry, DEC_2026)
    assert (st.kind, st.replaced_by, st.when) == (REPLACED, "arretes-2025-10-06", None)
    assert status_of({"in_force": {"from": "2027"}, "replaced_by": "x"}, DEC_2026).kind == UPCOMING


def test_an_end_without_a_replacement_is_not_called_a_replacement():
    entry = {"in_force": {"from": "2014", "until": "2020-01-01"}}
    assert status_of(entry, date(2019, 12, 31)).kind == IN_FORCE
    assert status_of(entry, date(2020, 1, 1)).kind == ENDED


def test_a_text_whose_fate_the_sources_stop_telling_becomes_unknown():
    entry = {"in_force": {"from": "2015-03-31", "unknown_from": "2026-09-01"}}
    assert status_of(entry, date(2015, 3, 30)).kind == UPCOMING
    assert status_of(entry, BEFORE_2026).kind == IN_FORCE
    st = status_of(entry, ON_2026)
    assert (st.kind, st.when) == (UNKNOWN, "2026-09-01")


def test_without_a_period_a_dated_document_is_historical_and_anything_else_unknown():
    st = status_of({"as_of": "2012"}, DEC_2026)
    assert (st.kind, st.year) == (HISTORICAL, "2012")
    assert status_of({"as_of": "2017-05-04"}, DEC_2026).year == "2017"
    assert status_of({}, DEC_2026).kind == UNKNOWN
    assert status_of({"in_force": None, "as_of": None}, DEC_2026).kind == UNKNOWN
    assert status_of({"in_force": {}}, DEC_2026).kind == IN_FORCE
    st = status_of({"replaced_by": "code-education-l124"}, DEC_2026)
    assert (st.kind, st.replaced_by, st.when) == (REPLACED, "code-education-l124", None)


def test_partial_dates_count_from_their_first_day():
    assert first_day("2027") == date(2027, 1, 1) and first_day("2026-09") == date(2026, 9, 1)
    entry = {"in_force": {"from": "2027"}}
    assert status_of(entry, date(2026, 12, 31)).kind == UPCOMING
    assert status_of(entry, date(2027, 1, 1)).kind == IN_FORCE


def test_french_phrases_of_dates():
    assert since_fr("2026-09-01") == "depuis le 1er septembre 2026"
    assert since_fr("2027-09") == "depuis septembre 2027"
    assert from_fr("2027-09-01") == "à partir du 1er septembre 2027"
    assert from_fr("2027") == "à partir de 2027"
    kinds = load_schemas(ROOT / "schemas").labels("references", "kind")  # the genders: schemas' x-labels
    assert agreement({"kind": "arrete", "plural": True}, kinds) == "s"
    assert agreement({"kind": "circulaire"}, kinds) == "e"
    assert agreement({"kind": "instruction", "plural": True}, kinds) == "es"
    assert agreement(None, kinds) == ""


# --- The shipped data, across the transitions ------------------------------------

EXPECTED = {  # reference id -> kind on 31 Aug 2026, 4 Dec 2026, 1 Sep 2027
    "arretes-2025-10-06": (UPCOMING, IN_FORCE, IN_FORCE),
    "arretes-2018-08-22-deass-dees-deeje-deets": (IN_FORCE, REPLACED, REPLACED),
    "arrete-2025-10-06-decesf": (UPCOMING, UPCOMING, IN_FORCE),
    "arrete-2018-08-22-decesf": (IN_FORCE, IN_FORCE, REPLACED),
    "instruction-dgcs-2015-102": (IN_FORCE, UNKNOWN, UNKNOWN),
    "protocole-regional-alternance-bretagne-2012": (UNKNOWN, UNKNOWN, UNKNOWN),
    "note-synthese-askoria-2017": (HISTORICAL, HISTORICAL, HISTORICAL),
}


@pytest.mark.parametrize("ref_id", sorted(EXPECTED))
def test_the_reference_texts_change_status_on_the_days_the_sources_give(ref_id):
    entry = load_catalog(ROOT).get("references", ref_id)
    assert tuple(status_of(entry, day).kind for day in (BEFORE_2026, DEC_2026, ON_2027)) == EXPECTED[ref_id]


def test_each_diploma_has_exactly_one_set_of_conditions_for_new_students_at_every_date():
    for diploma in load_catalog(ROOT).list("diplomas"):
        for day in (BEFORE_2026, ON_2026, DEC_2026, BEFORE_2027, ON_2027, AFTER_2028):
            in_force = [c["reference"] for c in diploma["training"] if status_of(c, day).kind == IN_FORCE]
            assert len(in_force) == 1, (diploma["code"], day, in_force)


def _render_status(entry_id: str, day: date) -> str:
    catalog = load_catalog(ROOT)
    template = environment().from_string(
        '{% from "partials/status.md.j2" import status with context %}{{ status(entry) }}'
    )
    return template.render(
        entry=catalog.get("references", entry_id),
        catalog=catalog,
        today=day,
        rel=lambda target: target,
        href=lambda target: "../" + target.replace(".md", "/"),
    )


def test_the_decesf_2018_arrete_flips_on_1_september_2027_without_an_edit():
    before = _render_status("arrete-2018-08-22-decesf", BEFORE_2027)
    assert "<strong>En vigueur</strong>, remplacé par" in before
    assert "à partir du 1er septembre 2027" in before
    after = _render_status("arrete-2018-08-22-decesf", ON_2027)
    assert "<strong>Remplacé</strong> par [" in after and "depuis le 1er septembre 2027" in after
    assert "](references.md#arrete-2025-10-06-decesf)" in after  # a Markdown link: MkDocs checks it


def test_the_status_agrees_with_a_plural_text_and_says_who_it_still_applies_to():
    html = _render_status("arretes-2018-08-22-deass-dees-deeje-deets", DEC_2026)
    assert "<strong>Remplacés</strong> par [" in html and "depuis le 1er septembre 2026" in html
    assert "jusqu'au 31 juillet 2028" in html
    assert "Fiabilité : source secondaire sérieuse" in html  # the replacement date is [M]
