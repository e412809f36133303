"""Password hashing with scrypt at OWASP strength (N=2^17, r=8, p=1 by default)."""
import base64
import hashlib
import hmac
import os

R, P = 8, 1


def hash_password(password: str, n: int) -> str:
    """Return "scrypt$n$r$p$salt$hash" so later changes of cost can still verify old hashes."""
    salt = os.urandom(16)
    digest = _scrypt(password, salt, n, R, P)
    return "$".join(["scrypt", str(n), str(R), str(P), _b64(salt), _b64(digest)])


def verify_password(password: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
    except ValueError:
        return False
    if scheme != "scrypt":
        return False
    expected = base64.urlsafe_b64decode(digest)
    actual = _scrypt(password, base64.urlsafe_b64decode(salt), int(n), int(r), int(p))
    return hmac.compare_digest(expected, actual)


def _scrypt(password: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    # maxmem must exceed 128·n·r bytes, or OpenSSL refuses the OWASP parameters.
    return hashlib.scrypt(
        password.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=256 * n * r, dklen=32
    )


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode("ascii")
