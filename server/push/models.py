"""Push subscriptions: one row per browser that agreed to receive notifications."""
from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from server.common.columns import UTCDateTime
from server.common.time import utcnow
from server.extensions import db


class PushSubscription(db.Model):
    """A browser's PushSubscription, owned by one person.

    ``endpoint`` is unique: it names one browser profile, so when another account
    signs in on that browser and subscribes, the row moves to that account.
    ``failures`` counts failed sends since ``last_success_at``; ``failing_since`` is the
    first failure after the last success. A subscription failing for DISABLE_AFTER gets
    ``disabled_at``: nothing more is sent to it until its browser subscribes again (the
    app shows the person which device stopped receiving). The delivery log itself (per
    reminder occurrence) belongs to server.reminders.
    """

    __tablename__ = "push_subscriptions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    endpoint: Mapped[str] = mapped_column(String(2048), unique=True)
    p256dh: Mapped[str] = mapped_column(String(128))
    auth: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_success_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    failing_since: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    disabled_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
