"""Synced practice and protocol records: each row is one client record with a JSON `data` body.

The record bodies are small, personal and shaped by the PWA's screens, so they are kept
as validated JSON (see schemas.py) rather than one column per field; the sync columns
come from SyncedRecord and the nullable `data` column (erased on a tombstone) from JsonData. Every table has `user_id`, so export and deletion include it.
"""
from sqlalchemy import Index

from server.extensions import db
from server.sync.models import SyncedRecord
from server.sync.registry import JsonData


def _seq_index(table: str) -> tuple:
    return (Index(f"ix_{table}_user_id_seq", "user_id", "seq"),)


class LabResult(SyncedRecord, JsonData, db.Model):
    __tablename__ = "lab_results"
    __table_args__ = _seq_index("lab_results")


class ProtocolItem(SyncedRecord, JsonData, db.Model):
    __tablename__ = "protocol_items"
    __table_args__ = _seq_index("protocol_items")


class BedtimeRoutine(SyncedRecord, JsonData, db.Model):
    __tablename__ = "bedtime_routines"
    __table_args__ = _seq_index("bedtime_routines")


class BedtimeLog(SyncedRecord, JsonData, db.Model):
    __tablename__ = "bedtime_logs"
    __table_args__ = _seq_index("bedtime_logs")


class PacingPlan(SyncedRecord, JsonData, db.Model):
    __tablename__ = "pacing_plans"
    __table_args__ = _seq_index("pacing_plans")


class LateralitySession(SyncedRecord, JsonData, db.Model):
    __tablename__ = "laterality_sessions"
    __table_args__ = _seq_index("laterality_sessions")


class LessonProgress(SyncedRecord, JsonData, db.Model):
    __tablename__ = "lesson_progress"
    __table_args__ = _seq_index("lesson_progress")
