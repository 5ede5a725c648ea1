"""The registry while an app serves it: the open database, the warehouse places, the app's
signing key, and the registry's *version* (the newest audit id) with the documents made
for it.

The registry is written while the app serves, so what it shows is made once per version
and kept (``remember``). A worker trusts the version it read for ``VERSION_TTL`` seconds;
while one thread re-reads it the others keep serving the last one, except right after a
write through this process (seen by a session listener), when every reader waits for the
new version. Writes by other workers show within ``VERSION_TTL`` plus one read.
"""

from __future__ import annotations

import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar, cast

from sqlalchemy import event
from sqlalchemy.orm import Session

from kansrijk.registry import audit
from kansrijk.registry.accounts import purge
from kansrijk.registry.db import Registry, open_registry
from kansrijk.registry.places import Places, load_places
from kansrijk.settings import Settings

__all__ = ["VERSION_TTL", "LiveRegistry", "open_live", "secret_key"]

#: Seconds a worker trusts the registry version it read (public pages are this fresh).
VERSION_TTL = 0.5
#: Documents kept at the most before the store is emptied.
CACHE_SIZE = 512
T = TypeVar("T")


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
class LiveRegistry:
    """The app's registry, places and signing key, and the documents made per version."""

    registry: Registry
    places: Places
    secret: str
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
        read it again."""
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

    def remember(self, key: tuple[Any, ...], make: Callable[[], T]) -> T:
        """``make()`` once per key (keys carry the registry's version, so a write makes them
        stale; the store is emptied when it grows past CACHE_SIZE entries)."""
        found = self.cache.get(key)
        if found is None:
            found = make()
            if len(self.cache) > CACHE_SIZE:
                self.cache.clear()
            self.cache[key] = found
        return cast("T", found)

    def close(self) -> None:
        """Close the registry's connections."""
        self.registry.close()


def _mark_write(session: Session, *_: Any) -> None:
    session.info["wrote"] = True


def _after_commit(live: LiveRegistry) -> Callable[[Session], None]:
    def after(session: Session) -> None:
        if session.info.pop("wrote", False):
            live.invalidate()

    return after


def open_live(settings: Settings, cursor: Any) -> LiveRegistry:
    """Open and migrate the registry of ``settings``, load the places from the warehouse
    ``cursor``, watch this process's writes and purge what is older than the retention.
    Raises a RegistryError when the database cannot be used."""
    reg = open_registry(settings)
    live = LiveRegistry(reg, load_places(cursor), secret_key(settings))
    event.listen(reg.sessions, "after_flush", _mark_write)
    event.listen(reg.sessions, "after_commit", _after_commit(live))
    with reg.session() as s:
        purge(s, settings.retention_days)
    return live
