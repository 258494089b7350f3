"""`make serve` rebuilds only what an edit changed (mkdocs serve --dirty, macros/incremental.py).

The rebuilds run as `mkdocs serve` runs them (a fresh config per build, the same
process, dirty=True) on a copy of the repository: an edited practice title must
reach its page, the practices index, and the search index, while a practice page
that does not show it is left as it was; a changed template rebuilds everything.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

from macros.model.catalog import load_catalog
from tests.support.sitecopy import copy_repo, env_for

SCRIPT = textwrap.dedent("""
    import gzip, json, sys
    from pathlib import Path
    from mkdocs.config import load_config
    from mkdocs.commands.build import build
    from macros.search import pagefind_service

    site = Path(sys.argv[1])
    def rebuild(first=False):
        config = load_config("mkdocs.yml", site_dir=str(site))
        if first:
            config.plugins.on_startup(command="serve", dirty=True)
        build(config, dirty=True)
        pagefind_service._background.submit(lambda: None).result()  # the index of this build is written
    def pages():
        return {p.parent.name: (p.stat().st_mtime_ns, p.read_text(encoding="utf-8")) for p in (site / "pratiques").glob("*/index.html")}
    def indexed(word):
        return any(word.encode() in gzip.decompress(f.read_bytes()) for f in (site / "pagefind" / "fragment").iterdir())

    rebuild(first=True)
    before = pages()
    docs_before = {name: (site / name / "index.html").stat().st_mtime_ns for name in ("reforme", "glossaire", "pratiques")}
    formats_before = {p.parent.name: p.stat().st_mtime_ns for p in (site / "formats").glob("*/index.html")}
    data = Path("data/practices.yaml")
    text = data.read_text(encoding="utf-8")
    practice = sys.argv[2]
    start = text.index(f"- id: {practice}\\n")
    line = text.index("  title: ", start)
    end = text.index("\\n", line)
    data.write_text(text[:line] + "  title: Zorglub retitré" + text[end:], encoding="utf-8")
    rebuild()
    after = pages()
    docs_after = {name: (site / name / "index.html").stat().st_mtime_ns for name in ("reforme", "glossaire", "pratiques")}
    formats_after = {p.parent.name: p.stat().st_mtime_ns for p in (site / "formats").glob("*/index.html")}
    template = Path("templates/pages/practice.md.j2")
    template.write_text(template.read_text(encoding="utf-8") + "{# changed #}\\n", encoding="utf-8")
    rebuild()
    remade = pages()
    print(json.dumps({
        "template_remakes_all": all(remade[k][0] != after[k][0] for k in remade),
        "docs_rewritten": sorted(k for k in docs_before if docs_before[k] != docs_after[k]),
        "formats_rewritten": sorted(k for k in formats_before if formats_before[k] != formats_after[k]),
        "edited": "Zorglub retitré" in after[practice][1],
        "index": "Zorglub retitré" in (site / "pratiques" / "index.html").read_text(encoding="utf-8"),
        "searchable": indexed("Zorglub"),
        "untouched": sorted(k for k in before if k != practice and "Zorglub" not in after[k][1] and before[k][0] == after[k][0]),
        "rewritten": sorted(k for k in before if before[k][0] != after[k][0]),
    }))
""")


def test_an_edit_rebuilds_its_page_the_pages_that_show_it_and_the_index(tmp_path, root):
    repo = copy_repo(tmp_path / "repo")
    practices = load_catalog(root).list("practices")
    edited = practices[-1]["id"]
    out = subprocess.run([sys.executable, "-c", SCRIPT, str(tmp_path / "site"), edited], cwd=repo,
                         env=env_for(repo), capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-3000:]
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result["edited"] and result["index"] and result["searchable"], result
    assert edited in result["rewritten"]
    # Practices whose page does not show the edited title are not rebuilt.
    assert result["untouched"], result
    assert not set(result["untouched"]) & set(result["rewritten"])
    # Hand-written pages: the practices index quotes practices, « La réforme » and the
    # glossary do not (their macros, if any, read other catalogues).
    assert result["docs_rewritten"] == ["pratiques"], result
    # Format pages: only the edited practice's format lists it.
    assert result["formats_rewritten"] == sorted(practices[-1]["formats"]), result
    # A changed template (or macro, hook, theme override) rebuilds every page.
    assert result["template_remakes_all"]


def test_make_serve_sees_a_saved_file_within_a_tenth_of_a_second(tmp_path):
    """MkDocs polls watched folders every 0.5 s; on_serve brings it to 0.1 s for the
    folders already watched (docs/) and those watched after it (data/, templates/)."""
    from mkdocs.livereload import LiveReloadServer

    from macros.glue import incremental

    (tmp_path / "docs").mkdir()
    (tmp_path / "data").mkdir()
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    server.watch(str(tmp_path / "docs"))
    assert {e.timeout for e in server.observer.emitters} == {0.5}  # MkDocs' own interval
    incremental.poll_faster(server)
    server.watch(str(tmp_path / "data"))
    assert len(server.observer.emitters) == 2
    assert {e.timeout for e in server.observer.emitters} == {incremental.POLL_SECONDS}
    server.server_close()
