"""``kansrijk serve``'s connection limits on a real socket: a server built with
``uvicorn_config`` (the configuration ``kansrijk serve`` runs) in a thread on 127.0.0.1."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn

from kansrijk.settings import Settings
from kansrijk.web import create_app
from kansrijk.web.headers import SECURITY_HEADERS
from kansrijk.web.server import uvicorn_config

HOST = "127.0.0.1"
HEAD_TIMEOUT = 1.0
KEEP_ALIVE = 1.0


@pytest.fixture(scope="module")
def server(demo_warehouse_path: Path) -> Iterator[int]:
    """A served demo app with a 1 s head deadline and keep-alive; yields its port."""
    settings = Settings(
        warehouse=demo_warehouse_path,
        regions_file=None,
        header_timeout_seconds=HEAD_TIMEOUT,
        keep_alive_seconds=KEEP_ALIVE,
        max_header_bytes=4096,
        tile_url="",  # no base-map origin: the headers are exactly SECURITY_HEADERS
    )
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((HOST, 0))
    port: int = sock.getsockname()[1]
    config = uvicorn_config(create_app(settings), settings, HOST, port, log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not srv.started:
        assert thread.is_alive(), "the server stopped during startup"
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    try:
        yield port
    finally:
        srv.should_exit = True
        thread.join(timeout=15)
        sock.close()


def _connect(port: int) -> socket.socket:
    return socket.create_connection((HOST, port), timeout=10)


def _closed_after(s: socket.socket, limit: float) -> float:
    """Seconds until the server closes ``s`` (reads what it sends; fails after ``limit``)."""
    t0 = time.monotonic()
    s.settimeout(limit)
    try:
        while s.recv(65536):
            pass
    except TimeoutError:
        pytest.fail(f"the server kept the connection open for more than {limit} s")
    return time.monotonic() - t0


def _get(s: socket.socket, path: str, host: str = HOST) -> bytes:
    s.sendall(f"GET {path} HTTP/1.1\r\nHost: {host}\r\n\r\n".encode())
    data = b""
    while b"\r\n\r\n" not in data:
        data += s.recv(65536)
    head, _, body = data.partition(b"\r\n\r\n")
    length = next(
        int(line.split(b":", 1)[1])
        for line in head.split(b"\r\n")
        if line.lower().startswith(b"content-length:")
    )
    while len(body) < length:
        body += s.recv(65536)
    return head


def test_half_a_request_is_closed_within_the_head_timeout(server: int) -> None:
    with _connect(server) as s:
        s.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # no blank line: half a request
        took = _closed_after(s, HEAD_TIMEOUT + 3)
    assert HEAD_TIMEOUT - 0.2 <= took <= HEAD_TIMEOUT + 1.5


def test_a_silent_connection_is_closed(server: int) -> None:
    with _connect(server) as s:
        took = _closed_after(s, HEAD_TIMEOUT + 3)
    assert took <= HEAD_TIMEOUT + 1.5


def test_a_trickling_head_does_not_reset_the_deadline(server: int) -> None:
    with _connect(server) as s:
        t0 = time.monotonic()
        s.sendall(b"GET / HTTP/1.1\r\n")
        closed = False
        while time.monotonic() - t0 < HEAD_TIMEOUT + 3:
            time.sleep(0.2)
            try:
                s.sendall(b"X")  # one byte of a header every 0.2 s
            except OSError:
                closed = True
                break
        took = time.monotonic() - t0
        if not closed:
            took = _closed_after(s, 0.5) + took
    assert took <= HEAD_TIMEOUT + 1.5


def test_keep_alive_then_idle_close_and_security_headers(server: int) -> None:
    with _connect(server) as s:
        head = _get(s, "/data.json")
        assert head.startswith(b"HTTP/1.1 200")
        lower = head.lower()
        for name, value in SECURITY_HEADERS:
            assert (name + b": " + value).lower() in lower
        head = _get(s, "/no-such-page")  # the same connection, kept alive
        assert head.startswith(b"HTTP/1.1 404")
        assert b"x-content-type-options: nosniff" in head.lower()
        took = _closed_after(s, KEEP_ALIVE + 3)
    assert took <= KEEP_ALIVE + 1.5


def test_too_large_head_is_431(server: int) -> None:
    with _connect(server) as s:
        s.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + b"a" * 8000 + b"\r\n\r\n")
        s.settimeout(5)
        data = b""
        while chunk := s.recv(65536):
            data += chunk
    assert data.startswith(b"HTTP/1.1 431")


def test_unknown_host_is_refused(server: int) -> None:
    with _connect(server) as s:
        head = _get(s, "/api/v1/regions", host="evil.example")
    assert head.startswith(b"HTTP/1.1 400")
    assert b"x-frame-options: deny" in head.lower()
