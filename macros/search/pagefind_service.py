"""Pagefind's indexing service, fed page by page while MkDocs is still rendering.

The `pagefind` binary (from the `pagefind[bin]` wheel) has a service mode
(`pagefind --service`): requests and responses are base64-encoded JSON, each
followed by a comma, on its stdin and stdout. Sending each page's HTML as soon as
MkDocs has rendered it lets the Rust indexer work on another core while Python
renders the next pages; at the end of the build only the writing of the index is
left, instead of a whole second pass over the site.

With ``hold=True``, pages are encoded as they are added but written to the binary only once
released (:meth:`PagefindService.release`, or when the index is asked for), in one write from a
thread, and the pages added after them by the same thread: the build then indexes while MkDocs
finishes the pages and renders the theme, when the second core has less to do than while MkDocs
reads the pages (macros/glue/search.py).

The PyPI package's own asyncio client is not used: it reads one response per
100 ms (`asyncio.sleep(0.1)` in its polling loop), which caps it at ten pages a
second. This client is a pipe and one reader thread.
"""

from __future__ import annotations

import base64
import functools
import json
import queue
import subprocess
import tempfile
import threading
from concurrent.futures import Future

from pagefind.service import get_executable

from macros.core.placement import helper_start

try:
    import fcntl
except ImportError:  # Windows: no pipe sizes
    fcntl = None


PIPE_BYTES = 1 << 20  # Linux's default ceiling for a pipe's buffer (/proc/sys/fs/pipe-max-size)


def _enlarge_pipe(fd: int) -> None:
    """Give the pipe *fd* a buffer of :data:`PIPE_BYTES` where the system allows it (Linux).

    A page sent to the service is about 55 KB of base64; with the default 64 KB buffer, sending
    a page waited for the binary to read the previous one (0.14 to 0.33 s a build at 1,000
    practices, measured on 5 December 2026; 0.01 s with 1 MiB). Elsewhere, or if refused, the
    pipe keeps its size: sending is only slower."""
    if fcntl is not None and hasattr(fcntl, "F_SETPIPE_SZ"):
        try:
            fcntl.fcntl(fd, fcntl.F_SETPIPE_SZ, PIPE_BYTES)
        except OSError:
            pass


class PagefindError(RuntimeError):
    """The service refused a request or stopped."""


def _settle(future: Future, done: Future) -> None:
    """*future* settled as *done* was."""
    if done.exception() is not None:
        future.set_exception(done.exception())
    else:
        future.set_result(done.result())


class PagefindService:
    """One in-memory Pagefind index; :meth:`add` never waits, :meth:`write` waits for all."""

    def __init__(self, config: dict | None = None, hold: bool = False):
        executable = get_executable()
        if executable is None:
            raise PagefindError("binaire pagefind introuvable (paquet « pagefind[bin] »)")
        self._log = tempfile.TemporaryFile()  # noqa: SIM115 (the binary's own messages, if any: closed by close())
        with helper_start():  # its writing of the index must not take MkDocs' core
            self._proc = subprocess.Popen(
                [str(executable), "--service"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self._log
            )
        _enlarge_pipe(self._proc.stdin.fileno())
        self._lock = threading.Lock()
        self._write_lock = threading.Lock()
        self._pending: dict[int, Future] = {}
        self._last_id = 0
        self._added: list[tuple[str, Future]] = []
        self._held: list[bytes] | None = [] if hold else None  # pages encoded, not written yet
        self._queue: queue.SimpleQueue | None = None  # once released: what the feeding thread writes
        self._gone = False  # the binary's output has ended: no request will be answered
        self._reader = threading.Thread(target=self._read, name="pagefind-service", daemon=True)
        self._reader.start()
        self._index_id = self._send({"type": "NewIndex", "config": config or {}}).result()["index_id"]

    def add(self, url: str, html: str) -> None:
        """Queue one page (its final HTML, its site URL such as /pratiques/x/)."""
        self._added.append(
            (
                url,
                self._send(
                    {
                        "type": "AddFile",
                        "index_id": self._index_id,
                        "url": url,
                        "file_path": None,
                        "file_contents": html,
                    }
                ),
            )
        )

    def write(self, output_path: str) -> int:
        """Wait for every page, write the index into *output_path*; the number of pages sent."""
        self.write_soon(output_path).result()
        return len(self._added)

    def release(self) -> None:
        """Send the pages held back, from a thread, and every page added from now on after them:
        Pagefind starts indexing, and :meth:`add` still never waits."""
        if self._held is None:
            return
        self._queue = queue.SimpleQueue()
        self._queue.put(b"".join(self._held))
        self._held = None
        threading.Thread(target=self._feed, name="pagefind-feed", daemon=True).start()

    def write_soon(self, output_path: str) -> Future:
        """Wait for every page, then ask for the index to be written into *output_path*,
        without waiting for the writing (the returned future is done when it is). Pages held
        back are written first, from a thread, which then waits for them: the call returns at once."""
        self.release()
        if self._queue is None:
            return self._write_when_indexed(output_path)
        written: Future = Future()
        self._queue.put((output_path, written))
        return written

    def _feed(self) -> None:
        """The feeding thread: pages as they were added, then the request for the index."""
        while True:
            item = self._queue.get()
            if item is None:
                return
            if isinstance(item, tuple):
                output_path, written = item
                try:
                    self._write_when_indexed(output_path).add_done_callback(functools.partial(_settle, written))
                except PagefindError as exc:
                    written.set_exception(exc)
                return
            with self._write_lock:
                try:
                    self._proc.stdin.write(item)  # the held pages in one call: the GIL is taken back rarely
                    self._proc.stdin.flush()
                except (BrokenPipeError, ValueError):  # the binary is gone: its pages' futures fail
                    pass

    def _write_when_indexed(self, output_path: str) -> Future:
        for url, future in self._added:
            try:
                future.result()
            except PagefindError as exc:
                raise PagefindError(f"{url} : {exc}") from None
        return self._send({"type": "WriteFiles", "index_id": self._index_id, "output_path": output_path})

    def messages(self) -> str:
        """What the binary wrote on its error output."""
        self._log.seek(0)
        return self._log.read().decode("utf-8", "replace").strip()

    def close(self) -> None:
        if self._queue is not None:
            self._queue.put(None)  # the feeding thread ends (a build that failed before asking for the index)
        try:
            self._proc.stdin.close()  # end of input: the binary exits
        except OSError:
            pass
        try:
            self._proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self._proc.kill()
            self._proc.wait()
        self._reader.join(timeout=5)
        self._proc.stdout.close()
        self._log.close()

    def _send(self, payload: dict) -> Future:
        future: Future = Future()
        # Two locks: the reader thread only ever takes _lock, which is never held while
        # writing. A full pipe then only waits for the binary, never for the reader.
        with self._lock:
            if self._gone:  # nothing will answer: said at once, never waited for
                future.set_exception(PagefindError("le service Pagefind s'est arrêté"))
                return future
            self._last_id += 1
            message_id = self._last_id
            self._pending[message_id] = future
        data = base64.b64encode(json.dumps({"message_id": message_id, "payload": payload}).encode("utf-8")) + b","
        if payload["type"] == "AddFile" and self._held is not None:
            self._held.append(data)
            return future
        if payload["type"] == "AddFile" and self._queue is not None:
            self._queue.put(data)
            return future
        with self._write_lock:
            try:
                self._proc.stdin.write(data)
                self._proc.stdin.flush()
            except (BrokenPipeError, ValueError):
                with self._lock:
                    self._pending.pop(message_id, None)
                if not future.done():
                    future.set_exception(PagefindError("le service Pagefind s'est arrêté"))
        return future

    def _read(self) -> None:
        buffer = b""
        stdout = self._proc.stdout
        while True:
            chunk = stdout.read1(1 << 16)
            if not chunk:
                break
            buffer += chunk
            *messages, buffer = buffer.split(b",")
            for raw in messages:
                if raw.strip():
                    self._resolve(json.loads(base64.b64decode(raw)))
        with self._lock:  # the process is gone: nothing more will answer
            self._gone = True
            for future in self._pending.values():
                if not future.done():
                    future.set_exception(PagefindError("le service Pagefind s'est arrêté"))
            self._pending.clear()

    def _resolve(self, response: dict) -> None:
        payload = response.get("payload") or {}
        message_id = response.get("message_id")
        if message_id is None and payload.get("original_message"):
            try:
                message_id = json.loads(payload["original_message"]).get("message_id")
            except ValueError:
                message_id = None
        with self._lock:
            future = self._pending.pop(message_id, None)
        if future is None:
            return
        if payload.get("type") == "Error":
            future.set_exception(PagefindError(payload.get("message") or "erreur inconnue"))
        else:
            future.set_result(payload)
