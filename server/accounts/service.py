"""Account operations: register, sign in with rate limits, sign out, export and erase."""
import base64
from datetime import date, datetime, timedelta
from decimal import Decimal

from flask import current_app
from flask_smorest import abort
from sqlalchemy import delete, func, select, update
from sqlalchemy.exc import IntegrityError

from server.accounts.auth import hash_token, issue_token
from server.accounts.models import LoginAttempt, Token, User
from server.accounts.passwords import hash_password, verify_password
from server.extensions import db

# Hashing a throwaway password when the email is unknown keeps sign-in time the same
# either way, so timing does not reveal who has an account.
_DUMMY_HASH: dict[int, str] = {}

# Secrets are never exported, even to their owner: a file that leaks must not sign anyone in.
SECRET_COLUMNS = {"password_hash", "token_hash"}
UNEXPORTED_TABLES = {"tokens", "login_attempts"}


def register(email: str, password: str, zone: str, now: datetime) -> User:
    """Create an account. Raises 409 when the email is taken (case-insensitive)."""
    email = email.strip().lower()
    n = current_app.config["SCRYPT_N"]
    user = User(email=email, password_hash=hash_password(password, n), timezone=zone,
                created_at=now)
    db.session.add(user)
    try:
        db.session.flush()
    except IntegrityError:
        db.session.rollback()
        abort(409, message="An account with this email already exists.",
              errors={"email": ["Already registered."]})
    db.session.commit()
    return user


def start_session(user: User, now: datetime) -> str:
    """Issue and store a new token for `user` and return it."""
    token = issue_token(user, now)
    db.session.commit()
    return token


def login(email: str, password: str, address: str, now: datetime) -> tuple[str, User]:
    """Check the password and return (token, user).

    Raises 429 when this account or this address has too many recent failures, and 401
    for a wrong email or password (the same answer for both).
    """
    email = email.strip().lower()
    _refuse_when_limited(email, address, now)
    user = db.session.execute(select(User).where(User.email == email)).scalar_one_or_none()
    stored = user.password_hash if user else _dummy_hash()
    if not verify_password(password, stored) or user is None:
        db.session.add(LoginAttempt(email=email, address=address, at=now))
        db.session.commit()
        abort(401, message="Email or password is not right.")
    token = issue_token(user, now)
    db.session.execute(delete(LoginAttempt).where(LoginAttempt.email == email))
    db.session.commit()
    return token, user


def _refuse_when_limited(email: str, address: str, now: datetime) -> None:
    config = current_app.config
    window = timedelta(minutes=config["LOGIN_WINDOW_MINUTES"])
    limit = config["LOGIN_MAX_FAILURES"]
    since = now - window
    by_email = _failures(LoginAttempt.email == email, since)
    # One address can be a whole household or office behind NAT, so it gets more room.
    by_address = _failures(LoginAttempt.address == address, since)
    if by_email >= limit or by_address >= limit * 5:
        abort(429, message="Too many failed sign-ins. Try again in a few minutes.",
              headers={"Retry-After": str(int(window.total_seconds()))})


def _failures(condition, since) -> int:
    return db.session.execute(
        select(func.count()).select_from(LoginAttempt).where(condition, LoginAttempt.at >= since)
    ).scalar_one()


def _dummy_hash() -> str:
    n = current_app.config["SCRYPT_N"]
    if n not in _DUMMY_HASH:
        _DUMMY_HASH[n] = hash_password("not-a-real-password", n)
    return _DUMMY_HASH[n]


def logout(token: str, now: datetime) -> None:
    """Revoke the token; revoking twice is harmless."""
    db.session.execute(
        update(Token).where(Token.token_hash == hash_token(token), Token.revoked_at.is_(None))
        .values(revoked_at=now)
    )
    db.session.commit()


def account(user_id: int) -> User:
    """The whole account row (the request's current_user() carries only what auth needs)."""
    return db.session.get(User, user_id)


def update_account(user_id: int, changes: dict) -> User:
    """Set the given settings (keys of AccountUpdateSchema); others stay as they are."""
    user = db.session.get(User, user_id)
    for name, value in changes.items():
        setattr(user, name, value)
    db.session.commit()
    return user


def user_tables():
    """Every table holding rows that belong to a user (it has a user_id column)."""
    return [t for t in db.metadata.sorted_tables if "user_id" in t.c]


def export_account(user, now: datetime) -> dict:
    """Everything stored for `user`, as JSON-ready data, table by table."""
    row = db.session.get(User, user.id)
    account = {c: _jsonable(getattr(row, c)) for c in (
        "id", "email", "timezone", "created_at", "name", "birth_date", "checkin_sections")}
    data = {}
    for table in user_tables():
        if table.name in UNEXPORTED_TABLES:
            continue
        rows = db.session.execute(select(table).where(table.c.user_id == user.id)).mappings()
        data[table.name] = [
            {k: _jsonable(v) for k, v in row.items() if k not in SECRET_COLUMNS} for row in rows
        ]
    return {"exported_at": now.isoformat(), "format": "emberwise-export-1",
            "account": account, "data": data}


def delete_account(user) -> None:
    """Erase every row that belongs to `user`, then the user. One transaction."""
    for table in reversed(user_tables()):
        db.session.execute(delete(table).where(table.c.user_id == user.id))
    db.session.execute(delete(LoginAttempt).where(LoginAttempt.email == user.email))
    db.session.execute(delete(User).where(User.id == user.id))
    db.session.commit()


def _jsonable(value):
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    return value
