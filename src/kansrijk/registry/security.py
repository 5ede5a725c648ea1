"""Passwords (argon2id) and random tokens (stored only as SHA-256)."""

from __future__ import annotations

import hashlib
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from kansrijk.errors import Message
from kansrijk.registry.errors import FieldError

_HASHER = PasswordHasher()  # argon2id, the library's RFC 9106 low-memory profile
MIN_PASSWORD = 10
#: A hash to verify against when the e-mail is unknown, so both cases take as long.
_DUMMY = _HASHER.hash("not-a-password-of-anyone")


def check_password_rules(password: str) -> None:
    """FieldError unless the password is at least MIN_PASSWORD characters."""
    if len(password) < MIN_PASSWORD:
        raise FieldError(
            Message(
                "expected a password of at least {least} characters; found {found}",
                least=MIN_PASSWORD,
                found=len(password),
            ),
            column="password",
        )
    if len(password) > 1024:
        raise FieldError(
            Message("expected a password of at most 1024 characters"), column="password"
        )


def hash_password(password: str) -> str:
    """The argon2id hash of ``password``."""
    return _HASHER.hash(password)


def verify_password(stored: str | None, password: str) -> bool:
    """Whether ``password`` matches ``stored`` (always spends one verification)."""
    try:
        return _HASHER.verify(stored or _DUMMY, password) and stored is not None
    except (VerificationError, InvalidHashError):
        return False


def new_token(prefix: str = "") -> str:
    """A random URL-safe token (256 bits)."""
    return prefix + secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    """The SHA-256 (hex) under which a token is stored."""
    return hashlib.sha256(token.encode()).hexdigest()
