"""One local HTTP server for the fetch tests (downloads, ``--check``, the CKAN portal, the CLI).

A test gives a function from a :class:`Request` to a :class:`Reply`; :func:`serve` runs a
``ThreadingHTTPServer`` on 127.0.0.1 (a free port) that answers GET and HEAD with it, points
the given environment variable (a mirror or portal base URL) at the server, bypasses any
proxy, and stops the server afterwards. Tests never reach the internet.
"""

from __future__ import annotations

import http.server
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import pytest


@dataclass(frozen=True)
class Request:
    """What the client asked."""

    method: str  # 'GET' | 'HEAD'
    path: str  # with the query string
    headers: dict[str, str]


@dataclass(frozen=True)
class Reply:
    """What the server answers. ``body`` None sends no Content-Length and no body (304);
    ``truncate`` promises the whole body but sends half and closes; ``delay`` waits first."""

    status: int = 200
    body: bytes | None = b""
    content_type: str | None = "text/csv"
    headers: dict[str, str] = field(default_factory=dict)
    truncate: bool = False
    delay: float = 0.0


#: A missing path, as http.server's ``send_error`` answers it.
NOT_FOUND = Reply(404, b"<html><body>404 Not Found</body></html>", "text/html;charset=utf-8")

Answer = Callable[[Request], Reply]


def _handler(answer: Answer) -> type[http.server.BaseHTTPRequestHandler]:
    class Handler(http.server.BaseHTTPRequestHandler):
        def _reply(self, method: str) -> None:
            reply = answer(Request(method, self.path, dict(self.headers.items())))
            if reply.delay:
                time.sleep(reply.delay)
            self.send_response(reply.status)
            if reply.content_type is not None:
                self.send_header("Content-Type", reply.content_type)
            if reply.body is not None:
                self.send_header("Content-Length", str(len(reply.body)))
            for name, value in reply.headers.items():
                self.send_header(name, value)
            self.end_headers()
            if method == "GET" and reply.body:
                body = reply.body[: len(reply.body) // 2] if reply.truncate else reply.body
                try:
                    self.wfile.write(body)
                    self.wfile.flush()
                except OSError:  # the client gave up (timeout tests)
                    pass
            self.close_connection = True

        def do_GET(self) -> None:
            self._reply("GET")

        def do_HEAD(self) -> None:
            self._reply("HEAD")

        def log_message(self, format: str, *args: object) -> None:
            pass

    return Handler


@contextmanager
def serve(
    answer: Answer, monkeypatch: pytest.MonkeyPatch, *, env: str, unset: tuple[str, ...] = ()
) -> Iterator[str]:
    """Serve ``answer`` on a free local port; ``env`` holds the server's URL (which is also
    yielded), the variables in ``unset`` are removed, and proxies are bypassed."""
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _handler(answer))
    thread = threading.Thread(target=httpd.serve_forever, args=(0.02,), daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{httpd.server_address[1]}"
    monkeypatch.setenv(env, url)
    for name in (*unset, "http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("no_proxy", "*")
    try:
        yield url
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)
