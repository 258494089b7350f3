"""Permanent addresses: the redirect pages declared in data/redirects.yaml.

When an entry's id is renamed or removed, its old address keeps working: the
editor declares `{from: pratiques/ancien-id/, to: pratiques/nouvel-id/}` and the
build writes `<from>index.html`, a small French page that sends the reader on at
once (meta refresh), names the new address as canonical, shows a visible link
for anyone whose browser does not follow, and asks search engines not to index
it. Pure functions: hooks/trust.py calls them, tests call them alone.
"""

from __future__ import annotations

import html

from macros.pages.render import url_relative

PAGE = """<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Page déplacée – {site_name}</title>
<link rel="canonical" href="{canonical}">
<link rel="icon" href="{icon}">
<meta http-equiv="refresh" content="0; url={link}">
</head>
<body>
<main>
<h1>Cette page a changé d'adresse</h1>
<p>Son contenu se trouve désormais sur la page <a href="{link}">{title}</a>.</p>
<p>Pensez à mettre à jour vos liens et vos favoris.</p>
</main>
</body>
</html>
"""


def page_url(path: str) -> str:
    """A redirect's `to`/`from` as a page URL of MkDocs (`""` for the home page, no anchor)."""
    path = path.split("#", 1)[0]
    return "" if path in ("", "/") else path.lstrip("/")


def relative_link(source: str, target: str) -> str:
    """Link from the page at *source* (e.g. 'pratiques/a/') to *target* ('formats/b/#x')."""
    path, _, anchor = target.partition("#")
    link = url_relative(page_url(path), page_url(source).rstrip("/"))
    return f"{link}#{anchor}" if anchor else link


def redirect_page(
    redirect: dict, site_name: str, site_url: str, title: str, favicon: str = "assets/images/favicon.png"
) -> str:
    """The HTML written at `<from>index.html` for one redirect entry."""
    target = redirect["to"]
    path, _, anchor = target.partition("#")
    canonical = (site_url or "/").rstrip("/") + "/" + page_url(path) + (f"#{anchor}" if anchor else "")
    return PAGE.format(
        site_name=html.escape(site_name),
        canonical=html.escape(canonical),
        link=html.escape(relative_link(redirect["from"], target)),
        title=html.escape(title),
        icon=html.escape(relative_link(redirect["from"], "/") + favicon),
    )


def problems(redirects: list[dict], pages: dict[str, str]) -> list[tuple[int, str, str]]:
    """(index, field, French message) for each redirect the site cannot honour.

    *pages*: {page URL: title} of every page of the build. `to` must be one of
    them (never another redirect: chains are impossible); `from` must not be one
    (the redirect would hide a live page) and must be declared only once.
    """
    out = []
    seen: dict[str, int] = {}
    for i, r in enumerate(redirects):
        source, target = page_url(r["from"]), page_url(r["to"])
        if source in pages:
            out.append(
                (
                    i,
                    "from",
                    f"« {r['from']} » est une page publiée : une redirection ne peut pas la remplacer "
                    "(retirez la redirection, ou retirez d'abord la page)",
                )
            )
        if source in seen:
            out.append((i, "from", f"« {r['from']} » est déjà redirigée par l'entrée {seen[source] + 1}"))
        seen.setdefault(source, i)
        if target not in pages:
            out.append(
                (
                    i,
                    "to",
                    f"« {r['to']} » n'est pas une page du site : indiquez l'adresse d'une page publiée "
                    "(ex. « pratiques/nouvel-id/ »)",
                )
            )
    return out
