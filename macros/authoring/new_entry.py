"""Add an entry to a catalogue: ``make new`` (``python -m scripts.new_entry``).

Interactive: asks the kind of entry, then each required field (help and
choices come from the schemas and the data), proposes a permanent id, appends
the entry to data/<catalogue>.yaml (comments and order kept), validates every
catalogue and prints the address of the page. Nothing is written if the
result would not validate.

Non-interactive (scripts, tests)::

    python -m scripts.new_entry --kind pratique --set title="…" --set formats=a,b …

Every value is checked as it is typed, and the whole data directory before
anything is written; texts YAML readers could misread (``NO``, ``12:30``) are
written between quotes (:mod:`macros.authoring.writer`). Exit status, one per kind of failure:

* 0 — added (or checked, with ``--dry-run``);
* 1 — the new entry would make the data invalid: nothing written, every error listed;
* 2 — wrong usage or input: bad option, unknown kind, a value that does not fit its field;
* 3 — the data is already invalid before anything is asked (``make validate`` first);
* 4 — internal error (a bug): a French message, nothing written;
* 130 — interrupted (Ctrl+C, end of input): nothing written.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from macros.authoring.issue_forms import sync
from macros.authoring.values import InputError, field_problems, parse_value
from macros.authoring.writer import append_entry, defaults, propose_id, reserved, site_url
from macros.core.clock import ClockError, today
from macros.core.errors import NBSP, fr
from macros.core.paths import ROOT
from macros.core.suggest import slugify
from macros.model.kinds import KINDS, kind
from macros.pages.addresses import site_beside
from macros.schema.fields import Field, entry_schema
from macros.validate.dataset import check_data_dir

SCAFFOLD = [k for k in KINDS if k.scaffold]


class Abort(Exception):
    """The editor stopped (end of input)."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):
        self.print_usage(sys.stderr)
        print(
            fr(f"new_entry : option invalide ({message}). Aide : python -m scripts.new_entry --help"), file=sys.stderr
        )
        sys.exit(2)


def _iso_date(text: str):
    from datetime import date

    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"« {text} » n'est pas une date AAAA-MM-JJ") from None


def find_kind(text: str) -> str | None:
    """Catalogue named by *text*: « pratique », « témoignage », « practices », « 1 »…"""
    wanted = slugify(text)
    for i, k in enumerate(SCAFFOLD, 1):
        if wanted in (str(i), k.catalogue, slugify(k.label), k.doc_slug, slugify(k.plural)):
            return k.catalogue
    return None


class Prompter:
    """Questions on *out*, answers from *inp* (a terminal or fed text)."""

    def __init__(self, root: Path, catalogues: dict, inp, out) -> None:
        self.root, self.catalogues, self.inp, self.out = root, catalogues, inp, out
        self.catalogue = ""  # set once the kind of entry is known

    def say(self, text: str = "") -> None:
        print(text, file=self.out)

    def read(self, prompt: str = "> ") -> str:
        self.out.write(prompt)
        self.out.flush()
        line = self.inp.readline()
        if not line:
            raise Abort
        return line.strip()

    def ask_kind(self) -> str:
        self.say(fr("Quel type d'entrée voulez-vous ajouter ?"))
        for i, k in enumerate(SCAFFOLD, 1):
            self.say(f"  {i}. {k.noun.phrase('un')}")
        while True:
            found = find_kind(self.read(fr("Votre choix (numéro) : ")))
            if found:
                return found
            self.say(fr(f"  ✗ Répondez par un numéro de 1 à {len(SCAFFOLD)}."))

    def choices(self, f: Field) -> list[tuple[str, str]]:
        """(value, label) offered for *f*: enum values or ids of the target catalogue."""
        item = f.item if f.is_list and f.item else f
        if item.enum:
            return [(v, item.label(v)) for v in item.enum]
        if item.target:
            t = item.target
            entries = [
                e for e in self.catalogues.get(t.catalogue, []) if t.only is None or e.get(t.only[0]) == t.only[1]
            ]
            return [(e[t.key], str(e.get(kind(t.catalogue).name_field) or "")) for e in entries]
        return []

    def ask_field(self, f: Field, values: dict):
        need = "obligatoire" + (f" ({f.condition})" if f.condition else "")
        self.say()
        self.say(f"{f.title} ({f.name}) — {need}")
        self.say(fr(f"  {f.description}"))
        options = self.choices(f)
        for i, (value, label) in enumerate(options, 1):
            self.say(f"  {i}. {value}" + (f" — {label}" if label and label != value else ""))
        if f.is_list:
            self.say(
                fr(
                    "  Plusieurs réponses : séparez-les par des virgules (par des points-virgules si une réponse contient une virgule)."
                )
            )
            if f.min_items == 0:
                self.say(fr("  Laissez vide si vous ne savez pas."))
        while True:
            answer = self.read()
            try:
                value = self._value(f, answer, options)
            except InputError as exc:
                self.say(f"  ✗ {exc}")
                continue
            problems = field_problems(self.root, self.catalogue, {**values, f.name: value}, f.name)
            if problems:
                for p in problems:
                    self.say(f"  ✗ {p}")
                continue
            return value

    @staticmethod
    def _value(f: Field, answer: str, options: list[tuple[str, str]]):
        if not answer and not (f.is_list and f.min_items == 0):
            raise InputError(fr("réponse obligatoire : tapez une valeur puis Entrée"))
        if options:  # numbers stand for the listed choices
            parts = [p.strip() for p in answer.split(",")] if f.is_list else [answer]
            mapped = []
            for p in parts:
                if p.isdigit() and 1 <= int(p) <= len(options):
                    mapped.append(str(options[int(p) - 1][0]))
                elif p:
                    known = {str(v).lower(): str(v) for v, _ in options}
                    if p.lower() not in known and p not in {label for _, label in options}:
                        raise InputError(
                            fr(f"« {p} » n'est pas dans la liste : tapez le numéro d'un des choix proposés")
                        )
                    mapped.append(known.get(p.lower(), p))
            answer = ", ".join(mapped)
        return parse_value(f, answer)

    def ask_id(self, proposed: str) -> str:
        self.say()
        self.say(fr(f"Identifiant proposé : {proposed}"))
        self.say(fr("  C'est l'adresse permanente de la page : une fois publié, il ne changera plus."))
        answer = self.read(fr("Entrée pour l'accepter, ou tapez un autre identifiant : "))
        return slugify(answer) if answer else proposed


def run(args, inp, out) -> int:
    root = Path(args.root).resolve()
    catalogues, errors = check_data_dir(root / "data", root / "schemas", root=root, site=site_beside(root / "schemas"))
    if errors:
        for e in errors:
            print(e.format(), file=out)
        print(
            fr(
                "Les données actuelles ne sont pas valides : corrigez d'abord ces erreurs (make validate), puis relancez make new."
            ),
            file=out,
        )
        return 3
    ask = Prompter(root, catalogues, inp, out)
    interactive = not args.set
    catalogue = find_kind(args.kind) if args.kind else ask.ask_kind()
    if catalogue is None:
        print(
            fr(f"type d'entrée inconnu « {args.kind} » : choisissez parmi {', '.join(k.label for k in SCAFFOLD)}"),
            file=out,
        )
        return 2
    ask.catalogue = catalogue
    schema = entry_schema(root / "schemas", catalogue)
    values = defaults(catalogue, catalogues, args.date)
    for item in args.set or []:
        name, sep, text = item.partition("=")
        name = name.strip()
        if not sep or name not in schema.names():
            print(
                fr(f"--set {item} : écrivez --set champ=valeur avec un champ parmi {', '.join(schema.names())}"),
                file=out,
            )
            return 2
        try:
            values[name] = parse_value(schema.field(name), text)
        except InputError as exc:
            print(f"{name} : {exc}", file=out)
            return 2
    if interactive:
        ask.say(
            fr(f"Nouvelle entrée : {schema.noun.phrase('un')} (fichier data/{catalogue}.yaml). Ctrl+C pour abandonner.")
        )
    while missing := [n for n in schema.required_for(values) if n not in values and n != "id"]:
        if not interactive:
            shown = ", ".join(f"{n} ({schema.field(n).title})" for n in missing)
            print(fr(f"champs obligatoires manquants : {shown} ; ajoutez --set {missing[0]}=…"), file=out)
            return 2
        values[missing[0]] = ask.ask_field(schema.field(missing[0]), values)
    for name in schema.forbidden_for(values):
        values.pop(name, None)
    proposed = (
        args.id
        or values.get("id")
        or propose_id(catalogue, values, catalogues.get(catalogue, []), reserved(root, catalogue, catalogues))
    )
    values["id"] = ask.ask_id(proposed) if interactive and not args.id else proposed
    result = append_entry(root, catalogue, values, write=not args.dry_run)
    print(file=out)
    print(result.text, file=out, end="")
    if not result.ok:
        print(file=out)
        for e in result.errors:
            print(e.format(), file=out)
        print(fr("Rien n'a été écrit : corrigez les valeurs ci-dessus puis recommencez."), file=out)
        return 1
    where = result.file.relative_to(root).as_posix()
    print(file=out)
    print(
        (
            "Entrée vérifiée (rien n'a été écrit : --dry-run)."
            if args.dry_run
            else fr(f"Ajouté à la fin de {where} : toutes les données restent valides.")
        ),
        file=out,
    )
    if result.url:
        print(fr(f"Adresse de la page : {site_url(result.url)}  (visible après « make serve »)"), file=out)
    optional = [f for f in schema.fields if not f.required and not f.condition and f.name not in values]
    if optional:
        print(
            fr("Champs facultatifs que vous pouvez ajouter dans le fichier : ")
            + ", ".join(f"{f.name} ({f.title})" for f in optional)
            + ".",
            file=out,
        )
    if not args.dry_run and (root / ".github" / "ISSUE_TEMPLATE").is_dir():
        for path in sync(root):  # the forms' choices come from the data
            print(fr(f"{path.relative_to(root).as_posix()} : mis à jour (nouveaux choix)"), file=out)
    then = (
        "Ensuite : relancez la commande sans --dry-run pour ajouter l'entrée."
        if args.dry_run
        else "Ensuite : relisez l'entrée dans le fichier, regardez la page avec make serve, puis proposez la "
        "modification (la pull request est vérifiée et testée automatiquement)."
    )
    print(fr(then), file=out)
    return 0


def main(argv: list[str] | None = None, inp=None, out=None) -> int:
    parser = _Parser(
        prog="python -m scripts.new_entry",
        description=fr(
            "Ajoute une entrée à un catalogue de data/ : questions sur les champs obligatoires, identifiant proposé, vérification."
        ),
    )
    parser.add_argument("--kind", help=fr("type d'entrée : " + ", ".join(k.label for k in SCAFFOLD)))
    parser.add_argument(
        "--set",
        action="append",
        metavar="CHAMP=VALEUR",
        help=fr("valeur d'un champ (listes : séparées par des virgules) ; sans question posée"),
    )
    parser.add_argument("--id", help=fr("identifiant permanent (par défaut : tiré du titre)"))
    parser.add_argument("--root", default=str(ROOT), help=fr("racine du dépôt (défaut : ce dépôt)"))
    parser.add_argument("--dry-run", action="store_true", help=fr("vérifier et afficher l'entrée sans l'écrire"))
    parser.add_argument(
        "--date",
        type=_iso_date,
        default=None,
        help=fr("date « updated » de l'entrée, AAAA-MM-JJ (défaut : $ALTERNANCE_DATE, sinon aujourd'hui)"),
    )
    args = parser.parse_args(argv)
    if args.date is None:
        try:
            args.date = today()
        except ClockError as exc:
            print(fr(f"new_entry : {exc}"), file=sys.stderr)
            return 2
    inp = inp or sys.stdin
    out = out or sys.stdout
    try:
        return run(args, inp, out)
    except (Abort, KeyboardInterrupt):
        print(file=out)
        print(f"Saisie interrompue{NBSP}: rien n'a été écrit.", file=out)
        return 130
    except Exception as exc:  # noqa: BLE001 - a bug: French, no traceback, nothing written
        print(
            fr(f"Erreur interne ({type(exc).__name__}) : rien n'a été écrit ; signalez-la à l'équipe technique."),
            file=out,
        )
        return 4
