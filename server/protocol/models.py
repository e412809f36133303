"""Synced protocol records: lab results, protocol items and the person's health conditions.

Each row is one client record with a validated JSON `data` body (see schemas.py); the
sync columns come from SyncedRecord and the `data` column (erased on a tombstone) from
JsonData. Every table has `user_id`, so account export and deletion include it.
"""
from sqlalchemy import Index

from server.extensions import db
from server.sync.models import SyncedRecord
from server.sync.registry import JsonData


class LabResult(SyncedRecord, JsonData, db.Model):
    __tablename__ = "lab_results"
    __table_args__ = (Index("ix_lab_results_user_id_seq", "user_id", "seq"),)


class ProtocolItem(SyncedRecord, JsonData, db.Model):
    __tablename__ = "protocol_items"
    __table_args__ = (Index("ix_protocol_items_user_id_seq", "user_id", "seq"),)


class HealthConditions(SyncedRecord, JsonData, db.Model):
    """The short list of conditions the safety checks need (kidney disease, pregnancy, …).

    One live record per person is the intent; where two devices each made one offline,
    the newest write counts and the app removes the others when it next saves.
    """

    __tablename__ = "health_conditions"
    __table_args__ = (Index("ix_health_conditions_user_id_seq", "user_id", "seq"),)
