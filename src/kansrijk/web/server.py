"""How ``kansrijk serve`` runs uvicorn: one worker, keep-alive timeout, connection limit,
and an HTTP protocol that closes slow and half-open connections.

uvicorn times out idle keep-alive connections only after a response; a client that connects
and sends nothing, or half a request, or a byte every few seconds, holds its connection for
ever. :class:`GuardedHttpToolsProtocol` gives every request head (request line and headers) a
deadline (setting ``header_timeout_seconds``), counted from the connection or the end of the
previous response, and refuses a head larger than ``max_header_bytes`` with 431.
"""

from __future__ import annotations

import asyncio
from typing import Any

import uvicorn
from fastapi import FastAPI
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from kansrijk.settings import Settings

_431 = (
    b"HTTP/1.1 431 Request Header Fields Too Large\r\ncontent-type: text/plain; charset=utf-8\r\n"
    b"connection: close\r\ncontent-length: 31\r\n\r\nrequest head too large; refused"
)


class GuardedHttpToolsProtocol(HttpToolsProtocol):
    """uvicorn's httptools protocol with a deadline and a size limit on each request head."""

    header_timeout: float = 10.0
    max_header_bytes: int = 32768

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._head_timer: asyncio.TimerHandle | None = None
        self._awaiting_head = True
        self._head_bytes = 0
        self._head_size = 0

    def _arm_head_timer(self) -> None:
        if self._head_timer is None:
            self._head_timer = self.loop.call_later(self.header_timeout, self._head_timed_out)

    def _disarm_head_timer(self) -> None:
        if self._head_timer is not None:
            self._head_timer.cancel()
            self._head_timer = None

    def _head_timed_out(self) -> None:
        self._head_timer = None
        if self._awaiting_head and not self.transport.is_closing():
            self.transport.close()

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm_head_timer()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm_head_timer()
        super().connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        if self._awaiting_head:
            self._arm_head_timer()  # a deadline from the first byte, never reset by more
            self._head_bytes += len(data)
            if self._head_bytes > self.max_header_bytes + 65536:
                self._refuse_head()  # far past the limit without a complete head
                return
        super().data_received(data)

    def _refuse_head(self) -> None:
        self._disarm_head_timer()
        if not self.transport.is_closing():
            self.transport.write(_431)
            self.transport.close()

    def on_message_begin(self) -> None:
        self._awaiting_head = True
        self._head_size = 0
        super().on_message_begin()

    def on_url(self, url: bytes) -> None:
        self._count(len(url))
        super().on_url(url)

    def on_header(self, name: bytes, value: bytes) -> None:
        self._count(len(name) + len(value) + 4)
        super().on_header(name, value)

    def _count(self, n: int) -> None:
        self._head_size += n
        if self._head_size > self.max_header_bytes:
            self._refuse_head()

    def on_headers_complete(self) -> None:
        if self.transport.is_closing():
            return
        self._awaiting_head = False
        self._disarm_head_timer()
        super().on_headers_complete()

    def on_body(self, body: bytes) -> None:
        if not self.transport.is_closing():
            super().on_body(body)

    def on_message_complete(self) -> None:
        if not self.transport.is_closing():
            super().on_message_complete()

    def on_response_complete(self) -> None:
        self._awaiting_head = True
        self._head_bytes = 0
        super().on_response_complete()


def protocol_for(settings: Settings) -> type[GuardedHttpToolsProtocol]:
    """The protocol class with the settings' limits."""
    return type(
        "KansrijkHttpProtocol",
        (GuardedHttpToolsProtocol,),
        {
            "header_timeout": settings.header_timeout_seconds,
            "max_header_bytes": settings.max_header_bytes,
        },
    )


def uvicorn_config(
    app: FastAPI, settings: Settings, host: str, port: int, *, log_level: str = "info"
) -> uvicorn.Config:
    """The uvicorn configuration of ``kansrijk serve`` (no websockets: nothing uses them)."""
    return uvicorn.Config(
        app,
        host=host,
        port=port,
        log_level=log_level,
        ws="none",
        http=protocol_for(settings),
        timeout_keep_alive=max(1, round(settings.keep_alive_seconds)),
        limit_concurrency=settings.max_connections,
        h11_max_incomplete_event_size=settings.max_header_bytes,
        server_header=False,
    )
