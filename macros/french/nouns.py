"""How French names one entry of a catalogue: the schema's ``x-entry`` keyword, and its articles.

Each catalogue schema says, at its top level, what one of its entries is called::

    "x-entry": {"singular": "diplôme", "plural": "diplômes", "gender": "m"}

(``"elision": true`` or ``false`` only where the first letter misleads: a mute h,
« l'hébergement », or a vowel read as a consonant). JSON Schema ignores keywords it
does not know, so the validator and editors' tools read the schema as before.

:meth:`Noun.phrase` is the one place where an article meets the noun, so that no
message, label or page says « de le diplôme » or « à les pratiques »::

    noun.phrase("le")  -> « le diplôme »      noun.phrase("un") -> « un diplôme »
    noun.phrase("de")  -> « du diplôme »      noun.phrase("à")  -> « au diplôme »
    noun.phrase("de", plural=True) -> « des diplômes »; « de la pratique », « de l'entrée »…
"""

from __future__ import annotations

from dataclasses import dataclass

KEYWORD = "x-entry"
VOWELS = "aâàäeéèêëiîïoôöuùûüyœæ"
_DEFINITE = {"m": "le ", "f": "la "}
_INDEFINITE = {"m": "un ", "f": "une "}
# preposition + definite article: what French contracts (« de le » -> « du », « à les » -> « aux »)
_CONTRACTED = {("de", "le "): "du ", ("à", "le "): "au ", ("de", "les "): "des ", ("à", "les "): "aux "}


@dataclass(frozen=True)
class Noun:
    """The noun of one entry of a catalogue (« diplôme », masculine)."""

    singular: str
    plural: str
    gender: str  # "m" or "f"
    elision: bool | None = None  # None: from the first letter

    @property
    def elided(self) -> bool:
        """Whether « le »/« la »/« de » lose their vowel before the singular (« l'entrée »)."""
        if self.elision is not None:
            return self.elision
        return self.singular[:1].lower() in VOWELS

    def phrase(self, article: str, plural: bool = False) -> str:
        """The noun with *article*: « le », « un », « de » (of the) or « à » (to the).

        « le »: le diplôme, la pratique, l'entrée, les diplômes; « un »: un diplôme, une
        pratique, des diplômes; « de »: du diplôme, de la pratique, de l'entrée, des
        diplômes; « à »: au diplôme, à la pratique, à l'entrée, aux diplômes.
        """
        if article not in ("le", "un", "de", "à"):
            raise ValueError(f"article inconnu : {article!r}")
        word = self.plural if plural else self.singular
        if article == "un":
            return ("des " if plural else _INDEFINITE[self.gender]) + word
        definite = "les " if plural else ("l'" if self.elided else _DEFINITE[self.gender])
        if article == "le":
            return definite + word
        return _CONTRACTED.get((article, definite), f"{article} {definite}") + word


def noun_of(schema: dict) -> Noun | None:
    """The :class:`Noun` a catalogue schema declares (None if it declares none)."""
    entry = schema.get(KEYWORD)
    if not isinstance(entry, dict):
        return None
    return Noun(entry["singular"], entry["plural"], entry["gender"], entry.get("elision"))
