"""Password reset by e-mail token through a real (local) SMTP server (aiosmtpd on a free
loopback port): the mail carries a one-time link; the new password works, the old one and
a second use of the link do not; every session ends."""

from __future__ import annotations

import re
import socket
import warnings
from collections.abc import Iterator
from email import message_from_bytes
from typing import Any

import pytest

from kansrijk.web import create_app

from .conftest import login, post, register

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", category=DeprecationWarning)
    from aiosmtpd.controller import Controller
    from fastapi.testclient import TestClient


class Inbox:
    """An aiosmtpd handler that keeps every message."""

    def __init__(self) -> None:
        self.messages: list[Any] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        self.messages.append(message_from_bytes(envelope.content))
        return "250 OK"


@pytest.fixture
def smtp() -> Iterator[tuple[Inbox, int]]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield inbox, port
    finally:
        controller.stop()


def test_password_reset_by_mail(store_url, settings_for, smtp) -> None:
    inbox, port = smtp
    settings = settings_for(
        store_url, smtp_host="127.0.0.1", smtp_port=port, mail_from="noreply@kansrijk.test"
    )
    app = create_app(settings)
    with TestClient(app) as web:
        web.get("/partners")
        from .conftest import wipe

        wipe(app.state.registry.registry)
        register(web, "a@bedrijf.nl")
        web.cookies.clear()
        r = post(web, "/partners/reset", {"email": "a@bedrijf.nl"}, "/partners/reset")
        assert r.status_code == 200
        post(web, "/partners/reset", {"email": "nobody@bedrijf.nl"}, "/partners/reset")
        assert len(inbox.messages) == 1
        mail = inbox.messages[0]
        assert mail["To"] == "a@bedrijf.nl" and mail["From"] == "noreply@kansrijk.test"
        body = mail.get_payload(decode=True).decode()
        link = re.search(r"http://testserver(/partners/reset/[A-Za-z0-9_-]{40,})", body).group(1)
        r = post(web, link, {"password": "a new secret 456"}, link)
        assert r.status_code == 303
        assert login(web, "a@bedrijf.nl").status_code == 401
        assert login(web, "a@bedrijf.nl", "a new secret 456").status_code == 303
        web.cookies.clear()
        assert post(web, link, {"password": "third secret 789"}, link).status_code == 403
    app.state.registry.registry.close()
