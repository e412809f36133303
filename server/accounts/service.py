"""Account operations: register, sign in with rate limits, sign out, export and erase."""
import base64
import math
import secrets
from datetime import date, datetime, timedelta
from decimal import Decimal

from flask import current_app
from flask_smorest import abort
from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError

from server.accounts import throttle
from server.accounts.auth import hash_token, issue_token
from server.accounts.models import KnownDevice, Token, User
from server.accounts.passwords import hash_password, verify_password
from server.accounts.throttle import throttle_key
from server.database import erase_freed_space
from server.extensions import db

# Hashing a throwaway password when the email is unknown keeps sign-in time the same
# either way, so timing does not reveal who has an account.
_DUMMY_HASH: dict[int, str] = {}

# Secrets are never exported, even to their owner: a file that leaks must not sign anyone in.
SECRET_COLUMNS = {"password_hash", "token_hash", "key_hash"}
UNEXPORTED_TABLES = {"tokens"}
MAX_KNOWN_DEVICES = 20  # per account; the least recently used is forgotten first

REGISTERED = ("Thank you. If this email was not registered yet, its account is ready: "
              "sign in with it now.")


def register(email: str, password: str, zone: str, now: datetime) -> None:
    """Create an account unless the email is taken (case-insensitive).

    The answer and the work are the same either way (one scrypt hash, one insert), so
    registering does not tell anyone whether an email has an account here; the caller
    signs in next (docs/security.md, "Sign-in").
    """
    email = normalized(email)
    n = current_app.config["SCRYPT_N"]
    db.session.add(User(email=email, password_hash=hash_password(password, n), timezone=zone,
                        created_at=now))
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()


def normalized(email: str) -> str:
    return email.strip().lower()


def login(email: str, password: str, address: str, device_key: str | None,
          now: datetime) -> tuple[str, User, str]:
    """Check the password and return (token, user, device key).

    Raises 429 while a limit on failed sign-ins is full, and 401 for a wrong email or
    password (the same answer for both). A device that has signed in to this account
    before (it sends the key it was given) is held only by its own failures, so nobody
    can lock the owner out of their own phone by failing on purpose.
    """
    email = normalized(email)
    device = _known_device(email, device_key)
    limits = _limits(email, address, device)
    free_at = throttle.reserve(limits, now)
    if free_at is not None:
        _refuse(free_at, now, device)
    user = db.session.execute(select(User).where(User.email == email)).scalar_one_or_none()
    if not verify_password(password, user.password_hash if user else _dummy_hash()) or user is None:
        abort(401, message="Email or password is not right.")
    throttle.release(limits, now)
    key = _remember_device(user, device, device_key, now)
    token = issue_token(user, now)
    db.session.commit()
    return token, user, key


def _limits(email: str, address: str, device) -> list[throttle.Limit]:
    config = current_app.config
    window = timedelta(minutes=config["LOGIN_WINDOW_MINUTES"])
    most = config["LOGIN_MAX_FAILURES"]
    if device is not None:
        return [throttle.Limit(throttle_key("device", device.key_hash), most, window)]
    # One address can be a whole household or office behind NAT, so it gets more room.
    return [throttle.Limit(throttle_key("account", email), most, window),
            throttle.Limit(throttle_key("address", address), most * 5, window)]


def _refuse(free_at: datetime, now: datetime, device) -> None:
    seconds = max(1, math.ceil((free_at - now).total_seconds()))
    wait = f"about {math.ceil(seconds / 60)} minute{'s' if seconds > 60 else ''}"
    elsewhere = "" if device is not None else " A device you have signed in with before still can."
    abort(429, message=f"Too many failed sign-ins. Try again in {wait}.{elsewhere}",
          headers={"Retry-After": str(seconds)})


def _known_device(email: str, device_key: str | None):
    """The KnownDevice row of `device_key` for the account `email`, or None."""
    if not device_key:
        return None
    return db.session.execute(
        select(KnownDevice).join(User, User.id == KnownDevice.user_id)
        .where(KnownDevice.key_hash == hash_token(device_key), User.email == email)
    ).scalar_one_or_none()


def _remember_device(user: User, device, device_key: str | None, now: datetime) -> str:
    """The key this device keeps for its next sign-in: the one it sent when it is known,
    otherwise a new one (forgetting the least recently used beyond MAX_KNOWN_DEVICES)."""
    if device is not None:
        device.last_used_at = now
        return device_key
    key = secrets.token_urlsafe(32)
    db.session.add(KnownDevice(user_id=user.id, key_hash=hash_token(key), created_at=now,
                               last_used_at=now))
    db.session.flush()
    stale = (select(KnownDevice.id).where(KnownDevice.user_id == user.id)
             .order_by(KnownDevice.last_used_at.desc(), KnownDevice.id.desc())
             .offset(MAX_KNOWN_DEVICES))
    db.session.execute(delete(KnownDevice).where(KnownDevice.id.in_(stale.scalar_subquery())))
    return key


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
    throttle.forget([throttle_key("account", user.email)])
    db.session.execute(delete(User).where(User.id == user.id))
    db.session.commit()
    erase_freed_space(db.engine)


def _jsonable(value):
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    return value
