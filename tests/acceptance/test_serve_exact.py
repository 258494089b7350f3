"""`make serve` is exact (issue 14, rule 10): after any sequence of edits, the served site
equals a clean `make build` of the same files, Pagefind files aside.

A differential test: the Makefile's own `mkdocs serve` command runs in a copy of the repository,
on a free port. The copy is edited in three steps — an entry added, a glossary expansion and a
schema description changed; an entry renamed, a hand-written page and a template edited; the
added entry deleted and mkdocs.yml edited — and after each step, once the server has rebuilt
(MkDocs' live-reload signal), `scripts/build_site.py` builds the same files cleanly. Every file
of that build is then fetched from the server over HTTP and must be the same bytes (apart from
the live-reload script the server adds to each HTML page), and the pages that no longer exist
must be gone from the server too.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from tests.support import ROOT
from tests.support.sitecopy import copy_repo, env_for

# What MkDocs' live-reload server adds before </body> of every HTML page it serves.
LIVERELOAD = re.compile(rb"<script>\s*var livereload = function.*?</script>(?=</body>)", re.S)
EPOCH = re.compile(rb"livereload\((\d+), \d+\);")
ADDED, RENAMED, NEW_NAME = (
    "pratique-ajoutee-au-serveur",
    "stage-pluri-institutionnel-eje-accueil-des-2-3-ans",
    "stage-pluri-institutionnel-eje-accueil-des-deux-trois-ans",
)


def _serve_command(port: int) -> list[str]:
    """The command of the Makefile's serve target, on *port*."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    line = re.search(r"^serve:.*\n\t\$\(PY\) (-m mkdocs serve .*)$", makefile, re.M).group(1)
    return [sys.executable, *line.replace("127.0.0.1:8000", f"127.0.0.1:{port}").split()]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str, timeout: float = 30) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, b""


class Server:
    def __init__(self, repo: Path, log: Path):
        self.port, self.log = _free_port(), log
        self.base = f"http://127.0.0.1:{self.port}/"
        self._out = open(log, "w", encoding="utf-8")  # noqa: SIM115 (kept open while the server runs; closed by stop())
        self.proc = subprocess.Popen(
            _serve_command(self.port),
            cwd=repo,
            env=env_for(repo),
            stdout=self._out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.epoch = 0

    def started(self, timeout: float = 180) -> None:
        start = time.monotonic()
        while True:
            try:
                status, body = _get(self.base, timeout=5)
                if status == 200:
                    self.epoch = int(EPOCH.search(body).group(1))
                    return
            except OSError:
                pass
            assert self.proc.poll() is None and time.monotonic() - start < timeout, self.tail()
            time.sleep(0.3)

    def rebuilt(self, timeout: float = 240) -> None:
        """Wait until the server has rebuilt after an edit, and no change it saw is left unbuilt."""
        start = time.monotonic()
        while time.monotonic() - start < timeout:
            assert self.proc.poll() is None, self.tail()
            _, answer = _get(f"{self.base}livereload/{self.epoch}/1", timeout=90)  # answers when a build is served
            text = self.log.read_text(encoding="utf-8")
            assert "An error happened during the rebuild" not in text, self.tail()
            if int(answer or 0) > self.epoch:
                time.sleep(1.5)  # MkDocs polls files every 0.5 s and waits 0.25 s for saves to settle
                text = self.log.read_text(encoding="utf-8")
                self.epoch = int(answer)
                if text.count("Detected file changes") <= text.count("Reloading browsers"):
                    return
        raise AssertionError("le serveur n'a pas reconstruit le site :\n" + self.tail())

    def tail(self) -> str:
        return self.log.read_text(encoding="utf-8")[-4000:]

    def stop(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGINT)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
        self._out.close()


def _clean_build(repo: Path) -> subprocess.Popen:
    """`make build`'s builder (scripts/build_site.py) in the copy: into <copy>/site."""
    return subprocess.Popen(
        [sys.executable, "-m", "scripts.build_site"],
        cwd=repo,
        env=env_for(repo),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def _compare(server: Server, build: subprocess.Popen, site: Path, gone: list[str]) -> None:
    output, _ = build.communicate(timeout=300)
    assert build.returncode == 0, output[-3000:]
    differing = []
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        name = path.relative_to(site).as_posix()
        if name.startswith("pagefind/"):
            continue
        status, body = _get(server.base + name)
        if name.endswith(".html"):
            body = LIVERELOAD.sub(b"", body)
        if status != 200 or body != path.read_bytes():
            differing.append(f"{name} ({status})")
    assert not differing, (
        f"{len(differing)} fichier(s) servi(s) différent(s) de la construction propre : {differing[:20]}"
    )
    for url in gone:
        assert not (site / url / "index.html").exists(), url
        assert _get(server.base + url)[0] == 404, f"{url} est encore servie"


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _entry(text: str, entry_id: str) -> str:
    """The YAML block of entry *entry_id* (from « - id: » to the next entry or the end)."""
    start = text.index(f"  - id: {entry_id}\n")
    end = text.find("\n  - id: ", start + 1)
    return text[start:] if end < 0 else text[start : end + 1]


def test_the_served_site_is_a_clean_build_after_every_edit(tmp_path):
    repo = copy_repo(tmp_path / "repo")
    site = repo / "site"
    server = Server(repo, tmp_path / "serve.log")
    try:
        build = _clean_build(repo)
        server.started()
        _compare(server, build, site, [])

        # 1. An entry added; a glossary expansion and a schema description changed.
        practices = repo / "data" / "practices.yaml"
        text = practices.read_text(encoding="utf-8")
        block = _entry(text, "stage-collectif-de-territoire-ass").rstrip("\n") + "\n"
        block = block.replace("id: stage-collectif-de-territoire-ass", f"id: {ADDED}")
        block = block.replace(
            "title: Stage collectif de territoire",
            "title: Pratique ajoutée pendant le service, stage collectif de territoire",
        )
        practices.write_text(text.rstrip("\n") + "\n\n" + block, encoding="utf-8")
        _edit(
            repo / "data" / "glossary.yaml",
            "expansion: éducateur de jeunes enfants",
            "expansion: éducatrice ou éducateur de jeunes enfants",
        )
        _edit(
            repo / "schemas" / "practices.schema.json",
            "Identifiant permanent de la pratique",
            "Identifiant permanent et unique de la pratique",
        )
        build = _clean_build(repo)
        server.rebuilt()
        _compare(server, build, site, [])
        assert b"Pratique ajout" in _get(f"{server.base}pratiques/{ADDED}/")[1]
        assert "éducatrice ou éducateur de jeunes enfants" in (site / "pratiques" / RENAMED / "index.html").read_text(
            encoding="utf-8"
        )
        assert "Identifiant permanent et unique" in (site / "contribuer" / "pratiques" / "index.html").read_text(
            encoding="utf-8"
        )

        # 2. An entry renamed (and the hand-written page that links to it edited); a template edited.
        _edit(practices, f"- id: {RENAMED}\n", f"- id: {NEW_NAME}\n")
        _edit(repo / "docs" / "reforme.md", f"pratiques/{RENAMED}.md", f"pratiques/{NEW_NAME}.md")
        _edit(
            repo / "docs" / "reforme.md",
            'title: "La réforme de l\'alternance : pourquoi et comment ?"',
            'title: "La réforme de l\'alternance : les raisons et la méthode"',
        )
        template = repo / "templates" / "pages" / "practice.md.j2"
        template.write_text(
            template.read_text(encoding="utf-8") + "\nPage de pratique revue pendant le service.\n", encoding="utf-8"
        )
        build = _clean_build(repo)
        server.rebuilt()
        _compare(server, build, site, [f"pratiques/{RENAMED}/"])
        assert "revue pendant le service" in (site / "pratiques" / NEW_NAME / "index.html").read_text(encoding="utf-8")
        assert "les raisons et la méthode" in (site / "reforme" / "index.html").read_text(encoding="utf-8")

        # 3. The added entry deleted; mkdocs.yml edited (a label of the navigation).
        practices.write_text(practices.read_text(encoding="utf-8").replace("\n\n" + block, "\n"), encoding="utf-8")
        _edit(repo / "mkdocs.yml", "      - Glossaire: glossaire.md", "      - Lexique: glossaire.md")
        build = _clean_build(repo)
        server.rebuilt()
        _compare(server, build, site, [f"pratiques/{ADDED}/", f"pratiques/{RENAMED}/"])
        assert ">Lexique<" in (site / "index.html").read_text(encoding="utf-8")
    finally:
        server.stop()
