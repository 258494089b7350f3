"""Texts the build would refuse, or that would make a reader's browser call another site.

Two checks over the values of a catalogue, after its schema check:

* a value YAML readers disagree on (:class:`~.yamlscalars.Ambiguous`: ``NO``,
  ``12:30``, ``1e3``) in a text field: the schema takes it for text, other
  tools would not; the editor is told to put it between quotes;
* the links and images of every text, found by the Markdown parser the build
  uses (Python-Markdown), on the text as the build gives it to Markdown
  (:func:`macros.core.inert.md`, which turns raw HTML into text). A link may go to
  ``http(s)://``, ``mailto:`` or a page of the site written from the site's root
  (``/reforme.md``, ``/pratiques/<id>.md#anchor``: MkDocs resolves them from any
  page, mkdocs.yml ``validation.links.absolute_links``); an image only to a file
  of the site's own ``docs/assets/``. Reference definitions (``[x]: adresse``)
  are refused: they serve every field of a page, so no text can be judged alone;
  so are unbalanced brackets, which would open or close a link of the page
  around the text (a title is written inside ``[…](…)``), and headings (« # Titre »,
  or a line underlined with « === » or « --- »): the page has its own headings and
  table of contents, and a text's « # » would be a second title of the page.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

from macros.core.errors import DataError, fr, path_str, quote
from macros.load.scalars import Ambiguous, ambiguous_message

IMAGE_TYPES = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif")
_PORT = r"(:(6553[0-5]|655[0-2][0-9]|65[0-4][0-9]{2}|6[0-4][0-9]{3}|[1-5][0-9]{4}|[1-9][0-9]{0,3}))?"  # 1 to 65535
_HOST = re.compile(r"[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*" + _PORT)
# A host ending in a number is read by browsers (and nh3) as an IPv4 address; a malformed one is
# dropped from the page (schemas/_defs.schema.json, url, says the same)
_NUMERIC_HOST = re.compile(r"^https?://([A-Za-z0-9.-]*\.)?([0-9]+|0[xX][0-9A-Fa-f]*)(:[0-9]+)?([/?#]|$)")
_URL_BAD = re.compile(r"[\s<>\"'`\\{}|^]")
_MAIL = re.compile(r"mailto:[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
_ANCHOR = re.compile(r"[A-Za-z0-9_-]+")
# « *[ASKORIA]: … » (mkdocs.yml: abbr; its name may run over lines, as the abbr extension reads it)
_ABBREVIATION = re.compile(r"^\s*\*\[([^\\]*?)\]\s*:", re.M)
# « *[ » starting a line: the « ]: » may come from what the page writes after the text (« {{ expansion }}. {{ definition }} »)
_ABBREVIATION_START = re.compile(r"^\s*\*\[", re.M)
# « [TOC] » (mkdocs.yml: toc): the toc extension replaces any element whose text it is (« **[TOC]** », « - [TOC] »)
_TOC_MARKER = re.compile(r"\[TOC\]")
# A link's or an image's « ]( »: its parenthesis must close in the text, or the page's next « ) »
# would close it (« ({{ profession }}) »)
_LINK_OPENING = re.compile(r"\]\(")
_BACKTICKS = re.compile(r"`+")
_PAREN_OR_ESCAPE = re.compile(r"\\.|[()]", re.S)
# Where the templates put a text inside a link (« [{{ title | inline }}](…) »): a reading of the
# text there, whose own link (to an address no text can write: md() escapes braces) is left out
_WRAPPER_TARGET = "/{}"
# What may be a heading in some reading of a text, Markdown deciding: any « # » (« # Titre », also
# « #Titre », in a list item « - # Titre » or a definition « : # Titre »), or a line of « = » or « - »
# alone under a text, indented or not (\s: the dedented reading strips every space)
_HEADING_HINT = re.compile(r"#|^\s*(?:=+|-+)\s*$", re.M)
# What may be a link, an image or a reference definition: a « ] » followed, maybe after spaces or a
# line break, by « ( », « [ » or « : » (\s: every space str.split() and Markdown see; inline() joins
# on them). Without it and without a heading hint, Markdown finds no link, image, definition or
# heading in any reading of the text: brackets alone (« [sic] », « professionnel[s] ») need no parse
# (tests/unit/test_text_check_properties.py checks this against markdown_targets).
_LINK_HINT = re.compile(r"\]\s*[(\[:]")
_HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})


class _Targets(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str]] = []
        self.headings = 0

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        self.headings += tag in _HEADING_TAGS
        if tag == "a":
            self.found.append(("lien", values.get("href") or ""))
        elif tag == "img":
            self.found.append(("image", values.get("src") or ""))


# The block extensions of mkdocs.yml that change what is a link: an admonition's or a definition's
# indented body is Markdown there, a code block to plain Markdown.
BLOCK_EXTENSIONS = ["admonition", "def_list", "pymdownx.details", "md_in_html", "tables", "attr_list"]


def markdown_targets(text: str) -> tuple[list[tuple[str, str]], list[str], bool]:
    """(links and images as (« lien »|« image », target), reference definitions, whether any
    reading has a heading) of *text*.

    A template may give Markdown the text as it is (:func:`~macros.core.inert.md`) or on one line
    (:func:`~macros.core.inert.inline`: a list item, a table cell), inside the build's block
    extensions: an indented passage is a code block in one reading and text in another. Every
    reading is parsed, and one with every line's indentation removed: a link or an image any of
    them finds is judged."""
    from markdown import Markdown

    from macros.core.inert import inline, md

    found: list[tuple[str, str]] = []
    references: set[str] = set()
    headings = False
    flat = "\n".join(line.lstrip() for line in str(text).splitlines())
    wrapped = f"[{inline(text)}]({_WRAPPER_TARGET})"
    for variant in dict.fromkeys((md(text), inline(text), md(flat), wrapped)):
        converter = Markdown(extensions=BLOCK_EXTENSIONS)
        parser = _Targets()
        parser.feed(converter.convert(variant))
        found += [t for t in parser.found if t not in found and t != ("lien", _WRAPPER_TARGET)]
        references.update(converter.references)
        headings = headings or parser.headings > 0
    return found, sorted(references), headings


_BRACKET_OR_ESCAPE = re.compile(r"\\.|[\[\]]", re.S)  # a backslash escapes the next character, whatever it is


def _backtick_left_open(text: str) -> bool:
    """Whether a backtick of *text* may open a code span that the text itself does not close: on a
    page's line, it would close on a later text's backtick and turn that text's code back into
    Markdown (a link hidden in `…` would come alive). Python-Markdown (3.11, ``find_code_spans``)
    closes a run of n backticks on the next run of exactly n anywhere later on the line, and only
    failing that on a shorter one: so each run must find a run of its own length later in *text*.
    A backslash before a backtick is refused outright (escapes change which run opens)."""
    if "\\`" in text:
        return True
    runs = [len(m.group()) for m in _BACKTICKS.finditer(text)]
    i = 0
    while i < len(runs):
        closer = next((j for j in range(i + 1, len(runs)) if runs[j] == runs[i]), None)
        if closer is None:
            return True
        i = closer + 1
    return False


def _links_closed(text: str) -> bool:
    """Whether every « ]( » of *text* has its closing parenthesis in *text*."""
    for opening in _LINK_OPENING.finditer(text):
        depth = 0
        for m in _PAREN_OR_ESCAPE.finditer(text, opening.end() - 1):
            depth += {"(": 1, ")": -1}.get(m.group(), 0)
            if depth == 0:
                break
        else:
            return False
    return True


def _brackets_balanced(text: str) -> bool:
    depth = 0
    for m in _BRACKET_OR_ESCAPE.finditer(text):
        c = m.group()
        if c == "[":
            depth += 1
        elif c == "]":
            depth -= 1
            if depth < 0:
                return False
    return depth == 0


def url_problem(url: str) -> str | None:
    """Why *url* is not a web address a reader may be sent to, or None."""
    if _URL_BAD.search(url) or any(ord(c) < 32 for c in url):
        return "une adresse web ne contient ni espace, ni « < > \" ' ` \\ { } | ^ »"
    parts = urlsplit(url)
    try:
        parts.port  # noqa: B018 (urlsplit checks the port only when it is read)
    except ValueError:
        return "le port d'une adresse web (le nombre après « : ») va de 1 à 65535"
    if (
        parts.scheme not in ("http", "https")
        or not parts.netloc
        or "@" in parts.netloc
        or not _HOST.fullmatch(parts.netloc)
    ):
        return "une adresse web complète commence par http:// ou https:// suivi du nom du site (ex. https://www.legifrance.gouv.fr/…)"
    if _NUMERIC_HOST.match(url):
        return "une adresse web désigne un site par son nom (www.exemple.fr), pas par un numéro (256.1.1.1)"
    return None


def target_problem(kind: str, target: str, layout) -> str | None:
    """Why a link or an image of an editor's text may not point at *target*, or None."""
    scheme = target.split(":", 1)[0].lower() if ":" in target.split("/", 1)[0] else ""
    if kind == "image":
        path = target.split("#", 1)[0].split("?", 1)[0]
        if scheme or not path.startswith("/"):
            return (
                "une image vient du site lui-même : déposez-la dans docs/assets/ et écrivez son chemin depuis "
                "la racine (ex. « /assets/medias/photo.jpg ») ; une image d'un autre site ferait appeler ce site "
                "par le navigateur de chaque lecteur"
            )
        if not path.lower().endswith(IMAGE_TYPES) or (layout is not None and path[1:] not in layout.files):
            return f"l'image « {path} » n'est pas un fichier image (PNG, JPEG, GIF, WebP) de docs/"
        return None
    if scheme in ("http", "https"):
        return url_problem(target)
    if scheme == "mailto":
        return None if _MAIL.fullmatch(target) else "une adresse de courriel s'écrit « mailto:nom@domaine.fr »"
    if scheme:
        return (
            f"le lien « {scheme}: » n'est pas accepté : seuls les liens http://, https://, mailto: et vers les "
            "pages du site sont permis"
        )
    if target.startswith("#"):
        return None if _ANCHOR.fullmatch(target[1:]) else "une ancre s'écrit « #nom-de-l-ancre »"
    path, _, anchor = target.partition("#")
    if not path.startswith("/") or not path.endswith(".md") or (anchor and not _ANCHOR.fullmatch(anchor)):
        return (
            "un lien vers une page du site s'écrit depuis la racine, avec le nom du fichier de la page : "
            "« /reforme.md », « /pratiques/<identifiant>.md », « /references.md#<identifiant> »"
        )
    if layout is not None and path[1:] not in layout.pages.values():
        return f"la page « {path} » n'existe pas dans le site"
    if anchor and layout is not None and layout.has_anchor(path[1:], anchor) is False:
        return f"la page « {path} » n'a pas d'ancre « #{anchor} » : " + layout.anchor_hint(path[1:])
    return None


def check_texts(
    name: str, doc, positions, file: str, schemas, flagged: set[str], layout, limit: int | None = None
) -> list[DataError]:
    """Errors of the texts of catalogue *name* (values at paths in *flagged* already have one).

    With *limit*, at most that many errors are written out; the others are counted on one line.
    """
    errors: list[DataError] = []
    counted = unexamined = 0
    stack = [((), doc)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, dict):  # children pushed last first: the file is read from its top
            stack.extend(reversed([(path + (k,), v) for k, v in value.items()]))
        elif isinstance(value, list):
            stack.extend(reversed([(path + (i,), v) for i, v in enumerate(value)]))
        elif isinstance(value, str) and (
            type(value) is Ambiguous
            or "[" in value
            or "]" in value
            or "`" in value
            or "\\|" in value
            or _HEADING_HINT.search(value)
        ):
            if path_str(path) in flagged:
                continue
            if limit is not None and len(errors) >= limit:
                # beyond what the file will list: a sure error is counted, the rest not examined (bounded time;
                # the count says « au moins »)
                counted += type(value) is Ambiguous
                unexamined += type(value) is not Ambiguous
                continue
            problem = _text_problem(value, layout)
            if type(value) is Ambiguous:
                problem = ambiguous_message(value, f"« {schemas.title(name, path)} »")
            if problem:
                line, col = positions.value(path)
                errors.append(DataError(file, line, col, path_str(path), fr(problem)))
    if counted or unexamined:
        last = max(errors)
        errors.append(
            DataError(file, last.line, last.col, "", f"… et au moins {counted} autres erreurs dans ce fichier")
        )
    return errors


def _text_problem(value: str, layout) -> str | None:
    if "`" in value and _backtick_left_open(value):
        return (
            "accent grave « ` » sans son pareil dans ce texte : il ouvrirait un passage de code qui se "
            "fermerait plus loin dans la page, sur un autre texte ; écrivez-les par paires (`code`), sans "
            "« \\ » devant, ou retirez-le"
        )
    if "\\|" in value:
        return (
            "« \\| » refusé : dans un tableau de la page, la barre « | » qui suit une barre oblique inverse "
            "couperait la case en deux ; écrivez la barre « | » seule"
        )
    brackets = "[" in value or "]" in value
    if not brackets and not _HEADING_HINT.search(value):
        return None
    if brackets and not _brackets_balanced(value):
        return (
            "crochets « [ » et « ] » non appariés : un lien s'écrit [texte](adresse) ; pour un crochet seul, "
            "écrivez « \\[ » ou « \\] »"
        )
    abbreviation = _ABBREVIATION.search(value)
    if abbreviation:
        name = " ".join(abbreviation.group(1).split())
        return (
            f"définition d'abréviation « *[{name}]: … » refusée : elle changerait chaque "
            "« " + name + " » de la page, même hors de ce texte ; les sigles et leur "
            "signification s'ajoutent au glossaire (data/glossary.yaml)"
        )
    if _ABBREVIATION_START.search(value):
        return (
            "« *[ » en début de ligne refusé : avec le texte que la page met à sa suite, il pourrait se lire "
            "comme une définition d'abréviation (« *[SIGLE]: … ») et effacer la ligne ; écrivez « \\*[ » ou "
            "reformulez"
        )
    if _TOC_MARKER.search(value):
        return "« [TOC] » refusé : la table des matières de la page est faite par le site"
    if not _links_closed(value):
        return (
            "lien non fermé : après « ]( », l'adresse se termine par « ) » dans ce même texte, "
            "sinon la page fermerait le lien plus loin, vers une autre adresse"
        )
    if not _LINK_HINT.search(value) and not _HEADING_HINT.search(value):
        return None  # nothing Markdown would make a link, an image, a definition or a heading of
    found, references, headings = markdown_targets(value)
    if headings:
        return (
            "titre refusé dans ce texte : une ligne commençant par « # » (même après un tiret de liste), ou une "
            "phrase soulignée d'une ligne de « = » ou de « - », devient un titre de la page, qui a déjà les siens ; "
            "pour faire ressortir une phrase, écrivez-la en gras (**…**)"
        )
    if references:
        return f"définition de lien « [{references[0]}]: … » refusée : écrivez le lien à sa place, [texte](adresse)"
    for kind, target in found:
        problem = target_problem(kind, target, layout)
        if problem:
            return f"{kind} vers {quote(target)} refusé : {problem}"
    return None
