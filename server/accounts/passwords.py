"""Passwords: hashing with scrypt at OWASP strength (N=2^17, r=8, p=1 by default), and the
minimum strength a new password must have (docs/security.md, "Sign-in")."""
import base64
import hashlib
import hmac
import os
import threading

from zxcvbn import zxcvbn
from zxcvbn.frequency_lists import FREQUENCY_LISTS

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


# Strength: the zxcvbn estimator (Dropbox's model, Python port `zxcvbn` on PyPI, MIT
# licence) with the lists it ships as data: the 30,000 most common passwords (from the
# Xato corpus of 10 million leaked passwords) and common words, names, keyboard runs,
# repeats, sequences and dates. Score 3 means at least 10^8 guesses — "safely
# unguessable" in its authors' words, and far past what the sign-in limits let anyone try.
MIN_LENGTH = 10
MIN_SCORE = 3
_SCORED_CHARACTERS = 72  # zxcvbn refuses longer input and slows down with length
_MOST_COMMON = frozenset(FREQUENCY_LISTS["passwords"])
_ZXCVBN_LOCK = threading.Lock()  # zxcvbn keeps the user's own words in a module global

ADVICE = "Three or four unrelated words make a strong password that is easy to remember."
TOO_SHORT = f"Use at least {MIN_LENGTH} characters. {ADVICE}"
TOO_COMMON = f"This is one of the most common passwords, so it would be guessed early. {ADVICE}"
TOO_GUESSABLE = "This password would be easy to guess."


def password_problem(password: str, email: str) -> str | None:
    """Why `password` is too weak for the account `email`, in plain words, or None.

    Judged on its first 72 characters; the email and its name part count as guessable.
    """
    if len(password) < MIN_LENGTH:
        return TOO_SHORT
    if not password.strip():
        return f"A password needs more than spaces. {ADVICE}"
    sample = password[:_SCORED_CHARACTERS]
    if sample.strip().lower() in _MOST_COMMON:
        return TOO_COMMON
    with _ZXCVBN_LOCK:
        result = zxcvbn(sample, user_inputs=[email, email.split("@")[0], "emberwise"])
    if result["score"] >= MIN_SCORE:
        return None
    warning = result["feedback"]["warning"]
    return " ".join(part for part in (TOO_GUESSABLE, warning, ADVICE) if part)
