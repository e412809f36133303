"""The weekly PEG-3: a synced record whose `data` is {week_start, pain, enjoyment, activity}."""
from sqlalchemy import JSON, Index
from sqlalchemy.orm import Mapped, mapped_column

from server.extensions import db
from server.sync.models import SyncedRecord


class Peg3(SyncedRecord, db.Model):
    """One week's PEG-3 answers; the score (their mean) is computed, never stored."""

    __tablename__ = "peg3"
    __table_args__ = (Index("ix_peg3_user_id_seq", "user_id", "seq"),)

    data: Mapped[dict] = mapped_column(JSON)
