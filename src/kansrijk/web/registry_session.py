"""The registry's web plumbing: the app's live registry (opened on first use), signed
session cookies, CSRF tokens, the signed-in account, and the mapping of registry errors to
HTTP statuses.

Sessions live in a signed cookie (itsdangerous; HttpOnly, SameSite=Lax, Secure over https)
holding a random session id, the account id and the account's session epoch: logging in
starts a new session id (no fixation), "log out everywhere" raises the epoch so every older
cookie stops working. The CSRF token of a form is an HMAC of the session id.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import logging
import secrets
import threading
from dataclasses import dataclass
from typing import Any, NoReturn

from fastapi import HTTPException, Request
from fastapi.responses import Response
from itsdangerous import BadSignature, URLSafeTimedSerializer
from sqlalchemy.orm import Session

from kansrijk.errors import message_of
from kansrijk.registry import (
    ConflictError,
    FieldError,
    ForbiddenError,
    RecordNotFoundError,
    RegistryError,
    ThrottledError,
    accounts,
)
from kansrijk.registry.accounts import Who
from kansrijk.registry.live import LiveRegistry, open_live

COOKIE = "kr_session"
log = logging.getLogger("kansrijk.web")
MAX_AGE = 14 * 24 * 3600
_LOCK = threading.Lock()


def holder(request: Request) -> LiveRegistry:
    """The app's live registry: opens and migrates the database on first use."""
    return holder_of(request.app)


def holder_of(app: Any) -> LiveRegistry:
    """The live registry of an app (opened on first use; 503 when it cannot be)."""
    found: LiveRegistry | None = getattr(app.state, "registry", None)
    if found is not None:
        return found
    with _LOCK:
        found = getattr(app.state, "registry", None)
        if found is None:
            cur = app.state.web.warehouse.cursor()
            try:
                found = open_live(app.state.web.settings, cur)
            except RegistryError as exc:
                raise HTTPException(503, message_of(exc)) from exc
            finally:
                cur.close()
            app.state.registry = found
    return found


def install_registry(app: Any) -> None:
    """Open (and migrate) the registry at startup; when that fails the app still serves its
    other pages and the registry pages try again (and report the error) on use."""
    try:
        holder_of(app)
    except HTTPException as exc:
        log.warning("the partner registry is not available: %s", exc.detail)


def close_registry(app: Any) -> None:
    """Close the registry's connections (at shutdown)."""
    found: LiveRegistry | None = getattr(app.state, "registry", None)
    if found is not None:
        found.close()


@functools.cache
def _serializer(secret: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(secret, "kansrijk-session")


@dataclass
class WebSession:
    """The visitor's session: id, account id and epoch; ``dirty`` when it must be re-sent."""

    sid: str
    uid: int | None = None
    epoch: int = 0
    dirty: bool = False


def read_session(request: Request, h: LiveRegistry) -> WebSession:
    """The session of the request's cookie, or a new anonymous one."""
    raw = request.cookies.get(COOKIE)
    if raw:
        try:
            data = _serializer(h.secret).loads(raw, max_age=MAX_AGE)
            return WebSession(str(data["s"]), data.get("u"), int(data.get("e", 0)))
        except (BadSignature, KeyError, TypeError, ValueError):
            pass
    return WebSession(secrets.token_urlsafe(24), dirty=True)


def new_session(uid: int | None, epoch: int = 0) -> WebSession:
    """A fresh session id (on login and logout)."""
    return WebSession(secrets.token_urlsafe(24), uid, epoch, dirty=True)


def write_session(request: Request, response: Response, h: LiveRegistry, sess: WebSession) -> None:
    """Set the session cookie when it changed."""
    if not sess.dirty:
        return
    value = _serializer(h.secret).dumps({"s": sess.sid, "u": sess.uid, "e": sess.epoch})
    response.set_cookie(
        COOKIE,
        value,
        max_age=MAX_AGE,
        httponly=True,
        samesite="lax",
        secure=request.url.scheme == "https",
        path="/",
    )


def csrf_token(h: LiveRegistry, sess: WebSession) -> str:
    """The CSRF token of forms in this session."""
    return hmac.new(h.secret.encode(), f"csrf:{sess.sid}".encode(), hashlib.sha256).hexdigest()


def check_csrf(h: LiveRegistry, sess: WebSession, form: dict[str, str]) -> None:
    """403 unless the form carries this session's CSRF token (a new session never has one)."""
    sent = form.get("csrf_token", "")
    if sess.dirty or not hmac.compare_digest(sent, csrf_token(h, sess)):
        raise HTTPException(403, "missing or wrong CSRF token: reload the form and try again")


def who(s: Session, sess: WebSession) -> Who:
    """The account of a session (nobody when the epoch is stale or the account is gone)."""
    return accounts.who(s, sess.uid, sess.epoch)


def fail(exc: Exception) -> NoReturn:
    """Raise the HTTP error of a registry error."""
    if isinstance(exc, ThrottledError):
        raise HTTPException(429, message_of(exc)) from exc
    if isinstance(exc, ForbiddenError):
        raise HTTPException(403, message_of(exc)) from exc
    if isinstance(exc, RecordNotFoundError):
        raise HTTPException(404, message_of(exc)) from exc
    if isinstance(exc, ConflictError):
        raise HTTPException(409, message_of(exc)) from exc
    if isinstance(exc, FieldError):
        raise HTTPException(400, message_of(exc)) from exc
    raise exc


async def form_of(
    request: Request, multi: tuple[str, ...] = (), *, join: bool = True
) -> dict[str, Any]:
    """The posted form as text fields (uploads left out); the fields in ``multi`` (checkbox
    groups) as lists, or joined by commas when ``join``."""
    form = await request.form()
    values: dict[str, Any] = {k: v for k, v in form.items() if isinstance(v, str)}
    for k in multi:
        chosen = [v for v in form.getlist(k) if isinstance(v, str)]
        if k in form or not join:
            values[k] = ",".join(chosen) if join else chosen
    await form.close()
    return values


def client_address(request: Request) -> str:
    """The client's address (for login throttling)."""
    return request.client.host if request.client else "unknown"
