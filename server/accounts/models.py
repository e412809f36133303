"""Users, bearer tokens and known devices (both stored only as hashes), and the counters
that limit failed sign-ins."""
from datetime import date, datetime

from sqlalchemy import JSON, Date, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from server.common.columns import UTCDateTime
from server.common.time import utcnow
from server.extensions import db


class User(db.Model):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    timezone: Mapped[str] = mapped_column(String(64), default="UTC")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Per-user sync sequence: every synced write takes the next number while holding this
    # row, so a cursor never skips a write that commits late (see server/sync).
    sync_seq: Mapped[int] = mapped_column(Integer, default=0)
    # Optional, for the clinician report's header; never required to use the app.
    name: Mapped[str | None] = mapped_column(String(120), nullable=True)
    birth_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    # The check-in sections the person chose to show, in their order (null: all, default order).
    checkin_sections: Mapped[list | None] = mapped_column(JSON, nullable=True)


class Token(db.Model):
    __tablename__ = "tokens"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)


class SignInThrottle(db.Model):
    """Failed sign-ins counted per key (an account, an address or a known device) in a
    window that starts with the first failure. Held in the database so the limit is one
    atomic counter across every worker and process (server/accounts/throttle.py)."""

    __tablename__ = "sign_in_throttles"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)  # SHA-256 of kind:value
    failures: Mapped[int] = mapped_column(Integer)
    window_start: Mapped[datetime] = mapped_column(UTCDateTime)


class KnownDevice(db.Model):
    """A browser or app that has signed in to this account before, known by a random key it
    keeps (stored here only as a hash): failures elsewhere never lock it out."""

    __tablename__ = "known_devices"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_used_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
