"""The weekly PEG-3 (Krebs 2009): a synced record, data {week_start, pain, enjoyment, activity}."""

from sqlalchemy import Index

from server.extensions import db
from server.sync.models import SyncedRecord
from server.sync.registry import JsonData


class Peg3(SyncedRecord, JsonData, db.Model):
    """One week's PEG-3 answers; the score (their mean) is computed, never stored."""

    __tablename__ = "peg3"
    __table_args__ = (Index("ix_peg3_user_id_seq", "user_id", "seq"),)
