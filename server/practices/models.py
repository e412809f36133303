"""Synced practice and protocol records: each row is one client record with a JSON `data` body.

The record bodies are small, personal and shaped by the PWA's screens, so they are kept
as validated JSON (see schemas.py) rather than one column per field; the sync columns
come from SyncedRecord. Every table has `user_id`, so export and deletion include it.
"""
from sqlalchemy import JSON, Index
from sqlalchemy.orm import Mapped, mapped_column

from server.extensions import db
from server.sync.models import SyncedRecord


def _seq_index(table: str) -> tuple:
    return (Index(f"ix_{table}_user_id_seq", "user_id", "seq"),)


class LabResult(SyncedRecord, db.Model):
    __tablename__ = "lab_results"
    __table_args__ = _seq_index("lab_results")
    data: Mapped[dict] = mapped_column(JSON)


class ProtocolItem(SyncedRecord, db.Model):
    __tablename__ = "protocol_items"
    __table_args__ = _seq_index("protocol_items")
    data: Mapped[dict] = mapped_column(JSON)


class BedtimeRoutine(SyncedRecord, db.Model):
    __tablename__ = "bedtime_routines"
    __table_args__ = _seq_index("bedtime_routines")
    data: Mapped[dict] = mapped_column(JSON)


class BedtimeLog(SyncedRecord, db.Model):
    __tablename__ = "bedtime_logs"
    __table_args__ = _seq_index("bedtime_logs")
    data: Mapped[dict] = mapped_column(JSON)


class PacingPlan(SyncedRecord, db.Model):
    __tablename__ = "pacing_plans"
    __table_args__ = _seq_index("pacing_plans")
    data: Mapped[dict] = mapped_column(JSON)


class LateralitySession(SyncedRecord, db.Model):
    __tablename__ = "laterality_sessions"
    __table_args__ = _seq_index("laterality_sessions")
    data: Mapped[dict] = mapped_column(JSON)


class LessonProgress(SyncedRecord, db.Model):
    __tablename__ = "lesson_progress"
    __table_args__ = _seq_index("lesson_progress")
    data: Mapped[dict] = mapped_column(JSON)
