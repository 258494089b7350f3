"""The site's public address: what downloads, the feed, canonical links, the sitemap and
the web editor's configuration may print.

`SITE_URL` (mkdocs.yml's `site_url`) names the address the site is published at. Without
it, the build is a development build, and nothing a reader downloads carries an address:
documents and the page's form footer print none, the feed and the sitemap use paths from
the site's root, and pages have no canonical link. A loopback address (`mkdocs serve`,
which sets `site_url` to http://127.0.0.1:8000/) counts as no address.
"""

from __future__ import annotations

from urllib.parse import urlsplit

LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1", "0.0.0.0", ""})


def public_url(site_url: str | None) -> str:
    """*site_url* ending in « / », or "" when it is missing or a development address."""
    if not site_url:
        return ""
    host = (urlsplit(site_url).hostname or "").lower()
    if host in LOOPBACK or host.endswith(".localhost"):
        return ""
    return site_url.rstrip("/") + "/"


def describe(site_url: str | None) -> str:
    """The INFO line a build prints about the address it used (French, for the console)."""
    public = public_url(site_url)
    if public:
        return f"Adresse du site : {public} (SITE_URL) : documents, flux, liens canoniques et plan du site la portent."
    served = f" (servi sur {site_url})" if site_url else ""
    return (
        "Adresse du site : aucune, construction de développement" + served + " : documents, flux et plan "
        "du site sans adresse de développement ; donnez SITE_URL pour une publication."
    )
