"""PINs are kept only as argon2 hashes (argon2-cffi)."""
from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_hasher = PasswordHasher()


def hash_pin(pin: str) -> str:
    """The argon2 hash of a PIN."""
    return _hasher.hash(pin)


def pin_matches(pin_hash: str | None, pin: str) -> bool:
    """Whether `pin` is the PIN behind `pin_hash` (False when there is no hash)."""
    if not pin_hash:
        return False
    try:
        return _hasher.verify(pin_hash, pin)
    except (VerificationError, InvalidHashError):
        return False
