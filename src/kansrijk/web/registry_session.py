"""The registry's web plumbing: the registry database and warehouse places held by the app
(opened and migrated on first use), signed session cookies, CSRF tokens, the signed-in
account, and the mapping of registry errors to HTTP statuses.

Sessions live in a signed cookie (itsdangerous; HttpOnly, SameSite=Lax, Secure over https)
holding a random session id, the account id and the account's session epoch: logging in
starts a new session id (no fixation), "log out everywhere" raises the epoch so every older
cookie stops working. The CSRF token of a form is an HMAC of the session id.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NoReturn

from fastapi import HTTPException, Request
from fastapi.responses import Response
from itsdangerous import BadSignature, URLSafeTimedSerializer
from sqlalchemy import event
from sqlalchemy.orm import Session

from kansrijk.errors import message_of
from kansrijk.registry import (
    ConflictError,
    FieldError,
    ForbiddenError,
    Places,
    RecordNotFoundError,
    Registry,
    RegistryError,
    ThrottledError,
    audit,
    load_places,
    open_registry,
)
from kansrijk.registry.accounts import actor_of
from kansrijk.registry.audit import Actor
from kansrijk.registry.models import Organisation, User
from kansrijk.settings import Settings

COOKIE = "kr_session"
#: Seconds a worker trusts the registry version it read (public pages are this fresh).
VERSION_TTL = 0.5
log = logging.getLogger("kansrijk.web")
MAX_AGE = 14 * 24 * 3600
_LOCK = threading.Lock()


def secret_key(settings: Settings) -> str:
    """``settings.secret_key``, else a random key kept in ``secret.key`` next to the
    warehouse (by default in the user data dir)."""
    if settings.secret_key:
        return settings.secret_key
    path: Path = Path(settings.warehouse).resolve().parent / "secret.key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.touch(mode=0o600)
        path.write_text(secrets.token_urlsafe(48), encoding="utf-8")
    return path.read_text(encoding="utf-8").strip()


@dataclass
class RegistryHolder:
    """The app's registry, places and signing key (made on first use)."""

    registry: Registry
    places: Places
    secret: str
    serializer: URLSafeTimedSerializer
    cache: dict[tuple[Any, ...], Any] = field(default_factory=dict)
    #: the registry's version (newest audit id) and until when it is trusted (monotonic s)
    version: int = 0
    version_until: float = 0.0

    #: held while one thread reads the version; the others keep serving the last one
    refreshing: threading.Lock = field(default_factory=threading.Lock)
    #: whether the last version may stand in while it is re-read (not after our own write)
    stale_ok: bool = False

    def current_version(self) -> int:
        """The registry's version: read from the database at most every VERSION_TTL
        seconds, by one thread at a time; a write through this process makes the next call
        read it again (writes by other workers show within VERSION_TTL plus one read)."""
        if time.monotonic() < self.version_until:
            return self.version
        with self.refreshing:
            now = time.monotonic()
            if now >= self.version_until:
                with self.registry.session() as s:
                    self.version = audit.version(s)
                self.version_until = now + VERSION_TTL
                self.stale_ok = True
        return self.version

    def fresh_version(self) -> int | None:
        """The version without a database read: the trusted one, or, while another thread
        re-reads it after VERSION_TTL, the last one read (not after a write of our own);
        else None (the caller reads it with ``current_version``)."""
        if time.monotonic() < self.version_until:
            return self.version
        if self.stale_ok and self.refreshing.locked():
            return self.version
        return None

    def invalidate(self) -> None:
        """Forget the version (after a write)."""
        self.stale_ok = False
        self.version_until = 0.0


def _mark_write(session: Session, *_: Any) -> None:
    session.info["wrote"] = True


def _after_commit(h: RegistryHolder) -> Callable[[Session], None]:
    def after(session: Session) -> None:
        if session.info.pop("wrote", False):
            h.invalidate()

    return after


def holder(request: Request) -> RegistryHolder:
    """The app's registry holder: opens and migrates the database on first use."""
    return holder_of(request.app)


def holder_of(app: Any) -> RegistryHolder:
    """The registry holder of an app (made on first use)."""
    found: RegistryHolder | None = getattr(app.state, "registry", None)
    if found is not None:
        return found
    with _LOCK:
        found = getattr(app.state, "registry", None)
        if found is None:
            settings: Settings = app.state.web.settings
            try:
                reg = open_registry(settings)
            except RegistryError as exc:
                raise HTTPException(503, message_of(exc)) from exc
            cur = app.state.web.warehouse.cursor()
            try:
                places = load_places(cur)
            finally:
                cur.close()
            key = secret_key(settings)
            found = RegistryHolder(
                reg, places, key, URLSafeTimedSerializer(key, "kansrijk-session")
            )
            event.listen(reg.sessions, "after_flush", _mark_write)
            event.listen(reg.sessions, "after_commit", _after_commit(found))
            with reg.session() as s:
                from kansrijk.registry.accounts import purge

                purge(s, settings.retention_days)
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
    found: RegistryHolder | None = getattr(app.state, "registry", None)
    if found is not None:
        found.registry.close()


@dataclass
class WebSession:
    """The visitor's session: id, account id and epoch; ``dirty`` when it must be re-sent."""

    sid: str
    uid: int | None = None
    epoch: int = 0
    dirty: bool = False


def read_session(request: Request, h: RegistryHolder) -> WebSession:
    """The session of the request's cookie, or a new anonymous one."""
    raw = request.cookies.get(COOKIE)
    if raw:
        try:
            data = h.serializer.loads(raw, max_age=MAX_AGE)
            return WebSession(str(data["s"]), data.get("u"), int(data.get("e", 0)))
        except (BadSignature, KeyError, TypeError, ValueError):
            pass
    return WebSession(secrets.token_urlsafe(24), dirty=True)


def new_session(uid: int | None, epoch: int = 0) -> WebSession:
    """A fresh session id (on login and logout)."""
    return WebSession(secrets.token_urlsafe(24), uid, epoch, dirty=True)


def write_session(
    request: Request, response: Response, h: RegistryHolder, sess: WebSession
) -> None:
    """Set the session cookie when it changed."""
    if not sess.dirty:
        return
    value = h.serializer.dumps({"s": sess.sid, "u": sess.uid, "e": sess.epoch})
    response.set_cookie(
        COOKIE,
        value,
        max_age=MAX_AGE,
        httponly=True,
        samesite="lax",
        secure=request.url.scheme == "https",
        path="/",
    )


def csrf_token(h: RegistryHolder, sess: WebSession) -> str:
    """The CSRF token of forms in this session."""
    return hmac.new(h.secret.encode(), f"csrf:{sess.sid}".encode(), hashlib.sha256).hexdigest()


def check_csrf(h: RegistryHolder, sess: WebSession, form: dict[str, str]) -> None:
    """403 unless the form carries this session's CSRF token (a new session never has one)."""
    sent = form.get("csrf_token", "")
    if sess.dirty or not hmac.compare_digest(sent, csrf_token(h, sess)):
        raise HTTPException(403, "missing or wrong CSRF token: reload the form and try again")


@dataclass(frozen=True, slots=True)
class Who:
    """The signed-in account (or nobody)."""

    user: User | None
    org: Organisation | None
    actor: Actor | None


NOBODY = Who(None, None, None)


def who(s: Session, sess: WebSession) -> Who:
    """The account of a session (nobody when the epoch is stale or the account is gone)."""
    if sess.uid is None:
        return NOBODY
    user = s.get(User, sess.uid)
    if user is None or user.session_epoch != sess.epoch:
        return NOBODY
    return Who(user, s.get(Organisation, user.org_id), actor_of(s, user))


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


async def form_of(request: Request) -> dict[str, str]:
    """The posted form as text fields (uploads left out)."""
    form = await request.form()
    out = {k: v for k, v in form.items() if isinstance(v, str)}
    await form.close()
    return out


def client_address(request: Request) -> str:
    """The client's address (for login throttling)."""
    return request.client.host if request.client else "unknown"
