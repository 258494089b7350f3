"""Turn a GitHub issue written with one of our issue forms into a catalogue entry.

    python -m scripts.issue_to_entry --body-file issue.md [--number 12 --url https://… --date 2026-11-23]

GitHub writes an issue form's answers as ``### Label`` sections (``_No response_``
when left empty). The labels and choices are read back with the very
definitions that generated the form (:func:`macros.authoring.issue_forms.questions`),
answers are converted and checked, then the entry (a practice, or a testimonial
for « Nous l'avons mis en œuvre ») is appended with
:func:`macros.authoring.writer.append_entries`, which validates everything before
writing. When the issue itself is the source (« Notre établissement »), a
source entry naming the sender and the issue is added too.

Every problem is reported at once, in French, one per line. ``--summary-file``
writes the comment for the issue, whatever happens (even on an internal error);
``--pull-request-file`` the title and text of the pull request (JSON). Text
that came from the issue is echoed with its mentions made inert (``@nom`` becomes
``＠nom``, ``#12`` becomes ``＃12``): the bot never pings anyone on a stranger's behalf.

Exit status, one per kind of failure:

* 0 — the entry is prepared (written, unless ``--dry-run``); all data stays valid;
* 1 — the answers need corrections: nothing written, the summary lists them;
* 2 — wrong usage: bad option, unreadable body file, a text from no known form, a bad date;
* 3 — the repository's own data is invalid (maintainers fix it first); nothing written;
* 4 — internal error (a bug): nothing written, a French message, the summary still written.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from datetime import date
from pathlib import Path

from macros.authoring.issue_forms import BY_SLUG, FORMS, ISSUE_SOURCE, NO_RESPONSE, FormSpec, Question, questions, sync
from macros.authoring.issue_reply import (
    ADDED,
    CORRECTIONS,
    DATA_INVALID,
    INTERNAL,
    SUMMARIES,
    USAGE,
    inert,
    pull_request,
)
from macros.authoring.values import InputError, parse_value
from macros.authoring.writer import append_entries, fresh_id, propose_id, reserved, site_url
from macros.core.clock import ClockError, today
from macros.core.errors import fr
from macros.core.paths import ROOT
from macros.load.scalars import FORBIDDEN, forbidden_message
from macros.pages.addresses import site_beside
from macros.validate.dataset import check_data_dir

_BULLET = re.compile(r"^\s*(?:[-*•]|\d+[.)])\s+")
_QUOTES = "«»\"“”'’ \u00a0"


def sections(body: str, labels: list[str]) -> dict[str, str]:
    """{label: answer} for the ``### label`` headings of *body* that are known labels."""
    out: dict[str, list[str]] = {}
    current = None
    for line in body.replace("\r\n", "\n").split("\n"):
        heading = line[4:].strip() if line.startswith("### ") else None
        if heading in labels:
            current = heading
            out[current] = []
        elif current is not None:
            out[current].append(line)
    return {k: "\n".join(v).strip() for k, v in out.items()}


def detect(body: str, root: Path = ROOT) -> FormSpec | None:
    """The form whose questions best match the body's headings."""
    best, score = None, 0
    for spec in FORMS:
        labels = [q.label for q in questions(spec, root)]
        found = len(sections(body, labels))
        if found > score:
            best, score = spec, found
    return best if score >= 2 else None


def split_choices(text: str, options: dict[str, str]) -> list[str]:
    """« A, B » -> the options A and B, even when an option contains a comma."""
    parts, out, current = text.split(", "), [], ""
    for part in parts:
        current = f"{current}, {part}" if current else part
        if current.strip() in options:
            out.append(current.strip())
            current = ""
    if current:
        raise InputError(fr(f"« {current} » n'est pas un choix de la liste (le formulaire a peut-être changé depuis)"))
    return out


def _chosen(q: Question, text: str):
    """The value of one chosen option; an issue opened with an older form may name a value by
    another of its labels (« Formateurs », the plural the form once offered): the schema's x-labels."""
    if text in q.options:
        return q.options[text]
    f = q.entry_field
    item = f.item if f is not None and f.is_list and f.item else f
    for code, label in (item.labels if item is not None else {}).items():
        if label.matches(text):
            return code
    raise InputError(fr(f"« {text} » n'est pas un choix de la liste (le formulaire a peut-être changé depuis)"))


def answer(q: Question, raw: str):
    """The value of one answer (None when empty)."""
    if raw == NO_RESPONSE or not raw:
        return None
    if q.type == "dropdown":
        chosen = split_choices(raw, q.options) if q.multiple else [raw.strip()]
        values = [_chosen(q, c) for c in chosen]
        return values if q.multiple else values[0]
    f = q.entry_field
    bad = FORBIDDEN.search(raw.replace("\r", "\n"))
    if bad:
        raise InputError(fr(forbidden_message(bad.group())))
    if f is None:
        return " ".join(raw.split())
    if f.is_list:
        items = [_BULLET.sub("", line).strip() for line in raw.splitlines()]
        return [
            parse_value(f.item or f, item) if f.item and f.item.type != "string" else item for item in items if item
        ]
    if f.markdown:
        return raw.strip()
    return parse_value(f, " ".join(raw.split()))


def read_issue(spec: FormSpec, body: str, root: Path, catalogues: dict) -> tuple[dict, dict, list[str]]:
    """(entry values, extra answers, problems) from an issue *body* of form *spec*."""
    qs = questions(spec, root, catalogues)
    found = sections(body, [q.label for q in qs] + ["Publication"])
    values, extras, problems = {}, {}, []
    for q in qs:
        try:
            value = answer(q, found.get(q.label, ""))
        except InputError as exc:
            problems.append(f"« {q.label} » : {exc}")
            continue
        if value in (None, [], "") and q.required:
            problems.append(fr(f"« {q.label} » : réponse obligatoire manquante"))
        f = q.entry_field
        if value is None and f is not None and f.is_list and f.required:
            value = []  # a list the schema requires but allows empty (« diplomas: [] »)
        target = values if f is not None else extras
        if value not in (None, ""):
            target[q.id] = value
    if not re.search(r"^- \[[xX]\]", found.get("Publication", ""), re.M):
        problems.append(fr("« Publication » : la case d'accord pour la publication n'est pas cochée"))
    if spec.catalogue == "testimonials" and "quote" in values:
        values["quote"] = values["quote"].strip(_QUOTES)
    return values, extras, problems


def issue_source(
    spec: FormSpec, values: dict, extras: dict, day: date, number: int | None, url: str | None, taken: set[str]
) -> dict:
    """A sources entry for an issue whose sender is the source."""
    who = values.get("organisation") or extras.get("organisation") or "Établissement non précisé"
    what = f"proposition « {values['title']} »" if values.get("title") else f"« {spec.name} »"
    sid = f"demande-{number}" if number else fresh_id(f"{who} {day.isoformat()}", taken)
    ref = f" (demande n° {number})" if number else ""
    src = {
        "id": sid,
        "title": f"{who} : {what}",
        "publisher": who,
        "date": day,
        "description": fr(
            f"Informations transmises par {who} avec le formulaire « {spec.name} » du dépôt{ref}, "
            "relues par l'équipe du site avant publication."
        ),
        "updated": day,
    }
    if url:
        src["url"] = url
    return src


def convert(spec: FormSpec, body: str, root: Path, day: date, number=None, url=None, write=True, catalogues=None):
    """(results, problems): the issue appended as entries, or why not (*catalogues*: data/ already validated)."""
    if catalogues is None:
        catalogues, errors = check_data_dir(
            root / "data", root / "schemas", root=root, site=site_beside(root / "schemas")
        )
        if errors:
            return [], [e.format() for e in errors] + [
                fr("Les données du dépôt ne sont pas valides : corrigez-les d'abord (make validate).")
            ]
    values, extras, problems = read_issue(spec, body, root, catalogues)
    if problems:
        return [], problems
    items = []
    if values.get("source", ISSUE_SOURCE) == ISSUE_SOURCE:
        src = issue_source(spec, values, extras, day, number, url, {e["id"] for e in catalogues.get("sources", [])})
        items.append(("sources", src))
        values["source"] = src["id"]
    values["updated"] = day
    values["id"] = propose_id(
        spec.catalogue, values, catalogues.get(spec.catalogue, []), reserved(root, spec.catalogue, catalogues)
    )
    items.append((spec.catalogue, values))
    results = append_entries(root, items, write=write)
    labels = {q.id: q.label for q in questions(spec, root, catalogues)}
    return results, [_explain(e, spec.catalogue, labels) for e in results[-1].errors]


def _explain(error, catalogue: str, labels: dict[str, str]) -> str:
    """A validation error about the new entry, named by the form's question (« Résumé » : …)."""
    m = re.fullmatch(rf"{catalogue}\[\d+\]\.(\w+).*", error.path)
    if m and m.group(1) in labels:
        return f"« {labels[m.group(1)]} » : {error.message}"
    return error.format()


def _summary(spec: FormSpec, results, problems: list[str]) -> str:
    if problems:
        lines = [
            "Merci pour cette proposition ! Avant publication, quelques points sont à corriger "
            "(modifiez la demande avec « Edit », puis prévenez-nous) :",
            "",
        ]
        return inert(fr("\n".join(lines + [f"- {p}" for p in problems]))) + "\n"
    entry = results[-1]
    link = site_url(entry.url)
    return (
        inert(
            fr(
                f"L'entrée `{entry.entry_id}` a été préparée dans `{entry.file.parent.name}/{entry.file.name}`"
                + (f" ; sa page sera {link} une fois publiée." if link else ".")
            )
        )
        + "\n"
    )


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # French, exit status 2, never a traceback
        raise _Usage(fr(f"option invalide ({message}) ; aide : python -m scripts.issue_to_entry --help"))


class _Usage(Exception):
    """Wrong usage: exit status 2."""


def _arguments(argv):
    parser = _Parser(
        prog="python -m scripts.issue_to_entry",
        description=fr(
            "Transforme une demande GitHub (formulaire « Proposer une pratique » ou « Nous l'avons mis en œuvre ») en entrée de data/."
        ),
    )
    parser.add_argument("--body-file", required=True, help=fr("texte de la demande (« - » : entrée standard)"))
    parser.add_argument("--form", choices=sorted(BY_SLUG), help=fr("formulaire utilisé (deviné sinon)"))
    parser.add_argument("--number", type=int, help=fr("numéro de la demande"))
    parser.add_argument("--url", help=fr("adresse de la demande"))
    parser.add_argument(
        "--date", default=None, help=fr("date de la demande, AAAA-MM-JJ (défaut : $ALTERNANCE_DATE, sinon aujourd'hui)")
    )
    parser.add_argument("--root", type=Path, default=ROOT)
    parser.add_argument("--dry-run", action="store_true", help=fr("vérifier sans écrire"))
    parser.add_argument(
        "--summary-file",
        type=Path,
        help=fr("écrire le résultat en Markdown (commentaire de la demande), quoi qu'il arrive"),
    )
    parser.add_argument(
        "--pull-request-file",
        type=Path,
        help=fr("écrire le titre et le texte de la pull request (JSON) si l'entrée est prête"),
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None, out=None) -> int:
    out = out or sys.stdout
    summary_file = _option(argv if argv is not None else sys.argv[1:], "--summary-file")
    try:
        args = _arguments(argv)
        code, summary = run(args, out)
    except _Usage as exc:
        print(str(exc), file=out)
        code, summary = USAGE, SUMMARIES[USAGE]
    except Exception as exc:  # noqa: BLE001 - a bug must still answer the issue, in French, without a traceback
        print(
            fr(f"Erreur interne ({type(exc).__name__}) : rien n'a été écrit ; signalez-la à l'équipe technique."),
            file=out,
        )
        code, summary = INTERNAL, SUMMARIES[INTERNAL]
    if summary_file is not None:
        try:
            Path(summary_file).write_text(fr(summary).rstrip("\n") + "\n", encoding="utf-8")
        except OSError as exc:
            print(fr(f"Résumé non écrit dans {summary_file} : {exc.strerror}"), file=out)
            code = code or INTERNAL
    return code


def _option(argv: list[str], name: str) -> str | None:
    """The value of option *name* in *argv*, read without argparse (the summary is written even on bad usage)."""
    for i, arg in enumerate(argv):
        if arg == name and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith(name + "="):
            return arg.split("=", 1)[1]
    return None


def run(args, out) -> tuple[int, str]:
    """(exit status, summary for the issue) of one issue."""
    try:
        raw = sys.stdin.buffer.read() if args.body_file == "-" else Path(args.body_file).read_bytes()
    except OSError as exc:
        raise _Usage(fr(f"texte de la demande illisible ({args.body_file} : {exc.strerror})")) from None
    body = raw.decode("utf-8", "replace")
    try:
        stamp = date.fromisoformat(args.date) if args.date else today()
    except ValueError:
        raise _Usage(fr(f"--date : « {args.date} » n'est pas une date AAAA-MM-JJ")) from None
    except ClockError as exc:
        raise _Usage(fr(str(exc))) from None
    spec = BY_SLUG[args.form] if args.form else detect(body, args.root)
    if spec is None:
        raise _Usage(
            fr(
                "Ce texte ne vient pas d'un formulaire connu : attendus « Proposer une pratique » ou « Nous l'avons mis en œuvre »."
            )
        )
    catalogues, errors = check_data_dir(
        args.root / "data", args.root / "schemas", root=args.root, site=site_beside(args.root / "schemas")
    )
    if errors:
        for e in errors:
            print(e.format(), file=out)
        print(
            fr("Les données du dépôt ne sont pas valides : corrigez-les d'abord (make validate). Rien n'a été écrit."),
            file=out,
        )
        return DATA_INVALID, SUMMARIES[DATA_INVALID]
    results, problems = convert(spec, body, args.root, stamp, args.number, args.url, not args.dry_run, catalogues)
    for r in results:
        print(r.text, file=out)
    for p in problems:
        print(p, file=out)
    summary = _summary(spec, results, problems)
    if problems:
        print(fr("Rien n'a été écrit."), file=out)
        return CORRECTIONS, summary
    entry = results[-1]
    print(
        fr(
            f"Ajouté à {entry.file.relative_to(args.root).as_posix()} "
            f"({spec.name}) : toutes les données restent valides."
        ),
        file=out,
    )
    if entry.url:
        print(fr(f"Adresse de la page : {site_url(entry.url)}"), file=out)
    if not args.dry_run and (args.root / ".github" / "ISSUE_TEMPLATE").is_dir():
        for path in sync(args.root):
            print(fr(f"{path.relative_to(args.root).as_posix()} : mis à jour (nouveaux choix)"), file=out)
    if args.pull_request_file:
        args.pull_request_file.write_text(
            json.dumps(pull_request(spec, results, summary, args.number), ensure_ascii=False), encoding="utf-8"
        )
    return ADDED, summary
