"""`make serve` edit latency: seconds from saving a practice to the page showing it.

Runs `mkdocs serve` (as `make serve` does) in a synthetic tree, waits for the first
build, changes one practice's title in data/practices.yaml, and polls that
practice's page until the new title is served, like a reader's browser after
the live-reload signal. Every rebuild of `make serve` is a whole clean build (the
served site is always the one `make build` makes: tests/acceptance/test_serve_exact.py), so this
is MkDocs noticing the save, then one full build. Run alone: `python -m bench.serve TREE`.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def _serve_command(port: int) -> list[str]:
    """The command of the Makefile's serve target, on another port."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    line = re.search(r"^serve:.*\n\t\$\(PY\) (-m mkdocs serve .*)$", makefile, re.M).group(1)
    return [sys.executable, *line.replace("127.0.0.1:8000", f"127.0.0.1:{port}").split()]


def edit_latency(tree: Path, practice_id: str, timeout: float = 300) -> dict:
    """Seconds until the edited title is served; and the first build's seconds."""
    port = _free_port()
    env = dict(os.environ, PYTHONPATH=str(tree), SITE_DIR=str(tree / "site"))
    log = open(tree / "serve.log", "w")  # noqa: SIM115 (the server's output until it is stopped below)
    proc = subprocess.Popen(
        _serve_command(port), cwd=tree, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    url = f"http://127.0.0.1:{port}/pratiques/{practice_id}/"
    try:
        start = time.perf_counter()
        while _get(url) is None:
            if proc.poll() is not None or time.perf_counter() - start > timeout:
                raise SystemExit(f"mkdocs serve n'a pas démarré :\n{(tree / 'serve.log').read_text()[-3000:]}")
            time.sleep(0.2)
        first_build = time.perf_counter() - start
        # A person reads the page before editing: the edit's rebuild runs on a quiet machine.
        time.sleep(3)
        data = tree / "data" / "practices.yaml"
        text = data.read_text(encoding="utf-8")
        marker = f"Titre modifié {time.time_ns()}"
        block = re.search(rf"^( *)- id: {re.escape(practice_id)}\n(?:\1  .*\n)*?\1  title: .*$", text, re.M)
        edited = (
            text[: block.start()]
            + re.sub(r"title: .*$", f"title: {marker}", block.group(0), flags=re.M)
            + text[block.end() :]
        )
        data.write_text(edited, encoding="utf-8")
        saved = time.perf_counter()
        while True:
            page = _get(url)
            if page and marker in page:
                return {"serve_edit_s": time.perf_counter() - saved, "serve_first_build_s": first_build}
            if proc.poll() is not None or time.perf_counter() - saved > timeout:
                raise SystemExit(f"la modification n'a pas été servie :\n{(tree / 'serve.log').read_text()[-3000:]}")
            time.sleep(0.05)
    finally:
        os.killpg(proc.pid, signal.SIGINT)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
        log.close()


if __name__ == "__main__":
    tree = Path(sys.argv[1]).resolve()
    ident = sys.argv[2] if len(sys.argv) > 2 else "pratique-00500"
    print(edit_latency(tree, ident))
