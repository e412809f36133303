"""Per-person alert settings, per-rule alert state, and the alert events shown in the app."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from server.common.columns import UTCDateTime
from server.common.ids import new_id
from server.extensions import db


def empty_dict() -> dict:
    return {}


class AlertSettings(db.Model):
    """One row per person: rules turned on/off and thresholds (quiet hours and the daily
    cap live in server.notifications, shared with reminders).

    ``evaluated_on`` is the local date the nightly evaluation last ran for this person;
    a scheduler claims a night's run by moving it forward with a conditional UPDATE.
    """

    __tablename__ = "alert_settings"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    enabled: Mapped[dict] = mapped_column(JSON, default=empty_dict)
    thresholds: Mapped[dict] = mapped_column(JSON, default=empty_dict)
    evaluated_on: Mapped[date | None] = mapped_column(Date)


class AlertState(db.Model):
    """Armed/fired state of one alert rule for one person (the re-arm rule's memory)."""

    __tablename__ = "alert_states"
    __table_args__ = (UniqueConstraint("user_id", "rule"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    rule: Mapped[str] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(8), default="armed")
    changed_on: Mapped[date | None] = mapped_column(Date)


class AlertEvent(db.Model):
    """An alert that fired: shown in the app with its explanation; ``pushed`` says whether a
    notification was queued (quiet hours defer it; beyond the daily cap it is in-app only)."""

    __tablename__ = "alert_events"
    __table_args__ = (UniqueConstraint("user_id", "rule", "day"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    rule: Mapped[str] = mapped_column(String(32))
    day: Mapped[date] = mapped_column(Date)
    title: Mapped[str] = mapped_column(String(200))
    explanation: Mapped[str] = mapped_column(Text)
    pushed: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    #: For a personal warning: the days it speaks of (first and last), and
    #: {"signs": [keys], "suggestion": {text, practice}}; None for the fixed rules.
    target_from: Mapped[date | None] = mapped_column(Date)
    target_to: Mapped[date | None] = mapped_column(Date)
    details: Mapped[dict | None] = mapped_column(JSON)


class WarningSign(db.Model):
    """One personal warning sign of one person (server/alerts/warnings.py ``Sign``).

    ``sign`` is the rule itself as JSON; ``active`` says whether the latest analysis still
    reports its pattern (a sign no longer backed by the data stays for its record but
    warns no more); ``muted`` is the person's choice.
    """

    __tablename__ = "warning_signs"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    key: Mapped[str] = mapped_column(String(16), primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    sign: Mapped[dict] = mapped_column(JSON)
    found_on: Mapped[date] = mapped_column(Date)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    muted: Mapped[bool] = mapped_column(Boolean, default=False)
