"""An address refused in a url field (schemas/_defs.schema.json) is refused as a text's link too
(macros/validate/texts.py, url_problem): the two are written apart, so their verdicts are compared
here on addresses a hostile contributor would try."""

from __future__ import annotations

import json

import pytest
from jsonschema import Draft202012Validator

from macros.validate.texts import url_problem
from tests.support import ROOT

URL = json.loads((ROOT / "schemas" / "_defs.schema.json").read_text(encoding="utf-8"))["$defs"]["url"]
ADDRESSES = [
    "https://www.legifrance.gouv.fr/loda/id/1",
    "https://exemple.fr:8443/a?b=c#d",
    "http://localhost/",
    "https://a1.fr/",
    "https://256.1.1.1/",
    "https://1.2.3.4/",
    "https://1.2.3.4.5/rapport",
    "https://0x100000000/",
    "https://4294967296",
    "https://exemple.fr.42/",
    "https://exemple.0x1f:80/",
    "https://0x/",
    "https://ex@evil.example/",
    "javascript:alert(1)",
    "https://exemple.fr/un document",
]


@pytest.mark.parametrize("address", ADDRESSES)
def test_a_url_field_and_a_texts_link_agree(address):
    field_ok = Draft202012Validator(URL).is_valid(address)
    link_ok = url_problem(address) is None
    assert field_ok == link_ok, (address, url_problem(address))
