"""The editor's server of `make edit` (scripts/edit_server.js, decap-server behind its guard), started for a test."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.support import ROOT

SERVER = ROOT / "scripts" / "edit_server.js"


DECAP = ROOT / "node_modules" / "decap-server" / "dist" / "index.js"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def decap_server(repo: Path, origin: str = "http://127.0.0.1:8000") -> Iterator[str]:
    """The editor's server of `make edit` on 127.0.0.1 serving *repo* for pages of *origin*; yields its API URL."""
    node = shutil.which("node")
    if not node or not DECAP.is_file():
        message = "Node et decap-server sont nécessaires (npm ci)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    port = _free_port()
    url = f"http://127.0.0.1:{port}/api/v1"
    env = dict(os.environ, PORT=str(port), GIT_REPO_DIRECTORY=str(repo), SITE_ORIGINS=origin)
    log = repo.parent / "decap-server.log"
    with log.open("wb") as out:
        proc = subprocess.Popen([node, str(SERVER)], cwd=repo, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        for _ in range(150):  # up to 15 s to start
            try:
                request = urllib.request.Request(
                    url, data=b'{"action":"info"}', headers={"Content-Type": "application/json"}
                )
                with urllib.request.urlopen(request, timeout=1) as response:
                    assert json.load(response)["type"] == "local_fs"
                break
            except OSError:
                assert proc.poll() is None, log.read_text(encoding="utf-8", errors="replace")
                time.sleep(0.1)
        else:
            pytest.fail("decap-server ne répond pas")
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=10)
