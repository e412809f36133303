"""A person's notification settings: one row per person, created on first save."""

from __future__ import annotations

from sqlalchemy import ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from server.extensions import db

DEFAULTS = {"quiet_start": "22:00", "quiet_end": "07:00", "daily_cap": 2}


class NotificationSettings(db.Model):
    """Quiet hours (local "HH:MM", start == end turns them off) and the daily alert cap.

    Reminders are deferred to the end of quiet hours; alerts too, and beyond ``daily_cap``
    pushed alerts a day the rest are shown in the app only.
    """

    __tablename__ = "notification_settings"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    quiet_start: Mapped[str] = mapped_column(String(5), default=DEFAULTS["quiet_start"])
    quiet_end: Mapped[str] = mapped_column(String(5), default=DEFAULTS["quiet_end"])
    daily_cap: Mapped[int] = mapped_column(Integer, default=DEFAULTS["daily_cap"])
