"""Reminder rules (synced records), their occurrences with claims, and the delivery log."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from server.common.columns import UTCDateTime
from server.common.ids import new_id
from server.extensions import db
from server.sync.models import SyncedRecord
from server.sync.registry import JsonData


class ReminderRule(SyncedRecord, JsonData, db.Model):
    """A person's reminder rule; ``data`` is the rule (see server.reminders.schemas)."""

    __tablename__ = "reminder_rules"


class ReminderAction(SyncedRecord, JsonData, db.Model):
    """"Done" or "snooze" on a notification, synced from the service worker's outbox.

    ``processed_at`` is set by the scheduler tick that applied it (a snooze creates a
    new occurrence), so a replayed or re-synced action is applied once.
    """

    __tablename__ = "reminder_actions"

    processed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class ReminderOccurrence(db.Model):
    """One due reminder (or alert notification), claimed by exactly one scheduler to send.

    ``rule_id`` is a reminder rule id, or ``"alert:<rule>"`` for alert notifications (then
    ``occurrence_key`` is the alert event id). Status: pending -> claimed -> sent | failed,
    or expired when it stopped being worth sending; done after the person tapped "Done".
    """

    __tablename__ = "reminder_occurrences"
    __table_args__ = (
        UniqueConstraint("rule_id", "occurrence_key"),
        Index("ix_reminder_occurrences_status_due_at", "status", "due_at"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    rule_id: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(16))
    occurrence_key: Mapped[str] = mapped_column(String(64))
    local_date: Mapped[date] = mapped_column(Date)
    due_at: Mapped[datetime] = mapped_column(UTCDateTime)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    status: Mapped[str] = mapped_column(String(16), default="pending")
    claimed_by: Mapped[str | None] = mapped_column(String(64))
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    alert_event_id: Mapped[str | None] = mapped_column(String(36))


class Delivery(db.Model):
    """The delivery log: one row per (occurrence, subscription), written *before* sending.

    The unique key is what makes a second send impossible: a scheduler that cannot
    insert (or re-reserve a retryable) row does not send. ``attempts`` counts sends,
    ``status`` is sending | sent | gone | retry | failed.
    """

    __tablename__ = "reminder_deliveries"
    __table_args__ = (UniqueConstraint("occurrence_id", "subscription_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    occurrence_id: Mapped[str] = mapped_column(
        ForeignKey("reminder_occurrences.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    subscription_id: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(16), default="sending")
    status_code: Mapped[int | None] = mapped_column(Integer)
    attempts: Mapped[int] = mapped_column(Integer, default=1)
    worker: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
