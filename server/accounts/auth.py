"""Bearer-token authentication for API routes."""
import functools
import hashlib
import secrets
from datetime import timedelta

from flask import current_app, g, request
from flask_smorest import abort
from sqlalchemy import select

from server.accounts.models import Token, User
from server.common.time import as_utc, utcnow
from server.extensions import db


def hash_token(token: str) -> str:
    """Tokens are stored only as SHA-256 hashes: a leaked database holds no usable token."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def issue_token(user: User, now) -> str:
    """Create a token for `user`, store its hash with an expiry, and return the token itself."""
    token = secrets.token_urlsafe(32)
    ttl = timedelta(days=current_app.config["TOKEN_TTL_DAYS"])
    db.session.add(Token(user_id=user.id, token_hash=hash_token(token), expires_at=now + ttl))
    return token


def user_for_token(token: str, now) -> User | None:
    """The user a live (unexpired, unrevoked) token belongs to, or None."""
    row = db.session.execute(
        select(User, Token.expires_at)
        .join(Token, Token.user_id == User.id)
        .where(Token.token_hash == hash_token(token), Token.revoked_at.is_(None))
    ).first()
    if row is None or as_utc(row.expires_at) <= now:
        return None
    return row.User


def bearer_token() -> str | None:
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    return token.strip()


def auth_required(view):
    """Decorator: answer 401 unless the request carries a live bearer token."""

    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        token = bearer_token()
        user = user_for_token(token, utcnow()) if token else None
        if user is None:
            abort(401, message="Sign in first: a valid bearer token is required.")
        g.current_user = user
        return view(*args, **kwargs)

    return wrapper


def current_user() -> User:
    """The signed-in user of this request (only inside an @auth_required view)."""
    return g.current_user
