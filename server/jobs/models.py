"""One row per piece of analysis work: a person's refresh after a sync, or their nightly run."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from server.common.columns import UTCDateTime
from server.extensions import db


class AnalysisJob(db.Model):
    """A claimed unit of analysis work (docs/reminders-and-alerts.md, "Analysis jobs").

    Status: pending -> claimed -> done, or back to pending with a later ``due_at`` after a
    failure, and ``dead`` after MAX_ATTEMPTS. A claim is a lease: a claimed row whose
    ``lease_until`` has passed (its scheduler died) is claimable again. ``dedupe`` keeps one
    open job per person and kind: "refresh:<user>" while pending (cleared when claimed, so
    data arriving during a run queues the next one), "nightly:<user>:<local date>" for good.
    """

    __tablename__ = "analysis_jobs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(8))
    dedupe: Mapped[str | None] = mapped_column(String(48), unique=True)
    status: Mapped[str] = mapped_column(String(8), default="pending", index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    due_at: Mapped[datetime] = mapped_column(UTCDateTime)
    claimed_by: Mapped[str | None] = mapped_column(String(64))
    lease_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
