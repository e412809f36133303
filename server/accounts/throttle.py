"""Failed sign-in limits as atomic counters in the database (docs/security.md, "Sign-in").

An attempt first *reserves* a place under each limit that applies to it, with one
conditional UPDATE that only succeeds below the limit, and commits before the slow
password check. However many requests race, at most `limit` of them get a place in a
window; the rest are refused before their password is even looked at. A failed attempt
keeps its place (it is the failure); a successful one gives its place back.
"""
import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import bindparam, case, delete, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite

from server.accounts.models import SignInThrottle
from server.common.columns import UTCDateTime
from server.common.time import as_utc
from server.extensions import db

T = SignInThrottle.__table__


@dataclass(frozen=True)
class Limit:
    """At most `failures` failed sign-ins per `window` for one key (see throttle_key)."""

    key: str
    failures: int
    window: timedelta


def throttle_key(kind: str, value: str) -> str:
    """The stored key of an account ("account", email), address or known device: a hash,
    so the table never holds the emails or addresses that were tried."""
    return hashlib.sha256(f"{kind}:{value}".encode("utf-8", "surrogatepass")).hexdigest()


def _reserve_statement():
    expired = T.c.window_start <= bindparam("expired", type_=UTCDateTime())
    return (
        update(T)
        .where(T.c.key == bindparam("k"), or_(expired, T.c.failures < bindparam("limit")))
        .values(failures=case((expired, 1), else_=T.c.failures + 1),
                window_start=case((expired, bindparam("now", type_=UTCDateTime())),
                                  else_=T.c.window_start))
        .returning(T.c.failures)
    )


_RESERVE = _reserve_statement()


def reserve(limits: list[Limit], now: datetime) -> datetime | None:
    """Take one place under every limit and commit. Returns None when taken, or the moment
    the first full limit frees up (then nothing is kept: a refused try counts for nothing).

    Limits are taken in the caller's fixed order (account before address), so two racing
    attempts never wait on each other's rows in opposite orders on PostgreSQL.
    """
    for limit in limits:
        if not _take(limit, now):
            db.session.rollback()  # the places taken so far were never committed
            return _window_end(limit, now)
    db.session.commit()
    return None


def _take(limit: Limit, now: datetime) -> bool:
    params = {"k": limit.key, "limit": limit.failures, "now": now, "expired": now - limit.window}
    for _try in range(2):  # a second round only when a racing first attempt created the row
        if db.session.execute(_RESERVE, params).first() is not None:
            return True
        if _insert_first(limit.key, now):
            return True
    return False


def _insert_first(key: str, now: datetime) -> bool:
    """Start a key's first window; False when the row already exists (another request won)."""
    dialect = postgresql if db.engine.dialect.name == "postgresql" else sqlite
    statement = (dialect.insert(T).values(key=key, failures=1, window_start=now)
                 .on_conflict_do_nothing(index_elements=["key"]).returning(T.c.key))
    return db.session.execute(statement).first() is not None


def _window_end(limit: Limit, now: datetime) -> datetime:
    start = db.session.execute(select(T.c.window_start).where(T.c.key == limit.key)).scalar()
    db.session.rollback()
    return as_utc(start) + limit.window if start is not None else now


def release(limits: list[Limit], now: datetime) -> None:
    """Give back the places a successful attempt took, and drop counters that are empty or
    whose window has ended (keeps the table as small as the current attacks); commits."""
    for limit in limits:
        db.session.execute(update(T).where(T.c.key == limit.key, T.c.failures > 0)
                           .values(failures=T.c.failures - 1))
    oldest = now - max(limit.window for limit in limits)
    db.session.execute(delete(T).where(or_(T.c.failures <= 0, T.c.window_start <= oldest)))
    db.session.commit()


def forget(keys: list[str]) -> None:
    """Drop the counters of `keys` (a deleted account); the caller commits."""
    db.session.execute(delete(T).where(T.c.key.in_(keys)))
