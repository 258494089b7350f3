"""« Proposer une modification »: the repository's web editor and issue form for a page.

Pure functions of plain values (no MkDocs import), used by hooks/reader.py:

- a generated page (a practice, a format) is edited in its catalogue, at the line
  where its entry starts: ``{repo_url}/edit/{branch}/data/<file>.yaml#L<line>``;
- a hand-written page, in its Markdown file (MkDocs' ``page.edit_url``, from
  ``repo_url`` and ``edit_uri``); a page that lists a catalogue also links that file;
- every page offers the correction form of .github/ISSUE_TEMPLATE/ (:data:`ISSUE_FORM`),
  prefilled through GitHub's issue-form query parameters (``?template=…&<field id>=…``).

The repository is ``repo_url`` (mkdocs.yml: REPO_URL, or GitHub Actions' own
repository, see :func:`repository_url`). Without one, no link is made: never a
link to a placeholder repository.
"""

from __future__ import annotations

import posixpath
from urllib.parse import quote, urlencode

ISSUE_FORM = "proposer-une-correction.yml"  # .github/ISSUE_TEMPLATE/, fields `page` and `entree`


def repository_url(configured: str | None, environ: dict) -> str:
    """The repository's web address: *configured* (repo_url), else on GitHub Actions
    ``$GITHUB_SERVER_URL/$GITHUB_REPOSITORY``, else ""."""
    if configured and configured.strip():
        return configured.strip()
    repo = (environ.get("GITHUB_REPOSITORY") or "").strip()
    if not repo:
        return ""
    server = (environ.get("GITHUB_SERVER_URL") or "https://github.com").rstrip("/")
    return f"{server}/{repo}"


def _base(repo_url: str | None) -> str | None:
    if not repo_url or not repo_url.strip():
        return None
    base = repo_url.strip().rstrip("/")
    return base[:-4] if base.endswith(".git") else base


def data_edit_url(repo_url: str | None, edit_uri: str | None, file: str, line: int | None = None) -> str | None:
    """The web editor on data/*file* (at *line*): ``edit_uri``'s branch, beside docs/.

    « edit/main/docs/ » is the editor of docs/ on branch main; data/ is its sibling.
    """
    base = _base(repo_url)
    if base is None or not edit_uri:
        return None
    folder = posixpath.normpath(posixpath.join(edit_uri.strip("/"), ".."))
    url = f"{base}/{folder}/data/{quote(file)}"
    return f"{url}#L{line}" if line else url


def issue_url(repo_url: str | None, title: str, page_url: str, entry: str | None = None) -> str | None:
    """The correction form, its title and fields prefilled with the page's address and entry."""
    base = _base(repo_url)
    if base is None:
        return None
    fields = {"template": ISSUE_FORM, "title": f"Correction\u00a0: {title}", "page": page_url}
    if entry:
        fields["entree"] = entry
    return f"{base}/issues/new?{urlencode(fields, quote_via=quote)}"
