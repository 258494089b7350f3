"""A copy of the site full of injection payloads (tests/fixtures/injection/payloads.txt), validated and built.

Each payload goes into a Markdown field, a plain text field shown through Markdown and a
model form field; the validator must refuse exactly the expected ones (then the originals are
put back) and the copy builds with --strict. Used by the acceptance and browser tests of
injection (the session fixture ``injected`` of tests/conftest.py).
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from macros.pages.addresses import site_beside
from macros.validate.dataset import check_data_dir
from tests.support import ROOT
from tests.support.sitecopy import copy_repo, mkdocs_build

PAYLOADS_FILE = ROOT / "tests" / "fixtures" / "injection" / "payloads.txt"


TAG = re.compile(r"<\s*/?\s*[A-Za-z!?]")  # what the schema's Markdown type refuses


def payloads() -> list[tuple[str, str]]:
    """(payload, text a reader must see) pairs."""
    out = []
    for line in PAYLOADS_FILE.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        payload, tab, rest = line.partition("\t")
        shown = rest.split("\t")[0]
        payload = payload.replace("\\n", "\n")
        out.append((payload, shown if tab else payload))
    return out


def _marked() -> set[str]:
    """The payloads marked « refusé »: refused by the validator in any text field."""
    lines = PAYLOADS_FILE.read_text(encoding="utf-8").splitlines()
    return {line.split("\t")[0].replace("\\n", "\n") for line in lines if line.endswith("\trefusé")}


PAYLOADS = payloads()


REFUSED = _marked()


def refused(payload: str, markdown: bool) -> bool:
    """Whether the validator must refuse *payload* in a Markdown field (*markdown*) or a text field."""
    return payload in REFUSED or (markdown and bool(TAG.search(payload)))


def _place(repo) -> set[tuple[str, str]]:
    """Put every payload into the copy's data; return the expected refusals.

    Expected refusals: (file, field path) of the Markdown fields given a payload with a tag.
    """
    data_dir = repo / "data"
    docs = {
        name: yaml.safe_load((data_dir / f"{name}.yaml").read_text(encoding="utf-8"))
        for name in ("practices", "formats", "glossary", "testimonials", "references", "partners")
    }
    practices, formats = docs["practices"]["practices"], docs["formats"]["formats"]
    glossary = [g for g in docs["glossary"]["glossary"] if g.get("definition")]
    quotes, references = docs["testimonials"]["testimonials"], docs["references"]["references"]
    partners = docs["partners"]["partners"]
    fields = [f for fmt in formats for s in fmt["form"]["sections"] if "fields" in s for f in s["fields"]]

    markdown_slots = [("practices", p, "description") for p in practices] + [
        ("formats", f, "description") for f in formats
    ]
    markdown_slots += [("glossary", g, "definition") for g in glossary]
    markdown_slots += [("references", r, "summary") for r in references]
    text_slots = [("testimonials", t, "quote") for t in quotes] + [("practices", p, "theme") for p in practices]
    text_slots += [("references", r, "title") for r in references] + [("partners", p, "title") for p in partners]
    text_slots += [("glossary", g, "expansion") for g in docs["glossary"]["glossary"] if g.get("expansion")]
    # Titles and summaries also fill <title>, the header and <meta name="description">:
    # they get the payloads made to break out of an element or an attribute.
    head_slots = [
        (kind, e, key)
        for kind, entries in (("practices", practices), ("formats", formats))
        for e in entries
        for key in ("title", "summary")
    ]
    breakers = [p for p, _ in PAYLOADS if re.search(r"[\"'<>]|&lt;", p) and "\n" not in p]
    assert len(markdown_slots) >= len(PAYLOADS) and len(text_slots) >= len(PAYLOADS) and len(fields) >= len(PAYLOADS)
    expected = set()

    def put(name, entry, key, payload, markdown=False):
        entry[key] = payload
        if refused(payload, markdown):
            expected.add((f"data/{name}.yaml", f"{name}[{docs[name][name].index(entry)}].{key}"))

    for j, (name, entry, key) in enumerate(head_slots):
        put(name, entry, key, breakers[-1 - j % len(breakers)])
    # A title whose heading id would be one the theme writes on every page (the citation tool, the
    # search dialog): the page must still have each id once (the HTML check of the built copy).
    practices[-1]["title"], formats[-1]["title"] = "Citation texte", "PF dialog"
    for i, (payload, _) in enumerate(PAYLOADS):
        put(*markdown_slots[i], payload, markdown=True)
        if "\n" not in payload:
            put(*text_slots[i], payload)
            fields[i]["label"] = payload
            fields[i]["help"] = payload
            if payload in REFUSED:  # a form field of a format, or of a shared block
                for fmt in formats:
                    for s, section in enumerate(fmt["form"]["sections"]):
                        for f, field in enumerate(section.get("fields") or []):
                            if field is fields[i]:
                                where = f"formats[{formats.index(fmt)}].form.sections[{s}].fields[{f}]"
                                expected.update(
                                    {("data/formats.yaml", f"{where}.label"), ("data/formats.yaml", f"{where}.help")}
                                )
    # The schema restricts `url` to http(s): a javascript: address is refused.
    references[0]["url"] = "javascript:__xss('url')"
    expected.add(("data/references.yaml", "references[0].url"))

    for name, doc in docs.items():
        text = yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=10_000)
        (data_dir / f"{name}.yaml").write_text(text, encoding="utf-8")
    return expected


def injected_site(tmp: Path) -> tuple[Path, str, list[str]]:
    """(site, build log, payloads refused by the schema) of a copy full of payloads."""
    repo = copy_repo(tmp / "repo")
    expected_refusals = _place(repo)

    _, errors = check_data_dir(repo / "data", repo / "schemas", root=repo, site=site_beside(repo / "schemas"))
    got = {(e.file, e.path) for e in errors}
    assert got == expected_refusals, "\n".join(e.format() for e in errors)
    # Refused values are what an editor would have to change: put the originals back.
    original = {
        name: yaml.safe_load((ROOT / "data" / f"{name}.yaml").read_text(encoding="utf-8"))
        for name in {f.removeprefix("data/").removesuffix(".yaml") for f, _ in got}
    }
    for file, path in got:
        name = file.removeprefix("data/").removesuffix(".yaml")
        doc = yaml.safe_load((repo / file).read_text(encoding="utf-8"))
        steps = [int(s) if s.isdigit() else s for s in re.findall(r"\w+", path)]
        here, source = doc, original[name]
        for step in steps[:-1]:
            here, source = here[step], source[step]
        if steps[-1] in source:
            here[steps[-1]] = source[steps[-1]]
        else:
            del here[steps[-1]]
        (repo / file).write_text(
            yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=10_000), encoding="utf-8"
        )
    _, errors = check_data_dir(repo / "data", repo / "schemas", root=repo, site=site_beside(repo / "schemas"))
    assert not errors, "\n".join(e.format() for e in errors)

    site = tmp / "site"
    result = mkdocs_build(repo, site)  # --strict: what validates builds
    assert result.returncode == 0, result.stderr
    refused_payloads = sorted({p for p, _ in PAYLOADS if refused(p, markdown=True)})
    return site, result.stderr, refused_payloads
