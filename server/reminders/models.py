"""Reminder rules (synced records), their occurrences with claims, and the delivery log."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Date, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from server.common.columns import UTCDateTime
from server.common.ids import new_id
from server.extensions import db
from server.sync.models import SyncedRecord
from server.sync.registry import JsonData


class ReminderRule(SyncedRecord, JsonData, db.Model):
    """A person's reminder rule; ``data`` is the rule (see server.reminders.schemas).

    ``next_due_at`` is the next instant the scheduler tick must look at this rule (its next
    occurrence, or a recheck time when none falls within the horizon); NULL means "not yet
    computed", and is what every edit, time-zone change and quiet-hours change sets
    (server.reminders.next_due). The tick reads only rules that are NULL or due, by the
    (deleted, next_due_at) index, instead of every live rule each minute.
    """

    __tablename__ = "reminder_rules"
    __table_args__ = (Index("ix_reminder_rules_deleted_next_due_at", "deleted", "next_due_at"),)

    next_due_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


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
    ``occurrence_key`` is the alert event id). Status: pending -> delivering (one Delivery
    row per live subscription was written) -> sent (some device has it) | failed (none
    took it), or expired when it stopped being worth sending; done after "Done" was tapped.
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
    """Delivery state of one occurrence to one device (subscription): the unit of sending.

    ``status``: pending (to send at ``next_attempt_at``) -> sending (leased by ``worker``
    until ``lease_until``; a lapsed lease is taken over and sent again) -> sent | gone
    (404/410) | failed (refused, or out of attempts) | expired (the occurrence went stale).
    ``attempts`` counts requests made to the push service for this row.
    """

    __tablename__ = "reminder_deliveries"
    __table_args__ = (
        UniqueConstraint("occurrence_id", "subscription_id"),
        Index("ix_reminder_deliveries_status_next_attempt_at", "status", "next_attempt_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    occurrence_id: Mapped[str] = mapped_column(
        ForeignKey("reminder_occurrences.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    subscription_id: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(16), default="pending")
    status_code: Mapped[int | None] = mapped_column(Integer)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    worker: Mapped[str | None] = mapped_column(String(64))
    next_attempt_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    lease_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class SchedulerBeat(db.Model):
    """When each scheduler process last finished each job, with what it did (for operators)."""

    __tablename__ = "scheduler_beats"

    worker: Mapped[str] = mapped_column(String(64), primary_key=True)
    job: Mapped[str] = mapped_column(String(16), primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    result: Mapped[dict | None] = mapped_column(JSON)
