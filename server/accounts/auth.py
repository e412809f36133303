"""Bearer-token authentication for API routes."""
import functools
import hashlib
import secrets
from datetime import timedelta

from flask import current_app, g, request
from flask_smorest import abort
from sqlalchemy import bindparam, select

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


# Built once: every API request runs this, and a prebuilt Core statement skips both
# statement construction and the ORM's identity map, each a measurable cost per request.
USER_FOR_TOKEN = (
    select(User.id, User.email, User.timezone, User.created_at, Token.expires_at)
    .join(Token, Token.user_id == User.id)
    .where(Token.token_hash == bindparam("token_hash"), Token.revoked_at.is_(None))
)


# live_account's rule in SQL, for a statement that reads the token and writes in one round
# trip (the check-in fast lane on PostgreSQL, server/checkins/fast_lane.py): the user id of
# the token whose hash is :token_hash when it is not revoked and expires after :now.
LIVE_TOKEN_USER_ID = (
    select(Token.user_id)
    .where(Token.token_hash == bindparam("token_hash"), Token.revoked_at.is_(None),
           Token.expires_at > bindparam("now", type_=Token.__table__.c.expires_at.type))
    .scalar_subquery()
)


def user_for_token(token: str, now):
    """The account (a read-only row: id, email, timezone, created_at) a live token belongs
    to, or None for an unknown, expired or revoked token.

    Read on the session's connection, which the request then writes on: a connection of its
    own cost a second pool checkout per request (on PostgreSQL a ping, and a rollback when
    returned: three more round trips). The read holds no lock, so a write that follows
    still takes the person's lock first (server/sync/service.py)."""
    row = db.session.connection().execute(USER_FOR_TOKEN, {"token_hash": hash_token(token)}).first()
    return live_account(row, now)


def live_account(row, now):
    """`row` of USER_FOR_TOKEN when its token is live at `now`, else None (no row, or expired)."""
    if row is None or as_utc(row.expires_at) <= now:
        return None
    return row


def bearer_token() -> str | None:
    return token_from_header(request.headers.get("Authorization", ""))


def token_from_header(header: str) -> str | None:
    """The token of an `Authorization: Bearer <token>` header value, or None."""
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


def current_user():
    """The signed-in account of this request (only inside an @auth_required view): a
    read-only row with id, email, timezone and created_at. Load `User` to change it."""
    return g.current_user
