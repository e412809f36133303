"""Synced practice records: each row is one client record with a JSON `data` body.

The record bodies are small, personal and shaped by the PWA's screens, so they are kept
as validated JSON (see schemas.py) rather than one column per field; the sync columns
come from SyncedRecord and the nullable `data` column (erased on a tombstone) from
JsonData. Every table has `user_id`, so account export and deletion include it.
"""
from sqlalchemy import Index

from server.extensions import db
from server.sync.models import SyncedRecord
from server.sync.registry import JsonData


class BedtimeRoutine(SyncedRecord, JsonData, db.Model):
    __tablename__ = "bedtime_routines"
    __table_args__ = (Index("ix_bedtime_routines_user_id_seq", "user_id", "seq"),)


class BedtimeLog(SyncedRecord, JsonData, db.Model):
    __tablename__ = "bedtime_logs"
    __table_args__ = (Index("ix_bedtime_logs_user_id_seq", "user_id", "seq"),)


class PacingPlan(SyncedRecord, JsonData, db.Model):
    __tablename__ = "pacing_plans"
    __table_args__ = (Index("ix_pacing_plans_user_id_seq", "user_id", "seq"),)


class LateralitySession(SyncedRecord, JsonData, db.Model):
    __tablename__ = "laterality_sessions"
    __table_args__ = (Index("ix_laterality_sessions_user_id_seq", "user_id", "seq"),)


class LessonProgress(SyncedRecord, JsonData, db.Model):
    __tablename__ = "lesson_progress"
    __table_args__ = (Index("ix_lesson_progress_user_id_seq", "user_id", "seq"),)


class PracticeSession(SyncedRecord, JsonData, db.Model):
    """One guided practice done (vagal exercises, imagined movements, mirror therapy)."""

    __tablename__ = "practice_sessions"
    __table_args__ = (Index("ix_practice_sessions_user_id_seq", "user_id", "seq"),)


class Screening(SyncedRecord, JsonData, db.Model):
    """One screening questionnaire filled in (STOP-Bang for sleep apnoea)."""

    __tablename__ = "screenings"
    __table_args__ = (Index("ix_screenings_user_id_seq", "user_id", "seq"),)
