"""Where each kind of entry is shown on the site, and how editors call it.

One row per catalogue: its French name (« pratique », « terme du glossaire »; with
its articles: :attr:`Kind.noun`, the schema's ``x-entry``), the page that shows its
entries (a page of its own, or an anchor on an index page), the field that names an
entry, and whether ``make new`` offers it.
The page patterns mirror templates/ (generated pages and index anchors): they
are part of the permanent URLs.
"""

from __future__ import annotations

from dataclasses import dataclass

from macros.core.paths import SCHEMAS
from macros.french.nouns import Noun
from macros.model.catalog import FORMAT_DIR, PRACTICE_DIR
from macros.schema.fields import entry_schema


@dataclass(frozen=True)
class Kind:
    catalogue: str
    label: str  # « pratique »: the singular of the schema's x-entry (a test checks it)
    plural: str  # « Pratiques »
    doc_slug: str  # the « Contribuer » page: contribuer/<doc_slug>.md
    page: str | None  # docs URI of an entry: "pratiques/{id}.md", "partenaires.md#{id}"
    name_field: str  # field that names an entry
    scaffold: bool = True  # offered by `make new` (False: nested structures to write by hand)

    @property
    def noun(self) -> Noun:
        """« une pratique », « de la pratique »…: the schema's ``x-entry`` (macros/french/nouns.py)."""
        return entry_schema(SCHEMAS, self.catalogue).noun

    def doc_uri(self, entry_id: str) -> str | None:
        return self.page.format(id=entry_id) if self.page else None

    def url(self, entry_id: str) -> str | None:
        """Site path of an entry (``pratiques/x/``, ``partenaires/#x``), directory URLs."""
        uri = self.doc_uri(entry_id)
        if uri is None:
            return None
        path, _, anchor = uri.partition("#")
        path = path[: -len(".md")]
        path = path[: -len("index")] if path.endswith("index") else path + "/"
        return f"{path}#{anchor}" if anchor else path


KINDS = (
    Kind("practices", "pratique", "Pratiques et expérimentations", "pratiques", f"{PRACTICE_DIR}/{{id}}.md", "title"),
    Kind("formats", "format", "Formats de professionnalisation", "formats", f"{FORMAT_DIR}/{{id}}.md", "title"),
    Kind("testimonials", "témoignage", "Témoignages", "temoignages", "temoignages.md#{id}", "quote"),
    Kind(
        "references", "texte de référence", "Textes de référence", "textes-de-reference", "references.md#{id}", "title"
    ),
    Kind("partners", "partenaire", "Partenaires", "partenaires", "partenaires.md#{id}", "title"),
    Kind("glossary", "terme du glossaire", "Glossaire", "glossaire", "glossaire.md#{id}", "term"),
    Kind("diplomas", "diplôme", "Diplômes", "diplomes", "diplomes.md#{id}", "title"),
    Kind("sources", "source", "Sources", "sources", "sources.md#{id}", "title"),
    Kind("protocols", "protocole", "Protocole régional", "protocole", "protocole.md#{id}", "title", scaffold=False),
    Kind(
        "form_blocks",
        "rubrique commune de fiche modèle",
        "Rubriques communes des fiches modèles",
        "rubriques-communes",
        None,
        "title",
        scaffold=False,
    ),
    Kind("redirects", "redirection", "Redirections", "redirections", None, "from", scaffold=False),
)
BY_CATALOGUE = {k.catalogue: k for k in KINDS}


def kind(catalogue: str) -> Kind:
    return BY_CATALOGUE[catalogue]


def entry_name(catalogue: str, entry: dict, limit: int = 90) -> str:
    """What an entry is called in lists (its title, term, or the start of its quote)."""
    text = " ".join(str(entry.get(kind(catalogue).name_field) or entry.get("id", "")).split())
    if catalogue == "testimonials":
        text = f"« {text} »" if len(text) <= limit else f"« {text[: limit - 1].rsplit(' ', 1)[0]}… »"
    return text
